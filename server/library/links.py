"""Curating links: add, edit, target, delete, find by address.

Every way a link enters the library (a curator, an employee's proposal, a feed, a CSV file, the demo) goes
through `add_link`, so the address is canonicalised and stored once, the approval rules hold and the
preview fetch is queued in one place.
"""

from flask_babel import gettext as _
from peewee import JOIN, fn

from server import audit
from server.auth.models import Department, User
from server.db import database, for_update, utcnow
from server.errors import InvalidInput, NotFound
from server.library import previews
from server.library.campaigns import departments_by_id
from server.library.errors import InvalidURL
from server.library.interests import set_link_interests
from server.library.models import (
    CATEGORIES,
    Campaign,
    Interest,
    KitCaption,
    Link,
    LinkDepartment,
    LinkInterest,
    LinkSource,
    LinkStatus,
    PreviewStatus,
    url_hash,
)
from server.library.publishable import require_publishable
from server.library.refusals import AlreadyInLibrary, invalid_url
from server.library.urls import canonical_url

LINK_FIELDS = ("title", "description", "image_url", "site_name", "language", "category", "tags", "not_before",
               "not_after", "published_at")
MAX_TAGS = 20


def canonical_or_refuse(url, field="url"):
    """The canonical form of `url`, or an InvalidInput naming `field` with a translated reason."""
    try:
        return canonical_url(url)
    except InvalidURL as error:
        raise invalid_url(error, field) from None


def find_by_url(url):
    """The link stored under `url` (already canonical) or whose page declares it as its canonical address."""
    digest = url_hash(url)
    return (Link.select().where((Link.url_hash == digest) | (Link.alternate_url_hash == digest))
            .order_by((Link.url_hash == digest).desc(), Link.id).first())


def add_link(actor, url, *, status=LinkStatus.APPROVED, source=LinkSource.ADMIN, fetch_preview=True,
             defer_fetch=False, department_ids=(), interests=(), campaign_id=None, proposed_by=None,
             proposal_note=None, feed=None, **fields):
    """Store a new link and queue its preview fetch; return it.

    Raises InvalidInput (naming the field) for a bad address, category or window, and AlreadyInLibrary
    when the address is known. With `defer_fetch` the caller queues the fetch itself once its own
    transaction is committed (`previews.queue_fetches`).
    """
    canonical = canonical_or_refuse(url)
    existing = find_by_url(canonical)
    if existing is not None:
        raise AlreadyInLibrary(existing)
    now = utcnow()
    with database.atomic():
        link = Link(url=canonical, url_hash=url_hash(canonical), status=status, source=source, created_by=actor,
                    proposed_by=proposed_by, proposal_note=proposal_note, feed=feed,
                    preview_status=PreviewStatus.PENDING if fetch_preview else PreviewStatus.MANUAL)
        _apply_fields(link, fields)
        link.campaign = campaign_by_id(campaign_id)
        if status == LinkStatus.APPROVED:
            require_publishable(link)
            link.approved_by, link.approved_at = actor, now
        link.save(force_insert=True)
        set_link_departments(link, department_ids)
        set_link_interests(link, interests)
        audit.record("library.link.add", actor=actor, target=link, source=source, status=status)
    if fetch_preview and not defer_fetch:
        previews.queue_fetches([link.id])
    return get_link(link.id)


def link_to_edit(link_id):
    """The link read inside the caller's transaction and kept from other writers until it ends.

    A link is saved whole: read before the transaction, it would carry back the fields another curator
    changed in the meantime, and their edit would be lost.
    """
    link = for_update(Link.select().where(Link.id == link_id)).first()
    if link is None:
        raise NotFound(_("No such link."))
    return link


def update_link(actor, link_id, **changes):
    """Edit a link's preview, category, tags, window, campaign and targets (only the keys given)."""
    with database.atomic():
        link = link_to_edit(link_id)
        if "url" in changes:
            _change_url(link, changes.pop("url"))
        _apply_fields(link, changes)
        if "campaign_id" in changes:
            link.campaign = campaign_by_id(changes["campaign_id"])
        if link.status == LinkStatus.APPROVED:
            require_publishable(link)
        if any(key in changes for key in ("title", "description", "image_url", "site_name")) \
                and link.preview_status in (PreviewStatus.PENDING, PreviewStatus.FAILED):
            link.preview_status = PreviewStatus.MANUAL  # a curator wrote the preview: no need to wait for it
        link.save()
        if "department_ids" in changes:
            set_link_departments(link, changes["department_ids"])
        if "interests" in changes:
            set_link_interests(link, changes["interests"])
        audit.record("library.link.update", actor=actor, target=link, fields=sorted(changes))
    return get_link(link.id)


def delete_link(actor, link_id):
    """Remove a link for good (administrators; archiving is the everyday way out)."""
    with database.atomic():
        link = link_to_edit(link_id)
        audit.record("library.link.delete", actor=actor, target=link, url=link.url)
        link.delete_instance()


def get_link(link_id):
    """A link with its campaign, targets and people attached (see `attach_details`)."""
    link = (Link.select(Link, Campaign).join(Campaign, JOIN.LEFT_OUTER).where(Link.id == link_id).first())
    if link is None:
        raise NotFound(_("No such link."))
    attach_details([link])
    return link


def visible_link(user, link_id):
    """A link as an employee may see it: approved ones only (curators see every link)."""
    link = get_link(link_id)
    if link.status != LinkStatus.APPROVED and not user.has_role("moderator"):
        raise NotFound(_("No such link."))
    return link


def lookup_url(url, now=None):
    """Whether `url` (any spelling) is in the library and can be shared now; for the extension's badge."""
    canonical = canonical_or_refuse(url)
    link = find_by_url(canonical)
    now = now or utcnow()
    approved = link is not None and link.status == LinkStatus.APPROVED
    return {"url": canonical, "known": link is not None, "approved": approved,
            "proposed": link is not None and link.status == LinkStatus.PROPOSED,
            "validity": link.validity(now) if approved else None,
            "shareable": approved and link.validity(now) == "valid",
            "link": get_link(link.id) if approved else None}


def set_link_departments(link, department_ids):
    """Aim `link` at these departments (none: everyone)."""
    departments = departments_by_id(department_ids)
    LinkDepartment.delete().where(LinkDepartment.link == link).execute()
    if departments:
        LinkDepartment.insert_many([{"link": link.id, "department": d.id} for d in departments]).execute()
    Link.update(for_departments=bool(departments)).where(Link.id == link.id).execute()
    link.for_departments = bool(departments)


def attach_details(links):
    """Set `departments`, `interests`, `proposer`, `approver` and `idea_count` on each link, in 4 queries."""
    by_id = {link.id: link for link in links}
    for link in links:
        link.departments, link.interests, link.idea_count = [], [], 0
        link.proposer = link.approver = None
    if not by_id:
        return links
    ids = list(by_id)
    for row in (LinkDepartment.select(LinkDepartment, Department).join(Department)
                .where(LinkDepartment.link.in_(ids)).order_by(Department.name)):
        by_id[row.link_id].departments.append(row.department)
    for row in (LinkInterest.select(LinkInterest, Interest).join(Interest)
                .where(LinkInterest.link.in_(ids)).order_by(Interest.name)):
        by_id[row.link_id].interests.append(row.interest)
    for link_id, count in (KitCaption.select(KitCaption.link, fn.COUNT(KitCaption.id))
                           .where(KitCaption.link.in_(ids)).group_by(KitCaption.link).tuples()):
        by_id[link_id].idea_count = count
    people_ids = {i for link in links for i in (link.proposed_by_id, link.approved_by_id) if i}
    people = {u.id: u for u in User.select(User.id, User.name).where(User.id.in_(list(people_ids)))} \
        if people_ids else {}
    for link in links:
        link.proposer, link.approver = people.get(link.proposed_by_id), people.get(link.approved_by_id)
    return links


def _apply_fields(link, fields):
    for key in LINK_FIELDS:
        if key in fields:
            setattr(link, key, fields[key])
    if link.category is not None and link.category not in CATEGORIES:
        raise InvalidInput(fields={"category": [_("Choose product, culture or sector.")]})
    link.tags = _clean_tags(link.tags)
    if link.not_before and link.not_after and link.not_after < link.not_before:
        raise InvalidInput(fields={"not_after": [_("The end of the window comes before its start.")]})


def _clean_tags(tags):
    cleaned = list(dict.fromkeys(" ".join(str(tag).split()) for tag in (tags or ()) if str(tag).strip()))
    if len(cleaned) > MAX_TAGS:
        raise InvalidInput(fields={"tags": [_("At most %(max)d tags.", max=MAX_TAGS)]})
    return cleaned


def campaign_by_id(campaign_id):
    """The campaign with this id (None for None); an unknown id is refused, naming campaign_id."""
    if campaign_id is None:
        return None
    campaign = Campaign.get_or_none(Campaign.id == campaign_id)
    if campaign is None:
        raise InvalidInput(fields={"campaign_id": [_("No such campaign.")]})
    return campaign


def _change_url(link, url):
    canonical = canonical_or_refuse(url)
    if canonical == link.url:
        return
    existing = find_by_url(canonical)
    if existing is not None and existing.id != link.id:
        raise AlreadyInLibrary(existing)
    link.url, link.url_hash, link.alternate_url_hash = canonical, url_hash(canonical), None
