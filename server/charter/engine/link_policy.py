"""Judging a link: allowed domain, the approved link of the share, or a reason to block it.

The host functions are pure and hosts repeat from post to post, so they are cached (bounded).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from urllib.parse import urlsplit

from .links import LinkSpan, host_skeleton, suffix_extractor

# Shorteners hide where a link leads; they are flagged unless the charter allows them by name.
SHORTENERS = frozenset({
    "bit.ly", "bitly.com", "t.co", "goo.gl", "tinyurl.com", "ow.ly", "buff.ly", "is.gd", "v.gd",
    "tiny.cc", "rebrand.ly", "cutt.ly", "shorturl.at", "bl.ink", "lnkd.in", "rb.gy", "t.ly", "s.id",
    "dlvr.it", "trib.al", "fb.me", "amzn.to", "wp.me", "shorte.st", "adf.ly", "tr.im", "x.co",
    "po.st", "mcaf.ee", "qr.ae", "db.tt", "su.pr", "youtu.be", "spoti.fi", "tiny.one", "short.io",
})


@functools.lru_cache(maxsize=4096)
def ascii_host(host: str) -> str:
    """The host as DNS sees it: lower case, no trailing dot, international labels in punycode."""
    host = host.lower().rstrip(".")
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def _unicode_host(host: str) -> str:
    try:
        return host.encode("ascii").decode("idna")
    except UnicodeError:
        return host


# Parameters that say where a click came from, not which page it is (the engine stays free of app imports,
# so this mirrors the library's canonical-URL list in server/library/urls.py).
_TRACKING = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "_hsenc", "_hsmi",
                       "mkt_tok", "yclid", "ref_src", "twclid", "li_fat_id"})


def _page_query(query: str) -> str:
    kept = [pair for pair in query.split("&") if pair and not _is_tracking(pair.split("=", 1)[0].lower())]
    return "&".join(kept)


def _is_tracking(name: str) -> bool:
    return name in _TRACKING or name.startswith(("utm_", "pk_", "mtm_", "hsa_"))


@functools.lru_cache(maxsize=4096)
def link_identity(url: str) -> tuple[str, str, str] | None:
    """What makes two spellings of a link the same: host without ``www.``, path without final ``/``, query
    without tracking parameters (``utm_*``, ``fbclid``…)."""
    if "://" not in url:
        url = "http://" + url
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return None
    host = ascii_host(host).removeprefix("www.")
    return host, parts.path.rstrip("/"), _page_query(parts.query)


@dataclass(frozen=True)
class LinkVerdict:
    """Why a link is not approved: ``userinfo``, ``lookalike``, ``shortener`` or ``not_allowed``."""

    reason: str
    host: str
    domain: str


class LinkPolicy:
    """The charter's allowed domains (and their subdomains) plus the approved link of a share."""

    def __init__(self, allowed_domains: tuple[str, ...]):
        self.allowed = tuple(ascii_host(domain) for domain in allowed_domains)

    def is_allowed_host(self, host: str) -> bool:
        return any(host == domain or host.endswith("." + domain) for domain in self.allowed)

    def judge(self, link: LinkSpan, approved: tuple[str, str, str] | None) -> LinkVerdict | None:
        """None when the link may stay; otherwise the reason it may not."""
        host = ascii_host(link.host)
        if approved is not None and link_identity(link.text) == approved:
            return None
        if self.is_allowed_host(host):
            return None
        userinfo = link.kind == "userinfo" or (link.kind == "url" and "@" in link.text.split("/", 3)[2])
        return LinkVerdict(self._reason(host, userinfo), _unicode_host(host), _registrable(host))

    def _reason(self, host: str, userinfo: bool) -> str:
        if userinfo:
            return "userinfo"
        skeleton = ascii_host(host_skeleton(_unicode_host(host)))
        if skeleton != host and self.is_allowed_host(skeleton):
            return "lookalike"
        if any(host.startswith(domain + ".") for domain in self.allowed):
            return "lookalike"
        if host in SHORTENERS or _registrable(host) in SHORTENERS:
            return "shortener"
        return "not_allowed"


@functools.lru_cache(maxsize=4096)
def _registrable(host: str) -> str:
    parts = suffix_extractor()(host)
    return parts.top_domain_under_public_suffix or host
