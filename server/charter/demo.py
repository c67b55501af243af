"""The demo company's charter: Acme Énergie, two versions, some employees already trained."""

from datetime import timedelta

from server.charter import training, versions
from server.charter.demo_content import QUIZ, RULES_V1, RULES_V2, TEXT_V1, TEXT_V2
from server.charter.document import read_document
from server.charter.models import CharterAcknowledgement, CharterQuizAttempt, CharterVersion
from server.db import utcnow
from server.demo import demo_seeder

ADMIN = "admin@acme-energie.example"
# Who has already read which version, to show "what changed" and the acknowledgement figures.
READ_V1 = ("camille@acme-energie.example", "tom@acme-energie.example")
READ_V2 = ("leader@acme-energie.example", "moderation@acme-energie.example")


def _publish(author, rules, text, note, days_ago):
    document = read_document({**rules, "text": text, "quiz": QUIZ})
    version = versions.save_version(author, document, note=note, announce=False)
    published = utcnow() - timedelta(days=days_ago)
    CharterVersion.update(created_at=published).where(CharterVersion.id == version.id).execute()
    CharterAcknowledgement.update(acknowledged_at=published).where(
        CharterAcknowledgement.version == version).execute()
    return version


def _train(person, version, days_ago):
    at = utcnow() - timedelta(days=days_ago)
    CharterAcknowledgement.create(user=person, version=version, acknowledged_at=at)
    if not training.has_passed_quiz(person):
        answers = [question["answer"] for question in QUIZ]
        CharterQuizAttempt.create(user=person, version=version, answers=answers, score=len(QUIZ), total=len(QUIZ),
                                  passed=True, created_at=at)


@demo_seeder
def seed_charter(people):
    """Publish versions 1 and 2 of Acme Énergie's charter, authored by the demo admin (once)."""
    if CharterVersion.select().exists():
        return
    author = people[ADMIN]
    first = _publish(author, RULES_V1, TEXT_V1, "Première version de la charte.", days_ago=120)
    second = _publish(author, RULES_V2, TEXT_V2, "Allégations environnementales interdites, liens raccourcis "
                      "refusés, jusqu'à 5 hashtags.", days_ago=6)
    for email in READ_V1:
        _train(people[email], first, days_ago=100)
    for email in READ_V2:
        _train(people[email], second, days_ago=3)
