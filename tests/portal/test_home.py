"""The home page is the employee's feed: running campaigns for them, suggestions, their impact, what waits."""

from datetime import timedelta

from server.db import utcnow
from tests.conftest import sign_in_client


def _campaign(app, admin, name, department=None, **fields):
    from server.library.models import Campaign, CampaignDepartment

    campaign = Campaign.create(name=name, created_by=admin, **fields)
    if department is not None:
        CampaignDepartment.create(campaign=campaign, department=department)
    return campaign


def test_the_feed_shows_the_campaigns_running_for_the_employee_only(app, client, employee, ready, admin, make_user):
    ready(employee)
    now = utcnow()
    _campaign(app, admin, "Semaine de l'hydrogène", objective="Faire connaître nos stations",
              starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=6), target_shares=40)
    _campaign(app, admin, "Salon Vivatech", department=make_user(department="Ventes").department)
    _campaign(app, admin, "Bilan 2025", starts_at=now - timedelta(days=40), ends_at=now - timedelta(days=10))
    sign_in_client(client, employee)
    page = client.get("/").get_data(as_text=True)
    assert "Running campaigns" in page and "Semaine de l&#39;hydrogène" in page and "0 of 40 shares" in page
    assert "Salon Vivatech" not in page, "for another department"
    assert "Bilan 2025" not in page, "ended"


def test_the_feed_suggests_links_with_a_share_button(client, employee, ready, link):
    sign_in_client(client, ready(employee))
    page = client.get("/").get_data(as_text=True)
    assert "New for you to share" in page and "L&#39;hydrogène vert arrive à Lyon" in page
    assert f'href="/share/{link.id}"' in page


def test_the_feed_says_what_waits_refused_share_first_then_the_new_charter(app, client, employee, ready, link,
                                                                         make_user, publish_charter):
    from server.shares.pipeline import reject_share, submit_share

    ready(employee)
    with app.test_request_context():
        share, _created = submit_share(employee, link_id=link.id, text="Le plan social est annoncé",
                                       targets=[{"network": "linkedin", "method": "intent"}], idempotency_key="k1")
        reject_share(make_user("moderator"), share.id, "Pas de rumeurs sur l'emploi")
    publish_charter(text={"fr": "Nouveau.", "en": "New."})
    sign_in_client(client, employee)
    page = client.get("/").get_data(as_text=True)
    assert "Waiting for you" in page
    refused = page.index("Not approved: edit it and submit it again")
    charter = page.index("Our charter changed since version 1")
    assert "Pas de rumeurs sur l&#39;emploi" in page and f'href="/shares/{share.id}"' in page
    assert charter < refused, "the charter first: nothing can be shared before it is read"
    assert 'href="/charter"' in page


def test_the_feed_shows_the_employees_own_recent_impact(app, client, employee, ready, link):
    from server.analytics.rollups import roll_up
    from server.shares.pipeline import submit_share
    from server.shares.publishing import mark_opened

    ready(employee)
    with app.test_request_context():
        share, _created = submit_share(employee, link_id=link.id, text="Bravo Lyon",
                                       targets=[{"network": "linkedin", "method": "intent"}], idempotency_key="k2")
        mark_opened(employee, share.id, "linkedin")
        roll_up()
    sign_in_client(client, employee)
    page = client.get("/").get_data(as_text=True)
    assert "Your recent impact" in page
    assert "shares since you started" in page and "share in the last 30 days" in page


def test_a_newcomer_sees_no_waiting_list_but_something_to_share(client, employee, charter, link):
    sign_in_client(client, employee)
    page = client.get("/").get_data(as_text=True)
    assert "Waiting for you" not in page and "New for you to share" in page
    assert "Your first share will show here" in page
