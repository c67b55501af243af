"""The authorization matrix: every route of the application × anonymous, employee, leader, moderator and
admin, and × another employee's object, answered as tests/auth/access_table.py says.

Real requests through the test client: pages with a session cookie and its CSRF token, the API with a
bearer token (the extension's way); real objects made through the services (tests/auth/access_world.py).
HEAD and OPTIONS are left out: Flask answers HEAD with the GET view, and OPTIONS (CORS preflights) carries
no data. Each caller gets one application, so the 5 roles and the "another employee's object" pass are 6
applications per database.
"""

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from server.auth.roles import PUBLIC, Role
from tests.auth.access_table import CALLERS, ROUTES, mine
from tests.auth.access_world import SECRETS, TEAM, World
from tests.networks.fakes.fixtures import fake_bluesky  # noqa: F401

UNANSWERED_METHODS = {"HEAD", "OPTIONS"}
LOGIN = "a redirect to /login"
WELCOME = "a redirect to the share button's sign-in step"  # /embed/… pages: /login cannot show in a frame
SIGNED_OUT = (LOGIN, WELCOME)
UNAUTHORIZED = {"error": {"code": "unauthorized", "message": "Please sign in.", "fields": {}}}


@pytest.fixture
def app_config(fake_bluesky):  # noqa: F811
    return {
        # Hundreds of requests from one address: rate limits have their own tests (tests/auth/test_access.py).
        "RATELIMIT_ENABLED": False,
        # Previews and feeds are fetched from 127.0.0.1, where nothing listens: refused at once, no DNS.
        "OUTBOUND_ALLOW": ["127.0.0.1"], "OUTBOUND_RESOLVER": lambda host, port: ["127.0.0.1"],
        "NETWORK_ENDPOINTS": {"bluesky": {"pds_url": fake_bluesky.url}},
        "LINKEDIN_CLIENT_ID": "matrix-app", "LINKEDIN_CLIENT_SECRET": "matrix-secret",  # consent is never given
        "BASE_URL": "http://localhost",
    }


@pytest.fixture
def world(app, fake_bluesky):  # noqa: F811
    return World(app, fake_bluesky)


def rules_by_key(app):
    return {(method, rule.rule): rule for rule in app.url_map.iter_rules()
            for method in rule.methods - UNANSWERED_METHODS}


def test_the_table_lists_every_route_and_only_routes_that_exist(app):
    routes = rules_by_key(app)
    missing, gone = sorted(set(routes) - set(ROUTES)), sorted(set(ROUTES) - set(routes))
    assert not missing, f"add these routes to tests/auth/access_table.py: {missing}"
    assert not gone, f"these lines of tests/auth/access_table.py are for routes that no longer exist: {gone}"
    wrong_values = {key: (sorted(routes[key].arguments), sorted(expect.args)) for key, expect in ROUTES.items()
                    if set(expect.args) != set(routes[key].arguments)}
    assert wrong_values == {}, "each URL variable needs a value in the table"


def expected_status(expect, who, api, framed=False):
    if expect.role != PUBLIC and who == "anonymous":
        return 401 if api else WELCOME if framed else LOGIN
    if expect.role != PUBLIC and not Role(who).includes(expect.role):
        return 403
    return expect.status_for(who)


def send(world, caller, key, rule, expect, theirs=False, refused=False):
    """Make the table's request as `caller`; with `theirs`, about the other employee's objects; `refused`
    callers may share the objects they are refused."""
    method = key[0]

    def o(kind):
        return world.theirs(kind, caller) if theirs else world.mine(kind, caller, fresh=not refused)

    def realise(value):
        return value(o) if callable(value) else value

    values = {name: o(value.kind) if isinstance(value, mine) else value for name, value in expect.args.items()}
    path = rule.build(values, append_unknown=False)[1]
    query = realise(expect.query)
    api = rule.rule.startswith("/api/")
    headers = {**caller.bearer, **(realise(expect.headers) or {})} if api else {}
    form = realise(expect.form)
    if not api and method != "GET":
        form = {**(form or {}), "csrf_token": caller.csrf}
    response = caller.client.open(path, method=method, query_string=query, headers=headers,
                                  json=realise(expect.json), data=form)
    flashes = []
    if not api:
        with caller.client.session_transaction() as session:
            flashes = session.pop("_flashes", [])
    response.flashes = flashes
    return path + (f"?{urlencode(query)}" if query else ""), api, response


def problems_with(response, expected, path, api, who, forbidden_flashes=("error",)):
    """What is wrong with the answer, as sentences (none when it is right). A page that redirects leaves a
    message for the next one: `forbidden_flashes` are the kinds it may not be."""
    problems = []
    status = response.status_code
    problems += [f"{status} with the message “{message}” ({kind})" for kind, message in response.flashes
                 if kind in forbidden_flashes]
    if expected == LOGIN:
        location = urlsplit(response.headers.get("Location", ""))
        if status != 302 or location.path != "/login" or parse_qs(location.query).get("next") != [path]:
            problems.append(f"{status} {response.headers.get('Location')}, expected {LOGIN}")
    elif expected == WELCOME:
        location = urlsplit(response.headers.get("Location", ""))
        if status != 302 or location.path != "/embed/welcome":
            problems.append(f"{status} {response.headers.get('Location')}, expected {WELCOME}")
    elif status != expected:
        problems.append(f"{status}, expected {expected}: {response.get_data(as_text=True)[:300]}")
    elif api and expected == 401:
        if response.get_json() != UNAUTHORIZED or not response.headers.get("WWW-Authenticate", "").startswith(
                "Bearer"):
            problems.append(f"401 without the JSON error and WWW-Authenticate: {response.get_data(as_text=True)}")
    elif api and expected == 403 and response.get_json()["error"]["code"] != "forbidden":
        problems.append(f"403 coded {response.get_json()['error']['code']}")
    if who not in TEAM:
        body = response.get_data(as_text=True)
        problems += [f"shows the other employee's {name}" for name, secret in SECRETS.items() if secret in body]
    return problems


@pytest.mark.parametrize("who", CALLERS)
def test_every_route_answers_each_caller_as_the_table_says(world, who):
    caller = world.caller(who)
    problems = []
    for key, rule in rules_by_key(world.app).items():
        if key not in ROUTES:
            continue  # test_the_table_lists_every_route_and_only_routes_that_exist says so
        expect = ROUTES[key]
        expected = expected_status(expect, who, rule.rule.startswith("/api/"), rule.rule.startswith("/embed/"))
        try:
            path, api, response = send(world, world.caller(who) if expect.fresh else caller, key, rule, expect,
                                       refused=expected in (401, 403, *SIGNED_OUT))
        except Exception as exc:  # one broken route must not hide the others
            problems.append(f"{key[0]} {key[1]}: raised {exc!r}")
            continue
        wrong_flashes = () if expect.warns or expected in (401, 403, *SIGNED_OUT) else ("error",)
        problems += [f"{key[0]} {path}: {problem}"
                     for problem in problems_with(response, expected, path, api, who, wrong_flashes)]
    assert not problems, "\n".join(problems)


def test_another_employees_objects_are_out_of_reach(world):
    caller = world.caller(Role.EMPLOYEE)
    problems = []
    for key, rule in rules_by_key(world.app).items():
        expect = ROUTES.get(key)
        if expect is None or expect.other is None:
            continue
        before = world.their_rows()
        try:
            path, api, response = send(world, caller, key, rule, expect, theirs=True)
        except Exception as exc:
            problems.append(f"{key[0]} {key[1]}: raised {exc!r}")
            continue
        problems += [f"{key[0]} {path}: {problem}"  # nothing may have been done to their object
                     for problem in problems_with(response, expect.other, path, api, caller.who, ("success",))]
        if world.their_rows() != before:
            problems.append(f"{key[0]} {path}: changed the other employee's objects")
    assert not problems, "\n".join(problems)
