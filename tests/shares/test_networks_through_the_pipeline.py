"""Each API network end to end through the pipeline: connect, post, and reconcile after an uncertain outcome."""

from urllib.parse import urlsplit

import pytest

from server.shares.models import ShareTarget
from tests.conftest import sign_in_client


@pytest.fixture
def app_config(app_config):
    return {**app_config, "NETWORK_TIMEOUT": (2, 1)}


@pytest.fixture
def alice(employee, ready, bearer):
    ready(employee)
    return bearer(employee)


def connect_by_oauth(client, user, fake, network):
    sign_in_client(client, user)
    start = client.get(f"/accounts/connect/{network}").headers["Location"]
    callback = urlsplit(fake.approve(start))
    assert client.get(f"{callback.path}?{callback.query}").status_code == 302


def share_via_api(client, headers, link, network, text="Bravo à l'équipe de Lyon & merci #Hydrogène"):
    body = {"link_id": link.id, "text": text, "targets": [{"network": network, "method": "api"}]}
    return client.post("/api/v1/shares", json=body, headers={**headers, "Idempotency-Key": f"{network}-1"}).get_json()


def test_x_posts_the_text_with_its_tracked_link(client, alice, employee, link, fake_x):
    connect_by_oauth(client, employee, fake_x, "x")
    share = share_via_api(client, alice, link, "x")
    target = share["targets"][0]
    assert share["state"] == "completed"
    assert target["external_url"].endswith("/marie_dupont/status/" + fake_x.posts[0]["id"])
    [request] = fake_x.requests_to("/2/tweets", method="POST")
    assert request.json == {"text": f"Bravo à l'équipe de Lyon & merci #Hydrogène\n\n{target['tracked_url']}"}


def test_x_after_an_uncertain_outcome_finds_the_post_in_the_timeline(client, alice, employee, link, fake_x):
    connect_by_oauth(client, employee, fake_x, "x")
    fake_x.delay_next("/2/tweets", 2)
    share = share_via_api(client, alice, link, "x")
    assert share["state"] == "completed" and len(fake_x.posts) == 1
    assert ShareTarget.get().external_id == fake_x.posts[0]["id"]


def test_linkedin_posts_an_article_and_a_repeat_is_recognised(client, alice, employee, link, fake_linkedin):
    connect_by_oauth(client, employee, fake_linkedin, "linkedin")
    fake_linkedin.delay_next("/rest/posts", 2)  # created, answer lost: LinkedIn cannot list our posts
    share = share_via_api(client, alice, link, "linkedin")
    assert share["state"] == "completed" and len(fake_linkedin.posts) == 1
    first, second = fake_linkedin.requests_to("/rest/posts", method="POST")
    assert first.header("X-Restli-Protocol-Version") == "2.0.0" and first.header("LinkedIn-Version")
    assert first.json["content"]["article"]["source"] == share["targets"][0]["tracked_url"]
    assert second.json == first.json, "posted again identically; LinkedIn names the earlier post"
    assert ShareTarget.get().external_id == fake_linkedin.posts[0]["urn"]


def test_bluesky_posts_with_a_link_facet_in_utf8_bytes(client, alice, employee, link, fake_bluesky):
    sign_in_client(client, employee)
    from tests.conftest import csrf_token

    client.post("/accounts/connect/bluesky", data={"identifier": "marie.bsky.social",
                                                   "app_password": "abcd-efgh-ijkl-mnop",
                                                   "csrf_token": csrf_token(client, "/accounts")})
    share = share_via_api(client, alice, link, "bluesky",
                          text="Énergie 🚀 à Lyon : https://acme-energie.example/news/hydrogene-lyon")
    assert share["state"] == "completed"
    record = fake_bluesky.posts[0]["record"]
    tracked = share["targets"][0]["tracked_url"]
    assert record["text"] == f"Énergie 🚀 à Lyon : {tracked}", "the approved URL became the tracked link"
    link_facet = next(f for f in record["facets"] if f["features"][0]["$type"].endswith("#link"))
    start = len("Énergie 🚀 à Lyon : ".encode())
    assert link_facet["index"] == {"byteStart": start, "byteEnd": start + len(tracked.encode())}
    assert record["embed"]["external"]["uri"] == tracked
