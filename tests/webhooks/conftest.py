"""Fixtures for outbound notifications: a local HTTP receiver standing for Slack, Teams or a company's tool,
and the share fixtures (a charter, links, employees ready to share)."""

import json
import threading

import pytest
from werkzeug.wrappers import Request, Response

from tests.networks.fakes.fixtures import fake_bluesky  # noqa: F401
from tests.shares.conftest import charter, link, make_link, ready  # noqa: F401
from tests.support.servers import ServerThread
from tests.tracking.conftest import share_link  # noqa: F401


class Receiver:
    """Records every request; answers with the statuses queued by `answer(...)`, then 200."""

    def __init__(self):
        self.received, self.statuses, self.lock = [], [], threading.Lock()

    def answer(self, *statuses):
        self.statuses.extend(statuses)

    def __call__(self, environ, start_response):
        request = Request(environ)
        body = request.get_data()
        with self.lock:
            self.received.append({"path": request.path, "headers": dict(request.headers), "body": body})
            status = self.statuses.pop(0) if self.statuses else 200
        text = "ok" if status < 300 else f"error {status}: the receiving tool is having a bad day " + "x" * 900
        return Response(text, status=status)(environ, start_response)

    def json(self, index=-1):
        return json.loads(self.received[index]["body"])


@pytest.fixture
def receiver():
    receiver = Receiver()
    with ServerThread(receiver) as server:
        receiver.url = server.url
        yield receiver


@pytest.fixture
def app_config():
    # Jobs write links outside requests: the app knows its public address. 127.0.0.1 (the receiver) is not
    # allowed by the operator here: an endpoint reaches it only when the administrator marks it internal.
    return {"BASE_URL": "https://porte-voix.acme.example"}


@pytest.fixture
def endpoint(app, admin, receiver):
    """`endpoint(kind, events, **fields)`: an endpoint pointing at the receiver; returns (endpoint, secret)."""
    from server.webhooks.endpoints import create_endpoint

    def make(kind="signed", events=("share.submitted",), path="/hook", language="fr", name=None):
        with app.test_request_context():
            return create_endpoint(admin, kind, name or f"{kind} endpoint", receiver.url + path, list(events),
                                   language=language, internal_host=True)

    return make
