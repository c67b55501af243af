"""The web app's addresses: its manifest, its service worker (served from the root so that it may look after
every page) and the offline page it shows when the network is missing."""

import json
from pathlib import Path

from flask import Blueprint, current_app, g, render_template, request, url_for
from flask_babel import force_locale

from server.auth.roles import Role, access, public
from server.pwa import push, shell

bp = Blueprint("pwa", __name__)

WORKER_CACHE = 0  # browsers check the worker for updates themselves; an HTTP cache would only delay them


@bp.get("/manifest-<any(en, fr):lang>.webmanifest")
@public
def manifest(lang):
    response = current_app.response_class(json.dumps(shell.manifest(lang), ensure_ascii=False),
                                          mimetype="application/manifest+json")
    response.cache_control.max_age = 3600
    return response


@bp.get("/service-worker.js")
@public
def service_worker():
    source = (Path(current_app.static_folder) / "js" / "service-worker.js").read_text(encoding="utf-8")
    body = (source.replace('"__SHELL_VERSION__"', json.dumps(shell.shell_version()))
            .replace('["__SHELL_URLS__"]', json.dumps(shell.shell_urls()))
            .replace('"__SUGGESTIONS_URL__"', json.dumps(_suggestions_url())))
    response = current_app.response_class(body, mimetype="text/javascript")
    response.cache_control.no_cache = True
    response.cache_control.max_age = WORKER_CACHE
    return response


def _suggestions_url():
    return url_for("library.to_share")


@bp.get("/offline/<any(en, fr):lang>")
@public
def offline(lang):
    # The same page for everyone, whoever asks: the worker keeps it, so it may name nobody.
    with force_locale(lang):
        return render_template("pwa/offline.html", lang=lang)


@bp.get("/this-phone")
@access(Role.EMPLOYEE)
def this_phone():
    return render_template("pwa/this_phone.html", push=push.status(g.user))


def tag_session(response):
    """Tell the service worker who this page was for (see `shell.session_tag`)."""
    if response.mimetype == "text/html" and request.endpoint != "pwa.offline":
        response.headers["X-PV-Session"] = shell.session_tag(g.get("user"))
    return response
