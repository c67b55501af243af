"""Web push for new campaigns: off by default, one tap (one call) to turn off, VAPID keys generated once in
the instance folder, and a campaign's start announced once to its audience's devices, encrypted, through a
real push service on 127.0.0.1."""

import base64
import json
import os
import re
import stat
from datetime import timedelta
from pathlib import Path

import http_ece
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from werkzeug.wrappers import Request, Response

from server.db import utcnow
from server.pwa import push
from server.pwa.models import PushSubscription
from tests.conftest import sign_in_client
from tests.support.servers import ServerThread


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class PushService:
    """A push service: records each delivery; answers `status` (201, or 410 for a device that is gone)."""

    def __init__(self):
        self.deliveries = []
        self.status = 201
        self.thread = ServerThread(self)
        self.url = self.thread.url

    def __call__(self, environ, start_response):
        request = Request(environ)
        self.deliveries.append({"path": request.path, "headers": dict(request.headers), "body": request.get_data()})
        return Response(status=self.status)(environ, start_response)


class Device:
    """A browser's push subscription: its own key pair and auth secret, as PushManager makes them."""

    def __init__(self, service, name):
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.auth = os.urandom(16)
        self.endpoint = f"{service.url}/push/{name}"

    def subscription(self):
        point = self.key.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
        return {"endpoint": self.endpoint, "keys": {"p256dh": b64(point), "auth": b64(self.auth)}}

    def read(self, delivery):
        return json.loads(http_ece.decrypt(delivery["body"], private_key=self.key, auth_secret=self.auth,
                                           version="aes128gcm"))


@pytest.fixture
def app_config():
    return {"OUTBOUND_ALLOW": ["127.0.0.1"], "BASE_URL": "http://localhost"}


@pytest.fixture
def service():
    fake = PushService()
    with fake.thread:
        yield fake


def test_push_is_off_by_default_and_the_page_says_so(client, employee):
    sign_in_client(client, employee)
    page = client.get("/this-phone")
    assert page.status_code == 200
    assert "Notifications are off for this phone." in page.get_data(as_text=True)
    assert client.get("/api/v1/push/subscriptions").json == {"devices": 0, "this_device": False}


def test_turning_push_on_then_off_in_one_call(client, employee):
    sign_in_client(client, employee)
    token = client.get("/this-phone").get_data(as_text=True).split('name="csrf-token" content="')[1].split('"')[0]
    headers = {"X-CSRFToken": token}
    device = {"endpoint": "https://push.example/device-1", "keys": {"p256dh": "B" * 87, "auth": "A" * 22}}
    on = client.post("/api/v1/push/subscriptions", json=device, headers=headers)
    assert on.status_code == 201, on.get_data(as_text=True)
    assert on.json == {"devices": 1, "this_device": True}
    stored = PushSubscription.get()
    assert "push.example" not in stored.__data__["subscription"]  # encrypted at rest
    off = client.delete("/api/v1/push/subscriptions", json={"endpoint": device["endpoint"]}, headers=headers)
    assert off.status_code == 200 and off.json == {"devices": 0, "this_device": False}


@pytest.mark.parametrize("device, field", [
    ({"endpoint": "http://push.example/x", "keys": {"p256dh": "B" * 87, "auth": "A" * 22}}, "endpoint"),
    ({"endpoint": "https://push.example/x"}, "keys"),
    ({"endpoint": "https://push.example/x", "keys": {"p256dh": "B" * 87}}, "keys"),
])
def test_a_malformed_subscription_is_refused_naming_its_field(client, employee, device, field):
    sign_in_client(client, employee)
    token = client.get("/this-phone").get_data(as_text=True).split('name="csrf-token" content="')[1].split('"')[0]
    answer = client.post("/api/v1/push/subscriptions", json=device, headers={"X-CSRFToken": token})
    assert answer.status_code == 422
    assert field in answer.json["error"]["fields"]


def test_the_vapid_keys_are_generated_once_in_the_instance_folder(app):
    with app.app_context():
        first = push.public_key()
        assert push.public_key() == first
    key_file = Path(app.instance_path) / push.KEY_FILE
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(base64.urlsafe_b64decode(first + "==")) == 65  # an uncompressed P-256 point


def test_a_new_campaign_is_announced_once_to_its_audience_in_their_language(app, make_user, admin, service):
    from server.library.campaigns import create_campaign

    camille = make_user(email="camille@acme.example", department="Ventes", locale="fr")
    tom = make_user(email="tom@acme.example", department="Ventes", locale="en")
    paul = make_user(email="paul@acme.example", department="Finance", locale="fr")
    sales = camille.department
    devices = {user.email: Device(service, user.email.split("@")[0]) for user in (camille, tom, paul)}
    with app.test_request_context():
        for user in (camille, tom, paul):
            push.subscribe(user, devices[user.email].subscription())
        campaign = create_campaign(admin, department_ids=[sales.id], name="Semaine du vélo",
                                   starts_at=utcnow() - timedelta(minutes=3))
        push.announce_new_campaigns.call_local()
        push.announce_new_campaigns.call_local()  # the next run announces nothing again

    assert sorted(d["path"] for d in service.deliveries) == ["/push/camille", "/push/tom"]
    by_path = {d["path"]: d for d in service.deliveries}
    french = devices[camille.email].read(by_path["/push/camille"])
    english = devices[tom.email].read(by_path["/push/tom"])
    assert french["title"] == "Nouvelle campagne\u00a0: Semaine du vélo"
    assert english["title"] == "New campaign: Semaine du vélo"
    assert english["url"] == "http://localhost/to-share"
    headers = by_path["/push/tom"]["headers"]
    assert headers["Content-Encoding"] == "aes128gcm" and int(headers["Ttl"]) == push.PUSH_TTL
    # VAPID (RFC 8292): a JWT for the push service's origin, signed by the server's key, whose public half
    # is the one browsers were given.
    token, key = re.fullmatch(r"vapid t=([^,]+),\s*k=(\S+)", headers["Authorization"]).groups()
    with app.app_context():
        assert key == push.public_key()
    public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), base64.urlsafe_b64decode(key + "=="))
    claims = jwt.decode(token, public, algorithms=["ES256"], audience=service.url)
    assert claims["sub"].startswith("mailto:") and claims["exp"] > utcnow().timestamp()
    assert campaign.id


def test_a_device_that_is_gone_is_forgotten(app, employee, admin, service):
    from server.library.campaigns import create_campaign

    service.status = 410
    device = Device(service, "old-phone")
    with app.test_request_context():
        push.subscribe(employee, device.subscription())
        create_campaign(admin, name="Portes ouvertes", starts_at=utcnow() - timedelta(minutes=1))
        push.announce_new_campaigns.call_local()
    assert len(service.deliveries) == 1
    assert PushSubscription.select().count() == 0


def test_a_campaign_that_started_long_ago_is_not_news(app, employee, admin, service):
    from server.library.campaigns import create_campaign

    with app.test_request_context():
        push.subscribe(employee, Device(service, "phone").subscription())
        create_campaign(admin, name="L'an dernier", starts_at=utcnow() - timedelta(days=3))
        push.announce_new_campaigns.call_local()
    assert service.deliveries == []


PUSH_STUB = """
let current = null;
const device = (endpoint) => ({
  endpoint,
  toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh: "B".repeat(87), auth: "A".repeat(22) } }),
  unsubscribe: async () => { current = null; return true; },
});
PushManager.prototype.getSubscription = async function () { return current; };
PushManager.prototype.subscribe = async function (options) {
  window.__serverKeyBytes = options.applicationServerKey.byteLength;
  current = device("https://push.example/this-phone");
  return current;
};
Notification.requestPermission = async () => "granted";
"""


@pytest.mark.browser
def test_one_tap_turns_notifications_on_and_one_tap_turns_them_off(phone, live_server, employee):
    from playwright.sync_api import expect

    context = phone(employee, "fr")
    context.add_init_script(PUSH_STUB)
    page = context.new_page()
    page.goto(live_server.url + "/this-phone")
    toggle = page.get_by_role("button", name="Activer les notifications")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.tap()
    expect(page.get_by_role("status").filter(has_text="sont activées sur ce téléphone")).to_be_visible()
    assert page.evaluate("window.__serverKeyBytes") == 65
    assert PushSubscription.select().where(PushSubscription.user == employee.id).count() == 1
    off = page.get_by_role("button", name="Désactiver les notifications")
    expect(off).to_have_attribute("aria-pressed", "true")
    off.tap()
    expect(page.get_by_role("status").filter(has_text="sont désactivées sur ce téléphone")).to_be_visible()
    assert PushSubscription.select().count() == 0


def test_the_export_lists_the_devices_without_their_push_address(client, employee):
    with client.application.test_request_context():
        push.subscribe(employee, {"endpoint": "https://push.example/secret-device",
                                  "keys": {"p256dh": "B" * 87, "auth": "A" * 22}})
    sign_in_client(client, employee)
    export = client.get("/account/export.json")
    assert export.status_code == 200
    assert len(export.json["push_devices"]) == 1
    assert "secret-device" not in export.get_data(as_text=True)
