"""A digest run killed in the middle (SIGKILL, as an out-of-memory killer or a redeploy would) and run
again: every subscriber receives exactly one digest, and those delivered before the crash no second one."""

import os
import signal
import subprocess
import sys
from collections import Counter
from datetime import timedelta

from server.db import database, utcnow
from server.digests.models import Digest, DigestStatus, Frequency
from server.library.models import Link
from tests.digests.conftest import BASE_URL
from tests.support.processes import ROOT

SUBSCRIBERS = 5
KILLED_AT = 3  # the third message makes the mail server kill the sender before answering


def digest_run(app, database_url, inbox):
    environment = {**os.environ, "PV_DATABASE_URL": database_url, "PV_SMTP_URL": f"smtp://127.0.0.1:{inbox.port}",
                   "PV_BASE_URL": BASE_URL, "PV_SECRET_KEY": "test-secret-key",
                   "PV_INSTANCE_PATH": app.instance_path, "PV_MAIL_FROM": "Porte-Voix <porte-voix@acme.example>"}
    return subprocess.Popen([sys.executable, "-m", "server", "digests", "send"], cwd=ROOT, env=environment,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def test_a_digest_run_killed_midway_and_run_again_sends_each_subscriber_exactly_one_digest(
        app, database_url, inbox, make_user, make_link):
    from server.digests.preferences import choose_frequency
    from server.digests.sending import record_due_digests

    people = [make_user(email=f"sub{n}@acme.example", name=f"Abonné {n}", locale="fr", timezone="UTC")
              for n in range(SUBSCRIBERS)]
    link = make_link("Lyon inaugure sa station hydrogène")
    Link.update(approved_at=utcnow() - timedelta(hours=1)).where(Link.id == link.id).execute()
    now = utcnow()
    this_monday = (now - timedelta(days=now.weekday())).replace(hour=9, minute=0)
    with app.app_context():
        for person in people:
            choose_frequency(person, Frequency.WEEKLY)
        # This week's digests are recorded (as Monday's runs did); the killed run must deliver them.
        assert record_due_digests(this_monday) == SUBSCRIBERS
    database.close()

    killed = {}

    def kill_the_sender_on_the_third_message(box):
        if len(box.messages) == KILLED_AT - 1 and "pid" in killed and not killed.get("done"):
            os.kill(killed["pid"], signal.SIGKILL)
            killed["done"] = True
            return "451 4.3.0 Try again later"  # never delivered: the sender died before it could know
        return None

    inbox.before_accept = kill_the_sender_on_the_third_message
    first = digest_run(app, database_url, inbox)
    killed["pid"] = first.pid
    output = first.communicate(timeout=120)[0].decode(errors="replace")
    assert first.returncode == -signal.SIGKILL, output
    assert len(inbox.messages) == KILLED_AT - 1
    statuses = Counter(digest.status for digest in Digest.select())
    assert statuses == {DigestStatus.SENT: KILLED_AT - 1, DigestStatus.PENDING: SUBSCRIBERS - KILLED_AT + 1}
    database.close()

    second = digest_run(app, database_url, inbox)
    output = second.communicate(timeout=120)[0].decode(errors="replace")
    assert second.returncode == 0, output
    assert inbox.wait_for(SUBSCRIBERS)
    received = Counter(message["To"] for message in inbox.messages)
    assert received == Counter({f"Abonné {n} <sub{n}@acme.example>": 1 for n in range(SUBSCRIBERS)})
    assert all("Lyon inaugure sa station hydrogène" in message.get_body(("plain",)).get_content()
               for message in inbox.messages)

    third = digest_run(app, database_url, inbox)
    assert third.communicate(timeout=120)[0] and third.returncode == 0
    assert len(inbox.messages) == SUBSCRIBERS, "a run with nothing pending sends nothing"
