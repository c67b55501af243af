"""Connected accounts: an employee's own account on a network with an API (LinkedIn, X, Mastodon, Bluesky
today), for direct posting.

Connecting is optional (share intents need no account). Tokens are encrypted at rest, refreshed before
they expire under a per-account lock (X refresh tokens work once), revoked on disconnect, and an account
whose token stopped working is marked "reconnect" rather than failing silently.

Nothing here names a network: each network module declares how it connects (``auth``, ``needs_instance``),
whether it is configured and how to build its Config (see server/networks/__init__.py).
"""

import logging
import time
from datetime import UTC, datetime

from flask import current_app
from flask_babel import lazy_gettext as _l

from server import audit, networks
from server.db import database, locked, utcnow
from server.errors import DomainError, InvalidInput, NotFound
from server.networks import AuthorizationFailed, NetworkError, Token, TokenExpired
from server.networks.errors import RefusedDestination
from server.outbound import OutboundClient, OutboundError
from server.public_urls import external_url
from server.shares.errors import AccountError, NetworkUnavailable
from server.shares.labels import network_label
from server.shares.models import ACTIVE, RECONNECT, ConnectedAccount, InstanceApp

log = logging.getLogger(__name__)

__all__ = ["AccountError", "NetworkUnavailable", "account_for", "accounts_of", "available_networks",
           "begin_connect", "complete_connect", "connect_with_password", "disconnect", "mark_reconnect",
           "network_config", "refresh_now", "usable_token", "validate_instance"]


def _overrides(network):
    """Overrides of a network's base URLs (app config NETWORK_ENDPOINTS: tests, or a self-hosted server)
    and of the client's timeouts (NETWORK_TIMEOUT, (connect, read) seconds), and the outbound client every
    call goes through."""
    overrides = dict(current_app.config.get("NETWORK_ENDPOINTS", {}).get(network, {}))
    if current_app.config.get("NETWORK_TIMEOUT"):
        overrides["timeout"] = tuple(current_app.config["NETWORK_TIMEOUT"])
    overrides["outbound"] = _outbound()
    return overrides


def _outbound():
    """Public addresses only, plus PV_OUTBOUND_ALLOW (tests list their fakes there)."""
    return OutboundClient.from_config(current_app.config)


def connect_flow(module):
    """How an employee connects an account: "redirect" (the network's consent page), "instance" (their
    server first, then its consent page) or "password" (an identifier and an app password)."""
    if module.auth == "app_password":
        return "password"
    return "instance" if module.needs_instance else "redirect"


def available_networks():
    """The API networks employees may connect here (those configured on this server), with their flow."""
    return [module for module in networks.api_networks() if module.is_configured(current_app.config)]


def _api_module(network):
    try:
        module = networks.get(network)
    except networks.UnknownNetwork:
        raise NetworkUnavailable() from None
    if not module.posts_directly or not module.is_configured(current_app.config):
        raise NetworkUnavailable()
    return module


def instance_base_url(module, instance):
    """https://host for an employee-given server, after checking our server may call it (every later call is
    checked again); tests map hosts to local fakes with NETWORK_INSTANCE_URLS ({host: base URL})."""
    host = module.normalize_instance(instance)
    base_url = current_app.config.get("NETWORK_INSTANCE_URLS", {}).get(host) or f"https://{host}"
    try:
        _outbound().vet(base_url)
    except OutboundError as exc:
        raise _unreachable_instance(exc.message) from exc
    return host, base_url


def _unreachable_instance(reason):
    return AccountError(_l("This server cannot be reached from here: %(reason)s", reason=reason),
                        fields={"instance": [reason]})


def _instance_config(module, instance):
    """Our app on this server, registering it the first time."""
    host, base_url = instance_base_url(module, instance)
    app = InstanceApp.get_or_none(InstanceApp.network == module.name, InstanceApp.instance == host)
    if app is None:
        try:
            registered = module.register_app(base_url, client_name="Porte-Voix",
                                             redirect_uri=callback_url(module.name),
                                             website=current_app.config.get("BASE_URL") or None, outbound=_outbound())
        except NetworkError as exc:
            raise _unreachable_instance(exc.message) from exc
        InstanceApp.insert(network=module.name, instance=host, client_id=registered.client_id,
                           client_secret=registered.client_secret, pkce=registered.pkce).on_conflict_ignore().execute()
        app = InstanceApp.get(InstanceApp.network == module.name, InstanceApp.instance == host)
    timeout = _overrides(module.name).get("timeout")
    extra = {"timeout": timeout} if timeout else {}
    return module.instance_config(base_url, client_id=app.client_id, client_secret=app.client_secret,
                                  pkce=app.pkce, outbound=_outbound(), **extra)


def network_config(network, instance=None):
    """The Config a network client needs: from the server's settings, or per server for networks where each
    server is its own OAuth provider; endpoints overridable for tests."""
    module = _api_module(network)
    if module.needs_instance:
        return _instance_config(module, instance)
    return module.app_config(current_app.config, **_overrides(network))


def callback_url(network):
    return external_url("shares.account_callback", network=network)


def begin_connect(network, instance=None):
    """Where to send the employee to authorise us, and what the callback must find in the session."""
    config = network_config(network, instance)
    request = networks.get(network).authorization_url(config, callback_url(network))
    pending = {"network": network, "instance": instance, "state": request.state,
               "verifier": request.code_verifier, "at": int(time.time())}
    return request.url, pending


def _expiry(token):
    return datetime.fromtimestamp(token.expires_at, UTC).replace(tzinfo=None) if token.expires_at else None


def _store(user, network, instance, token):
    """Create or replace the user's account on this network."""
    values = {"instance": instance, "account_id": token.account_id, "account_name": token.account_name,
              "token": token.to_dict(), "expires_at": _expiry(token), "status": ACTIVE, "status_reason": None,
              "connected_at": utcnow(), "refreshed_at": None, "expiry_warned_at": None}
    with database.atomic():
        account = ConnectedAccount.get_or_none(ConnectedAccount.user == user, ConnectedAccount.network == network)
        if account is None:
            account = ConnectedAccount.create(user=user, network=network, **values)
        else:
            ConnectedAccount.update(**values).where(ConnectedAccount.id == account.id).execute()
            account = ConnectedAccount.get_by_id(account.id)
        audit.record("account.connect", actor=user, target=account, network=network)
    return account


def complete_connect(user, pending, callback):
    """Finish an OAuth connection from the callback URL; returns the stored account."""
    if not pending or time.time() - pending.get("at", 0) > 900:
        raise AccountError(_l("This connection attempt has expired. Please start again."))
    network = pending["network"]
    config = network_config(network, pending.get("instance"))
    try:
        token = networks.get(network).exchange_code(config, callback_url(network), callback, pending["state"],
                                                    pending.get("verifier"))
    except NetworkError as exc:
        log.info("connecting %s failed: %s", network, exc)
        raise AccountError(_l("%(network)s refused the connection: %(reason)s",
                              network=network_label(network), reason=exc.message)) from exc
    module = networks.get(network)
    instance = module.normalize_instance(pending["instance"]) if module.needs_instance else None
    return _store(user, network, instance, token)


def connect_with_password(user, network, identifier, app_password):
    """Connect with an app password (the password itself is never stored, only the session it opens)."""
    module = _api_module(network)
    if connect_flow(module) != "password":
        raise NetworkUnavailable()
    label = network_label(network)
    try:
        token = module.login(network_config(network), identifier.strip(), app_password)
    except RefusedDestination as exc:
        log.info("connecting %s refused: %s", network, exc)
        message = _l("Porte-Voix may not contact the server that hosts this %(network)s account: it is not on the "
                     "public internet.", network=label)
        raise AccountError(message, fields={"identifier": [str(message)]}) from exc
    except AuthorizationFailed as exc:
        message = (_l("Use an app password (%(network)s settings → App passwords), not your account password.",
                      network=label)
                   if exc.reason == "auth_factor_required" else _l("%(network)s refused these credentials.",
                                                                   network=label))
        raise AccountError(message, fields={"app_password": [str(message)]}) from exc
    except NetworkError as exc:
        log.info("connecting %s failed: %s", network, exc)
        message = _l("%(network)s could not be reached; try again later.", network=label)
        raise AccountError(message, fields={"identifier": [str(message)]}) from exc
    return _store(user, network, None, token)


def accounts_of(user):
    return list(ConnectedAccount.select().where(ConnectedAccount.user == user).order_by(ConnectedAccount.network))


def account_for(user, network):
    return ConnectedAccount.get_or_none(ConnectedAccount.user == user, ConnectedAccount.network == network)


def disconnect(user, account_id):
    """Revoke the token at the network (best effort) and forget it."""
    account = ConnectedAccount.get_or_none(ConnectedAccount.id == account_id, ConnectedAccount.user == user)
    if account is None:
        raise NotFound(_l("No such account."))
    try:
        account.network_module.revoke(network_config(account.network, account.instance),
                                      Token.from_dict(account.token))
    except (NetworkError, DomainError) as exc:
        log.info("revoking %s for user %s failed (forgotten anyway): %s", account.network, user.id, exc)
    account.delete_instance()
    audit.record("account.disconnect", actor=user, network=account.network)


def mark_reconnect(account, reason):
    """The token stopped working: the employee must reconnect (the pages and the failed share say so)."""
    ConnectedAccount.update(status=RECONNECT, status_reason=str(reason)[:500]).where(
        ConnectedAccount.id == account.id).execute()


def _refresh_under_lock(account_id, force=False):
    """Refresh the account's token under its lock (re-read under it, so two workers never spend the same
    single-use refresh token) and store the new one; a refused refresh marks the account "reconnect"."""
    refused = None
    with locked(ConnectedAccount, account_id) as current:
        module = current.network_module
        token = Token.from_dict(current.token)
        if force or module.needs_refresh(token):
            try:
                token = module.refresh(network_config(current.network, current.instance), token)
            except TokenExpired as exc:
                refused = exc  # recorded once the lock's transaction is over, so the mark is not rolled back
            else:
                ConnectedAccount.update(token=token.to_dict(), expires_at=_expiry(token), refreshed_at=utcnow(),
                                        status=ACTIVE, status_reason=None).where(
                    ConnectedAccount.id == account_id).execute()
    if refused is not None:
        mark_reconnect(current, refused.message)
        raise refused
    return token


def usable_token(account_id):
    """The account's token, refreshed first when it is about to expire."""
    account = ConnectedAccount.get_by_id(account_id)
    module = account.network_module
    token = Token.from_dict(account.token)
    if account.status != ACTIVE or module.needs_reconnect(token):
        raise TokenExpired(account.status_reason or "the connection has expired", network=account.network)
    if module.needs_refresh(token):
        token = _refresh_under_lock(account_id)
    return ConnectedAccount.get_by_id(account_id), token


def refresh_now(user, account_id):
    """The employee refreshes a connection by hand (when the network allows it)."""
    account = ConnectedAccount.get_or_none(ConnectedAccount.id == account_id, ConnectedAccount.user == user)
    if account is None:
        raise NotFound(_l("No such account."))
    token = Token.from_dict(account.token)
    if account.network_module.needs_reconnect(token):
        mark_reconnect(account, "expired")
        raise AccountError(_l("This connection has expired: connect the account again."))
    if not token.refresh_token:
        return account
    try:
        _refresh_under_lock(account.id, force=True)
    except TokenExpired as exc:
        raise AccountError(_l("%(network)s no longer accepts this connection: connect the account again.",
                              network=network_label(account.network))) from exc
    except NetworkError as exc:
        raise AccountError(_l("%(network)s could not be reached; try again later.",
                              network=network_label(account.network))) from exc
    return ConnectedAccount.get_by_id(account.id)


def accounts_expiring(within):
    """Connections that will expire within `within` with no way to refresh them (LinkedIn after 60 days), not
    yet announced to their owner."""
    limit = utcnow() + within
    return list(ConnectedAccount.select().where(ConnectedAccount.status == ACTIVE,
                                                ConnectedAccount.expires_at.is_null(False),
                                                ConnectedAccount.expires_at <= limit,
                                                ConnectedAccount.expiry_warned_at.is_null()))


def validate_instance(network, instance):
    """A server's host name from a form, or InvalidInput naming the field."""
    module = networks.get(network)
    try:
        return module.normalize_instance(instance or "")
    except networks.InvalidInstance as exc:
        raise InvalidInput(fields={"instance": [str(_l("Give your server's name, like %(example)s.",
                                                       example=module.instance_example))]}) from exc
