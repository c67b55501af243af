"""The server's side of the extension through the real HTTP stack: the connect page and its token hand-off,
the extension disconnecting itself, the administrators' instructions."""

import re

import pytest

from server.auth.models import ApiToken
from server.extension import CHROME_EXTENSION_ID, FIREFOX_EXTENSION_ID
from tests.conftest import csrf_token, sign_in_client

TOKEN_IN_PAGE = re.compile(r'<output id="pv-extension-token" data-token="(pv_[^"]+)" hidden>')


def connect(client, name="Firefox on Windows", bridge="1"):
    token = csrf_token(client, "/extension/connect")
    return client.post("/extension/connect", data={"csrf_token": token, "name": name, "bridge": bridge})


def test_the_connect_page_asks_to_sign_in_first_and_comes_back(client):
    response = client.get("/extension/connect?browser=Chrome+on+Linux")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=/extension/connect?browser%3DChrome%2Bon%2BLinux"


def test_the_connect_page_names_the_browser_and_creates_nothing_by_itself(client, employee):
    sign_in_client(client, employee)
    page = client.get("/extension/connect?browser=Chrome+on+Linux").get_data(as_text=True)
    assert 'value="Chrome on Linux"' in page and "Connect this browser" in page
    assert ApiToken.select().count() == 0


def test_confirming_puts_the_token_in_the_answer_only(client, employee):
    sign_in_client(client, employee)
    response = connect(client)
    assert response.status_code == 201
    assert response.headers["Cache-Control"] == "no-store" and response.headers["Referrer-Policy"] == "no-referrer"
    raw = TOKEN_IN_PAGE.search(response.get_data(as_text=True)).group(1)
    assert raw not in response.headers.get("Location", "")
    row = ApiToken.get(ApiToken.user == employee)
    assert (row.name, row.revoked_at) == ("Firefox on Windows", None) and raw.startswith(row.prefix)
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).get_json()["email"] == employee.email


def test_without_the_extension_listening_no_token_is_made(client, employee):
    sign_in_client(client, employee)
    response = connect(client, bridge="")
    assert response.status_code == 422
    assert "The extension did not answer on this page" in response.get_data(as_text=True)
    assert ApiToken.select().count() == 0


def test_connecting_the_same_browser_again_replaces_its_token(client, employee):
    sign_in_client(client, employee)
    first = TOKEN_IN_PAGE.search(connect(client).get_data(as_text=True)).group(1)
    second = TOKEN_IN_PAGE.search(connect(client).get_data(as_text=True)).group(1)
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {first}"}).status_code == 401
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {second}"}).status_code == 200
    assert ApiToken.select().where(ApiToken.revoked_at.is_null()).count() == 1


def test_an_overlong_browser_name_is_refused_with_the_reason(client, employee):
    sign_in_client(client, employee)
    response = connect(client, name="x" * 81)
    assert response.status_code == 422 and ApiToken.select().count() == 0


def test_the_extension_revokes_its_own_token(client, employee, bearer):
    headers = bearer(employee)
    assert client.delete("/api/v1/extension/token", headers=headers).status_code == 204
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    assert ApiToken.get(ApiToken.user == employee).revoked_at is not None


def test_revoking_by_session_is_refused_with_the_reason(client, employee):
    sign_in_client(client, employee)
    response = client.delete("/api/v1/extension/token", headers={"X-CSRFToken": csrf_token(client)})
    assert response.status_code == 422
    assert "Authorization: Bearer" in response.get_json()["error"]["message"]


@pytest.mark.parametrize("app_config", [{"CORS_ORIGINS": [f"chrome-extension://{CHROME_EXTENSION_ID}"],
                                         "BASE_URL": "https://share.acme.example"}])
def test_administrators_get_the_install_and_managed_configuration_instructions(client, admin, employee):
    sign_in_client(client, employee)
    assert client.get("/admin/extension").status_code == 403
    sign_in_client(client, admin)
    page = client.get("/admin/extension").get_data(as_text=True)
    assert CHROME_EXTENSION_ID in page and FIREFOX_EXTENSION_ID in page
    assert "&#34;server_url&#34;: &#34;https://share.acme.example&#34;" in page
    assert "ExtensionInstallForcelist" in page and "policies.json" in page
    assert f"3rdparty\\extensions\\{CHROME_EXTENSION_ID}\\policy" in page
    assert "The Chrome extension's origin is listed." in page


def test_the_connect_page_speaks_french(client, employee):
    employee.locale = "fr"
    employee.save()
    sign_in_client(client, employee)
    page = client.get("/extension/connect").get_data(as_text=True)
    assert "Connecter l'extension de navigateur" in page and "Connecter ce navigateur" in page
