"""A listening socket that proves nothing was sent to an address.

It never accepts on its own: a client that connects completes the TCP handshake with the kernel and waits
in the listen queue, so ``connections()`` (which drains that queue without blocking) sees every connection
ever made, whenever the test asks, with no thread and no race.
"""

import socket


class ConnectionSentinel:
    """Listen on ``host:port`` (port 0: a free one); ``url`` is ``http://host:port``."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0):
        self.socket = socket.create_server((host, port), backlog=32)
        self.host, self.port = host, self.socket.getsockname()[1]
        self.url = f"http://{host}:{self.port}"
        self._seen: list[tuple[str, int]] = []

    def connections(self) -> list[tuple[str, int]]:
        """Every connection made so far (the peers' addresses); each is closed once counted."""
        self.socket.setblocking(False)
        while True:
            try:
                connection, peer = self.socket.accept()
            except BlockingIOError:
                return list(self._seen)
            connection.close()
            self._seen.append(peer)

    def close(self) -> None:
        self.socket.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
