"""The language chosen on the sign-in page is the one read once signed in (the profile's older setting used to
win silently)."""

from server.auth.models import User
from tests.auth.test_magic_link import ask_for_link, link_from_outbox, redeem
from tests.conftest import csrf_token


def _sign_in_by_magic_link(app, client, email):
    ask_for_link(client, email)
    return redeem(client, link_from_outbox(app))


def test_the_language_chosen_on_the_sign_in_page_is_kept_after_signing_in(app, client, make_user):
    person = make_user(email="tom@acme.example", name="Tom Becker", locale="en")
    login = client.get("/login").get_data(as_text=True)
    assert "Sign in" in login
    client.post("/language", data={"locale": "fr", "next": "/login", "csrf_token": csrf_token(client, "/login")})
    assert "Se connecter" in client.get("/login").get_data(as_text=True)

    assert _sign_in_by_magic_link(app, client, person.email).status_code == 302
    home = client.get("/").get_data(as_text=True)
    assert '<html lang="fr">' in home and "Bonjour Tom Becker" in home
    assert User.get_by_id(person.id).locale == "fr", "the choice is the person's language from now on"


def test_a_language_changed_in_the_profile_is_the_next_sign_in_pages_too(app, client, make_user):
    person = make_user(email="tom@acme.example", name="Tom Becker", locale="fr")
    client.post("/language", data={"locale": "fr", "next": "/login", "csrf_token": csrf_token(client, "/login")})
    _sign_in_by_magic_link(app, client, person.email)
    client.post("/account/profile", data={"locale": "en", "csrf_token": csrf_token(client, "/account")})
    client.post("/logout", data={"csrf_token": csrf_token(client, "/account")})
    assert "Sign in" in client.get("/login").get_data(as_text=True)
    _sign_in_by_magic_link(app, client, person.email)
    assert "Hello Tom Becker" in client.get("/").get_data(as_text=True)
    assert User.get_by_id(person.id).locale == "en"


def test_without_a_choice_on_the_sign_in_page_the_profile_language_stays(app, client, make_user):
    person = make_user(email="tom@acme.example", name="Tom Becker", locale="fr")
    _sign_in_by_magic_link(app, client, person.email)
    assert "Bonjour Tom Becker" in client.get("/").get_data(as_text=True)
    assert User.get_by_id(person.id).locale == "fr"
