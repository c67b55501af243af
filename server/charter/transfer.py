"""Charter files: the JSON an admin downloads to keep in version control, and uploads back."""

from __future__ import annotations

import json

from flask_babel import lazy_gettext as _l

from schemas.common import NUL_MESSAGE, nul_problems
from server.charter import versions
from server.charter.document import CharterDocument
from server.charter.models import CharterVersion
from server.errors import InvalidInput


def document_from_json(raw: bytes | str, field: str = "document") -> CharterDocument:
    """Read an uploaded or pasted charter file; InvalidInput names `field` (not JSON) or the bad charter field."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidInput(fields={field: [str(_l("The file is not UTF-8 text."))]}) from None
    if not raw.strip():
        raise InvalidInput(fields={field: [str(_l("Choose a charter file or paste its JSON."))]})
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        message = _l("This is not valid JSON: %(problem)s at line %(line)s, column %(column)s.", problem=error.msg,
                     line=error.lineno, column=error.colno)
        raise InvalidInput(message, fields={field: [str(message)]}) from None
    if nul_problems(data):  # "\u0000" in the JSON: the rule every schema applies (schemas.common)
        raise InvalidInput(fields={field: [str(NUL_MESSAGE)]})
    return versions.parse_document(data)


def export_json(version: CharterVersion) -> str:
    """A version as a readable JSON file (keys in the documented order, UTF-8 as is)."""
    return json.dumps(versions.version_document(version), ensure_ascii=False, indent=2) + "\n"


def export_filename(version: CharterVersion) -> str:
    return f"charter-v{version.number}.json"
