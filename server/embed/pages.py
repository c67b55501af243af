"""The share button's dialog: the pages of its frame (sign-in step, compose, the share's state, taking part,
suggesting an article) and the sign-in popup that hands the frame its session."""

from flask import Blueprint, flash, g, make_response, redirect, render_template, request, url_for
from flask_babel import get_locale
from marshmallow import ValidationError

from schemas.library import ProposalCreateSchema
from server.auth.handoff import issue_handoff, redeem_handoff
from server.auth.roles import Role, access, public
from server.auth.sessions import sign_in
from server.embed import framing
from server.embed.articles import SHAREABLE, article_for
from server.errors import DomainError
from server.library import review
from server.portal.first_share import (
    answer_first_quiz,
    first_steps,
    flash_quiz_outcome,
    quiz_page_context,
    take_first_steps_form,
)
from server.protection import limiter
from server.public_urls import safe_next_path
from server.shares import composing, listings, pipeline
from server.shares.presenting import share_view

bp = Blueprint("embed", __name__, url_prefix="/embed")
POPUP_ENDPOINTS = frozenset({"embed.sign_in_popup"})


@bp.before_request
def _frame_pages():
    if request.endpoint not in POPUP_ENDPOINTS:
        framing.prepare_frame()


@bp.context_processor
def _frame_context():
    return framing.frame_context()


def _article():
    return article_for(g.user, framing.door_values().get("url", ""))


def _article_page(article, status=200, **context):
    context.setdefault("errors", {})
    return render_template("embed/article.html", article=article, **context), status


def _compose_page(link, status=200, **context):
    turn = request.args.get("idea", 0, type=int)
    only = framing.door_values().get("networks", "").split(",")
    shown = composing.compose_context(g.user, link, locale=str(get_locale()), turn=turn, only_networks=only)
    shown.update(context)
    urls = {"action": framing.frame_url("embed.submit"), "another_idea": framing.frame_url("embed.compose",
                                                                                            idea=turn + 1),
            "take_part": framing.frame_url("embed.take_part"), "charter": framing.frame_url("embed.charter"),
            "hidden": {}, "first_steps": framing.frame_url("embed.first_steps_done"),
            "quiz": framing.frame_url("embed.first_quiz")}
    shown.setdefault("steps", first_steps(g.user, str(get_locale())))
    return render_template("embed/compose.html", urls=urls, **shown), status


def signed_out_step():
    """Where an anonymous caller of a frame page goes: the sign-in step, the article kept."""
    return framing.frame_url("embed.welcome")


@bp.get("/welcome")
@public
def welcome():
    if g.user is not None:
        return redirect(framing.frame_url("embed.compose"))
    return render_template("embed/welcome.html")


@bp.get("/compose")
@access(Role.EMPLOYEE)
def compose():
    article = _article()
    if article.state != SHAREABLE:
        return _article_page(article, 422 if article.state == "invalid" else 200)
    return _compose_page(article.link)


@bp.post("/compose")
@access(Role.EMPLOYEE)
def submit():
    article = _article()
    if article.state != SHAREABLE:
        return _article_page(article, 422 if article.state == "invalid" else 409)
    try:
        share = composing.submit_compose_form(g.user, article.link.id, request.form, source="widget")
    except composing.ComposeRefused as refused:
        return _compose_page(article.link, refused.status, form=request.form, **refused.context)
    return redirect(framing.frame_url("embed.share", share_id=share.id))


@bp.get("/shares/<int:share_id>")
@access(Role.EMPLOYEE)
def share(share_id):
    return render_template("embed/share.html", share=share_view(listings.own_share(g.user, share_id)))


@bp.post("/participation")
@access(Role.EMPLOYEE)
def take_part():
    pipeline.opt_in(g.user)
    return redirect(framing.frame_url("embed.compose"))


@bp.post("/first-steps")
@access(Role.EMPLOYEE)
def first_steps_done():
    """Taking part and the charter, in line in the frame, back to the same article."""
    take_first_steps_form(g.user, request.form, str(get_locale()))
    return redirect(framing.frame_url("embed.compose"))


@bp.post("/first-quiz")
@access(Role.EMPLOYEE)
def first_quiz():
    """The charter's quiz, in line in the frame: passed, back to the article; else its outcome there."""
    answer = answer_first_quiz(g.user, request.form, str(get_locale()))
    flash_quiz_outcome(answer)
    article = _article()
    if answer.outcome in ("stale", "passed") or article.state != SHAREABLE:
        return redirect(framing.frame_url("embed.compose"))
    return _compose_page(article.link, 422 if answer.outcome == "incomplete" else 200, **quiz_page_context(answer))


@bp.post("/proposals")
@access(Role.EMPLOYEE)
def propose():
    data = {"url": framing.door_values().get("url", ""), "note": request.form.get("note") or None}
    try:
        body = ProposalCreateSchema().load(data)
        answer = review.propose_link(g.user, body["url"], body["note"])
    except ValidationError as exc:
        return _article_page(_article(), 422, errors=exc.messages, note=data["note"])
    except DomainError as exc:
        return _article_page(_article(), exc.status, errors=exc.fields or {"note": [exc.message]}, note=data["note"])
    flash(answer["message"], "success" if answer["created"] else "info")
    return redirect(framing.frame_url("embed.compose"))


@bp.get("/sign-in")
@public
def sign_in_popup():
    """The popup window: sign in as anywhere on the site, then hand the frame that opened it a session."""
    if g.user is None:
        return redirect(url_for("auth.login", next=url_for("embed.sign_in_popup")))
    response = make_response(render_template("embed/signed_in.html", token=issue_handoff(g.user)))
    response.cache_control.no_store = True  # a one-time sign-in token: never kept by a cache
    return response


@bp.post("/session")
@public
@limiter.limit("20 per minute")
def open_session():
    """The frame redeems the popup's token: its own session, in its partitioned cookie when it is cross-site."""
    try:
        user = redeem_handoff(request.form.get("token"))
    except DomainError as exc:
        return render_template("embed/welcome.html", error=exc.message), exc.status
    if g.user is None or g.user.id != user.id:
        sign_in(user, "embed")
    back = safe_next_path(request.form.get("next"), "")
    return redirect(back if back.startswith("/embed/") else framing.frame_url("embed.compose"))
