"""Absolute URLs for links that leave the request (e-mails, sign-in redirects, tracked links)."""

from flask import current_app, url_for


def external_url(endpoint, **values):
    """An absolute URL on PV_BASE_URL when set, else on the host of the current request."""
    base = current_app.config.get("BASE_URL", "").rstrip("/")
    if base:
        return base + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


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
