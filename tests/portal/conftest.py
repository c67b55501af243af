"""Fixtures of the employee's pages: a charter with a short quiz, approved links, a ready colleague."""

import pytest

QUIZ = [
    {"question": {"fr": "Qui écrit vos publications ?", "en": "Who writes your posts?"},
     "choices": [{"fr": "Moi, avec mes mots", "en": "Me, in my own words"},
                 {"fr": "Porte-Voix, tout seul", "en": "Porte-Voix, on its own"}],
     "answer": 0, "explanation": {"fr": "Rien n'est publié sans vous.", "en": "Nothing is posted without you."}},
    {"question": {"fr": "Peut-on parler d'un projet non annoncé ?", "en": "May you talk about an unannounced project?"},
     "choices": [{"fr": "Oui", "en": "Yes"}, {"fr": "Non, il reste confidentiel", "en": "No, it stays confidential"}],
     "answer": 1, "explanation": {"fr": "Ce qui n'est pas annoncé reste interne.",
                                  "en": "What is not announced stays inside."}},
]

CHARTER = {
    "name": "Charte Acme", "languages": ["fr", "en"], "competitors": ["Voltaria"],
    "review_terms": ["rachat", "plan social"], "banned_terms": ["nul à chier"], "brand_terms": ["ÉnergiePlus"],
    "allowed_domains": ["acme-energie.example"],
    "disclosure": {"required": False, "markers": []}, "hashtags": {"max": 5, "required": []},
    "text": {"fr": "## Soyez vous-même\n\nÉcrivez avec vos mots.", "en": "## Be yourself\n\nWrite in your own words."},
    "quiz": QUIZ,
}


@pytest.fixture
def publish_charter(app, admin):
    """`publish_charter(**changes)`: publish a version of the charter (with its two-question quiz)."""
    from server.charter.versions import parse_document, save_version

    def publish(**changes):
        with app.test_request_context():
            return save_version(admin, parse_document({**CHARTER, **changes}))

    return publish


@pytest.fixture
def charter(publish_charter):
    return publish_charter()


@pytest.fixture
def ready(app, charter):
    """`ready(user)`: the user takes part, acknowledged the charter in force and passed its quiz."""
    from server.charter.training import acknowledge, submit_quiz
    from server.shares.pipeline import opt_in

    def make_ready(user):
        with app.test_request_context():
            opt_in(user)
            acknowledge(user, charter.number)
            submit_quiz(user, [0, 1], "en")
        return user

    return make_ready


@pytest.fixture
def make_link(app, admin):
    from server.library.links import add_link

    counter = {"n": 0}

    def make(url=None, **fields):
        counter["n"] += 1
        fields.setdefault("title", "L'hydrogène vert arrive à Lyon")
        fields.setdefault("category", "sector")
        fields.setdefault("language", "fr")
        with app.test_request_context():
            return add_link(admin, url or f"https://acme-energie.example/news/{counter['n']}", fetch_preview=False,
                            **fields)

    return make


@pytest.fixture
def link(make_link):
    return make_link("https://acme-energie.example/news/hydrogene-lyon")
