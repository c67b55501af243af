"""GET /s/<code> through the real HTTP stack: the exact destination with its UTM tags, a person's click
counted once, robots, prefetches and HEAD requests redirected uncounted, no address kept anywhere, and every
click of many at once stored."""

import threading
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests

from server.db import database
from tests.tracking.conftest import PERSON

ROBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def clicks_of(app, target_id):
    from server.tracking.models import Click

    if not database.is_closed():
        database.close()  # a connection the fixtures left open may still read an older snapshot
    with app.app_context(), database.connection_context():
        return Click.select().where(Click.target == target_id).count()


@pytest.fixture
def released(app, share_link, employee, make_link):
    from server.library.campaigns import create_campaign

    with app.test_request_context():
        campaign = create_campaign(None, name="Été 2026 : l'Hydrogène !")
    link = make_link("https://acme-energie.example/news/h2?ref=home", campaign_id=campaign.id)
    return share_link(employee, link, networks=("linkedin", "x")).targets


def test_the_redirect_is_exact_with_utm_tags_naming_the_network_and_campaign(live_server, released):
    for target in released:
        response = requests.get(f"{live_server.url}/s/{target.code}", headers={"User-Agent": PERSON},
                                allow_redirects=False, timeout=10)
        assert response.status_code == 302
        location = urlsplit(response.headers["Location"])
        assert (location.scheme, location.netloc, location.path) == (
            "https", "acme-energie.example", "/news/h2")
        assert parse_qsl(location.query) == [("ref", "home"), ("utm_source", target.network),
                                             ("utm_medium", "employee_advocacy"),
                                             ("utm_campaign", "été-2026-l-hydrogène")]
        assert response.headers["Cache-Control"] == "private, no-store"
        assert response.headers["X-Request-ID"]


def test_a_person_is_counted_and_robots_prefetches_and_head_are_not(app, live_server, released):
    target = released[0]
    url = f"{live_server.url}/s/{target.code}"
    for headers in ({"User-Agent": ROBOT}, {"User-Agent": "python-requests/2.32.3"}, {"User-Agent": ""},
                    {"User-Agent": PERSON, "Sec-Purpose": "prefetch"}):
        assert requests.get(url, headers=headers, allow_redirects=False, timeout=10).status_code == 302
    assert requests.head(url, headers={"User-Agent": PERSON}, timeout=10).status_code == 302
    assert clicks_of(app, target.id) == 0
    assert requests.get(url, headers={"User-Agent": PERSON}, allow_redirects=False, timeout=10).status_code == 302
    assert clicks_of(app, target.id) == 1


def test_an_unknown_code_is_the_not_found_page(live_server, released):
    response = requests.get(f"{live_server.url}/s/nothing1", headers={"User-Agent": PERSON}, timeout=10)
    assert response.status_code == 404
    assert "text/html" in response.headers["Content-Type"]


@pytest.mark.parametrize("app_config", [{"PROXY_COUNT": 1}])
def test_no_address_is_kept_anywhere_in_the_database(app, live_server, released, app_config):
    from server.db import backend_name

    address = "203.0.113.77"
    for n in range(5):
        requests.get(f"{live_server.url}/s/{released[n % 2].code}", allow_redirects=False, timeout=10,
                     headers={"User-Agent": PERSON, "X-Forwarded-For": address})
    assert clicks_of(app, released[0].id) + clicks_of(app, released[1].id) == 5
    with app.app_context(), database.connection_context():
        tables = database.get_tables()
        assert "clicks" in tables
        for table in tables:
            cast = "CAST(t AS TEXT)" if backend_name() == "postgresql" else "*"
            rows = database.execute_sql(f"SELECT {cast} FROM {table} t" if cast != "*"  # noqa: S608
                                        else f"SELECT * FROM {table}").fetchall()  # noqa: S608
            assert not any(address in str(row) or "127.0.0.1" in str(row) for row in rows), table


def test_many_people_at_once_are_all_counted(app, live_server, released):
    target, sent, errors = released[0], [0], []
    lock = threading.Lock()

    def visit(n):
        with requests.Session() as session:
            for _ in range(20):
                response = session.get(f"{live_server.url}/s/{target.code}", allow_redirects=False, timeout=30,
                                       headers={"User-Agent": f"{PERSON} {n}"})
                with lock:
                    if response.status_code == 302:
                        sent[0] += 1
                    else:
                        errors.append(response.status_code)

    threads = [threading.Thread(target=visit, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sent[0] == 200
    assert clicks_of(app, target.id) == 200
