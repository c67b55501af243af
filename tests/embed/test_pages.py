"""The share button's server side through the real HTTP stack: the loader's caching, who may frame the dialog,
the frame's own session and its sign-in handoff, the compose form through the pipeline, the article states."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from server.config import embed_origins
from tests.conftest import sign_in_client

INTRANET = "https://intranet.acme.example"


@pytest.fixture
def app_config():
    return {"EMBED_ORIGINS": [INTRANET]}


def article(url, **more):
    return {"url": url, "origin": INTRANET, "lang": "en", **more}


def frame_cookie(response):
    return next((header for header in response.headers.getlist("Set-Cookie")
                 if header.startswith("pv_embed_session=")), None)


def test_the_loader_has_a_short_cache_and_an_etag_and_a_pinned_copy_a_long_one(client):
    response = client.get("/widget.js")
    assert response.status_code == 200 and response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "public, max-age=300"
    etag = response.headers["ETag"]
    assert client.get("/widget.js", headers={"If-None-Match": etag}).status_code == 304
    pinned = client.get(f"/widget.{etag.strip(chr(34))}.js")
    assert pinned.status_code == 200 and pinned.data == response.data
    assert pinned.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert client.get("/widget.0123456789abcdef.js").status_code == 404


def test_frame_pages_may_be_framed_by_the_configured_intranet_and_no_other_page_may(client, employee, link):
    sign_in_client(client, employee)
    framed = client.get("/embed/compose", query_string=article(link.url))
    assert "frame-ancestors 'self' https://intranet.acme.example" in framed.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in framed.headers
    for path in ("/", "/embed/sign-in", f"/share/{link.id}"):
        page = client.get(path)
        assert page.headers["Content-Security-Policy"].endswith("frame-ancestors 'none'"), path
        assert page.headers["X-Frame-Options"] == "DENY", path


def test_the_frame_talks_only_to_an_allowed_host_origin(client, employee, ready, link):
    ready(employee)
    sign_in_client(client, employee)
    allowed = client.get("/embed/compose", query_string=article(link.url)).get_data(as_text=True)
    assert 'data-host-origin="https://intranet.acme.example"' in allowed
    foreign = client.get("/embed/compose", query_string=article(link.url, origin="https://evil.example"))
    assert 'data-host-origin=""' in foreign.get_data(as_text=True)


def test_an_anonymous_frame_goes_to_the_sign_in_step_with_a_partitioned_cookie_and_keeps_the_article(client, link):
    response = client.get("/embed/compose", query_string=article(link.url))
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert location.path == "/embed/welcome"
    assert parse_qs(location.query) == {"url": [link.url], "origin": [INTRANET], "lang": ["en"]}
    step = client.get(response.headers["Location"])
    assert step.status_code == 200 and "Sign in to share" in step.get_data(as_text=True)
    cookie = frame_cookie(step)
    assert cookie is not None
    assert all(attribute in cookie for attribute in ("Secure", "HttpOnly", "SameSite=None", "Partitioned"))


def _handoff_token(app, employee):
    popup = app.test_client()
    sign_in_client(popup, employee)
    page = popup.get("/embed/sign-in").get_data(as_text=True)
    return re.search(r'data-handoff="([^"]+)"', page).group(1)


def _welcome(frame, link):
    page = frame.get("/embed/welcome", query_string=article(link.url)).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_the_popup_hands_the_frame_a_session_once(app, employee, ready, link):
    ready(employee)
    token = _handoff_token(app, employee)
    frame = app.test_client()
    csrf = _welcome(frame, link)
    next_path = "/embed/compose?url=" + link.url
    answer = frame.post("/embed/session", data={"csrf_token": csrf, "token": token, "next": next_path})
    assert answer.status_code == 302 and answer.headers["Location"] == next_path
    assert frame_cookie(answer) is not None and frame.get_cookie("pv_session") is None
    compose = frame.get("/embed/compose", query_string=article(link.url))
    assert compose.status_code == 200 and 'id="compose"' in compose.get_data(as_text=True)

    again = app.test_client()
    spent = again.post("/embed/session", data={"csrf_token": _welcome(again, link), "token": token})
    assert spent.status_code == 400
    assert again.get("/embed/compose", query_string=article(link.url)).status_code == 302  # still signed out


def test_a_forged_handoff_token_signs_nobody_in(app, link):
    frame = app.test_client()
    answer = frame.post("/embed/session", data={"csrf_token": _welcome(frame, link), "token": "forged.token.value"})
    assert answer.status_code == 400
    assert "This sign-in could not be completed" in answer.get_data(as_text=True)


def test_the_popup_sends_a_signed_out_employee_to_the_login_page_and_back(client):
    response = client.get("/embed/sign-in")
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert (location.path, parse_qs(location.query)) == ("/login", {"next": ["/embed/sign-in"]})


def _csrf(page):
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)


def test_the_frame_shares_through_the_pipeline_as_the_widget(client, employee, ready, link):
    from server.shares.models import Share

    ready(employee)
    sign_in_client(client, employee)
    page = client.get("/embed/compose", query_string=article(link.url, lang="fr")).get_data(as_text=True)
    assert '<html lang="fr">' in page and "Vos mots" in page
    action = re.search(r'<form method="post" action="([^"]+)" id="compose"', page).group(1).replace("&amp;", "&")
    form = {"csrf_token": _csrf(page), "text": "Fiers de notre site de Lyon !", "network": "linkedin",
            "idempotency_key": "embed-1"}
    answer = client.post(action, data=form)
    share = Share.get(Share.user == employee.id)
    assert (share.source, share.state) == ("widget", "approved")
    assert answer.status_code == 302
    assert urlsplit(answer.headers["Location"]).path == f"/embed/shares/{share.id}"
    done = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert f'data-done="{share.id}"' in done and "Prêt à ouvrir" in done and "/s/" in done


def test_the_charter_blocks_in_the_frame_as_in_the_portal(client, employee, ready, link):
    ready(employee)
    sign_in_client(client, employee)
    page = client.get("/embed/compose", query_string=article(link.url)).get_data(as_text=True)
    answer = client.post(f"/embed/compose?url={link.url}", data={
        "csrf_token": _csrf(page), "text": "C'est nul à chier", "network": "linkedin", "idempotency_key": "k"})
    assert answer.status_code == 422
    assert "The charter blocks this text" in answer.get_data(as_text=True)


def test_the_charter_steps_happen_in_the_frame_and_come_back_to_the_article(client, employee, charter, link):
    from server.shares.pipeline import opt_in

    with client.application.test_request_context():
        opt_in(employee)
    sign_in_client(client, employee)
    page = client.get("/embed/compose", query_string=article(link.url)).get_data(as_text=True)
    assert "One step before you share" in page and "Be yourself." in page, "the charter is read in the frame"
    action = re.search(r'<form method="post" action="(/embed/first-steps[^"]*)"', page).group(1)
    answer = client.post(action.replace("&amp;", "&"), data={"csrf_token": _csrf(page), "version": charter.number})
    assert answer.status_code == 302 and urlsplit(answer.headers["Location"]).path == "/embed/compose"
    assert parse_qs(urlsplit(answer.headers["Location"]).query)["url"] == [link.url]
    assert 'id="compose"' in client.get(answer.headers["Location"]).get_data(as_text=True)


def test_an_address_outside_the_library_can_be_suggested_from_the_frame(client, employee, ready):
    from server.library.models import Link

    ready(employee)
    sign_in_client(client, employee)
    url = "https://acme-energie.example/news/not-yet"
    page = client.get("/embed/compose", query_string=article(url)).get_data(as_text=True)
    assert "This article is not in the library" in page
    answer = client.post(f"/embed/proposals?url={url}", data={"csrf_token": _csrf(page), "note": "À lire"})
    assert answer.status_code == 302
    proposal = Link.get(Link.url == url)
    assert (proposal.status, proposal.proposed_by_id, proposal.proposal_note) == ("proposed", employee.id, "À lire")
    after = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "It has been suggested already" in after


def test_a_malformed_address_is_explained(client, employee, ready):
    ready(employee)
    sign_in_client(client, employee)
    response = client.get("/embed/compose", query_string=article("not a web address"))
    assert response.status_code == 422 and "This link cannot be shared" in response.get_data(as_text=True)


def test_embed_origins_must_be_origins():
    assert embed_origins(["https://Intranet.Acme.example", "http://127.0.0.1:5001/"]) == [
        "https://intranet.acme.example", "http://127.0.0.1:5001"]
    for bad in ("intranet.acme.example", "https://intranet.acme.example/news", "ftp://x.example"):
        with pytest.raises(SystemExit):
            embed_origins([bad])


def test_the_sample_intranet_loads_the_loader_from_the_server_beside_approved_and_unapproved_articles():
    from werkzeug.test import Client

    from server.embed.demo_intranet import NOT_IN_LIBRARY, intranet_app
    from server.library.demo_content import LINKS

    pages = Client(intranet_app("http://127.0.0.1:5000"))
    news = pages.get("/").get_data(as_text=True)
    assert news.count('<script src="http://127.0.0.1:5000/widget.js" async></script>') == 1
    assert news.count("data-pv-share") == 4 and f'data-url="{NOT_IN_LIBRARY}"' in news
    assert all(f'data-url="{url}"' in news for url, *_rest in [link for link in LINKS if link[4] == "fr"][:3])
    late = pages.get("/late").get_data(as_text=True)
    assert "setTimeout" in late and "pv-share" in late
    assert pages.get("/nothing").status_code == 404
