"""Full-text search behaves the same on SQLite (FTS5) and PostgreSQL (tsvector): accents, word starts,
relevance, the index kept in step with edits and deletions, and no query syntax from users."""

import pytest

from server.library import search
from server.library.links import delete_link
from server.library.listing import browse_library
from server.library.models import Link


def found(q):
    links, _total = browse_library(q=q)
    return [link.title for link in links]


@pytest.fixture
def shelf(library):
    library.add(title="Énergies marines : la filière bretonne", description="Hydroliennes et éolien flottant.",
                tags=["Bretagne"])
    library.add(title="Le solaire en Occitanie", description="Un parc de 120 MWc.", site_name="Acme Énergie")
    library.add("https://blog.example.org/2025/hydrogene-vert-dunkerque", title="Une usine à Dunkerque",
                description="Électrolyse.")
    return library


def test_accents_and_case_do_not_matter(shelf):
    assert found("ENERGIES MARINES") == ["Énergies marines : la filière bretonne"]
    assert found("éolien") == found("eolien") == ["Énergies marines : la filière bretonne"]


def test_words_may_be_started_and_every_word_must_match(shelf):
    assert found("hydrol") == ["Énergies marines : la filière bretonne"]
    assert found("solaire breton") == []


def test_tags_site_names_and_the_address_are_searched_too(shelf):
    assert found("bretagne") == ["Énergies marines : la filière bretonne"]
    assert found("acme") == ["Le solaire en Occitanie"]
    assert found("hydrogene vert") == ["Une usine à Dunkerque"]


def test_any_word_mode_ranks_the_closest_first(shelf):
    query = Link.select(Link.id)
    ranked = search.ranked_ids(query, ["eolien", "hydroliennes", "bretonne", "parc"], any_word=True)
    titles = [Link.get_by_id(link_id).title for link_id, _score in ranked]
    assert titles == ["Énergies marines : la filière bretonne", "Le solaire en Occitanie"]
    assert ranked[0][1] > ranked[1][1] > 0


@pytest.mark.parametrize("q", ['"', "'", "solaire OR 1=1", "(a & b) | !c", "NEAR(x y)", "col:solaire", "*", "''';--"])
def test_query_syntax_typed_by_users_is_only_words(shelf, q):
    assert all(word.isalnum() for word in search.query_words(q))
    found(q)  # never an error: operators are dropped, words are searched
    assert found(f"{q} solaire") in ([], ["Le solaire en Occitanie"])


def test_an_edit_or_a_deletion_updates_the_index(shelf, in_request, curator):
    link = Link.get(Link.title == "Le solaire en Occitanie")
    link.title = "Le photovoltaïque en Occitanie"
    link.save()
    assert found("photovoltaique") == ["Le photovoltaïque en Occitanie"] and found("solaire") == []
    with in_request(curator):
        delete_link(curator, link.id)
    assert found("photovoltaique") == []


def test_context_words_are_the_pages_subject_not_its_small_words():
    words = search.context_words("Le nouveau parc solaire de Lunel : le parc alimente 60 000 foyers. Solaire !",
                                 "https://www.midi.example/2025/03/parc-solaire-lunel.html?utm_source=x")
    assert words[:3] == ["parc", "solaire", "lunel"] and "le" not in words and "60" not in words
    assert "midi" not in words, "the site's name says nothing of the subject"
