"""The charter's admin pages: history, editor (a new version per save), import and export, draft checks."""

import io
import json
import re

import pytest
from werkzeug.datastructures import MultiDict

from server.charter.models import CharterVersion
from tests.conftest import csrf_token


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


def editor_form(client, **changes):
    """The editor's form as the page fills it, with `changes` applied (like a person typing)."""
    html = client.get("/admin/charter/edit").get_data(as_text=True)
    form = MultiDict()
    for tag in re.findall(r"<input[^>]*>", html):
        field = re.search(r' name="([^"]+)" [^>]*value="([^"]*)"', tag)
        if field and 'type="checkbox"' not in tag:  # a box counts only when ticked (below)
            form.add(*field.groups())
    for name, value in re.findall(r'<textarea id="[^"]+" name="([^"]+)"[^>]*>([^<]*)</textarea>', html):
        form.add(name, value.replace("&#39;", "'").replace("&amp;", "&").replace("&#34;", '"'))
    for name in re.findall(r'<input type="checkbox"[^>]* name="([^"]+)" checked', html):
        form.add(name, "on")
    for value in re.findall(r'<input type="checkbox" name="languages" value="(\w+)" checked', html):
        form.add("languages", value)
    for name, options in re.findall(r'<select id="[^"]+" name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        form.add(name, next(iter(re.findall(r'<option value="(\w*)" selected', options)), ""))
    form.setlist("csrf_token", [csrf_token(client, "/admin/charter/edit")])
    for name, value in changes.items():
        form.setlist(name, value if isinstance(value, list) else [value])
    return form


def test_the_editor_starts_from_the_current_version_and_publishes_the_next(signed_in, admin, published):
    client, _ = signed_in(admin)
    page = client.get("/admin/charter/edit")
    assert page.status_code == 200 and "Publish version 2" in text_of(page)
    form = editor_form(client, competitors="Voltéo\nNordWatt\n\n", note="Un concurrent de plus")
    response = client.post("/admin/charter/", data=form)
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/charter/versions/2")
    second = CharterVersion.get(CharterVersion.number == 2)
    first = CharterVersion.get(CharterVersion.number == 1)
    assert second.rules["competitors"] == ["Voltéo", "NordWatt"] and first.rules["competitors"] == ["Voltéo"]
    assert {k: v for k, v in second.rules.items() if k != "competitors"} == {
        k: v for k, v in first.rules.items() if k != "competitors"}, "the form round-trips every other rule"
    assert (second.text_fr, second.quiz, second.note) == (first.text_fr, first.quiz, "Un concurrent de plus")
    shown = text_of(client.get("/admin/charter/versions/2"))
    assert "What changed since version 1" in shown and "NordWatt" in shown


def test_the_first_version_is_written_in_the_editor(signed_in, admin):
    client, _ = signed_in(admin)
    form = editor_form(client, name="Charte", text_fr="# Charte\n\nBonjour.", text_en="# Charter\n\nHello.",
                       banned_terms="arnaque", **{"quiz-0-question-fr": "Vrai ?", "quiz-0-question-en": "True?",
                                                   "quiz-0-choices-fr": "Oui\nNon", "quiz-0-choices-en": "Yes\nNo",
                                                   "quiz-0-answer": "2", "quiz-0-explanation-en": "Because."})
    assert "Publishing creates version 1." in text_of(client.get("/admin/charter/edit"))
    assert client.post("/admin/charter/", data=form).status_code == 302
    version = CharterVersion.get()
    assert version.number == 1 and version.rules["banned_terms"] == ["arnaque"]
    assert version.quiz == [{"question": {"fr": "Vrai ?", "en": "True?"},
                             "choices": [{"fr": "Oui", "en": "Yes"}, {"fr": "Non", "en": "No"}], "answer": 1,
                             "explanation": {"fr": "", "en": "Because."}}]


@pytest.mark.parametrize("changes, field, message", [
    ({"hashtags_max": "-2"}, "hashtags_max", "must be a non-negative integer"),
    ({"allowed_domains": "acme-energie.example\nhttps://evil.example/x"}, "allowed_domains",
     "Line 2: must be a domain name such as acme.com, not a URL"),
    ({"max_similarity": "150"}, "max_similarity", "must be a number greater than 0 and at most 1"),
    ({"region": "ZZ"}, "region", "two-letter country code"),
    ({"quiz-1-answer": "9"}, "quiz-1", "answer: must be the index of the right choice"),
    ({"quiz-0-choices-en": "Yes"}, "quiz-0", "same number of choices"),
    ({"disclosure_markers": ""}, "disclosure_markers", "needs at least one marker"),
])
def test_a_bad_field_is_shown_next_to_its_input_and_nothing_is_published(signed_in, admin, published, changes, field,
                                                                         message):
    client, _ = signed_in(admin)
    response = client.post("/admin/charter/", data=editor_form(client, **changes))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'href="#{field}"' in html and message in html
    assert f'aria-describedby="{field}-error"' in html
    assert "Nothing was published" in html and CharterVersion.select().count() == 1
    for name, value in changes.items():
        if name.startswith(("hashtags", "max_similarity", "region")):
            assert f'value="{value}"' in html, "what was typed is shown again"


def test_saving_without_a_change_is_refused(signed_in, admin, published):
    client, _ = signed_in(admin)
    response = client.post("/admin/charter/", data=editor_form(client))
    assert response.status_code == 409 and "Nothing changed since version 1" in text_of(response)


def test_an_editor_opened_on_an_older_version_does_not_overwrite_a_newer_one(signed_in, admin, published, publish,
                                                                             document):
    client, _ = signed_in(admin)
    form = editor_form(client, competitors="Hexa")
    document["review_terms"] = ["rachat"]
    publish(document)
    response = client.post("/admin/charter/", data=form)
    assert response.status_code == 409 and "Version 2 was published while you were editing" in text_of(response)
    assert CharterVersion.select().count() == 2


def test_adding_and_removing_quiz_questions(signed_in, admin, published):
    client, _ = signed_in(admin)
    form = editor_form(client)
    assert form["quiz_count"] == "3", "two questions and a blank slot"
    more = client.post("/admin/charter/", data=MultiDict([*form.items(multi=True), ("action", "add_question")]))
    assert more.status_code == 200 and 'name="quiz_count" value="4"' in more.get_data(as_text=True)
    assert CharterVersion.select().count() == 1
    form.setlist("quiz-0-remove", ["on"])
    assert client.post("/admin/charter/", data=form).status_code == 302
    quiz = CharterVersion.get(CharterVersion.number == 2).quiz
    assert [q["question"]["en"] for q in quiz] == ["May you mention a code name?"]


def test_the_draft_check_uses_the_rules_being_edited(signed_in, admin, published):
    client, headers = signed_in(admin)
    form = editor_form(client, competitors="Voltéo\nNordWatt")
    form.add("check-text", "NordWatt fait mieux #AcmeEnergie")
    form.add("check-network", "x")
    response = client.post("/admin/charter/draft-check", data=form, headers={**headers, "Accept": "application/json"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["draft"] is True and body["verdict"] == "review"
    assert [(f["rule"], f["excerpt"], f["networks"]) for f in body["findings"]] == [("competitor", "NordWatt", ["x"])]
    assert CharterVersion.select().count() == 1


def test_a_draft_that_does_not_compile_says_which_field(signed_in, admin, published):
    client, headers = signed_in(admin)
    form = editor_form(client, hashtags_max="lots")
    form.add("check-text", "Bonjour")
    response = client.post("/admin/charter/draft-check", data=form, headers={**headers, "Accept": "application/json"})
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "invalid_charter"
    assert error["fields"] == {"hashtags_max": ["must be a non-negative integer"]}


def test_a_draft_check_refuses_an_unknown_network(signed_in, admin, published):
    client, headers = signed_in(admin)
    form = editor_form(client)
    form.add("check-text", "Bonjour")
    form.add("check-network", "myspace")
    response = client.post("/admin/charter/draft-check", data=form, headers={**headers, "Accept": "application/json"})
    assert response.status_code == 422 and "networks" in response.get_json()["error"]["fields"]


def test_export_then_import_a_file(signed_in, admin, published):
    client, _ = signed_in(admin)
    exported = client.get("/admin/charter/versions/1/export.json")
    assert exported.status_code == 200 and exported.mimetype == "application/json"
    assert exported.headers["Content-Disposition"] == 'attachment; filename="charter-v1.json"'
    data = json.loads(exported.get_data(as_text=True))
    assert list(data)[:3] == ["name", "version", "languages"] and data["text"]["fr"].startswith("# Notre charte")
    data["review_terms"].append("rachat")
    upload = {"file": (io.BytesIO(json.dumps(data).encode()), "charter.json"), "note": "Rachat à relire",
              "needs_acknowledgement": "on", "csrf_token": csrf_token(client, "/admin/charter/")}
    response = client.post("/admin/charter/import", data=upload, content_type="multipart/form-data")
    assert response.status_code == 302 and response.headers["Location"].endswith("/versions/2")
    second = CharterVersion.get(CharterVersion.number == 2)
    assert second.rules["review_terms"][-1] == "rachat" and second.note == "Rachat à relire"


def test_pasted_json_is_imported_too(signed_in, admin, document):
    client, _ = signed_in(admin)
    response = client.post("/admin/charter/import", data={"document": json.dumps(document),
                                                          "csrf_token": csrf_token(client, "/admin/charter/")})
    assert response.status_code == 302 and CharterVersion.get().number == 1
    assert CharterVersion.get().needs_acknowledgement, "the first version is always to be acknowledged"


@pytest.mark.parametrize("content, message", [
    (b'{"name": "x",', "This is not valid JSON"),
    (b'{"hashtags": {"max": -1}}', "hashtags.max"),
    (b"\xff\xfe", "The file is not UTF-8 text."),
    (b"", "Choose a charter file or paste its JSON."),
])
def test_a_bad_file_is_refused_with_a_readable_message(signed_in, admin, published, content, message):
    client, _ = signed_in(admin)
    upload = {"file": (io.BytesIO(content), "charter.json"), "csrf_token": csrf_token(client, "/admin/charter/")}
    response = client.post("/admin/charter/import", data=upload, content_type="multipart/form-data")
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert CharterVersion.select().count() == 1


def test_the_overview_lists_versions_and_who_acknowledged(signed_in, admin, employee, published, app):
    from server.charter.training import acknowledge

    with app.test_request_context():
        acknowledge(employee, 1)
    client, _ = signed_in(admin)
    page = text_of(client.get("/admin/charter/"))
    assert "Version 1 in force since" in page and "2 of 2 people acknowledged it; 0 passed the quiz." in page
    assert "Alice Martin" in page and "Import a charter file" in page


def test_a_version_can_be_compared_with_any_other(signed_in, admin, publish, document):
    publish(document)
    document["competitors"] = ["NordWatt"]
    publish(document)
    document["competitors"] = ["NordWatt", "Hexa"]
    publish(document)
    client, _ = signed_in(admin)
    page = client.get("/admin/charter/versions/3?compare=1").get_data(as_text=True)
    assert "What changed since version 1" in page and "<ins>NordWatt</ins>" in page and "<del>Voltéo</del>" in page
    assert client.get("/admin/charter/versions/3?compare=8").status_code == 404
    assert client.get("/admin/charter/versions/8").status_code == 404


def test_moderators_read_but_do_not_write(signed_in, moderator, published, document):
    client, _ = signed_in(moderator)
    assert client.get("/admin/charter/").status_code == 200
    assert "Import a charter file" not in text_of(client.get("/admin/charter/"))
    assert client.get("/admin/charter/versions/1").status_code == 200
    assert client.get("/admin/charter/versions/1/export.json").status_code == 200
    assert client.get("/admin/charter/edit").status_code == 403
    token = csrf_token(client, "/admin/charter/")
    assert client.post("/admin/charter/", data={"csrf_token": token}).status_code == 403
    assert client.post("/admin/charter/import", data={"document": json.dumps(document),
                                                      "csrf_token": token}).status_code == 403
    assert client.post("/admin/charter/draft-check", data={"csrf_token": token}).status_code == 403
    assert CharterVersion.select().count() == 1


@pytest.mark.parametrize("path", ["/admin/charter/", "/admin/charter/edit", "/admin/charter/versions/1",
                                  "/admin/charter/versions/1/export.json"])
def test_employees_get_403_on_the_admin_pages(signed_in, employee, published, path):
    client, _ = signed_in(employee)
    assert client.get(path).status_code == 403


def test_the_forms_need_their_csrf_token(signed_in, admin, published):
    client, _ = signed_in(admin)
    assert client.post("/admin/charter/", data={"name": "x"}).status_code == 400
    assert client.post("/admin/charter/import", data={"document": "{}"}).status_code == 400


def test_the_moderation_level_outside_campaigns_is_chosen_in_the_editor_and_shown_in_the_changes(signed_in, admin,
                                                                                                  published):
    client, _ = signed_in(admin)
    response = client.post("/admin/charter/", data=editor_form(client, moderation="every_share"))
    assert response.status_code == 302
    assert CharterVersion.get(CharterVersion.number == 2).rules["moderation"] == "every_share"
    shown = text_of(client.get("/admin/charter/versions/2"))
    assert "Moderation of shares outside campaigns" in shown and "Review every share" in shown
    refused = client.post("/admin/charter/", data=editor_form(client, moderation="sometimes"))
    assert refused.status_code == 422 and 'id="moderation"' in refused.get_data(as_text=True)
