"""Link previews: a background job reads a page's metadata through the hardened fetcher.

The fetch only fills what is empty, so a curator's wording is never overwritten; a failure keeps the link
with a readable error (`preview_error_code`, translated in pages) and never blocks approval by hand.
A link approved while its preview was pending counted on the page's title: when the fetch brings none,
the link goes back to the approval queue (no link is approved without a title).
"""

import logging

from flask import current_app

from server import audit
from server.db import utcnow
from server.jobs import job
from server.library.errors import InvalidURL, LibraryError
from server.library.metadata import fetch_metadata
from server.library.models import Link, LinkStatus, PreviewStatus, url_hash
from server.library.urls import canonical_url

log = logging.getLogger(__name__)

FILLED_FIELDS = ("title", "description", "image_url", "site_name", "language")


def fetch_options():
    """Options for the fetcher from configuration, the same every outbound call reads.

    OUTBOUND_ALLOW (``PV_OUTBOUND_ALLOW``): what may be called although not public. OUTBOUND_RESOLVER is
    deliberately not an environment setting: it exists so tests can resolve their names to their own
    server on 127.0.0.1 (which they list in OUTBOUND_ALLOW).
    """
    config = current_app.config
    options = {}
    if config.get("OUTBOUND_ALLOW"):
        options["allow_private"] = tuple(config["OUTBOUND_ALLOW"])
    if config.get("OUTBOUND_RESOLVER"):
        options["resolver"] = config["OUTBOUND_RESOLVER"]
    return options


def request_preview(actor, link_id):
    """Fetch a link's preview again (a curator's "try again"); returns the link, its fetch queued."""
    from server.library.links import get_link

    link = get_link(link_id)
    Link.update(preview_status=PreviewStatus.PENDING, preview_error_code=None, preview_error=None).where(
        Link.id == link.id).execute()
    audit.record("library.link.refetch", actor=actor, target=link)
    queue_fetches([link.id])
    return get_link(link.id)


def queue_fetches(link_ids):
    """Queue the preview fetch of each link (call once the links are committed)."""
    for link_id in link_ids:
        fetch_link_preview(link_id)


@job(retries=2, retry_delay=120)
def fetch_link_preview(link_id):
    """Fetch a link's page and fill its empty preview fields; record a readable error when it fails."""
    link = Link.get_or_none(Link.id == link_id)
    if link is None:
        return
    try:
        result, metadata = fetch_metadata(link.url, **fetch_options())
    except LibraryError as error:
        log.info("preview of link %s failed: %s", link_id, error.message)
        Link.update(preview_status=PreviewStatus.FAILED, preview_error_code=error.code,
                    preview_error=error.message[:1000], preview_fetched_at=utcnow()).where(Link.id == link_id).execute()
    else:
        apply_metadata(link, metadata, result.final_url)
    _back_to_queue_without_title(link_id)


def _back_to_queue_without_title(link_id):
    untitled = (Link.title.is_null() | (Link.title == ""))
    moved = Link.update(status=LinkStatus.PROPOSED, approved_at=None, approved_by=None).where(
        Link.id == link_id, Link.status == LinkStatus.APPROVED, untitled).execute()
    if moved:
        audit.record("library.link.untitled", target=Link(id=link_id))


def apply_metadata(link, metadata, final_url=None):
    """Fill `link`'s empty fields from `metadata` and remember the page's own canonical address."""
    changed = []
    values = {"title": metadata.title, "description": metadata.description, "image_url": metadata.image,
              "site_name": metadata.site_name, "language": metadata.language}
    for field in FILLED_FIELDS:
        if not getattr(link, field) and values[field]:
            setattr(link, field, values[field])
            changed.append(field)
    alternate = metadata.canonical_url or _canonical(final_url)
    if alternate and alternate != link.url and not _known(alternate, link.id):
        link.alternate_url_hash = url_hash(alternate)
        changed.append("alternate_url_hash")
    link.preview_status, link.preview_error_code, link.preview_error = PreviewStatus.FETCHED, None, None
    link.preview_fetched_at = utcnow()
    # Only the columns filled here: a curator may be editing the others at the same time.
    link.save(only=[getattr(Link, name) for name in (*changed, "preview_status", "preview_error_code",
                                                     "preview_error", "preview_fetched_at", "search_text",
                                                     "updated_at")])
    return link


def _canonical(url):
    try:
        return canonical_url(url) if url else None
    except InvalidURL:
        return None


def _known(url, link_id):
    digest = url_hash(url)
    return Link.select().where(((Link.url_hash == digest) | (Link.alternate_url_hash == digest))
                               & (Link.id != link_id)).exists()
