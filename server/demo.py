"""A fictional company so a newcomer can sign in at once: `porte-voix demo`.

Areas add their own demo content with `@demo_seeder`, run in registration order after the people exist.
"""

from server import audit
from server.auth.models import Department, User
from server.auth.roles import Role
from server.db import database
from server.site_settings import get_setting, set_setting

COMPANY = "Acme Énergie"
DEPARTMENTS = ("Communication", "Ventes", "Ingénierie", "Ressources humaines", "Finance")
PEOPLE = (
    # email, name, role, department, locale
    ("admin@acme-energie.example", "Alice Martin", Role.ADMIN, "Communication", "fr"),
    ("moderation@acme-energie.example", "Mehdi Benali", Role.MODERATOR, "Communication", "fr"),
    ("leader@acme-energie.example", "Laura Chen", Role.LEADER, "Ventes", "en"),
    ("camille@acme-energie.example", "Camille Durand", Role.EMPLOYEE, "Ingénierie", "fr"),
    ("tom@acme-energie.example", "Tom Becker", Role.EMPLOYEE, "Ventes", "en"),
    ("ines@acme-energie.example", "Inès Moreau", Role.EMPLOYEE, "Ressources humaines", "fr"),
    ("paul@acme-energie.example", "Paul Lefebvre", Role.EMPLOYEE, "Finance", "fr"),
)

_seeders = []


def demo_seeder(fn):
    """Register `fn(people: dict[email, User])` to add an area's demo content."""
    _seeders.append(fn)
    return fn


def is_empty():
    return not User.select().exists()


def seed_demo():
    """Create the demo company (idempotent: existing people are kept) and mark the instance as a demo."""
    with database.atomic():
        departments = {}
        for name in DEPARTMENTS:
            departments[name] = Department.get_or_none(Department.name == name) or Department.create(name=name)
        people = {}
        for email, name, role, department, locale in PEOPLE:
            user = User.get_or_none(User.email == email)
            if user is None:
                user = User.create(email=email, name=name, role=role.value, department=departments[department],
                                   locale=locale)
            people[email] = user
        for seeder in _seeders:
            seeder(people)
        set_setting("demo", True)
        set_setting("company_name", get_setting("company_name") or COMPANY)
        audit.record("demo.seed")
    return people
