"""Notices on the employee's pages, by e-mail too, in the recipient's language."""

from email import message_from_bytes, policy
from pathlib import Path

from flask_babel import lazy_gettext as _l

from server.notifications import Notification, notify
from tests.conftest import csrf_token, sign_in_client


def test_a_notice_is_shown_counted_emailed_and_marked_read(app, client, employee):
    employee.locale = "fr"
    employee.save()
    with app.test_request_context():
        notify(employee, "test", _l("Your account"), _l("Your profile is saved."), endpoint="portal.account")
    mail = next((Path(app.instance_path) / "outbox").glob("*.eml"))
    message = message_from_bytes(mail.read_bytes(), policy=policy.default)
    assert message["Subject"] == "Votre compte"
    assert "Votre profil est enregistré." in message.get_content() and "/account" in message.get_content()

    sign_in_client(client, employee)
    home = client.get("/").get_data(as_text=True)
    assert 'class="badge"' in home and ">1</span>" in home
    page = client.get("/notifications").get_data(as_text=True)
    assert "Votre compte" in page and 'href="/account"' in page
    client.post("/notifications/read", data={"csrf_token": csrf_token(client)})
    assert Notification.get().read_at is not None
    assert 'class="badge"' not in client.get("/").get_data(as_text=True)


def test_notices_are_part_of_the_export_and_go_with_the_account(app, client, employee):
    from server.privacy import delete_user, export_user_data

    with app.test_request_context():
        notify(employee, "test", _l("Your account"), send_email=False)
        assert export_user_data(employee)["notifications"][0]["subject"] == "Your account"
        delete_user(employee, actor=None)
    assert Notification.select().count() == 0
