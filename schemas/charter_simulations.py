"""The charter simulator: a draft replayed over past shares beside the version in force."""

from marshmallow import fields

from schemas.common import BoundedInteger, Schema, UTCDateTime
from server.charter.engine import RULES, SEVERITIES

CHANGES = ("block", "review", "warn", "let_through", "softened")


class SimulationRequestSchema(Schema):
    document = fields.Dict(required=True, metadata={
        "description": "The draft charter document (the format POST /charter/versions takes)."})
    since = fields.Date(load_default=None, allow_none=True, metadata={
        "description": "Replay only the shares created on or after this day (UTC); all of them by default."})


class ExampleSchema(Schema):
    before = fields.String(metadata={"enum": list(SEVERITIES)})
    after = fields.String(metadata={"enum": list(SEVERITIES)})
    text = fields.String(metadata={"description": "An excerpt of the post around what the rule matched."})
    spans = fields.List(fields.List(BoundedInteger()), metadata={
        "description": "[start, end] offsets into text of what the rule matched (to highlight)."})
    prefix = fields.Boolean(metadata={"description": "Text of the post comes before the excerpt."})
    suffix = fields.Boolean(metadata={"description": "Text of the post comes after the excerpt."})


class RuleChangesSchema(Schema):
    block = BoundedInteger(metadata={"description": "Posts this rule newly blocks."})
    review = BoundedInteger(metadata={"description": "Posts this rule newly sends to review."})
    warn = BoundedInteger(metadata={"description": "Posts this rule newly warns about."})
    let_through = BoundedInteger(metadata={"description": "Posts this rule flagged and now lets through."})
    softened = BoundedInteger(metadata={"description": "Posts this rule still flags, less severely."})


class RuleComparisonSchema(Schema):
    rule = fields.String(metadata={"enum": list(RULES)})
    current = BoundedInteger(metadata={"description": "Posts it matches under the version in force."})
    draft = BoundedInteger(metadata={"description": "Posts it matches under the draft."})
    changes = fields.Nested(RuleChangesSchema)
    examples = fields.Dict(keys=fields.String(metadata={"enum": list(CHANGES)}),
                           values=fields.List(fields.Nested(ExampleSchema)))


class SimulationSummarySchema(Schema):
    posts = BoundedInteger()
    changed_posts = BoundedInteger(metadata={"description": "Posts whose verdict differs."})
    verdicts = fields.Dict(keys=fields.String(metadata={"enum": ["current", "draft"]}),
                           values=fields.Dict(keys=fields.String(), values=BoundedInteger()),
                           metadata={"description": "Posts per verdict under each charter."})
    verdict_changes = fields.Dict(keys=fields.String(), values=BoundedInteger(),
                                  metadata={"description": "Posts per change of verdict, e.g. \"ok>block\"."})
    rules = fields.List(fields.Nested(RuleComparisonSchema))
    never_firing = fields.List(fields.String(), metadata={"description": "Rules on in the draft that matched "
                                                                        "no post."})


class SimulationSchema(Schema):
    id = BoundedInteger()
    status = fields.String(metadata={"enum": ["pending", "running", "done", "failed"]})
    current_version = BoundedInteger(attribute="base_version.number", allow_none=True)
    since = UTCDateTime(allow_none=True)
    total_posts = BoundedInteger()
    processed_posts = BoundedInteger()
    created_at = UTCDateTime()
    finished_at = UTCDateTime(allow_none=True)
    error = fields.String(allow_none=True)
    summary = fields.Nested(SimulationSummarySchema, allow_none=True)
