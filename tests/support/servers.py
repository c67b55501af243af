"""Real servers on 127.0.0.1 for the tests: any WSGI app in a thread, with an OS-chosen port."""

import threading

from werkzeug.serving import make_server


class ServerThread:
    """Serve a WSGI app on 127.0.0.1:<free port> in a daemon thread (use as a context manager)."""

    def __init__(self, app):
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.port = self.server.server_port
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)
