"""LinkedIn: OAuth with credentials in the body, the Posts API request shape, little-text escaping."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest

from server.networks import linkedin
from server.networks.errors import (
    DuplicatePost,
    MissingScope,
    PermanentError,
    RateLimited,
    TokenExpired,
    TransientError,
)
from tests.networks.conftest import LOCAL_FAKES, REDIRECT_URI, TRACKED_LINK
from tests.networks.fakes import FakeLinkedIn


def config_for(fake, **overrides):
    values = {"client_id": "li-client-id", "client_secret": "li-client-secret", "web_url": fake.url,
              "api_url": fake.url, "outbound": LOCAL_FAKES} | overrides
    return linkedin.Config(**values)


def connect(fake, config):
    request = linkedin.authorization_url(config, REDIRECT_URI)
    return linkedin.exchange_code(config, REDIRECT_URI, fake.approve(request.url), request.state,
                                  request.code_verifier)


def test_authorization_url_asks_for_posting_and_sign_in_scopes_without_pkce(fake_linkedin):
    url, state, verifier = linkedin.authorization_url(config_for(fake_linkedin), REDIRECT_URI)
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert parts.path == "/oauth/v2/authorization" and verifier is None
    assert query == {"response_type": "code", "client_id": "li-client-id", "redirect_uri": REDIRECT_URI,
                     "scope": "openid profile email w_member_social", "state": state}


def test_connecting_sends_client_credentials_in_the_body_and_reads_the_member(fake_linkedin):
    token = connect(fake_linkedin, config_for(fake_linkedin))
    sent = fake_linkedin.requests_to("/oauth/v2/accessToken")[-1]
    assert sent.header("Authorization") is None
    assert sent.form["client_id"] == "li-client-id" and sent.form["client_secret"] == "li-client-secret"
    assert "code_verifier" not in sent.form
    assert token.account_id == "AbC123xYz" and token.account_name == "Marie Dupont"
    assert token.scope == ("openid", "profile", "email", "w_member_social")  # sent comma-separated
    assert token.refresh_token is None
    assert token.expires_at == pytest.approx(time.time() + 60 * 86400, abs=60)
    userinfo = fake_linkedin.requests_to("/v2/userinfo")[-1]
    assert userinfo.header("Authorization") == f"Bearer {token.access_token}"


def test_a_grant_without_w_member_social_is_a_missing_scope(fake_linkedin):
    fake_linkedin.grant_only = ("openid", "profile", "email")
    with pytest.raises(MissingScope, match="w_member_social"):
        connect(fake_linkedin, config_for(fake_linkedin))


def test_after_sixty_days_the_employee_reconnects(fake_linkedin):
    config = config_for(fake_linkedin)
    token = connect(fake_linkedin, config)
    later = time.time() + 61 * 86400
    assert linkedin.needs_reconnect(token, later) and not linkedin.needs_refresh(token, later)
    with pytest.raises(TokenExpired, match="reconnect"):
        linkedin.refresh(config, token)


def test_post_sends_the_posts_api_body_and_headers(fake_linkedin):
    config = config_for(fake_linkedin)
    token = connect(fake_linkedin, config)
    result = linkedin.post(config, token, "Fiers (vraiment) de l'équipe ! #Innovation", link=TRACKED_LINK,
                           title="Rapport 2026", description="Nos chiffres")
    sent = fake_linkedin.requests_to("/rest/posts")[-1]
    assert sent.json == {
        "author": "urn:li:person:AbC123xYz",
        "commentary": "Fiers \\(vraiment\\) de l'équipe ! #Innovation",
        "visibility": "PUBLIC",
        "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [],
                         "thirdPartyDistributionChannels": []},
        "content": {"article": {"source": TRACKED_LINK, "title": "Rapport 2026", "description": "Nos chiffres"}},
        "lifecycleState": "PUBLISHED",
        "isReshareDisabledByAuthor": False,
    }
    assert sent.header("LinkedIn-Version") == "202610"
    assert sent.header("X-Restli-Protocol-Version") == "2.0.0"
    assert sent.header("Authorization") == f"Bearer {token.access_token}"
    urn = fake_linkedin.posts[-1]["urn"]
    assert result == linkedin.PostResult(urn, f"https://www.linkedin.com/feed/update/{urn}/")


def test_a_post_without_link_has_no_content(fake_linkedin):
    config = config_for(fake_linkedin)
    linkedin.post(config, connect(fake_linkedin, config), "Juste du texte")
    assert "content" not in fake_linkedin.posts[-1]["json"]


@pytest.mark.parametrize(("text", "little"), [
    ("Merci (vraiment) !", "Merci \\(vraiment\\) !"),
    ("écrire à marie@exemple.fr", "écrire à marie\\@exemple.fr"),
    ("*gras* _souligné_ ~barré~", "\\*gras\\* \\_souligné\\_ \\~barré\\~"),
    ("[a] {b} <c> | d \\ e", "\\[a\\] \\{b\\} \\<c\\> \\| d \\\\ e"),
    ("#Innovation et #Économie, pas C# ni #2026", "#Innovation et #Économie, pas C\\# ni \\#2026"),
    ("voir https://ex.fr/a_(b)?q=1#frag (ici)", "voir https://ex.fr/a_(b)?q=1#frag \\(ici\\)"),
    ("Emoji 🎉 et accents : ça marche", "Emoji 🎉 et accents : ça marche"),
])
def test_commentary_escapes_little_text_but_keeps_links_and_hashtags(text, little):
    assert linkedin.little_text(text) == little


def test_a_repeat_is_a_duplicate_naming_the_earlier_post(fake_linkedin):
    config = config_for(fake_linkedin)
    token = connect(fake_linkedin, config)
    first = linkedin.post(config, token, "Une fois", link=TRACKED_LINK)
    with pytest.raises(DuplicatePost) as caught:
        linkedin.post(config, token, "Une fois", link=TRACKED_LINK)
    assert caught.value.existing_id == first.external_id and caught.value.status == 422
    assert linkedin.find_recent_post(config, token, "Une fois") is None  # LinkedIn cannot be read back


def test_a_retired_api_version_says_so(fake_linkedin):
    config = config_for(fake_linkedin, version="202401")
    with pytest.raises(PermanentError, match="LinkedIn-Version"):
        linkedin.post(config, connect(fake_linkedin, config), "Bonjour")


@pytest.mark.parametrize(("kind", "headers", "error"), [
    ("expired", {}, TokenExpired),
    ("missing_scope", {}, MissingScope),
    ("rate_limited", {}, RateLimited),
    ("rate_limited", {"Retry-After": "30"}, RateLimited),
    ("server", {}, TransientError),
])
def test_error_answers_map_to_errors(fake_linkedin, kind, headers, error):
    config = config_for(fake_linkedin)
    token = connect(fake_linkedin, config)
    status, body = FakeLinkedIn.ERRORS[kind]
    fake_linkedin.fail_next("/rest/posts", status, body, headers=headers)
    with pytest.raises(error) as caught:
        linkedin.post(config, token, "Bonjour")
    assert caught.value.message == body["message"]
    if error is RateLimited:
        assert caught.value.retry_after == (30 if headers else linkedin.api.DEFAULT_RETRY_AFTER)


def test_revoke_sends_the_token_with_client_credentials(fake_linkedin):
    config = config_for(fake_linkedin)
    token = connect(fake_linkedin, config)
    linkedin.revoke(config, token)
    sent = fake_linkedin.requests_to("/oauth/v2/revoke")[-1].form
    assert sent == {"token": token.access_token, "token_type_hint": "access_token",
                    "client_id": "li-client-id", "client_secret": "li-client-secret"}
    with pytest.raises(TokenExpired):
        linkedin.post(config, token, "Après révocation")
