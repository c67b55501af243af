"""Shapes shared by every endpoint, and the rules every input obeys whatever the schema.

Every schema derives from `Schema` (it refuses NUL characters anywhere in its input) and every integer
field is a `BoundedInteger` (it refuses what the database cannot store), so bad input is a 422 naming the
field, never a database error.
"""

from datetime import UTC

import marshmallow
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, fields, pre_load, validate

# Peewee's IntegerField and AutoField are PostgreSQL INTEGER and SERIAL columns: 32-bit signed. Beyond that
# PostgreSQL refuses the value ("integer out of range") and SQLite's driver overflows past 64 bits; no id
# can be larger, so a larger one in a path finds nothing.
DATABASE_INTEGER_MIN, DATABASE_INTEGER_MAX = -(2**31), 2**31 - 1

NUL_MESSAGE = _l("This text contains a NUL character (U+0000), which cannot be stored.")
OUT_OF_RANGE_MESSAGE = _l("This number is out of range.")
NOT_A_WHOLE_NUMBER_MESSAGE = _l("Not a valid integer.")

# Invisible characters that reorder the text around them (Unicode bidirectional controls). In a name they
# serve only to disguise it ("Alice\u202egnp.exe"), so names lose them; free text keeps them (Arabic and
# Hebrew writers need them).
BIDI_CONTROLS = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_WITHOUT_BIDI = {ord(char): None for char in BIDI_CONTROLS}


def nul_problems(value):
    """Where `value` (decoded JSON, a form, a query) holds a NUL character, as marshmallow error messages:
    `{key: [message]}` for a mapping, `{index: …}` for a list, `[message]` for a string; None if nowhere."""
    if isinstance(value, str):
        return [str(NUL_MESSAGE)] if "\x00" in value else None
    if isinstance(value, dict) or hasattr(value, "keys"):
        problems = {}
        for key in value:
            found = [str(NUL_MESSAGE)] if "\x00" in str(key) else nul_problems(value[key])
            if found:
                problems[str(key).replace("\x00", "\ufffd")] = found
        return problems or None
    if isinstance(value, list | tuple):
        problems = {index: found for index, item in enumerate(value) if (found := nul_problems(item))}
        return problems or None
    return None


class Schema(marshmallow.Schema):
    """The base of every schema: a NUL character in any input field (however deeply nested) is refused.

    PostgreSQL cannot store NUL in text and SQLite would keep it silently; no one types it on purpose.
    """

    @pre_load(pass_collection=True)
    def refuse_nul_characters(self, data, **_kwargs):
        if isinstance(data, list | tuple):
            problems = nul_problems(list(data))
        elif hasattr(data, "keys"):
            declared = {field.data_key or name for name, field in self.load_fields.items()}
            problems = nul_problems({key: data[key] for key in data if key in declared})
        else:
            problems = None
        if problems:
            raise ValidationError(problems)
        return data


class BoundedInteger(fields.Integer):
    """An integer the database can store (see DATABASE_INTEGER_MIN/MAX), and a whole one: 1.5 is refused
    rather than cut to 1. Field-specific ranges are added with `validate=` as usual."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.insert(0, validate.Range(min=DATABASE_INTEGER_MIN, max=DATABASE_INTEGER_MAX,
                                                 error=str(OUT_OF_RANGE_MESSAGE)))

    def _validated(self, value):
        if isinstance(value, float) and not value.is_integer():
            raise ValidationError(str(NOT_A_WHOLE_NUMBER_MESSAGE))
        return super()._validated(value)


class Name(fields.String):
    """A name (a person's, a department's, a campaign's, a link's title…): bidirectional controls removed."""

    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).translate(_WITHOUT_BIDI)


class UTCDateTime(fields.DateTime):
    """Timestamps are stored as naive UTC; the API always says so (ISO 8601 with +00:00)."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return super()._serialize(value, attr, obj, **kwargs)


class ErrorBodySchema(Schema):
    """Some errors carry more members (a blocked share: `verdict` and `findings`)."""

    class Meta:
        unknown = marshmallow.INCLUDE

    code = fields.String(required=True, metadata={"description": "Stable machine-readable code."})
    message = fields.String(required=True, metadata={"description": "Human-readable, in the caller's language."})
    fields = fields.Dict(keys=fields.String(), values=fields.Raw(),
                         metadata={"description": "Problems per field name."})


class ErrorSchema(Schema):
    error = fields.Nested(ErrorBodySchema, required=True)


class ListQuerySchema(Schema):
    limit = BoundedInteger(load_default=50, validate=validate.Range(min=1, max=200),
                           metadata={"description": "At most 200."})
    offset = BoundedInteger(load_default=0, validate=validate.Range(min=0))
