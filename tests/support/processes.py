"""Real server processes for the tests: `porte-voix run --no-worker` (gunicorn) and a job worker, each in a
process of its own on one instance, as an operator would run them side by side."""

import json
import os
import socket
import subprocess
import sys
import time

import requests

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Process:
    """A child process whose output goes to a file (a full pipe would stall it)."""

    def __init__(self, command, environment, log_path):
        self.log_path = log_path
        self._log = open(log_path, "wb")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **environment},
                                        stdout=self._log, stderr=subprocess.STDOUT)

    def log(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as handle:
            return handle.read()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


class ServerProcess(_Process):
    """`python -m server run --no-worker` (gunicorn) on 127.0.0.1:`port`, configured by PV_* variables."""

    def __init__(self, environment, log_path, port=None, workers=1, threads=4):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        super().__init__([sys.executable, "-m", "server", "run", "--no-worker", "--host", "127.0.0.1",
                          "--port", str(self.port), "--workers", str(workers), "--threads", str(threads)],
                         environment, log_path)

    def wait_until_ready(self, seconds=60):
        """Return once /healthz answers."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                if requests.get(f"{self.url}/healthz", timeout=5).status_code == 200:
                    return self
            except requests.RequestException:  # not listening yet, or too busy starting to answer
                pass
            time.sleep(0.1)
        raise RuntimeError(f"server on {self.url} did not start:\n{self.log()}")


class WorkerProcess(_Process):
    """A job worker (tests/support/worker_process.py) on an application built from `settings`, for settings
    that are not environment variables (fake networks' addresses)."""

    def __init__(self, settings, log_path, environment=None):
        super().__init__([sys.executable, "-m", "tests.support.worker_process", json.dumps(settings)],
                         environment or {}, log_path)

    def wait_until_ready(self, seconds=60):
        """Return once the worker says it consumes."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.process.poll() is None:
            if "worker ready" in self.log():
                return self
            time.sleep(0.1)
        raise RuntimeError(f"the worker did not start:\n{self.log()}")
