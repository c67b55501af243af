"""Input the database cannot hold is refused up front, naming what is wrong: integers too large for it
(in a path: 404; in a body or a query: 422), quiz answers that do not fit the quiz, NUL characters in any
text (and bidirectional controls are taken out of names)."""

import io

import pytest
from werkzeug.exceptions import NotFound
from werkzeug.routing import IntegerConverter

from tests.conftest import csrf_token, sign_in_client
from tests.support.world import WORLD_CONFIG, seed

TOO_LARGE = (2**63, 2**31)  # what overflows the drivers, what overflows PostgreSQL's INTEGER columns
BIDI_CONTROLS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.fixture
def app_config():
    return WORLD_CONFIG


@pytest.fixture
def world(app):
    return seed(app)


def error_of(response):
    body = response.get_json()
    assert set(body) == {"error"} and {"code", "message", "fields"} <= set(body["error"]), body
    return body["error"]


# -- integers ------------------------------------------------------------------------------------------------

PATHS_WITH_IDS = [
    ("get", "/api/v1/shares/{}"), ("post", "/api/v1/shares/{}/cancel"), ("get", "/api/v1/links/{}"),
    ("patch", "/api/v1/users/{}"), ("get", "/api/v1/library/{}/idea"), ("delete", "/api/v1/tokens/{}"),
    ("get", "/api/v1/charter/versions/{}"), ("get", "/admin/links/{}"), ("get", "/shares/{}"),
]


@pytest.mark.parametrize("number", [*TOO_LARGE, "9" * 5000])
def test_an_id_too_large_for_the_database_in_a_path_is_404(client, world, number):
    sign_in_client(client, _admin(world))
    for method, path in PATHS_WITH_IDS:
        headers = world.headers["admin"] if path.startswith("/api/") else {}
        response = getattr(client, method)(path.format(number), json={}, headers=headers)
        assert response.status_code == 404, (method, path)


def _admin(world):
    from server.auth.models import User

    return User.get_by_id(world.users["admin"])


def test_every_route_with_a_number_in_its_path_answers_404_for_one_too_large(app, client, world):
    sign_in_client(client, _admin(world))
    token = csrf_token(client)
    checked = 0
    for rule in app.url_map.iter_rules():
        if not any(isinstance(converter, IntegerConverter) for converter in rule._converters.values()):
            continue
        values = {name: 2**63 if isinstance(converter, IntegerConverter) else "linkedin"
                  for name, converter in rule._converters.items()}
        path = rule.rule
        for name, value in values.items():
            path = path.replace(f"<int:{name}>", str(value)).replace(f"<{name}>", str(value))
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            headers = world.headers["admin"] if path.startswith("/api/") else {"X-CSRFToken": token}
            response = client.open(path, method=method, headers=headers)
            assert response.status_code == 404, (method, path, response.status_code)
            checked += 1
    assert checked > 40


BODIES_WITH_INTEGERS = [
    ("admin", "post", "/api/v1/campaigns", {"name": "Été", "target_shares": "N"}, "target_shares"),
    ("admin", "post", "/api/v1/campaigns", {"name": "Été", "department_ids": ["N"]}, "department_ids"),
    ("admin", "post", "/api/v1/links", {"url": "https://acme-energie.example/x", "campaign_id": "N"}, "campaign_id"),
    ("admin", "patch", "/api/v1/users/{employee}", {"department_id": "N"}, "department_id"),
    ("admin", "post", "/api/v1/users", {"email": "zoe@acme.example", "name": "Zoé", "department_id": "N"},
     "department_id"),
    ("employee", "post", "/api/v1/shares", {"link_id": "N", "text": "Bravo", "targets": [{"network": "x"}]},
     "link_id"),
    ("employee", "post", "/api/v1/charter/acknowledgements", {"version": "N"}, "version"),
    ("employee", "put", "/api/v1/me/interests", {"interest_ids": ["N"]}, "interest_ids"),
    ("admin", "post", "/api/v1/charter/versions", {"document": {}, "based_on": "N"}, "based_on"),
]


@pytest.mark.parametrize("number", TOO_LARGE)
def test_an_integer_too_large_in_a_body_is_422_naming_the_field(client, world, number):
    for role, method, path, body, field in BODIES_WITH_INTEGERS:
        body = {key: _with_number(value, number) for key, value in body.items()}
        headers = {**world.headers[role], "Idempotency-Key": f"big-{number}"}
        response = getattr(client, method)(path.format(employee=world.users["employee"]), json=body,
                                           headers=headers)
        assert response.status_code == 422, (path, body, response.get_data(as_text=True))
        assert field in error_of(response)["fields"], (path, body)


def _with_number(value, number):
    if value == "N":
        return number
    return [number] if value == ["N"] else value


QUERIES_WITH_INTEGERS = [
    ("admin", "/api/v1/links?campaign_id={}", "campaign_id"),
    ("admin", "/api/v1/links?department_id={}", "department_id"),
    ("admin", "/api/v1/links?offset={}", "offset"),
    ("employee", "/api/v1/library?campaign_id={}", "campaign_id"),
    ("moderator", "/api/v1/reviews?campaign_id={}", "campaign_id"),
    ("admin", "/api/v1/audit?before_id={}", "before_id"),
    ("admin", "/api/v1/users?department_id={}", "department_id"),
    ("employee", "/api/v1/library/{link}/idea?turn={}", "turn"),
]


@pytest.mark.parametrize("number", TOO_LARGE)
def test_an_integer_too_large_in_a_query_is_422_naming_the_field(client, world, number):
    for role, path, field in QUERIES_WITH_INTEGERS:
        response = client.get(path.format(number, link=world.ids["link"]), headers=world.headers[role])
        assert response.status_code == 422, (path, response.get_data(as_text=True))
        assert field in error_of(response)["fields"], path


def test_a_fractional_number_is_refused_not_truncated(client, world):
    response = client.patch(f"/api/v1/campaigns/{world.ids['campaign']}", json={"target_shares": 12.5},
                            headers=world.headers["admin"])
    assert response.status_code == 422 and "target_shares" in error_of(response)["fields"]
    campaign = client.get(f"/api/v1/campaigns/{world.ids['campaign']}", headers=world.headers["admin"]).get_json()
    assert campaign["target_shares"] == 100


def test_every_schema_refuses_nul_and_every_integer_field_is_bounded():
    """The rules above hold for every schema only if each takes them from schemas.common."""
    import importlib
    import inspect
    import pkgutil

    from marshmallow import fields

    import schemas
    from schemas.common import BoundedInteger, Schema

    unbounded, plain = [], []
    for module_info in pkgutil.iter_modules(schemas.__path__):
        module = importlib.import_module(f"schemas.{module_info.name}")
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if not hasattr(cls, "_declared_fields") or cls.__module__ != module.__name__:
                continue
            if not issubclass(cls, Schema):
                plain.append(name)
            for field_name, field in cls._declared_fields.items():
                inner = getattr(field, "inner", field)
                for candidate in (field, inner):
                    if isinstance(candidate, fields.Integer) and not isinstance(candidate, BoundedInteger):
                        unbounded.append(f"{name}.{field_name}")
    assert plain == [] and unbounded == []


# -- the quiz ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("answers, problem_at", [
    ([5, 2, 1], {"0", "_schema"}),
    ([0, 7, 3], {"1", "_schema"}),
    ([0, 2, 1, 0, 1], {"_schema"}),
    ([0, "2"], {"1"}),
    ([True, 2], {"0"}),
    ([0, 2.5], {"1"}),
    ([0, None], {"1"}),
    ([0, [2]], {"1"}),
    ([0, 2**63], {"1"}),
])
def test_quiz_answers_that_do_not_fit_the_quiz_are_422_naming_each(client, world, answers, problem_at):
    from server.charter.models import CharterQuizAttempt

    before = CharterQuizAttempt.select().count()
    response = client.post("/api/v1/charter/quiz/attempts", json={"answers": answers},
                           headers=world.headers["employee"])
    assert response.status_code == 422, response.get_data(as_text=True)
    assert set(error_of(response)["fields"]["answers"]) == problem_at
    assert CharterQuizAttempt.select().count() == before


# -- NUL characters ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("role, method, path, body, field", [
    ("employee", "post", "/api/v1/tokens", {"name": "Fire\x00fox"}, "name"),
    ("employee", "patch", "/api/v1/me", {"name": "Cam\x00ille"}, "name"),
    ("admin", "post", "/api/v1/departments", {"name": "Ven\x00tes"}, "name"),
    ("admin", "post", "/api/v1/users", {"email": "zoe@acme.example", "name": "Zo\x00é"}, "name"),
    ("admin", "post", "/api/v1/links", {"url": "https://acme-energie.example/\x00"}, "url"),
    ("admin", "post", "/api/v1/links", {"url": "https://acme-energie.example/n", "title": "T\x00"}, "title"),
    ("admin", "post", "/api/v1/links", {"url": "https://acme-energie.example/n", "description": "\x00"},
     "description"),
    ("admin", "post", "/api/v1/links", {"url": "https://acme-energie.example/n", "tags": ["ok", "t\x00g"]}, "tags"),
    ("admin", "patch", "/api/v1/links/{link}", {"site_name": "Acme\x00"}, "site_name"),
    ("admin", "put", "/api/v1/links/{link}/kit", {"captions": [{"language": "fr", "text": "Bravo\x00"}]},
     "captions"),
    ("admin", "post", "/api/v1/campaigns", {"name": "Été", "objective": "Plus\x00de clics"}, "objective"),
    ("admin", "post", "/api/v1/feeds", {"url": "https://acme-energie.example/feed\x00"}, "url"),
    ("admin", "post", "/api/v1/charter/versions", {"document": {"name": "Charte\x00"}}, "document"),
    ("admin", "post", "/api/v1/charter/versions", {"document": {"name\x00": "Charte"}}, "document"),
    ("employee", "post", "/api/v1/checks", {"text": "Bonjour\x00"}, "text"),
    ("employee", "post", "/api/v1/proposals", {"url": "https://acme-energie.example/p", "note": "\x00"}, "note"),
    ("employee", "post", "/api/v1/shares", {"link_id": "{link}", "text": "Bravo\x00", "targets": [
        {"network": "linkedin"}]}, "text"),
    ("employee", "post", "/api/v1/shares/{share}/resubmit", {"text": "Bravo\x00"}, "text"),
    ("moderator", "post", "/api/v1/reviews/{share}/reject", {"reason": "Non\x00"}, "reason"),
])
def test_a_nul_character_in_a_text_field_is_422_naming_the_field(client, world, role, method, path, body, field):
    from server.auth.models import ApiToken, Department, User
    from server.library.models import Campaign, Link

    def counts():
        return [model.select().count() for model in (ApiToken, Department, User, Link, Campaign)]

    before = counts()
    body = {key: world.ids["link"] if value == "{link}" else value for key, value in body.items()}
    headers = {**world.headers[role], "Idempotency-Key": "nul"}
    response = getattr(client, method)(path.format(**world.ids), json=body, headers=headers)
    assert response.status_code == 422, response.get_data(as_text=True)
    assert field in error_of(response)["fields"]
    assert counts() == before


@pytest.mark.parametrize("path", ["/api/v1/links?q=sol\x00aire", "/api/v1/users?q=\x00", "/api/v1/links?tag\x00=1"])
def test_a_nul_character_in_a_query_is_422(client, world, path):
    response = client.get(path, headers=world.headers["admin"])
    assert response.status_code == 422 and error_of(response)["fields"]


def test_a_nul_character_in_a_path_finds_nothing(client, world):
    response = client.post(f"/api/v1/shares/{world.ids['share']}/targets/linked%00in/opened",
                           headers=world.headers["employee"])
    assert response.status_code == 404


def test_a_nul_character_in_a_page_form_is_refused_on_the_page(client, world):
    from server.auth.models import User

    employee = User.get_by_id(world.users["employee"])
    sign_in_client(client, employee)
    token = csrf_token(client)
    response = client.post("/account/profile", data={"csrf_token": token, "name": "Cam\x00ille",
                                                     "timezone": "Europe/Paris"})
    assert response.status_code == 422 and "NUL" in response.get_data(as_text=True)
    assert User.get_by_id(employee.id).name == employee.name


def test_a_nul_character_in_a_form_no_schema_reads_is_refused(client, world):
    from server.charter.models import CharterVersion

    sign_in_client(client, _admin(world))
    before = CharterVersion.select().count()
    response = client.post("/admin/charter/import", data={"csrf_token": csrf_token(client), "note": "v\x00",
                                                          "document": '{"name": "Charte"}'})
    assert response.status_code == 422
    assert CharterVersion.select().count() == before


def test_a_csv_file_with_a_nul_character_is_refused_whole(client, world):
    from server.library.models import Link, LinkImport

    before = (LinkImport.select().count(), Link.select().count())
    csv = "url,title,category,tags,departments,interests,campaign,not_before,not_after\n" \
          "https://acme-energie.example/ok,Bon,sector,,,,,,\nhttps://acme-energie.example/nul,Ti\x00tre,sector,,,,,,\n"
    response = client.post("/api/v1/link-imports", data={"file": (io.BytesIO(csv.encode()), "links.csv")},
                           headers=world.headers["admin"], content_type="multipart/form-data")
    assert response.status_code == 422 and "Row 3" in error_of(response)["fields"]["file"][0]
    assert (LinkImport.select().count(), Link.select().count()) == before


def test_an_uploaded_file_named_with_a_nul_character_is_refused(client, world):
    csv = "url\nhttps://acme-energie.example/ok\n"
    response = client.post("/api/v1/link-imports", data={"file": (io.BytesIO(csv.encode()), "li\x00nks.csv")},
                           headers=world.headers["admin"], content_type="multipart/form-data")
    assert response.status_code == 422 and "NUL" in error_of(response)["fields"]["file"][0]


def test_a_charter_file_with_an_escaped_nul_character_is_refused(client, world):
    from server.charter.models import CharterVersion

    sign_in_client(client, _admin(world))
    before = CharterVersion.select().count()
    document = b'{"name": "Charte\\u0000", "languages": ["fr"]}'
    response = client.post("/admin/charter/import", data={"csrf_token": csrf_token(client),
                                                          "file": (io.BytesIO(document), "charte.json")},
                           content_type="multipart/form-data")
    assert response.status_code == 422 and "NUL" in response.get_data(as_text=True)
    assert CharterVersion.select().count() == before


# -- names lose their bidirectional controls -----------------------------------------------------------------

def test_bidirectional_controls_are_taken_out_of_names(client, world):
    admin, employee = world.headers["admin"], world.headers["employee"]
    department = client.post("/api/v1/departments", json={"name": "\u202eVentes\u202c"}, headers=admin)
    assert department.status_code == 201 and department.get_json()["name"] == "Ventes"
    me = client.patch("/api/v1/me", json={"name": "Camille\u2066 Durand\u2069\u200f"}, headers=employee)
    assert me.get_json()["name"] == "Camille Durand"
    campaign = client.post("/api/v1/campaigns", json={"name": "\u2067Été\u2069"}, headers=admin)
    assert campaign.get_json()["name"] == "Été"
    link = client.patch(f"/api/v1/links/{world.ids['link']}", json={"title": "Solaire\u061c\u202d"}, headers=admin)
    assert link.get_json()["title"] == "Solaire"


def test_a_name_of_bidirectional_controls_only_is_an_empty_name(client, world):
    response = client.post("/api/v1/departments", json={"name": BIDI_CONTROLS},
                           headers=world.headers["admin"])
    assert response.status_code == 422 and "name" in error_of(response)["fields"]


def test_free_text_keeps_its_bidirectional_controls(client, world):
    text = "\u2067שלום\u2069 from Acme"
    response = client.patch(f"/api/v1/links/{world.ids['link']}", json={"description": text},
                            headers=world.headers["admin"])
    assert response.status_code == 200 and response.get_json()["description"] == text


@pytest.mark.parametrize("number, routed", [
    (0, True), (7, True), (1_999_999_999, True), (2_147_483_639, True), (2_147_483_647, True),
    (2_147_483_648, False), (2_147_483_700, False), (2_200_000_000, False), (9_999_999_999, False),
    (10_000_000_000, False), ("007", False),
])
def test_a_path_number_reaches_its_route_exactly_when_the_database_can_hold_it(app, number, routed):
    adapter = app.url_map.bind("localhost")
    try:
        endpoint, values = adapter.match(f"/api/v1/shares/{number}", "GET")
    except NotFound:
        endpoint, values = None, {}
    assert (endpoint == "shares_api.get_share" and values["share_id"] == int(number)) is routed
