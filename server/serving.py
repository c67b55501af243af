"""Production serving with gunicorn, started by `porte-voix run`.

gunicorn's own messages and its access lines go through the application's logging (server/logs.py), so
that they are plain or JSON lines like every other line. The access line names the route's pattern
(`GET /login/magic/<token>`), never the path asked for nor its query string, and never the client's address
(privacy by default): sign-in links, OAuth codes and states travel in paths and query strings.
"""

import logging

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

from server.config import defaults, read_environment
from server.logs import ENVIRON_REQUEST_ID, ENVIRON_ROUTE, UNROUTED, configure_logging

access_log = logging.getLogger("server.access")


class ServerLogs(Logger):
    """gunicorn's logger, writing through the application's handlers instead of its own."""

    def setup(self, cfg):
        self.cfg = cfg
        self._access_log_enabled = True
        for log in (self.error_log, self.access_log):
            for handler in list(log.handlers):
                log.removeHandler(handler)
            log.setLevel(logging.NOTSET)
            log.propagate = True

    def access(self, resp, req, environ, request_time):
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        method, route = environ.get("REQUEST_METHOD", "-"), environ.get(ENVIRON_ROUTE, UNROUTED)
        sent = getattr(resp, "sent", None) or 0
        duration_ms = round(request_time.total_seconds() * 1000, 1)
        access_log.info('"%s %s" %s %s %sms', method, route, status, sent, duration_ms,
                        extra={"request_id": environ.get(ENVIRON_REQUEST_ID), "method": method, "route": route,
                               "status": int(status), "bytes": sent, "duration_ms": duration_ms})


class PorteVoixServer(BaseApplication):
    def __init__(self, options):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            if key in self.cfg.settings:  # a setting newer than the installed gunicorn is left out
                self.cfg.set(key, value)

    def load(self):
        from server import create_app

        return create_app()


def serve(host, port, workers=2, threads=24, reload=False):
    """Serve on host:port until interrupted; each worker builds its own app (no shared memory)."""
    settings = {**defaults(), **read_environment()}
    configure_logging(settings["LOG_LEVEL"], settings["LOG_FORMAT"])  # the master's lines, before any app
    PorteVoixServer({
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "reload": reload,
        "logger_class": ServerLogs,
        # gunicorn ≥ 25.1 opens a control socket at one path per user: two servers on a machine would clash.
        "control_socket_disable": True,
        "timeout": 60,
        "graceful_timeout": 20,
    }).run()
