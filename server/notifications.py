"""Telling people what happened to what they did: a notice on their pages and, by default, an e-mail.

Messages are written in the recipient's language when they are created (they are read later, by someone
else than the person whose request created them).
"""

from flask import Blueprint, current_app, flash, g, redirect, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from peewee import CharField, DateTimeField, ForeignKeyField, TextField

from server.auth.models import User
from server.auth.roles import Role, access
from server.db import BaseModel, utcnow
from server.mail import send_mail
from server.privacy import exporter
from server.public_urls import external_url, site_path


class Notification(BaseModel):
    user = ForeignKeyField(User, on_delete="CASCADE", backref="notifications")
    kind = CharField(max_length=40)
    subject = CharField(max_length=300)
    body = TextField(null=True)
    url = CharField(max_length=500, null=True)
    created_at = DateTimeField(default=utcnow, index=True)
    read_at = DateTimeField(null=True)

    class Meta:
        table_name = "notifications"


def notify(user, kind, subject, body=None, endpoint=None, send_email=True, **url_values):
    """Record a notice for `user` (and e-mail it). `subject`/`body` are lazy strings, rendered in the
    recipient's language; `endpoint` (with `url_values`) is where the notice leads."""
    with force_locale(user.locale or current_app.config["DEFAULT_LOCALE"]):
        subject_text, body_text = str(subject)[:300], (str(body) if body is not None else None)
        url = site_path(endpoint, **url_values) if endpoint else None
        notice = Notification.create(user=user, kind=kind, subject=subject_text, body=body_text, url=url)
        if send_email:
            lines = [body_text or subject_text]
            if endpoint:
                lines.append(external_url(endpoint, **url_values))
            send_mail(user.email, subject_text, "\n\n".join(lines))
    return notice


def unread_count(user):
    return Notification.select().where(Notification.user == user, Notification.read_at.is_null()).count()


def recent(user, limit=50):
    return list(Notification.select().where(Notification.user == user)
                .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit))


def mark_all_read(user):
    return Notification.update(read_at=utcnow()).where(Notification.user == user,
                                                       Notification.read_at.is_null()).execute()


@exporter("notifications")
def _export(user):
    return [{"kind": n.kind, "subject": n.subject, "body": n.body, "created_at": n.created_at.isoformat() + "Z",
             "read": n.read_at is not None} for n in Notification.select().where(Notification.user == user)]


bp = Blueprint("notifications", __name__)


@bp.get("/notifications")
@access(Role.EMPLOYEE)
def index():
    return render_template("portal/notifications.html", notices=recent(g.user))


@bp.post("/notifications/read")
@access(Role.EMPLOYEE)
def read_all():
    mark_all_read(g.user)
    flash(_("All notifications are marked as read."), "success")
    return redirect(url_for("notifications.index"))
