"""Slack and Microsoft Teams: new campaigns and newly approved links reach the channels in their language, with a
Share button opening the compose page; the moderators' channel hears of shares waiting for review."""

import json
from datetime import timedelta

import pytest

from server.db import utcnow
from server.webhooks.sources import announce_library_news

BASE = "https://porte-voix.acme.example"


@pytest.fixture
def announce(app):
    """Run the periodic announcement as the worker would, `seconds` after now (past the settling delay)."""

    def run(seconds=11):
        with app.app_context():
            return announce_library_news(now=utcnow() + timedelta(seconds=seconds))

    run(0)  # the first run sets the mark: what came before the notifications existed is not announced
    return run


def slack_button(payload):
    actions = next(block for block in payload["blocks"] if block["type"] == "actions")
    return actions["elements"][0]


def teams_card(payload):
    assert payload["type"] == "message"
    attachment = payload["attachments"][0]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    return attachment["content"]


def test_a_newly_approved_link_reaches_slack_and_teams_with_a_share_button(endpoint, receiver, make_link, announce):
    endpoint("slack_channel", ["link.approved"], path="/slack", language="fr")
    endpoint("teams_channel", ["link.approved"], path="/teams", language="en")
    link = make_link("https://acme-energie.example/news/eolien", title="Un parc éolien <en mer> & au large")
    assert announce() == 1
    assert announce() == 0, "announced once"

    slack = json.loads(next(r["body"] for r in receiver.received if r["path"] == "/slack"))
    assert slack["text"].startswith("Nouveau dans la bibliothèque")
    section = slack["blocks"][0]["text"]
    assert section["type"] == "mrkdwn" and "&lt;en mer&gt; &amp; au large" in section["text"]
    button = slack_button(slack)
    assert button["type"] == "button" and button["text"] == {"type": "plain_text", "text": "Partager"}
    assert button["url"] == f"{BASE}/share/{link.id}"

    card = teams_card(json.loads(next(r["body"] for r in receiver.received if r["path"] == "/teams")))
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.4"
    assert card["body"][0]["text"] == "New in the library: Un parc éolien <en mer> & au large"
    assert card["actions"] == [{"type": "Action.OpenUrl", "title": "Share", "url": f"{BASE}/share/{link.id}"}]
    assert "Webhook-Signature" not in receiver.received[0]["headers"], "chat webhooks are not signed"


def test_a_campaign_is_announced_when_it_starts_with_its_newest_link_to_share(app, admin, endpoint, receiver,
                                                                             make_link, announce):
    from server.library.campaigns import create_campaign

    endpoint("slack_channel", ["campaign.started"], language="en")
    with app.test_request_context():
        now = create_campaign(admin, name="Semaine de l'hydrogène", objective="Faire connaître Lyon",
                              hashtag="H2Lyon")
        later = create_campaign(admin, name="Salon de l'automne", starts_at=utcnow() + timedelta(hours=2))
    link = make_link(campaign_id=now.id)
    assert announce() == 1
    message = receiver.json()
    assert "A campaign starts: Semaine de l'hydrogène" in message["text"]
    assert "Faire connaître Lyon #H2Lyon" in message["blocks"][0]["text"]["text"]
    assert slack_button(message)["url"] == f"{BASE}/share/{link.id}"
    assert announce(seconds=3 * 3600) == 1, "the second campaign is announced when its start comes"
    assert "Salon de l'automne" in receiver.json()["text"]
    assert slack_button(receiver.json())["url"] == f"{BASE}/campaigns/{later.id}", "no link yet: its page"


def test_the_moderators_channel_hears_of_a_share_waiting_for_review(client, employee, ready, bearer, link, endpoint,
                                                                   receiver):
    endpoint("teams_channel", ["share.pending_review"], language="fr")
    ready(employee)
    headers = {**bearer(employee), "Idempotency-Key": "k-1"}
    body = {"link_id": link.id, "text": "Le rachat de notre filiale", "targets": [{"network": "linkedin"}]}
    assert client.post("/api/v1/shares", json=body, headers=headers).get_json()["state"] == "pending_review"
    card = teams_card(receiver.json())
    assert card["body"][0]["text"] == "Une publication attend une relecture"
    assert card["actions"][0]["url"] == f"{BASE}/review" and card["actions"][0]["title"] == "Relecture"
    assert "Camille" not in json.dumps(card)


def test_a_share_that_needs_no_review_is_not_told_to_the_moderators(client, employee, ready, bearer, link, endpoint,
                                                                     receiver):
    endpoint("slack_channel", ["share.pending_review"])
    ready(employee)
    body = {"link_id": link.id, "text": "Fier de notre site de Lyon", "targets": [{"network": "linkedin"}]}
    client.post("/api/v1/shares", json=body, headers={**bearer(employee), "Idempotency-Key": "k-2"})
    assert receiver.received == []


def test_a_link_meant_for_some_departments_is_not_announced_in_a_channel_but_reaches_the_signed_tool(
        app, endpoint, receiver, make_link, announce):
    from server.auth.models import Department

    endpoint("slack_channel", ["link.approved"], path="/slack")
    endpoint("signed", ["link.approved"], path="/tool")
    sales = Department.create(name="Ventes")
    make_link("https://acme-energie.example/news/tarifs", department_ids=[sales.id])
    announce()
    assert [r["path"] for r in receiver.received] == ["/tool"]
    assert receiver.json()["data"]["link"]["audience"] == "departments"


def test_a_large_import_does_not_flood_the_channel_but_the_signed_tool_hears_of_every_link(endpoint, receiver,
                                                                                             make_link, announce):
    from server.webhooks.sources import CHAT_LINKS

    endpoint("teams_channel", ["link.approved"], path="/teams")
    endpoint("signed", ["link.approved"], path="/tool")
    for n in range(CHAT_LINKS + 3):
        make_link(f"https://acme-energie.example/import/{n}")
    announce()
    paths = [r["path"] for r in receiver.received]
    assert paths.count("/teams") == CHAT_LINKS and paths.count("/tool") == CHAT_LINKS + 3
