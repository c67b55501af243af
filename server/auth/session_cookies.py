"""The cookies that carry a browser's session: one for the site itself, one for the share button's frame.

`pv_session` is SameSite=Lax: sent on the site's own pages and, when the intranet embedding the share
button is on the same site as the server (intranet.acme.com and share.acme.com share the registrable
domain acme.com), in the button's frame too: the employee signed in on the server is signed in there.

When the intranet is another site, a Lax cookie never reaches the frame, and browsers that block
third-party cookies refuse any cookie of the frame's except a *partitioned* one (CHIPS: `Partitioned;
Secure; SameSite=None`), kept apart for each top-level site. So a frame that arrives without `pv_session`
gets `pv_embed_session`, partitioned: its own session, opened by a sign-in in a popup window (a first-party
page) that hands the frame a one-time token (`server/auth/handoff.py`). Chromium accepts Secure cookies
on http://localhost and http://127.0.0.1, so this works in development too.

Which cookie a response writes is the one its request came with; a request of an embed page (/embed/…)
that came with neither starts a partitioned one. Signing out clears whichever the request used.
"""

from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import BadData

FRAMED_COOKIE = "pv_embed_session"
FRAMED_PATHS = ("/embed/",)


class FramedSession(SecureCookieSession):
    """A session kept in the partitioned cookie of the share button's frame."""


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, in `pv_session` or, inside a cross-site frame, `pv_embed_session`."""

    def _load(self, app, raw, session_class):
        serializer = self.get_signing_serializer(app)
        if serializer is None or not raw:
            return None
        try:
            return session_class(serializer.loads(raw, max_age=int(app.permanent_session_lifetime.total_seconds())))
        except BadData:  # a bad signature or a garbled cookie: no session, as Flask does
            return None

    def open_session(self, app, request):
        main = self._load(app, request.cookies.get(self.get_cookie_name(app)), self.session_class)
        if main is not None:
            return main
        framed = self._load(app, request.cookies.get(FRAMED_COOKIE), FramedSession)
        if framed is not None:
            return framed
        if request.path.startswith(FRAMED_PATHS) and self.get_cookie_name(app) not in request.cookies:
            return FramedSession()
        return self.session_class()

    def save_session(self, app, session, response):
        if not isinstance(session, FramedSession):
            return super().save_session(app, session, response)
        attributes = {"domain": self.get_cookie_domain(app), "path": self.get_cookie_path(app), "secure": True,
                      "partitioned": True, "samesite": "None", "httponly": True}
        if session.accessed:
            response.vary.add("Cookie")
        if not session:
            if session.modified:
                response.delete_cookie(FRAMED_COOKIE, **attributes)
                response.vary.add("Cookie")
            return None
        if not self.should_set_cookie(app, session):
            return None
        value = self.get_signing_serializer(app).dumps(dict(session))
        response.set_cookie(FRAMED_COOKIE, value, expires=self.get_expiration_time(app, session), **attributes)
        response.vary.add("Cookie")
        return None


def in_framed_session(session):
    """Whether this request's session lives in the frame's partitioned cookie."""
    return isinstance(session, FramedSession)
