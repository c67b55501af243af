"""Bad input always gets a clear 4xx with the error shape — never a 500 — and stores nothing."""

import pytest

from server.auth.models import ApiToken, Department, User


def error_of(response):
    body = response.get_json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fields"}, body
    return body["error"]


@pytest.fixture
def admin_headers(admin, bearer):
    return bearer(admin)


def test_malformed_json_is_400(client, admin_headers):
    response = client.post("/api/v1/tokens", data='{"name": "oops"', headers={**admin_headers,
                                                                           "Content-Type": "application/json"})
    assert response.status_code == 400
    assert error_of(response)["code"] == "malformed_json"
    assert ApiToken.select().count() == 1  # only the caller's own


@pytest.mark.parametrize("body, field, message", [
    ({"name": 123}, "name", "Not a valid string."),
    ({"name": ""}, "name", "Length must be between 1 and 80."),
    ({"name": "x" * 81}, "name", "Length must be between 1 and 80."),
    ({}, "name", "Missing data for required field."),
    ({"name": "ok", "admin": True}, "admin", "Unknown field."),
    ([], "_schema", "Invalid input type."),
])
def test_wrong_types_missing_and_unknown_fields_are_422_naming_the_field(client, admin_headers, body, field,
                                                                         message):
    response = client.post("/api/v1/tokens", json=body, headers=admin_headers)
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "validation_error"
    assert message in error["fields"][field]
    assert ApiToken.select().count() == 1


def test_json_body_sent_as_a_form_is_refused_clearly(client, admin_headers):
    response = client.post("/api/v1/tokens", data={"name": "form"}, headers=admin_headers)
    assert response.status_code == 422
    assert "name" in error_of(response)["fields"]


def test_oversized_body_is_413(client, admin_headers):
    response = client.post("/api/v1/tokens", data=b'{"name": "' + b"x" * 1_100_000 + b'"}',
                           headers={**admin_headers, "Content-Type": "application/json"})
    assert response.status_code == 413
    assert error_of(response)["code"] == "payload_too_large"


@pytest.mark.parametrize("body, field", [
    ({"role": "god"}, "role"),
    ({"department_id": "sales"}, "department_id"),
    ({"department_id": 999}, "department_id"),
    ({"active": "perhaps"}, "active"),
])
def test_invalid_user_updates_change_nothing(client, admin_headers, employee, body, field):
    before = User.get_by_id(employee.id).__data__
    response = client.patch(f"/api/v1/users/{employee.id}", json=body, headers=admin_headers)
    assert response.status_code == 422
    assert field in error_of(response)["fields"]
    assert User.get_by_id(employee.id).__data__ == before


def test_unknown_user_is_404(client, admin_headers):
    response = client.patch("/api/v1/users/424242", json={"role": "leader"}, headers=admin_headers)
    assert response.status_code == 404 and error_of(response)["code"] == "not_found"


def test_duplicate_department_is_409_and_keeps_the_first(client, admin_headers):
    assert client.post("/api/v1/departments", json={"name": "Ventes"}, headers=admin_headers).status_code == 201
    response = client.post("/api/v1/departments", json={"name": "Ventes"}, headers=admin_headers)
    assert response.status_code == 409 and "name" in error_of(response)["fields"]
    assert Department.select().where(Department.name == "Ventes").count() == 1


def test_invalid_query_parameters_are_422(client, admin_headers):
    response = client.get("/api/v1/users?limit=100000", headers=admin_headers)
    assert response.status_code == 422 and "limit" in error_of(response)["fields"]


def test_wrong_method_is_405_in_the_error_shape(client, admin_headers):
    response = client.put("/api/v1/me", json={}, headers=admin_headers)
    assert response.status_code == 405 and error_of(response)["code"] == "method_not_allowed"


def test_unknown_timezone_and_locale_are_refused(client, employee, bearer):
    headers = bearer(employee)
    response = client.patch("/api/v1/me", json={"timezone": "Mars/Olympus", "locale": "de"}, headers=headers)
    fields = error_of(response)["fields"]
    assert response.status_code == 422 and set(fields) == {"timezone", "locale"}
    assert User.get_by_id(employee.id).timezone == "Europe/Paris"


def test_invalid_email_on_magic_link_request(client):
    response = client.post("/api/v1/auth/magic-link", json={"email": "nobody"})
    assert response.status_code == 422 and "email" in error_of(response)["fields"]


def test_bad_form_on_a_page_is_a_readable_page_not_json(client, employee):
    from tests.conftest import csrf_token, sign_in_client

    sign_in_client(client, employee)
    response = client.post("/account/profile", data={"csrf_token": csrf_token(client), "name": "",
                                                     "timezone": "Nowhere/Land"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Unknown time zone." in page and 'aria-invalid="true"' in page
    assert User.get_by_id(employee.id).name == "Camille Durand"


def test_openapi_document_is_generated_from_the_schemas(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.1")
    assert "/api/v1/tokens" in spec["paths"] and "/api/v1/users/{user_id}" in spec["paths"]
    token_schema = spec["components"]["schemas"]["TokenCreate"]
    assert token_schema["required"] == ["name"] and token_schema["properties"]["name"]["maxLength"] == 80
    assert "bearerAuth" in spec["components"]["securitySchemes"]
    assert "Error" in spec["components"]["schemas"]
