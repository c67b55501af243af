"""Administering where notifications go: create, change, enable, delete an endpoint, and send it a test.

An endpoint's address is a secret (a Slack or Teams webhook URL lets anyone post to the channel): it is
stored encrypted and never shown again in full, only its host and last characters. A signed endpoint's
secret is shown once, right after it is created (or renewed), for the receiving tool to be configured with it.
"""

import ipaddress
from datetime import timedelta
from urllib.parse import urlsplit

from flask_babel import gettext as _

from server import audit
from server.db import database, utcnow
from server.errors import InvalidInput, NotFound
from server.outbound import LookupFailed, OutboundError
from server.webhooks import events
from server.webhooks.delivery import outbound_client, queue_for, test_event_data
from server.webhooks.models import DeliveryState, EndpointKind, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from server.webhooks.signing import new_secret

LANGUAGES = ("fr", "en")
SECRET_OVERLAP = timedelta(days=1)
# The hosts each chat service gives its webhooks (Teams Workflows URLs live on Azure Logic Apps or Power
# Platform hosts); a chat endpoint elsewhere is refused, as a pasted address of the wrong kind.
CHAT_HOSTS = {
    EndpointKind.SLACK: ("hooks.slack.com", "hooks.slack-gov.com"),
    EndpointKind.TEAMS: (".logic.azure.com", ".environment.api.powerplatform.com", ".webhook.office.com"),
}


def url_hint(url):
    """What pages show of an address: its host and its last four characters."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}/…{url[-4:]}"[:200]


def allowed_events(kind):
    return events.CHAT_EVENTS if kind in EndpointKind.CHAT else events.SIGNED_EVENTS


def _check_url(kind, url, internal_host):
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise InvalidInput(fields={"url": [_("Give the full address, starting with https://.")]})
    if parts.scheme != "https" and not internal_host:
        raise InvalidInput(fields={"url": [_("Only https:// addresses are accepted, unless the host is an "
                                            "internal one you allow.")]})
    if kind in CHAT_HOSTS and not internal_host and not any(
            parts.hostname == host or (host.startswith(".") and parts.hostname.endswith(host))
            for host in CHAT_HOSTS[kind]):
        raise InvalidInput(fields={"url": [_("This is not the address of a %(service)s webhook.",
                                             service=_kind_name(kind))]})
    if _is_link_local(parts.hostname):
        # Cloud metadata services live there (169.254.169.254): never a webhook, even on an internal host.
        raise InvalidInput(fields={"url": [_("This address is not on the public internet. If it is one of the "
                                            "company's own hosts, tick “internal host”.")]})
    endpoint = WebhookEndpoint(url=url, internal_host=internal_host)
    try:
        outbound_client(endpoint).vet(url)
    except LookupFailed:
        raise InvalidInput(fields={"url": [_("This host could not be found.")]}) from None
    except OutboundError:
        raise InvalidInput(fields={"url": [_("This address is not on the public internet. If it is one of the "
                                            "company's own hosts, tick “internal host”.")]}) from None
    return url


def _is_link_local(host):
    try:
        return ipaddress.ip_address(host.strip("[]")).is_link_local
    except ValueError:
        return False


def _kind_name(kind):
    return {EndpointKind.SLACK: "Slack", EndpointKind.TEAMS: "Microsoft Teams"}.get(kind, kind)


def _check_events(kind, chosen):
    chosen = list(dict.fromkeys(chosen or ()))
    unknown = [name for name in chosen if name not in allowed_events(kind)]
    if unknown or not chosen:
        raise InvalidInput(fields={"events": [_("Choose at least one of the events offered.")]})
    return chosen


def create_endpoint(actor, kind, name, url, event_names, language="fr", internal_host=False):
    """Register an endpoint; returns (endpoint, secret) — the secret (signed endpoints) is shown only now."""
    if kind not in EndpointKind.ALL:
        raise InvalidInput(fields={"kind": [_("Choose Slack, Microsoft Teams or a signed webhook.")]})
    name = (name or "").strip()[:120]
    if not name:
        raise InvalidInput(fields={"name": [_("Give it a name.")]})
    if language not in LANGUAGES:
        raise InvalidInput(fields={"language": [_("Choose French or English.")]})
    chosen = _check_events(kind, event_names)
    url = _check_url(kind, url, internal_host)
    secret = new_secret() if kind == EndpointKind.SIGNED else None
    with database.atomic():
        endpoint = WebhookEndpoint.create(kind=kind, name=name, url=url, url_hint=url_hint(url), secret=secret,
                                          events=chosen, language=language, internal_host=bool(internal_host),
                                          created_by=actor)
        audit.record("webhooks.endpoint.create", actor=actor, target=endpoint, kind=kind, events=chosen)
    return endpoint, secret


def get_endpoint(endpoint_id):
    endpoint = WebhookEndpoint.get_or_none(WebhookEndpoint.id == endpoint_id)
    if endpoint is None:
        raise NotFound(_("No such notification endpoint."))
    return endpoint


def list_endpoints():
    return list(WebhookEndpoint.select().order_by(WebhookEndpoint.kind, WebhookEndpoint.name))


def update_endpoint(actor, endpoint_id, name, event_names, language, url=None, internal_host=None):
    """Change an endpoint; a blank `url` keeps the stored address (it is never sent back to the page)."""
    endpoint = get_endpoint(endpoint_id)
    name = (name or "").strip()[:120]
    if not name:
        raise InvalidInput(fields={"name": [_("Give it a name.")]})
    if language not in LANGUAGES:
        raise InvalidInput(fields={"language": [_("Choose French or English.")]})
    internal = endpoint.internal_host if internal_host is None else bool(internal_host)
    if url and url.strip():
        endpoint.url = _check_url(endpoint.kind, url, internal)
        endpoint.url_hint = url_hint(endpoint.url)
    endpoint.name, endpoint.language, endpoint.internal_host = name, language, internal
    endpoint.events = _check_events(endpoint.kind, event_names)
    endpoint.updated_at = utcnow()
    with database.atomic():
        endpoint.save()
        audit.record("webhooks.endpoint.update", actor=actor, target=endpoint, events=endpoint.events,
                     address_changed=bool(url and url.strip()))
    return endpoint


def set_active(actor, endpoint_id, active):
    """Enable (its waiting deliveries are sent now, the failure count starts again) or disable by hand."""
    endpoint = get_endpoint(endpoint_id)
    with database.atomic():
        now = utcnow()
        if active:
            WebhookEndpoint.update(active=True, failures=0, disabled_at=None, disabled_reason=None,
                                   updated_at=now).where(WebhookEndpoint.id == endpoint.id).execute()
            (WebhookDelivery.update(next_attempt_at=now)
             .where(WebhookDelivery.endpoint == endpoint.id, WebhookDelivery.state == DeliveryState.PENDING)
             .execute())
        else:
            WebhookEndpoint.update(active=False, disabled_at=now, disabled_reason=None, updated_at=now).where(
                WebhookEndpoint.id == endpoint.id).execute()
        audit.record("webhooks.endpoint.enable" if active else "webhooks.endpoint.disable", actor=actor,
                     target=endpoint)
    return get_endpoint(endpoint.id)


def renew_secret(actor, endpoint_id):
    """Give a signed endpoint a new secret, returned to be shown once; for `SECRET_OVERLAP` deliveries carry a
    signature with the old one too, so the receiving tool can be switched over without refusing any."""
    endpoint = get_endpoint(endpoint_id)
    if endpoint.kind != EndpointKind.SIGNED:
        raise InvalidInput(fields={"secret": [_("Only signed webhooks have a secret.")]})
    secret = new_secret()
    with database.atomic():
        now = utcnow()
        WebhookEndpoint.update(secret=secret, previous_secret=endpoint.secret,
                               previous_secret_until=now + SECRET_OVERLAP, updated_at=now).where(
            WebhookEndpoint.id == endpoint.id).execute()
        audit.record("webhooks.endpoint.renew_secret", actor=actor, target=endpoint)
    return secret


def delete_endpoint(actor, endpoint_id):
    endpoint = get_endpoint(endpoint_id)
    with database.atomic():
        audit.record("webhooks.endpoint.delete", actor=actor, target=endpoint, name=endpoint.name)
        endpoint.delete_instance()


def send_test_event(actor, endpoint_id):
    """Queue a test event for one endpoint (sent at once by the worker, even if it subscribes to nothing)."""
    endpoint = get_endpoint(endpoint_id)
    if not endpoint.active:
        raise InvalidInput(fields={"active": [_("Enable the endpoint first.")]})
    audit.record("webhooks.endpoint.test", actor=actor, target=endpoint)
    return queue_for([endpoint], events.TEST, test_event_data())


def recent_deliveries(endpoint, limit=20):
    """The endpoint's latest deliveries, newest first, each with its attempts (oldest first)."""
    deliveries = list(WebhookDelivery.select().where(WebhookDelivery.endpoint == endpoint.id)
                      .order_by(WebhookDelivery.created_at.desc(), WebhookDelivery.id.desc()).limit(limit))
    attempts = {}
    if deliveries:
        for attempt in (WebhookAttempt.select().where(WebhookAttempt.delivery.in_([d.id for d in deliveries]))
                        .order_by(WebhookAttempt.at, WebhookAttempt.id)):
            attempts.setdefault(attempt.delivery_id, []).append(attempt)
    return [(delivery, attempts.get(delivery.id, [])) for delivery in deliveries]
