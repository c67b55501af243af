"""`porte-voix run` for the tests: the real command (gunicorn, its web workers) in a process of its own,
on 127.0.0.1 and a free port, with what it logs kept in a file."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RealServer:
    """Serve the instance folder `instance` with `workers` web workers and no job worker."""

    def __init__(self, instance, log_path, env=None, workers=1):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(log_path)
        self.env = {**os.environ, "PV_INSTANCE_PATH": str(instance), **(env or {})}
        self.command = [sys.executable, "-m", "server", "run", "--no-worker", "--host", "127.0.0.1",
                        "--port", str(self.port), "--workers", str(workers), "--threads", "2"]
        self.process = None

    def __enter__(self):
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(self.command, cwd=ROOT, env=self.env, stdout=log, stderr=log)
        log.close()
        try:
            self._wait_until_it_answers()
        except BaseException:
            self.__exit__()  # never leave a server behind when it did not start as expected
            raise
        return self

    def _wait_until_it_answers(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped at start:\n{self.log()}")
            try:
                requests.get(self.url + "/readyz", timeout=5)
                return
            except (requests.ConnectionError, requests.Timeout):  # gunicorn listens before its workers answer
                time.sleep(0.1)
        raise RuntimeError(f"the server did not answer within 60 s:\n{self.log()}")

    def __exit__(self, *exc):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=25)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def log(self):
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
