"""Invitations to take part in the programme, one per colleague, with the marks of the funnel."""

from peewee import DateTimeField, ForeignKeyField, TextField

from server.auth.models import User
from server.db import BaseModel, utcnow


class RecruitingInvitation(BaseModel):
    invitee = ForeignKeyField(User, unique=True, on_delete="CASCADE", backref="+")
    inviter = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    message = TextField()
    created_at = DateTimeField(default=utcnow)
    sent_at = DateTimeField(null=True)
    reminded_at = DateTimeField(null=True)  # one reminder at most
    opened_at = DateTimeField(null=True)

    class Meta:
        table_name = "recruiting_invitations"
