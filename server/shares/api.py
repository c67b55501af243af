"""The share pipeline in the JSON API: networks, participation, shares, reviews, connected accounts."""

from flask import g, request
from flask_babel import lazy_gettext as _l
from flask_smorest import Blueprint

from schemas.shares import (
    IDEMPOTENCY_KEY_HEADER,
    ConnectedAccountSchema,
    NetworkSchema,
    ParticipationSchema,
    ReviewApproveSchema,
    ReviewItemSchema,
    ReviewQuerySchema,
    ReviewRejectSchema,
    ShareCreateSchema,
    ShareQuerySchema,
    ShareResubmitSchema,
    ShareSchema,
)
from server import networks as registry
from server.auth.roles import Role, access
from server.errors import InvalidInput
from server.protection import limiter
from server.shares import accounts, listings, pipeline, publishing
from server.shares.labels import network_label
from server.shares.presenting import share_view, share_views

blp = Blueprint("shares_api", __name__, url_prefix="/api/v1", description="Sharing: networks, shares, reviews.")


@blp.route("/networks", methods=["GET"])
@blp.response(200, NetworkSchema(many=True))
@access(Role.EMPLOYEE)
def list_networks():
    """Every network one can share to, with its limit and the caller's connected account, if any."""
    mine = {account.network: account for account in accounts.accounts_of(g.user)}
    return [{"name": m.name, "label": str(network_label(m.name)), "prefills_text": m.prefills_text,
             "needs_instance": m.needs_instance, "posts_directly": m.posts_directly,
             "length": {"max": m.length.max, "counting": m.length.counting} if m.length else None,
             "account": mine.get(m.name)} for m in registry.intent_networks()]


@blp.route("/participation", methods=["GET"])
@blp.response(200, ParticipationSchema)
@access(Role.EMPLOYEE)
def get_participation():
    """Whether the caller takes part (participation is voluntary)."""
    row = pipeline.participant(g.user)
    return {"participating": row is not None, "opted_in_at": row.opted_in_at if row else None,
            "instances": (row.instances or {}) if row else {}}


@blp.route("/participation", methods=["PUT"])
@blp.response(200, ParticipationSchema)
@access(Role.EMPLOYEE)
def take_part():
    """Choose to take part."""
    row = pipeline.opt_in(g.user)
    return {"participating": True, "opted_in_at": row.opted_in_at, "instances": row.instances or {}}


@blp.route("/participation", methods=["DELETE"])
@blp.response(204)
@access(Role.EMPLOYEE)
def stop_taking_part():
    """Stop taking part (past shares stay yours to see)."""
    pipeline.opt_out(g.user)


@blp.route("/shares", methods=["POST"])
@blp.arguments(ShareCreateSchema)
@blp.response(201, ShareSchema)
@blp.alt_response(200, schema=ShareSchema, description="The same Idempotency-Key was used before: that share.")
@blp.doc(parameters=[IDEMPOTENCY_KEY_HEADER])
@blp.alt_response(404, description="No link has this link_id.")
@limiter.limit("30 per minute")
@access(Role.EMPLOYEE)
def create_share(body):
    """Submit a share. Send an Idempotency-Key header: repeating the request returns the same share.

    The charter is checked here: `block` answers 422 with the findings, `review` waits for a moderator,
    otherwise the share is released (intent URLs at once, posts through connected accounts as jobs).
    """
    key = (request.headers.get("Idempotency-Key") or "").strip()
    if not key or len(key) > 100:
        raise InvalidInput(fields={"Idempotency-Key": [str(_l("Send an Idempotency-Key header (1 to 100 "
                                                               "characters), new for each share."))]})
    share, created = pipeline.submit_share(g.user, idempotency_key=key, **body)
    return share_view(share), 201 if created else 200


@blp.route("/shares", methods=["GET"])
@blp.arguments(ShareQuerySchema, location="query")
@blp.response(200, ShareSchema(many=True))
@access(Role.EMPLOYEE)
def list_shares(query):
    """The caller's shares, newest first."""
    return share_views(listings.shares_of(g.user, **query))


@blp.route("/shares/<int:share_id>", methods=["GET"])
@blp.response(200, ShareSchema)
@access(Role.EMPLOYEE)
def get_share(share_id):
    """One of the caller's shares, with its history."""
    return share_view(listings.own_share(g.user, share_id))


@blp.route("/shares/<int:share_id>/resubmit", methods=["POST"])
@blp.arguments(ShareResubmitSchema)
@blp.response(200, ShareSchema)
@access(Role.EMPLOYEE)
def resubmit(body, share_id):
    """Edit a draft or a refused share and submit it again."""
    return share_view(pipeline.resubmit_share(g.user, share_id, body["text"]))


@blp.route("/shares/<int:share_id>/cancel", methods=["POST"])
@blp.response(200, ShareSchema)
@access(Role.EMPLOYEE)
def cancel(share_id):
    """Cancel a share before it reached any network (a scheduled post included)."""
    return share_view(pipeline.cancel_share(g.user, share_id))


@blp.route("/shares/<int:share_id>/targets/<network>/opened", methods=["POST"])
@blp.response(200, ShareSchema)
@access(Role.EMPLOYEE)
def intent_opened(share_id, network):
    """The employee opened the network's composer: the target is `opened` (what they post there, we cannot
    see). Opening it again changes nothing."""
    return share_view(publishing.mark_opened(g.user, share_id, network))


@blp.route("/shares/<int:share_id>/targets/<network>/retry", methods=["POST"])
@blp.response(200, ShareSchema)
@access(Role.EMPLOYEE)
def retry(share_id, network):
    """Publish a failed network again (after reconnecting the account, say)."""
    return share_view(publishing.publish_again(g.user, share_id, network))


@blp.route("/reviews", methods=["GET"])
@blp.arguments(ReviewQuerySchema, location="query")
@blp.response(200, ReviewItemSchema(many=True))
@access(Role.MODERATOR)
def review_queue(query):
    """Shares waiting for a moderator, oldest first; filter by campaign and by charter rule."""
    return listings.queue_views(**query, reviewer=g.user)


@blp.route("/reviews/<int:share_id>/approve", methods=["POST"])
@blp.arguments(ReviewApproveSchema)
@blp.response(200, ShareSchema)
@access(Role.MODERATOR)
def approve(body, share_id):
    """Approve: the share is released and its author told. Nobody approves their own share (unless the
    server allows it, PV_SELF_APPROVAL): 403 `own_share`."""
    return share_view(pipeline.approve_share(g.user, share_id, body["note"]))


@blp.route("/reviews/<int:share_id>/reject", methods=["POST"])
@blp.arguments(ReviewRejectSchema)
@blp.response(200, ShareSchema)
@access(Role.MODERATOR)
def reject(body, share_id):
    """Refuse with a reason the author reads; they may edit and submit again."""
    return share_view(pipeline.reject_share(g.user, share_id, body["reason"]))


@blp.route("/accounts", methods=["GET"])
@blp.response(200, ConnectedAccountSchema(many=True))
@access(Role.EMPLOYEE)
def list_accounts():
    """The caller's connected accounts."""
    return accounts.accounts_of(g.user)


@blp.route("/accounts/<int:account_id>", methods=["DELETE"])
@blp.response(204)
@access(Role.EMPLOYEE)
def disconnect_account(account_id):
    """Disconnect: the token is revoked at the network and forgotten here."""
    accounts.disconnect(g.user, account_id)
