"""The delivery queue: an event becomes one delivery per subscribed endpoint, each sent by the job worker
until the endpoint answers 2xx, retried with exponential backoff for a day, every attempt logged.

* **Written once, sent as written.** The body is built (and, for chats, worded in the channel's language) when
  the event happens and stored; each attempt sends those exact bytes, signed anew with its own timestamp.
* **Persistent.** Deliveries are rows: a worker that stops loses nothing; the periodic job picks up whatever
  is due. A worker claims a delivery by moving its due time forward (compare-and-set), so two workers never
  send the same attempt.
* **Backoff.** After a failed attempt the next comes 5 s, 5 min, 30 min, 2 h, 5 h and then 10 h later, the
  last one a day after the event (8 attempts); then the delivery has failed. A refused address or a redirect
  is not retried (the next attempt would be refused the same way); a 410 Gone disables the endpoint at once.
* **Disabling.** After `DISABLE_AFTER_FAILURES` failed attempts in a row an endpoint is disabled and every
  administrator gets a notice; its pending deliveries wait until someone enables it again.
* **Kept a month.** Finished deliveries and their attempts are forgotten after 30 days.
* **Vetted calls.** Every request goes through `server/outbound/`: public addresses only, unless the
  administrator marked the endpoint's host as an internal one, or the operator listed it in PV_OUTBOUND_ALLOW.
"""

import json
import logging
import time
from datetime import UTC, timedelta
from urllib.parse import urlsplit

import requests
from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from huey import crontab
from peewee import IntegrityError

from server.auth.models import User
from server.auth.roles import Role
from server.db import database, utcnow
from server.jobs import job, periodic_job
from server.notifications import notify
from server.outbound import BlockedAddress, OutboundClient, OutboundError, RedirectRefused
from server.public_urls import external_url
from server.webhooks import events
from server.webhooks.chat import chat_payload, message_for
from server.webhooks.models import DeliveryState, EndpointKind, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from server.webhooks.signing import new_message_id, signed_headers

log = logging.getLogger(__name__)

RETRY_DELAYS = (timedelta(seconds=5), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2),
                timedelta(hours=5), timedelta(hours=10))
GIVE_UP_AFTER = timedelta(days=1)
DISABLE_AFTER_FAILURES = 10
CLAIM_FOR = timedelta(minutes=2)  # longer than an attempt may take (timeouts below)
TIMEOUT = (5.0, 10.0)
RESPONSE_START = 500  # characters of the answer kept in the log
USER_AGENT = "Porte-Voix-Webhooks/1"


# -- queueing ------------------------------------------------------------------------------------------------

def subscribers(event):
    """The active endpoints subscribed to `event`."""
    return [endpoint for endpoint in WebhookEndpoint.select().where(WebhookEndpoint.active == True)  # noqa: E712
            .order_by(WebhookEndpoint.id) if event in (endpoint.events or ())]


def emit(event, data, message_id=None, chats=True):
    """Queue `event` for every endpoint subscribed to it and have the worker send it; returns the deliveries.

    `message_id` makes the event idempotent (a daily rollup queued twice is stored once per endpoint);
    `chats=False` leaves the chat channels out (a batch too large to announce one message at a time).
    """
    endpoints = [endpoint for endpoint in subscribers(event) if chats or not endpoint.is_chat]
    return queue_for(endpoints, event, data, message_id)


def queue_for(endpoints, event, data, message_id=None):
    """Queue `event` for these endpoints (the test button names one, whatever it subscribes to)."""
    message_id = message_id or new_message_id()
    created = []
    for endpoint in endpoints:
        body = render_body(endpoint, event, data)
        if body is None:
            continue
        if WebhookDelivery.get_or_none(endpoint=endpoint.id, message_id=message_id) is not None:
            continue
        try:
            with database.atomic():
                created.append(WebhookDelivery.create(endpoint=endpoint, message_id=message_id, event=event,
                                                      body=body))
        except IntegrityError:  # another process queued the same message for this endpoint just now
            continue
    for delivery in created:
        deliver_soon(delivery.id)
    return created


def render_body(endpoint, event, data):
    """The exact text sent to `endpoint` for `event`: a Standard Webhooks event, or a chat message."""
    if endpoint.kind == EndpointKind.SIGNED:
        return json.dumps({"type": event, "timestamp": utcnow().isoformat() + "Z", "data": data},
                          ensure_ascii=False, separators=(",", ":"))
    with force_locale(endpoint.language):
        message = message_for(event, data)
        if message is None:
            return None
        return json.dumps(chat_payload(endpoint.kind, message), ensure_ascii=False, separators=(",", ":"))


@job()
def deliver_soon(delivery_id):
    deliver(delivery_id)


@periodic_job(crontab(minute="*"))
def deliver_due_deliveries():
    sent = deliver_due()
    if sent:
        log.info("made %d webhook delivery attempts", sent)


def deliver_due(now=None, limit=200):
    """Attempt every delivery that is due (retries, and what a stopped worker left); returns how many."""
    moment = now or utcnow()
    due = (WebhookDelivery.select(WebhookDelivery.id).join(WebhookEndpoint)
           .where(WebhookDelivery.state == DeliveryState.PENDING, WebhookDelivery.next_attempt_at <= moment,
                  WebhookEndpoint.active == True)  # noqa: E712
           .order_by(WebhookDelivery.next_attempt_at).limit(limit))
    # Each attempt is stamped (and signed) with its own time unless the caller fixed one: a long run must not
    # send timestamps that receivers would find minutes old.
    return sum(1 for (delivery_id,) in list(due.tuples()) if deliver(delivery_id, now))


# -- one attempt ---------------------------------------------------------------------------------------------

def deliver(delivery_id, now=None):
    """Make one attempt of a due delivery; True when an attempt was made (and logged)."""
    now = now or utcnow()
    delivery = _claim(delivery_id, now)
    if delivery is None:
        return False
    endpoint = delivery.endpoint
    started = time.monotonic()
    status, error, answer, permanent = _send(endpoint, delivery, now)
    WebhookAttempt.create(delivery=delivery, at=now, status_code=status, error=error,
                          response_start=answer, duration_ms=int((time.monotonic() - started) * 1000))
    if status is not None and 200 <= status < 300:
        _succeeded(delivery, endpoint, now)
    else:
        _failed(delivery, endpoint, now, give_up=permanent or status == 410, gone=status == 410)
    return True


def _claim(delivery_id, now):
    delivery = WebhookDelivery.get_or_none(WebhookDelivery.id == delivery_id)
    if delivery is None or delivery.state != DeliveryState.PENDING or not delivery.endpoint.active:
        return None
    if delivery.next_attempt_at and delivery.next_attempt_at > now:
        return None
    claimed = (WebhookDelivery.update(next_attempt_at=now + CLAIM_FOR)
               .where(WebhookDelivery.id == delivery.id, WebhookDelivery.state == DeliveryState.PENDING,
                      WebhookDelivery.next_attempt_at == delivery.next_attempt_at).execute())
    return delivery if claimed else None


def outbound_client(endpoint):
    """The vetted client for `endpoint`: the operator's allow-list, plus its host if marked internal."""
    also = (urlsplit(endpoint.url).hostname or "",) if endpoint.internal_host else ()
    return OutboundClient.from_config(current_app.config, also_allow=[host for host in also if host])


def _send(endpoint, delivery, now):
    """(status, error, first characters of the answer, whether retrying is pointless) of one POST."""
    body = delivery.body.encode()
    headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT}
    if endpoint.kind == EndpointKind.SIGNED:
        headers.update(signed_headers(endpoint.signing_secrets(now), delivery.message_id, _epoch(now), body))
    try:
        with outbound_client(endpoint).session() as session:
            response = session.post(endpoint.url, data=body, headers=headers, timeout=TIMEOUT, stream=True,
                                    allow_redirects=False)
            try:
                start = response.raw.read(RESPONSE_START * 4, decode_content=True) or b""
            finally:
                response.close()
    except RedirectRefused as exc:
        return exc.status, "The endpoint answered with a redirect, which is never followed.", None, True
    except BlockedAddress as exc:
        return None, exc.message[:300], None, True
    except (OutboundError, requests.RequestException) as exc:
        return None, (getattr(exc, "message", None) or f"{exc.__class__.__name__}: {exc}")[:300], None, False
    return response.status_code, None, start.decode("utf-8", "replace")[:RESPONSE_START], False


def _epoch(naive_utc):
    return naive_utc.replace(tzinfo=UTC).timestamp()


def _succeeded(delivery, endpoint, now):
    WebhookDelivery.update(state=DeliveryState.DELIVERED, attempts=WebhookDelivery.attempts + 1, finished_at=now,
                           next_attempt_at=None).where(WebhookDelivery.id == delivery.id).execute()
    WebhookEndpoint.update(failures=0).where(WebhookEndpoint.id == endpoint.id).execute()


def next_attempt_at(delivery, attempts_made, now):
    """When to try again after `attempts_made` failed attempts, or None when the day is over."""
    deadline = delivery.created_at + GIVE_UP_AFTER
    if now >= deadline:
        return None
    return min(now + RETRY_DELAYS[min(attempts_made - 1, len(RETRY_DELAYS) - 1)], deadline)


def _failed(delivery, endpoint, now, give_up=False, gone=False):
    attempts = delivery.attempts + 1
    retry_at = None if give_up else next_attempt_at(delivery, attempts, now)
    WebhookDelivery.update(attempts=attempts, next_attempt_at=retry_at,
                           state=DeliveryState.PENDING if retry_at else DeliveryState.FAILED,
                           finished_at=None if retry_at else now).where(WebhookDelivery.id == delivery.id).execute()
    WebhookEndpoint.update(failures=WebhookEndpoint.failures + 1).where(WebhookEndpoint.id == endpoint.id).execute()
    failures = WebhookEndpoint.get_by_id(endpoint.id).failures
    if gone:
        disable(endpoint, _l("The address answered that it no longer exists (410 Gone)."), now)
    elif failures >= DISABLE_AFTER_FAILURES:
        disable(endpoint, _l("%(count)d attempts in a row failed.", count=failures), now)


def disable(endpoint, reason, now=None):
    """Stop sending to `endpoint` (its pending deliveries wait) and tell every administrator why."""
    written = (WebhookEndpoint.update(active=False, disabled_at=now or utcnow(), disabled_reason=str(reason)[:300])
               .where(WebhookEndpoint.id == endpoint.id, WebhookEndpoint.active == True).execute())  # noqa: E712
    if not written:
        return
    for admin in User.select().where(User.role == Role.ADMIN.value, User.active == True):  # noqa: E712
        notify(admin, "webhooks.disabled",
               _l("Notifications to “%(name)s” are stopped", name=endpoint.name),
               _l("%(reason)s Check the address, then enable it again on its page: the waiting messages will "
                  "be sent then.", reason=reason),
               endpoint="webhooks.endpoint_page", endpoint_id=endpoint.id)


KEEP_FINISHED = timedelta(days=30)


def purge_finished_deliveries(now=None):
    """Forget deliveries finished (delivered or failed) more than `KEEP_FINISHED` ago, with their attempts."""
    cutoff = (now or utcnow()) - KEEP_FINISHED
    return (WebhookDelivery.delete().where(WebhookDelivery.state != DeliveryState.PENDING,
                                           WebhookDelivery.finished_at < cutoff).execute())


@periodic_job(crontab(minute="40", hour="3"))
def purge_finished_deliveries_daily():
    purge_finished_deliveries()


def test_event_data():
    """What the test button sends: a harmless event saying where it comes from."""
    return {"message": "Test event from Porte-Voix", "url": external_url("portal.home")}


__all__ = ["DISABLE_AFTER_FAILURES", "GIVE_UP_AFTER", "RETRY_DELAYS", "deliver", "deliver_due", "disable", "emit",
           "events", "next_attempt_at", "queue_for", "render_body", "subscribers", "test_event_data"]
