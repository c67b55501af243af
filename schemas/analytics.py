"""Results: the period a page covers, employees' choices about their figures, donations, the
administrators' settings, charities, conversions, and the impact an employee reads through the API."""

from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, fields, validate, validates_schema

from schemas.common import BoundedInteger, Name, Schema, UTCDateTime

PRESET_DAYS = (7, 30, 90)
MIX_MESSAGE = _l("The three parts of the mix must add up to 100.")
CONVERSION_KINDS = ("signup", "application", "lead", "purchase")
CATEGORY_NAMES = ("product", "culture", "sector")


class PeriodSchema(Schema):
    """`period` is 7, 30 or 90 (days, today included) or "custom" with `start` and `end` (YYYY-MM-DD)."""

    period = fields.String(load_default="30", validate=validate.OneOf(["7", "30", "90", "custom"]))
    start = fields.Date(load_default=None)
    end = fields.Date(load_default=None)
    department_id = BoundedInteger(load_default=None, validate=validate.Range(min=1))


class FiguresChoiceSchema(Schema):
    visible_to_team = fields.Boolean(load_default=False)
    on_leaderboard = fields.Boolean(load_default=False)


class DonationSchema(Schema):
    charity_id = BoundedInteger(required=True, validate=validate.Range(min=1))
    points = BoundedInteger(required=True, validate=validate.Range(min=1, max=1_000_000))


class CharitySchema(Schema):
    name = Name(required=True, validate=validate.Length(min=1, max=200))
    description = fields.String(load_default=None, validate=validate.Length(max=2000))
    url = fields.URL(load_default=None, schemes={"https", "http"})


def _cents():
    return BoundedInteger(validate=validate.Range(min=0, max=100_000_000))


def _points():
    return BoundedInteger(validate=validate.Range(min=0, max=100_000))


class AnalyticsSettingsSchema(Schema):
    click_value_cents = _cents()
    cpm_cents = _cents()
    target_mix = fields.Dict(keys=fields.String(validate=validate.OneOf(CATEGORY_NAMES)),
                             values=BoundedInteger(validate=validate.Range(min=0, max=100)))
    points_per_share = _points()
    share_points_daily_cap = _points()
    points_per_click = _points()
    click_points_daily_cap = _points()
    points_per_euro = BoundedInteger(validate=validate.Range(min=1, max=100_000))
    leaderboard = fields.Boolean()
    conversions = fields.Boolean()
    audience = fields.Dict(keys=fields.String(validate=validate.Length(max=20)),
                           values=BoundedInteger(validate=validate.Range(min=0, max=100_000_000)))

    @validates_schema
    def mix_adds_up(self, data, **_kwargs):
        mix = data.get("target_mix")
        if mix is not None and (set(mix) != set(CATEGORY_NAMES) or sum(mix.values()) != 100):
            raise ValidationError(str(MIX_MESSAGE), "target_mix")


class ConversionSchema(Schema):
    token = fields.String(required=True, validate=validate.Length(min=1, max=500),
                          metadata={"description": "The `pv_ref` parameter the visitor arrived with."})
    kind = fields.String(required=True, validate=validate.OneOf(CONVERSION_KINDS))


class ConversionAnswerSchema(Schema):
    kind = fields.String()
    day = fields.Date()


class TotalsSchema(Schema):
    opened = BoundedInteger(metadata={"description": "Shares by composer intent whose composer was opened."})
    posted = BoundedInteger(metadata={"description": "Shares through a connected account, confirmed posted."})
    clicks = BoundedInteger(metadata={"description": "People's clicks on the tracked links (robots left out)."})
    visitor_days = BoundedInteger(metadata={
        "description": "Each day's distinct visitors added up over the days: not a number of people."})


class TargetImpactSchema(Schema):
    network = fields.String()
    state = fields.String()
    outcome = fields.String(allow_none=True, metadata={"description": "opened, posted, or null."})
    clicks = BoundedInteger()
    visitor_days = BoundedInteger()


class ShareImpactSchema(Schema):
    id = BoundedInteger(attribute="share.id")
    link_id = BoundedInteger(attribute="share.link_id")
    state = fields.String(attribute="share.state")
    created_at = UTCDateTime(attribute="share.created_at")
    clicks = BoundedInteger()
    visitor_days = BoundedInteger()
    targets = fields.List(fields.Nested(TargetImpactSchema))


class DayImpactSchema(Schema):
    day = fields.Date()
    opened = BoundedInteger()
    posted = BoundedInteger()
    clicks = BoundedInteger()
    visitor_days = BoundedInteger()


class CampaignProgressSchema(Schema):
    id = BoundedInteger()
    name = fields.String()
    shares = BoundedInteger()
    target_shares = BoundedInteger(allow_none=True)
    clicks = BoundedInteger()
    target_clicks = BoundedInteger(allow_none=True)


class ImpactSchema(Schema):
    start = fields.Date()
    end = fields.Date()
    totals = fields.Nested(TotalsSchema, metadata={"description": "Since the beginning."})
    period_totals = fields.Nested(TotalsSchema, metadata={"description": "Within start–end."})
    reach = BoundedInteger(metadata={"description": "Potential reach: each share × its network's audience."})
    points = BoundedInteger(metadata={"description": "Points earned since the beginning."})
    balance = BoundedInteger(metadata={"description": "Points not given to a charity yet."})
    shares = fields.List(fields.Nested(ShareImpactSchema))
    campaigns = fields.List(fields.Nested(CampaignProgressSchema))
    history = fields.List(fields.Nested(DayImpactSchema))
