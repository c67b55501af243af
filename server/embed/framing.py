"""What every page of the share button's frame carries: who may frame it, the host page's origin (for
postMessage), the article and the language, passed along from page to page.

The loader opens `/embed/compose?url=…&origin=…&lang=…&networks=…`. `origin` is the host page's origin: the
frame posts its messages (resize, close, done) to that origin only, and only if PV_EMBED_ORIGINS lists it
(the browser delivers a message only to a window of the origin it names, so a wrong one reaches nobody).
Frame pages send `Content-Security-Policy: frame-ancestors 'self'` plus PV_EMBED_ORIGINS; every other page
keeps `frame-ancestors 'none'`.
"""

from urllib.parse import urlsplit

from flask import current_app, g, request, url_for

from server.config import LOCALES

DOOR_FIELDS = ("url", "origin", "lang", "networks")
MAX_URL = 2048


def allowed_origins():
    return [request.host_url.rstrip("/"), *current_app.config["EMBED_ORIGINS"]]


def host_origin(raw):
    """The host page's origin if the frame may talk to it (PV_EMBED_ORIGINS or this server), else None."""
    if not raw or not isinstance(raw, str):
        return None
    parts = urlsplit(raw)
    origin = f"{parts.scheme}://{parts.netloc.lower()}" if parts.scheme and parts.netloc else None
    return origin if origin in allowed_origins() else None


def door_values(values=None):
    """The frame's own parameters from this request (query or form), cleaned: what each link passes on."""
    values = request.values if values is None else values
    networks = [name for name in (values.get("networks") or "").replace(" ", ",").split(",") if name][:20]
    lang = (values.get("lang") or "")[:2].lower()
    door = {"url": (values.get("url") or "").strip()[:MAX_URL], "origin": host_origin(values.get("origin")) or "",
            "lang": lang if lang in LOCALES else "", "networks": ",".join(networks)}
    return {name: value for name, value in door.items() if value}


def frame_url(endpoint, **values):
    """The address of a frame page, carrying the frame's parameters."""
    return url_for(endpoint, **{**door_values(), **values})


def prepare_frame():
    """Before each frame page: let the allowed origins frame it, and speak the host page's language."""
    g.frame_ancestors = " ".join(["'self'", *current_app.config["EMBED_ORIGINS"]])
    lang = door_values().get("lang")
    if lang:
        g.page_locale = lang


def frame_context():
    """What the frame's layout needs: the host origin to talk to, and the door fields for its forms."""
    door = door_values()
    return {"host_origin": door.get("origin", ""), "door": door}
