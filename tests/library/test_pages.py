"""The library's pages through the test client: the employee's "To share" and the curators' pages, with
readable refusals for bad input."""

import pytest

from server.library.interests import interests_named
from server.library.models import Campaign, Feed, KitCaption, Link, LinkStatus, UserInterest
from tests.conftest import csrf_token, sign_in_client


@pytest.fixture
def as_employee(client, employee):
    return sign_in_client(client, employee)


@pytest.fixture
def as_curator(client, curator):
    return sign_in_client(client, curator)


def post(client, path, data, page="/to-share", **kwargs):
    return client.post(path, data={"csrf_token": csrf_token(client, page), **data}, **kwargs)


def test_to_share_lists_previews_with_an_idea_and_the_reasons(as_employee, library, employee, in_request, curator):
    from server.library.kits import replace_kit

    link = library.add(title="Parc solaire de Lunel", description="120 MWc.", image_url="https://cdn.example.org/p.jpg",
                       department_ids=[employee.department_id], site_name="Acme Énergie")
    with in_request(curator):
        replace_kit(curator, link.id, [{"language": "en", "text": "Proud of this one."}])
    page = as_employee.get("/to-share").get_data(as_text=True)
    assert "Parc solaire de Lunel" in page and 'src="https://cdn.example.org/p.jpg"' in page
    assert "Proud of this one." in page and "For your department" in page and "Acme Énergie" in page
    assert 'href="/to-share"' in page and 'aria-current="page"' in page


def test_an_empty_library_says_so(as_employee):
    assert "Nothing to share right now." in as_employee.get("/to-share").get_data(as_text=True)


def test_searching_the_library_from_the_page(as_employee, library):
    library.add(title="Hydrogène vert")
    library.add(title="Éolien en mer")
    page = as_employee.get("/to-share?q=hydrogene").get_data(as_text=True)
    assert "Hydrogène vert" in page and "Éolien en mer" not in page and "1 result" in page
    assert "Nothing shareable matches" in as_employee.get("/to-share?q=nucleaire").get_data(as_text=True)


def test_an_employee_chooses_their_interests(as_employee, employee, app):
    with app.app_context():
        solar, wind = interests_named(["Solaire", "Éolien"])
    response = post(as_employee, "/to-share/interests", {"interest_ids": [str(solar.id)]})
    assert response.status_code == 302
    assert [row.interest_id for row in UserInterest.select()] == [solar.id]
    page = as_employee.get("/to-share").get_data(as_text=True)
    assert f'value="{solar.id}" checked' in page and f'value="{wind.id}" >' in page
    assert post(as_employee, "/to-share/interests", {}).status_code == 302
    assert UserInterest.select().count() == 0


def test_an_employee_proposes_a_link_from_the_page(as_employee):
    response = post(as_employee, "/to-share/propose", {"url": "https://www.unreachable.example/a", "note": "Super"},
                    follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Your proposal is in the approval queue" in page and "Waiting for approval" in page
    assert Link.get().proposal_note == "Super"


def test_a_bad_proposal_is_a_readable_page_keeping_what_was_typed(as_employee):
    response = post(as_employee, "/to-share/propose", {"url": "ftp://files.example.org/x", "note": "Ma note"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "Only http:// and https:// addresses are accepted." in page
    assert 'aria-invalid="true"' in page and "Ma note" in page and Link.select().count() == 0


def test_the_link_page_rotates_ideas(as_employee, library, in_request, curator):
    from server.library.kits import replace_kit

    link = library.add(title="Kit complet", language="en")
    with in_request(curator):
        replace_kit(curator, link.id, [{"language": "en", "text": f"Idea {n}"} for n in range(3)])
    first = as_employee.get(f"/to-share/{link.id}").get_data(as_text=True)
    second = as_employee.get(f"/to-share/{link.id}?turn=1").get_data(as_text=True)
    assert "of 3" in first and "Another idea" in first and f'href="/to-share/{link.id}?turn=1"' in first
    idea = next(text for text in ("Idea 0", "Idea 1", "Idea 2") if text in first)
    assert idea not in second


def test_an_employee_cannot_open_a_proposed_link_or_the_curators_pages(as_employee, library):
    link = library.add(status=LinkStatus.PROPOSED)
    assert as_employee.get(f"/to-share/{link.id}").status_code == 404
    for path in ("/admin/library/", "/admin/library/campaigns", "/admin/library/feeds", "/admin/library/mix"):
        assert as_employee.get(path).status_code == 403


@pytest.mark.parametrize("path", ["/admin/library/", "/admin/library/?status=proposed", "/admin/library/campaigns",
                                  "/admin/library/feeds", "/admin/library/import", "/admin/library/mix"])
def test_every_curator_page_renders_in_both_languages(as_curator, curator, path):
    for locale in ("en", "fr"):
        curator.locale = locale
        curator.save()
        response = as_curator.get(path)
        assert response.status_code == 200 and f'<html lang="{locale}">' in response.get_data(as_text=True)


def test_a_curator_adds_a_link_and_lands_on_its_preview(as_curator, local_site):
    response = post(as_curator, "/admin/library/", {"url": f"{local_site}/page", "category": "sector",
                                                    "approve": "on"}, page="/admin/library/", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "The link is added." in page and "Énergie : l’usine de Saint-Nazaire double sa production" in page
    assert "Preview fetched" in page and Link.get().status == LinkStatus.APPROVED


def test_adding_a_known_link_leads_to_it(as_curator, library):
    link = library.add("https://news.example.org/a")
    response = post(as_curator, "/admin/library/", {"url": "https://news.example.org/a#x", "category": "sector"},
                    page="/admin/library/")
    assert response.headers["Location"] == f"/admin/library/{link.id}"


def test_adding_a_bad_address_is_a_readable_page(as_curator):
    response = post(as_curator, "/admin/library/", {"url": "javascript:alert(1)", "category": "sector",
                                                    "approve": "on"}, page="/admin/library/")
    assert response.status_code == 422
    assert "Only http:// and https:// addresses are accepted." in response.get_data(as_text=True)


def test_a_curator_edits_targets_window_and_kit(as_curator, library, make_user, curator):
    sales = make_user(department="Ventes").department
    link = library.add(title="Avant")
    curator.timezone = "Europe/Paris"
    curator.save()
    response = post(as_curator, f"/admin/library/{link.id}", {
        "targets": "1", "title": "Après", "category": "culture", "tags": "usine, Lyon", "interests": "Hydrogène; RSE",
        "department_ids": [str(sales.id)], "campaign_id": "", "not_before": "2030-05-01T09:30", "not_after": "",
        "url": link.url, "language": "fr"}, page=f"/admin/library/{link.id}")
    assert response.status_code == 302, response.get_data(as_text=True)
    stored = Link.get_by_id(link.id)
    assert (stored.title, stored.category, stored.tags) == ("Après", "culture", ["usine", "Lyon"])
    assert str(stored.not_before) == "2030-05-01 07:30:00", "typed in Paris time, stored in UTC"
    page = as_curator.get(f"/admin/library/{link.id}").get_data(as_text=True)
    assert 'value="2030-05-01T09:30"' in page and f'value="{sales.id}" checked' in page
    kit = post(as_curator, f"/admin/library/{link.id}/kit", {
        "caption_language_0": "fr", "caption_text_0": "Première idée", "caption_language_1": "en",
        "caption_text_1": "", "image_url_0": "https://cdn.example.org/a.png", "image_alt_0": "Le site"},
        page=f"/admin/library/{link.id}")
    assert kit.status_code == 302 and [c.text for c in KitCaption.select()] == ["Première idée"]


def test_a_bad_edit_is_a_readable_page_and_changes_nothing(as_curator, library):
    link = library.add(title="Avant")
    response = post(as_curator, f"/admin/library/{link.id}", {
        "title": "Après", "not_before": "2030-05-02T09:30", "not_after": "2030-05-01T09:30"},
        page=f"/admin/library/{link.id}")
    assert response.status_code == 422
    assert "The end of the window comes before its start." in response.get_data(as_text=True)
    assert Link.get_by_id(link.id).title == "Avant"


def test_the_approval_queue_approves_and_declines(as_curator, library, employee):
    waiting = library.add(title="À valider", status=LinkStatus.PROPOSED, category=None, proposed_by=employee)
    declined = library.add(title="À refuser", status=LinkStatus.PROPOSED, proposed_by=employee)
    queue = as_curator.get("/admin/library/?status=proposed").get_data(as_text=True)
    assert "À valider" in queue and "proposed by Camille Durand" in queue
    refused = post(as_curator, f"/admin/library/{waiting.id}/approve", {"next": "queue"},
                   page="/admin/library/?status=proposed")
    assert refused.status_code == 422 and "Choose a category before approving" in refused.get_data(as_text=True)
    approved = post(as_curator, f"/admin/library/{waiting.id}/approve", {"next": "queue", "category": "sector"},
                    page="/admin/library/?status=proposed")
    assert approved.headers["Location"] == "/admin/library/?status=proposed"
    post(as_curator, f"/admin/library/{declined.id}/archive", {"reason": "Hors sujet"}, page="/admin/library/")
    assert {link.title: link.status for link in Link.select()} == {"À valider": "approved", "À refuser": "archived"}


def test_campaign_and_feed_pages_create_and_refuse_readably(as_curator, local_site):
    created = post(as_curator, "/admin/library/campaigns", {"targets": "1", "name": "Printemps", "hashtag": "#Vert",
                                                            "moderation": "terms", "starts_at": "2030-03-01T09:00"},
                   page="/admin/library/campaigns")
    assert created.status_code == 302 and Campaign.get().hashtag == "Vert"
    bad = post(as_curator, "/admin/library/campaigns", {"name": "Été", "hashtag": "deux mots"},
               page="/admin/library/campaigns")
    assert bad.status_code == 422 and "A hashtag is one word" in bad.get_data(as_text=True)
    feed = post(as_curator, "/admin/library/feeds", {"url": f"{local_site}/feeds/rss2.xml", "category": "sector"},
                page="/admin/library/feeds", follow_redirects=True)
    assert "2 items are waiting for approval" in feed.get_data(as_text=True) and Feed.select().count() == 1
