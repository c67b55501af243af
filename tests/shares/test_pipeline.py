"""Submitting shares: the charter decides on the server, reviews, idempotency, intents."""

import threading
from urllib.parse import parse_qs, urlsplit

import pytest

from server.db import database
from server.notifications import Notification
from server.shares.models import Share, ShareEvent, ShareTarget


def submit(client, headers, link, text, targets=(("linkedin", "intent"),), key="k-1", **extra):
    body = {"link_id": link.id, "text": text, "targets": [{"network": n, "method": m} for n, m in targets], **extra}
    return client.post("/api/v1/shares", json=body, headers={**headers, "Idempotency-Key": key})


@pytest.fixture
def alice(employee, ready, bearer):
    ready(employee)
    return bearer(employee)


def test_an_ok_share_by_intent_is_ready_to_open_with_its_tracked_link(client, alice, link):
    text = "Fière de voir notre projet hydrogène avancer à Lyon ! https://acme-energie.example/news/hydrogene-lyon?utm_source=x"
    response = submit(client, alice, link, text, targets=[("linkedin", "intent"), ("x", "intent")])
    assert response.status_code == 201, response.get_json()
    share = response.get_json()
    assert share["state"] == "approved" and share["verdict"] == "ok" and share["charter_version"] == 1
    assert [t["state"] for t in share["targets"]] == ["ready", "ready"], "nobody opened a composer yet"
    by_network = {t["network"]: t for t in share["targets"]}
    tracked = by_network["x"]["tracked_url"]
    assert tracked.startswith("http://localhost/s/")
    assert by_network["x"]["posted_text"] == f"Fière de voir notre projet hydrogène avancer à Lyon ! {tracked}"
    x_url = urlsplit(by_network["x"]["intent_url"])
    assert x_url.netloc == "x.com" and parse_qs(x_url.query)["text"] == [by_network["x"]["posted_text"]]
    linkedin = urlsplit(by_network["linkedin"]["intent_url"])
    assert parse_qs(linkedin.query) == {"url": [by_network["linkedin"]["tracked_url"]]}
    assert by_network["linkedin"]["copy_text"] == by_network["linkedin"]["posted_text"], "LinkedIn needs the copy"
    history = [(e.to_state, e.target_id is not None) for e in ShareEvent.select().order_by(ShareEvent.id)]
    assert history == [("checked", False), ("approved", False), ("ready", True), ("ready", True)]


def test_an_intent_share_is_shared_once_every_composer_was_opened(client, alice, link):
    share = submit(client, alice, link, "Bravo à l'équipe de Lyon", targets=[("linkedin", "intent"),
                                                                           ("x", "intent")]).get_json()
    first = client.post(f"/api/v1/shares/{share['id']}/targets/linkedin/opened", headers=alice).get_json()
    assert first["state"] == "approved"
    assert {t["network"]: t["state"] for t in first["targets"]} == {"linkedin": "opened", "x": "ready"}
    assert first["targets"][0]["opened_at"] is not None
    again = client.post(f"/api/v1/shares/{share['id']}/targets/linkedin/opened", headers=alice).get_json()
    assert again["targets"][0]["opened_at"] == first["targets"][0]["opened_at"], "opening again changes nothing"
    done = client.post(f"/api/v1/shares/{share['id']}/targets/x/opened", headers=alice).get_json()
    assert done["state"] == "completed" and {t["state"] for t in done["targets"]} == {"opened"}
    assert [e["to_state"] for e in done["events"] if e["network"] is None] == ["checked", "approved", "completed"]
    assert [(e["network"], e["to_state"]) for e in done["events"] if e["network"]] == [
        ("linkedin", "ready"), ("x", "ready"), ("linkedin", "opened"), ("x", "opened")]
    assert client.post(f"/api/v1/shares/{share['id']}/targets/facebook/opened", headers=alice).status_code == 404


def test_a_blocked_share_is_refused_with_findings_and_nothing_is_stored(client, alice, link):
    response = submit(client, alice, link, "Franchement Voltaria c'est nul à chier")
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "share_blocked" and error["verdict"] == "block"
    rules = {f["rule"] for f in error["findings"]}
    assert "banned_term" in rules and "competitor" in rules
    banned = next(f for f in error["findings"] if f["rule"] == "banned_term")
    assert "Franchement Voltaria c'est nul à chier"[banned["start"]:banned["end"]] == "nul à chier"
    assert Share.select().count() == 0 and ShareTarget.select().count() == 0


def test_a_share_needing_review_waits_and_the_author_hears_the_outcome(app, client, alice, link, make_user, bearer):
    response = submit(client, alice, link, "Le rachat de notre filiale est une bonne nouvelle")
    share = response.get_json()
    assert response.status_code == 201 and share["state"] == "pending_review"
    assert all(t["intent_url"] is None for t in share["targets"]), "nothing goes out before the review"
    moderator = bearer(make_user("moderator"))
    queue = client.get("/api/v1/reviews", headers=moderator).get_json()
    assert [item["id"] for item in queue] == [share["id"]] and queue[0]["author"]["name"] == "Camille Durand"

    refused = client.post(f"/api/v1/reviews/{share['id']}/reject", json={"reason": "Pas avant l'annonce officielle"},
                          headers=moderator)
    assert refused.get_json()["state"] == "rejected"
    notice = Notification.get(Notification.kind == "share.rejected")
    assert notice.kind == "share.rejected" and "Pas avant l'annonce officielle" in notice.body

    again = client.post(f"/api/v1/shares/{share['id']}/resubmit", json={"text": "Le rachat est annoncé, bravo"},
                        headers=alice)
    assert again.get_json()["state"] == "pending_review"
    approved = client.post(f"/api/v1/reviews/{share['id']}/approve", json={}, headers=moderator)
    assert approved.get_json()["state"] == "approved"
    assert approved.get_json()["targets"][0]["intent_url"]
    assert Notification.select().where(Notification.kind == "share.approved").count() == 1


def test_an_employee_cannot_review(client, alice):
    assert client.get("/api/v1/reviews", headers=alice).status_code == 403
    assert client.post("/api/v1/reviews/1/approve", json={}, headers=alice).status_code == 403


def test_a_campaign_reviewing_every_share_holds_even_ok_shares(app, client, alice, make_link, admin):
    from server.library.campaigns import create_campaign

    with app.test_request_context():
        campaign = create_campaign(admin, name="Salon 2027", moderation="every_share", hashtag="Salon2027")
    link = make_link(campaign_id=campaign.id)
    share = submit(client, alice, link, "Rendez-vous au salon #Salon2027").get_json()
    assert share["state"] == "pending_review" and share["verdict"] == "ok"


def test_the_campaign_hashtag_is_required(app, client, alice, make_link, admin):
    from server.library.campaigns import create_campaign

    with app.test_request_context():
        campaign = create_campaign(admin, name="Salon 2027", hashtag="Salon2027")
    share = submit(client, alice, make_link(campaign_id=campaign.id), "Rendez-vous au salon").get_json()
    assert share["verdict"] == "warn" and any(f["rule"] == "hashtag_required" for f in share["findings"])


def test_sharing_needs_participation_and_the_charter(client, employee, bearer, charter, link):
    headers = bearer(employee)
    refused = submit(client, headers, link, "Bonjour")
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "not_participating"
    client.put("/api/v1/participation", headers=headers)
    refused = submit(client, headers, link, "Bonjour")
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "charter_acknowledgement_required"
    assert Share.select().count() == 0


def test_a_repeated_submit_returns_the_same_share(client, alice, link):
    first = submit(client, alice, link, "Une belle avancée !", key="same")
    second = submit(client, alice, link, "Une belle avancée !", key="same")
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.get_json()["id"] == second.get_json()["id"] and Share.select().count() == 1
    reused = submit(client, alice, link, "Un autre texte", key="same")
    assert reused.status_code == 422 and reused.get_json()["error"]["code"] == "idempotency_key_reused"


def test_two_concurrent_submits_with_one_key_make_one_share_and_one_post(app, alice, link, fake_mastodon, employee,
                                                                        mastodon_account):
    mastodon_account(employee)
    body = {"link_id": link.id, "text": "Notre site de Lyon passe à l'hydrogène",
            "targets": [{"network": "mastodon", "method": "api"}]}
    answers = []

    def send():
        try:
            answers.append(app.test_client().post("/api/v1/shares", json=body,
                                                  headers={**alice, "Idempotency-Key": "double-click"}))
        finally:
            database.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(a.status_code for a in answers) == [200, 201]
    assert len({a.get_json()["id"] for a in answers}) == 1
    assert Share.select().count() == 1
    assert len(fake_mastodon.posts) == 1, "one share, one post"
    assert ShareTarget.get().state == "posted"


@pytest.mark.parametrize("body, field", [
    ({"targets": []}, "targets"),
    ({"targets": [{"network": "myspace"}]}, "targets"),
    ({"targets": [{"network": "x", "method": "api"}]}, "targets"),
    ({"targets": [{"network": "mastodon"}]}, "targets"),
    ({"targets": [{"network": "mastodon", "instance": "https://social.example/@me"}]}, "targets"),
    ({"text": ""}, "text"),
    ({"scheduled_for": "2030-01-01T09:00:00+01:00"}, "scheduled_for"),
    ({"scheduled_for": "demain"}, "scheduled_for"),
])
def test_bad_shares_are_refused_naming_the_field(client, alice, link, body, field):
    payload = {"link_id": link.id, "text": "Bonjour", "targets": [{"network": "linkedin"}], **body}
    response = client.post("/api/v1/shares", json=payload, headers={**alice, "Idempotency-Key": "bad"})
    assert response.status_code == 422, response.get_json()
    assert field in response.get_json()["error"]["fields"]
    assert Share.select().count() == 0


def test_a_share_without_idempotency_key_is_refused(client, alice, link):
    response = client.post("/api/v1/shares", json={"link_id": link.id, "text": "Bonjour",
                                                   "targets": [{"network": "x"}]}, headers=alice)
    assert response.status_code == 422 and "Idempotency-Key" in response.get_json()["error"]["fields"]


def test_expired_and_unknown_links_are_explained(app, client, alice, make_link):
    from datetime import datetime

    expired = make_link(not_after=datetime(2020, 1, 1))
    response = submit(client, alice, expired, "Bonjour")
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "link_expired"
    response = client.post("/api/v1/shares", json={"link_id": 9999, "text": "Bonjour", "targets": [{"network": "x"}]},
                           headers={**alice, "Idempotency-Key": "z"})
    assert response.status_code == 404


def test_cancel_before_anything_went_out(client, alice, link):
    share = submit(client, alice, link, "Le rachat est une chance").get_json()
    cancelled = client.post(f"/api/v1/shares/{share['id']}/cancel", headers=alice)
    assert cancelled.get_json()["state"] == "cancelled"
    ready = submit(client, alice, link, "Bravo à l'équipe", key="k-2").get_json()
    assert ready["state"] == "approved", "the composer is ready but nobody opened it"
    client.post(f"/api/v1/shares/{ready['id']}/targets/linkedin/opened", headers=alice)
    refused = client.post(f"/api/v1/shares/{ready['id']}/cancel", headers=alice)
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "invalid_state"
    not_yet = submit(client, alice, link, "Bravo encore", key="k-3").get_json()
    cancelled = client.post(f"/api/v1/shares/{not_yet['id']}/cancel", headers=alice).get_json()
    assert cancelled["state"] == "cancelled" and [t["state"] for t in cancelled["targets"]] == ["cancelled"]


def test_someone_elses_share_is_not_found(client, alice, link, make_user, bearer, ready):
    share = submit(client, alice, link, "Bravo").get_json()
    other = bearer(ready(make_user()))
    assert client.get(f"/api/v1/shares/{share['id']}", headers=other).status_code == 404
    assert client.post(f"/api/v1/shares/{share['id']}/cancel", headers=other).status_code == 404



def test_a_moderator_cannot_approve_their_own_share_and_someone_else_does(client, make_user, ready, bearer, link):
    moderator = ready(make_user("moderator", name="Maxime Morel"))
    mine = bearer(moderator)
    share = submit(client, mine, link, "Le rachat de notre filiale est une bonne nouvelle").get_json()
    assert share["state"] == "pending_review"
    [item] = client.get("/api/v1/reviews", headers=mine).get_json()
    assert item["own"] is True
    refused = client.post(f"/api/v1/reviews/{share['id']}/approve", json={}, headers=mine)
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "own_share"
    assert Share.get_by_id(share["id"]).state == "pending_review"

    colleague = make_user("moderator", name="Inès Roux")
    approved = client.post(f"/api/v1/reviews/{share['id']}/approve", json={"note": "OK"},
                           headers=bearer(colleague)).get_json()
    assert approved["state"] == "approved"
    review = next(e for e in approved["events"] if e["to_state"] == "approved")
    assert (review["actor_id"], review["actor_name"], review["note"]) == (colleague.id, "Inès Roux", "OK")
    assert Share.get_by_id(share["id"]).reviewed_by_id == colleague.id


@pytest.mark.parametrize("app_config", [{"SELF_APPROVAL": True}])
def test_a_small_team_may_let_moderators_approve_their_own_shares(client, make_user, ready, bearer, link):
    moderator = ready(make_user("moderator"))
    mine = bearer(moderator)
    share = submit(client, mine, link, "Le rachat de notre filiale est une bonne nouvelle").get_json()
    approved = client.post(f"/api/v1/reviews/{share['id']}/approve", json={}, headers=mine)
    assert approved.status_code == 200 and approved.get_json()["state"] == "approved"
