"""Curators' pages for campaigns, feed subscriptions, CSV imports and the content mix."""

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from marshmallow import ValidationError

from schemas.library import CampaignSchema, CampaignUpdateSchema, FeedSchema, FeedUpdateSchema, ImportOptionsSchema
from server.auth.directory import list_departments
from server.auth.roles import Role, access
from server.errors import DomainError, InvalidInput
from server.library import campaigns, feed_subscriptions, link_imports, mix, refusals
from server.library.pages import admin_bp as bp
from server.library.pages.admin_links import flat_errors
from server.library.pages.forms import campaign_form, text_fields


def _campaigns_page(status=200, **context):
    context.setdefault("errors", {})
    context.setdefault("new", {})
    return render_template("library/admin_campaigns.html", campaigns=campaigns.list_campaigns(),
                           departments=list_departments(), **context), status


@bp.get("/campaigns")
@access(Role.MODERATOR)
def campaigns_page():
    return _campaigns_page()


@bp.post("/campaigns")
@access(Role.MODERATOR)
def create_campaign():
    data = campaign_form()
    try:
        campaign = campaigns.create_campaign(g.user, **CampaignSchema().load(data))
    except ValidationError as exc:
        return _campaigns_page(422, errors=flat_errors(exc.messages), new=data)
    except DomainError as exc:
        return _campaigns_page(exc.status, errors=exc.fields or {"name": [exc.message]}, new=data)
    flash(_("The campaign “%(name)s” is created.", name=campaign.name), "success")
    return redirect(url_for("library_admin.edit_campaign", campaign_id=campaign.id))


def _campaign_page(campaign_id, status=200, **context):
    context.setdefault("errors", {})
    return render_template("library/admin_campaign.html", campaign=campaigns.get_campaign(campaign_id),
                           departments=list_departments(), **context), status


@bp.get("/campaigns/<int:campaign_id>")
@access(Role.MODERATOR)
def edit_campaign(campaign_id):
    return _campaign_page(campaign_id)


@bp.post("/campaigns/<int:campaign_id>")
@access(Role.MODERATOR)
def update_campaign(campaign_id):
    try:
        campaigns.update_campaign(g.user, campaign_id, **CampaignUpdateSchema().load(campaign_form()))
    except ValidationError as exc:
        return _campaign_page(campaign_id, 422, errors=flat_errors(exc.messages))
    except DomainError as exc:
        return _campaign_page(campaign_id, exc.status, errors=exc.fields or {"name": [exc.message]})
    flash(_("The campaign is saved."), "success")
    return redirect(url_for("library_admin.edit_campaign", campaign_id=campaign_id))


@bp.post("/campaigns/<int:campaign_id>/delete")
@access(Role.ADMIN)
def delete_campaign(campaign_id):
    campaigns.delete_campaign(g.user, campaign_id)
    flash(_("The campaign is deleted; its links stay in the library."), "success")
    return redirect(url_for("library_admin.campaigns_page"))


def _feeds_page(status=200, **context):
    context.setdefault("errors", {})
    context.setdefault("new", {})
    return render_template("library/admin_feeds.html", feeds=feed_subscriptions.list_feeds(),
                           campaigns=campaigns.campaign_choices(), **context), status


@bp.get("/feeds")
@access(Role.MODERATOR)
def feeds_page():
    return _feeds_page()


@bp.post("/feeds")
@access(Role.MODERATOR)
def subscribe_feed():
    data = text_fields(("url", "category", "language", "campaign_id"))
    try:
        body = FeedSchema().load({k: v for k, v in data.items() if v is not None})
        feed = feed_subscriptions.subscribe_feed(g.user, body.pop("url"), **body)
    except ValidationError as exc:
        return _feeds_page(422, errors=flat_errors(exc.messages), new=data)
    except DomainError as exc:
        return _feeds_page(exc.status, errors=exc.fields or {"url": [exc.message]}, new=data)
    if feed.last_error_code:
        flash(_("The feed is subscribed, but it could not be read yet: see its last error."), "error")
    elif feed.last_polled_at is None:  # the worker reads it in a moment
        flash(_("The feed is subscribed: its items will arrive in the approval queue shortly."), "success")
    else:
        flash(ngettext("The feed is subscribed: %(num)d item is waiting for approval.",
                       "The feed is subscribed: %(num)d items are waiting for approval.", feed.items_imported),
              "success")
    return redirect(url_for("library_admin.feeds_page"))


@bp.post("/feeds/<int:feed_id>")
@access(Role.MODERATOR)
def update_feed(feed_id):
    data = text_fields(("category", "language", "campaign_id"))
    data["active"] = request.form.get("active") == "on"
    try:
        feed_subscriptions.update_feed(g.user, feed_id, **FeedUpdateSchema().load(data))
    except ValidationError as exc:
        flash(_("Not saved: %(problem)s", problem=" ".join(s for v in flat_errors(exc.messages).values()
                                                            for s in v)), "error")
        return _feeds_page(422)
    flash(_("The feed is saved."), "success")
    return redirect(url_for("library_admin.feeds_page"))


@bp.post("/feeds/<int:feed_id>/poll")
@access(Role.MODERATOR)
def poll_feed(feed_id):
    feed = feed_subscriptions.get_feed(feed_id)
    feed_subscriptions.poll_feed(feed.id)
    flash(_("The feed is being polled."), "info")
    return redirect(url_for("library_admin.feeds_page"))


@bp.post("/feeds/<int:feed_id>/delete")
@access(Role.ADMIN)
def delete_feed(feed_id):
    feed_subscriptions.delete_feed(g.user, feed_id)
    flash(_("The feed is unsubscribed; the links it brought stay in the library."), "success")
    return redirect(url_for("library_admin.feeds_page"))


@bp.get("/import")
@access(Role.MODERATOR)
def import_page():
    return render_template("library/admin_import.html", imports=link_imports.recent_imports(), errors={})


@bp.post("/import")
@access(Role.MODERATOR)
def start_import():
    upload = request.files.get("file")
    try:
        options = ImportOptionsSchema().load({"approve": request.form.get("approve") == "on",
                                              "fetch_previews": request.form.get("fetch_previews") == "on"})
        if upload is None or not upload.filename:
            raise InvalidInput(fields={"file": [_("Choose a CSV file.")]})
        link_import = link_imports.start_import(g.user, upload.filename, upload.read(), **options)
    except DomainError as exc:
        return render_template("library/admin_import.html", imports=link_imports.recent_imports(),
                               errors=exc.fields), 422
    return redirect(url_for("library_admin.import_progress", import_id=link_import.id))


@bp.get("/imports/<int:import_id>")
@access(Role.MODERATOR)
def import_progress(import_id):
    return render_template("library/admin_import_progress.html", link_import=link_imports.get_import(import_id),
                           problem_text=refusals.problem_text)


@bp.get("/mix")
@access(Role.MODERATOR)
def mix_page():
    return render_template("library/admin_mix.html", mix=mix.content_mix())
