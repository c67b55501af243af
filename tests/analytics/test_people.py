"""Leaders see their department only; an employee's figures appear to others only by their choice; points
are capped per day; points become donations; a leader relays a campaign to the team; conversions."""

import re
from urllib.parse import parse_qsl, urlsplit

from server.db import database
from tests.analytics.conftest import PERSON, click, roll_up
from tests.analytics.test_figures import csv_rows, page
from tests.conftest import csrf_token, sign_in_client


def choose(client, user, **choices):
    sign_in_client(client, user)
    form = {"csrf_token": csrf_token(client), **{k: "on" for k, v in choices.items() if v}}
    assert client.post("/account/figures", data=form).status_code == 302


def test_a_leader_sees_only_their_department(client, world):
    lea = world.people["lea"]
    ventes = world.departments["Ventes"].id
    text = page(client, lea, f"/results?department_id={ventes}")
    assert "Results · Ingénierie" in text
    assert "Ventes" not in text and "Sam Petit" not in text
    rows = csv_rows(client, lea, f"/results/networks.csv?department_id={ventes}")
    assert sum(int(row[3]) for row in rows[1:]) == 8, "Ingénierie's 8 clicks, never Ventes' 4"
    report = page(client, lea, f"/results/campaigns/{world.campaign.id}?department_id={ventes}")
    assert "Your department&#39;s part" in report or "Your department's part" in report
    rows = csv_rows(client, lea, f"/results/campaigns/{world.campaign.id}/departments.csv?department_id={ventes}")
    assert [row[0] for row in rows[1:]] == ["Ingénierie"]


def test_a_leader_sees_a_members_figures_only_if_they_chose_to_show_them(client, world):
    lea, camille = world.people["lea"], world.people["camille"]
    text = page(client, lea, "/team")
    assert "Camille Durand" not in text
    assert "2 members keep their figures to themselves." in text
    assert csv_rows(client, lea, "/team/members.csv")[1:] == []
    choose(client, camille, visible_to_team=True)
    rows = csv_rows(client, lea, "/team/members.csv")
    assert rows[1:] == [["Camille Durand", "Yes", "2", "1", "8", "6"]]


def test_the_leaderboard_exists_only_when_enabled_and_names_only_who_chose(app, client, world):
    from server.analytics.settings import save_analytics_settings

    camille, sam = world.people["camille"], world.people["sam"]
    assert "Leaderboard" not in page(client, sam, "/recognition")
    with app.app_context(), database.connection_context():
        save_analytics_settings({"leaderboard": True})
    text = page(client, sam, "/recognition")
    teams = re.findall(r'<th scope="row">([^<]+)</th><td class="number">([\d.,]+)</td>', text)
    assert teams[:2] == [("Ingénierie", "19"), ("Ventes", "14")], "per member: (Camille 38 + Léa 0) / 2; Sam 14"
    assert "Nobody has chosen to appear yet." in text
    choose(client, camille, on_leaderboard=True)
    text = page(client, sam, "/recognition")
    assert "Camille Durand (Ingénierie) · 38 points" in text and "Sam Petit (" not in text


def test_points_are_capped_per_day(app, client, world):
    from server.analytics.points import points_earned

    with app.app_context(), database.connection_context():
        before = points_earned(world.people["camille"].id)
    assert before == 30 + 8, "3 shares × 10 capped at 30; 8 clicks × 1"
    for n in range(30):
        click(client, world.targets["camille_x"], f"{PERSON} crowd {n}")
    roll_up(app)
    with app.app_context(), database.connection_context():
        assert points_earned(world.people["camille"].id) == 30 + 20, "clicks capped at 20 a day"


def test_points_become_donations_and_admins_export_what_to_pay(app, client, world):
    from server.analytics.models import Charity

    charity = Charity.create(name="Restos du Cœur")
    camille = world.people["camille"]
    sign_in_client(client, camille)
    form = {"csrf_token": csrf_token(client, "/recognition"), "charity_id": charity.id, "points": 30}
    assert client.post("/recognition/donations", data=form).status_code == 302
    assert "8 points" in page(client, camille, "/recognition")
    form["points"] = 9
    response = client.post("/recognition/donations", data=form, follow_redirects=True)
    assert "You do not have that many points." in response.get_data(as_text=True)
    assert "8 points" in response.get_data(as_text=True)
    from server.db import utcnow

    month = utcnow().strftime("%Y-%m")
    rows = csv_rows(client, world.people["alice"], f"/admin/results/donations.csv?month={month}")
    assert rows == [["Charity", "Donations", "Points", "Amount to pay (EUR)"], ["Restos du Cœur", "1", "30", "0.30"]]


def test_relaying_a_campaign_notifies_the_team_once_a_day(app, client, world):
    from server.notifications import Notification

    lea = world.people["lea"]
    sign_in_client(client, lea)
    url = f"/team/campaigns/{world.campaign.id}/relay"
    response = client.post(url, data={"csrf_token": csrf_token(client, "/team")}, follow_redirects=True)
    assert "Your team (1 person) has been told" in response.get_data(as_text=True)
    notices = list(Notification.select().where(Notification.kind == "campaign.relay"))
    assert [(n.user_id, n.url) for n in notices] == [(world.people["camille"].id, f"/campaigns/{world.campaign.id}")]
    assert notices[0].subject == "Léa Bernard invites you to take part in “Hydrogène 2026”"
    again = client.post(url, data={"csrf_token": csrf_token(client, "/team")}, follow_redirects=True)
    assert "already relayed" in again.get_data(as_text=True)
    assert Notification.select().where(Notification.kind == "campaign.relay").count() == 1
    assert "Faire connaître le site de Lyon" in page(client, world.people["camille"], f"/campaigns/{world.campaign.id}")


def test_a_leader_cannot_relay_a_campaign_that_does_not_speak_to_their_team(app, client, world, admin):
    from server.library.campaigns import create_campaign

    with app.test_request_context():
        other = create_campaign(admin, department_ids=[world.departments["Ventes"].id], name="Salon Ventes")
    sign_in_client(client, world.people["lea"])
    response = client.post(f"/team/campaigns/{other.id}/relay", data={"csrf_token": csrf_token(client, "/team")})
    assert response.status_code == 404
    assert client.get(f"/results/campaigns/{other.id}").status_code == 404


def test_conversions_with_a_signed_token_from_the_tracked_link(app, client, world, share_link):
    from server.analytics.settings import save_analytics_settings

    target = world.targets["sam_linkedin"]
    location = client.get(f"/s/{target.code}", headers={"User-Agent": PERSON}).headers["Location"]
    assert "pv_ref" not in location
    refused = client.post("/api/v1/conversions", json={"token": "x", "kind": "signup"})
    assert refused.status_code == 403
    with app.app_context(), database.connection_context():
        save_analytics_settings({"conversions": True})
    other = share_link(world.people["sam"], world.links["culture"]).targets[0]  # not in the redirect's cache yet
    token = dict(parse_qsl(urlsplit(client.get(f"/s/{other.code}", headers={"User-Agent": PERSON})
                                    .headers["Location"]).query))["pv_ref"]
    assert other.code in __import__("base64").urlsafe_b64decode(token.split(".")[0] + "==").decode()
    assert client.post("/api/v1/conversions", json={"token": token, "kind": "signup"}).status_code == 201
    forged = client.post("/api/v1/conversions", json={"token": token[:-2] + "xx", "kind": "signup"})
    assert forged.status_code == 422 and forged.get_json()["error"]["fields"]["token"]
    from server.analytics.figures import conversions_count

    with app.app_context(), database.connection_context():
        assert conversions_count() == 1


def test_the_settings_page_saves_values_and_refuses_a_mix_that_does_not_add_up(client, world):
    alice = world.people["alice"]
    sign_in_client(client, alice)
    form = {"csrf_token": csrf_token(client, "/admin/results"), "click_value_cents": "100", "cpm_cents": "500",
            "points_per_share": "5", "share_points_daily_cap": "10", "points_per_click": "2",
            "click_points_daily_cap": "10", "points_per_euro": "50", "mix_product": "30", "mix_culture": "30",
            "mix_sector": "30"}
    response = client.post("/admin/results", data=form)
    assert response.status_code == 422
    assert "must add up to 100" in response.get_data(as_text=True)
    form["mix_sector"] = "40"
    assert client.post("/admin/results", data=form).status_code == 302
    text = page(client, alice, "/results")
    assert "€1.00 per click + €5.00 per 1,000 people reached" in text
    assert "€15.00" in text, "12 clicks × €1 + 600 reached × €5 / 1,000"
    with client.application.app_context():
        from server.library.mix import content_mix

        assert [(line.category, line.target) for line in content_mix()["links"].lines] == [
            ("product", 30), ("culture", 30), ("sector", 40)], "the library's mix chart aims at the same target"


def test_the_account_export_holds_my_points_and_choices(client, world):
    camille = world.people["camille"]
    choose(client, camille, on_leaderboard=True)
    exported = client.get("/account/export.json").get_json()["results"]
    assert exported["on_leaderboard"] is True and exported["visible_to_team"] is False
    assert sorted((row["kind"], row["points"]) for row in exported["points"]) == [("clicks", 8), ("shares", 30)]
