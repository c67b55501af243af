"""A campaign's daily cap and sharing hours, in the employee's own time zone."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from server.shares.models import Share

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def alice(employee, ready, bearer):
    ready(employee)
    return bearer(employee)


@pytest.fixture
def campaign_link(app, admin, make_link):
    from server.library.campaigns import create_campaign

    def make(**limits):
        with app.test_request_context():
            campaign = create_campaign(admin, name=f"Campagne {sorted(limits)}", **limits)
        return make_link(campaign_id=campaign.id)

    return make


def share(client, headers, link, key, method="intent", network="linkedin"):
    return client.post("/api/v1/shares", json={"link_id": link.id, "text": "Bravo à toute l'équipe",
                                               "targets": [{"network": network, "method": method}]},
                       headers={**headers, "Idempotency-Key": key})


def test_the_daily_cap_counts_the_days_shares_of_the_campaign(client, alice, campaign_link):
    link = campaign_link(daily_share_cap=2)
    with time_machine.travel(datetime(2027, 3, 2, 9, 0, tzinfo=PARIS)):
        assert share(client, alice, link, "a").status_code == 201
        assert share(client, alice, link, "b").status_code == 201
        refused = share(client, alice, link, "c")
        assert refused.status_code == 422 and refused.get_json()["error"]["code"] == "share_cap_reached"
    with time_machine.travel(datetime(2027, 3, 3, 0, 30, tzinfo=PARIS)):  # a new day where Camille lives
        assert share(client, alice, link, "d").status_code == 201
    assert Share.select().count() == 3


def test_outside_sharing_hours_a_composer_share_is_refused_with_the_hours(client, alice, campaign_link):
    link = campaign_link(sharing_hours_start="08:00", sharing_hours_end="20:00")
    with time_machine.travel(datetime(2027, 3, 2, 22, 15, tzinfo=PARIS)):
        refused = share(client, alice, link, "late")
    error = refused.get_json()["error"]
    assert refused.status_code == 422 and error["code"] == "outside_sharing_hours"
    assert "08:00" in error["message"] and "20:00" in error["message"]
    with time_machine.travel(datetime(2027, 3, 2, 8, 0, tzinfo=PARIS)):
        assert share(client, alice, link, "early").status_code == 201


def test_outside_sharing_hours_a_post_through_an_account_waits_for_the_opening(
        client, alice, employee, campaign_link, mastodon_account, fake_mastodon):
    mastodon_account(employee)
    link = campaign_link(sharing_hours_start="08:00", sharing_hours_end="20:00")
    with time_machine.travel(datetime(2027, 3, 2, 22, 15, tzinfo=PARIS)):
        answer = share(client, alice, link, "night", method="api", network="mastodon").get_json()
    assert answer["state"] == "approved" and fake_mastodon.posts == []
    assert answer["scheduled_for"] == "2027-03-03T07:00:00+00:00"  # 08:00 in Paris


def test_campaign_hours_are_validated(client, admin, bearer):
    headers = bearer(admin)
    bad = client.post("/api/v1/campaigns", json={"name": "X", "sharing_hours_start": "25:00",
                                                 "sharing_hours_end": "08:00"}, headers=headers)
    assert bad.status_code == 422 and "sharing_hours_start" in bad.get_json()["error"]["fields"]
    half = client.post("/api/v1/campaigns", json={"name": "Y", "sharing_hours_start": "08:00"}, headers=headers)
    assert half.status_code == 422 and "sharing_hours_end" in half.get_json()["error"]["fields"]
    good = client.post("/api/v1/campaigns", json={"name": "Z", "sharing_hours_start": "08:00",
                                                  "sharing_hours_end": "19:30", "daily_share_cap": 3}, headers=headers)
    assert good.status_code == 201 and good.get_json()["daily_share_cap"] == 3
