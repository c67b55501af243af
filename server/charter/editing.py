"""Publishing from the admin editor, and checking a post against the draft being edited."""

from __future__ import annotations

from flask_babel import gettext as _

from schemas.charter import CheckRequestSchema
from server.auth.models import User
from server.charter import versions
from server.charter.document import read_document
from server.charter.editor_form import document_from_form, error_message, field_of, take_quiz_slots
from server.charter.engine import CharterError
from server.charter.models import CharterVersion
from server.charter.service import check_against
from server.errors import InvalidInput

# Where the editor starts when no charter exists yet: the engine's defaults, written out.
STARTER_DOCUMENT = {"name": "", "languages": ["fr", "en"], "region": "FR", "disclosure": {"required": False},
                    "hashtags": {"max": None}, "pii": True, "secrets": True, "originality": {"max_similarity": 0.9},
                    "text": {"fr": "", "en": ""}, "quiz": []}


class EditorInvalid(InvalidInput):
    """The editor's form cannot become a charter; `fields` is keyed by the form's own field names."""

    code = "invalid_charter"


def based_on(form) -> int | None:
    """The version number the editor was opened on (hidden field), if any."""
    raw = (form.get("based_on") or "").strip()
    return int(raw) if raw.isdigit() else None


def _document(form):
    """The validated document of the editor's form; EditorInvalid puts the problem next to its input."""
    document = document_from_form(form)
    slots, unaligned = take_quiz_slots(document)
    if unaligned is not None:
        raise EditorInvalid(fields={f"quiz-{unaligned}": [
            _("The French and English lists need the same number of choices, in the same order.")]})
    try:
        return read_document(document)
    except CharterError as error:
        field = field_of(error.path, slots)
        raise EditorInvalid(_("The charter is not valid: %(field)s %(problem)s", field=error.path,
                              problem=error.message),
                            fields={field: [error_message(error.path, error.message)]}) from error


def draft_document(form):
    """The editor's form as a validated charter document (EditorInvalid names the form field at fault)."""
    return _document(form)


def publish_form(author: User, form) -> CharterVersion:
    """Publish the editor's form as the next version (EditorInvalid or Conflict otherwise; nothing stored)."""
    return versions.save_version(author, _document(form), note=form.get("note"),
                                 needs_acknowledgement=bool(form.get("needs_acknowledgement")),
                                 based_on=based_on(form))


def _check_fields(form) -> dict:
    return CheckRequestSchema().load({
        "text": form.get("check-text", ""), "networks": form.getlist("check-network"),
        "link": form.get("check-link") or None, "suggested": form.get("check-suggested") or None,
        "hashtags": form.getlist("check-hashtag"), "language": form.get("check-language") or None})


def check_draft(form) -> dict:
    """Check the post of the editor's test box (``check-*`` fields) against the rules of the form.

    Compiling happens only when the rules change: the engine caches compiled charters by content.
    """
    body = _check_fields(form)
    outcome = check_against(_document(form).compiled, body["text"], networks=body["networks"], link=body["link"],
                            suggested=body["suggested"], required_hashtags=body["hashtags"],
                            language=body["language"])
    return {**outcome.to_dict(), "draft": True}
