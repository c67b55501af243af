"""What the company may publish: the charter applies to the links it approves, not only to employees' posts.

A link can be approved (by hand, from a proposal, a feed item or a CSV row: every path ends in
`require_publishable`) only when

* it has a **category** (the content mix needs one);
* it has a **title**, or its preview is still being fetched (the page's own title then fills it; a fetch
  that brings none sends the link back to the approval queue, see `previews.fetch_link_preview`);
* its **address keeps the charter's link rules**, the same rules the engine applies to links in a post
  (`server/charter/engine/link_policy.py`), with one difference: the approved link of a share is by
  definition allowed in it, so the library refuses what would make it a bad link to share at all:

  - ``shortener``: a link shortener (bit.ly, lnkd.in…) hides where it leads, unless the charter lists the
    shortener among its allowed domains;
  - ``lookalike``: an address imitating one of the charter's allowed domains (``аcme.com`` in Cyrillic,
    ``acme.com.evil.io``);
  - ``private``: an address that only works inside the company: a private, loopback or link-local IP
    (``http://10.0.0.5/…``), ``localhost``, a name of one label (``http://intranet/``) or under a suffix
    kept for private networks (``.local``, ``.internal``, ``.lan``, ``.corp``, ``.home.arpa``…). Nobody
    outside could open it, and it tells the world about the inside. Addresses the operator lists in
    ``PV_OUTBOUND_ALLOW`` (what the server itself may call although private) are accepted.

The refusal names the rule (`AddressAgainstCharter.rule`) and the field (``url``).
"""

import ipaddress

from flask import current_app
from flask_babel import lazy_gettext as _l

from server.charter.engine.links import LinkSpan
from server.charter.service import rules_in_force
from server.errors import InvalidInput
from server.library.models import PreviewStatus
from server.library.urls import parse_http_url
from server.outbound import AddressPolicy, is_public_address

PRIVATE_SUFFIXES = ("localhost", "local", "internal", "intranet", "lan", "corp", "home", "home.arpa",
                    "localdomain", "private")
# Link-policy reasons the library refuses (``not_allowed`` is not one: the company shares others' articles).
REFUSED_REASONS = ("shortener", "lookalike", "userinfo")

MESSAGES = {
    "shortener": _l("This address goes through a link shortener (%(host)s), which the charter refuses: use the "
                    "article's own address."),
    "lookalike": _l("This address imitates one of the company's domains (%(host)s), which the charter refuses."),
    "userinfo": _l("This address hides where it leads (%(host)s), which the charter refuses."),
    "private": _l("This is a private or intranet address (%(host)s): nobody outside the company can open it, "
                  "and the charter refuses it."),
}


class AddressAgainstCharter(InvalidInput):
    """An address the charter's link rules refuse; `rule` says which (``shortener``, ``private``…)."""

    code = "link_rule"

    def __init__(self, rule, host):
        message = MESSAGES[rule] % {"host": host}
        super().__init__(message, fields={"url": [str(message)]}, details={"rule": rule})
        self.rule = rule


class TitleRequired(InvalidInput):
    code = "title_required"
    default_message = _l("Give the link a title before approving it: it is what colleagues read first.")

    def __init__(self):
        super().__init__(fields={"title": [str(self.default_message)]})


def address_rule_broken(url, policy=None):
    """The charter's link rule that the (canonical) address breaks, as ``(rule, host)``, or None."""
    parsed = parse_http_url(url)
    host = parsed.host
    if _is_private(host) and not _allowed_by_operator(host):
        return "private", host
    policy = policy or rules_in_force().link_policy
    verdict = policy.judge(LinkSpan(0, len(url), "url", url, host), None)
    if verdict is not None and verdict.reason in REFUSED_REASONS:
        return verdict.reason, verdict.host
    return None


def require_publishable_address(url):
    """Raise AddressAgainstCharter when the address breaks one of the charter's link rules."""
    broken = address_rule_broken(url)
    if broken is not None:
        raise AddressAgainstCharter(*broken)


def require_publishable(link):
    """Refuse, naming the field, to approve a link without category or title, or whose address the charter
    refuses (see the module's docstring)."""
    if not link.category:
        raise InvalidInput(fields={"category": [str(_l("Choose a category before approving: product, culture or "
                                                       "sector."))]})
    if not (link.title or "").strip() and link.preview_status != PreviewStatus.PENDING:
        raise TitleRequired()
    require_publishable_address(link.url)


def _is_private(host):
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return "." not in host or host.endswith(tuple("." + suffix for suffix in PRIVATE_SUFFIXES)) \
            or host in PRIVATE_SUFFIXES
    return not is_public_address(address)


def _allowed_by_operator(host):
    policy = AddressPolicy(current_app.config.get("OUTBOUND_ALLOW") or ())
    if policy.names(host):
        return True
    try:
        return policy.permits(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        return False
