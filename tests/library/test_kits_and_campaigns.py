"""Ready-to-post kits (rotating caption ideas, images) and campaigns (hashtag, dates, audience, moderation)."""

import pytest

from server.library.kits import idea_index
from server.library.models import Campaign, KitCaption, Link


@pytest.fixture
def headers(curator, bearer):
    return bearer(curator)


def put_kit(client, headers, link_id, captions=(), images=()):
    return client.put(f"/api/v1/links/{link_id}/kit", json={"captions": list(captions), "images": list(images)},
                      headers=headers)


def test_a_kit_is_replaced_whole_and_read_back_in_order(client, headers, library):
    link = library.add()
    captions = [{"language": "fr", "text": "Une"}, {"language": "en-gb", "text": "Two"}]
    response = put_kit(client, headers, link.id, captions,
                       [{"url": "https://cdn.example.org/a.png?utm_source=x", "alt": "Le parc"}])
    assert response.status_code == 200
    assert response.get_json() == {
        "captions": [{"language": "fr", "text": "Une"}, {"language": "en-GB", "text": "Two"}],
        "images": [{"url": "https://cdn.example.org/a.png", "alt": "Le parc"}]}
    put_kit(client, headers, link.id, [{"language": "fr", "text": "Seule"}])
    assert client.get(f"/api/v1/links/{link.id}/kit", headers=headers).get_json() == {
        "captions": [{"language": "fr", "text": "Seule"}], "images": []}


@pytest.mark.parametrize("captions, images, field", [
    ([{"language": "fr"}], [], "captions"),
    ([{"language": "klingon!", "text": "x"}], [], "captions"),
    ([{"language": "fr", "text": "x" * 3001}], [], "captions"),
    ([{"language": "fr", "text": "x"}] * 21, [], "captions"),
    ([], [{"url": "data:image/png;base64,AAAA"}], "images"),
    ([], [{"alt": "no address"}], "images"),
])
def test_a_bad_kit_is_422_and_keeps_the_old_one(client, headers, library, captions, images, field):
    link = library.add()
    put_kit(client, headers, link.id, [{"language": "fr", "text": "Ancienne"}])
    response = put_kit(client, headers, link.id, captions, images)
    assert response.status_code == 422 and field in response.get_json()["error"]["fields"]
    assert [c.text for c in KitCaption.select()] == ["Ancienne"]


def test_colleagues_start_on_different_ideas_and_each_can_ask_for_another(client, headers, library, make_user,
                                                                          bearer):
    link = library.add(language="fr")
    put_kit(client, headers, link.id, [{"language": "fr", "text": f"Idée {n}"} for n in range(4)])
    colleagues = [make_user(locale="fr") for _ in range(4)]
    first = [client.get(f"/api/v1/library/{link.id}/idea", headers=bearer(person)).get_json() for person in colleagues]
    assert sorted(idea["caption"]["text"] for idea in first) == ["Idée 0", "Idée 1", "Idée 2", "Idée 3"]
    one = bearer(colleagues[0])
    seen = [client.get(f"/api/v1/library/{link.id}/idea", query_string={"turn": turn}, headers=one).get_json()
            for turn in range(5)]
    assert len({idea["caption"]["text"] for idea in seen[:4]}) == 4 and seen[4]["caption"] == seen[0]["caption"]
    assert seen[0]["next_turn"] == 1 and seen[0]["idea_count"] == 4


def test_ideas_fall_back_to_the_links_language_then_to_any(library, client, headers, make_user, bearer):
    link = library.add(language="fr")
    put_kit(client, headers, link.id, [{"language": "fr", "text": "En français"}])
    english_reader = bearer(make_user(locale="en"))
    assert client.get(f"/api/v1/library/{link.id}/idea", headers=english_reader).get_json()["caption"]["text"] == \
        "En français"
    empty = library.add()
    assert client.get(f"/api/v1/library/{empty.id}/idea", headers=english_reader).get_json()["caption"] is None


def test_the_rotation_spreads_consecutive_people_over_every_idea():
    assert sorted(idea_index(user_id, 42, 5) for user_id in range(100, 105)) == [0, 1, 2, 3, 4]
    assert idea_index(7, 42, 0) is None


def test_a_campaign_keeps_its_hashtag_dates_targets_audience_and_moderation(client, headers, make_user):
    sales = make_user(department="Ventes").department
    response = client.post("/api/v1/campaigns", json={
        "name": "Semaine de la transition", "objective": "Faire connaître nos projets.", "hashtag": "#TransitionAcme",
        "starts_at": "2030-03-01T09:00:00+01:00", "ends_at": "2030-03-08T18:00:00+01:00", "target_shares": 300,
        "target_clicks": 2000, "moderation": "every_share", "department_ids": [sales.id]}, headers=headers)
    assert response.status_code == 201, response.get_json()
    campaign = response.get_json()
    assert campaign["hashtag"] == "TransitionAcme" and campaign["starts_at"] == "2030-03-01T08:00:00+00:00"
    assert campaign["moderation"] == "every_share" and [d["name"] for d in campaign["departments"]] == ["Ventes"]
    assert campaign["active"] is False and campaign["link_count"] == 0
    stored = Campaign.get()
    assert (stored.hashtag, stored.moderation, stored.target_shares) == ("TransitionAcme", "every_share", 300)


@pytest.mark.parametrize("body, field", [
    ({"name": ""}, "name"),
    ({"name": "X", "hashtag": "#deux mots"}, "hashtag"),
    ({"name": "X", "hashtag": "#"}, None),  # an empty hashtag is no hashtag
    ({"name": "X", "moderation": "sometimes"}, "moderation"),
    ({"name": "X", "target_shares": -1}, "target_shares"),
    ({"name": "X", "starts_at": "2030-03-02T00:00:00Z", "ends_at": "2030-03-01T00:00:00Z"}, "ends_at"),
    ({"name": "X", "department_ids": [404]}, "department_ids"),
])
def test_bad_campaigns_are_422_naming_the_field(client, headers, body, field):
    response = client.post("/api/v1/campaigns", json=body, headers=headers)
    if field is None:
        assert response.status_code == 201 and response.get_json()["hashtag"] is None
        return
    assert response.status_code == 422 and field in response.get_json()["error"]["fields"], response.get_json()
    assert Campaign.select().count() == 0


def test_editing_a_campaign_and_its_name_is_unique(client, headers):
    first = client.post("/api/v1/campaigns", json={"name": "Printemps"}, headers=headers).get_json()
    client.post("/api/v1/campaigns", json={"name": "Été"}, headers=headers)
    edited = client.patch(f"/api/v1/campaigns/{first['id']}", json={"hashtag": "Printemps25", "moderation": "terms"},
                          headers=headers).get_json()
    assert (edited["name"], edited["hashtag"], edited["moderation"]) == ("Printemps", "Printemps25", "terms")
    clash = client.patch(f"/api/v1/campaigns/{first['id']}", json={"name": "Été"}, headers=headers)
    assert clash.status_code == 409


def test_deleting_a_campaign_keeps_its_links(client, headers, library, admin, bearer):
    campaign = client.post("/api/v1/campaigns", json={"name": "Printemps"}, headers=headers).get_json()
    link = library.add(campaign_id=campaign["id"])
    assert client.delete(f"/api/v1/campaigns/{campaign['id']}", headers=headers).status_code == 403
    assert client.delete(f"/api/v1/campaigns/{campaign['id']}", headers=bearer(admin)).status_code == 204
    assert Link.get_by_id(link.id).campaign is None


def test_employees_do_not_manage_campaigns(client, employee, bearer):
    assert client.post("/api/v1/campaigns", json={"name": "X"}, headers=bearer(employee)).status_code == 403
