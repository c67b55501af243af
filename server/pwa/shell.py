"""What the service worker keeps: the app shell's files and its version (a hash of their content, so a new
release replaces the old copies), the web app manifest in each language, and the tag of who is signed in."""

import hashlib
import hmac
from functools import lru_cache
from pathlib import Path

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from server.config import LOCALES

# Static files every page needs; kept on install so the offline page looks like the rest of the app.
SHELL_STATIC = ("vendor/pico/pico.min.css", "css/app.css", "js/site-menu.js", "js/app-shell.js", "js/table-cards.js",
                "img/icon.svg", "img/app/icon-192.png", "img/app/icon-512.png")
THEME_COLOUR = "#1f6feb"
BACKGROUND_COLOUR = "#ffffff"


def shell_urls():
    """Every address the service worker keeps on install: the shell's static files and the offline pages."""
    return [url_for("static", filename=name) for name in SHELL_STATIC] + [
        url_for("pwa.offline", lang=lang) for lang in LOCALES]


@lru_cache(maxsize=8)
def _digest(folder, names, stamps):  # `stamps` (the files' mtimes) only keys the cache: a changed file is hashed again
    hasher = hashlib.sha256()
    for name in names:
        path = Path(folder) / name
        hasher.update(name.encode())
        hasher.update(path.read_bytes() if path.exists() else b"")
    return hasher.hexdigest()[:12]


def shell_version():
    """A short hash of the shell's files and the worker itself: it changes when any of them does."""
    folder = current_app.static_folder
    names = (*SHELL_STATIC, "js/service-worker.js")
    stamps = tuple((Path(folder) / name).stat().st_mtime_ns if (Path(folder) / name).exists() else 0
                   for name in names)
    return _digest(folder, names, stamps)


def session_tag(user):
    """An opaque tag of who is signed in ("none" for nobody): the same person keeps the same tag, and the
    tag tells nothing about them without the server's secret key."""
    if user is None:
        return "none"
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"pwa-session:{user.id}".encode(), hashlib.sha256).hexdigest()[:20]


def manifest(lang):
    """The web app manifest in `lang`: names, start page, colours and icons (a maskable one for Android)."""
    with force_locale(lang):
        return {
            "id": "/",
            "name": "Porte-Voix",
            "short_name": "Porte-Voix",
            "description": _("Share what you care about, in your own words."),
            "lang": lang,
            "dir": "ltr",
            "start_url": url_for("portal.home"),
            "scope": "/",
            "display": "standalone",
            "orientation": "portrait",
            "theme_color": THEME_COLOUR,
            "background_color": BACKGROUND_COLOUR,
            "icons": [
                {"src": url_for("static", filename="img/app/icon-192.png"), "sizes": "192x192",
                 "type": "image/png", "purpose": "any"},
                {"src": url_for("static", filename="img/app/icon-512.png"), "sizes": "512x512",
                 "type": "image/png", "purpose": "any"},
                {"src": url_for("static", filename="img/app/icon-maskable-512.png"), "sizes": "512x512",
                 "type": "image/png", "purpose": "maskable"},
            ],
            "shortcuts": [{"name": _("To share"), "url": url_for("library.to_share")}],
        }
