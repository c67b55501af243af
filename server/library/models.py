"""The content library's tables: links and their kits, targets, campaigns, feeds, interests, CSV imports.

A link is stored once under its canonical URL (`url_hash` is the unique key: a B-tree cannot index URLs
of several kilobytes on PostgreSQL). Its `search_text` is the accent-free, lower-case text the full-text
index reads (FTS5 on SQLite, a generated tsvector on PostgreSQL; see server/library/search.py).
"""

import hashlib

from peewee import (
    BooleanField,
    CharField,
    CompositeKey,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from server.auth.models import Department, User
from server.db import BaseModel, JSONField, utcnow

CATEGORIES = ("product", "culture", "sector")
# The mix the communication team aims at: a little product, some culture, mostly the sector.
TARGET_MIX = {"product": 20, "culture": 30, "sector": 50}


class LinkStatus:
    PROPOSED = "proposed"
    APPROVED = "approved"
    ARCHIVED = "archived"
    ALL = (PROPOSED, APPROVED, ARCHIVED)


class LinkSource:
    ADMIN = "admin"
    PROPOSAL = "proposal"
    FEED = "feed"
    CSV = "csv"
    DEMO = "demo"
    ALL = (ADMIN, PROPOSAL, FEED, CSV, DEMO)


class PreviewStatus:
    """Where the link-preview fetch stands. `manual`: the preview was typed in, nothing to fetch."""

    PENDING = "pending"
    FETCHED = "fetched"
    FAILED = "failed"
    MANUAL = "manual"
    ALL = (PENDING, FETCHED, FAILED, MANUAL)


class Moderation:
    """How the share pipeline reviews a campaign's shares (applied there, stored here)."""

    NONE = "none"
    TERMS = "terms"  # only shares whose text triggers a charter term are reviewed
    EVERY_SHARE = "every_share"
    ALL = (NONE, TERMS, EVERY_SHARE)


def url_hash(url):
    """The unique key of a canonical URL."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


class Interest(BaseModel):
    """A subject employees may follow and links may be targeted at ("hydrogène", "recrutement")."""

    name = CharField(max_length=100)
    key = CharField(max_length=100, unique=True)  # casefolded name: "Hydrogène" and "hydrogène" are one
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "interests"


class UserInterest(BaseModel):
    user = ForeignKeyField(User, on_delete="CASCADE", backref="interest_rows")
    interest = ForeignKeyField(Interest, on_delete="CASCADE")

    class Meta:
        table_name = "user_interests"
        primary_key = CompositeKey("user", "interest")


class Campaign(BaseModel):
    name = CharField(max_length=200, unique=True)
    objective = TextField(null=True)
    hashtag = CharField(max_length=100, null=True)  # without '#'; the charter's hashtag_required
    starts_at = DateTimeField(null=True)
    ends_at = DateTimeField(null=True)
    target_shares = IntegerField(null=True)
    target_clicks = IntegerField(null=True)
    moderation = CharField(max_length=16, default=Moderation.NONE)
    # Applied by the share pipeline, in each employee's own time zone: shares a day, and when (HH:MM–HH:MM).
    daily_share_cap = IntegerField(null=True)
    sharing_hours_start = CharField(max_length=5, null=True)
    sharing_hours_end = CharField(max_length=5, null=True)
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "campaigns"

    def is_active(self, now):
        return (self.starts_at is None or self.starts_at <= now) and (self.ends_at is None or now <= self.ends_at)


class CampaignDepartment(BaseModel):
    """A campaign's audience; a campaign without rows speaks to everyone."""

    campaign = ForeignKeyField(Campaign, on_delete="CASCADE", backref="audience_rows")
    department = ForeignKeyField(Department, on_delete="CASCADE")

    class Meta:
        table_name = "campaigns_audience"
        primary_key = CompositeKey("campaign", "department")


class Feed(BaseModel):
    """An RSS/Atom subscription whose new items arrive as proposed links."""

    url = TextField()
    url_hash = CharField(max_length=64, unique=True)
    title = CharField(max_length=300, null=True)
    category = CharField(max_length=16, null=True)  # given to the links it brings
    language = CharField(max_length=35, null=True)
    campaign = ForeignKeyField(Campaign, null=True, on_delete="SET NULL", backref="feeds")
    active = BooleanField(default=True)
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    created_at = DateTimeField(default=utcnow)
    last_polled_at = DateTimeField(null=True)
    last_success_at = DateTimeField(null=True)
    last_error_code = CharField(max_length=40, null=True)
    last_error = TextField(null=True)
    failures = IntegerField(default=0)  # consecutive failed polls
    items_imported = IntegerField(default=0)

    class Meta:
        table_name = "feeds"


class Link(BaseModel):
    url = TextField()
    url_hash = CharField(max_length=64, unique=True)
    # The page's own canonical address when it differs (found by the preview fetch): lookups match it too.
    alternate_url_hash = CharField(max_length=64, null=True, index=True)
    title = CharField(max_length=300, null=True)
    description = TextField(null=True)
    image_url = TextField(null=True)
    site_name = CharField(max_length=200, null=True)
    language = CharField(max_length=35, null=True)
    category = CharField(max_length=16, null=True)
    tags = JSONField(default=list)
    status = CharField(max_length=16, default=LinkStatus.PROPOSED)
    source = CharField(max_length=16, default=LinkSource.ADMIN)
    feed = ForeignKeyField(Feed, null=True, on_delete="SET NULL", backref="links")
    campaign = ForeignKeyField(Campaign, null=True, on_delete="SET NULL", backref="links")
    # True when link_departments holds rows for it: suggestions read this flag instead of looking for the
    # absence of rows, which a database cannot answer from an index.
    for_departments = BooleanField(default=False)
    not_before = DateTimeField(null=True)
    not_after = DateTimeField(null=True)
    published_at = DateTimeField(null=True)
    proposed_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="proposed_links")
    proposal_note = TextField(null=True)
    approved_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    approved_at = DateTimeField(null=True)
    archived_at = DateTimeField(null=True)
    archive_reason = TextField(null=True)
    preview_status = CharField(max_length=16, default=PreviewStatus.PENDING)
    preview_error_code = CharField(max_length=40, null=True)
    preview_error = TextField(null=True)
    preview_fetched_at = DateTimeField(null=True)
    search_text = TextField(default="")
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "links"
        indexes = (
            (("status", "approved_at"), False),
            (("campaign", "approved_at"), False),
            (("status", "created_at"), False),
        )

    def save(self, *args, **kwargs):
        # Every write through the model keeps the full-text index's input in step with the fields.
        from server.library.search import search_text_of

        self.search_text = search_text_of(self)
        self.updated_at = utcnow()
        return super().save(*args, **kwargs)

    @property
    def display_title(self):
        return self.title or self.url

    def validity(self, now):
        """'embargoed', 'expired' or 'valid' at `now` (naive UTC)."""
        if self.not_before is not None and now < self.not_before:
            return "embargoed"
        if self.not_after is not None and now > self.not_after:
            return "expired"
        return "valid"


class LinkDepartment(BaseModel):
    """A link's target departments; a link without rows is for everyone."""

    link = ForeignKeyField(Link, on_delete="CASCADE", backref="department_rows")
    department = ForeignKeyField(Department, on_delete="CASCADE")

    class Meta:
        table_name = "link_departments"
        primary_key = CompositeKey("link", "department")
        indexes = ((("department", "link"), False),)


class LinkInterest(BaseModel):
    link = ForeignKeyField(Link, on_delete="CASCADE", backref="interest_rows")
    interest = ForeignKeyField(Interest, on_delete="CASCADE")

    class Meta:
        table_name = "link_interests"
        primary_key = CompositeKey("link", "interest")
        indexes = ((("interest", "link"), False),)


class KitCaption(BaseModel):
    """One caption idea of a link's ready-to-post kit, in one language."""

    link = ForeignKeyField(Link, on_delete="CASCADE", backref="captions")
    language = CharField(max_length=35)
    text = TextField()
    position = IntegerField(default=0)

    class Meta:
        table_name = "kit_captions"
        indexes = ((("link", "position"), False),)


class KitImage(BaseModel):
    link = ForeignKeyField(Link, on_delete="CASCADE", backref="images")
    url = TextField()
    alt = CharField(max_length=300, default="")
    position = IntegerField(default=0)

    class Meta:
        table_name = "kit_images"
        indexes = ((("link", "position"), False),)


class LinkImport(BaseModel):
    """A CSV import: the file, how far the job got, and every refused row with its reasons."""

    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    filename = CharField(max_length=255)
    content = TextField()
    approve = BooleanField(default=True)
    fetch_previews = BooleanField(default=True)
    status = CharField(max_length=16, default="pending")  # pending | running | done | failed
    total_rows = IntegerField(default=0)
    processed_rows = IntegerField(default=0)
    imported = IntegerField(default=0)
    rejected = JSONField(default=list)  # [{"row": 3, "problems": [{"code", "column", "message"}]}]
    error = TextField(null=True)  # the file as a whole was unusable
    created_at = DateTimeField(default=utcnow)
    finished_at = DateTimeField(null=True)

    class Meta:
        table_name = "link_imports"
