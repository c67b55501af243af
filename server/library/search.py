"""Full-text search of the library, one interface over SQLite FTS5 and PostgreSQL text search.

Both backends index the same `links.search_text`: the link's words, lower-cased and stripped of accents
by `normalise_words`, so "Énergies" and "energies" meet and both databases behave alike. Queries are
normalised the same way before they reach the index, which also means user input can never inject query
syntax (only letters and digits survive). Two modes: every word (a search box; each word may be the start
of a longer one, "marin" finds "marines") or any word (relevance to a page's text, ranked).
"""

import re
import unicodedata
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from peewee import Column, Expression, Table, fn

from server.db import backend_name

_WORD = re.compile(r"[^\W_]+")
MAX_QUERY_WORDS = 12
MAX_RANKED_MATCHES = 500
MIN_CONTEXT_WORD = 3
# Words too common to say what a page is about (French and English), in server/library/data/stopwords.txt.
_STOPWORDS_FILE = Path(__file__).parent / "data" / "stopwords.txt"
STOPWORDS = frozenset(line.strip() for line in _STOPWORDS_FILE.read_text().splitlines()
                      if line.strip() and not line.startswith("#"))


def normalise_words(text):
    """The words of `text`, lower-cased, without accents: what the index stores and queries use."""
    if not text:
        return []
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _WORD.findall(plain)


def url_words(url):
    """The words of an address's host and path ("www.acme.example/news/lyon-2025" → www acme example news…)."""
    parts = urlsplit(url)
    return normalise_words(parts.hostname or "") + normalise_words(parts.path)


def search_text_of(link):
    """The text the index keeps for `link`: title, description, site, tags, and its address's words."""
    parts = [link.title, link.description, link.site_name, " ".join(link.tags or ())]
    words = normalise_words(" ".join(part for part in parts if part))
    return " ".join(words + (url_words(link.url) if link.url else []))


def query_words(text):
    """The words of a search box's text worth asking for (stop words dropped unless nothing else is left)."""
    words = list(dict.fromkeys(normalise_words(text)))
    meaningful = [word for word in words if word not in STOPWORDS]
    return (meaningful or words)[:MAX_QUERY_WORDS]


def context_words(text=None, url=None, limit=MAX_QUERY_WORDS):
    """What a page is about: its most frequent meaningful words, the address's path words first."""
    counts = Counter(word for word in normalise_words(text) if len(word) >= MIN_CONTEXT_WORD
                     and word not in STOPWORDS and not word.isdigit())
    # The host names the site and the query string tracks visitors: only the path says what the page is about.
    from_url = [word for word in normalise_words(urlsplit(url).path if url else "") if len(word) >= MIN_CONTEXT_WORD
                and word not in STOPWORDS and not word.isdigit()]
    ranked = sorted(counts, key=lambda word: (-counts[word], -len(word)))
    return list(dict.fromkeys(from_url[-4:] + ranked))[:limit]


def matching(words, *, any_word=False):
    """A condition on Link: its text holds every word (as the start of a word), or any word.

    None when there is no word to look for (the caller then filters nothing).
    """
    from server.library.models import Link

    if not words:
        return None
    if backend_name() == "sqlite":
        fts = Table("links_fts")
        matches = fts.select(Column(fts, "rowid")).where(
            Expression(Column(fts, "links_fts"), "MATCH", _fts5_query(words, any_word)))
        return Link.id.in_(matches)
    return Expression(Column(Link, "search_vector"), "@@", fn.to_tsquery("simple", _tsquery(words, any_word)))


def ranked_ids(query, words, *, any_word=False, limit=200, model=None, among_newest=MAX_RANKED_MATCHES):
    """[(link_id, relevance)] best first among the links `query` (a select of `model`: Link or an alias of
    it) allows.

    Only the `among_newest` most recently approved matches are ranked: a page's common words can match a
    third of a large library, and ranking them all would cost more than the answer is worth (suggestions
    favour fresh links anyway). Relevance is positive and larger for better matches on both backends
    (their scales differ; callers compare it within one answer only).
    """
    from server.library.models import Link

    link = model or Link
    if not words:
        return []
    newest = [link.approved_at.desc()]  # exactly the (status, approved_at) index's order, walked backwards
    if backend_name() == "sqlite":
        fts = Table("links_fts")
        matches = (query.select(link.id.alias("id"), Column(fts, "rank").alias("rank"))
                   .join(fts, on=(Column(fts, "rowid") == link.id))
                   .where(Expression(Column(fts, "links_fts"), "MATCH", _fts5_query(words, any_word)))
                   .order_by(*newest).limit(among_newest).alias("matches"))
        # FTS5's bm25 rank is negative, best first; negate it so that larger is better everywhere.
        ranked = (Link.select(matches.c.id, (matches.c.rank * -1).alias("relevance")).from_(matches)
                  .order_by(matches.c.rank))
    else:
        tsquery = fn.to_tsquery("simple", _tsquery(words, any_word))
        matches = (query.select(link.id.alias("id"), Column(link, "search_vector").alias("search_vector"))
                   .where(Expression(Column(link, "search_vector"), "@@", tsquery))
                   .order_by(*newest).limit(among_newest).alias("matches"))
        relevance = fn.ts_rank_cd(matches.c.search_vector, tsquery)
        ranked = Link.select(matches.c.id, relevance.alias("relevance")).from_(matches).order_by(relevance.desc())
    return [(link_id, float(score or 0)) for link_id, score in ranked.limit(limit).tuples()]


def _fts5_query(words, any_word):
    quoted = [f'"{word}"' for word in words]
    if any_word:
        return " OR ".join(quoted)
    return " ".join(word + "*" for word in quoted)


def _tsquery(words, any_word):
    if any_word:
        return " | ".join(f"'{word}'" for word in words)
    return " & ".join(f"'{word}':*" for word in words)
