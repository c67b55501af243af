"""The delivery queue is run by the real job worker: an event queued while no worker runs waits, then goes
out once `porte-voix worker` starts."""

import os
import subprocess
import sys

from server.db import database
from tests.test_worker import queued_app, wait_for  # noqa: F401 (the fixture: an app whose jobs are queued)


def test_a_delivery_queued_without_a_worker_is_sent_when_the_worker_starts(queued_app, database_url, receiver):  # noqa: F811
    from server.auth.models import User
    from server.webhooks.delivery import emit
    from server.webhooks.endpoints import create_endpoint
    from server.webhooks.models import DeliveryState, WebhookDelivery

    with queued_app.test_request_context():
        database.connect(reuse_if_open=True)
        admin = User.create(email="alice@acme.example", name="Alice", role="admin")
        create_endpoint(admin, "signed", "Outil", receiver.url + "/hook", ["link.approved"], internal_host=True)
        emit("link.approved", {"link": {"id": 7}})
        database.close()
    assert receiver.received == [], "nothing is sent before a worker runs"

    env = {**os.environ, "PV_INSTANCE_PATH": queued_app.instance_path, "PV_DATABASE_URL": database_url,
           "PV_SECRET_KEY": "test-secret-key"}
    worker = subprocess.Popen([sys.executable, "-m", "server", "worker", "--workers", "1"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        assert wait_for(lambda: receiver.received), "the worker did not deliver"
    finally:
        worker.terminate()
        worker.communicate(timeout=20)
    assert receiver.json()["data"] == {"link": {"id": 7}}
    with queued_app.app_context(), database.connection_context():
        assert WebhookDelivery.get().state == DeliveryState.DELIVERED
