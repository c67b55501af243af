"""The share pipeline: compose, check, review and publish, by share intent or through a connected account.

`lifecycle.py` owns every change of state (the tables are in `states.py`); `pipeline.py` submits, reviews and
cancels; `publishing.py` hands shares to the networks; `accounts.py` connects employees' own accounts. The
networks themselves are declared in `server/networks/` (one module each: limits, intent URL, API client).
"""

from flask_babel import lazy_gettext as _l

from server.auth.roles import Role
from server.navigation import nav_item


def _pending_reviews(user):
    from server.shares.models import Share, ShareState

    return Share.select().where(Share.state == ShareState.PENDING_REVIEW).count()


def _template_context():
    from server import networks
    from server.shares.labels import network_label
    from server.shares.states import SHARE_LABELS, TARGET_LABELS

    return {"state_labels": SHARE_LABELS, "target_labels": TARGET_LABELS,
            "network_labels": {name: network_label(name) for name in networks.NETWORKS}}


def init_app(app):
    from server.api import api
    from server.library import share_sources

    # account_pages, demo, review_pages, share_pages: imported for the routes and demo data they register.
    from server.shares import account_pages, data, demo, lifecycle, notices, originality, review_pages, share_pages  # noqa: F401
    from server.shares import api as shares_api
    from server.shares.blueprint import bp
    from server.shares.labels import network_label

    nav_item(app, "shares.my_shares", _l("My shares"), Role.EMPLOYEE, order=40)
    nav_item(app, "shares.accounts_page", _l("Connected accounts"), Role.EMPLOYEE, order=80, section="account")
    nav_item(app, "shares.review_queue", _l("Review"), Role.MODERATOR, order=60, section="admin",
             badge=_pending_reviews)
    app.register_blueprint(bp)
    api.register_blueprint(shares_api.blp)
    app.context_processor(_template_context)
    app.jinja_env.filters["network_label"] = network_label
    lifecycle.on_transition(app, notices.on_transition)
    share_sources.register_shared_links_source(data.shared_link_ids)
    share_sources.register_share_mix_source(data.shares_per_category)
    share_sources.register_idea_uses_source(originality.idea_uses)
    share_sources.register_share_endpoint("shares.compose", "link_id")
    from server.charter.past_posts import register_past_posts
    from server.shares import replay_source

    register_past_posts(replay_source.count_submitted, replay_source.submitted_after)
