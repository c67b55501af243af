"""The charter: live checks, the charter in force, acknowledgements, the quiz, versions and documents."""

from marshmallow import ValidationError, fields, validate, validates_schema

from schemas.common import BoundedInteger, Schema, UTCDateTime
from server.charter.engine import RULES, SEVERITIES
from server.config import LOCALES
from server.networks import NETWORKS

MAX_POST = 65_536
NETWORK_NAMES = list(NETWORKS)


class CheckRequestSchema(Schema):
    text = fields.String(required=True, validate=validate.Length(max=MAX_POST),
                         metadata={"description": "The post as the employee wrote it."})
    network = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(NETWORK_NAMES),
                            metadata={"description": "One network (the length rule is counted its way)."})
    networks = fields.List(fields.String(validate=validate.OneOf(NETWORK_NAMES)), load_default=list,
                           validate=validate.Length(max=len(NETWORK_NAMES)),
                           metadata={"description": "Several networks: one result each, one overall verdict."})
    link = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2048),
                         metadata={"description": "The approved link being shared."})
    suggested = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=MAX_POST),
                              metadata={"description": "The suggested caption (for the originality rule)."})
    hashtags = fields.List(fields.String(validate=validate.Length(min=1, max=100)), load_default=list,
                           validate=validate.Length(max=20),
                           metadata={"description": "The campaign's required hashtags."})
    language = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(LOCALES))

    @validates_schema
    def one_way_to_name_networks(self, data, **_kwargs):
        if data.get("network") and data.get("networks"):
            raise ValidationError("Give either network or networks, not both.", field_name="network")


class FindingSchema(Schema):
    rule = fields.String(metadata={"enum": list(RULES)})
    severity = fields.String(metadata={"enum": list(SEVERITIES[1:])})
    start = BoundedInteger(metadata={"description": "Offset in code points (Python string index) into text."})
    end = BoundedInteger()
    excerpt = fields.String(metadata={"description": "text[start:end]"})
    message = fields.Dict(keys=fields.String(), values=fields.String(),
                          metadata={"description": "The explanation in French (fr) and English (en)."})
    message_key = fields.String()
    params = fields.Dict(keys=fields.String(), values=fields.Raw())
    fix = fields.String(allow_none=True, metadata={"description": "Replacement for text[start:end], if any."})


class MergedFindingSchema(FindingSchema):
    networks = fields.List(fields.String(), metadata={"description": "The networks it applies to (all asked "
                                                                     "for, except for the length rule)."})


class NetworkResultSchema(Schema):
    verdict = fields.String(metadata={"enum": list(SEVERITIES)})
    findings = fields.List(fields.Nested(FindingSchema))


class CheckResultSchema(Schema):
    version = BoundedInteger(allow_none=True, metadata={"description": "Charter version checked against (null: "
                                                                       "none published, built-in rules)."})
    verdict = fields.String(metadata={"enum": list(SEVERITIES), "description": "The most severe of all networks."})
    networks = fields.Dict(keys=fields.String(), values=fields.Nested(NetworkResultSchema))
    findings = fields.List(fields.Nested(MergedFindingSchema))


class CharterStatusSchema(Schema):
    version = BoundedInteger(allow_none=True)
    name = fields.String()
    published_at = UTCDateTime(allow_none=True)
    text = fields.Dict(keys=fields.String(), values=fields.String(),
                       metadata={"description": "The charter in Markdown, fr and en."})
    acknowledged_version = BoundedInteger(allow_none=True)
    needs_acknowledgement = fields.Boolean()
    quiz_questions = BoundedInteger()
    quiz_passed = fields.Boolean()
    ready_to_share = fields.Boolean()


class AcknowledgementRequestSchema(Schema):
    version = BoundedInteger(required=True, strict=True, validate=validate.Range(min=1),
                             metadata={"description": "The version read: must be the current one."})


class AcknowledgementSchema(Schema):
    version = BoundedInteger(attribute="version.number")
    acknowledged_at = UTCDateTime()


class LanguageQuerySchema(Schema):
    language = fields.String(load_default=None, validate=validate.OneOf(LOCALES))


class QuizQuestionSchema(Schema):
    number = BoundedInteger()
    question = fields.String()
    choices = fields.List(fields.String())


class QuizSchema(Schema):
    version = BoundedInteger()
    questions = fields.List(fields.Nested(QuizQuestionSchema))


class QuizAnswersSchema(Schema):
    answers = fields.List(BoundedInteger(strict=True), required=True, validate=validate.Length(max=50),
                          metadata={"description": "One choice index per question, from 0."})
    language = fields.String(load_default=None, validate=validate.OneOf(LOCALES))


class QuizOutcomeSchema(QuizQuestionSchema):
    chosen = BoundedInteger()
    right_answer = BoundedInteger()
    is_right = fields.Boolean()
    explanation = fields.String()


class QuizResultSchema(Schema):
    version = BoundedInteger(attribute="version_number")
    score = BoundedInteger(attribute="grade.score")
    total = BoundedInteger(attribute="grade.total")
    passed = fields.Boolean(attribute="grade.passed")
    questions = fields.List(fields.Nested(QuizOutcomeSchema), attribute="grade.outcomes")


class CharterVersionSchema(Schema):
    number = BoundedInteger()
    name = fields.String()
    note = fields.String(allow_none=True)
    needs_acknowledgement = fields.Boolean()
    author = fields.String(attribute="author.name", allow_none=True)
    created_at = UTCDateTime()


class CharterImportSchema(Schema):
    document = fields.Dict(required=True, metadata={
        "description": "The charter document: the engine's rules (name, languages, region, banned_terms, "
                       "confidential_terms, review_terms, competitors, brand_terms, allowed_domains, disclosure, "
                       "hashtags, pii, secrets, originality, severity, profanity) plus text {fr, en} in "
                       "Markdown and quiz. Missing text or quiz: the current ones are kept."})
    note = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=500),
                         metadata={"description": "What changed, shown in the history and to employees."})
    needs_acknowledgement = fields.Boolean(load_default=True,
                                           metadata={"description": "false for a minor change (typo): "
                                                                    "employees are not asked again."})
    based_on = BoundedInteger(load_default=None, allow_none=True,
                              metadata={"description": "The version this edit started from (refused with 409 "
                                                       "if another was published since)."})
