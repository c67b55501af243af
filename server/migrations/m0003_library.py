"""Content library: interests, campaigns, feeds, links with targets and kits, CSV imports, full-text search.

Full-text search needs backend-specific DDL: on SQLite an FTS5 table kept in step with links.search_text by
triggers; on PostgreSQL a generated tsvector column with a GIN index. Both read the same accent-free,
lower-case search_text written by the application.
"""

from peewee import (
    BooleanField,
    CharField,
    CompositeKey,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    SqliteDatabase,
    TextField,
)

SQLITE_SEARCH = (
    "CREATE VIRTUAL TABLE links_fts USING fts5(search_text, content='links', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER links_fts_insert AFTER INSERT ON links BEGIN "
    "INSERT INTO links_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER links_fts_delete AFTER DELETE ON links BEGIN "
    "INSERT INTO links_fts(links_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER links_fts_update AFTER UPDATE OF search_text ON links BEGIN "
    "INSERT INTO links_fts(links_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO links_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
)
POSTGRESQL_SEARCH = (
    "ALTER TABLE links ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED",
    "CREATE INDEX links_search_vector ON links USING GIN (search_vector)",
)


def upgrade(db):
    class Base(Model):
        class Meta:
            database = db

    class Department(Base):
        class Meta:
            table_name = "departments"

    class User(Base):
        class Meta:
            table_name = "users"

    class Interest(Base):
        name = CharField(max_length=100)
        key = CharField(max_length=100, unique=True)
        created_at = DateTimeField()

        class Meta:
            table_name = "interests"

    class UserInterest(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        interest = ForeignKeyField(Interest, on_delete="CASCADE")

        class Meta:
            table_name = "user_interests"
            primary_key = CompositeKey("user", "interest")

    class Campaign(Base):
        name = CharField(max_length=200, unique=True)
        objective = TextField(null=True)
        hashtag = CharField(max_length=100, null=True)
        starts_at = DateTimeField(null=True)
        ends_at = DateTimeField(null=True)
        target_shares = IntegerField(null=True)
        target_clicks = IntegerField(null=True)
        moderation = CharField(max_length=16)
        created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        created_at = DateTimeField()
        updated_at = DateTimeField()

        class Meta:
            table_name = "campaigns"

    # Named to sort after "campaigns": tools that drop tables in reverse alphabetical order (SQLite checks
    # foreign keys on DROP) then drop the audience before the campaigns and departments it points to.
    class CampaignDepartment(Base):
        campaign = ForeignKeyField(Campaign, on_delete="CASCADE")
        department = ForeignKeyField(Department, on_delete="CASCADE")

        class Meta:
            table_name = "campaigns_audience"
            primary_key = CompositeKey("campaign", "department")

    class Feed(Base):
        url = TextField()
        url_hash = CharField(max_length=64, unique=True)
        title = CharField(max_length=300, null=True)
        category = CharField(max_length=16, null=True)
        language = CharField(max_length=35, null=True)
        campaign = ForeignKeyField(Campaign, null=True, on_delete="SET NULL")
        active = BooleanField()
        created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        created_at = DateTimeField()
        last_polled_at = DateTimeField(null=True)
        last_success_at = DateTimeField(null=True)
        last_error_code = CharField(max_length=40, null=True)
        last_error = TextField(null=True)
        failures = IntegerField()
        items_imported = IntegerField()

        class Meta:
            table_name = "feeds"

    class Link(Base):
        url = TextField()
        url_hash = CharField(max_length=64, unique=True)
        alternate_url_hash = CharField(max_length=64, null=True, index=True)
        title = CharField(max_length=300, null=True)
        description = TextField(null=True)
        image_url = TextField(null=True)
        site_name = CharField(max_length=200, null=True)
        language = CharField(max_length=35, null=True)
        category = CharField(max_length=16, null=True)
        tags = TextField()
        status = CharField(max_length=16)
        source = CharField(max_length=16)
        feed = ForeignKeyField(Feed, null=True, on_delete="SET NULL")
        campaign = ForeignKeyField(Campaign, null=True, on_delete="SET NULL")
        for_departments = BooleanField()
        not_before = DateTimeField(null=True)
        not_after = DateTimeField(null=True)
        published_at = DateTimeField(null=True)
        proposed_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        proposal_note = TextField(null=True)
        approved_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        approved_at = DateTimeField(null=True)
        archived_at = DateTimeField(null=True)
        archive_reason = TextField(null=True)
        preview_status = CharField(max_length=16)
        preview_error_code = CharField(max_length=40, null=True)
        preview_error = TextField(null=True)
        preview_fetched_at = DateTimeField(null=True)
        search_text = TextField()
        created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        created_at = DateTimeField()
        updated_at = DateTimeField()

        class Meta:
            table_name = "links"
            indexes = (
                (("status", "approved_at"), False),
                (("campaign", "approved_at"), False),
                (("status", "created_at"), False),
            )

    class LinkDepartment(Base):
        link = ForeignKeyField(Link, on_delete="CASCADE")
        department = ForeignKeyField(Department, on_delete="CASCADE")

        class Meta:
            table_name = "link_departments"
            primary_key = CompositeKey("link", "department")
            indexes = ((("department", "link"), False),)

    class LinkInterest(Base):
        link = ForeignKeyField(Link, on_delete="CASCADE")
        interest = ForeignKeyField(Interest, on_delete="CASCADE")

        class Meta:
            table_name = "link_interests"
            primary_key = CompositeKey("link", "interest")
            indexes = ((("interest", "link"), False),)

    class KitCaption(Base):
        link = ForeignKeyField(Link, on_delete="CASCADE")
        language = CharField(max_length=35)
        text = TextField()
        position = IntegerField()

        class Meta:
            table_name = "kit_captions"
            indexes = ((("link", "position"), False),)

    class KitImage(Base):
        link = ForeignKeyField(Link, on_delete="CASCADE")
        url = TextField()
        alt = CharField(max_length=300)
        position = IntegerField()

        class Meta:
            table_name = "kit_images"
            indexes = ((("link", "position"), False),)

    class LinkImport(Base):
        created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        filename = CharField(max_length=255)
        content = TextField()
        approve = BooleanField()
        fetch_previews = BooleanField()
        status = CharField(max_length=16)
        total_rows = IntegerField()
        processed_rows = IntegerField()
        imported = IntegerField()
        rejected = TextField()
        error = TextField(null=True)
        created_at = DateTimeField()
        finished_at = DateTimeField(null=True)

        class Meta:
            table_name = "link_imports"

    db.create_tables([Interest, UserInterest, Campaign, CampaignDepartment, Feed, Link, LinkDepartment,
                      LinkInterest, KitCaption, KitImage, LinkImport])
    backend = getattr(db, "obj", db)  # the application passes its DatabaseProxy, tests a database
    for statement in SQLITE_SEARCH if isinstance(backend, SqliteDatabase) else POSTGRESQL_SEARCH:
        db.execute_sql(statement)
