"""RSS 2.0, RSS 1.0 and Atom feeds as candidate links for the library.

feedparser does the parsing (and resolves relative links against ``xml:base`` and the feed's own
address). Feeds in the wild are often slightly broken: a feed that feedparser flags as "bozo" is
still accepted when it yielded a title or entries, and refused with :class:`FeedError` when it
yielded nothing. Entries without a usable link are skipped; entry URLs are canonicalised and
de-duplicated, so the library sees each article once.
"""

import io
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin

import feedparser
from bs4 import BeautifulSoup

from server.library.errors import FeedError, InvalidURL
from server.library.fetcher import fetch
from server.library.metadata import MAX_DESCRIPTION, MAX_TITLE, shorten
from server.library.urls import canonical_url, parse_http_url

FEED_CONTENT_TYPES = (
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
    "application/x-rss+xml",
    # Misconfigured servers commonly send feeds as text/plain; the parser decides, not the header.
    "text/plain",
)
MAX_FEED_BYTES = 5_000_000


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str | None = None
    summary: str | None = None
    published: datetime | None = None
    image: str | None = None


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    entries: list[FeedEntry] = field(default_factory=list)
    link: str | None = None


def parse_feed(body: bytes, *, url: str, content_type_header: str | None = None) -> ParsedFeed:
    """Parse a feed ``body`` fetched from ``url`` (the base for relative links).

    Raises :class:`FeedError` when the body is empty, not a feed, or too broken to yield anything.
    """
    if not body.strip():
        raise FeedError("The feed is empty.")
    headers = {"content-location": url, "content-type": content_type_header or "application/xml"}
    # A BytesIO, never raw bytes or str: feedparser treats a string as a URL or a file path to open.
    parsed = feedparser.parse(io.BytesIO(body), response_headers=headers)
    title = shorten(parsed.feed.get("title"), MAX_TITLE)
    if not parsed.version and not parsed.entries and not parsed.bozo:
        raise FeedError("This is not an RSS or Atom feed.")
    if not parsed.entries and not title:
        raise FeedError(_unusable_reason(parsed))
    return ParsedFeed(title=title, entries=_usable_entries(parsed.entries, url),
                      link=_http_url(parsed.feed.get("link"), url))


def fetch_feed(url: str, *, accept: Collection[str] = FEED_CONTENT_TYPES, max_bytes: int = MAX_FEED_BYTES,
               **fetch_options) -> ParsedFeed:
    """Fetch ``url`` through the hardened fetcher and parse it; ``fetch_options`` go to :func:`fetch`.

    Raises :class:`FetchError` subclasses for transport problems and :class:`FeedError` for content.
    """
    result = fetch(url, accept=accept, max_bytes=max_bytes, **fetch_options)
    return parse_feed(result.body, url=result.final_url, content_type_header=result.headers.get("Content-Type"))


def _unusable_reason(parsed: feedparser.FeedParserDict) -> str:
    problem = parsed.get("bozo_exception")
    if problem is not None:
        detail = getattr(problem, "getMessage", lambda: str(problem))()
        return f"The feed cannot be read: {detail}."
    return "The feed has no title and no entries."


def _usable_entries(raw_entries: list, feed_url: str) -> list[FeedEntry]:
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for raw in raw_entries:
        url = _entry_url(raw, feed_url)
        if url is None or url in seen:
            continue
        seen.add(url)
        entries.append(FeedEntry(
            url=url,
            title=shorten(raw.get("title"), MAX_TITLE),
            summary=shorten(_plain_text(raw.get("summary")), MAX_DESCRIPTION),
            published=_published(raw),
            image=_entry_image(raw, url),
        ))
    return entries


def _entry_url(raw: feedparser.FeedParserDict, feed_url: str) -> str | None:
    link = raw.get("link")
    if not link and raw.get("guidislink"):
        link = raw.get("id")
    if not link:
        return None
    try:
        return canonical_url(urljoin(feed_url, link.strip()))
    except (InvalidURL, ValueError):
        return None


def _published(raw: feedparser.FeedParserDict) -> datetime | None:
    moment = raw.get("published_parsed") or raw.get("updated_parsed")
    if not moment:
        return None
    try:
        return datetime(*moment[:6], tzinfo=UTC)
    except ValueError:
        return None


def _entry_image(raw: feedparser.FeedParserDict, entry_url: str) -> str | None:
    """Media RSS thumbnail, then an image enclosure, then the first ``<img>`` of the content."""
    candidates = [thumbnail.get("url") for thumbnail in raw.get("media_thumbnail", [])]
    candidates += [media.get("url") for media in raw.get("media_content", []) if _is_image(media)]
    candidates += [link.get("href") for link in raw.get("links", [])
                   if link.get("rel") == "enclosure" and _is_image(link)]
    for html in [*(content.get("value") for content in raw.get("content", [])), raw.get("summary")]:
        candidates += _image_sources(html)
    for candidate in candidates:
        image = _http_url(candidate, entry_url)
        if image:
            return image
    return None


def _is_image(media: dict) -> bool:
    return media.get("medium") == "image" or str(media.get("type", "")).startswith("image/")


def _image_sources(html: str | None) -> list[str]:
    if not html or "<img" not in html:
        return []
    return [img["src"] for img in BeautifulSoup(html, "html.parser").find_all("img", src=True)]


def _plain_text(html: str | None) -> str | None:
    if not html:
        return None
    return BeautifulSoup(html, "html.parser").get_text(" ")


def _http_url(candidate: str | None, base: str) -> str | None:
    if not candidate or not candidate.strip():
        return None
    try:
        return str(parse_http_url(urljoin(base, candidate.strip())))
    except (InvalidURL, ValueError):
        return None
