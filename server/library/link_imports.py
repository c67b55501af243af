"""Importing a spreadsheet of links: a job works through the rows in batches and records its progress,
so the page (and the `porte-voix import-links` command) can show a progress bar and every refused row.

Each row is stored whole or not at all (link, targets and campaign in one transaction); a refused row
never stops the others and nothing already in the library is changed.
"""

import logging
from datetime import datetime, time
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from peewee import chunked, fn

from server import audit
from server.auth.models import Department
from server.db import utcnow
from server.errors import DomainError, InvalidInput, NotFound
from server.jobs import job
from server.library import previews
from server.library.csv_import import RowError, decode_spreadsheet_bytes, read_links_csv
from server.library.errors import CSVImportError
from server.library.links import add_link, find_by_url
from server.library.models import Campaign, LinkImport, LinkSource, LinkStatus

log = logging.getLogger(__name__)

BATCH_SIZE = 25

def start_import(actor, filename, data, approve=True, fetch_previews=True):
    """Check the file's header, store it and queue the import job; return the LinkImport.

    Raises InvalidInput naming `file` when the file is unusable as a whole (empty, no url column).
    """
    text = decode_spreadsheet_bytes(data) if isinstance(data, bytes) else data
    try:
        total = sum(1 for _row in read_links_csv(text))
    except CSVImportError as error:
        raise InvalidInput(fields={"file": [_("This file cannot be imported: %(reason)s", reason=error.message)]}) \
            from None
    link_import = LinkImport.create(created_by=actor, filename=(filename or "links.csv")[:255], content=text,
                                    approve=approve, fetch_previews=fetch_previews, total_rows=total)
    audit.record("library.import.start", actor=actor, target=link_import, rows=total)
    run_link_import(link_import.id)
    return get_import(link_import.id)


def get_import(import_id):
    """A CSV import with its progress and refused rows (NotFound when unknown)."""
    link_import = LinkImport.get_or_none(LinkImport.id == import_id)
    if link_import is None:
        raise NotFound(_("No such import."))
    return link_import


def recent_imports(limit=10):
    """The latest imports, without their files."""
    fields = [f for f in LinkImport._meta.sorted_fields if f is not LinkImport.content]
    return list(LinkImport.select(*fields).order_by(LinkImport.id.desc()).limit(limit))


@job(retries=0)
def run_link_import(import_id):
    """The job: import every row of a stored file, committing progress after each batch."""
    run_import(get_import(import_id))


def run_import(link_import, on_batch=None):
    """Work through the rows; `on_batch(link_import)` is called after each batch (the CLI's progress bar)."""
    LinkImport.update(status="running").where(LinkImport.id == link_import.id).execute()
    actor, zone = link_import.created_by, _zone(link_import.created_by)
    rejected, imported, processed = [], 0, 0
    try:
        for batch in chunked(read_links_csv(link_import.content), BATCH_SIZE):
            new_ids = []
            for row_number, row in batch:
                link_id, problems = import_row(actor, row, approve=link_import.approve,
                                               fetch_preview=link_import.fetch_previews, zone=zone)
                if problems:
                    rejected.append({"row": row_number, "url": getattr(row, "url", None) or None,
                                     "problems": problems})
                else:
                    imported += 1
                    new_ids.append(link_id)
                processed += 1
            LinkImport.update(processed_rows=processed, imported=imported, rejected=rejected).where(
                LinkImport.id == link_import.id).execute()
            if link_import.fetch_previews:
                previews.queue_fetches(new_ids)
            link_import.processed_rows, link_import.imported, link_import.rejected = processed, imported, rejected
            if on_batch:
                on_batch(link_import)
    except Exception as error:
        log.exception("import %s failed", link_import.id)
        LinkImport.update(status="failed", error=str(error)[:1000], finished_at=utcnow()).where(
            LinkImport.id == link_import.id).execute()
        raise
    LinkImport.update(status="done", finished_at=utcnow()).where(LinkImport.id == link_import.id).execute()
    audit.record("library.import.finish", actor=actor, target=link_import, imported=imported, rejected=len(rejected))
    return get_import(link_import.id)


def import_row(actor, row, *, approve=True, fetch_preview=True, zone=None):
    """Store one parsed CSV row as a link; returns (link id, []) or (None, [problems])."""
    if isinstance(row, RowError):
        return None, [{"code": p.code, "column": p.column, "message": p.message} for p in row.problems]
    problems = []
    departments = _departments_named(row.departments, problems)
    campaign = _campaign_named(row.campaign, problems)
    if approve and not row.category:
        problems.append(_problem("category_required", "category", "A category is needed to approve the link."))
    if find_by_url(row.url) is not None:
        problems.append(_problem("already_in_library", "url", "This address is already in the library."))
    if problems:
        return None, problems
    zone = zone or ZoneInfo("UTC")
    try:
        link = add_link(actor, row.url, status=LinkStatus.APPROVED if approve else LinkStatus.PROPOSED,
                        source=LinkSource.CSV, fetch_preview=fetch_preview, defer_fetch=True, title=row.title,
                        description=row.description, language=row.language, category=row.category, tags=row.tags,
                        department_ids=[d.id for d in departments], interests=row.interests,
                        campaign_id=campaign.id if campaign else None,
                        not_before=_utc(row.not_before, time.min, zone),
                        not_after=_utc(row.not_after, time(23, 59), zone))
    except DomainError as error:
        column, messages = next(iter(error.fields.items()), ("url", [error.message]))
        problem = _problem(error.code, column, str(messages[0]))
        if error.details.get("rule"):
            problem["rule"] = error.details["rule"]  # which of the charter's link rules
        return None, [problem]
    return link.id, []


def _problem(code, column, message):
    return {"code": code, "column": column, "message": message}


def _departments_named(names, problems):
    if not names:
        return []
    known = {d.name.casefold(): d for d in Department.select()}
    unknown = [name for name in names if name.casefold() not in known]
    if unknown:
        problems.append(_problem("unknown_department", "departments", f"Unknown department: {', '.join(unknown)}."))
    return [known[name.casefold()] for name in names if name.casefold() in known]


def _campaign_named(name, problems):
    if not name:
        return None
    campaign = Campaign.get_or_none(fn.LOWER(Campaign.name) == name.lower())
    if campaign is None:
        problems.append(_problem("unknown_campaign", "campaign", f"Unknown campaign “{name}”: create it first."))
    return campaign


def _zone(actor):
    try:
        return ZoneInfo(actor.timezone) if actor is not None and actor.timezone else ZoneInfo("UTC")
    except (KeyError, ValueError):
        return ZoneInfo("UTC")


def _utc(day, moment, zone):
    """A spreadsheet date read in the importer's time zone: from its start, or until its last minute."""
    if day is None:
        return None
    local = datetime.combine(day, moment, tzinfo=zone)
    return local.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)
