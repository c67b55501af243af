"""Sign-in by magic link: delivered, single-use, expiring after 15 minutes, tamper-proof."""

import re
import socket
import threading
import time
from email import message_from_bytes as _parse_message
from email import policy
from pathlib import Path

import pytest
import time_machine
from aiosmtpd.controller import Controller

from server.auth.models import LoginSession, MagicLink, User
from tests.conftest import csrf_token


def message_from_bytes(data):
    return _parse_message(data, policy=policy.default)


LINK = re.compile(r"http://localhost/login/magic/[\w.\-]+")


def outbox_messages(app):
    outbox = Path(app.instance_path) / "outbox"
    return [message_from_bytes(p.read_bytes()) for p in sorted(outbox.glob("*.eml"))] if outbox.exists() else []


def ask_for_link(client, email):
    token = csrf_token(client, "/login")
    return client.post("/login", data={"email": email, "csrf_token": token})


def link_from_outbox(app):
    messages = outbox_messages(app)
    assert messages, "no e-mail was written to the outbox"
    return LINK.search(messages[-1].get_content()).group(0).removeprefix("http://localhost")


def redeem(client, path):
    token = csrf_token(client, "/login")
    return client.post(path, data={"csrf_token": token})


def test_magic_link_signs_in_and_lands_on_home(client, app, employee):
    response = ask_for_link(client, "Camille@Acme.example ")
    assert response.status_code == 200
    assert "Check your inbox" in response.get_data(as_text=True)
    message = outbox_messages(app)[-1]
    assert message["To"] == "camille@acme.example"
    path = link_from_outbox(app)

    confirm = client.get(path)
    assert confirm.status_code == 200 and "Confirm to sign in" in confirm.get_data(as_text=True)
    assert LoginSession.select().count() == 0, "opening the link must not sign in by itself (mail scanners)"

    response = redeem(client, path)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 200 and "Hello Camille Durand" in home.get_data(as_text=True)
    assert User.get_by_id(employee.id).last_login_at is not None


def test_magic_link_cannot_be_used_twice(client, app, employee):
    ask_for_link(client, employee.email)
    path = link_from_outbox(app)
    assert redeem(client, path).status_code == 302
    other = app.test_client()
    response = redeem(other, path)
    assert response.status_code == 400
    assert "already been used" in response.get_data(as_text=True)
    assert other.get("/").status_code == 302


def test_magic_link_expires_after_15_minutes(client, app, employee):
    ask_for_link(client, employee.email)
    path = link_from_outbox(app)
    with time_machine.travel(time.time() + 16 * 60):
        response = redeem(client, path)
    assert response.status_code == 400
    assert "expired" in response.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_magic_link_still_works_at_14_minutes(client, app, employee):
    ask_for_link(client, employee.email)
    path = link_from_outbox(app)
    with time_machine.travel(time.time() + 14 * 60):
        assert redeem(client, path).status_code == 302


@pytest.mark.parametrize("mangle", [
    lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),   # signature changed
    lambda token: "x" + token[1:],                                               # payload changed
    lambda token: "not-a-token",
])
def test_tampered_magic_link_is_refused(client, app, employee, mangle):
    ask_for_link(client, employee.email)
    token = link_from_outbox(app).rsplit("/", 1)[1]
    response = redeem(client, "/login/magic/" + mangle(token))
    assert response.status_code == 400
    assert "not valid" in response.get_data(as_text=True)
    assert LoginSession.select().count() == 0
    assert MagicLink.get().used_at is None


def test_unknown_address_gets_the_same_answer_and_no_mail(client, app):
    response = ask_for_link(client, "stranger@elsewhere.example")
    assert response.status_code == 200 and "Check your inbox" in response.get_data(as_text=True)
    assert outbox_messages(app) == []


@pytest.mark.parametrize("app_config", [{"SIGNUP_DOMAINS": ["acme.example"]}])
def test_signup_domain_creates_the_account_on_first_use(client, app):
    ask_for_link(client, "new.person@acme.example")
    assert User.get_or_none(User.email == "new.person@acme.example") is None
    assert redeem(client, link_from_outbox(app)).status_code == 302
    user = User.get(User.email == "new.person@acme.example")
    assert user.role == "employee" and user.name == "new.person"


def test_disabled_account_gets_no_link(client, app, employee):
    employee.active = False
    employee.save()
    ask_for_link(client, employee.email)
    assert outbox_messages(app) == []


def test_magic_link_keeps_a_local_next_page_but_never_another_site(client, app, employee):
    token = csrf_token(client, "/login")
    client.post("/login", data={"email": employee.email, "csrf_token": token, "next": "/account"})
    assert redeem(client, link_from_outbox(app)).headers["Location"] == "/account"
    other = app.test_client()
    token = csrf_token(other, "/login")
    other.post("/login", data={"email": employee.email, "csrf_token": token, "next": "//evil.example/x"})
    assert redeem(other, link_from_outbox(app)).headers["Location"] == "/"


def test_login_form_without_csrf_token_is_refused(client, employee, app):
    response = client.post("/login", data={"email": employee.email})
    assert response.status_code == 400
    assert outbox_messages(app) == []


def test_invalid_email_is_explained_on_the_form(client):
    token = csrf_token(client, "/login")
    response = client.post("/login", data={"email": "not-an-address", "csrf_token": token})
    assert response.status_code == 422
    assert "Not a valid email address." in response.get_data(as_text=True)


class _Inbox:
    def __init__(self):
        self.messages = []
        self.received = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        self.received.set()
        return "250 OK"


@pytest.fixture
def smtp_server():
    inbox = _Inbox()
    with socket.socket() as probe:  # aiosmtpd checks readiness on the port it is given: pick a free one
        probe.bind(("127.0.0.1", 0))
        inbox.port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port)
    controller.start()
    yield inbox
    controller.stop()


def test_magic_link_is_delivered_through_smtp(smtp_server, database_url, tmp_path):
    from tests.conftest import make_app

    app = make_app(database_url, tmp_path / "instance", SMTP_URL=f"smtp://127.0.0.1:{smtp_server.port}",
                   MAIL_FROM="Porte-Voix <share@acme.example>")
    User.create(email="tom@acme.example", name="Tom Becker", locale="fr")
    client = app.test_client()
    ask_for_link(client, "tom@acme.example")
    assert smtp_server.received.wait(5)
    recipients, message = smtp_server.messages[0]
    assert recipients == ["tom@acme.example"]
    assert message["From"] == "Porte-Voix <share@acme.example>"
    assert message["Subject"] == "Votre lien de connexion à Porte-Voix"
    body = message.get_content()
    assert "Bonjour Tom Becker" in body
    path = LINK.search(body).group(0).removeprefix("http://localhost")
    assert redeem(client, path).status_code == 302
    assert not (Path(app.instance_path) / "outbox").exists()
