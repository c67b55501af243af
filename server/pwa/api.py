"""Web push in the JSON API: the server's public key, and turning notifications on and off for a device."""

from flask import g
from flask_smorest import Blueprint

from schemas.push import PushEndpointSchema, PushKeySchema, PushStatusSchema, PushSubscriptionSchema
from server.auth.roles import Role, access
from server.pwa import push

blp = Blueprint("push_api", __name__, url_prefix="/api/v1/push",
                description="Web push: notifications of new campaigns on the employee's devices (off by default).")


@blp.route("/key", methods=["GET"])
@blp.response(200, PushKeySchema)
@access(Role.EMPLOYEE)
def push_key():
    return {"public_key": push.public_key()}


@blp.route("/subscriptions", methods=["POST"])
@blp.arguments(PushSubscriptionSchema)
@blp.response(201, PushStatusSchema)
@access(Role.EMPLOYEE)
def subscribe(subscription):
    push.subscribe(g.user, {"endpoint": subscription["endpoint"], "keys": subscription["keys"]})
    return push.status(g.user, subscription["endpoint"])


@blp.route("/subscriptions", methods=["DELETE"])
@blp.arguments(PushEndpointSchema)
@blp.response(200, PushStatusSchema)
@access(Role.EMPLOYEE)
def unsubscribe(body):
    push.unsubscribe(g.user, body.get("endpoint"))
    return push.status(g.user, body.get("endpoint"))


@blp.route("/subscriptions", methods=["GET"])
@blp.arguments(PushEndpointSchema, location="query")
@blp.response(200, PushStatusSchema)
@access(Role.EMPLOYEE)
def push_status(query):
    return push.status(g.user, query.get("endpoint"))
