"""Fixtures for the charter as data: documents, published versions, signed-in callers."""

import copy

import pytest

from tests.conftest import csrf_token, sign_in_client

QUIZ = [
    {"question": {"fr": "Faut-il dire que vous travaillez chez Acme ?", "en": "Must you say you work at Acme?"},
     "choices": [{"fr": "Oui", "en": "Yes"}, {"fr": "Non", "en": "No"}],
     "answer": 0,
     "explanation": {"fr": "Vos lecteurs doivent le savoir.", "en": "Your readers must know."}},
    {"question": {"fr": "Peut-on citer un nom de code ?", "en": "May you mention a code name?"},
     "choices": [{"fr": "Oui", "en": "Yes"}, {"fr": "Seulement sur LinkedIn", "en": "Only on LinkedIn"},
                 {"fr": "Non", "en": "No"}],
     "answer": 2,
     "explanation": {"fr": "Il reste confidentiel.", "en": "It stays confidential."}},
]

DOCUMENT = {
    "name": "Charte Acme", "version": 7, "languages": ["fr", "en"],
    "banned_terms": ["neutre en carbone"], "confidential_terms": ["Projet Hélios"],
    "review_terms": ["plan social", "grève"], "competitors": ["Voltéo"], "brand_terms": ["ÉnergiePlus"],
    "allowed_domains": ["acme-energie.example"],
    "disclosure": {"required": True, "markers": ["#AcmeEnergie", "je travaille chez Acme"]},
    "hashtags": {"max": 3, "required": []}, "pii": True, "secrets": True,
    "originality": {"max_similarity": 0.9}, "severity": {"competitor": "review"},
    "text": {"fr": "# Notre charte\n\nParlez en votre nom.\n\nDites que vous travaillez chez Acme.",
             "en": "# Our charter\n\nSpeak for yourself.\n\nSay that you work at Acme."},
    "quiz": QUIZ,
}


@pytest.fixture
def document():
    """A fresh copy of a complete charter document (rules, text, quiz), safe to modify."""
    return copy.deepcopy(DOCUMENT)


@pytest.fixture
def publish(app, admin):
    """`publish(document=None, author=admin, **save options)` → the new CharterVersion."""
    from server.charter.versions import parse_document, save_version

    def make(data=None, author=admin, **options):
        with app.test_request_context():
            return save_version(author, parse_document(copy.deepcopy(data or DOCUMENT)), **options)

    return make


@pytest.fixture
def published(publish):
    """Version 1 of the test charter, published by the admin."""
    return publish()


@pytest.fixture
def signed_in(client):
    """`signed_in(user)` → the client, signed in as `user`, and the CSRF headers for its API calls."""

    def sign(user):
        sign_in_client(client, user)
        return client, {"X-CSRFToken": csrf_token(client)}

    return sign


@pytest.fixture
def moderator(make_user):
    return make_user("moderator", email="mehdi@acme.example", name="Mehdi Benali")
