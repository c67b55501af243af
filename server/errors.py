"""One exception hierarchy for domain errors, mapped to HTTP in one place.

API requests (under /api/) get `{"error": {"code", "message", "fields"}}` with the right 4xx status;
pages get a readable, translated error page. Validation errors, missing rows and integrity conflicts
are mapped here once, never per route.
"""

import logging

from flask import render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from marshmallow import ValidationError
from peewee import DoesNotExist, IntegrityError
from werkzeug.exceptions import HTTPException

from schemas.common import NUL_MESSAGE

log = logging.getLogger(__name__)


class DomainError(Exception):
    """A refusal the user can understand. Subclasses set the HTTP status and a stable code."""

    status = 400
    code = "bad_request"
    default_message = _l("The request could not be processed.")

    def __init__(self, message=None, fields=None, details=None, **params):
        super().__init__(str(message or self.default_message))
        self.message = message or self.default_message
        self.fields = fields or {}
        self.details = details or {}  # extra members of the JSON error (e.g. a check's findings)
        self.params = params


class InvalidInput(DomainError):
    status = 422
    code = "validation_error"
    default_message = _l("Some fields are invalid.")


class Unauthorized(DomainError):
    status = 401
    code = "unauthorized"
    default_message = _l("Please sign in.")


class Forbidden(DomainError):
    status = 403
    code = "forbidden"
    default_message = _l("You are not allowed to do this.")


class NotFound(DomainError):
    status = 404
    code = "not_found"
    default_message = _l("Not found.")


class Conflict(DomainError):
    status = 409
    code = "conflict"
    default_message = _l("This conflicts with existing data.")


class TooManyRequests(DomainError):
    status = 429
    code = "rate_limited"
    default_message = _l("Too many requests. Please wait a moment and try again.")


HTTP_CODES = {
    400: ("bad_request", _l("The request is malformed.")),
    401: ("unauthorized", _l("Please sign in.")),
    403: ("forbidden", _l("You are not allowed to do this.")),
    404: ("not_found", _l("Not found.")),
    405: ("method_not_allowed", _l("This method is not allowed here.")),
    409: ("conflict", _l("This conflicts with existing data.")),
    413: ("payload_too_large", _l("The request body is too large.")),
    415: ("unsupported_media_type", _l("Unsupported content type.")),
    422: ("validation_error", _l("Some fields are invalid.")),
    429: ("rate_limited", _l("Too many requests. Please wait a moment and try again.")),
    500: ("internal_error", _l("Something went wrong on our side.")),
}


# marshmallow's own messages, marked here so they are translated like every other string.
VALIDATION_MESSAGES = (
    _l("Missing data for required field."), _l("Unknown field."), _l("Field may not be null."),
    _l("Not a valid string."), _l("Not a valid integer."), _l("Not a valid boolean."), _l("Not a valid list."),
    _l("Not a valid email address."), _l("Not a valid datetime."), _l("Not a valid URL."), _l("Invalid input type."),
    _l("Not a valid number."), _l("Invalid value."), _l("Not a valid mapping type."),
)


def localized_messages(messages):
    """Validation messages in the reader's language (marshmallow writes them in English)."""
    if isinstance(messages, dict):
        return {str(key): localized_messages(value) for key, value in messages.items()}
    if isinstance(messages, list):
        return [localized_messages(value) for value in messages]
    return _(messages) if isinstance(messages, str) else messages


def wants_json():
    """API paths answer in JSON; so does any client that asks only for JSON."""
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def _with_string_keys(fields):
    """Field problems as JSON objects: list indexes (answers.0) become names, so keys sort and serialise
    even when numbered items and `_schema` sit side by side."""
    if isinstance(fields, dict):
        return {str(key): _with_string_keys(value) for key, value in fields.items()}
    if isinstance(fields, list | tuple):
        return [_with_string_keys(value) for value in fields]
    return fields


def error_response(status, code, message, fields=None, headers=None, details=None):
    """The one shape every error takes, as JSON or as a page."""
    headers = dict(headers or {})
    fields = _with_string_keys(fields or {})
    if status == 401 and request.path.startswith("/api/"):
        headers["WWW-Authenticate"] = 'Bearer realm="porte-voix"'
    if wants_json():
        body = {"error": {"code": code, "message": str(message), "fields": fields or {}, **(details or {})}}
        return body, status, headers
    page = render_template("errors/error.html", status=status, code=code, message=str(message),
                           fields=fields or {})
    return page, status, headers


def flatten_webargs_messages(messages):
    """webargs nests field messages under their location ('json', 'query', 'form'); callers name fields."""
    if isinstance(messages, dict) and set(messages) <= {"json", "query", "form", "files", "form_and_files", "headers",
                                                        "view_args", "querystring"}:
        flat = {}
        for value in messages.values():
            if isinstance(value, dict):
                flat.update(value)
            else:
                flat.setdefault("_schema", []).extend(value if isinstance(value, list) else [value])
        return flat
    return messages if isinstance(messages, dict) else {"_schema": messages}


def refuse_nul_characters():
    """Query strings and forms get the schemas' rule (schemas.common.Schema) even where no schema reads
    them: a NUL character is refused, naming the field, before any view runs."""
    problems = {}
    for source in (request.args, request.form):
        for key, values in source.lists():
            if any("\x00" in text for text in (key, *values) if isinstance(text, str)):
                problems[str(key).replace("\x00", "\ufffd")] = [str(NUL_MESSAGE)]
    if problems:
        raise InvalidInput(fields=problems)


def _handle_domain(error):
    headers = getattr(error, "headers", None)
    return error_response(error.status, error.code, error.message, error.fields, headers, error.details)


def _handle_http(error):
    code, message = HTTP_CODES.get(error.code, ("http_error", error.description))
    data = getattr(error, "data", None) or {}
    fields = {}
    if "messages" in data:
        fields = localized_messages(flatten_webargs_messages(data["messages"]))
        if error.code == 400 and fields == {"_schema": ["Invalid JSON body."]}:
            code, message, fields = "malformed_json", _("The request body is not valid JSON."), {}
    headers = dict(error.get_headers()) if error.code in (405, 429) else {}
    headers.pop("Content-Type", None)
    return error_response(error.code, code, data.get("message", message), fields, headers)


def _handle_validation(error):
    return error_response(422, "validation_error", _("Some fields are invalid."),
                          localized_messages(flatten_webargs_messages(error.messages)))


def _handle_missing_row(_error):
    return error_response(404, "not_found", _("Not found."))


def _handle_integrity(error):
    log.info("integrity conflict: %s", error)
    return error_response(409, "conflict", _("This conflicts with existing data."))


def _handle_csrf(error):
    return error_response(400, "csrf_failed",
                          _("Your form has expired or did not come from this site. Please reload the page "
                            "and try again."))


def _handle_unexpected(error):
    # The route's pattern, not the path: paths carry sign-in tokens (/login/magic/<token>).
    log.exception("unexpected error on %s %s", request.method, request.url_rule.rule if request.url_rule else "-")
    return error_response(500, "internal_error", _("Something went wrong on our side."))


def init_app(app):
    """Register the handlers (the most specific wins) and the check of forms for NUL characters."""
    app.before_request(refuse_nul_characters)
    app.register_error_handler(DomainError, _handle_domain)
    app.register_error_handler(CSRFError, _handle_csrf)
    app.register_error_handler(HTTPException, _handle_http)
    app.register_error_handler(ValidationError, _handle_validation)
    app.register_error_handler(DoesNotExist, _handle_missing_row)
    app.register_error_handler(IntegrityError, _handle_integrity)
    if not app.testing:
        app.register_error_handler(Exception, _handle_unexpected)
