"""Fixtures for the share button: an intranet host page on an origin of its own (the same site as the server
on 127.0.0.1, another site on localhost), allowed to frame the dialog; a published charter; links."""

import pytest
from werkzeug.wrappers import Request, Response

from tests.shares.conftest import charter, link, make_link, ready  # noqa: F401 (fixtures)
from tests.support.servers import ServerThread


class Intranet:
    """Host pages served on 127.0.0.1:<port>, reachable as http://127.0.0.1:<port> (the server's site) and
    http://localhost:<port> (another site). Pages are HTML with {server} for the server's address."""

    def __init__(self):
        self.pages = {}
        self.server_url = None
        self.thread = ServerThread(self)
        self.port = self.thread.port
        self.same_site = f"http://127.0.0.1:{self.port}"
        self.cross_site = f"http://localhost:{self.port}"

    def __call__(self, environ, start_response):
        request = Request(environ)
        page = self.pages.get(request.path)
        if page is None:
            return Response("not found", status=404)(environ, start_response)
        return Response(page.replace("{server}", self.server_url), mimetype="text/html")(environ, start_response)


@pytest.fixture
def intranet():
    host = Intranet()
    with host.thread:
        yield host


@pytest.fixture
def app_config(intranet):
    return {"EMBED_ORIGINS": [intranet.same_site, intranet.cross_site]}


@pytest.fixture
def served_intranet(intranet, live_server):
    intranet.server_url = live_server.url
    return intranet
