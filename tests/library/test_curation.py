"""Curating links: canonical addresses stored once, previews fetched in the background through the hardened
fetcher, failures kept readable, approval rules, targets, windows, roles."""

from datetime import timedelta

import pytest
from playhouse.test_utils import assert_query_count, count_queries

from server.db import utcnow
from server.library.links import add_link, update_link
from server.library.models import Link, LinkStatus, PreviewStatus
from server.library.refusals import AlreadyInLibrary
from tests.conftest import csrf_token, sign_in_client


def error_of(response):
    body = response.get_json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fields"}, body
    return body["error"]


@pytest.fixture
def curator_headers(curator, bearer):
    return bearer(curator)


def test_an_address_is_stored_once_under_its_canonical_form(library):
    link = library.add("HTTPS://News.Example.org:443/energie/lyon?utm_source=x&id=4&fbclid=abc#top")
    assert link.url == "https://news.example.org/energie/lyon?id=4"
    with pytest.raises(AlreadyInLibrary):
        library.add("https://news.example.org/energie/lyon?id=4&gclid=zz")
    assert Link.select().count() == 1


def test_adding_through_the_api_fetches_the_preview_in_the_background(client, curator_headers, local_site):
    response = client.post("/api/v1/links", json={"url": f"{local_site}/page?utm_campaign=spring",
                                                   "category": "sector"}, headers=curator_headers)
    assert response.status_code == 201, response.get_json()
    link = response.get_json()
    assert link["url"] == f"{local_site}/page" and link["status"] == "approved"
    assert link["title"] == "Énergie : l’usine de Saint-Nazaire double sa production"
    assert link["site_name"] == "Le Quotidien de l'Ouest" and link["language"] == "fr-FR"
    assert link["image_url"].endswith("/images/2025/03/usine-1200x630.jpg")
    assert link["preview"]["status"] == "fetched" and link["approved_by"]["name"] == "Mehdi Benali"


def test_the_fetch_fills_only_empty_fields(library, local_site):
    link = library.add(f"{local_site}/page", title="Notre usine double sa production", fetch_preview=True)
    assert link.title == "Notre usine double sa production"
    assert link.description.startswith("Trois ans après son ouverture")


def test_the_pages_own_canonical_address_finds_the_link_too(client, library, local_site, employee, bearer):
    library.add(f"{local_site}/page", fetch_preview=True)
    canonical = "https://www.quotidien-ouest.example/economie/2025/03/14/usine-saint-nazaire.html?utm_source=rss"
    answer = client.get("/api/v1/links/lookup", query_string={"url": canonical}, headers=bearer(employee)).get_json()
    assert answer["approved"] is True and answer["shareable"] is True


@pytest.mark.parametrize("path, code, words", [
    ("/image", "bad_content_type", "does not serve what was expected"),
    ("/status/404", "http_status", "answered with an error"),
    ("/redirect?to=http://10.0.0.1/admin", "blocked_address", "not on the public internet"),
])
def test_a_failed_fetch_keeps_the_link_with_a_readable_error(client, curator_headers, local_site, path, code,
                                                             words):
    response = client.post("/api/v1/links", json={"url": local_site + path, "approve": False},
                           headers=curator_headers)
    assert response.status_code == 201
    preview = response.get_json()["preview"]
    assert preview["status"] == "failed" and preview["error_code"] == code and words in preview["error"]
    link_id = response.get_json()["id"]
    approved = client.post(f"/api/v1/links/{link_id}/approve", json={"category": "product", "title": "By hand"},
                           headers=curator_headers)
    assert approved.status_code == 200 and approved.get_json()["status"] == "approved"
    assert approved.get_json()["title"] == "By hand"


def test_an_unreachable_host_is_a_readable_error_not_a_hang(library):
    link = library.add("https://www.unreachable.example/news", fetch_preview=True)
    assert link.preview_status == PreviewStatus.FAILED and link.preview_error_code == "unreachable"


def test_fetching_again_after_a_failure(client, curator_headers, library, local_site):
    link = library.add(local_site + "/status/500", fetch_preview=True)
    assert link.preview_status == PreviewStatus.FAILED
    Link.update(url=f"{local_site}/page").where(Link.id == link.id).execute()
    response = client.post(f"/api/v1/links/{link.id}/preview", headers=curator_headers)
    assert response.status_code == 202 and response.get_json()["preview"]["status"] == "fetched"
    assert response.get_json()["preview"]["error"] is None


@pytest.mark.parametrize("url, message", [
    ("ftp://files.example.org/a", "Only http:// and https:// addresses are accepted."),
    ("news.example.org/a", "The address must start with http:// or https://."),
    ("https://user:secret@example.org/", "Addresses containing a user name or password are refused."),
    ("   ", "Enter an address."),
    ("https://exa mple.org/", "This is not a valid web address."),
])
def test_invalid_addresses_are_422_naming_the_field_and_store_nothing(client, curator_headers, url, message):
    response = client.post("/api/v1/links", json={"url": url, "category": "sector"}, headers=curator_headers)
    assert response.status_code == 422
    assert error_of(response)["fields"]["url"] == [message]
    assert Link.select().count() == 0


def test_a_known_address_is_a_409_naming_the_url(client, curator_headers, library):
    library.add("https://news.example.org/a")
    response = client.post("/api/v1/links", json={"url": "https://NEWS.example.org/a?utm_medium=x",
                                                  "category": "sector"}, headers=curator_headers)
    assert response.status_code == 409
    assert error_of(response) == {"code": "already_in_library", "message": "This address is already in the library.",
                                  "fields": {"url": ["This address is already in the library."]}}


@pytest.mark.parametrize("body, field", [
    ({"url": "https://a.example.org/", "category": "ads"}, "category"),
    ({"url": "https://a.example.org/"}, "category"),  # approving needs a category
    ({"url": "https://a.example.org/", "category": "sector", "language": "français!"}, "language"),
    ({"url": "https://a.example.org/", "category": "sector", "not_before": "tomorrow"}, "not_before"),
    ({"url": "https://a.example.org/", "category": "sector", "not_before": "2025-03-02T00:00:00Z",
      "not_after": "2025-03-01T00:00:00Z"}, "not_after"),
    ({"url": "https://a.example.org/", "category": "sector", "department_ids": [999]}, "department_ids"),
    ({"url": "https://a.example.org/", "category": "sector", "campaign_id": 999}, "campaign_id"),
    ({"url": "https://a.example.org/", "category": "sector", "tags": ["x" * 101]}, "tags"),
    ({"url": "https://a.example.org/", "category": "sector", "image_url": "javascript:alert(1)"}, "image_url"),
    ({"url": "https://a.example.org/", "category": "sector", "status": "approved"}, "status"),
])
def test_bad_fields_are_422_naming_the_field_and_store_nothing(client, curator_headers, body, field):
    response = client.post("/api/v1/links", json=body, headers=curator_headers)
    assert response.status_code == 422, response.get_json()
    assert field in error_of(response)["fields"]
    assert Link.select().count() == 0


def test_an_edit_that_fails_leaves_the_link_as_it_was(client, curator_headers, library, in_request, curator):
    link = library.add(title="Avant", tags=["a"])
    response = client.patch(f"/api/v1/links/{link.id}", json={"title": "Après", "department_ids": [404]},
                            headers=curator_headers)
    assert response.status_code == 422
    stored = Link.get_by_id(link.id)
    assert stored.title == "Avant" and stored.tags == ["a"]


def test_targets_campaign_and_window_are_edited_and_shown(client, curator_headers, library, make_user):
    sales = make_user(department="Ventes").department
    campaign = client.post("/api/v1/campaigns", json={"name": "Printemps", "hashtag": "#Printemps2025"},
                           headers=curator_headers).get_json()
    link = library.add()
    response = client.patch(f"/api/v1/links/{link.id}", json={
        "department_ids": [sales.id], "interests": ["Hydrogène", "hydrogène", "Solaire"], "campaign_id": campaign["id"],
        "not_before": "2030-01-01T09:00:00+01:00", "tags": ["usine", " usine ", "Lyon"]}, headers=curator_headers)
    body = response.get_json()
    assert response.status_code == 200, body
    assert [d["name"] for d in body["departments"]] == ["Ventes"]
    assert [i["name"] for i in body["interests"]] == ["Hydrogène", "Solaire"]
    assert body["campaign"] == {"id": campaign["id"], "name": "Printemps", "hashtag": "Printemps2025",
                                "moderation": "none"}
    assert body["not_before"] == "2030-01-01T08:00:00+00:00" and body["validity"] == "embargoed"
    assert body["tags"] == ["usine", "Lyon"]


def test_employees_read_the_library_but_do_not_curate(client, employee, bearer, library):
    link = library.add()
    headers = bearer(employee)
    assert client.get("/api/v1/links", headers=headers).status_code == 403
    assert client.post("/api/v1/links", json={"url": "https://x.example.org/"}, headers=headers).status_code == 403
    assert client.patch(f"/api/v1/links/{link.id}", json={"title": "x"}, headers=headers).status_code == 403
    assert client.get(f"/api/v1/library/{link.id}", headers=headers).get_json()["title"] == link.title


def test_only_administrators_delete(client, curator_headers, admin, bearer, library):
    link = library.add()
    assert client.delete(f"/api/v1/links/{link.id}", headers=curator_headers).status_code == 403
    assert client.delete(f"/api/v1/links/{link.id}", headers=bearer(admin)).status_code == 204
    assert Link.select().count() == 0


def test_archiving_takes_a_link_out_of_the_library(client, curator_headers, library, employee, bearer):
    link = library.add()
    archived = client.post(f"/api/v1/links/{link.id}/archive", json={}, headers=curator_headers).get_json()
    assert archived["status"] == "archived"
    assert client.get(f"/api/v1/library/{link.id}", headers=bearer(employee)).status_code == 404
    assert client.get("/api/v1/library", headers=bearer(employee)).get_json() == []


def test_the_curators_list_filters_and_searches(client, curator_headers, library, in_request, curator):
    library.add(title="Hydrogène vert à Dunkerque", category="product")
    library.add(title="Les énergies marines", category="sector")
    library.add(title="Hydrogen in Germany", category="sector", status=LinkStatus.PROPOSED)

    def titles(**query):
        response = client.get("/api/v1/links", query_string=query, headers=curator_headers)
        return sorted(link["title"] for link in response.get_json()), int(response.headers["X-Total-Count"])

    assert titles(q="hydrogene") == (["Hydrogène vert à Dunkerque"], 1)
    assert titles(q="hydro") == (["Hydrogen in Germany", "Hydrogène vert à Dunkerque"], 2)
    assert titles(status="proposed") == (["Hydrogen in Germany"], 1)
    assert titles(category="sector", status="approved") == (["Les énergies marines"], 1)
    assert titles(q="marin énergie") == (["Les énergies marines"], 1)


def test_the_curators_list_costs_the_same_queries_for_3_or_30_links(client, curator_headers, library, make_user):
    sales = make_user(department="Ventes").department

    def fill(count):
        for _ in range(count):
            link = library.add(interests=["Solaire"], department_ids=[sales.id], proposed_by=None)
            with_kit(link)

    def with_kit(link):
        from server.library.kits import replace_kit

        replace_kit(None, link.id, [{"language": "fr", "text": "Idée"}])

    fill(3)
    client.get("/api/v1/me", headers=curator_headers)  # the token's first use is recorded once: not a list cost
    with count_queries() as few:
        assert len(client.get("/api/v1/links", headers=curator_headers).get_json()) == 3
    fill(27)
    with assert_query_count(few.count):
        assert len(client.get("/api/v1/links", headers=curator_headers).get_json()) == 30


def test_the_library_search_costs_the_same_queries_for_3_or_30_links(client, employee, bearer, library):
    headers = bearer(employee)
    for _ in range(3):
        library.add(title="Parc solaire")
    client.get("/api/v1/me", headers=headers)  # the token's first use is recorded once: not a list cost
    with count_queries() as few:
        assert len(client.get("/api/v1/library", query_string={"q": "solaire"}, headers=headers).get_json()) == 3
    for _ in range(27):
        library.add(title="Parc solaire")
    with assert_query_count(few.count):
        assert len(client.get("/api/v1/library", query_string={"q": "solaire", "limit": 50},
                              headers=headers).get_json()) == 30


def test_lookup_answers_for_any_spelling_and_says_why_not(client, employee, bearer, library, in_request, curator):
    headers = bearer(employee)
    library.add("https://news.example.org/ok")
    library.add("https://news.example.org/later", not_before=utcnow() + timedelta(days=2))
    library.add("https://news.example.org/waiting", status=LinkStatus.PROPOSED)

    def lookup(url):
        return client.get("/api/v1/links/lookup", query_string={"url": url}, headers=headers).get_json()

    ok = lookup("https://NEWS.example.org/ok?utm_source=linkedin#comments")
    assert (ok["url"], ok["approved"], ok["shareable"], ok["validity"]) == ("https://news.example.org/ok", True,
                                                                             True, "valid")
    assert ok["link"]["title"].startswith("Article")
    later = lookup("https://news.example.org/later")
    assert (later["approved"], later["shareable"], later["validity"]) == (True, False, "embargoed")
    waiting = lookup("https://news.example.org/waiting")
    assert (waiting["known"], waiting["approved"], waiting["proposed"], waiting["link"]) == (True, False, True, None)
    assert lookup("https://elsewhere.example.org/")["known"] is False
    bad = client.get("/api/v1/links/lookup", query_string={"url": "javascript:alert(1)"}, headers=headers)
    assert bad.status_code == 422 and "url" in error_of(bad)["fields"]
    missing = client.get("/api/v1/links/lookup", headers=headers)
    assert missing.status_code == 422 and "url" in error_of(missing)["fields"]


def test_update_through_the_service_keeps_the_search_index_in_step(library, in_request, curator):
    from server.library.listing import search_links

    link = library.add(title="Éolien en mer")
    with in_request(curator):
        update_link(curator, link.id, title="Hydrogène vert")
    assert search_links(q="eolien")[1] == 0
    assert search_links(q="hydrogene")[1] == 1


def test_add_link_rolls_back_everything_when_a_target_is_unknown(in_request, curator):
    from server.errors import InvalidInput

    with in_request(curator), pytest.raises(InvalidInput):
        add_link(curator, "https://a.example.org/", category="sector", fetch_preview=False, department_ids=[12345],
                 interests=["Nouveau"])
    assert Link.select().count() == 0


def test_csrf_is_required_for_session_calls(client, curator, library):
    sign_in_client(client, curator)
    assert client.post("/api/v1/links", json={"url": "https://a.example.org/", "category": "sector"}).status_code == 400
    token = csrf_token(client)
    response = client.post("/api/v1/links", json={"url": "https://a.example.org/", "category": "sector",
                                                  "fetch_preview": False, "title": "A"}, headers={"X-CSRFToken": token})
    assert response.status_code == 201
