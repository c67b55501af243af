"""The live check for several networks: every rule once, the length per network, the same answer as one by one."""

import pytest

from server import networks as network_registry
from server.charter.engine import Context, compile
from server.charter.engine.per_network import check_for_networks
from tests.charter.conftest import DOCUMENT

RULES = {key: value for key, value in DOCUMENT.items() if key not in ("text", "quiz", "version")}
LONG = "Je travaille chez Acme : " + "notre parc éolien tourne à plein régime, " * 8 + "appelez le 06 12 34 56 78"


@pytest.mark.parametrize("text", [LONG, "Fier de Voltéo ? Non, de Projet Hélios #AcmeEnergie", "Bonjour", ""])
def test_checking_once_for_all_networks_gives_what_each_network_alone_gives(text):
    compiled = compile(RULES)
    lengths = {name: network_registry.get(name).length for name in ("linkedin", "x", "bluesky", "mastodon")}
    context = Context(link="https://acme-energie.example/news/1", suggested="Notre parc éolien", language="fr")
    together = check_for_networks(compiled, text, context, lengths)
    for name, limit in lengths.items():
        alone = compiled.check(text, Context(network=name, length=limit, link=context.link,
                                             suggested=context.suggested, language="fr"))
        assert together[name] == alone, name


def test_the_length_is_reported_only_for_the_networks_it_exceeds():
    compiled = compile(RULES)
    lengths = {name: network_registry.get(name).length for name in ("linkedin", "x")}
    results = check_for_networks(compiled, LONG, Context(), lengths)
    assert [f.rule for f in results["x"].findings if f.rule == "length"] == ["length"]
    assert not [f for f in results["linkedin"].findings if f.rule == "length"]


def test_a_token_checks_posts_until_it_is_revoked_or_its_owner_disabled(app, client, make_user):
    from server.auth.models import ApiToken, User
    from server.auth.tokens import create_api_token, revoke_api_token

    person = make_user("moderator", name="Léa Moreau", department="Ventes", locale="fr")
    with app.test_request_context():
        row, raw = create_api_token(person, "laptop")
    headers = {"Authorization": f"Bearer {raw}"}
    body = {"text": "Fier de nos éoliennes", "networks": ["linkedin", "x"]}
    assert client.post("/api/v1/checks", json=body, headers=headers).status_code == 200
    me = client.get("/api/v1/me", headers=headers).get_json()
    assert (me["name"], me["role"]) == ("Léa Moreau", "moderator"), "the owner is read whole from the token"
    assert ApiToken.get_by_id(row.id).last_used_at is not None
    assert client.get("/api/v1/charter/versions", headers=headers).status_code == 200, "a moderator's route"
    User.update(active=False).where(User.id == person.id).execute()
    assert client.post("/api/v1/checks", json=body, headers=headers).status_code == 401
    User.update(active=True).where(User.id == person.id).execute()
    with app.test_request_context():
        revoke_api_token(person, row.id)
    assert client.post("/api/v1/checks", json=body, headers=headers).status_code == 401
