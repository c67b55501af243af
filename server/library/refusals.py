"""The library's domain errors, and the translated words for the building blocks' English problems.

The pure building blocks (urls, fetcher, feeds, csv_import) raise `LibraryError`s with a stable code and
an English message for logs; people read the translated sentence chosen here from that code. The
English message stays available as the technical detail.
"""

from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from server.errors import Conflict, InvalidInput


class LinkUnavailable(Conflict):
    """The link exists but cannot be shared now. The share pipeline raises these to the employee."""

    code = "link_unavailable"


class LinkNotApproved(LinkUnavailable):
    code = "link_not_approved"
    default_message = _l("This link is not (or no longer) approved for sharing.")


class LinkEmbargoed(LinkUnavailable):
    code = "link_embargoed"
    default_message = _l("This link cannot be shared yet.")


class LinkExpired(LinkUnavailable):
    code = "link_expired"
    default_message = _l("This link can no longer be shared.")


class AlreadyInLibrary(Conflict):
    """Adding an address the library already holds; `link` is the existing one."""

    code = "already_in_library"
    default_message = _l("This address is already in the library.")

    def __init__(self, link):
        super().__init__(fields={"url": [str(self.default_message)]}, link_id=link.id)
        self.link = link


def embargoed(link):
    """The refusal for a link whose window has not opened, saying when it will (in the reader's time zone)."""
    return LinkEmbargoed(_("This link can be shared from %(when)s.", when=format_datetime(link.not_before, "short")),
                         not_before=link.not_before)


def expired(link):
    """The refusal for a link whose window has closed, saying when it did."""
    return LinkExpired(_("This link could be shared until %(when)s; it has expired.",
                         when=format_datetime(link.not_after, "short")), not_after=link.not_after)


_URL_PROBLEMS = (
    ("The address is empty", _l("Enter an address.")),
    ("The address must start with", _l("The address must start with http:// or https://.")),
    ("Only http and https", _l("Only http:// and https:// addresses are accepted.")),
    ("Addresses containing a user name", _l("Addresses containing a user name or password are refused.")),
    ("The address is longer", _l("The address is too long.")),
    ("The address has no host", _l("The address has no site name.")),
)


def url_problem(error):
    """A translated sentence for an `InvalidURL` raised by server.library.urls."""
    for start, sentence in _URL_PROBLEMS:
        if error.message.startswith(start):
            return str(sentence)
    return _("This is not a valid web address.")


def invalid_url(error, field="url"):
    """The API/page refusal for an unusable address typed in `field`."""
    return InvalidInput(fields={field: [url_problem(error)]})


_FETCH_PROBLEMS = {
    "invalid_url": _l("This is not a valid web address."),
    "blocked_address": _l("This address is not on the public internet, so Porte-Voix does not fetch it."),
    "bad_redirect": _l("The page redirects to an address that cannot be fetched."),
    "too_many_redirects": _l("The page redirects too many times."),
    "too_large": _l("The page is too large to read."),
    "bad_content_type": _l("The address does not serve what was expected (a web page or a feed)."),
    "timeout": _l("The site took too long to answer."),
    "unreachable": _l("The site could not be reached."),
    "http_status": _l("The site answered with an error."),
    "invalid_feed": _l("This is not a readable RSS or Atom feed."),
}


def fetch_problem(code):
    """A translated sentence for a fetch or feed failure code (stored with the link or the feed)."""
    if not code:
        return None
    return str(_FETCH_PROBLEMS.get(code, _l("The page could not be fetched.")))


# Translated sentences for the row problems (the stored messages are English, for logs and the CLI).
PROBLEM_TEXTS = {
    "missing_url": _l("The url cell is empty."),
    "invalid_url": _l("The url is not a valid web address."),
    "duplicate_url": _l("The same url appears in an earlier row."),
    "too_long": _l("The %(column)s cell is too long."),
    "bad_language": _l("The language is not a code such as fr or en-GB."),
    "unknown_category": _l("Unknown category: use product, culture or sector."),
    "bad_date": _l("The %(column)s cell is not a date written YYYY-MM-DD."),
    "dates_reversed": _l("not_after comes before not_before."),
    "unknown_department": _l("Unknown department in the departments cell."),
    "unknown_campaign": _l("Unknown campaign: create it first."),
    "category_required": _l("A category is needed to approve the link."),
    "already_in_library": _l("This address is already in the library."),
    "refused": _l("The row was refused."),
    "title_required": _l("A title is needed to approve the link."),
    "link_rule": _l("The address breaks one of the charter's link rules."),
    "link_rule.shortener": _l("The address goes through a link shortener, which the charter refuses."),
    "link_rule.private": _l("The address is a private or intranet address, which the charter refuses."),
    "link_rule.lookalike": _l("The address imitates one of the company's domains, which the charter refuses."),
}


def problem_text(problem):
    """The translated sentence for one stored row problem."""
    code = problem.get("code")
    text = PROBLEM_TEXTS.get(f"{code}.{problem.get('rule')}") or PROBLEM_TEXTS.get(code, PROBLEM_TEXTS["refused"])
    return str(text) % {"column": problem.get("column", "")}
