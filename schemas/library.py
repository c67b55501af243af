"""The content library: links, kits, proposals, suggestions, campaigns, feeds, CSV imports, the mix."""

import re
from datetime import UTC

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_smorest.fields import Upload
from marshmallow import ValidationError, fields, validate, validates_schema
from werkzeug.datastructures import FileStorage

from schemas.common import NUL_MESSAGE, BoundedInteger, Name, Schema, UTCDateTime
from server.db import utcnow
from server.library.errors import InvalidURL
from server.library.metadata import normalise_language_tag
from server.library.models import CATEGORIES, LinkSource, LinkStatus, Moderation, PreviewStatus
from server.library.refusals import fetch_problem, problem_text, url_problem
from server.library.urls import parse_http_url

LIMIT = validate.Range(min=1, max=200)
_HASHTAG = re.compile(r"[^\W_]\w*")


class WhenField(UTCDateTime):
    """A moment: ISO 8601 with an offset (a naive one is read as UTC), stored as naive UTC."""

    def _deserialize(self, value, attr, data, **kwargs):
        moment = super()._deserialize(value, attr, data, **kwargs)
        return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


class LanguageField(fields.String):
    """A BCP 47 tag such as fr or en-GB, normalised."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if not text:
            return None
        tag = normalise_language_tag(text)
        if tag is None:
            raise ValidationError(_("Use a language code such as fr or en-GB."))
        return tag


class WebAddressField(fields.String):
    """An http(s) address (kept as given, normalised); the library's own addresses are canonicalised later."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if not text:
            return None
        try:
            return str(parse_http_url(text))
        except InvalidURL as error:
            raise ValidationError(url_problem(error)) from None


class HashtagField(fields.String):
    """A hashtag, with or without its '#': letters, digits and underscores."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip().lstrip("#")
        if not text:
            return None
        if len(text) > 100 or not _HASHTAG.fullmatch(text):
            raise ValidationError(_("A hashtag is one word of letters, digits or underscores, such as "
                                    "#EnergieVerte."))
        return text


# -- briefs ------------------------------------------------------------------------------------------------

class NamedSchema(Schema):
    id = BoundedInteger(dump_only=True)
    name = fields.String(dump_only=True)


class CampaignBriefSchema(Schema):
    id = BoundedInteger(dump_only=True)
    name = fields.String(dump_only=True)
    hashtag = fields.String(dump_only=True, allow_none=True)
    moderation = fields.String(dump_only=True, metadata={"enum": list(Moderation.ALL)})


def _validity(link):
    return link.validity(utcnow())


def _preview(link):
    return {"status": link.preview_status, "error_code": link.preview_error_code,
            "error": fetch_problem(link.preview_error_code), "detail": link.preview_error,
            "fetched_at": UTCDateTime()._serialize(link.preview_fetched_at, None, None)}


# -- links -------------------------------------------------------------------------------------------------

class LibraryLinkSchema(Schema):
    """A link as employees see it."""

    id = BoundedInteger(dump_only=True)
    url = fields.String(dump_only=True)
    title = fields.String(dump_only=True, allow_none=True)
    description = fields.String(dump_only=True, allow_none=True)
    image_url = fields.String(dump_only=True, allow_none=True)
    site_name = fields.String(dump_only=True, allow_none=True)
    language = fields.String(dump_only=True, allow_none=True)
    category = fields.String(dump_only=True, allow_none=True, metadata={"enum": list(CATEGORIES)})
    tags = fields.List(fields.String(), dump_only=True)
    campaign = fields.Nested(CampaignBriefSchema, dump_only=True, allow_none=True)
    not_before = UTCDateTime(dump_only=True, allow_none=True)
    not_after = UTCDateTime(dump_only=True, allow_none=True)
    validity = fields.Function(_validity, dump_only=True, metadata={"enum": ["valid", "embargoed", "expired"]})
    published_at = UTCDateTime(dump_only=True, allow_none=True)
    approved_at = UTCDateTime(dump_only=True, allow_none=True)


class LinkSchema(LibraryLinkSchema):
    """A link as curators see it: status, targets, people, preview fetch."""

    status = fields.String(dump_only=True, metadata={"enum": list(LinkStatus.ALL)})
    source = fields.String(dump_only=True, metadata={"enum": list(LinkSource.ALL)})
    departments = fields.Nested(NamedSchema, many=True, dump_only=True)
    interests = fields.Nested(NamedSchema, many=True, dump_only=True)
    proposed_by = fields.Nested(NamedSchema, attribute="proposer", dump_only=True, allow_none=True)
    proposal_note = fields.String(dump_only=True, allow_none=True)
    approved_by = fields.Nested(NamedSchema, attribute="approver", dump_only=True, allow_none=True)
    archived_at = UTCDateTime(dump_only=True, allow_none=True)
    archive_reason = fields.String(dump_only=True, allow_none=True)
    preview = fields.Function(_preview, dump_only=True)
    idea_count = BoundedInteger(dump_only=True)
    feed_id = BoundedInteger(dump_only=True, allow_none=True)
    created_at = UTCDateTime(dump_only=True)
    updated_at = UTCDateTime(dump_only=True)


class LinkFieldsSchema(Schema):
    """What curators may set on a link."""

    url = fields.String(validate=validate.Length(min=1, max=4096))
    title = Name(allow_none=True, validate=validate.Length(max=300))
    description = fields.String(allow_none=True, validate=validate.Length(max=5000))
    image_url = WebAddressField(allow_none=True)
    site_name = Name(allow_none=True, validate=validate.Length(max=200))
    language = LanguageField(allow_none=True)
    category = fields.String(allow_none=True, validate=validate.OneOf(CATEGORIES))
    tags = fields.List(fields.String(validate=validate.Length(min=1, max=100)), validate=validate.Length(max=20))
    department_ids = fields.List(BoundedInteger())
    interests = fields.List(Name(validate=validate.Length(min=1, max=100)), validate=validate.Length(max=20),
                            metadata={"description": "Interest names; new ones are created."})
    campaign_id = BoundedInteger(allow_none=True)
    not_before = WhenField(allow_none=True, metadata={"description": "Embargo: not shareable before."})
    not_after = WhenField(allow_none=True, metadata={"description": "Not shareable after."})


class LinkCreateSchema(LinkFieldsSchema):
    url = fields.String(required=True, validate=validate.Length(min=1, max=4096))
    approve = fields.Boolean(load_default=True, metadata={"description": "Approve at once (needs a category)."})
    fetch_preview = fields.Boolean(load_default=True, metadata={"description": "Fetch the page's preview."})


class LinkQuerySchema(Schema):
    q = fields.String(load_default=None, validate=validate.Length(max=200))
    status = fields.String(load_default=None, validate=validate.OneOf(LinkStatus.ALL))
    category = fields.String(load_default=None, validate=validate.OneOf([*CATEGORIES, "none"]))
    campaign_id = BoundedInteger(load_default=None)
    department_id = BoundedInteger(load_default=None)
    interest_id = BoundedInteger(load_default=None)
    language = fields.String(load_default=None, validate=validate.Length(max=35))
    source = fields.String(load_default=None, validate=validate.OneOf(LinkSource.ALL))
    preview_status = fields.String(load_default=None, validate=validate.OneOf(PreviewStatus.ALL))
    validity = fields.String(load_default=None, validate=validate.OneOf(["valid", "embargoed", "expired"]))
    limit = BoundedInteger(load_default=50, validate=LIMIT)
    offset = BoundedInteger(load_default=0, validate=validate.Range(min=0))


class LibraryQuerySchema(Schema):
    q = fields.String(load_default=None, validate=validate.Length(max=200))
    category = fields.String(load_default=None, validate=validate.OneOf(CATEGORIES))
    language = fields.String(load_default=None, validate=validate.Length(max=35))
    campaign_id = BoundedInteger(load_default=None)
    limit = BoundedInteger(load_default=20, validate=validate.Range(min=1, max=50))
    offset = BoundedInteger(load_default=0, validate=validate.Range(min=0, max=10_000))


class ArchiveSchema(Schema):
    reason = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=1000),
                           metadata={"description": "Told to the proposer when a proposal is turned down."})


class LookupQuerySchema(Schema):
    url = fields.String(required=True, validate=validate.Length(min=1, max=4096))


class LookupSchema(Schema):
    url = fields.String(dump_only=True, metadata={"description": "The canonical address."})
    known = fields.Boolean(dump_only=True)
    approved = fields.Boolean(dump_only=True)
    proposed = fields.Boolean(dump_only=True)
    shareable = fields.Boolean(dump_only=True)
    validity = fields.String(dump_only=True, allow_none=True)
    link = fields.Nested(LibraryLinkSchema, dump_only=True, allow_none=True)


# -- kits --------------------------------------------------------------------------------------------------

class CaptionSchema(Schema):
    language = LanguageField(required=True, allow_none=False)
    text = fields.String(required=True, validate=validate.Length(min=1, max=3000))


class KitImageSchema(Schema):
    url = fields.String(required=True, validate=validate.Length(min=1, max=4096))
    alt = fields.String(load_default="", validate=validate.Length(max=300))


class KitSchema(Schema):
    captions = fields.List(fields.Nested(CaptionSchema), load_default=list, validate=validate.Length(max=20))
    images = fields.List(fields.Nested(KitImageSchema), load_default=list, validate=validate.Length(max=10))


class KitQuerySchema(Schema):
    turn = BoundedInteger(load_default=0, validate=validate.Range(min=0, max=1000),
                          metadata={"description": "0 for the first idea, then 1, 2… for another one."})


class KitIdeaSchema(Schema):
    link_id = BoundedInteger(dump_only=True)
    caption = fields.Nested(CaptionSchema, dump_only=True, allow_none=True)
    idea_count = BoundedInteger(dump_only=True)
    next_turn = BoundedInteger(dump_only=True)
    images = fields.Nested(KitImageSchema, many=True, dump_only=True)


# -- proposals and suggestions -----------------------------------------------------------------------------

class ProposalCreateSchema(Schema):
    url = fields.String(required=True, validate=validate.Length(min=1, max=4096))
    note = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=1000))


class ProposalSchema(Schema):
    """A proposal as its author sees it. For an address someone else proposed, only url and status (and, once
    approved, the link's id and title) are given: never that person's note nor the curators' reason."""

    id = BoundedInteger(dump_only=True)
    url = fields.String(dump_only=True)
    title = fields.String(dump_only=True, allow_none=True)
    status = fields.String(dump_only=True, metadata={"enum": list(LinkStatus.ALL)})
    proposal_note = fields.String(dump_only=True, allow_none=True, metadata={"description": "The caller's own note."})
    archive_reason = fields.String(dump_only=True, allow_none=True, metadata={
        "description": "Why the caller's proposal was turned down, if the curators said."})
    created_at = UTCDateTime(dump_only=True)
    created = fields.Boolean(dump_only=True, metadata={"description": "False when the address was already known."})
    message = fields.String(dump_only=True, metadata={
        "description": "What became of the request, in the caller's language (sent on POST only)."})


class SuggestionQuerySchema(Schema):
    limit = BoundedInteger(load_default=20, validate=validate.Range(min=1, max=50))
    offset = BoundedInteger(load_default=0, validate=validate.Range(min=0, max=150))
    context_url = fields.String(load_default=None, validate=validate.Length(max=4096),
                                metadata={"description": "The page the caller is on."})
    context_text = fields.String(load_default=None, validate=validate.Length(max=20_000),
                                 metadata={"description": "Text of the page the caller is on."})


class SuggestionSchema(Schema):
    link = fields.Nested(LibraryLinkSchema, dump_only=True)
    score = fields.Float(dump_only=True)
    reasons = fields.List(fields.String(), dump_only=True, metadata={
        "description": "this_page, context, department, interests, campaign, new, ending_soon"})
    caption_idea = fields.Nested(CaptionSchema, attribute="caption", dump_only=True, allow_none=True)
    idea_count = BoundedInteger(dump_only=True)


# -- interests ---------------------------------------------------------------------------------------------

class MyInterestsSchema(Schema):
    interest_ids = fields.List(BoundedInteger(), required=True, validate=validate.Length(max=100))


# -- campaigns ---------------------------------------------------------------------------------------------

class CampaignSchema(Schema):
    id = BoundedInteger(dump_only=True)
    name = Name(required=True, validate=validate.Length(min=1, max=200))
    objective = fields.String(allow_none=True, validate=validate.Length(max=5000))
    hashtag = HashtagField(allow_none=True)
    starts_at = WhenField(allow_none=True)
    ends_at = WhenField(allow_none=True)
    target_shares = BoundedInteger(allow_none=True, validate=validate.Range(min=0))
    target_clicks = BoundedInteger(allow_none=True, validate=validate.Range(min=0))
    moderation = fields.String(load_default=Moderation.NONE, validate=validate.OneOf(Moderation.ALL),
                               metadata={"description": "none, terms (review shares whose text triggers a "
                                                        "charter term) or every_share."})
    daily_share_cap = BoundedInteger(allow_none=True, validate=validate.Range(min=1, max=100), metadata={
        "description": "Shares of the campaign's links each employee may make per day (their time zone)."})
    sharing_hours_start = fields.String(allow_none=True, validate=validate.Regexp(
        r"^([01]\d|2[0-3]):[0-5]\d$", error=_l("Use the HH:MM form, e.g. 08:30.")),
        metadata={"description": "Sharing opens at this time, in each employee's time zone."})
    sharing_hours_end = fields.String(allow_none=True, validate=validate.Regexp(
        r"^([01]\d|2[0-3]):[0-5]\d$", error=_l("Use the HH:MM form, e.g. 08:30.")),
        metadata={"description": "Sharing closes at this time."})
    department_ids = fields.List(BoundedInteger(), load_only=True, load_default=list,
                                 metadata={"description": "Audience; empty: everyone."})
    departments = fields.Nested(NamedSchema, many=True, dump_only=True)
    link_count = BoundedInteger(dump_only=True)
    active = fields.Method("_active", dump_only=True)
    created_at = UTCDateTime(dump_only=True)

    def _active(self, campaign):
        return campaign.is_active(utcnow())

    @validates_schema
    def _hours_come_in_pairs(self, data, **_kwargs):
        start, end = data.get("sharing_hours_start"), data.get("sharing_hours_end")
        if (start is None) != (end is None) and ("sharing_hours_start" in data or "sharing_hours_end" in data):
            raise ValidationError(str(_l("Give both the opening and the closing time, or neither.")),
                                  field_name="sharing_hours_end")
        if start and end and start == end:
            raise ValidationError(str(_l("Opening and closing times must differ.")), field_name="sharing_hours_end")


class CampaignUpdateSchema(CampaignSchema):
    name = Name(validate=validate.Length(min=1, max=200))
    moderation = fields.String(validate=validate.OneOf(Moderation.ALL))
    department_ids = fields.List(BoundedInteger(), load_only=True)


# -- feeds -------------------------------------------------------------------------------------------------

class FeedSchema(Schema):
    id = BoundedInteger(dump_only=True)
    url = fields.String(required=True, validate=validate.Length(min=1, max=4096))
    title = Name(allow_none=True, validate=validate.Length(max=300))
    category = fields.String(allow_none=True, validate=validate.OneOf(CATEGORIES))
    language = LanguageField(allow_none=True)
    campaign_id = BoundedInteger(allow_none=True, load_only=True)
    campaign = fields.Nested(CampaignBriefSchema, dump_only=True, allow_none=True)
    active = fields.Boolean(load_default=True)
    last_polled_at = UTCDateTime(dump_only=True, allow_none=True)
    last_success_at = UTCDateTime(dump_only=True, allow_none=True)
    last_error_code = fields.String(dump_only=True, allow_none=True)
    last_error = fields.Method("_last_error", dump_only=True, allow_none=True)
    last_error_detail = fields.String(attribute="last_error", dump_only=True, allow_none=True)
    failures = BoundedInteger(dump_only=True)
    items_imported = BoundedInteger(dump_only=True)
    created_at = UTCDateTime(dump_only=True)

    def _last_error(self, feed):
        return fetch_problem(feed.last_error_code)


class FeedUpdateSchema(FeedSchema):
    url = fields.String(dump_only=True)
    active = fields.Boolean()


# -- CSV imports -------------------------------------------------------------------------------------------

class ImportOptionsSchema(Schema):
    approve = fields.Boolean(load_default=True, metadata={"description": "Approve the rows (they need a category)."})
    fetch_previews = fields.Boolean(load_default=True)


class UploadedFile(Upload):
    """A file part of a multipart body (documented as binary); a plain text part of that name is refused."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, FileStorage):
            raise ValidationError(_("Attach a file."))
        if "\x00" in (value.filename or ""):
            raise ValidationError(str(NUL_MESSAGE))
        return value


class ImportUploadSchema(ImportOptionsSchema):
    """POST /link-imports: a multipart/form-data body with the CSV file and the options."""

    file = UploadedFile(required=True, metadata={"description": "The CSV file (UTF-8, one link a row)."})


class RowProblemSchema(Schema):
    code = fields.String(dump_only=True)
    column = fields.String(dump_only=True)
    rule = fields.String(dump_only=True, metadata={"description": "The charter's link rule a refused address breaks"})
    message = fields.Method("_message", dump_only=True)

    def _message(self, problem):
        return problem_text(problem)


class RejectedRowSchema(Schema):
    row = BoundedInteger(dump_only=True)
    url = fields.String(dump_only=True, allow_none=True)
    problems = fields.Nested(RowProblemSchema, many=True, dump_only=True)


class ImportSchema(Schema):
    id = BoundedInteger(dump_only=True)
    filename = fields.String(dump_only=True)
    status = fields.String(dump_only=True, metadata={"enum": ["pending", "running", "done", "failed"]})
    total_rows = BoundedInteger(dump_only=True)
    processed_rows = BoundedInteger(dump_only=True)
    imported = BoundedInteger(dump_only=True)
    percent = fields.Method("_percent", dump_only=True)
    rejected = fields.Nested(RejectedRowSchema, many=True, dump_only=True)
    error = fields.String(dump_only=True, allow_none=True)
    created_at = UTCDateTime(dump_only=True)
    finished_at = UTCDateTime(dump_only=True, allow_none=True)

    def _percent(self, link_import):
        if link_import.status == "done" or not link_import.total_rows:
            return 100 if link_import.status == "done" else 0
        return min(100, link_import.processed_rows * 100 // link_import.total_rows)


# -- content mix -------------------------------------------------------------------------------------------

class MixLineSchema(Schema):
    category = fields.String(dump_only=True)
    count = BoundedInteger(dump_only=True)
    percent = BoundedInteger(dump_only=True)
    target = BoundedInteger(dump_only=True)
    gap = BoundedInteger(dump_only=True)
    on_target = fields.Boolean(dump_only=True)


class MixPartSchema(Schema):
    total = BoundedInteger(dump_only=True)
    uncategorised = BoundedInteger(dump_only=True)
    lines = fields.Nested(MixLineSchema, many=True, dump_only=True)


class ContentMixSchema(Schema):
    links = fields.Nested(MixPartSchema, dump_only=True)
    shares = fields.Nested(MixPartSchema, dump_only=True, allow_none=True,
                           metadata={"description": "Null until the share pipeline reports its figures."})
