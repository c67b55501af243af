"""The demo company's library: realistic, bilingual, ready at once, and built without any network."""

import pytest

from server.library.models import Campaign, Feed, KitCaption, Link, LinkStatus


def no_network(host, port):
    raise AssertionError(f"the demo must not fetch anything (asked for {host})")


@pytest.mark.parametrize("app_config", [{"OUTBOUND_RESOLVER": no_network}])
def test_the_demo_library_is_seeded_once_without_the_network(app):
    from server.demo import seed_demo

    with app.test_request_context():
        seed_demo()
        seed_demo()
    approved = Link.select().where(Link.status == LinkStatus.APPROVED)
    assert approved.count() == 15
    assert {link.category for link in approved} == {"product", "culture", "sector"}
    assert {link.language for link in approved} == {"fr", "en"}
    assert all(link.title and link.description and link.preview_status == "manual" for link in approved)
    assert KitCaption.select().count() >= 15
    campaign = Campaign.get()
    assert campaign.hashtag == "TransitionAcme" and campaign.links.count() == 4
    assert Feed.get().last_error is None
    waiting = Link.get(Link.status == LinkStatus.PROPOSED)
    assert waiting.proposed_by.name == "Camille Durand" and waiting.proposal_note


def test_each_demo_employee_gets_a_list(app, client):
    from server.auth.models import User
    from server.demo import seed_demo
    from tests.conftest import sign_in_client

    with app.test_request_context():
        seed_demo()
    for email in ("camille@acme-energie.example", "tom@acme-energie.example"):
        page = sign_in_client(app.test_client(), User.get(User.email == email)).get("/to-share")
        assert page.status_code == 200 and page.get_data(as_text=True).count('class="link-card"') >= 10
