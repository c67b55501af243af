"""The company's own caption ideas are checked against the charter when saved, and the editor says why."""

import html

import pytest

from server.library.models import KitCaption
from tests.conftest import csrf_token, sign_in_client

CHARTER = {"name": "Charte", "banned_terms": ["nul à chier"], "allowed_domains": ["acme.example"],
           "disclosure": {"required": True, "markers": ["#AcmeEnergie", "I work at Acme"]},
           "text": {"fr": "x", "en": "x"}, "quiz": []}


@pytest.fixture
def charter(app, admin):
    from server.charter.versions import parse_document, save_version

    with app.test_request_context():
        return save_version(admin, parse_document(CHARTER))


@pytest.fixture
def headers(curator, bearer):
    return bearer(curator)


def put_kit(client, headers, link_id, *texts, language="fr"):
    return client.put(f"/api/v1/links/{link_id}/kit", headers=headers,
                      json={"captions": [{"language": language, "text": text} for text in texts], "images": []})


def test_an_idea_the_charter_blocks_is_refused_naming_it_and_the_old_kit_stays(client, headers, library, charter):
    link = library.add()
    put_kit(client, headers, link.id, "Bravo à l'équipe ! #AcmeEnergie")
    response = put_kit(client, headers, link.id, "Une bonne idée #AcmeEnergie", "Franchement c'est nul à chier")
    assert response.status_code == 422
    message = response.get_json()["error"]["fields"]["captions"][0]
    assert message.startswith("Idea 2: ") and "nul à chier" in message
    assert [c.text for c in KitCaption.select()] == ["Bravo à l'équipe ! #AcmeEnergie"]


def test_an_idea_that_only_warns_is_saved_and_the_editor_shows_the_finding_and_its_fix(client, curator, library,
                                                                                     charter, app, admin):
    from server.library.campaigns import create_campaign

    with app.test_request_context():
        campaign = create_campaign(admin, name="Salon", hashtag="Salon2027")
    link = library.add(campaign_id=campaign.id)
    sign_in_client(client, curator)
    page = f"/admin/library/{link.id}"
    saved = client.post(f"{page}/kit", data={"csrf_token": csrf_token(client, page), "caption_language_0": "en",
                                             "caption_text_0": "See you at the fair!"})
    assert saved.status_code == 302 and KitCaption.get().text == "See you at the fair!"
    editor = html.unescape(client.get(page).get_data(as_text=True))
    assert "What the charter says of idea 1" in editor
    assert "Suggested fix: #AcmeEnergie" in editor and "Suggested fix: #Salon2027" in editor


def test_a_clean_idea_shows_no_finding(client, curator, bearer, library, charter):
    link = library.add()
    put_kit(client, bearer(curator), link.id, "Proud of the team. I work at Acme.", language="en")
    sign_in_client(client, curator)
    editor = client.get(f"/admin/library/{link.id}").get_data(as_text=True)
    assert "What the charter says of idea" not in editor


@pytest.mark.parametrize("app_config", [{"OUTBOUND_RESOLVER": lambda host, port: []}])
def test_the_demos_own_ideas_raise_no_warning(app):
    from server.demo import seed_demo
    from server.library.kits import check_caption
    from server.library.models import Link

    with app.test_request_context():
        seed_demo()
        verdicts = {caption.text: check_caption(Link.get_by_id(caption.link_id), caption.text, caption.language)
                    for caption in KitCaption.select()}
    assert verdicts
    warned = {text: [f["rule"] for f in outcome.findings] for text, outcome in verdicts.items()
              if outcome.verdict != "ok"}
    assert warned == {}
