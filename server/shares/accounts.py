"""Connected accounts: an employee's own LinkedIn, X, Mastodon or Bluesky account, for direct posting.

Connecting is optional (share intents need no account). Tokens are encrypted at rest, refreshed before
they expire under a per-account lock (X refresh tokens work once), revoked on disconnect, and an account
whose token stopped working is marked "reconnect" rather than failing silently.
"""

import logging
import time
from datetime import UTC, datetime

from flask import current_app
from flask_babel import lazy_gettext as _l

from server import audit, networks
from server.db import database, locked, utcnow
from server.errors import DomainError, InvalidInput, NotFound
from server.networks import NetworkError, Token, TokenExpired
from server.networks.errors import RefusedDestination
from server.outbound import OutboundClient, OutboundError
from server.public_urls import external_url
from server.shares.labels import network_label
from server.shares.models import ACTIVE, RECONNECT, ConnectedAccount, MastodonApp

log = logging.getLogger(__name__)

class AccountError(DomainError):
    code = "account_error"
    default_message = _l("The account could not be connected.")


class NetworkUnavailable(DomainError):
    status = 404
    code = "network_unavailable"
    default_message = _l("Direct posting to this network is not set up on this server.")


def _endpoints(network):
    """Overrides of a network's base URLs (app config NETWORK_ENDPOINTS: tests, or a self-hosted Bluesky PDS)
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


def available_networks():
    """The API networks employees may connect here: those whose company app is configured, and Mastodon and
    Bluesky, which need none."""
    config = current_app.config
    found = []
    for module in networks.api_networks():
        if module.name == "linkedin" and not config.get("LINKEDIN_CLIENT_ID"):
            continue
        if module.name == "x" and not config.get("X_CLIENT_ID"):
            continue
        found.append(module)
    return found


def mastodon_base_url(instance):
    """https://host for an employee-given instance, after checking our server may call it (every later call
    is checked again); tests map hosts to local fakes with MASTODON_INSTANCE_URLS."""
    host = networks.mastodon.normalize_instance(instance)
    base_url = current_app.config.get("MASTODON_INSTANCE_URLS", {}).get(host) or f"https://{host}"
    try:
        _outbound().vet(base_url)
    except OutboundError as exc:
        raise _unreachable_instance(exc.message) from exc
    return host, base_url


def _unreachable_instance(reason):
    return AccountError(_l("This Mastodon server cannot be reached from here: %(reason)s", reason=reason),
                        fields={"instance": [reason]})


def mastodon_config(instance):
    """Our app on this instance, registering it the first time."""
    host, base_url = mastodon_base_url(instance)
    app = MastodonApp.get_or_none(MastodonApp.instance == host)
    if app is None:
        try:
            registered = networks.mastodon.register_app(
                base_url, client_name="Porte-Voix", redirect_uri=callback_url("mastodon"),
                website=current_app.config.get("BASE_URL") or None, outbound=_outbound())
        except NetworkError as exc:
            raise _unreachable_instance(exc.message) from exc
        app = MastodonApp.create(instance=host, client_id=registered.client_id,
                                 client_secret=registered.client_secret, pkce=registered.pkce)
    timeout = _endpoints("mastodon").get("timeout")
    extra = {"timeout": timeout} if timeout else {}
    return networks.mastodon.Config(base_url, app.client_id, app.client_secret, pkce=app.pkce,
                                    outbound=_outbound(), **extra)


def network_config(network, instance=None):
    """The Config a network client needs: company app credentials from settings, per-instance apps for
    Mastodon, endpoints overridable for tests."""
    config = current_app.config
    endpoints = _endpoints(network)
    if network == "linkedin":
        if not config.get("LINKEDIN_CLIENT_ID"):
            raise NetworkUnavailable()
        return networks.linkedin.Config(config["LINKEDIN_CLIENT_ID"], config["LINKEDIN_CLIENT_SECRET"], **endpoints)
    if network == "x":
        if not config.get("X_CLIENT_ID"):
            raise NetworkUnavailable()
        return networks.x.Config(config["X_CLIENT_ID"], config.get("X_CLIENT_SECRET") or None, **endpoints)
    if network == "mastodon":
        return mastodon_config(instance)
    if network == "bluesky":
        return networks.bluesky.Config(**{"pds_url": config["BLUESKY_PDS_URL"], **endpoints})
    raise NetworkUnavailable()


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
    instance = networks.mastodon.normalize_instance(pending["instance"]) if network == "mastodon" else None
    return _store(user, network, instance, token)


def connect_bluesky(user, identifier, app_password):
    """Connect Bluesky with an app password (the password itself is never stored, only the session)."""
    try:
        token = networks.bluesky.login(network_config("bluesky"), identifier.strip(), app_password)
    except RefusedDestination as exc:
        log.info("connecting bluesky refused: %s", exc)
        message = _l("Porte-Voix may not contact the server that hosts this Bluesky account: it is not on the "
                     "public internet.")
        raise AccountError(message, fields={"identifier": [str(message)]}) from exc
    except NetworkError as exc:
        reason = getattr(exc, "reason", None)
        message = (_l("Use an app password (Bluesky settings → App passwords), not your account password.")
                   if reason == "auth_factor_required" else _l("Bluesky refused these credentials."))
        raise AccountError(message, fields={"app_password": [str(message)]}) from exc
    return _store(user, "bluesky", None, token)


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


def validate_instance(instance):
    """A Mastodon instance host from a form, or InvalidInput naming the field."""
    try:
        return networks.mastodon.normalize_instance(instance or "")
    except networks.InvalidInstance as exc:
        raise InvalidInput(fields={"instance": [str(_l("Give your server's name, like mastodon.social."))]}) from exc
