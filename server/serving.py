"""Production serving with gunicorn, started by `porte-voix run`."""

from gunicorn.app.base import BaseApplication


class PorteVoixServer(BaseApplication):
    def __init__(self, options):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from server import create_app

        return create_app()


def serve(host, port, workers=2, threads=4, reload=False):
    """Serve on host:port until interrupted; each worker builds its own app (no shared memory)."""
    PorteVoixServer({
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "reload": reload,
        "accesslog": "-",
        # Log lines carry the path and status, never the client address (privacy by default).
        "access_log_format": '"%(r)s" %(s)s %(b)s %(M)sms',
        "timeout": 60,
        "graceful_timeout": 20,
    }).run()
