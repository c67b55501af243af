"""CSV import: every good row stored whole, every refused row reported with why — on the page (with a
progress bar fed by a polling endpoint), through the API and with `porte-voix import-links`."""

import io
import re

import pytest

from server.library.link_imports import BATCH_SIZE
from server.library.models import Link, LinkImport, LinkStatus
from tests.conftest import csrf_token, sign_in_client
from tests.library.conftest import FIXTURES

HEADER = "url,title,category,tags,departments,interests,campaign,not_before,not_after\n"
GOOD = (HEADER
        + "https://news.example.org/a?utm_source=x,Parc solaire,sector,solaire;Occitanie,Ingénierie,Solaire,,"
          "2030-03-10,2030-06-30\n"
        + "https://news.example.org/b,Recrutement,culture,,,,Printemps,,\n"
        + "https://news.example.org/c,Sans catégorie,,,,,,,\n"
        + "ftp://news.example.org/d,Mauvaise adresse,sector,,,,,,\n"
        + "https://news.example.org/e,Service inconnu,sector,,Marketing,,,,\n"
        + "https://news.example.org/f,Campagne inconnue,sector,,,,Hiver,,\n"
        + "https://news.example.org/a,Doublon,sector,,,,,,\n")


@pytest.fixture
def headers(curator, bearer):
    return bearer(curator)


@pytest.fixture
def campaign(client, headers):
    return client.post("/api/v1/campaigns", json={"name": "Printemps"}, headers=headers).get_json()


def upload(client, headers, content, **options):
    data = {"file": (io.BytesIO(content.encode() if isinstance(content, str) else content), "links.csv")}
    data.update({key: "true" if value else "false" for key, value in options.items()})
    return client.post("/api/v1/link-imports", data=data, headers=headers, content_type="multipart/form-data")


def test_an_import_stores_good_rows_and_explains_each_refused_one(client, headers, campaign, make_user):
    make_user(department="Ingénierie")
    response = upload(client, headers, GOOD, fetch_previews=False)
    assert response.status_code == 202, response.get_json()
    result = response.get_json()
    assert (result["status"], result["total_rows"], result["processed_rows"], result["imported"],
            result["percent"]) == ("done", 7, 7, 2, 100)
    reasons = {row["row"]: [(p["code"], p["column"]) for p in row["problems"]] for row in result["rejected"]}
    assert reasons == {4: [("category_required", "category")], 5: [("invalid_url", "url")],
                       6: [("unknown_department", "departments")], 7: [("unknown_campaign", "campaign")],
                       8: [("duplicate_url", "url")]}
    assert result["rejected"][0]["problems"][0]["message"] == "A category is needed to approve the link."
    solar = Link.get(Link.url == "https://news.example.org/a")
    assert (solar.title, solar.status, solar.tags, solar.source) == ("Parc solaire", LinkStatus.APPROVED,
                                                                      ["solaire", "Occitanie"], "csv")
    # Dates are read in the importer's time zone (Europe/Paris): from midnight, until the last minute.
    assert str(solar.not_before) == "2030-03-09 23:00:00" and str(solar.not_after) == "2030-06-30 21:59:00"
    assert Link.get(Link.url == "https://news.example.org/b").campaign_id == campaign["id"]
    assert client.get(f"/api/v1/link-imports/{result['id']}", headers=headers).get_json() == result


def test_rows_already_in_the_library_are_refused_and_left_untouched(client, headers, library):
    library.add("https://news.example.org/a", title="Titre de l'équipe")
    result = upload(client, headers, HEADER + "https://news.example.org/a,Autre titre,sector,,,,,,\n").get_json()
    assert result["imported"] == 0 and result["rejected"][0]["problems"][0]["code"] == "already_in_library"
    assert Link.get().title == "Titre de l'équipe"


def test_importing_as_proposals_needs_no_category(client, headers):
    result = upload(client, headers, "url\nhttps://news.example.org/x\n", approve=False, fetch_previews=False)
    assert result.get_json()["imported"] == 1 and Link.get().status == LinkStatus.PROPOSED


def test_a_french_excel_file_is_read_as_it_is(client, headers):
    result = upload(client, headers, (FIXTURES / "links_fr_excel.csv").read_bytes(), fetch_previews=False)
    body = result.get_json()
    assert body["imported"] == 2 and body["rejected"] == []
    assert {link.category for link in Link.select()} == {"sector", "product"}


@pytest.mark.parametrize("content, words", [
    ("", "empty"),
    ("title,category\nUn titre,sector\n", "no “url” column"),
    ("https://news.example.org/a,sector\n", "The first row looks like data"),
])
def test_an_unusable_file_is_refused_as_a_whole_naming_the_file(client, headers, content, words):
    response = upload(client, headers, content)
    assert response.status_code == 422
    assert words in " ".join(response.get_json()["error"]["fields"]["file"])
    assert LinkImport.select().count() == 0 and Link.select().count() == 0


def test_a_missing_file_is_422_naming_it(client, headers):
    response = client.post("/api/v1/link-imports", data={}, headers=headers, content_type="multipart/form-data")
    assert response.status_code == 422 and "file" in response.get_json()["error"]["fields"]


def test_progress_is_committed_batch_by_batch(client, headers, monkeypatch):
    from server.library import link_imports

    seen = []
    original = link_imports.previews.queue_fetches
    monkeypatch.setattr(link_imports.previews, "queue_fetches",
                        lambda ids: seen.append(LinkImport.get().processed_rows) or original([]))
    rows = "".join(f"https://news.example.org/{n},Lien {n},sector\n" for n in range(BATCH_SIZE * 2 + 3))
    upload(client, headers, "url,title,category\n" + rows)
    assert seen == [BATCH_SIZE, BATCH_SIZE * 2, BATCH_SIZE * 2 + 3]
    assert Link.select().count() == BATCH_SIZE * 2 + 3


def test_the_import_page_shows_a_progress_bar_and_the_refused_rows(client, curator, campaign):
    sign_in_client(client, curator)
    token = csrf_token(client, "/admin/library/import")
    response = client.post("/admin/library/import", data={
        "csrf_token": token, "approve": "on", "file": (io.BytesIO(GOOD.encode()), "liens.csv")},
        content_type="multipart/form-data")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert re.search(r'<progress max="7" value="7"', page)
    assert "1 imported, 6 refused." in page
    assert "Row 5" in page and "The url is not a valid web address." in page
    assert "Unknown department in the departments cell." in page
    assert 'src="/static/js/library-import.js"' in page


def test_the_import_page_refuses_a_bad_file_readably(client, curator):
    sign_in_client(client, curator)
    token = csrf_token(client, "/admin/library/import")
    response = client.post("/admin/library/import", data={"csrf_token": token,
                                                          "file": (io.BytesIO(b"name\nx\n"), "bad.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert "This file cannot be imported" in response.get_data(as_text=True)


def test_the_command_reports_each_refused_row_and_why(app, tmp_path, campaign):
    path = tmp_path / "liens.csv"
    path.write_text(GOOD)
    result = app.test_cli_runner().invoke(args=["import-links", str(path), "--no-previews"])
    output = result.output
    assert result.exit_code == 1, output
    assert "row 2: refused — Unknown department: Ingénierie." in output
    assert "row 4: refused — A category is needed to approve the link." in output
    assert "row 5: refused — Invalid url: Only http and https addresses are accepted" in output
    assert "row 6: refused — Unknown department: Marketing." in output
    assert "row 8: refused — Same url as row 2." in output
    assert "1 imported, 6 refused, of 7 rows" in output
    assert [link.title for link in Link.select()] == ["Recrutement"]


def test_the_command_refuses_an_unusable_file(app, tmp_path):
    path = tmp_path / "vide.csv"
    path.write_text("")
    result = app.test_cli_runner().invoke(args=["import-links", str(path)])
    assert result.exit_code != 0 and "vide.csv: The file is empty" in result.output
