"""Curators' pages for links: the list with filters and search (the approval queue is its "waiting" view),
adding a link, editing it with its targets and kit, approving, archiving, deleting."""

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from schemas.library import ArchiveSchema, KitSchema, LinkCreateSchema, LinkFieldsSchema, LinkQuerySchema
from server.auth.directory import list_departments
from server.auth.roles import Role, access
from server.errors import DomainError
from server.library import campaigns, interests, kits, links, listing, previews, review
from server.library.models import LinkStatus
from server.library.pages import admin_bp as bp
from server.library.pages.forms import kit_form, link_form
from server.library.refusals import AlreadyInLibrary

PAGE_SIZE = 25


def flat_errors(messages):
    """marshmallow's nested messages ({"captions": {0: {"text": [...]}}}) as {field: [sentences]}."""
    flat = {}
    for field, value in messages.items():
        if isinstance(value, dict):
            flat[field] = [sentence for nested in flat_errors(value).values() for sentence in nested]
        else:
            flat[field] = list(value) if isinstance(value, list | tuple) else [str(value)]
    return flat


def _list_page(status=200, **context):
    args = {k: v for k, v in request.args.items() if v != "" and k != "page"}
    try:
        query = LinkQuerySchema().load(args)
    except ValidationError:
        query = LinkQuerySchema().load({})
    page = _page_number()
    query.update(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    found, total = listing.search_links(**query)
    context.setdefault("errors", {})
    context.setdefault("new", {})
    return render_template("library/admin_links.html", links=found, total=total, query=query, page=page,
                           pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1), campaigns=campaigns.campaign_choices(),
                           departments=list_departments(), interests=interests.all_interests(),
                           waiting=review.waiting_count(), args=args, **context), status


def _page_number():
    raw = request.args.get("page", "1")
    return max(int(raw), 1) if raw.isdigit() else 1


def _back_to(link_id):
    """Approving or archiving from the approval queue goes back to the queue, else to the link."""
    if request.form.get("next") == "queue":
        return url_for("library_admin.links_page", status="proposed")
    return url_for("library_admin.edit_link", link_id=link_id)


@bp.get("/")
@access(Role.MODERATOR)
def links_page():
    return _list_page()


@bp.post("/")
@access(Role.MODERATOR)
def add_link():
    form = {key: request.form.get(key, "").strip() or None for key in ("url", "category")}
    data = {k: v for k, v in form.items() if v is not None}
    data["approve"] = request.form.get("approve") == "on"
    try:
        body = LinkCreateSchema().load(data)
        link = links.add_link(g.user, body.pop("url"), fetch_preview=body.pop("fetch_preview"),
                              status=LinkStatus.APPROVED if body.pop("approve") else LinkStatus.PROPOSED, **body)
    except ValidationError as exc:
        return _list_page(422, errors=flat_errors(exc.messages), new=form)
    except AlreadyInLibrary as exc:
        flash(_("This address is already in the library."), "info")
        return redirect(url_for("library_admin.edit_link", link_id=exc.link.id))
    except DomainError as exc:
        return _list_page(exc.status, errors=exc.fields or {"url": [exc.message]}, new=form)
    flash(_("The link is added."), "success")
    return redirect(url_for("library_admin.edit_link", link_id=link.id))


def _edit_page(link_id, status=200, **context):
    link = links.get_link(link_id)
    captions, images = kits.kit_of(link_id)
    context.setdefault("errors", {})
    return render_template("library/admin_link.html", link=link, captions=captions, images=images,
                           caption_findings=kits.caption_checks(link, captions),
                           campaigns=campaigns.campaign_choices(), departments=list_departments(),
                           interests=interests.all_interests(), **context), status


@bp.get("/<int:link_id>")
@access(Role.MODERATOR)
def edit_link(link_id):
    return _edit_page(link_id)


@bp.post("/<int:link_id>")
@access(Role.MODERATOR)
def update_link(link_id):
    try:
        links.update_link(g.user, link_id, **LinkFieldsSchema().load(link_form()))
    except ValidationError as exc:
        return _edit_page(link_id, 422, errors=flat_errors(exc.messages))
    except DomainError as exc:
        return _edit_page(link_id, exc.status, errors=exc.fields or {"_": [exc.message]})
    flash(_("The link is saved."), "success")
    return redirect(url_for("library_admin.edit_link", link_id=link_id))


@bp.post("/<int:link_id>/approve")
@access(Role.MODERATOR)
def approve_link(link_id):
    try:
        changes = LinkFieldsSchema().load(link_form())
        review.approve_link(g.user, link_id, **changes)
    except ValidationError as exc:
        return _edit_page(link_id, 422, errors=flat_errors(exc.messages))
    except DomainError as exc:
        return _edit_page(link_id, exc.status, errors=exc.fields or {"_": [exc.message]})
    flash(_("The link is approved: employees can share it."), "success")
    return redirect(_back_to(link_id))


@bp.post("/<int:link_id>/archive")
@access(Role.MODERATOR)
def archive_link(link_id):
    try:
        body = ArchiveSchema().load({"reason": request.form.get("reason") or None})
    except ValidationError as exc:
        return _edit_page(link_id, 422, errors=flat_errors(exc.messages))
    review.archive_link(g.user, link_id, body["reason"])
    flash(_("The link is archived: it is no longer suggested or shareable."), "success")
    return redirect(_back_to(link_id))


@bp.post("/<int:link_id>/preview")
@access(Role.MODERATOR)
def refetch_preview(link_id):
    previews.request_preview(g.user, link_id)
    flash(_("The preview is being fetched again."), "info")
    return redirect(url_for("library_admin.edit_link", link_id=link_id))


@bp.post("/<int:link_id>/kit")
@access(Role.MODERATOR)
def save_kit(link_id):
    try:
        body = KitSchema().load(kit_form())
        kits.replace_kit(g.user, link_id, body["captions"], body["images"])
    except ValidationError as exc:
        return _edit_page(link_id, 422, errors={"kit": [s for v in flat_errors(exc.messages).values() for s in v]})
    except DomainError as exc:
        return _edit_page(link_id, exc.status, errors={"kit": [s for v in exc.fields.values() for s in v]
                                                       or [exc.message]})
    flash(_("The kit is saved."), "success")
    return redirect(url_for("library_admin.edit_link", link_id=link_id, _anchor="kit"))


@bp.post("/<int:link_id>/delete")
@access(Role.ADMIN)
def delete_link(link_id):
    links.delete_link(g.user, link_id)
    flash(_("The link is deleted."), "success")
    return redirect(url_for("library_admin.links_page"))
