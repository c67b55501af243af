"""French and English everywhere: catalogues complete, language chosen per user, browser or choice."""

import os

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from tests.conftest import csrf_token, sign_in_client

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
METHOD_MAP = [("server/**.py", "python"), ("schemas/**.py", "python"), ("server/templates/**.html", "jinja2"),
              ("server/templates/**.txt", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}


def source_messages():
    found = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(ROOT, METHOD_MAP, keywords=KEYWORDS):
        if filename.startswith(("server", "schemas")):
            key = message[0] if isinstance(message, tuple) else message
            found.setdefault(key, f"{filename}:{lineno}")
    return found


def test_every_string_of_the_product_is_translated_into_french():
    with open(os.path.join(ROOT, "server/translations/fr/LC_MESSAGES/messages.po"), "rb") as handle:
        catalog = read_po(handle, locale="fr")
    missing = []
    for message, where in sorted(source_messages().items()):
        entry = catalog.get(message)
        strings = entry.string if entry is not None else None
        translated = all(strings) if isinstance(strings, tuple) else bool(strings)
        if entry is None or not translated or entry.fuzzy:
            missing.append(f"{where}: {message!r}")
    assert missing == [], "untranslated (run `make messages`, then translate):\n" + "\n".join(missing)


def test_compiled_french_catalogue_is_up_to_date():
    base = os.path.join(ROOT, "server/translations/fr/LC_MESSAGES/messages")
    if not os.path.exists(base + ".mo"):
        pytest.fail("server/translations/fr/LC_MESSAGES/messages.mo is missing: run `make translations`")
    with open(base + ".po", "rb") as po, open(base + ".mo", "rb") as mo:
        source, compiled = read_po(po, locale="fr"), read_mo(mo)
    stale = [m.id for m in source if m.id and m.string and compiled.get(m.id) is None]
    assert stale == [], "messages.mo is older than messages.po: run `make translations`"


def test_pages_follow_the_browser_language(client):
    french = client.get("/login", headers={"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"}).get_data(as_text=True)
    assert '<html lang="fr">' in french and "Se connecter" in french
    english = client.get("/login", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en">' in english and "Sign in" in english


def test_unknown_browser_language_falls_back_to_the_default(client):
    assert '<html lang="en">' in client.get("/login", headers={"Accept-Language": "de-DE"}).get_data(as_text=True)


@pytest.mark.parametrize("app_config", [{"DEFAULT_LOCALE": "fr"}])
def test_default_language_is_configurable(client):
    assert '<html lang="fr">' in client.get("/login", headers={"Accept-Language": "de-DE"}).get_data(as_text=True)


def test_the_users_own_setting_beats_the_browser(client, employee):
    employee.locale = "fr"
    employee.save()
    sign_in_client(client, employee)
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Bonjour Camille Durand" in page and "Mon compte" in page


def test_a_visitor_chooses_a_language_and_keeps_it(client):
    token = csrf_token(client, "/login")
    response = client.post("/language", data={"locale": "fr", "next": "/login", "csrf_token": token},
                           headers={"Accept-Language": "en"})
    assert response.headers["Location"] == "/login"
    assert "Adresse e-mail professionnelle" in client.get("/login", headers={"Accept-Language": "en"}).get_data(
        as_text=True)


def test_choosing_a_language_when_signed_in_saves_it(client, employee):
    from server.auth.models import User

    sign_in_client(client, employee)
    client.post("/language", data={"locale": "en", "csrf_token": csrf_token(client)})
    assert User.get_by_id(employee.id).locale == "en"


def test_api_errors_speak_the_callers_language(client):
    response = client.get("/api/v1/me", headers={"Accept-Language": "fr"})
    assert response.get_json()["error"]["message"] == "Veuillez vous connecter."
