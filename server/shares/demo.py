"""The demo's shares: one shared (its composers opened), one waiting for the moderator, so every page has
something to show."""

from server.charter.models import CharterVersion
from server.charter.training import acknowledge, has_passed_quiz, requires_acknowledgement, submit_quiz
from server.demo import demo_seeder
from server.library.models import Link, LinkStatus
from server.shares.models import Share
from server.shares.pipeline import opt_in, submit_share
from server.shares.publishing import mark_opened

SHARES = (
    # (person, text, networks, idempotency key, composers opened)
    ("leader@acme-energie.example",
     "Fière de notre équipe : la transition énergétique se construit aussi dans nos territoires. "
     "Je travaille chez Acme et je vous recommande cette lecture. #TransitionAcme",
     ("linkedin", "x"), "demo-shared", True),
    ("leader@acme-energie.example",
     "Je travaille chez Acme : on parle beaucoup de la grève de la semaine prochaine, voici notre point de vue. "
     "#TransitionAcme",
     ("linkedin",), "demo-review", False),
)


@demo_seeder
def seed_shares(people):
    """Two demo shares by the leader, who has read the charter in force, on the campaign's newest links (once)."""
    if Share.select().exists() or not CharterVersion.select().exists():
        return
    links = list(Link.select().where(Link.status == LinkStatus.APPROVED, Link.campaign.is_null(False))
                 .order_by(Link.approved_at.desc()).limit(len(SHARES)))
    if len(links) < len(SHARES):
        return
    current = CharterVersion.select().order_by(CharterVersion.number.desc()).first()
    for link, (email, text, networks, key, opened) in zip(links, SHARES, strict=True):
        person = people[email]
        opt_in(person)
        if requires_acknowledgement(person):
            acknowledge(person, current.number)
        if not has_passed_quiz(person):
            submit_quiz(person, [question["answer"] for question in current.quiz], person.locale or "fr")
        share, _created = submit_share(person, link_id=link.id, text=text, idempotency_key=key, source="portal",
                                       targets=[{"network": name, "method": "intent"} for name in networks])
        for name in networks if opened else ():
            mark_opened(person, share.id, name)
