"""The share pages through the real HTTP stack (the browser tests drive the same pages in Chromium)."""

import re

from server.shares.models import Share
from tests.conftest import csrf_token, sign_in_client


def compose_form(client, link):
    page = client.get(f"/share/{link.id}").get_data(as_text=True)
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page).group(1)
    return page, {"csrf_token": csrf_token(client, f"/share/{link.id}"), "idempotency_key": key}


def test_taking_part_is_offered_first_and_is_voluntary(client, employee, charter, link):
    sign_in_client(client, employee)
    page = client.get(f"/share/{link.id}").get_data(as_text=True)
    assert "Taking part is your choice" in page and 'name="text"' not in page
    response = client.post("/participation", data={"csrf_token": csrf_token(client), "link_id": link.id})
    assert response.headers["Location"] == f"/share/{link.id}"
    page = client.get(f"/share/{link.id}").get_data(as_text=True)
    assert "I have read version 1 and I will follow it" in page and 'name="text"' not in page


def test_composing_shows_the_link_the_idea_and_the_networks(app, client, employee, ready, link, admin):
    from server.library.kits import replace_kit

    with app.test_request_context():
        replace_kit(admin, link.id, captions=[{"language": "fr", "text": "Une idée de légende"}])
    sign_in_client(client, ready(employee))
    page, _form = compose_form(client, link)
    assert "L&#39;hydrogène vert arrive à Lyon" in page
    assert "Une idée de légende" in page and "Start from this idea" in page
    assert page.count('name="network"') == 13
    assert "data-charter-check" in page


def test_a_blocked_text_comes_back_with_the_findings_and_the_text(client, employee, ready, link):
    sign_in_client(client, ready(employee))
    _page, form = compose_form(client, link)
    response = client.post(f"/share/{link.id}", data={**form, "text": "Voltaria c'est nul à chier",
                                                      "network": "linkedin"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "The charter blocks this text" in page and "nul à chier" in page
    assert "Voltaria c&#39;est nul à chier</textarea>" in page
    assert Share.select().count() == 0


def test_sharing_from_the_page_leads_to_the_share_with_its_composer_buttons(client, employee, ready, link):
    sign_in_client(client, ready(employee))
    _page, form = compose_form(client, link)
    response = client.post(f"/share/{link.id}", data={**form, "text": "Bravo à l'équipe de Lyon",
                                                      "network": ["linkedin", "whatsapp"]})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Open LinkedIn" in page and "https://www.linkedin.com/sharing/share-offsite/?url=" in page
    assert "Open WhatsApp" in page and "https://wa.me/?text=" in page
    assert "it is copied to your clipboard" in page
    # A double click sends the same form twice: still one share.
    again = client.post(f"/share/{link.id}", data={**form, "text": "Bravo à l'équipe de Lyon",
                                                   "network": ["linkedin", "whatsapp"]})
    assert again.headers["Location"] == response.headers["Location"] and Share.select().count() == 1


def test_a_form_without_network_is_explained(client, employee, ready, link):
    sign_in_client(client, ready(employee))
    _page, form = compose_form(client, link)
    response = client.post(f"/share/{link.id}", data={**form, "text": "Bravo"})
    assert response.status_code == 422
    assert "Choose at least one network." in response.get_data(as_text=True)


def test_the_review_queue_is_for_moderators(client, employee, ready, link, make_user):
    sign_in_client(client, ready(employee))
    _page, form = compose_form(client, link)
    client.post(f"/share/{link.id}", data={**form, "text": "Le plan social est annoncé", "network": "x"})
    assert client.get("/review").status_code == 403
    moderator_client = client.application.test_client()
    sign_in_client(moderator_client, make_user("moderator"))
    page = moderator_client.get("/review").get_data(as_text=True)
    assert "Le plan social est annoncé" in page and "Needs review" in page
    share = Share.get()
    refused = moderator_client.post(f"/review/{share.id}/reject", data={"csrf_token": csrf_token(moderator_client),
                                                                        "reason": ""})
    assert refused.status_code == 422 and Share.get().state == "pending_review"
    moderator_client.post(f"/review/{share.id}/approve", data={"csrf_token": csrf_token(moderator_client)})
    assert Share.get().state == "approved", "approved: the composer is ready to open"


def test_tracked_links_redirect_with_utm_and_count_people_not_robots(client, employee, ready, link):
    sign_in_client(client, ready(employee))
    _page, form = compose_form(client, link)
    client.post(f"/share/{link.id}", data={**form, "text": "Bravo", "network": "x"})
    from server.shares.models import ShareTarget
    from server.tracking.models import Click

    code = ShareTarget.get().code
    visitor = client.application.test_client()
    browser = {"User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"}
    response = visitor.get(f"/s/{code}", headers=browser)
    assert response.status_code == 302
    assert response.headers["Location"] == ("https://acme-energie.example/news/hydrogene-lyon?utm_source=x"
                                            "&utm_medium=employee_advocacy&utm_campaign=porte-voix")
    assert response.headers["Cache-Control"] == "private, no-store"
    visitor.get(f"/s/{code}", headers={"User-Agent": "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient)"})
    visitor.get(f"/s/{code}", headers={**browser, "Sec-Purpose": "prefetch"})
    visitor.head(f"/s/{code}", headers=browser)
    visitor.get(f"/s/{code}", headers=browser)
    clicks = list(Click.select())
    assert len(clicks) == 2 and len({c.visitor for c in clicks}) == 1
    assert all("127.0.0.1" not in c.visitor for c in clicks)
    assert visitor.get("/s/unknown-code").status_code == 404
    share_page = client.get(f"/shares/{ShareTarget.get().share_id}").get_data(as_text=True)
    assert "2 clicks" in share_page


def test_the_demo_has_a_shared_share_and_one_waiting_for_review(app):
    from server.demo import seed_demo
    from server.shares.models import ShareState

    with app.test_request_context():
        seed_demo()
        seed_demo()  # a second run adds nothing
    from server.auth.models import User

    leader = User.get(User.email == "leader@acme-energie.example")
    demo_shares = Share.select().where(Share.user == leader, Share.idempotency_key.in_(["demo-shared", "demo-review"]))
    assert sorted(s.state for s in demo_shares) == [ShareState.COMPLETED, ShareState.PENDING_REVIEW]


def test_the_review_page_leaves_a_moderators_own_share_to_someone_else(client, ready, link, make_user):
    moderator = ready(make_user("moderator"))
    sign_in_client(client, moderator)
    _page, form = compose_form(client, link)
    client.post(f"/share/{link.id}", data={**form, "text": "Le plan social est annoncé", "network": "x"})
    page = client.get("/review").get_data(as_text=True)
    assert "This is your own share: another moderator approves it." in page
    share = Share.get()
    assert f"/review/{share.id}/approve" not in page
    client.post(f"/review/{share.id}/approve", data={"csrf_token": csrf_token(client)})
    assert Share.get().state == "pending_review"
    other = client.application.test_client()
    sign_in_client(other, make_user("moderator", name="Inès Roux"))
    other.post(f"/review/{share.id}/approve", data={"csrf_token": csrf_token(other)})
    assert Share.get().state == "approved"
    history = client.get(f"/shares/{share.id}").get_data(as_text=True)
    assert "by Inès Roux" in history


def test_the_share_page_says_ready_then_opened_never_published(client, employee, ready, link):
    sign_in_client(client, ready(employee))
    _page, form = compose_form(client, link)
    client.post(f"/share/{link.id}", data={**form, "text": "Bravo", "network": "x"})
    share = Share.get()
    page = client.get(f"/shares/{share.id}").get_data(as_text=True)
    assert "Ready to share" in page and "Ready to open" in page and "Published" not in page
    client.post(f"/api/v1/shares/{share.id}/targets/x/opened", headers={"X-CSRFToken": csrf_token(client)})
    page = client.get(f"/shares/{share.id}").get_data(as_text=True)
    assert "Shared" in page and "Opened" in page and "Published" not in page
    assert "Shared" in client.get("/shares").get_data(as_text=True)
