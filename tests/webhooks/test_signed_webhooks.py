"""Signed webhooks: the share life cycle's events reach the company's tool, signed as Standard Webhooks says,
retried with backoff for a day, every attempt logged; an endpoint failing again and again is disabled and the
administrators are told."""

import base64
import hashlib
import hmac
import json
from datetime import timedelta
from itertools import pairwise

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from server.db import database, utcnow
from server.errors import InvalidInput
from server.notifications import Notification
from server.webhooks import delivery as queue
from server.webhooks.models import DeliveryState, WebhookAttempt, WebhookDelivery, WebhookEndpoint


def submit(client, headers, link, text, key="k-1"):
    body = {"link_id": link.id, "text": text, "targets": [{"network": "linkedin", "method": "intent"}]}
    return client.post("/api/v1/shares", json=body, headers={**headers, "Idempotency-Key": key})


@pytest.fixture
def alice(employee, ready, bearer):
    ready(employee)
    return bearer(employee)


def verify_by_hand(secret, headers, body):
    """The recipe of the Standard Webhooks specification, written from it."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{headers['Webhook-Id']}.{headers['Webhook-Timestamp']}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    version, _, given = headers["Webhook-Signature"].partition(",")
    return version == "v1" and hmac.compare_digest(given, expected)


def test_a_share_waiting_for_review_reaches_the_tool_signed_and_without_its_author(client, alice, link, endpoint,
                                                                                   receiver):
    _endpoint, secret = endpoint(events=("share.submitted", "share.pending_review"))
    response = submit(client, alice, link, "Le rachat de notre filiale est une bonne nouvelle")
    assert response.status_code == 201 and response.get_json()["state"] == "pending_review"

    assert [json.loads(r["body"])["type"] for r in receiver.received] == ["share.submitted", "share.pending_review"]
    for request in receiver.received:
        Webhook(secret).verify(request["body"], request["headers"])  # the independent library agrees
        assert verify_by_hand(secret, request["headers"], request["body"])
        assert request["headers"]["Webhook-Id"].startswith("msg_")
        assert request["headers"]["Content-Type"] == "application/json"
    event = receiver.json(1)
    assert event["data"]["share"]["link_url"] == link.url and event["data"]["share"]["networks"] == ["linkedin"]
    assert event["data"]["review_url"] == "https://porte-voix.acme.example/review"
    raw = receiver.received[1]["body"].decode()
    assert "Camille" not in raw and "camille@acme.example" not in raw, "no person leaves through a webhook"


def test_a_tampered_body_or_another_secret_does_not_verify(client, alice, link, endpoint, receiver):
    _endpoint, secret = endpoint()
    submit(client, alice, link, "Fier de notre site de Lyon")
    request = receiver.received[0]
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(request["body"].replace(b"linkedin", b"x"), request["headers"])
    other = "whsec_" + base64.b64encode(b"another secret of 24 byte").decode()
    with pytest.raises(WebhookVerificationError):
        Webhook(other).verify(request["body"], request["headers"])


def test_an_endpoint_answering_500_is_retried_with_the_same_id_and_every_attempt_is_logged(
        app, client, alice, link, endpoint, receiver):
    receiver.answer(500)
    _endpoint, secret = endpoint()
    submit(client, alice, link, "Fier de notre site de Lyon")
    with app.app_context():
        delivery = WebhookDelivery.get()
        assert delivery.state == DeliveryState.PENDING and delivery.attempts == 1
        first_retry = delivery.next_attempt_at
        assert timedelta(seconds=4) <= first_retry - delivery.created_at <= timedelta(seconds=7)
        assert queue.deliver_due() == 0, "nothing is due before the backoff delay"
        assert queue.deliver_due(now=first_retry + timedelta(seconds=1)) == 1
        delivery = WebhookDelivery.get()
        assert delivery.state == DeliveryState.DELIVERED and delivery.attempts == 2
        attempts = list(WebhookAttempt.select().order_by(WebhookAttempt.id))
        assert [a.status_code for a in attempts] == [500, 200]
        assert attempts[0].response_start.startswith("error 500: the receiving tool is having a bad day")
        assert len(attempts[0].response_start) == queue.RESPONSE_START
        assert attempts[1].response_start == "ok"
    first, second = receiver.received
    assert first["body"] == second["body"] and first["headers"]["Webhook-Id"] == second["headers"]["Webhook-Id"]
    assert verify_by_hand(secret, second["headers"], second["body"])


def test_a_delivery_is_given_up_after_a_day_of_backoff(app, endpoint, receiver):
    receiver.answer(*[503] * 20)
    endpoint(events=("link.approved",))
    with app.test_request_context():
        queue.emit("link.approved", {"link": {"id": 1}})
        delivery = WebhookDelivery.get()
        while delivery.state == DeliveryState.PENDING:
            queue.deliver(delivery.id, now=delivery.next_attempt_at)
            delivery = WebhookDelivery.get_by_id(delivery.id)
        moments = [attempt.at for attempt in WebhookAttempt.select().order_by(WebhookAttempt.at)]
    gaps = [later - earlier for earlier, later in pairwise(moments)]
    assert gaps[:6] == list(queue.RETRY_DELAYS)
    assert moments[-1] - delivery.created_at == timedelta(days=1), "the last attempt comes a day after the event"
    assert delivery.state == DeliveryState.FAILED and delivery.attempts == len(receiver.received) == 8


def test_an_endpoint_failing_again_and_again_is_disabled_and_the_administrators_are_told(app, admin, endpoint,
                                                                                        receiver):
    receiver.answer(*[500] * 30)
    made, _secret = endpoint(events=("link.approved",))
    with app.test_request_context():
        for n in range(queue.DISABLE_AFTER_FAILURES):
            queue.emit("link.approved", {"link": {"id": n}})
        assert len(receiver.received) == queue.DISABLE_AFTER_FAILURES
        endpoint_row = WebhookEndpoint.get_by_id(made.id)
        assert not endpoint_row.active and "10" in endpoint_row.disabled_reason
        notice = Notification.get(Notification.kind == "webhooks.disabled")
        assert notice.user_id == admin.id and made.name in notice.subject
        assert notice.url == f"/admin/webhooks/{made.id}"

        queue.emit("link.approved", {"link": {"id": 99}})
        assert queue.deliver_due(now=utcnow() + timedelta(days=2)) == 0
        assert len(receiver.received) == queue.DISABLE_AFTER_FAILURES, "a disabled endpoint is sent nothing"

        from server.webhooks.endpoints import set_active

        receiver.statuses.clear()
        set_active(admin, made.id, True)
        assert queue.deliver_due() == queue.DISABLE_AFTER_FAILURES, "enabled again, the waiting ones go out"
        assert WebhookDelivery.select().where(WebhookDelivery.state == DeliveryState.DELIVERED).count() == 10


def test_a_private_address_is_refused_unless_the_administrator_marks_it_internal(app, admin, receiver):
    from server.webhooks.endpoints import create_endpoint

    with app.test_request_context():
        with pytest.raises(InvalidInput) as refused:
            create_endpoint(admin, "signed", "Outil interne", receiver.url + "/hook", ["share.posted"])
        assert "url" in refused.value.fields
        with pytest.raises(InvalidInput) as refused:
            create_endpoint(admin, "signed", "Outil", "https://hooks.example/x", ["not.an.event"])
        assert "events" in refused.value.fields
        with pytest.raises(InvalidInput) as refused:
            create_endpoint(admin, "signed", "Métadonnées", "http://169.254.169.254/latest", ["share.posted"],
                            internal_host=True)
        assert "url" in refused.value.fields, "a link-local address is refused even as an internal host"
        _made, secret = create_endpoint(admin, "signed", "Outil interne", receiver.url + "/hook", ["share.posted"],
                                       internal_host=True)
        assert secret.startswith("whsec_") and len(base64.b64decode(secret[6:])) == 24
        stored = database.execute_sql("SELECT url, secret FROM webhook_endpoints").fetchone()
        assert receiver.url not in stored[0] and secret not in stored[1], "encrypted at rest"


def test_the_daily_click_rollup_is_sent_once_per_day(app, endpoint, receiver):
    from server.webhooks.sources import announce_daily_clicks

    endpoint(events=("click.daily_rollup",))
    day = utcnow().date() - timedelta(days=1)
    with app.test_request_context():
        announce_daily_clicks(day)
        announce_daily_clicks(day)
    assert len(receiver.received) == 1
    event = receiver.json()
    assert event["type"] == "click.daily_rollup"
    assert event["data"] == {"day": day.isoformat(), "clicks": 0, "visitors": 0, "by_network": {},
                             "by_campaign": []}


def test_a_post_confirmed_by_the_network_is_announced_as_posted_and_an_opened_intent_is_not(
        app, client, employee, ready, bearer, link, endpoint, receiver, fake_bluesky):
    from server.shares.accounts import connect_with_password

    app.config["NETWORK_ENDPOINTS"] = {"bluesky": {"pds_url": fake_bluesky.url}}
    app.config["OUTBOUND_ALLOW"] = ["127.0.0.1"]
    _endpoint, secret = endpoint(events=("share.posted",))
    ready(employee)
    with app.test_request_context():
        connect_with_password(employee, "bluesky", fake_bluesky.handle, fake_bluesky.app_password)
    body = {"link_id": link.id, "text": "Fier de notre site de Lyon",
            "targets": [{"network": "bluesky", "method": "api"}, {"network": "linkedin", "method": "intent"}]}
    shared = client.post("/api/v1/shares", json=body, headers={**bearer(employee), "Idempotency-Key": "k-9"})
    assert shared.status_code == 201
    share = shared.get_json()
    client.post(f"/api/v1/shares/{share['id']}/targets/linkedin/opened", headers=bearer(employee))

    assert [json.loads(r["body"])["type"] for r in receiver.received] == ["share.posted"]
    event = receiver.json()
    assert event["data"]["network"] == "bluesky" and event["data"]["share"]["id"] == share["id"]
    Webhook(secret).verify(receiver.received[0]["body"], receiver.received[0]["headers"])


def test_the_daily_click_rollup_carries_the_day_s_people_clicks_by_network_and_campaign(
        app, client, admin, employee, make_link, share_link, endpoint, receiver):
    from server.analytics.rollups import roll_up
    from server.library.campaigns import create_campaign
    from server.webhooks.sources import announce_daily_clicks
    from tests.tracking.conftest import PERSON

    with app.test_request_context():
        campaign = create_campaign(admin, name="Hydrogène 2026")
    shared = share_link(employee, make_link(campaign_id=campaign.id), networks=("linkedin", "x"))
    linkedin, x = sorted(shared.targets, key=lambda target: target.network)
    for target, times in ((linkedin, 2), (x, 1)):
        for _ in range(times):
            assert client.get(f"/s/{target.code}", headers={"User-Agent": PERSON}).status_code == 302
    robot = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"
    client.get(f"/s/{x.code}", headers={"User-Agent": robot})
    endpoint(events=("click.daily_rollup",))
    with app.test_request_context():
        roll_up(now=utcnow() + timedelta(minutes=5))
        announce_daily_clicks(utcnow().date())
    data = receiver.json()["data"]
    assert (data["clicks"], data["visitors"]) == (3, 2), "robots are not counted; visitors per link and day"
    assert data["by_network"] == {"linkedin": {"clicks": 2, "visitors": 1}, "x": {"clicks": 1, "visitors": 1}}
    assert data["by_campaign"] == [{"id": campaign.id, "name": "Hydrogène 2026", "clicks": 3, "visitors": 2}]


def test_finished_deliveries_are_forgotten_after_a_month_and_waiting_ones_are_kept(app, endpoint, receiver):
    endpoint(events=("link.approved",))
    receiver.answer(200, 500)
    with app.test_request_context():
        queue.emit("link.approved", {"link": {"id": 1}})
        queue.emit("link.approved", {"link": {"id": 2}})
        assert queue.purge_finished_deliveries(now=utcnow() + timedelta(days=29)) == 0
        assert queue.purge_finished_deliveries(now=utcnow() + timedelta(days=31)) == 1
        assert [d.state for d in WebhookDelivery.select()] == [DeliveryState.PENDING]
        assert WebhookAttempt.select().count() == 1
