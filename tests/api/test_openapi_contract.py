"""The OpenAPI document is the truth about the API: valid OpenAPI 3.1, every status an operation answers
documented (errors with the error shape), multipart and header declarations — and real error answers
conform to it."""

import io

import pytest
import schemathesis
from openapi_spec_validator import OpenAPIV31SpecValidator, validate

from tests.support.fuzzing import CHECKS
from tests.support.world import WORLD_CONFIG, seed

METHODS = {"get", "put", "post", "patch", "delete"}


@pytest.fixture
def app_config():
    return WORLD_CONFIG


@pytest.fixture
def spec(client):
    return client.get("/api/v1/openapi.json").get_json()


def operations(spec):
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                parameters = [*item.get("parameters", []), *operation.get("parameters", [])]
                yield path, method, operation, parameters


def resolve(spec, value):
    while "$ref" in value:
        *_, kind, name = value["$ref"].split("/")
        value = spec["components"][kind][name]
    return value


def test_the_document_is_valid_openapi_3_1(spec):
    assert spec["openapi"] == "3.1.0"
    validate(spec, cls=OpenAPIV31SpecValidator)


def test_every_error_is_documented_with_the_error_shape_and_nothing_is_left_to_default(spec):
    for path, method, operation, _parameters in operations(spec):
        responses = operation["responses"]
        assert "default" not in responses, (method, path)
        for status, response in responses.items():
            if int(status) >= 400:
                content = resolve(spec, response)["content"]["application/json"]
                assert content["schema"] == {"$ref": "#/components/schemas/Error"}, (method, path, status)


def test_the_errors_follow_from_what_each_route_declares(spec):
    for path, method, operation, parameters in operations(spec):
        statuses = set(operation["responses"])
        where = (method, path, sorted(statuses))
        assert "401" in statuses, where
        assert ("403" in statuses) == (path != "/api/v1/auth/magic-link"), where
        if any(parameter["in"] == "path" for parameter in parameters):
            assert "404" in statuses, where
        if "requestBody" in operation or any(parameter["in"] == "query" for parameter in parameters):
            assert "422" in statuses, where
        if method != "get":
            assert {"400", "409", "413"} <= statuses, where


@pytest.mark.parametrize("method, path, statuses", [
    ("get", "/api/v1/me", {"200", "401", "403"}),
    ("post", "/api/v1/auth/magic-link", {"202", "400", "401", "409", "413", "422", "429"}),
    ("post", "/api/v1/shares", {"200", "201", "400", "401", "403", "404", "409", "413", "422", "429"}),
    ("post", "/api/v1/checks", {"200", "400", "401", "403", "409", "413", "422", "429"}),
    ("post", "/api/v1/proposals", {"200", "201", "400", "401", "403", "409", "413", "422", "429"}),
    ("get", "/api/v1/links/{link_id}", {"200", "401", "403", "404"}),
    ("delete", "/api/v1/campaigns/{campaign_id}", {"204", "400", "401", "403", "404", "409", "413"}),
    ("get", "/api/v1/charter/quiz", {"200", "401", "403", "404", "422"}),
    ("post", "/api/v1/charter/acknowledgements", {"201", "400", "401", "403", "404", "409", "413", "422"}),
])
def test_an_operation_documents_exactly_the_statuses_it_can_answer(spec, method, path, statuses):
    assert set(spec["paths"][path][method]["responses"]) == statuses


def test_path_ids_are_documented_within_what_the_database_holds(spec):
    share_id = spec["paths"]["/api/v1/shares/{share_id}"]["parameters"][0]
    assert share_id["schema"] == {"type": "integer", "minimum": 0, "maximum": 2**31 - 1}
    target_shares = spec["components"]["schemas"]["Campaign"]["properties"]["target_shares"]
    assert (target_shares["minimum"], target_shares["maximum"]) == (0, 2**31 - 1)


def test_the_csv_import_is_a_multipart_request_body(spec):
    operation = spec["paths"]["/api/v1/link-imports"]["post"]
    assert "parameters" not in operation
    body = resolve(spec, operation["requestBody"]["content"]["multipart/form-data"]["schema"])
    assert body["required"] == ["file"] and body["properties"]["file"] == {
        "description": "The CSV file (UTF-8, one link a row).", "type": "string", "format": "binary"}
    assert {"approve", "fetch_previews"} <= set(body["properties"])
    assert all(parameter["in"] != "formData" for *_, parameters in operations(spec) for parameter in parameters)


def test_the_idempotency_key_and_the_total_count_are_declared_headers(spec):
    (header,) = spec["paths"]["/api/v1/shares"]["post"]["parameters"]
    assert (header["in"], header["name"], header["required"]) == ("header", "Idempotency-Key", True)
    for path in ("/api/v1/users", "/api/v1/links", "/api/v1/library"):
        headers = spec["paths"][path]["get"]["responses"]["200"]["headers"]
        assert resolve(spec, headers["X-Total-Count"])["schema"] == {"type": "integer", "minimum": 0}
    unauthorized = resolve(spec, spec["paths"]["/api/v1/me"]["get"]["responses"]["401"])
    assert "WWW-Authenticate" in unauthorized["headers"]


def test_the_multipart_import_works_with_its_fields_and_its_file(client, app):
    world = seed(app)
    csv = "url,title,category,tags,departments,interests,campaign,not_before,not_after\n" \
          "https://acme-energie.example/biogaz,Biogaz,sector,,,,,,\n"
    response = client.post("/api/v1/link-imports", data={"file": (io.BytesIO(csv.encode()), "links.csv"),
                                                         "approve": "false", "fetch_previews": "false"},
                           headers=world.headers["moderator"], content_type="multipart/form-data")
    assert response.status_code == 202 and response.get_json()["imported"] == 1
    from server.library.models import Link, LinkStatus

    assert Link.get(Link.url == "https://acme-energie.example/biogaz").status == LinkStatus.PROPOSED
    as_text = client.post("/api/v1/link-imports", data={"file": "not a file"}, headers=world.headers["moderator"],
                          content_type="multipart/form-data")
    assert as_text.status_code == 422 and "file" in as_text.get_json()["error"]["fields"]


# -- real error answers conform to the document ---------------------------------------------------------------

def conforms(app, method, path, response, **request):
    """Check one answer against the document the way the fuzzer does (status, body, content type, headers)."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    case = schema[path][method.upper()].Case(**request)
    case.validate_response(response, checks=CHECKS)
    return True


def test_error_answers_conform_to_the_document(app, client):
    world = seed(app)
    admin, employee = world.headers["admin"], world.headers["employee"]
    answers = [
        ("get", "/api/v1/me", client.get("/api/v1/me"), 401, {}),
        ("get", "/api/v1/me", client.get("/api/v1/me", headers={"Authorization": "Bearer pv_nope"}), 401, {}),
        ("get", "/api/v1/audit", client.get("/api/v1/audit", headers=employee), 403, {}),
        ("get", "/api/v1/links/{link_id}", client.get("/api/v1/links/4242", headers=admin), 404,
         {"path_parameters": {"link_id": 4242}}),
        ("post", "/api/v1/departments", client.post("/api/v1/departments", json={"name": "Ingénierie"},
                                                    headers=admin), 409, {"body": {"name": "Ingénierie"}}),
        ("post", "/api/v1/tokens", client.post("/api/v1/tokens", data=b'{"name": ', headers={
            **employee, "Content-Type": "application/json"}), 400, {}),
        ("post", "/api/v1/tokens", client.post("/api/v1/tokens", data=b'{"name": "' + b"x" * 1_100_000 + b'"}',
                                               headers={**employee, "Content-Type": "application/json"}), 413, {}),
        ("post", "/api/v1/tokens", client.post("/api/v1/tokens", json={"name": "a\x00"}, headers=employee), 422,
         {"body": {"name": "a\x00"}}),
    ]
    for method, path, response, status, request in answers:
        assert response.status_code == status, (method, path, response.get_data(as_text=True))
        assert conforms(app, method, path, response, **request)


def test_a_rate_limited_answer_conforms_to_the_document(app, client):
    world = seed(app)
    body = {"url": "https://acme-energie.example/x", "note": None}
    for attempt in range(40):
        response = client.post("/api/v1/proposals", json={**body, "url": f"{body['url']}{attempt}"},
                               headers=world.headers["employee"])
        if response.status_code == 429:
            break
    assert response.status_code == 429 and response.headers["Retry-After"].isdigit()
    assert conforms(app, "post", "/api/v1/proposals", response, body=body)
