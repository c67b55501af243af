"""Link-preview metadata from real-world-shaped pages (fixtures/), and the charset rules behind it."""

from pathlib import Path

import pytest

from server.library.html_encoding import codec_for_label, decode_html
from server.library.metadata import (
    MAX_DESCRIPTION,
    MAX_TITLE,
    PageMetadata,
    extract_metadata,
    fetch_metadata,
    normalise_language_tag,
    shorten,
)

FIXTURES = Path(__file__).parent / "fixtures"


def metadata_of(fixture, url, content_type_header=None):
    body = (FIXTURES / fixture).read_bytes()
    return extract_metadata(body, url=url, content_type_header=content_type_header)


def test_opengraph_news_article():
    assert metadata_of(
        "og_article.html",
        "https://www.quotidien-ouest.example/economie/2025/03/14/usine-saint-nazaire.html?utm_medium=social",
        "text/html; charset=utf-8",
    ) == PageMetadata(
        title="Énergie : l’usine de Saint-Nazaire double sa production",
        description="Trois ans après son ouverture, le site emploie 450 personnes et vise la neutralité "
                    "carbone d’ici 2030.",
        image="https://www.quotidien-ouest.example/images/2025/03/usine-1200x630.jpg",
        site_name="Le Quotidien de l'Ouest",
        language="fr-FR",
        canonical_url="https://www.quotidien-ouest.example/economie/2025/03/14/usine-saint-nazaire.html",
        type="article",
    )


def test_twitter_card_only_page():
    assert metadata_of("twitter_card.html", "https://acme.example/blog/4-2") == PageMetadata(
        title="Acme Cloud 4.2: faster builds, fewer surprises",
        description="Incremental caching cuts average build time by 38%.",
        image="https://cdn.acme.example/social/release-4-2.png",
    )


def test_page_with_only_a_title():
    assert metadata_of("title_only.html", "http://intranet.example.com/") == PageMetadata(
        title="Welcome to the Intranet & Team Pages",
    )


def test_broken_markup_with_metas_in_body():
    url = "https://fieldguide.example/guides/broken?page=1"
    assert metadata_of("broken_markup.html", url) == PageMetadata(
        title="Broken & Beautiful: a field guide",
        description="A description that sits in the body, after unclosed tags.",
        image="https://cdn.fieldguide.example/cover.jpg?w=1200&h=630",
        site_name="Field Guide",
        language="en-GB",
        canonical_url="https://fieldguide.example/guides/broken",
    )


def test_windows_1252_page_labelled_iso_8859_1():
    # The page says ISO-8859-1 but uses ’, œ and – from windows-1252, as French sites often do.
    assert metadata_of("windows1252.html", "https://www.cafe-oeuvres.example/ete/") == PageMetadata(
        title="Café des œuvres – l’été à Montréal",
        description="François et Hélène présentent leurs créations « faîtes main ».",
        image="https://www.cafe-oeuvres.example/ete/images/caf%C3%A9.jpg",
        language="fr",
    )


@pytest.mark.parametrize("header", [None, "text/html; charset=Shift_JIS", "text/html"])
def test_shift_jis_page(header):
    assert metadata_of("shift_jis.html", "https://sample.example.jp/news/", header) == PageMetadata(
        title="新製品発表会のお知らせ",
        description="東京で開催される発表会にご招待します。",
        site_name="株式会社サンプル",
        language="ja",
    )


def test_empty_page_has_no_metadata():
    assert metadata_of("empty.html", "https://example.com/") == PageMetadata()


def test_http_charset_wins_over_meta_declaration():
    body = '<meta charset="utf-8"><title>Été</title>'.encode("cp1252")
    metadata = extract_metadata(body, url="https://x.example/", content_type_header="text/html; charset=l1")
    assert metadata.title == "Été"


def test_byte_order_mark_wins_over_http_charset():
    body = "\ufeff<title>Noël</title>".encode()
    metadata = extract_metadata(body, url="https://x.example/", content_type_header="text/html;charset=1252")
    assert metadata.title == "Noël"


def test_undeclared_windows_1252_is_detected():
    body = "<title>Déjà l’été à Montréal : très beau séjour près de la rivière</title>".encode("cp1252")
    assert decode_html(body).encoding == "cp1252"
    assert extract_metadata(body, url="https://x.example/").title == \
        "Déjà l’été à Montréal : très beau séjour près de la rivière"


def test_undeclared_cyrillic_is_detected():
    text = "<p>Привет, как дела? Это тестовая страница на русском языке, и её надо прочитать правильно.</p>"
    page = decode_html(text.encode("cp1251"))
    assert (page.text, page.source) == (text, "detected")


def test_undeclared_utf8_is_read_as_utf8():
    page = decode_html("<title>Ça marche</title>".encode())
    assert (page.text, page.encoding, page.source) == ("<title>Ça marche</title>", "utf-8", "utf-8")


@pytest.mark.parametrize(("label", "codec"), [
    ("ISO-8859-1", "cp1252"), ("us-ascii", "cp1252"), ("Shift_JIS", "cp932"), ("UTF-8", "utf-8"),
    ("'utf8'", "utf-8"), ("gb2312", "gb18030"), ("koi8-r", "koi8-r"), ("base64", None), ("nonsense", None),
    ("", None), (None, None),
])
def test_maps_charset_labels_like_browsers(label, codec):
    assert codec_for_label(label) == codec


def test_relative_urls_resolve_against_base_href():
    body = b"""<base href="https://static.example.org/news/">
    <meta property="og:image" content="img/cover.png">
    <link rel="canonical" href="../article?id=3&utm_source=x">"""
    metadata = extract_metadata(body, url="https://example.org/a/b")
    assert metadata.image == "https://static.example.org/news/img/cover.png"
    assert metadata.canonical_url == "https://static.example.org/article?id=3"


def test_skips_images_that_are_not_http_urls():
    body = b"""<meta property="og:image" content="javascript:alert(1)">
    <meta property="og:image" content="data:image/png;base64,AAAA">
    <meta name="twitter:image" content="https://cdn.example.com/ok.png">"""
    assert extract_metadata(body, url="https://example.com/").image == "https://cdn.example.com/ok.png"


def test_first_og_image_wins():
    body = b'<meta property="og:image" content="/first.png"><meta property="og:image" content="/second.png">'
    assert extract_metadata(body, url="https://example.com/p").image == "https://example.com/first.png"


def test_language_falls_back_to_og_locale():
    body = b'<meta property="og:locale" content="en_gb"><title>x</title>'
    assert extract_metadata(body, url="https://example.com/").language == "en-GB"


def test_svg_title_in_body_does_not_replace_the_document_title():
    body = b"<html><head><title>Real title</title></head><body><svg><title>Icon</title></svg></body></html>"
    assert extract_metadata(body, url="https://example.com/").title == "Real title"


def test_long_texts_are_capped_on_a_word_boundary():
    body = f"<title>{'mot ' * 200}</title><meta name=description content='{'phrase ' * 400}'>".encode()
    metadata = extract_metadata(body, url="https://example.com/")
    assert len(metadata.title) <= MAX_TITLE
    assert metadata.title.endswith("mot…")
    assert len(metadata.description) <= MAX_DESCRIPTION
    assert metadata.description.endswith("phrase…")


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("  a\n\tb  ", 10, "a b"),
    ("", 10, None),
    ("   ", 10, None),
    (None, 10, None),
    ("abcdefghijkl", 5, "abcd…"),
    ("bonjour le monde entier", 20, "bonjour le monde…"),
])
def test_shorten(text, limit, expected):
    assert shorten(text, limit) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("fr", "fr"), ("FR_fr", "fr-FR"), ("zh-hans-cn", "zh-Hans-CN"), ("fr, en", "fr"), ("", None),
    ("not a language!", None), (None, None),
])
def test_normalise_language_tag(value, expected):
    assert normalise_language_tag(value) == expected


def test_fetch_metadata_follows_redirects_and_reads_the_final_page(local_site):
    result, metadata = fetch_metadata(f"{local_site}/chain/1", allow_private={"127.0.0.1"})
    assert result.final_url == f"{local_site}/page"
    assert metadata.title == "Énergie : l’usine de Saint-Nazaire double sa production"
    assert metadata.image == f"{local_site}/images/2025/03/usine-1200x630.jpg"


def test_fetch_metadata_reads_the_head_of_a_large_page(local_site):
    result, metadata = fetch_metadata(f"{local_site}/big", allow_private={"127.0.0.1"}, max_bytes=20_000)
    assert result.truncated is True
    assert metadata == PageMetadata()
