"""A real SMTP server on 127.0.0.1 (aiosmtpd) receiving what the application sends, and the people and
links digests are made of."""

import socket
import threading
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

BASE_URL = "http://pv.test"


class Inbox:
    """What the SMTP server accepted, as parsed messages. `before_accept(inbox)` may refuse one (returns an
    SMTP reply instead of "250 OK")."""

    def __init__(self):
        self.messages = []
        self.arrived = threading.Condition()
        self.before_accept = None

    async def handle_DATA(self, server, session, envelope):
        if self.before_accept is not None:
            refusal = self.before_accept(self)
            if refusal:
                return refusal
        with self.arrived:
            self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
            self.arrived.notify_all()
        return "250 OK"

    def wait_for(self, count, timeout=10):
        with self.arrived:
            return self.arrived.wait_for(lambda: len(self.messages) >= count, timeout)

    def to(self, address):
        return [message for message in self.messages if address in message["To"]]


@pytest.fixture
def inbox():
    box = Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        box.port = probe.getsockname()[1]
    controller = Controller(box, hostname="127.0.0.1", port=box.port)
    controller.start()
    yield box
    controller.stop()


@pytest.fixture
def app(database_url, tmp_path, inbox):
    from server.db import database
    from tests.conftest import make_app

    yield make_app(database_url, tmp_path / "instance", SMTP_URL=f"smtp://127.0.0.1:{inbox.port}",
                   BASE_URL=BASE_URL, MAIL_FROM="Porte-Voix <porte-voix@acme.example>")
    if database.obj is not None:
        database.close()


@pytest.fixture
def make_link(app, admin):
    from server.library.links import add_link

    counter = {"n": 0}

    def make(title="L'hydrogène vert arrive à Lyon", **fields):
        counter["n"] += 1
        fields.setdefault("category", "sector")
        fields.setdefault("language", "fr")
        with app.test_request_context():
            return add_link(admin, f"https://acme-energie.example/news/{counter['n']}", fetch_preview=False,
                            title=title, **fields)

    return make


def parts(message):
    """(plain text, html) of a multipart/alternative message."""
    return (message.get_body(("plain",)).get_content(), message.get_body(("html",)).get_content())
