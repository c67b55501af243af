"""The charter in the JSON API: live checks, the charter in force, acknowledgement, quiz, versions."""

import pytest
from playhouse.test_utils import count_queries

from server.charter.models import CharterAcknowledgement, CharterQuizAttempt, CharterVersion


def error_of(response):
    body = response.get_json()
    assert set(body) == {"error"} and {"code", "message", "fields"} <= set(body["error"]), body
    return body["error"]


# -- live checks ----------------------------------------------------------------------------------------------

def test_a_signed_in_employee_checks_a_draft_per_network(signed_in, employee, published):
    client, headers = signed_in(employee)
    response = client.post("/api/v1/checks", json={"text": "Notre offre energieplus", "networks": ["linkedin", "x"]},
                           headers=headers)
    assert response.status_code == 200
    body = response.get_json()
    assert (body["version"], body["verdict"]) == (1, "warn") and set(body["networks"]) == {"linkedin", "x"}
    brand = body["findings"][0]
    assert (brand["rule"], brand["excerpt"], brand["fix"], brand["networks"]) == (
        "brand_spelling", "energieplus", "ÉnergiePlus", ["linkedin", "x"])
    assert brand["message"]["fr"] == "La marque s'écrit « ÉnergiePlus »."


def test_the_extension_checks_with_its_token_and_no_csrf(client, bearer, employee, published):
    response = client.post("/api/v1/checks", json={"text": "Projet Hélios", "network": "x"}, headers=bearer(employee))
    assert response.status_code == 200 and response.get_json()["verdict"] == "block"


def test_a_check_has_no_side_effect(signed_in, employee, published, app):
    from server.db import database

    client, headers = signed_in(employee)
    client.post("/api/v1/checks", json={"text": "warm-up"}, headers=headers)
    with app.app_context(), count_queries() as counter:
        database.connect(reuse_if_open=True)
        response = client.post("/api/v1/checks", json={"text": "Un plan social ?", "networks": ["x"]},
                               headers=headers)
    assert response.status_code == 200
    writes = [q for q in counter.get_queries() if not q.msg[0].lstrip().upper().startswith("SELECT")]
    assert counter.count > 0 and writes == []


def test_anonymous_callers_cannot_check(client, published):
    response = client.post("/api/v1/checks", json={"text": "Bonjour"})
    assert response.status_code == 401 and error_of(response)["code"] == "unauthorized"


def test_a_cookie_caller_needs_the_csrf_header(signed_in, employee, published):
    client, _headers = signed_in(employee)
    response = client.post("/api/v1/checks", json={"text": "Bonjour"})
    assert response.status_code == 400 and error_of(response)["code"] == "csrf_failed"


@pytest.mark.parametrize("body, field", [
    ({}, "text"),
    ({"text": 42}, "text"),
    ({"text": "x" * 65_537}, "text"),
    ({"text": "ok", "network": "myspace"}, "network"),
    ({"text": "ok", "networks": ["x", "myspace"]}, "networks"),
    ({"text": "ok", "networks": "x"}, "networks"),
    ({"text": "ok", "network": "x", "networks": ["linkedin"]}, "network"),
    ({"text": "ok", "hashtags": "#a"}, "hashtags"),
    ({"text": "ok", "language": "de"}, "language"),
    ({"text": "ok", "link": "x" * 3000}, "link"),
    ({"text": "ok", "charter": {}}, "charter"),
])
def test_bad_check_input_is_422_naming_the_field(client, bearer, employee, published, body, field):
    response = client.post("/api/v1/checks", json=body, headers=bearer(employee))
    assert response.status_code == 422
    assert field in error_of(response)["fields"]


def test_checks_are_rate_limited_per_person(client, bearer, employee, make_user, published):
    headers = bearer(employee)
    statuses = [client.post("/api/v1/checks", json={"text": "a"}, headers=headers).status_code for _ in range(121)]
    assert statuses[:120] == [200] * 120 and statuses[120] == 429
    limited = client.post("/api/v1/checks", json={"text": "a"}, headers=headers)
    assert error_of(limited)["code"] == "rate_limited" and "Retry-After" in limited.headers
    colleague = bearer(make_user("employee"))
    assert client.post("/api/v1/checks", json={"text": "a"}, headers=colleague).status_code == 200


# -- the charter in force, acknowledgement, quiz --------------------------------------------------------------

def test_the_charter_in_force_and_the_callers_standing(client, bearer, employee, published):
    body = client.get("/api/v1/charter", headers=bearer(employee)).get_json()
    assert body["version"] == 1 and body["text"]["fr"].startswith("# Notre charte")
    assert (body["needs_acknowledgement"], body["quiz_questions"], body["quiz_passed"], body["ready_to_share"]) == (
        True, 2, False, False)
    assert body["acknowledged_version"] is None and body["published_at"].endswith("+00:00")


def test_before_any_charter_the_status_says_so(client, bearer, employee):
    body = client.get("/api/v1/charter", headers=bearer(employee)).get_json()
    assert body["version"] is None and body["ready_to_share"] is True


def test_acknowledging_through_the_api(client, bearer, employee, published):
    headers = bearer(employee)
    response = client.post("/api/v1/charter/acknowledgements", json={"version": 1}, headers=headers)
    assert response.status_code == 201 and response.get_json()["version"] == 1
    assert client.get("/api/v1/charter", headers=headers).get_json()["acknowledged_version"] == 1


@pytest.mark.parametrize("body, status, field", [
    ({"version": 2}, 409, "version"),
    ({"version": "1"}, 422, "version"),
    ({"version": 0}, 422, "version"),
    ({}, 422, "version"),
])
def test_a_wrong_acknowledgement_is_refused(client, bearer, employee, published, body, status, field):
    response = client.post("/api/v1/charter/acknowledgements", json=body, headers=bearer(employee))
    assert response.status_code == status and field in error_of(response)["fields"]
    assert CharterAcknowledgement.select().where(CharterAcknowledgement.user == employee).count() == 0


def test_the_quiz_hides_its_answers_and_explains_them_after(client, bearer, employee, published):
    headers = bearer(employee)
    quiz = client.get("/api/v1/charter/quiz?language=fr", headers=headers).get_json()
    assert quiz["version"] == 1 and quiz["questions"][1] == {
        "number": 2, "question": "Peut-on citer un nom de code ?", "choices": ["Oui", "Seulement sur LinkedIn", "Non"]}
    result = client.post("/api/v1/charter/quiz/attempts", json={"answers": [0, 0], "language": "en"}, headers=headers)
    assert result.status_code == 201
    body = result.get_json()
    assert (body["score"], body["total"], body["passed"]) == (1, 2, False)
    assert body["questions"][1] | {"explanation": "…"} == {
        "number": 2, "question": "May you mention a code name?", "choices": ["Yes", "Only on LinkedIn", "No"],
        "chosen": 0, "right_answer": 2, "is_right": False, "explanation": "…"}
    assert body["questions"][1]["explanation"] == "It stays confidential."


@pytest.mark.parametrize("body, field", [
    ({"answers": [0]}, "answers"),
    ({"answers": [0, "2"]}, "answers"),
    ({"answers": "0,2"}, "answers"),
    ({}, "answers"),
])
def test_bad_quiz_answers_are_422(client, bearer, employee, published, body, field):
    response = client.post("/api/v1/charter/quiz/attempts", json=body, headers=bearer(employee))
    assert response.status_code == 422 and field in error_of(response)["fields"]
    assert CharterQuizAttempt.select().count() == 0


def test_no_quiz_is_404(client, bearer, employee):
    headers = bearer(employee)
    assert client.get("/api/v1/charter/quiz", headers=headers).status_code == 404
    assert client.post("/api/v1/charter/quiz/attempts", json={"answers": []}, headers=headers).status_code == 404


# -- versions ---------------------------------------------------------------------------------------------------

def test_an_admin_publishes_a_document_and_it_exports_back(client, bearer, admin, document):
    headers = bearer(admin)
    response = client.post("/api/v1/charter/versions", json={"document": document, "note": "Première"},
                           headers=headers)
    assert response.status_code == 201
    assert response.get_json() | {"created_at": None} == {"number": 1, "name": "Charte Acme", "note": "Première",
                                                          "needs_acknowledgement": True, "author": "Alice Martin",
                                                          "created_at": None}
    exported = client.get("/api/v1/charter/versions/1", headers=headers).get_json()
    assert exported["version"] == 1 and exported["quiz"] == document["quiz"]
    again = client.post("/api/v1/charter/versions", json={"document": exported}, headers=headers)
    assert again.status_code == 409 and "Nothing changed" in error_of(again)["message"]


@pytest.mark.parametrize("change, field", [
    ({"hashtags": {"max": "five"}}, "hashtags.max"),
    ({"allowed_domains": ["acme.com/x"]}, "allowed_domains[0]"),
    ({"quiz": [{"question": "?", "choices": ["a", "b"], "answer": 5, "explanation": "!"}]}, "quiz[0].answer"),
    ({"competitor": ["typo"]}, "competitor"),
])
def test_a_bad_document_is_422_naming_the_field_and_stores_nothing(client, bearer, admin, document, change, field):
    document.update(change)
    response = client.post("/api/v1/charter/versions", json={"document": document}, headers=bearer(admin))
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "invalid_charter" and list(error["fields"]) == [field]
    assert field in error["message"]
    assert CharterVersion.select().count() == 0


def test_publishing_needs_a_document(client, bearer, admin):
    response = client.post("/api/v1/charter/versions", json={"document": [1]}, headers=bearer(admin))
    assert response.status_code == 422 and "document" in error_of(response)["fields"]


def test_who_may_read_and_publish_versions(client, bearer, employee, moderator, document, published):
    assert client.get("/api/v1/charter/versions", headers=bearer(employee)).status_code == 403
    assert client.get("/api/v1/charter/versions/1", headers=bearer(employee)).status_code == 403
    listed = client.get("/api/v1/charter/versions", headers=bearer(moderator))
    assert listed.status_code == 200 and [v["number"] for v in listed.get_json()] == [1]
    assert client.get("/api/v1/charter/versions/1", headers=bearer(moderator)).status_code == 200
    assert client.get("/api/v1/charter/versions/5", headers=bearer(moderator)).status_code == 404
    refused = client.post("/api/v1/charter/versions", json={"document": document}, headers=bearer(moderator))
    assert refused.status_code == 403 and CharterVersion.select().count() == 1


def test_the_api_is_documented(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path in ("/api/v1/checks", "/api/v1/charter", "/api/v1/charter/acknowledgements", "/api/v1/charter/quiz",
                 "/api/v1/charter/quiz/attempts", "/api/v1/charter/versions", "/api/v1/charter/versions/{number}"):
        assert path in paths


def test_a_charter_error_that_escapes_a_service_is_still_a_422_naming_the_field(app, client):
    from server.auth.roles import public
    from server.charter.engine import CharterError

    @public
    def broken():
        raise CharterError("hashtags.max", "must be a non-negative integer")

    app.add_url_rule("/api/v1/broken-charter", view_func=broken)
    response = client.get("/api/v1/broken-charter")
    assert response.status_code == 422
    assert error_of(response)["fields"] == {"hashtags.max": ["must be a non-negative integer"]}


@pytest.mark.parametrize("method, path", [
    ("get", "/api/v1/charter"), ("post", "/api/v1/charter/acknowledgements"), ("get", "/api/v1/charter/quiz"),
    ("post", "/api/v1/charter/quiz/attempts"), ("get", "/api/v1/charter/versions"),
    ("post", "/api/v1/charter/versions"), ("get", "/api/v1/charter/versions/1"),
])
def test_anonymous_callers_get_401_everywhere(client, published, method, path):
    response = getattr(client, method)(path, json={})
    assert response.status_code == 401 and error_of(response)["code"] == "unauthorized"


def test_an_unknown_quiz_language_is_422(client, bearer, employee, published):
    response = client.get("/api/v1/charter/quiz?language=de", headers=bearer(employee))
    assert response.status_code == 422 and "language" in error_of(response)["fields"]
