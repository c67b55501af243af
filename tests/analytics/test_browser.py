"""The results pages in Chromium, in English and French, on a desk and at a phone's 375 px: the charts are
drawn, the tables hold the numbers, a table downloads as CSV, a leader relays a campaign."""

import os

import pytest

from tests.conftest import browser_sign_in

SIZES = {"desk": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}


@pytest.fixture
def open_as(browser, live_server, world):
    contexts = []

    def open_page(who, path, locale="en-GB", size="desk"):
        context = browser.new_context(locale=locale, viewport=SIZES[size], accept_downloads=True)
        contexts.append(context)
        browser_sign_in(context, live_server, world.people[who])
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(f"{live_server.url}{path}")
        return page

    yield open_page
    for context in contexts:
        context.close()


def fits_the_width(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_the_overview_in_english_and_french_and_on_a_phone(open_as, artifacts):
    page = open_as("max", "/results?period=7")
    assert page.locator("h1").inner_text() == "Results"
    assert page.locator("svg.chart rect.chart-bar").count() >= 7
    assert page.locator("svg.chart title").first.text_content() == "Clicks (bars) and shares (dots) per day"
    networks = page.locator("#table-networks + div table, section[aria-labelledby=table-networks] table")
    assert "LinkedIn" in networks.inner_text()
    with page.expect_download() as download:
        page.locator("section[aria-labelledby=table-departments] a[download]").click()
    assert download.value.suggested_filename.startswith("results-departments-")
    page.screenshot(path=os.path.join(artifacts, "results-overview-en.png"), full_page=True)

    page = open_as("max", "/results?period=7", locale="fr-FR")
    assert page.locator("h1").inner_text() == "Résultats"
    assert "partages ouverts" in page.content() and "visiteurs-jours" in page.content()
    page.screenshot(path=os.path.join(artifacts, "results-overview-fr.png"), full_page=True)

    page = open_as("max", "/results?period=7", size="phone")
    assert fits_the_width(page)
    page.screenshot(path=os.path.join(artifacts, "results-overview-phone.png"), full_page=True)
    page.locator("section[aria-labelledby=charts-title]").screenshot(path=os.path.join(artifacts,
                                                                                      "results-charts-phone.png"))


def test_the_campaign_report(open_as, artifacts, world):
    page = open_as("alice", f"/results/campaigns/{world.campaign.id}")
    assert page.locator("progress").first.get_attribute("value") == "2"
    assert page.get_by_role("button", name="Print this report").is_visible()
    page.screenshot(path=os.path.join(artifacts, "results-campaign-en.png"), full_page=True)
    page = open_as("alice", f"/results/campaigns/{world.campaign.id}", locale="fr-FR", size="phone")
    assert "Bilan de campagne" in page.content()
    assert fits_the_width(page)
    page.screenshot(path=os.path.join(artifacts, "results-campaign-fr-phone.png"), full_page=True)


def test_my_impact_on_a_phone_in_both_languages(open_as, artifacts):
    for locale, heading in (("en-GB", "My impact"), ("fr-FR", "Mon impact")):
        page = open_as("camille", "/impact", locale=locale, size="phone")
        assert page.locator("h1").inner_text() == heading
        assert page.locator(".figure-value").first.inner_text() == "2"
        assert fits_the_width(page)
        page.screenshot(path=os.path.join(artifacts, f"impact-phone-{locale[:2]}.png"), full_page=True)


def test_a_leader_relays_a_campaign_to_the_team(open_as, artifacts):
    page = open_as("lea", "/team")
    page.get_by_role("button", name="Relay to my team").click()
    assert "has been told about" in page.locator(".flash").inner_text()
    page.screenshot(path=os.path.join(artifacts, "team-en.png"), full_page=True)
    page = open_as("lea", "/team", locale="fr-FR", size="phone")
    assert page.get_by_role("button", name="Relayer à mon équipe").is_visible()
    assert fits_the_width(page)
    page.screenshot(path=os.path.join(artifacts, "team-fr-phone.png"), full_page=True)


def test_points_giving_and_the_settings(open_as, artifacts, app):
    from server.analytics.models import Charity

    Charity.create(name="Restos du Cœur", description="Repas et accompagnement")
    page = open_as("camille", "/recognition")
    page.get_by_label("Points to give").fill("20")
    page.get_by_role("button", name="Give").click()
    assert "20 points go to Restos du Cœur" in page.locator(".flash").inner_text()
    page.screenshot(path=os.path.join(artifacts, "recognition-en.png"), full_page=True)
    page = open_as("alice", "/admin/results", locale="fr-FR")
    assert "Valeur média gagnée" in page.content()
    page.screenshot(path=os.path.join(artifacts, "results-settings-fr.png"), full_page=True)
    page = open_as("camille", "/account", size="phone")
    page.get_by_label("My leader and my team may see my figures").check()
    page.get_by_role("button", name="Save my choice").click()
    assert page.get_by_label("My leader and my team may see my figures").is_checked()
    page.screenshot(path=os.path.join(artifacts, "account-figures-phone.png"), full_page=True)
