"""What the share pipeline asks of the library (may this link be shared now?) and the content mix."""

from datetime import timedelta

import pytest

from server.db import utcnow
from server.errors import NotFound
from server.library import share_sources
from server.library.mix import content_mix, mix_of
from server.library.models import LinkStatus
from server.library.refusals import LinkEmbargoed, LinkExpired, LinkNotApproved
from server.library.sharing import link_for_sharing
from tests.conftest import sign_in_client


@pytest.fixture
def no_share_sources(monkeypatch):
    monkeypatch.setattr(share_sources, "_sources", {"shared_links": None, "share_mix": None, "share_endpoint": None})


def test_a_valid_approved_link_comes_back_with_its_campaign(library, employee, in_request, curator):
    from server.library.campaigns import create_campaign

    with in_request(curator):
        campaign = create_campaign(curator, name="Printemps", hashtag="Printemps25", moderation="every_share")
    link = library.add(campaign_id=campaign.id)
    with in_request(employee):
        found = link_for_sharing(link.id, employee)
    assert found.id == link.id and found.campaign.hashtag == "Printemps25"
    assert found.campaign.moderation == "every_share"


@pytest.mark.parametrize("fields, error, message", [
    ({"status": LinkStatus.PROPOSED}, LinkNotApproved, "This link is not (or no longer) approved for sharing."),
    ({"not_before": utcnow() + timedelta(days=1)}, LinkEmbargoed, "This link can be shared from "),
    ({"not_after": utcnow() - timedelta(days=1)}, LinkExpired, "This link could be shared until "),
])
def test_a_link_that_cannot_be_shared_now_says_why(library, employee, in_request, fields, error, message):
    link = library.add(**fields)
    with in_request(employee), pytest.raises(error) as raised:
        link_for_sharing(link.id, employee)
    assert str(raised.value.message).startswith(message) and raised.value.status == 409
    assert raised.value.code in ("link_not_approved", "link_embargoed", "link_expired")


def test_an_unknown_link_is_not_found(employee, in_request):
    with in_request(employee), pytest.raises(NotFound):
        link_for_sharing(12345, employee)


def test_the_window_dates_are_shown_in_the_readers_time_zone(library, employee, in_request):
    link = library.add(not_before=utcnow().replace(year=2099, month=1, day=1, hour=8, minute=0, second=0,
                                                   microsecond=0))
    employee.timezone = "Europe/Paris"
    with in_request(employee), pytest.raises(LinkEmbargoed) as raised:
        link_for_sharing(link.id, employee)
    assert "9:00" in str(raised.value.message) or "09:00" in str(raised.value.message)


def test_percentages_add_up_to_a_hundred_and_say_how_far_from_the_target():
    usual = {"product": 20, "culture": 30, "sector": 50}  # explicit: no database in this test
    mix = mix_of({"product": 1, "culture": 1, "sector": 1, None: 2}, target=usual)
    assert [line.percent for line in mix.lines] == [34, 33, 33] and mix.total == 3 and mix.uncategorised == 2
    assert [(line.category, line.target, line.gap, line.on_target) for line in mix.lines] == [
        ("product", 20, 14, False), ("culture", 30, 3, True), ("sector", 50, -17, False)]
    assert [line.percent for line in mix_of({}, target=usual).lines] == [0, 0, 0]


def test_the_mix_counts_links_shareable_now_and_shares_when_the_pipeline_tells(library, no_share_sources, app):
    for category in ("product", "sector", "sector", "sector"):
        library.add(category=category)
    library.add(category="culture", status=LinkStatus.PROPOSED)
    library.add(category="culture", not_after=utcnow() - timedelta(days=1))
    with app.app_context():
        mix = content_mix()
        assert mix["shares"] is None
        assert [(line.category, line.count, line.percent) for line in mix["links"].lines] == [
            ("product", 1, 25), ("culture", 0, 0), ("sector", 3, 75)]
        share_sources.register_share_mix_source(lambda: {"product": 2, "culture": 3, "sector": 5})
        assert [line.percent for line in content_mix()["shares"].lines] == [20, 30, 50]


def test_the_mix_page_is_a_readable_chart_with_the_numbers_in_text(client, curator, library, no_share_sources):
    library.add(category="sector")
    sign_in_client(client, curator)
    page = client.get("/admin/library/mix").get_data(as_text=True)
    assert "Share figures are not available yet." in page
    assert '<meter min="0" max="100"' in page and "100 %" in page and "50 %" in page
    share_sources.register_share_mix_source(lambda: {"product": 1, "culture": 1, "sector": 2})
    page = client.get("/admin/library/mix").get_data(as_text=True)
    assert "Share figures are not available yet." not in page and page.count("<meter") == 6


def test_the_mix_api(client, curator, bearer, library, no_share_sources):
    library.add(category="culture")
    body = client.get("/api/v1/content-mix", headers=bearer(curator)).get_json()
    assert body["shares"] is None and body["links"]["total"] == 1
    assert body["links"]["lines"][1] == {"category": "culture", "count": 1, "percent": 100, "target": 30, "gap": 70,
                                         "on_target": False}


def test_the_share_button_leads_to_the_registered_compose_page(client, employee, library, no_share_sources, app):
    link = library.add(title="À partager")
    sign_in_client(client, employee)
    assert "Share</a>" not in client.get("/to-share").get_data(as_text=True)
    share_sources.register_share_endpoint("library.link_page", "link_id")  # any endpoint taking the link's id
    assert f'href="/to-share/{link.id}" role="button" class="small">Share</a>' in client.get("/to-share").get_data(
        as_text=True)
