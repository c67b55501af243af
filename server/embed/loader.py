"""The share button's loader, `GET /widget.js`: a stable address page authors never change, served with a
short cache and an ETag (the content's hash), and a content-hashed copy, `/widget.<hash>.js`, cached for a
year, for those who pin a version. Built by esbuild from widget_js/src/ into server/static/widget/ (`make`).
"""

import hashlib
from functools import lru_cache
from pathlib import Path

from flask import Blueprint, current_app, request
from flask_babel import lazy_gettext as _l

from server.auth.roles import public
from server.errors import NotFound

bp = Blueprint("widget", __name__)

SHORT_CACHE = 300
LONG_CACHE = 365 * 24 * 3600


class LoaderNotBuilt(NotFound):
    code = "widget_not_built"
    default_message = _l("The share button is not built on this server (run make).")


def built_file(name):
    return Path(current_app.static_folder) / "widget" / name


@lru_cache(maxsize=4)
def _read(path, mtime):
    body = Path(path).read_bytes()
    return body, hashlib.sha256(body).hexdigest()[:16]


def loader():
    """(body, digest) of the built loader; raises LoaderNotBuilt when `make` has not built it."""
    path = built_file("widget.js")
    try:
        return _read(str(path), path.stat().st_mtime_ns)
    except FileNotFoundError:
        raise LoaderNotBuilt() from None


def pinned_loader_path():
    """The content-hashed address of the current loader."""
    return f"/widget.{loader()[1]}.js"


def _script(body, digest, max_age, immutable=False):
    response = current_app.response_class(body, mimetype="text/javascript")
    response.set_etag(digest)
    response.cache_control.public = True
    response.cache_control.max_age = max_age
    if immutable:
        response.cache_control.immutable = True
    # Any page may load the loader, whatever its own CORS or embedding rules.
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response.make_conditional(request)


@bp.get("/widget.js")
@public
def widget_js():
    body, digest = loader()
    return _script(body, digest, SHORT_CACHE)


@bp.get("/widget.<digest>.js")
@public
def pinned_widget_js(digest):
    body, current = loader()
    if digest != current:
        raise NotFound()
    return _script(body, digest, LONG_CACHE, immutable=True)
