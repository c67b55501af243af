"""The plumbing every fake network shares: a Flask app on 127.0.0.1, request recording, failure injection.

A fake runs in the test process (werkzeug ``make_server`` on port 0, in a daemon thread), so tests need
no network, no ports to agree on and nothing to kill afterwards.
"""

import threading
import time
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, Response, jsonify, request
from werkzeug.serving import make_server


@dataclass
class RecordedRequest:
    """One request as the fake received it."""

    method: str
    path: str
    headers: dict
    args: dict
    form: dict
    json: Any
    body: bytes

    def header(self, name: str) -> str | None:
        """A header by case-insensitive name."""
        return next((v for k, v in self.headers.items() if k.lower() == name.lower()), None)


@dataclass
class _Injected:
    path: str
    method: str | None
    status: int | None = None
    body: Any = None
    headers: dict = field(default_factory=dict)
    delay: float = 0.0
    times: int = 1
    answer_after: float = 0.0


class FakeNetwork:
    """Base class of the fakes: subclasses add routes in ``routes()`` and state in ``__init__``.

    - ``url``: the base URL to point a client ``Config`` at;
    - ``requests``: every request received, in order (``requests_to(path)`` filters);
    - ``posts``: what was published, newest last;
    - ``fail_next(path, status, body, headers=…, times=1, after=0)``: answer the next matching request(s)
      with an error *without* processing them (``after`` seconds later: a network that accepts a request
      and never answers in time);
    - ``delay_next(path, seconds)``: process the next matching request, then wait before answering, so a
      client with a shorter read timeout sees "sent, no answer" while the post exists.
    """

    name = "fake"

    def __init__(self, *, host: str = "127.0.0.1", port: int = 0):
        self.lock = threading.RLock()
        self.requests: list[RecordedRequest] = []
        self.posts: list[dict] = []
        self._injected: list[_Injected] = []
        self.app = Flask(f"fake_{self.name}")
        self.app.before_request(self._before)
        self.app.after_request(self._after)
        self.routes()
        # Any 127.x address is this machine: outbound tests serve a fake on 127.0.0.2 (the address they allow)
        # and watch 127.0.0.1, which must receive nothing.
        self._server = make_server(host, port, self.app, threaded=True)
        self.url = f"http://{host}:{self._server.server_port}"
        # A short poll interval so that close() (shutdown) returns at once rather than in half a second.
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02},
                                        daemon=True)
        self._thread.start()

    def routes(self) -> None:
        """Register the network's endpoints on ``self.app`` (subclasses)."""

    def route(self, path: str, view, methods=("GET",)) -> None:
        """Register a bound method as the view for ``path``."""
        self.app.add_url_rule(path, endpoint=view.__name__, view_func=view, methods=list(methods))

    def close(self) -> None:
        """Stop serving."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- inspection -------------------------------------------------------------------------------

    def requests_to(self, path: str, method: str | None = None) -> list[RecordedRequest]:
        """The recorded requests for ``path`` (exact), optionally of one method."""
        with self.lock:
            return [r for r in self.requests if r.path == path and (method is None or r.method == method)]

    # --- failure injection ------------------------------------------------------------------------

    def fail_next(self, path: str, status: int, body: Any = None, *, headers: dict | None = None,
                  method: str | None = None, times: int = 1, after: float = 0.0) -> None:
        """Answer the next ``times`` requests to ``path`` with ``status`` and ``body`` (dict: JSON), without
        processing them, ``after`` seconds (longer than a client's read timeout: "accepted, never answered")."""
        with self.lock:
            self._injected.append(_Injected(path, method, status, body, dict(headers or {}), times=times,
                                            answer_after=after))

    def delay_next(self, path: str, seconds: float, *, method: str | None = None) -> None:
        """Process the next request to ``path`` normally, then sleep before answering."""
        with self.lock:
            self._injected.append(_Injected(path, method, delay=seconds))

    def _take(self, *, delays: bool) -> _Injected | None:
        with self.lock:
            for item in self._injected:
                if (item.path == request.path and item.method in (None, request.method)
                        and (item.delay > 0) == delays):
                    item.times -= 1
                    if item.times <= 0:
                        self._injected.remove(item)
                    return item
        return None

    def _before(self):
        recorded = RecordedRequest(request.method, request.path, dict(request.headers), request.args.to_dict(),
                                   request.form.to_dict(), request.get_json(silent=True), request.get_data())
        with self.lock:
            self.requests.append(recorded)
        if (injected := self._take(delays=False)) is not None:
            time.sleep(injected.answer_after)
            return respond(injected.status, injected.body, injected.headers)
        request.environ["fake.delay"] = self._take(delays=True)
        return None

    def _after(self, response: Response) -> Response:
        if (injected := request.environ.get("fake.delay")) is not None:
            time.sleep(injected.delay)
        return response


def respond(status: int, body: Any = None, headers: dict | None = None) -> Response:
    """A response with a JSON (dict, list) or text body."""
    response = jsonify(body) if isinstance(body, dict | list) else Response(body or "", mimetype="text/plain")
    response.status_code = status
    response.headers.update(headers or {})
    return response


def bearer_token() -> str | None:
    """The bearer token of the current request, if any."""
    header = request.headers.get("Authorization", "")
    return header[7:] if header.startswith("Bearer ") else None
