"""Campaigns, feeds, CSV imports and the content mix in the JSON API (moderators and administrators;
deleting a campaign or a feed is for administrators)."""

from flask import g

from schemas.library import (
    CampaignSchema,
    CampaignUpdateSchema,
    ContentMixSchema,
    FeedSchema,
    FeedUpdateSchema,
    ImportSchema,
    ImportUploadSchema,
)
from server.api import Blueprint
from server.auth.roles import Role, access
from server.library import campaigns, feed_subscriptions, link_imports, mix

blp = Blueprint("library_sourcing_api", __name__, url_prefix="/api/v1",
                description="Campaigns, feed subscriptions, CSV imports and the content mix.")


@blp.route("/campaigns", methods=["GET"])
@blp.response(200, CampaignSchema(many=True))
@access(Role.MODERATOR)
def list_campaigns():
    """Every campaign with its audience and number of approved links."""
    return campaigns.list_campaigns()


@blp.route("/campaigns", methods=["POST"])
@blp.arguments(CampaignSchema)
@blp.response(201, CampaignSchema)
@access(Role.MODERATOR)
def create_campaign(body):
    """Create a campaign: objective, hashtag (the charter's required hashtag for its links), dates, targets,
    audience and moderation level."""
    return campaigns.create_campaign(g.user, **body)


@blp.route("/campaigns/<int:campaign_id>", methods=["GET"])
@blp.response(200, CampaignSchema)
@access(Role.MODERATOR)
def get_campaign(campaign_id):
    return campaigns.get_campaign(campaign_id)


@blp.route("/campaigns/<int:campaign_id>", methods=["PATCH"])
@blp.arguments(CampaignUpdateSchema)
@blp.response(200, CampaignSchema)
@access(Role.MODERATOR)
def update_campaign(body, campaign_id):
    return campaigns.update_campaign(g.user, campaign_id, **body)


@blp.route("/campaigns/<int:campaign_id>", methods=["DELETE"])
@blp.response(204)
@access(Role.ADMIN)
def delete_campaign(campaign_id):
    """Delete a campaign; its links stay, outside any campaign."""
    campaigns.delete_campaign(g.user, campaign_id)


@blp.route("/feeds", methods=["GET"])
@blp.response(200, FeedSchema(many=True))
@access(Role.MODERATOR)
def list_feeds():
    """Feed subscriptions, failing ones first, each with its last error."""
    return feed_subscriptions.list_feeds()


@blp.route("/feeds", methods=["POST"])
@blp.arguments(FeedSchema)
@blp.response(201, FeedSchema)
@access(Role.MODERATOR)
def subscribe_feed(body):
    """Subscribe to an RSS or Atom feed; it is polled at once, then periodically."""
    return feed_subscriptions.subscribe_feed(g.user, body.pop("url"), **body)


@blp.route("/feeds/<int:feed_id>", methods=["PATCH"])
@blp.arguments(FeedUpdateSchema)
@blp.response(200, FeedSchema)
@access(Role.MODERATOR)
def update_feed(body, feed_id):
    return feed_subscriptions.update_feed(g.user, feed_id, **body)


@blp.route("/feeds/<int:feed_id>", methods=["DELETE"])
@blp.response(204)
@access(Role.ADMIN)
def delete_feed(feed_id):
    """Unsubscribe; the links the feed brought stay."""
    feed_subscriptions.delete_feed(g.user, feed_id)


@blp.route("/feeds/<int:feed_id>/poll", methods=["POST"])
@blp.response(202, FeedSchema)
@access(Role.MODERATOR)
def poll_feed(feed_id):
    """Poll a feed now."""
    feed = feed_subscriptions.get_feed(feed_id)
    feed_subscriptions.poll_feed(feed.id)
    return feed_subscriptions.get_feed(feed.id)


@blp.route("/link-imports", methods=["POST"])
@blp.arguments(ImportUploadSchema, location="form_and_files")
@blp.response(202, ImportSchema)
@access(Role.MODERATOR)
def start_import(body):
    """Import a CSV file of links (multipart field `file`); follow its progress at /link-imports/<id>."""
    upload = body.pop("file")
    return link_imports.start_import(g.user, upload.filename, upload.read(), **body)


@blp.route("/link-imports/<int:import_id>", methods=["GET"])
@blp.response(200, ImportSchema)
@access(Role.MODERATOR)
def import_progress(import_id):
    """How far an import got, and every refused row with its reasons."""
    return link_imports.get_import(import_id)


@blp.route("/content-mix", methods=["GET"])
@blp.response(200, ContentMixSchema)
@access(Role.MODERATOR)
def content_mix():
    """Product / culture / sector among the links shareable now and among shares, against 20/30/50."""
    return mix.content_mix()
