"""French and English: Flask-Babel catalogues, the locale chosen from the page's own (the share button's
frame speaks its intranet page's language), then the user's setting, then the session (a visitor's choice),
then Accept-Language, then PV_DEFAULT_LOCALE."""

from flask import current_app, g, has_request_context, request, session
from flask_babel import Babel, format_date, format_datetime, get_locale

from server.config import LOCALES

babel = Babel()


def select_locale():
    """The language of this request (outside requests, in jobs: the default language)."""
    if not has_request_context():
        return current_app.config["DEFAULT_LOCALE"]
    if g.get("page_locale") in LOCALES:  # a page that speaks its host's language (the share button's frame)
        return g.page_locale
    user = g.get("user")
    if user is not None and user.locale in LOCALES:
        return user.locale
    chosen = session.get("locale")
    if chosen in LOCALES:
        return chosen
    return request.accept_languages.best_match(LOCALES) or current_app.config["DEFAULT_LOCALE"]


def init_app(app):
    app.config.setdefault("BABEL_DEFAULT_LOCALE", app.config["DEFAULT_LOCALE"])
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = "translations"
    babel.init_app(app, locale_selector=select_locale, timezone_selector=_select_timezone)
    app.jinja_env.globals.update(format_datetime=format_datetime, format_date=format_date)

    @app.context_processor
    def _language():
        return {"current_locale": str(get_locale())}


def _select_timezone():
    user = g.get("user")
    return user.timezone if user is not None else None
