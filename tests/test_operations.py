"""Health, the command line, the demo."""

import json

from server.auth.models import Department, User
from server.site_settings import get_setting


def test_healthz_reports_database_and_job_queue(client):
    response = client.get("/healthz")
    body = response.get_json()
    assert response.status_code == 200 and body["status"] == "ok"
    assert body["database"]["ok"] is True and body["database"]["migrations_pending"] == 0
    assert body["database"]["backend"] in ("sqlite", "postgresql")
    assert body["jobs"]["ok"] is True and body["jobs"]["backend"] == "inline"
    assert response.headers["Cache-Control"] == "no-store"


def test_healthz_says_degraded_when_migrations_are_pending(client):
    from server.db import database

    database.execute_sql("DELETE FROM pv_schema_migrations")
    body = client.get("/healthz").get_json()
    assert body["status"] == "degraded" and body["database"]["migrations_pending"] >= 1


def test_create_admin_command_creates_then_promotes(app, employee):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["create-admin", "Boss@Acme.example", "--name", "La Patronne"])
    assert result.exit_code == 0, result.output
    boss = User.get(User.email == "boss@acme.example")
    assert (boss.name, boss.role) == ("La Patronne", "admin")
    result = runner.invoke(args=["create-admin", employee.email])
    assert "is now an administrator" in result.output
    assert User.get_by_id(employee.id).role == "admin"


def test_create_admin_refuses_a_bad_address(app):
    result = app.test_cli_runner().invoke(args=["create-admin", "not-an-address"])
    assert result.exit_code == 2 and "not a valid e-mail address" in result.output
    assert User.select().count() == 0


def test_demo_seeds_a_company_once_and_shows_sign_in_as(app, client):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo", "--if-empty"])
    assert first.exit_code == 0 and "admin@acme-energie.example" in first.output
    roles = sorted({u.role for u in User.select()})
    assert roles == ["admin", "employee", "leader", "moderator"]
    assert Department.select().count() == 5 and get_setting("demo") is True
    second = runner.invoke(args=["demo", "--if-empty"])
    assert "already has users" in second.output and User.select().count() == 7
    page = client.get("/login").get_data(as_text=True)
    assert "Demo: sign in as…" in page and "Alice Martin" in page


def test_sign_in_as_is_absent_outside_demo_mode(client, employee):
    assert "Demo: sign in as" not in client.get("/login").get_data(as_text=True)
    from tests.conftest import csrf_token

    response = client.post("/login/demo", data={"user_id": employee.id, "csrf_token": csrf_token(client, "/login")})
    assert response.status_code == 404


def test_account_export_contains_what_is_kept(client, employee):
    from tests.conftest import sign_in_client

    sign_in_client(client, employee)
    response = client.get("/account/export.json")
    assert response.headers["Content-Disposition"].startswith("attachment")
    document = json.loads(response.get_data(as_text=True))
    assert document["profile"]["email"] == "camille@acme.example"
    assert document["sessions"][0]["method"] == "test"
    assert any(event["action"] == "auth.sign_in" for event in document["activity"])


def test_deleting_ones_account_removes_it_and_signs_out(client, employee, admin):
    from server.audit import AuditEvent
    from tests.conftest import csrf_token, sign_in_client

    sign_in_client(client, employee)
    refused = client.post("/account/delete", data={"csrf_token": csrf_token(client), "confirm_email": "x@y.z"})
    assert refused.status_code == 422 and User.get_or_none(User.id == employee.id) is not None
    response = client.post("/account/delete", data={"csrf_token": csrf_token(client),
                                                    "confirm_email": "camille@acme.example"})
    assert response.status_code == 302
    assert User.get_or_none(User.email == "camille@acme.example") is None
    assert AuditEvent.select().where(AuditEvent.actor == employee.id).count() == 0
    assert client.get("/").status_code == 302


def test_the_last_admin_cannot_delete_their_account(client, admin):
    from tests.conftest import csrf_token, sign_in_client

    sign_in_client(client, admin)
    response = client.post("/account/delete", data={"csrf_token": csrf_token(client), "confirm_email": admin.email})
    assert response.status_code == 409 and User.get_or_none(User.id == admin.id) is not None


def test_admin_invites_someone_from_the_people_page(client, admin, app):
    from pathlib import Path

    from tests.conftest import csrf_token, sign_in_client

    sign_in_client(client, admin)
    department = Department.create(name="Finance")
    response = client.post("/admin/users", data={"csrf_token": csrf_token(client), "email": "paul@acme.example",
                                                 "name": "Paul Lefebvre", "role": "leader",
                                                 "department_id": department.id, "send_invitation": "on"})
    assert response.status_code == 302
    paul = User.get(User.email == "paul@acme.example")
    assert (paul.role, paul.department_id) == ("leader", department.id)
    assert list((Path(app.instance_path) / "outbox").glob("*.eml")), "the invitation e-mail was sent"
    page = client.get("/admin/users?q=paul").get_data(as_text=True)
    table = page[page.index("<table"):page.index("</table>")]
    assert "Paul Lefebvre" in table and "Alice Martin" not in table


def test_readme_documents_every_setting():
    from pathlib import Path

    from server.config import SETTINGS

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    assert [s.env for s in SETTINGS if f"`{s.env}`" not in readme] == []
