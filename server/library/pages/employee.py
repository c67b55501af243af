"""The employee's "To share" page: their personalised list with previews, a search of the library, the
interests they follow, and their proposals."""

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from marshmallow import ValidationError

from schemas.library import KitQuerySchema, LibraryQuerySchema, MyInterestsSchema, ProposalCreateSchema
from server.auth.roles import Role, access
from server.errors import DomainError
from server.library import interests, kits, links, listing, review, suggestions
from server.library.models import LinkStatus
from server.library.pages import employee_bp as bp
from server.library.pages.forms import integer_list

PAGE_SIZE = 12


def _language():
    return g.user.locale or str(get_locale())


def _query():
    try:
        return LibraryQuerySchema().load({k: v for k, v in request.args.items() if v != "" and k != "page"})
    except ValidationError:
        return LibraryQuerySchema().load({})


def _to_share_page(status=200, **context):
    query = _query()
    searching = bool(query["q"] or query["category"])
    if searching:
        found, total = listing.browse_library(q=query["q"], category=query["category"], limit=PAGE_SIZE * 2)
        cards = [(link, None) for link in found]
        ideas = kits.ideas_for_links(g.user, found, _language())
    else:
        picked = suggestions.suggest_links(g.user, limit=PAGE_SIZE, language=_language())
        cards = [(s.link, s) for s in picked]
        ideas = {s.link.id: (s.caption, s.idea_count) for s in picked}
        total = len(picked)
    context.setdefault("errors", {})
    context.setdefault("proposal", {})
    return render_template("library/to_share.html", cards=cards, ideas=ideas, total=total, query=query,
                           searching=searching, interests=interests.all_interests(),
                           followed={i.id for i in interests.interests_of(g.user)},
                           proposals=review.proposals_of(g.user, limit=20), **context), status


@bp.get("/to-share")
@access(Role.EMPLOYEE)
def to_share():
    return _to_share_page()


@bp.post("/to-share/interests")
@access(Role.EMPLOYEE)
def save_interests():
    try:
        body = MyInterestsSchema().load({"interest_ids": integer_list("interest_ids")})
        interests.set_interests_of(g.user, body["interest_ids"])
    except ValidationError as exc:
        return _to_share_page(422, errors={"interest_ids": exc.messages.get("interest_ids", [])})
    except DomainError as exc:
        return _to_share_page(exc.status, errors=exc.fields)
    flash(_("Your interests are saved: your list now follows them."), "success")
    return redirect(url_for("library.to_share"))


@bp.post("/to-share/propose")
@access(Role.EMPLOYEE)
def propose():
    data = {"url": request.form.get("url", ""), "note": request.form.get("note") or None}
    try:
        body = ProposalCreateSchema().load(data)
        answer = review.propose_link(g.user, body["url"], body["note"])
    except ValidationError as exc:
        return _to_share_page(422, errors=exc.messages, proposal=data)
    except DomainError as exc:
        return _to_share_page(exc.status, errors=exc.fields or {"url": [exc.message]}, proposal=data)
    flash(answer["message"], "success" if answer["created"] else "info")
    if not answer["created"] and answer["status"] == LinkStatus.APPROVED:
        return redirect(url_for("library.link_page", link_id=answer["id"]))
    return redirect(url_for("library.to_share", _anchor="proposals"))


@bp.get("/to-share/<int:link_id>")
@access(Role.EMPLOYEE)
def link_page(link_id):
    link = links.visible_link(g.user, link_id)
    try:
        turn = KitQuerySchema().load({k: v for k, v in request.args.items() if k == "turn"})["turn"]
    except ValidationError:
        turn = 0
    idea = kits.idea_for(g.user, link, _language(), turn)
    return render_template("library/link.html", link=link, idea=idea, turn=turn)
