"""Words shown for the library's stored codes (categories, statuses, reasons…), in the reader's language."""

from flask_babel import lazy_gettext as _l

CATEGORY_LABELS = {"product": _l("Product"), "culture": _l("Company culture"), "sector": _l("Sector")}
STATUS_LABELS = {"proposed": _l("Waiting for approval"), "approved": _l("Approved"), "archived": _l("Archived")}
VALIDITY_LABELS = {"valid": _l("Shareable now"), "embargoed": _l("Not yet shareable"), "expired": _l("Expired")}
SOURCE_LABELS = {"admin": _l("Added by the team"), "proposal": _l("Proposed by an employee"), "feed": _l("Feed"),
                 "csv": _l("CSV import"), "demo": _l("Demo")}
PREVIEW_LABELS = {"pending": _l("Fetching the preview…"), "fetched": _l("Preview fetched"),
                  "failed": _l("Preview could not be fetched"), "manual": _l("Preview written by hand")}
MODERATION_LABELS = {"none": _l("No review"), "terms": _l("Review shares that trigger a charter term"),
                     "every_share": _l("Review every share")}
REASON_LABELS = {"this_page": _l("The page you are on"), "context": _l("Close to the page you are on"),
                 "department": _l("For your department"), "interests": _l("Matches your interests"),
                 "campaign": _l("Current campaign"), "new": _l("New"), "ending_soon": _l("Last days to share")}
IMPORT_STATUS_LABELS = {"pending": _l("Waiting"), "running": _l("In progress"), "done": _l("Finished"),
                        "failed": _l("Failed")}


def library_labels():
    """The labels as template globals."""
    return {"category_labels": CATEGORY_LABELS, "status_labels": STATUS_LABELS, "validity_labels": VALIDITY_LABELS,
            "source_labels": SOURCE_LABELS, "preview_labels": PREVIEW_LABELS,
            "moderation_labels": MODERATION_LABELS, "reason_labels": REASON_LABELS,
            "import_status_labels": IMPORT_STATUS_LABELS}
