"""Absolute URLs for links that leave the request (e-mails, sign-in redirects, tracked links)."""

from flask import current_app, has_request_context, url_for


class BaseURLMissing(RuntimeError):
    """A link must be written outside any request (in a job) and PV_BASE_URL is not set."""


def _build(endpoint, external, values):
    base = current_app.config.get("BASE_URL", "").rstrip("/")
    if not base:
        if not has_request_context():
            raise BaseURLMissing("set PV_BASE_URL: links written by background jobs need the server's public "
                                 "address")
        return url_for(endpoint, _external=external, **values)
    if has_request_context() and not external:
        return url_for(endpoint, **values)
    with current_app.test_request_context(base_url=base):
        return url_for(endpoint, _external=external, **values)


def external_url(endpoint, **values):
    """An absolute URL on PV_BASE_URL when set, else on the host of the current request.

    Jobs have no request: they need PV_BASE_URL (`porte-voix run` sets it to the address it serves).
    """
    return _build(endpoint, True, values)


def site_path(endpoint, **values):
    """The path of a page of this site, inside a request or not (a job writing a notification)."""
    return _build(endpoint, False, values)


def safe_next_path(value, default="/"):
    """A local path to go back to after sign-in; anything that could leave the site becomes `default`.

    Refuses absolute URLs, scheme-relative `//host`, backslash tricks (`/\\host`) and control characters,
    so no open redirect can be built from a `next` parameter.
    """
    if not value or not isinstance(value, str):
        return default
    if not value.startswith("/") or value.startswith("//") or "\\" in value:
        return default
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
        return default
    return value
