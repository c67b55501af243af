"""The JSON API under /api/v1: flask-smorest blueprints whose marshmallow schemas (in schemas/) are the
contract; the OpenAPI document is generated from them at /api/v1/openapi.json."""

from flask_smorest import Api

from schemas.common import ErrorSchema


class PorteVoixApi(Api):
    """flask-smorest, with errors left to server.errors so the API and pages share one error shape."""

    ERROR_SCHEMA = ErrorSchema

    def _register_error_handlers(self):
        pass


api = PorteVoixApi()

SECURITY_SCHEMES = {
    "bearerAuth": {"type": "http", "scheme": "bearer", "description": "An API token (pv_…) from the account page."},
    "cookieAuth": {"type": "apiKey", "in": "cookie", "name": "pv_session",
                   "description": "The browser session; unsafe methods also need the X-CSRFToken header."},
}


def init_app(app):
    """Serve the OpenAPI document; areas then add their blueprints with `api.register_blueprint`."""
    app.config.update(
        API_TITLE="Porte-Voix API",
        API_VERSION="v1",
        OPENAPI_VERSION="3.1.0",
        OPENAPI_URL_PREFIX="/api/v1",
        OPENAPI_JSON_PATH="openapi.json",
    )
    api.init_app(app, spec_kwargs={"security": [{"bearerAuth": []}, {"cookieAuth": []}]})
    for name, scheme in SECURITY_SCHEMES.items():
        if name not in api.spec.components.security_schemes:
            api.spec.components.security_scheme(name, scheme)
