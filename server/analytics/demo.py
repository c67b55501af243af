"""The demo's results: a month of a small programme, so the results pages have something to show in a meeting.

Four employees take part and share approved links by their networks' composers (opened), over the last weeks;
people clicked the tracked links on the days after. Clicks are written as the redirect writes them (a daily
visitor hash, never an address), dated in the past, then rolled up as the periodic job would.
"""

import hashlib
import random
from datetime import datetime, time, timedelta

from server.analytics.models import SharedTarget
from server.analytics.points import update_points
from server.analytics.rollups import record_shared_targets, roll_up
from server.charter.models import CharterVersion
from server.charter.training import acknowledge, has_passed_quiz, requires_acknowledgement, submit_quiz
from server.db import utcnow
from server.demo import demo_seeder
from server.library.models import Link, LinkStatus
from server.shares.models import Share, ShareEvent, ShareTarget
from server.shares.pipeline import opt_in, submit_share
from server.shares.publishing import mark_opened
from server.tracking.models import Click

# Not Camille, Tom or Inès: the charter's demo keeps them at version 1 to show "what changed since".
SHARERS = ("leader@acme-energie.example", "moderation@acme-energie.example", "paul@acme-energie.example")
TEXTS = (
    "Je travaille chez Acme et je suis fière de ce que nos équipes construisent. À lire ! #TransitionAcme",
    "Je travaille chez Acme : un bel exemple de ce que la transition change sur le terrain. #TransitionAcme",
    "I work at Acme and this is the kind of project that makes me proud. Worth a read. #TransitionAcme",
    "Je travaille chez Acme : une lecture utile pour comprendre où va l'énergie. #TransitionAcme",
)
NETWORKS = (("linkedin",), ("linkedin", "x"), ("linkedin", "bluesky"), ("x",))
DAYS = 28
SEED = 20261201


def _ready(person, current):
    opt_in(person)
    if requires_acknowledgement(person):
        acknowledge(person, current.number)
    if not has_passed_quiz(person):
        submit_quiz(person, [question["answer"] for question in current.quiz], person.locale or "fr")


def _backdate(share, moment):
    """The share happened `moment`: its rows say so, as if it had been made then."""
    Share.update(created_at=moment, updated_at=moment, published_at=moment).where(Share.id == share.id).execute()
    ShareEvent.update(at=moment).where(ShareEvent.share == share.id).execute()
    ShareTarget.update(opened_at=moment).where(ShareTarget.share == share.id).execute()


def _clicks(target_id, shared_on, rng, today, now):
    """People clicking on the days after the share: many at first, fewer later; some come back."""
    rows, visitors = [], [hashlib.sha256(f"{target_id}-{n}".encode()).hexdigest()[:32] for n in range(40)]
    for offset in range(0, 10):
        day = shared_on + timedelta(days=offset)
        if day > today:
            break
        for _ in range(max(0, int(rng.gauss(12 / (offset + 1), 2)))):
            moment = datetime.combine(day, time(rng.randrange(7, 22), rng.randrange(60)))
            if moment > now:  # no click from later today: the rollups count up to now
                continue
            rows.append({"target": target_id, "clicked_at": moment, "day": day, "visitor": rng.choice(visitors)})
    return rows


@demo_seeder
def seed_results(people):
    """A month of shares and clicks by three employees (once: only on an instance with no clicks yet)."""
    if Click.select().exists() or not CharterVersion.select().exists():
        return
    current = CharterVersion.select().order_by(CharterVersion.number.desc()).first()
    links = list(Link.select().where(Link.status == LinkStatus.APPROVED).order_by(Link.id))
    if not links:
        return
    rng, now = random.Random(SEED), utcnow()  # noqa: S311 (demo figures, nothing secret)
    rows = []
    for number, email in enumerate(SHARERS):
        person = people[email]
        _ready(person, current)
        for turn in range(3):
            link = links[(number * 3 + turn) % len(links)]
            if Share.select().where(Share.user == person, Share.link == link).exists():
                continue
            networks = NETWORKS[(number + turn) % len(NETWORKS)]
            share, _created = submit_share(person, link_id=link.id, text=TEXTS[number], source="portal",
                                           idempotency_key=f"demo-results-{number}-{turn}",
                                           targets=[{"network": name, "method": "intent"} for name in networks])
            if share.state != "approved":  # held for review by the demo charter: it stays in the queue
                continue
            for name in networks:
                mark_opened(person, share.id, name)
            moment = now - timedelta(days=rng.randrange(2, DAYS), hours=rng.randrange(8))
            _backdate(share, moment)
            targets = list(ShareTarget.select().where(ShareTarget.share == share.id))
            # Written when the composers were opened (today): written again for the day they now say.
            SharedTarget.delete().where(SharedTarget.target.in_([t.id for t in targets])).execute()
            record_shared_targets([target.id for target in targets])
            update_points({(person.id, now.date())})
            for target in targets:
                rows += _clicks(target.id, moment.date(), rng, now.date(), now)
    for start in range(0, len(rows), 500):
        Click.insert_many(rows[start:start + 500]).execute()
    roll_up(now=now + timedelta(minutes=10))
