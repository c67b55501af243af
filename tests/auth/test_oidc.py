"""Company single sign-on against a real OpenID provider served on 127.0.0.1 by the tests."""

import html
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from server.auth.models import Department, LoginSession, User
from tests.support.oidc_provider import OpenIDProvider


@pytest.fixture
def provider():
    with OpenIDProvider() as running:
        yield running


@pytest.fixture
def app_config(provider):
    return {"OIDC_DISCOVERY_URL": provider.discovery_url, "OIDC_CLIENT_ID": provider.client_id,
            "OIDC_CLIENT_SECRET": provider.client_secret, "OIDC_LABEL": "Acme SSO"}


def start(client):
    """Click "Sign in with…": returns the provider's authorize URL we were sent to."""
    response = client.get("/login/sso?next=/account")
    assert response.status_code == 302
    return response.headers["Location"]


def consent(authorize_url):
    """The browser follows the redirect to the provider, which sends it back to our callback."""
    answer = requests.get(authorize_url, allow_redirects=False, timeout=5)
    assert answer.status_code == 302, answer.text
    back = urlsplit(answer.headers["Location"])
    return back.path + "?" + back.query


def test_sso_signs_in_and_creates_the_user_just_in_time(client, provider):
    page = client.get("/login").get_data(as_text=True)
    assert "Sign in with Acme SSO" in page
    authorize = start(client)
    sent = parse_qs(urlsplit(authorize).query)
    assert sent["code_challenge_method"] == ["S256"] and len(sent["code_challenge"][0]) == 43
    assert sent["scope"] == ["openid email profile"] and sent["nonce"][0]
    assert sent["redirect_uri"] == ["http://localhost/login/sso/callback"]

    response = client.get(consent(authorize))
    assert response.status_code == 302 and response.headers["Location"] == "/account"
    user = User.get(User.email == "camille@acme.example")
    assert (user.name, user.role, user.department.name) == ("Camille Durand", "employee", "Ingénierie")
    assert (user.sso_issuer, user.sso_subject) == (provider.issuer, "u-1")
    assert "Camille Durand" in client.get("/").get_data(as_text=True)
    token_request = provider.token_requests[-1]
    assert token_request["grant_type"] == "authorization_code" and len(token_request["code_verifier"]) >= 43


def test_sso_links_an_existing_account_by_email_and_updates_its_department(client, provider, employee):
    provider.next_claims = {**provider.next_claims, "department": "Ventes"}
    client.get(consent(start(client)))
    assert User.select().count() == 1
    user = User.get_by_id(employee.id)
    assert user.sso_subject == "u-1" and user.department.name == "Ventes"
    assert Department.select().count() == 2


def test_sso_with_wrong_state_is_refused(client, provider):
    callback = consent(start(client))
    forged = callback.replace("state=", "state=forged")
    response = client.get(forged)
    assert response.status_code == 400
    assert "does not match" in response.get_data(as_text=True)
    assert LoginSession.select().count() == 0
    assert provider.token_requests == [], "no code may be exchanged for a forged state"


def test_sso_with_wrong_pkce_verifier_is_refused(client, provider):
    callback = consent(start(client))
    with client.session_transaction() as session:
        pending = dict(session["sso"])
        pending["verifier"] = "x" * 43
        session["sso"] = pending
    response = client.get(callback)
    assert response.status_code == 400
    assert "refused the exchange" in response.get_data(as_text=True)
    assert LoginSession.select().count() == 0 and User.select().count() == 0


@pytest.mark.parametrize("tamper, reason", [
    ({"exp": 1_000_000_000}, "could not be verified"),               # expired long ago
    ({"aud": "someone-else"}, "could not be verified"),              # token meant for another client
    ({"nonce": "replayed"}, "nonce mismatch"),                       # replayed from another sign-in
])
def test_sso_refuses_a_bad_id_token(client, provider, tamper, reason):
    provider.id_token_overrides = tamper
    response = client.get(consent(start(client)))
    assert response.status_code == 400
    assert reason in response.get_data(as_text=True)
    assert LoginSession.select().count() == 0 and User.select().count() == 0


def test_sso_refuses_an_id_token_signed_by_another_key(client, provider):
    provider.sign_with_foreign_key = True
    response = client.get(consent(start(client)))
    assert response.status_code == 400 and User.select().count() == 0


def test_sso_refuses_an_id_token_from_an_unknown_issuer(client, provider):
    provider.id_token_overrides = {"iss": "https://evil.example"}
    response = client.get(consent(start(client)))
    assert response.status_code == 400 and User.select().count() == 0


def test_sso_refuses_a_discovery_document_naming_another_issuer(client, provider, app):
    app.config["OIDC_DISCOVERY_URL"] = provider.discovery_url.replace("127.0.0.1", "localhost")
    response = client.get("/login/sso")
    assert response.status_code == 502
    assert "issuer mismatch" in response.get_data(as_text=True)


def test_sso_refuses_an_unverified_email(client, provider):
    provider.next_claims = {**provider.next_claims, "email_verified": False}
    response = client.get(consent(start(client)))
    assert response.status_code == 400 and "no verified e-mail" in response.get_data(as_text=True)


def test_sso_refuses_a_disabled_account(client, provider, employee):
    employee.active = False
    employee.save()
    response = client.get(consent(start(client)))
    assert response.status_code == 400 and "disabled" in response.get_data(as_text=True)


def test_sso_callback_without_a_started_sign_in_is_refused(client, provider):
    response = client.get("/login/sso/callback?code=abc&state=xyz")
    assert response.status_code == 400 and "expired" in response.get_data(as_text=True)


def test_sso_is_absent_when_not_configured(database_url, tmp_path):
    from tests.conftest import make_app

    client = make_app(database_url, tmp_path / "plain").test_client()
    assert "Sign in with" not in client.get("/login").get_data(as_text=True)
    assert client.get("/login/sso").status_code == 404


def test_sso_refuses_a_provider_on_a_private_address_without_calling_it(client, app):
    from tests.support.sentinel import ConnectionSentinel

    with ConnectionSentinel("127.0.0.1") as internal:
        # A name (not this machine's loopback as written) that resolves to an internal address.
        app.config["OIDC_DISCOVERY_URL"] = f"http://sso.acme.test:{internal.port}/.well-known/openid-configuration"
        app.config["OUTBOUND_RESOLVER"] = lambda host, port: ["127.0.0.1"]
        response = client.get("/login/sso")
        page = response.get_data(as_text=True)
        assert response.status_code == 502
        assert "The sign-in service is at an address this server may not contact" in page
        assert "sso.acme.test (127.0.0.1) is not a public internet address" in page
        assert internal.connections() == []


def test_sso_refuses_signing_keys_on_a_private_address(client, provider, app):
    # The provider is on loopback (allowed for development); its keys, on the internal network, are not.
    provider.discovery_overrides = {"jwks_uri": "http://keys.acme.test/jwks"}
    app.config["OUTBOUND_RESOLVER"] = lambda host, port: {"keys.acme.test": ["10.0.0.7"]}[host]
    response = client.get(consent(start(client)))
    assert response.status_code == 400
    assert "keys.acme.test (10.0.0.7) is not a public internet address" in response.get_data(as_text=True)
    assert User.select().count() == 0

# -- linking by e-mail: only for an address the provider vouches for ---------------------------------------

def without(claims, *names):
    return {name: value for name, value in claims.items() if name not in names}


def refusal_text(response):
    assert response.status_code == 400 and response.mimetype == "text/html"
    return html.unescape(response.get_data(as_text=True))


def test_sso_does_not_link_an_account_to_an_email_not_said_verified(client, provider, employee):
    provider.next_claims = without(provider.next_claims, "email_verified")
    response = client.get(consent(start(client)), headers={"Accept-Language": "fr"})
    assert "Votre compte d'entreprise n'a pas d'adresse e-mail vérifiée." in refusal_text(response)
    assert User.get_by_id(employee.id).sso_subject is None
    assert LoginSession.select().count() == 0


def test_sso_does_not_create_an_account_for_an_email_not_said_verified(client, provider):
    provider.next_claims = without(provider.next_claims, "email_verified")
    response = client.get(consent(start(client)))
    assert "no verified e-mail address" in refusal_text(response)
    assert User.select().count() == 0


@pytest.mark.parametrize("verified", [True, "true"], ids=["boolean", "string"])
def test_sso_links_an_email_the_provider_says_verified(client, provider, employee, verified):
    provider.next_claims = {**provider.next_claims, "email_verified": verified}
    assert client.get(consent(start(client))).status_code == 302
    assert User.get_by_id(employee.id).sso_subject == "u-1"


def test_sso_links_by_email_for_an_issuer_the_operator_trusts(client, provider, employee, app):
    app.config["OIDC_TRUSTED_EMAIL_ISSUERS"] = [provider.issuer + "/"]
    provider.next_claims = without(provider.next_claims, "email_verified")
    response = client.get(consent(start(client)))
    assert response.status_code == 302 and response.headers["Location"] == "/account"
    assert User.get_by_id(employee.id).sso_subject == "u-1"
    assert LoginSession.get().user_id == employee.id


def test_trusting_another_issuer_does_not_trust_this_one(client, provider, app):
    app.config["OIDC_TRUSTED_EMAIL_ISSUERS"] = ["https://sso.other.example"]
    provider.next_claims = without(provider.next_claims, "email_verified")
    assert "no verified e-mail address" in refusal_text(client.get(consent(start(client))))
    assert User.select().count() == 0


@pytest.mark.parametrize("email", ["not-an-address", "camille@", "camille@acme example",
                                   "a" * 250 + "@acme.example", ["camille@acme.example"], 42, ""],
                         ids=["no-at", "no-domain", "space", "too-long", "list", "number", "empty"])
def test_sso_refuses_an_email_claim_that_is_not_an_address(client, provider, email, app):
    app.config["OIDC_TRUSTED_EMAIL_ISSUERS"] = [provider.issuer]  # even from a trusted issuer
    provider.next_claims = {**provider.next_claims, "email": email}
    response = client.get(consent(start(client)), headers={"Accept-Language": "fr"})
    text = refusal_text(response)
    assert "L'adresse e-mail de votre compte d'entreprise n'est pas valide." in text or \
        "Votre compte d'entreprise n'a pas d'adresse e-mail." in text
    assert User.select().count() == 0 and LoginSession.select().count() == 0


def test_sso_signs_in_an_account_already_linked_by_subject(client, provider, employee):
    employee.sso_issuer, employee.sso_subject = provider.issuer, "u-1"
    employee.save()
    provider.next_claims = without(provider.next_claims, "email_verified", "email")
    response = client.get(consent(start(client)))
    assert response.status_code == 302
    assert LoginSession.get().user_id == employee.id and User.select().count() == 1
