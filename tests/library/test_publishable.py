"""The library cannot publish what the charter forbids: link rules and titles hold on every way in."""

import io

import pytest

from server.library.models import Link, LinkSource, LinkStatus


def error_of(response):
    return response.get_json()["error"]


@pytest.fixture
def curator_headers(curator, bearer):
    return bearer(curator)


REFUSED = [
    ("https://bit.ly/3xYzAbc", "shortener", "bit.ly"),
    ("https://lnkd.in/eKq2Z9", "shortener", "lnkd.in"),
    ("http://10.0.0.5/actualites/usine", "private", "10.0.0.5"),
    ("http://192.168.1.20/news", "private", "192.168.1.20"),
    ("http://localhost:8080/article", "private", "localhost"),
    ("http://intranet/actualites/usine", "private", "intranet"),
    ("https://wiki.acme.internal/page", "private", "wiki.acme.internal"),
    ("https://portail.acme.local/news", "private", "portail.acme.local"),
]


@pytest.mark.parametrize("url, rule, host", REFUSED)
def test_adding_an_approved_link_that_breaks_a_link_rule_is_refused_naming_the_rule(client, curator_headers, url,
                                                                                    rule, host):
    response = client.post("/api/v1/links", json={"url": url, "category": "sector", "title": "Usine",
                                                   "fetch_preview": False}, headers=curator_headers)
    assert response.status_code == 422, response.get_json()
    error = error_of(response)
    assert error["code"] == "link_rule" and error["rule"] == rule
    message = error["fields"]["url"][0]
    assert host in message and "charter" in message
    assert Link.select().count() == 0


def test_the_refusal_speaks_french_to_a_french_curator(client, curator, curator_headers):
    curator.locale = "fr"
    curator.save()
    response = client.post("/api/v1/links", json={"url": "https://bit.ly/3xYz", "category": "sector", "title": "A",
                                                   "fetch_preview": False}, headers=curator_headers)
    assert error_of(response)["fields"]["url"] == [
        "Cette adresse passe par un raccourcisseur de liens (bit.ly), ce que la charte refuse : utilisez l’adresse "
        "de l’article lui-même."]


def test_an_ordinary_public_article_is_approved(client, curator_headers):
    response = client.post("/api/v1/links", json={"url": "https://news.example.org/usine", "category": "sector",
                                                   "title": "Usine", "fetch_preview": False},
                           headers=curator_headers)
    assert response.status_code == 201 and response.get_json()["status"] == "approved"


def test_a_shortener_the_charter_allows_by_name_is_accepted(app, admin, client, curator_headers):
    from server.charter.versions import parse_document, save_version

    with app.test_request_context():
        save_version(admin, parse_document({"name": "Charte", "allowed_domains": ["acme.example", "bit.ly"],
                                            "text": {"fr": "x", "en": "x"}, "quiz": []}))
    response = client.post("/api/v1/links", json={"url": "https://bit.ly/acme", "category": "sector", "title": "A",
                                                   "fetch_preview": False}, headers=curator_headers)
    assert response.status_code == 201, response.get_json()


def test_a_look_alike_of_the_companys_domain_is_refused(app, admin, client, curator_headers):
    from server.charter.versions import parse_document, save_version

    with app.test_request_context():
        save_version(admin, parse_document({"name": "Charte", "allowed_domains": ["acme-energie.example"],
                                            "text": {"fr": "x", "en": "x"}, "quiz": []}))
    response = client.post("/api/v1/links", json={"url": "https://acme-energie.example.evil.io/offre",
                                                   "category": "sector", "title": "A", "fetch_preview": False},
                           headers=curator_headers)
    assert response.status_code == 422 and error_of(response)["rule"] == "lookalike"


def test_a_link_cannot_be_approved_without_a_title(client, curator_headers):
    response = client.post("/api/v1/links", json={"url": "https://news.example.org/a", "category": "sector",
                                                   "fetch_preview": False}, headers=curator_headers)
    assert response.status_code == 422
    assert error_of(response)["code"] == "title_required" and "title" in error_of(response)["fields"]
    proposal = client.post("/api/v1/links", json={"url": "https://news.example.org/a", "approve": False,
                                                   "fetch_preview": False}, headers=curator_headers).get_json()
    refused = client.post(f"/api/v1/links/{proposal['id']}/approve", json={"category": "sector"},
                          headers=curator_headers)
    assert refused.status_code == 422 and "title" in error_of(refused)["fields"]
    approved = client.post(f"/api/v1/links/{proposal['id']}/approve", json={"category": "sector", "title": "Usine"},
                           headers=curator_headers)
    assert approved.status_code == 200 and approved.get_json()["status"] == "approved"


def test_a_proposal_or_feed_item_that_breaks_a_link_rule_stays_in_the_queue(app, client, curator, curator_headers,
                                                                            employee, bearer):
    from server.library.links import add_link

    proposal = client.post("/api/v1/proposals", json={"url": "http://10.0.0.5/news/usine"},
                           headers=bearer(employee)).get_json()
    refused = client.post(f"/api/v1/links/{proposal['id']}/approve", json={"category": "sector", "title": "Usine"},
                          headers=curator_headers)
    assert refused.status_code == 422 and error_of(refused)["rule"] == "private"
    with app.test_request_context():
        item = add_link(None, "https://buff.ly/3Acme", status=LinkStatus.PROPOSED, source=LinkSource.FEED,
                        fetch_preview=False, title="Article du flux", category="sector")
    refused = client.post(f"/api/v1/links/{item.id}/approve", json={}, headers=curator_headers)
    assert refused.status_code == 422 and error_of(refused)["rule"] == "shortener"
    assert {link.status for link in Link.select()} == {LinkStatus.PROPOSED}


def test_a_csv_import_refuses_rows_breaking_link_rules_or_without_title(client, curator_headers):
    content = ("url,title,category\n"
               "https://news.example.org/ok,Parc solaire,sector\n"
               "https://bit.ly/3xYz,Raccourci,sector\n"
               "http://10.0.0.5/intranet/news,Intranet,sector\n"
               "https://news.example.org/untitled,,sector\n")
    data = {"file": (io.BytesIO(content.encode()), "links.csv"), "fetch_previews": "false"}
    result = client.post("/api/v1/link-imports", data=data, headers=curator_headers,
                         content_type="multipart/form-data").get_json()
    assert result["imported"] == 1
    problems = {row["row"]: [(p["code"], p["column"]) for p in row["problems"]] for row in result["rejected"]}
    assert problems == {3: [("link_rule", "url")], 4: [("link_rule", "url")], 5: [("title_required", "title")]}
    assert "shortener" in result["rejected"][0]["problems"][0]["message"]
    assert [link.url for link in Link.select()] == ["https://news.example.org/ok"]


def test_an_approved_link_whose_preview_brings_no_title_goes_back_to_the_queue(client, curator_headers,
                                                                               local_site):
    response = client.post("/api/v1/links", json={"url": f"{local_site}/status/404", "category": "sector"},
                           headers=curator_headers)
    assert response.status_code == 201
    link = Link.get()
    assert link.status == LinkStatus.PROPOSED and not link.title and link.approved_at is None
