"""What a link preview shows, read from a page's HTML.

Sources, first non-empty wins: OpenGraph (``og:*``), then Twitter cards (``twitter:*``), then plain
HTML (``<title>``, ``<meta name=description>``, ``<link rel=canonical>``, ``<html lang>``). Metas are
looked for anywhere in the document and under ``property=`` or ``name=`` alike, because real pages
put them in the body and mix the two attributes. Texts are trimmed, whitespace is collapsed and
long texts are shortened on a word boundary with an ellipsis.
"""

import re
from dataclasses import dataclass
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

from server.library.errors import InvalidURL
from server.library.fetcher import FetchResult, fetch
from server.library.html_encoding import decode_html
from server.library.urls import canonical_url as canonicalise
from server.library.urls import parse_http_url

MAX_TITLE = 300
MAX_DESCRIPTION = 1000
MAX_SITE_NAME = 200
MAX_TYPE = 50
# Previews live in <head>: the first megabyte of a page is plenty, and larger pages are common.
PREVIEW_MAX_BYTES = 1_000_000

_TITLE_KEYS = ("og:title", "twitter:title")
_DESCRIPTION_KEYS = ("og:description", "twitter:description", "description")
_IMAGE_KEYS = ("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src")
_SITE_NAME_KEYS = ("og:site_name", "application-name")
_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[a-z0-9]{1,8})*", re.IGNORECASE)
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class PageMetadata:
    """A page's preview data; any field may be None when the page does not say."""

    title: str | None = None
    description: str | None = None
    image: str | None = None
    site_name: str | None = None
    language: str | None = None
    canonical_url: str | None = None
    type: str | None = None


def extract_metadata(body: bytes, *, url: str, content_type_header: str | None = None) -> PageMetadata:
    """Read preview metadata from the HTML ``body`` fetched from ``url``.

    ``content_type_header`` (the HTTP header, if any) gives the charset priority over the page's own
    declaration. Relative image and canonical URLs are resolved against ``<base href>`` or ``url``.
    """
    soup = BeautifulSoup(decode_html(body, content_type_header).text, "html.parser")
    metas = _collect_metas(soup)
    base = _base_url(soup, url)
    return PageMetadata(
        title=shorten(_first(metas, _TITLE_KEYS) or _title_element_text(soup), MAX_TITLE),
        description=shorten(_first(metas, _DESCRIPTION_KEYS), MAX_DESCRIPTION),
        image=_first_http_url([metas.get(key) for key in _IMAGE_KEYS] + _link_hrefs(soup, "image_src"), base),
        site_name=shorten(_first(metas, _SITE_NAME_KEYS), MAX_SITE_NAME),
        language=_language(soup, metas),
        canonical_url=_canonical(soup, metas, base),
        type=(shorten(metas.get("og:type"), MAX_TYPE) or "").lower() or None,
    )


def fetch_metadata(url: str, **fetch_options) -> tuple[FetchResult, PageMetadata]:
    """Fetch ``url`` with the hardened fetcher and read its metadata.

    Bodies are truncated at ``PREVIEW_MAX_BYTES`` rather than refused (override with
    ``max_bytes``/``allow_truncation``); other ``fetch_options`` go to :func:`fetch` as they are.
    The fetch result comes back too: callers want its ``final_url`` after redirects.
    """
    options = {"max_bytes": PREVIEW_MAX_BYTES, "allow_truncation": True, **fetch_options}
    result = fetch(url, **options)
    content_type = result.headers.get("Content-Type")
    return result, extract_metadata(result.body, url=result.final_url, content_type_header=content_type)


def clean_text(value: str | None) -> str | None:
    """Collapse runs of whitespace, drop control characters and trim; empty becomes None."""
    if value is None:
        return None
    cleaned = " ".join(_CONTROL_CHARS.sub("", value).split())
    return cleaned or None


def shorten(value: str | None, limit: int) -> str | None:
    """``clean_text``, then cut to at most ``limit`` characters on a word boundary, ending with "…"."""
    cleaned = clean_text(value)
    if cleaned is None or len(cleaned) <= limit:
        return cleaned
    cut = cleaned[:limit - 1]
    if " " in cut[limit // 2:]:
        # Cutting mid-word reads as a typo; drop the partial word when one is close by.
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–—") + "…"


def _collect_metas(soup: BeautifulSoup) -> dict[str, str]:
    """First non-empty ``content`` per lower-cased key (``property``, ``name`` or ``http-equiv``)."""
    metas: dict[str, str] = {}
    for meta in soup.find_all("meta"):
        key = meta.get("property") or meta.get("name") or _http_equiv_key(meta)
        content = meta.get("content") or meta.get("value")
        if isinstance(key, str) and isinstance(content, str) and content.strip():
            metas.setdefault(key.strip().lower(), content)
    return metas


def _http_equiv_key(meta: Tag) -> str | None:
    equiv = meta.get("http-equiv")
    return f"http-equiv:{equiv}" if isinstance(equiv, str) else None


def _first(metas: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if clean_text(metas.get(key)):
            return metas[key]
    return None


def _title_element_text(soup: BeautifulSoup) -> str | None:
    # An inline <svg> can carry its own <title>; the document's is the one in <head> when there is one.
    scope = soup.head if soup.head and soup.head.find("title") else soup
    title = scope.find("title")
    return title.get_text() if title else None


def _link_hrefs(soup: BeautifulSoup, relation: str) -> list[str]:
    hrefs = []
    for link in soup.find_all("link", href=True):
        if relation in [value.lower() for value in link.get_attribute_list("rel") if value]:
            hrefs.append(link["href"])
    return hrefs


def _base_url(soup: BeautifulSoup, url: str) -> str:
    base = soup.find("base", href=True)
    if base is None:
        return url
    return urljoin(url, base["href"].strip())


def _first_http_url(candidates: list[str | None], base: str) -> str | None:
    """The first candidate that resolves to a valid http(s) URL (tracking parameters kept)."""
    for candidate in candidates:
        if candidate and candidate.strip():
            try:
                return str(parse_http_url(urljoin(base, candidate.strip())))
            except (InvalidURL, ValueError):
                continue
    return None


def _canonical(soup: BeautifulSoup, metas: dict[str, str], base: str) -> str | None:
    for candidate in [*_link_hrefs(soup, "canonical"), metas.get("og:url")]:
        if candidate and candidate.strip():
            try:
                return canonicalise(urljoin(base, candidate.strip()))
            except (InvalidURL, ValueError):
                continue
    return None


def _language(soup: BeautifulSoup, metas: dict[str, str]) -> str | None:
    html = soup.find("html")
    candidates = [
        html.get("lang") if html else None,
        html.get("xml:lang") if html else None,
        metas.get("http-equiv:content-language"),
        metas.get("og:locale"),
    ]
    for candidate in candidates:
        tag = normalise_language_tag(candidate)
        if tag:
            return tag
    return None


def normalise_language_tag(value: str | None) -> str | None:
    """``fr_fr`` → ``fr-FR``; the first of a list (``fr, en``); None unless it looks like BCP 47."""
    if not isinstance(value, str):
        return None
    first = value.split(",")[0].strip().replace("_", "-")
    if not _LANGUAGE_TAG.fullmatch(first):
        return None
    primary, *subtags = first.split("-")
    return "-".join([primary.lower(), *(_case_subtag(subtag) for subtag in subtags)])


def _case_subtag(subtag: str) -> str:
    if len(subtag) == 2:
        return subtag.upper()  # region: FR, GB
    if len(subtag) == 4 and subtag.isalpha():
        return subtag.title()  # script: Latn, Hans
    return subtag.lower()
