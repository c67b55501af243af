"""E-mail to employees: digest preferences and one record per digest (so a crashed run neither skips nor
doubles anyone), administrators' announcements with their per-person deliveries and leaders' relays, and
recruiting invitations with their funnel marks."""

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField


def upgrade(db):
    class Base(Model):
        class Meta:
            database = db

    class User(Base):
        class Meta:
            table_name = "users"

    class Campaign(Base):
        class Meta:
            table_name = "campaigns"

    class DigestPreference(Base):
        user = ForeignKeyField(User, primary_key=True, on_delete="CASCADE")
        frequency = CharField(max_length=8, default="off")
        chosen_at = DateTimeField(null=True)
        invited_at = DateTimeField(null=True)
        invitation_sent_at = DateTimeField(null=True)
        updated_at = DateTimeField()

        class Meta:
            table_name = "digest_preferences"

    class Digest(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        period = CharField(max_length=16)
        frequency = CharField(max_length=8)
        status = CharField(max_length=8)
        link_count = IntegerField(default=0)
        message_id = CharField(max_length=200)
        created_at = DateTimeField()
        sent_at = DateTimeField(null=True)

        class Meta:
            table_name = "digests"
            indexes = ((("user", "period"), True), (("status", "created_at"), False))

    class Announcement(Base):
        author = ForeignKeyField(User, null=True, on_delete="SET NULL")
        campaign = ForeignKeyField(Campaign, null=True, on_delete="SET NULL")
        subject = CharField(max_length=200)
        body = TextField()
        audience = CharField(max_length=12)
        audience_id = IntegerField(null=True)
        created_at = DateTimeField()
        sent_at = DateTimeField(null=True)

        class Meta:
            table_name = "announcements"

    class AnnouncementRelay(Base):
        announcement = ForeignKeyField(Announcement, on_delete="CASCADE")
        leader = ForeignKeyField(User, on_delete="CASCADE")
        note = TextField(null=True)
        created_at = DateTimeField()

        class Meta:
            table_name = "announcement_relays"
            indexes = ((("announcement", "leader"), True),)

    class AnnouncementDelivery(Base):
        announcement = ForeignKeyField(Announcement, on_delete="CASCADE")
        user = ForeignKeyField(User, on_delete="CASCADE")
        source = CharField(max_length=24)  # "admin", or "relay:<leader id>"
        created_at = DateTimeField()
        sent_at = DateTimeField(null=True)

        class Meta:
            table_name = "announcement_deliveries"
            indexes = ((("announcement", "source", "user"), True), (("sent_at",), False))

    class RecruitingInvitation(Base):
        invitee = ForeignKeyField(User, unique=True, on_delete="CASCADE")
        inviter = ForeignKeyField(User, null=True, on_delete="SET NULL")
        message = TextField()
        created_at = DateTimeField()
        sent_at = DateTimeField(null=True)
        reminded_at = DateTimeField(null=True)
        opened_at = DateTimeField(null=True)

        class Meta:
            table_name = "recruiting_invitations"

    db.create_tables([DigestPreference, Digest, Announcement, AnnouncementRelay, AnnouncementDelivery,
                      RecruitingInvitation])
