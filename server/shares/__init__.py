"""The share pipeline: compose, check, review and publish, by share intent or through a connected account.

`networks/` holds one module per social network (limits, intent URL, API client).
"""

from flask_babel import lazy_gettext as _l

from server.auth.roles import Role
from server.navigation import nav_item


def _pending_reviews(user):
    from server.shares.models import Share, ShareState

    return Share.select().where(Share.state == ShareState.PENDING_REVIEW).count()


STATE_LABELS = {"draft": _l("Draft"), "checked": _l("Checked"), "pending_review": _l("Waiting for review"),
                "approved": _l("Approved"), "publishing": _l("Publishing"), "published": _l("Published"),
                "rejected": _l("Not approved"), "failed": _l("Failed"), "cancelled": _l("Cancelled")}
TARGET_LABELS = {"held": _l("On hold"), "waiting": _l("Waiting"), "publishing": _l("Publishing"),
                 "published": _l("Published"), "failed": _l("Failed"), "cancelled": _l("Cancelled")}


def _template_context():
    from server import networks
    from server.shares.labels import network_label

    return {"state_labels": STATE_LABELS, "target_labels": TARGET_LABELS,
            "network_labels": {name: network_label(name) for name in networks.NETWORKS},
            "charter_endpoint": "charter.page"}


def init_app(app):
    nav_item(app, "shares.my_shares", _l("My shares"), Role.EMPLOYEE, order=40)
    nav_item(app, "shares.accounts_page", _l("Connected accounts"), Role.EMPLOYEE, order=80, section="account")
    nav_item(app, "shares.review_queue", _l("Review"), Role.MODERATOR, order=60, section="admin",
             badge=_pending_reviews)
    from server.api import api
    from server.library import share_sources
    from server.shares import api as shares_api
    from server.shares import compose, data, demo, review_pages, routes  # noqa: F401 (they register on import)
    from server.shares.labels import network_label

    app.register_blueprint(routes.bp)
    api.register_blueprint(shares_api.blp)
    app.context_processor(_template_context)
    app.jinja_env.filters["network_label"] = network_label
    share_sources.register_shared_links_source(data.shared_link_ids)
    share_sources.register_share_mix_source(data.shares_per_category)
    share_sources.register_share_endpoint("shares.compose", "link_id")
