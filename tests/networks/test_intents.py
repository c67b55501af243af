"""Share intents: the exact composer URL for every network, with the encoding that survives any parser."""

import pytest

from server import networks
from server.networks import Intent, InvalidInstance, mastodon

TEXT = "Fiers de l'équipe 🎉\nQ&A #Lyon + 100%"
T = "Fiers%20de%20l%27%C3%A9quipe%20%F0%9F%8E%89%0AQ%26A%20%23Lyon%20%2B%20100%25"
T_CRLF = T.replace("%0A", "%0D%0A")
URL = "https://ex.fr/s/Ab3?c=1&d=2"
U = "https%3A%2F%2Fex.fr%2Fs%2FAb3%3Fc%3D1%26d%3D2"
TITLE = "Bilan 2026 : l'été"
TI = "Bilan%202026%20%3A%20l%27%C3%A9t%C3%A9"


@pytest.mark.parametrize(("name", "url", "copy_text"), [
    ("linkedin", f"https://www.linkedin.com/sharing/share-offsite/?url={U}", TEXT),
    ("x", f"https://x.com/intent/tweet?text={T}&url={U}", None),
    ("facebook", f"https://www.facebook.com/sharer/sharer.php?u={U}", TEXT),
    ("mastodon", f"https://mastodon.social/share?text={T}%0A%0A{U}", None),
    ("bluesky", f"https://bsky.app/intent/compose?text={T}%0A%0A{U}", None),
    ("threads", f"https://www.threads.com/intent/post?text={T}&url={U}", None),
    ("whatsapp", f"https://wa.me/?text={T}%0A%0A{U}", None),
    ("telegram", f"https://t.me/share/url?url={U}&text={T}", None),
    ("reddit", f"https://www.reddit.com/submit?url={U}&title={TI}", TEXT),
    ("xing", f"https://www.xing.com/spi/shares/new?url={U}", TEXT),
    ("teams", f"https://teams.microsoft.com/share?href={U}&msgText={T}", None),
    ("email", f"mailto:?subject={TI}&body={T_CRLF}%0D%0A%0D%0A{U}", None),
    ("copy", None, f"{TEXT}\n\n{URL}"),
])
def test_intent_url_encodes_accents_emoji_reserved_characters_and_newlines(name, url, copy_text):
    intent = networks.get(name).build_intent(TEXT, URL, title=TITLE, instance="mastodon.social")
    assert intent == Intent(url, copy_text=copy_text, needs_instance=name == "mastodon")


TEXT_WITH_LINK = f"À lire : {URL} #IA"
TL = "%C3%80%20lire%20%3A%20" + U + "%20%23IA"


@pytest.mark.parametrize(("name", "url"), [
    ("x", f"https://x.com/intent/tweet?text={TL}"),
    ("threads", f"https://www.threads.com/intent/post?text={TL}"),
    ("mastodon", f"https://mastodon.social/share?text={TL}"),
    ("bluesky", f"https://bsky.app/intent/compose?text={TL}"),
    ("whatsapp", f"https://wa.me/?text={TL}"),
    ("telegram", f"https://t.me/share/url?url={U}&text=%C3%80%20lire%20%3A%20%23IA"),
    ("email", f"mailto:?body={TL}"),
])
def test_intent_does_not_repeat_a_link_the_text_already_holds(name, url):
    assert networks.get(name).build_intent(TEXT_WITH_LINK, URL, instance="mastodon.social").url == url


def test_copy_keeps_a_text_that_already_holds_the_link():
    assert networks.get("copy").build_intent(TEXT_WITH_LINK, URL).copy_text == TEXT_WITH_LINK


def test_a_longer_url_starting_like_the_link_is_not_the_link():
    text = f"Voir {URL}9 ailleurs"
    assert "url=" in networks.get("x").build_intent(text, URL).url


def test_reddit_leaves_out_a_missing_title():
    assert networks.get("reddit").build_intent(TEXT, URL).url == f"https://www.reddit.com/submit?url={U}"


def test_mastodon_without_instance_asks_for_one():
    assert mastodon.build_intent(TEXT, URL) == Intent(None, needs_instance=True)


@pytest.mark.parametrize(("given", "host"), [
    ("mastodon.social", "mastodon.social"),
    ("  Piaille.FR ", "piaille.fr"),
    ("social.example-corp.co.uk", "social.example-corp.co.uk"),
    ("équipe.example", "xn--quipe-9ra.example"),
])
def test_instance_is_normalised_to_a_bare_host(given, host):
    assert mastodon.normalize_instance(given) == host


@pytest.mark.parametrize("given", [
    "", "https://mastodon.social", "mastodon.social/@marie", "mastodon.social:8443", "marie@mastodon.social",
    "javascript:alert(1)", "//evil.example", "evil.example#x", "evil.example?x=1", "localhost",
    "127.0.0.1", "[::1]", "a..b", "-bad.example", "bad-.example", "exa mple.com", "under_score.example",
    "evil.example\\@good.example",
])
def test_instance_that_is_not_a_bare_host_is_refused(given):
    with pytest.raises(InvalidInstance):
        mastodon.normalize_instance(given)


def test_intent_refuses_an_instance_that_is_not_a_bare_host():
    with pytest.raises(InvalidInstance):
        mastodon.build_intent(TEXT, URL, instance="evil.example/phish?x=")
