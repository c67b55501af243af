"""The JSON API under /api/v1: flask-smorest blueprints whose marshmallow schemas (in schemas/) are the
contract; the OpenAPI document is generated from them at /api/v1/openapi.json.

The document is the truth about every answer, errors included: `ErrorResponsesPlugin` documents each
operation's error statuses from what the route declares (its @access level, path parameters, arguments,
method and rate limits), in this one place rather than on every route. Routes add only what those cannot
tell (`@blp.alt_response(404)` for a 404 that no path parameter explains); its error schema is filled in here.
"""

import threading

from apispec import BasePlugin
from flask_smorest import Api
from flask_smorest import Blueprint as SmorestBlueprint
from flask_smorest.utils import prepare_response
from webargs.flaskparser import FlaskParser
from werkzeug.datastructures import MultiDict
from werkzeug.routing import IntegerConverter, UnicodeConverter

from schemas.common import DATABASE_INTEGER_MAX, ErrorSchema
from server.auth.roles import ACCESS_ATTRIBUTE, PUBLIC

UNSAFE_METHODS = frozenset({"post", "put", "patch", "delete"})


# -- path converters: registered on the app, so pages get them too -----------------------------------------

def decimal_at_most(maximum):
    """A regular expression for the numbers 0…`maximum` written in decimal without leading zeros."""
    text = str(maximum)
    if len(text) == 1:
        return f"[0-{text}]"
    options = ["0", rf"[1-9]\d{{0,{len(text) - 2}}}"]  # the shorter numbers
    for index, digit in enumerate(text):
        lowest = 1 if index == 0 else 0
        if int(digit) > lowest:
            options.append(f"{text[:index]}[{lowest}-{int(digit) - 1}]" + r"\d" * (len(text) - index - 1))
    return "(?:" + "|".join([*options, text]) + ")"


class DatabaseIdConverter(IntegerConverter):
    """`<int:…>`: a number the database can hold as an id (a larger one overflows the drivers or PostgreSQL's
    INTEGER). The bound is in the pattern, not a check after matching: werkzeug answers 405 rather than 404
    when a converter refuses a path that another method's rule would take."""

    def __init__(self, url_map, fixed_digits=0, min=0, max=DATABASE_INTEGER_MAX, signed=False):
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)
        self.regex = decimal_at_most(max)


class TextConverter(UnicodeConverter):
    """`<name>` and `<string:name>`: any text but a NUL character (%00), which no name holds and which
    PostgreSQL refuses in a query."""

    def __init__(self, url_map, minlength=1, maxlength=None, length=None):
        super().__init__(url_map, minlength=minlength, maxlength=maxlength, length=length)
        self.regex = self.regex.replace("[^/]", "[^/\\x00]")


# -- a multipart body: its fields and its files in one schema ----------------------------------------------

class ApiParser(FlaskParser):
    """webargs' Flask parser plus the `form_and_files` location: a multipart/form-data body read as one
    mapping, so that one schema (one documented requestBody) describes its fields and its files."""

    __location_map__ = {**FlaskParser.__location_map__, "form_and_files": "load_form_and_files"}

    def load_form_and_files(self, req, schema):
        return self._makeproxy(MultiDict([*req.form.items(multi=True), *req.files.items(multi=True)]), schema)


class Blueprint(SmorestBlueprint):
    """flask-smorest's blueprint, with `location="form_and_files"` for multipart bodies."""

    ARGUMENTS_PARSER = ApiParser()
    DEFAULT_LOCATION_CONTENT_TYPE_MAPPING = {**SmorestBlueprint.DEFAULT_LOCATION_CONTENT_TYPE_MAPPING,
                                             "form_and_files": "multipart/form-data"}


# -- the error responses of every operation ----------------------------------------------------------------

ERROR_RESPONSES = {
    400: ("BadRequest", "The body is not valid JSON, or a call made with the session cookie lacks its "
                        "X-CSRFToken header."),
    401: ("Unauthorized", "Not signed in, or the bearer token sent is invalid or revoked."),
    403: ("Forbidden", "The caller's role does not allow this, or something must be done first (acknowledge "
                       "the charter, pass its quiz, choose to take part)."),
    404: ("NotFound", "Nothing of this id, or nothing the caller may see."),
    409: ("Conflict", "This conflicts with existing data or with the current state of what it changes."),
    413: ("PayloadTooLarge", "The request body is larger than the server accepts (MAX_BODY_BYTES)."),
    422: ("UnprocessableContent", "Some input is invalid: `fields` names each field with its problems."),
    429: ("TooManyRequests", "Too many requests: wait the number of seconds in Retry-After."),
}
ERROR_HEADERS = {
    401: {"WWW-Authenticate": {"description": "Bearer realm=\"porte-voix\"", "schema": {"type": "string"},
                               "required": True}},
    429: {"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "string"}}},
}

# Response headers that routes declare (`@blp.response(…, headers=TOTAL_COUNT_HEADER)`).
TOTAL_COUNT_HEADER = {"X-Total-Count": "TotalCount"}
HEADERS = {"TotalCount": {"description": "How many items match in all (the answer holds one page of them).",
                          "schema": {"type": "integer", "minimum": 0}, "required": True}}


def expected_errors(method, level, path_parameters, has_arguments, has_body, rate_limited):
    """The error statuses an operation can answer, from what its route declares."""
    statuses = {401}  # a malformed or revoked bearer token is refused on every API path, public ones too
    if level != PUBLIC:
        statuses.add(403)
    if path_parameters:
        statuses.add(404)
    if method in UNSAFE_METHODS:
        statuses |= {409, 413} | ({400} if level != PUBLIC else set())
    if has_body:
        statuses |= {400, 413}
    if has_arguments:
        statuses.add(422)
    if rate_limited:
        statuses.add(429)
    return statuses


class ErrorResponsesPlugin(BasePlugin):
    """An apispec plugin adding to each operation the error responses `expected_errors` finds."""

    def __init__(self, app, limiter):
        super().__init__()
        self.app, self.limiter = app, limiter

    def _rate_limited(self, endpoint, method):
        """Whether flask-limiter applies a limit to this route and method (application-wide, default, the
        blueprint's or the route's own)."""
        manager = self.limiter.limit_manager
        with self.app.app_context():
            defaults, decorated = manager.resolve_limits(self.app, endpoint, endpoint.rpartition(".")[0] or None)
            limits = [*manager.application_limits, *defaults, *decorated]
        return any(not limit.methods or method in limit.methods for limit in limits)

    def operation_helper(self, path=None, operations=None, **kwargs):
        rule = kwargs.get("rule")
        if rule is None or operations is None:
            return
        level = getattr(self.app.view_functions[rule.endpoint], ACCESS_ATTRIBUTE, None)
        for method, operation in operations.items():
            if method not in {"get", "put", "post", "patch", "delete"}:
                continue
            responses = {str(status): value for status, value in operation.get("responses", {}).items()}
            has_arguments = bool(operation.get("parameters")) or "requestBody" in operation or "422" in responses
            statuses = expected_errors(method, level, rule.arguments, has_arguments, "requestBody" in operation,
                                       self._rate_limited(rule.endpoint, method))
            for status in statuses:
                if not isinstance(responses.get(str(status)), dict):  # flask-smorest's own 422 is replaced
                    responses[str(status)] = ERROR_RESPONSES[status][0]
            # Errors a route declares itself (alt_response, with its own description) take the one error shape.
            for status, response in responses.items():
                if status.isdigit() and int(status) >= 400 and isinstance(response, dict) and "content" not in response:
                    response["content"] = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
            operation["responses"] = dict(sorted(responses.items()))
            if level == PUBLIC:
                operation["security"] = []  # open to anyone: no credential needed


class PorteVoixApi(Api):
    """flask-smorest, with errors left to server.errors so the API and pages share one error shape, and
    no catch-all `default` response: every status is documented for what it is.

    A blueprint's operations are written into the document when the document is first read (its first
    request, a command or a test), not while `create_app` builds the application: writing them is about
    half of what building the application costs, and a process that serves pages and the API never needs
    the document. The document is the same either way (blueprints in the order they were registered)."""

    ERROR_SCHEMA = ErrorSchema
    DEFAULT_ERROR_RESPONSE_NAME = None

    def __init__(self, *args, **kwargs):
        self._documenting = threading.RLock()  # reentrant: documenting an operation may read `spec` itself
        self._undocumented = []
        super().__init__(*args, **kwargs)

    @property
    def spec(self):
        """The OpenAPI document, with every blueprint registered so far documented in it."""
        with self._documenting:
            pending, self._undocumented = self._undocumented, []
            for app, blueprint, name, parameters in pending:
                blueprint.register_views_in_doc(self, app, self._spec, name=name, parameters=parameters)
                self._spec.tag({"name": name, "description": blueprint.description})
            return self._spec

    @spec.setter
    def spec(self, value):
        with self._documenting:
            self._spec, self._undocumented = value, []

    def register_blueprint(self, blp, *, parameters=None, **options):
        """Register `blp` on the application now; document its operations when the document is read."""
        name = options.get("name", blp.name)
        self._app.extensions["flask-smorest"]["blp_name_to_api"][name] = self
        self._app.register_blueprint(blp, **options)
        with self._documenting:
            self._undocumented.append((self._app, blp, name, parameters))

    def _register_error_handlers(self):
        pass

    def _register_responses(self):
        super()._register_responses()
        for status, (name, description) in ERROR_RESPONSES.items():
            response = {"description": description, "schema": self.ERROR_SCHEMA}
            prepare_response(response, self.spec, self.DEFAULT_RESPONSE_CONTENT_TYPE)
            if status in ERROR_HEADERS:
                response["headers"] = ERROR_HEADERS[status]
            self.spec.components.response(name, response, lazy=True)
        for name, header in HEADERS.items():
            self.spec.components.header(name, header, lazy=True)


api = PorteVoixApi()
api.register_converter(DatabaseIdConverter, lambda converter: {
    "type": "integer", "minimum": converter.min, "maximum": converter.max})

SECURITY_SCHEMES = {
    "bearerAuth": {"type": "http", "scheme": "bearer", "description": "An API token (pv_…) from the account page."},
    "cookieAuth": {"type": "apiKey", "in": "cookie", "name": "pv_session",
                   "description": "The browser session; unsafe methods also need the X-CSRFToken header."},
}


def init_app(app):
    """Register the path converters (before any route is added), serve the OpenAPI document; areas then add
    their blueprints with `api.register_blueprint`."""
    from server.protection import limiter

    app.url_map.converters.update(int=DatabaseIdConverter, default=TextConverter, string=TextConverter)
    app.config.update(
        API_TITLE="Porte-Voix API",
        API_VERSION="v1",
        OPENAPI_VERSION="3.1.0",
        OPENAPI_URL_PREFIX="/api/v1",
        OPENAPI_JSON_PATH="openapi.json",
    )
    api.init_app(app, spec_kwargs={"security": [{"bearerAuth": []}, {"cookieAuth": []}],
                                   "extra_plugins": [ErrorResponsesPlugin(app, limiter)]})
    for name, scheme in SECURITY_SCHEMES.items():
        if name not in api.spec.components.security_schemes:
            api.spec.components.security_scheme(name, scheme)
