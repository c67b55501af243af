"""Where the link goes in a text, and how links and hashtags are found (shared by several networks)."""

import pytest

from server.networks.composer import contains_link, text_with_link, text_without_link
from server.networks.links import hashtag_spans, link_spans, replace_links

LINK = "https://ex.fr/s/Ab3"


@pytest.mark.parametrize(("text", "expected"), [
    ("Bravo !", f"Bravo !\n\n{LINK}"),
    ("  Bravo !\n", f"Bravo !\n\n{LINK}"),
    (f"Lire {LINK} maintenant", f"Lire {LINK} maintenant"),
    ("", LINK),
])
def test_text_with_link_appends_the_link_once(text, expected):
    assert text_with_link(text, LINK) == expected


@pytest.mark.parametrize(("text", "expected"), [
    (f"Lire {LINK} maintenant", "Lire maintenant"),
    (f"Lire :\n{LINK}\nmerci", "Lire :\nmerci"),
    (f"{LINK}", ""),
    ("Sans lien", "Sans lien"),
])
def test_text_without_link_takes_the_link_out(text, expected):
    assert text_without_link(text, LINK) == expected


def test_a_link_followed_by_punctuation_is_still_the_link():
    assert contains_link(f"Voir {LINK}.", LINK) and contains_link(f"({LINK})", LINK)
    assert not contains_link(f"Voir {LINK}x", LINK) and not contains_link(f"{LINK}/suite", LINK)


def spans(text):
    return [text[s:e] for s, e in link_spans(text)]


@pytest.mark.parametrize(("text", "links"), [
    ("Voir https://ex.fr/a.", ["https://ex.fr/a"]),
    ("(voir https://ex.fr/a)", ["https://ex.fr/a"]),
    ("https://fr.wikipedia.org/wiki/Lyon_(ville) !", ["https://fr.wikipedia.org/wiki/Lyon_(ville)"]),
    ("«https://ex.fr/a?b=1&c=2#frag»", ["https://ex.fr/a?b=1&c=2#frag"]),
    ("deux: http://a.fr, https://b.fr!", ["http://a.fr", "https://b.fr"]),
    ("pas de lien: https:// ni ftp://x.fr", []),
])
def test_links_are_found_without_surrounding_punctuation(text, links):
    assert spans(text) == links


def test_hashtags_need_a_letter_and_a_space_before():
    text = "#Économie et #IA_2026, pas C# ni #2026 ni https://ex.fr/#ancre"
    assert [tag for _s, _e, tag in hashtag_spans(text)] == ["Économie", "IA_2026"]


def test_replace_links():
    assert replace_links("a https://x.fr/1 b http://y.fr", "<>") == "a <> b <>"
