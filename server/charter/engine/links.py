"""Finding links, bare domains, e-mail addresses and fediverse handles in a text.

Everything found here is hidden from the word rules (a link ``example.com/merde`` is judged by the link
rule only) and handed to the link, personal-data and length rules.

What counts as a *bare domain* (no scheme, no ``www.``): dot-separated labels of letters, digits and
hyphens whose last label is a public suffix (ICANN section of the bundled public suffix list) and whose
registrable part is not empty; the last label must be lower case, or the whole name upper case
(``acme.com``, ``ACME.COM``, ``blog.acme.co.uk``), which keeps a missing space after a full stop
(``great.Today``) out; and suffixes that are mostly file extensions (``.py``, ``.md``, ``.zip``,
``.mov`` …) are not read as domains. ``e.g.``, ``file.txt``, ``v2.3.14`` and ``3.14`` are not domains.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import tldextract

from .folding import fold_char

# Top-level domains that are far more often file extensions in a post than real sites.
FILE_LIKE_SUFFIXES = frozenset({"py", "md", "sh", "zip", "mov", "rs", "pl", "pm", "cs", "ps", "js", "so"})
# Suffixes that make a local part such as ``acme.com@`` read as a host rather than a person.
COMMON_SUFFIXES = frozenset({"com", "net", "org", "io", "co", "fr", "eu", "info", "biz", "app", "dev", "me", "ly"})

_SCHEME_BEFORE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*\Z")
_URL_BODY = re.compile(r"[^\s<>\"]*")
_HOST_AFTER_AT = re.compile(r"[\w-]+(?:\.[\w-]+)+")
_DOT_THEN_LETTER = re.compile(r"\.[^\W\d_]")
_PORT_AND_PATH = re.compile(r"(?::\d{1,5})?(?:[/?#][^\s<>\"]*)?")
_TRAILING_PUNCTUATION = ".,;:!?'\"»)]}…’”"
_LABEL = re.compile(r"[^\W_](?:[\w-]*[^\W_])?")


@dataclass(frozen=True)
class LinkSpan:
    """A link-like thing in the text.

    `kind` is ``url`` (with a scheme), ``www`` (``www.`` without scheme), ``domain`` (bare domain),
    ``userinfo`` (``acme.com@evil.io``: reads like an address, leads to ``evil.io``), ``email`` or
    ``handle`` (``@alice@mastodon.social``). `host` is the host the link leads to, lower case.
    """

    start: int
    end: int
    kind: str
    text: str
    host: str

    @property
    def is_link(self) -> bool:
        return self.kind in ("url", "www", "domain", "userinfo")


@functools.cache
def suffix_extractor() -> tldextract.TLDExtract:
    """The public suffix list from tldextract's bundled snapshot: never fetched from the network."""
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def _trim_trailing_punctuation(text: str) -> str:
    while text and text[-1] in _TRAILING_PUNCTUATION:
        if text[-1] == ")" and text.count("(") >= text.count(")"):
            break
        text = text[:-1]
    return text


@functools.lru_cache(maxsize=4096)
def looks_like_domain(host: str) -> bool:
    """Whether a dotted name reads as a real domain (see the module docstring for the rules)."""
    labels = host.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        return False
    suffix = labels[-1]
    if suffix.isdigit() or not (suffix.islower() or host.isupper()):
        return False
    if suffix.lower() in FILE_LIKE_SUFFIXES:
        return False
    parts = suffix_extractor()(host_skeleton(host))
    return bool(parts.suffix and parts.domain)


def host_skeleton(host: str) -> str:
    """The host with look-alike letters replaced by their Latin skeleton (``аcme.com`` → ``acme.com``)."""
    return "".join(char if char in ".-:[]" else fold_char(char) for char in host.lower())


def _find_all(text: str, needle: str):
    index = text.find(needle)
    while index != -1:
        yield index
        index = text.find(needle, index + 1)


class _Scanner:
    def __init__(self, text: str):
        self.text = text
        self.spans: list[LinkSpan] = []

    def covered(self, index: int) -> bool:
        return any(span.start <= index < span.end for span in self.spans)

    def add(self, start: int, end: int, kind: str, host: str) -> None:
        self.spans.append(LinkSpan(start, end, kind, self.text[start:end], host.lower().rstrip(".")))

    def scheme_urls(self) -> None:
        for index in _find_all(self.text, "://"):
            scheme = _SCHEME_BEFORE.search(self.text, max(0, index - 32), index)
            if not scheme or self.covered(index):
                continue
            body = _URL_BODY.match(self.text, index + 3).group()
            url = _trim_trailing_punctuation(self.text[scheme.start() : index + 3] + body)
            if len(url) > len(scheme.group()) + 3:
                self.add(scheme.start(), scheme.start() + len(url), "url", _host_of_url(url))

    def www_prefixed(self) -> None:
        for needle in ("www.", "WWW."):
            for index in _find_all(self.text, needle):
                if self.covered(index) or (index and (self.text[index - 1].isalnum() or self.text[index - 1] in "./@")):
                    continue
                url = _trim_trailing_punctuation(_URL_BODY.match(self.text, index).group())
                host = re.split(r"[/?#:]", url, maxsplit=1)[0]
                if "." in host[4:]:
                    self.add(index, index + len(url), "www", host)

    def addresses(self) -> None:
        for index in _find_all(self.text, "@"):
            if self.covered(index):
                continue
            host = _HOST_AFTER_AT.match(self.text, index + 1)
            start = index
            while start and (self.text[start - 1].isalnum() or self.text[start - 1] in "._+-"):
                start -= 1
            if not host or start == index:
                continue
            end = host.end()
            local = self.text[start:index]
            if start and self.text[start - 1] == "@":
                self.add(start - 1, end, "handle", host.group())
            elif "." in local and local.rsplit(".", 1)[1].lower() in COMMON_SUFFIXES:
                tail = _trim_trailing_punctuation(_PORT_AND_PATH.match(self.text, end).group())
                self.add(start, end + len(tail), "userinfo", host.group())
            else:
                self.add(start, end, "email", host.group())

    def bare_domains(self) -> None:
        cursor = 0
        for match in _DOT_THEN_LETTER.finditer(self.text):
            dot = match.start()
            if dot < cursor or self.covered(dot):
                continue
            start, end = dot, dot + 1
            while start and (self.text[start - 1].isalnum() or self.text[start - 1] in "-."):
                start -= 1
            while end < len(self.text) and (self.text[end].isalnum() or self.text[end] in "-."):
                end += 1
            cursor = end
            host = self.text[start:end].strip(".-")
            start = self.text.index(host, start) if host else start
            before = self.text[start - 1] if start else ""
            if not host or (before and before in "@/") or not looks_like_domain(host):
                continue
            end = start + len(host)
            tail = _trim_trailing_punctuation(_PORT_AND_PATH.match(self.text, end).group())
            self.add(start, end + len(tail), "domain", host)


def _host_of_url(url: str) -> str:
    netloc = url.split("://", 1)[1]
    netloc = re.split(r"[/?#]", netloc, maxsplit=1)[0]
    host = netloc.rsplit("@", 1)[-1]
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.split(":", 1)[0]


def find_links(text: str) -> list[LinkSpan]:
    """Every URL, bare domain, e-mail address and fediverse handle in the text, in text order."""
    scanner = _Scanner(text)
    if "://" in text:
        scanner.scheme_urls()
    if "www." in text or "WWW." in text:
        scanner.www_prefixed()
    if "@" in text:
        scanner.addresses()
    scanner.bare_domains()
    return sorted(scanner.spans, key=lambda span: span.start)
