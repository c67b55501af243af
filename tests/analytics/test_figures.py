"""Every number of the results pages checked against the constructed history of tests/analytics/conftest.py:
Camille (Ingénierie) opened LinkedIn and X composers for the campaign's link and posted through Mastodon a
link of no campaign; Sam (Ventes) opened LinkedIn for the campaign's link; Léa leads Ingénierie and did not
share. People clicked 12 times (visitors: 3 + 2 + 1 + 3 per day), a robot 3 times."""

import csv
import io

from server.db import database
from tests.analytics.conftest import PERSON, click, roll_up
from tests.conftest import sign_in_client


def page(client, user, path):
    sign_in_client(client, user)
    response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


def csv_rows(client, user, path):
    sign_in_client(client, user)
    response = client.get(path)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def overview(app, department_id=None):
    from server.analytics.figures import programme_overview
    from server.analytics.periods import period_from

    with app.test_request_context(), database.connection_context():
        return programme_overview(period_from(30), department_id)


def test_the_overview_counts_exactly_what_happened(app, world):
    o = overview(app)
    assert (o.totals.opened, o.totals.posted, o.totals.clicks, o.totals.visitor_days) == (3, 1, 12, 9)
    assert (o.staff, o.enrolled, o.sharers) == (5, 2, 2)
    assert (o.enrolled_percent, o.active_percent) == (40, 100)
    assert o.reach == 4 * 150
    assert o.emv_cents == 12 * 50 + 600 * 800 // 1000
    by_network = {network: (t.opened, t.posted, t.clicks) for network, t in o.by_network}
    assert by_network == {"linkedin": (2, 0, 9), "x": (1, 0, 2), "mastodon": (0, 1, 1)}
    by_department = {name: (t.opened, t.posted, t.clicks, t.visitor_days) for _id, name, t in o.by_department}
    assert by_department == {"Ingénierie": (2, 1, 8, 6), "Ventes": (1, 0, 4, 3)}
    by_campaign = {name: (t.shares, t.clicks) for _id, name, t in o.by_campaign}
    assert by_campaign == {"Hydrogène 2026": (3, 11), None: (1, 1)}
    assert [(name, t.clicks) for _id, name, t in o.top_links] == [(world.links["h2"].title, 11),
                                                                  (world.links["culture"].title, 1)]
    assert o.mix == [("product", 0, 0, 20), ("culture", 1, 25, 30), ("sector", 3, 75, 50)]
    today = o.period.end
    assert {day: t.clicks for day, t in o.series}[today] == 12
    assert sum(t.clicks for _day, t in o.series) == 12


def test_the_overview_page_says_opened_and_posted_and_shows_the_formula(client, world):
    text = page(client, world.people["max"], "/results")
    assert "shares opened" in text and "shares posted" in text and "visitor-days" in text
    assert "not a number of people" in text
    assert "€0.50 per click + €8.00 per 1,000 people reached" in text
    assert "<svg class=\"chart\"" in text and "<title>Clicks (bars) and shares (dots) per day</title>" in text


def test_one_department_only(app, client, world):
    ing = world.departments["Ingénierie"].id
    o = overview(app, ing)
    assert (o.totals.opened, o.totals.posted, o.totals.clicks) == (2, 1, 8)
    assert (o.staff, o.enrolled, o.sharers) == (2, 1, 1)
    assert o.by_department == []
    rows = csv_rows(client, world.people["max"], f"/results/networks.csv?period=30&department_id={ing}")
    assert rows[0] == ["Network", "Opened", "Posted", "Clicks", "Visitor-days"]
    assert sorted(rows[1:]) == [["LinkedIn", "1", "0", "5", "3"], ["Mastodon", "0", "1", "1", "1"],
                                ["X (Twitter)", "1", "0", "2", "2"]]


def test_the_campaign_report_against_its_targets(app, client, world):
    from server.analytics.campaigns import campaign_report

    with app.test_request_context(), database.connection_context():
        report = campaign_report(world.campaign)
    assert (report.shares, report.totals.opened, report.totals.posted, report.totals.clicks) == (2, 3, 0, 11)
    assert (report.shares_percent, report.clicks_percent) == (50, 110)
    assert (report.audience, report.enrolled, report.sharers, report.participation_percent) == (3, 2, 2, 67)
    rows = csv_rows(client, world.people["alice"], f"/results/campaigns/{world.campaign.id}/departments.csv")
    assert rows[0][:5] == ["Department", "Members", "Taking part", "Shared", "Participation (%)"]
    assert sorted(rows[1:]) == [["Ingénierie", "2", "1", "1", "50", "2", "0", "7", "5"],
                                ["Ventes", "1", "1", "1", "100", "1", "0", "4", "3"]]
    text = page(client, world.people["alice"], f"/results/campaigns/{world.campaign.id}")
    assert "Print this report" in text and '<progress value="2" max="4">' in text


def test_dashboards_read_rollups_not_clicks_so_new_clicks_wait_for_the_job(app, client, world):
    click(client, world.targets["sam_linkedin"], f"{PERSON} late")
    assert overview(app).totals.clicks == 12
    assert roll_up(app) == 1
    assert overview(app).totals.clicks == 13
    assert roll_up(app) == 0, "a second run finds nothing new"
    assert overview(app).totals.clicks == 13


def test_my_impact_page_and_api(client, world, bearer):
    camille = world.people["camille"]
    body = client.get("/api/v1/me/impact?period=7", headers=bearer(camille)).get_json()
    assert body["totals"] == {"opened": 2, "posted": 1, "clicks": 8, "visitor_days": 6}
    assert body["period_totals"] == body["totals"]
    assert (body["reach"], body["points"], body["balance"]) == (450, 30 + 8, 38)
    assert len(body["history"]) == 7 and body["history"][-1]["clicks"] == 8
    outcomes = sorted((t["network"], t["outcome"], t["clicks"]) for s in body["shares"] for t in s["targets"])
    assert outcomes == [("linkedin", "opened", 5), ("mastodon", "posted", 1), ("x", "opened", 2)]
    assert body["campaigns"] == [{"id": world.campaign.id, "name": "Hydrogène 2026", "shares": 2, "target_shares": 4,
                                  "clicks": 11, "target_clicks": 10}]
    text = page(client, camille, "/impact")
    assert "shares opened" in text and "shares posted" in text and "My campaigns: the team's progress" in text
    rows = csv_rows(client, camille, "/impact/shares.csv")
    assert sorted(row[2:] for row in rows[1:]) == [["LinkedIn", "Opened", "5", "3"], ["Mastodon", "Posted", "1", "1"],
                                                   ["X (Twitter)", "Opened", "2", "2"]]


def test_csv_cells_never_become_formulas(client, world, make_link):
    from server.library.models import Link

    Link.update(title="=HYPERLINK(\"http://evil.example\")").where(Link.id == world.links["h2"].id).execute()
    rows = csv_rows(client, world.people["alice"], "/results/links.csv")
    assert rows[1][0] == "'=HYPERLINK(\"http://evil.example\")"
