"""Run a job worker in a process of its own, on an application built with the given settings (JSON in
argv[1]) — exactly what `porte-voix worker` does, with settings that are not environment variables."""

import json
import sys

from server import create_app
from server.jobs import run_consumer

if __name__ == "__main__":
    create_app(json.loads(sys.argv[1]))
    print("worker ready", flush=True)
    run_consumer(workers=1)
