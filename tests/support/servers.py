"""Real servers on 127.0.0.1 for the tests: any WSGI app in a thread, with an OS-chosen port."""

import threading
import time

from werkzeug.serving import make_server

# How long leaving the server waits for requests already inside the app (a page's keep-alive beacon sent as
# its browser context closes, a worker's last call) to finish before the test's database is dropped under
# them, and for connections already accepted to send their first request (a browser's preconnected sockets
# may never send one, hence the shorter wait).
DRAIN_SECONDS = 10.0
UNREAD_SECONDS = 1.0


class ServerThread:
    """Serve a WSGI app on 127.0.0.1:<free port> in a daemon thread (use as a context manager).

    Leaving stops accepting connections, then waits until no request is inside the app and every connection
    already accepted has sent its first request or closed: a test's teardown then never drops tables (or a
    PostgreSQL schema) under a request still writing to them."""

    def __init__(self, app):
        self._lock = threading.Condition()
        self._unread = 0   # connections accepted whose first request has not reached the app yet
        self._inside = 0   # requests inside the app (response body included)
        self._fresh = threading.local()
        self.server = make_server("127.0.0.1", 0, self._counting(app), threaded=True)
        self._track_connections()
        self.port = self.server.server_port
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)

    def _track_connections(self):
        server = self.server
        accept, handle = server.process_request, server.process_request_thread

        def process_request(request, client_address):
            with self._lock:
                self._unread += 1
            accept(request, client_address)

        def process_request_thread(request, client_address):
            self._fresh.pending = True
            try:
                handle(request, client_address)
            finally:
                self._first_request_seen()

        server.process_request = process_request
        server.process_request_thread = process_request_thread

    def _first_request_seen(self):
        if getattr(self._fresh, "pending", False):
            self._fresh.pending = False
            with self._lock:
                self._unread -= 1
                self._lock.notify_all()

    def _counting(self, app):
        def counted(environ, start_response):
            self._first_request_seen()
            with self._lock:
                self._inside += 1
            try:
                yield from app(environ, start_response)
            finally:
                with self._lock:
                    self._inside -= 1
                    self._lock.notify_all()

        return counted

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        started = time.monotonic()
        with self._lock:
            while True:
                waited = time.monotonic() - started
                unread = self._unread and waited < UNREAD_SECONDS
                if not (self._inside or unread) or waited >= DRAIN_SECONDS:
                    break
                self._lock.wait(min(0.05, DRAIN_SECONDS - waited))
        self.server.server_close()
        self.thread.join(5)
