"""Who may call what: every route of the application (URL rule × method), one line each.

`R(role, ok, …)` says the lowest role allowed (PUBLIC for anyone) and the status an allowed caller gets.
From it the matrix expects, for every other caller: 401 (API) or a redirect to /login (pages) when
anonymous, 403 below the role. Keywords:

- a caller's name (`anonymous=`, `employee=`, `leader=`, `moderator=`, `admin=`): a different status for
  that caller (a signed-in visitor of /login is sent home, say);
- each URL variable of the rule: its value, or `mine("kind")` for a fresh object the caller acts on
  (see tests/auth/access_world.py for the kinds);
- `other=`: the status when that object is another employee's (then their object must come out unchanged);
- `query=`, `json=`, `form=` (pages: the CSRF token is added), `headers=`: dicts, or functions of `o`,
  where `o("kind")` is resolved like `mine("kind")` (and to the other employee's object for `other=`);
- `fresh=True`: the request spends its caller (signs out, deletes the account…): a new one each time;
- `warns=True`: the page the caller is sent to says something went wrong (an error message): allowed, but
  what it asks cannot be done here. Otherwise an allowed caller's redirect may not carry one, and when the
  object is another employee's, the redirect may not say it succeeded.

Pages of the share button's frame (/embed/…) send an anonymous caller to the frame's own sign-in step
(/embed/welcome, the article kept) instead of /login, which no frame may show.

Adding a route: add its line here (the matrix fails until it is there, and fails for a line whose route
is gone).
"""

import json as jsonlib
from dataclasses import dataclass, field

from server.auth.roles import PUBLIC, Role

EMPLOYEE, LEADER, MODERATOR, ADMIN = Role.EMPLOYEE, Role.LEADER, Role.MODERATOR, Role.ADMIN
CALLERS = ("anonymous", *(role.value for role in Role))


@dataclass(frozen=True)
class mine:  # lower case: it reads as a phrase in the table, share_id=mine("share")
    kind: str


@dataclass(frozen=True)
class Expect:
    role: str
    ok: int
    statuses: dict = field(default_factory=dict)  # caller name -> status, where it differs from `ok`
    args: dict = field(default_factory=dict)
    other: int | None = None
    query: object = None
    json: object = None
    form: object = None
    headers: object = None
    fresh: bool = False
    warns: bool = False

    def status_for(self, who):
        return self.statuses.get(who, self.ok)


def R(role, ok, *, other=None, query=None, json=None, form=None, headers=None, fresh=False, warns=False,
      **named):
    statuses = {name: named.pop(name) for name in CALLERS if name in named}
    return Expect(role, ok, statuses, named, other, query, json, form, headers, fresh, warns)


def _idempotent(o):
    return {"Idempotency-Key": o("unique")}


def _share(o):
    return {"link_id": o("link"), "text": "Fier de Lyon", "targets": [{"network": "linkedin"}]}


def _share_form(o):
    return {"text": "Fier de Lyon", "network": "linkedin", "idempotency_key": o("unique")}


def _article(o):
    return {"url": o("link_url"), "lang": "fr"}


def _charter_file(o):
    return {"document": jsonlib.dumps(o("charter_document"))}


ROUTES = {
    # -- signing in, and what anyone may fetch -------------------------------------------------------------
    ("GET", "/login"): R(PUBLIC, 302, anonymous=200),
    ("POST", "/login"): R(PUBLIC, 200, form={"email": "someone@acme.example"}),
    ("GET", "/login/magic/<token>"): R(PUBLIC, 200, token=mine("magic_token")),
    ("POST", "/login/magic/<token>"): R(PUBLIC, 302, token=mine("magic_token"), fresh=True),
    ("GET", "/login/sso"): R(PUBLIC, 404),  # single sign-on is off here (tests/auth/test_oidc.py turns it on)
    ("GET", "/login/sso/callback"): R(PUBLIC, 404),
    ("POST", "/login/demo"): R(PUBLIC, 404),  # not a demo instance
    ("POST", "/logout"): R(EMPLOYEE, 302, fresh=True),
    ("POST", "/language"): R(PUBLIC, 302, form={"locale": "en"}),
    ("POST", "/api/v1/auth/magic-link"): R(PUBLIC, 202, json={"email": "someone@acme.example"}),
    ("GET", "/healthz"): R(PUBLIC, 200),
    ("GET", "/readyz"): R(PUBLIC, 200),
    ("GET", "/api/v1/openapi.json"): R(PUBLIC, 200),
    ("GET", "/static/<path:filename>"): R(PUBLIC, 200, filename="css/app.css"),
    ("GET", "/s/<code>"): R(PUBLIC, 302, code=mine("code")),
    # -- one's own account ---------------------------------------------------------------------------------
    ("GET", "/"): R(EMPLOYEE, 200),
    ("GET", "/account"): R(EMPLOYEE, 200),
    ("POST", "/account/profile"): R(EMPLOYEE, 302, form={"name": "Nouveau Nom"}),
    ("POST", "/account/tokens"): R(EMPLOYEE, 201, form={"name": "laptop"}),
    ("POST", "/account/tokens/<int:token_id>/revoke"): R(EMPLOYEE, 302, token_id=mine("token"), other=404),
    ("POST", "/account/sessions/revoke-others"): R(EMPLOYEE, 302),
    ("GET", "/account/export.json"): R(EMPLOYEE, 200),
    ("POST", "/account/delete"): R(EMPLOYEE, 302, form=lambda o: {"confirm_email": o("my_email")}, fresh=True),
    ("GET", "/notifications"): R(EMPLOYEE, 200),
    ("POST", "/notifications/read"): R(EMPLOYEE, 302),
    ("GET", "/api/v1/me"): R(EMPLOYEE, 200),
    ("PATCH", "/api/v1/me"): R(EMPLOYEE, 200, json={"name": "Nouveau Nom"}),
    ("GET", "/api/v1/me/sessions"): R(EMPLOYEE, 200),
    ("GET", "/api/v1/tokens"): R(EMPLOYEE, 200),
    ("POST", "/api/v1/tokens"): R(EMPLOYEE, 201, json={"name": "laptop"}),
    ("DELETE", "/api/v1/tokens/<int:token_id>"): R(EMPLOYEE, 204, token_id=mine("token"), other=404),
    # The extension disconnecting: it revokes the very token it presents, so the caller is spent.
    ("DELETE", "/api/v1/extension/token"): R(EMPLOYEE, 204, fresh=True),
    ("GET", "/extension/connect"): R(EMPLOYEE, 200),
    ("POST", "/extension/connect"): R(EMPLOYEE, 201, form={"name": "Chrome", "bridge": "1"}),
    ("GET", "/admin/extension"): R(ADMIN, 200),
    ("GET", "/api/v1/departments"): R(EMPLOYEE, 200),
    # -- the charter ---------------------------------------------------------------------------------------
    ("GET", "/charter"): R(EMPLOYEE, 200),
    ("POST", "/charter/acknowledge"): R(EMPLOYEE, 302, form=lambda o: {"version": o("version")}),
    ("GET", "/charter/changes"): R(EMPLOYEE, 200, query={"since": 1}),
    ("GET", "/charter/quiz"): R(EMPLOYEE, 200),
    ("POST", "/charter/quiz"): R(EMPLOYEE, 200, form=lambda o: {"version": o("version"), "answer-0": 0}),
    ("GET", "/api/v1/charter"): R(EMPLOYEE, 200),
    ("POST", "/api/v1/charter/acknowledgements"): R(EMPLOYEE, 201, json=lambda o: {"version": o("version")}),
    ("GET", "/api/v1/charter/quiz"): R(EMPLOYEE, 200),
    ("POST", "/api/v1/charter/quiz/attempts"): R(EMPLOYEE, 201, json={"answers": [0]}),
    ("POST", "/api/v1/checks"): R(EMPLOYEE, 200, json={"text": "Fier de notre site de Lyon"}),
    ("GET", "/api/v1/charter/versions"): R(MODERATOR, 200),
    ("POST", "/api/v1/charter/versions"): R(ADMIN, 201, json=lambda o: {"document": o("charter_document"),
                                                                          "needs_acknowledgement": False}),
    ("GET", "/api/v1/charter/versions/<int:number>"): R(MODERATOR, 200, number=mine("version")),
    ("GET", "/admin/charter/"): R(MODERATOR, 200),
    ("POST", "/admin/charter/"): R(ADMIN, 422, form={"name": ""}),
    ("GET", "/admin/charter/edit"): R(ADMIN, 200),
    ("POST", "/admin/charter/draft-check"): R(ADMIN, 422, form={"check-text": "Fier"}),  # rules: the editor's form
    ("POST", "/admin/charter/import"): R(ADMIN, 302, form=_charter_file),
    ("GET", "/admin/charter/versions/<int:number>"): R(MODERATOR, 200, number=mine("version")),
    ("GET", "/admin/charter/versions/<int:number>/export.json"): R(MODERATOR, 200, number=mine("version")),
    # -- the library, for every employee -------------------------------------------------------------------
    ("GET", "/to-share"): R(EMPLOYEE, 200),
    ("GET", "/to-share/<int:link_id>"): R(EMPLOYEE, 200, link_id=mine("link"), other=404),
    ("POST", "/to-share/interests"): R(EMPLOYEE, 302, form={}),
    ("POST", "/to-share/propose"): R(EMPLOYEE, 302, form=lambda o: {"url": o("proposal_url")}, other=302),
    ("GET", "/api/v1/library"): R(EMPLOYEE, 200),
    ("GET", "/api/v1/library/<int:link_id>"): R(EMPLOYEE, 200, link_id=mine("link"), other=404),
    ("GET", "/api/v1/library/<int:link_id>/idea"): R(EMPLOYEE, 200, link_id=mine("link"), other=404),
    ("GET", "/api/v1/links/lookup"): R(EMPLOYEE, 200, query=lambda o: {"url": o("link_url")}, other=200),
    ("POST", "/api/v1/proposals"): R(EMPLOYEE, 201, json=lambda o: {"url": o("proposal_url")}, other=200),
    ("GET", "/api/v1/proposals/mine"): R(EMPLOYEE, 200),
    ("GET", "/api/v1/suggestions"): R(EMPLOYEE, 200),
    ("GET", "/api/v1/interests"): R(EMPLOYEE, 200),
    ("GET", "/api/v1/me/interests"): R(EMPLOYEE, 200),
    ("PUT", "/api/v1/me/interests"): R(EMPLOYEE, 200, json={"interest_ids": []}),
    # -- curating the library ------------------------------------------------------------------------------
    ("GET", "/api/v1/links"): R(MODERATOR, 200),
    ("POST", "/api/v1/links"): R(MODERATOR, 201, json=lambda o: {"url": o("url"), "category": "sector",
                                                                  "title": "Titre", "fetch_preview": False}),
    ("GET", "/api/v1/links/<int:link_id>"): R(MODERATOR, 200, link_id=mine("link")),
    ("PATCH", "/api/v1/links/<int:link_id>"): R(MODERATOR, 200, link_id=mine("link"), json={"title": "Titre"}),
    ("DELETE", "/api/v1/links/<int:link_id>"): R(ADMIN, 204, link_id=mine("link")),
    ("POST", "/api/v1/links/<int:link_id>/approve"): R(MODERATOR, 200, link_id=mine("proposal"),
                                                       json={"category": "sector", "title": "Titre"}),
    ("POST", "/api/v1/links/<int:link_id>/archive"): R(MODERATOR, 200, link_id=mine("proposal"), json={}),
    ("POST", "/api/v1/links/<int:link_id>/preview"): R(MODERATOR, 202, link_id=mine("link")),
    ("GET", "/api/v1/links/<int:link_id>/kit"): R(MODERATOR, 200, link_id=mine("link")),
    ("PUT", "/api/v1/links/<int:link_id>/kit"): R(MODERATOR, 200, link_id=mine("link"), json={
        "captions": [{"language": "fr", "text": "Une idée"}]}),
    ("GET", "/api/v1/campaigns"): R(MODERATOR, 200),
    ("POST", "/api/v1/campaigns"): R(MODERATOR, 201, json=lambda o: {"name": o("unique")}),
    ("GET", "/api/v1/campaigns/<int:campaign_id>"): R(MODERATOR, 200, campaign_id=mine("campaign")),
    ("PATCH", "/api/v1/campaigns/<int:campaign_id>"): R(MODERATOR, 200, campaign_id=mine("campaign"),
                                                        json={"objective": "Plus de visibilité"}),
    ("DELETE", "/api/v1/campaigns/<int:campaign_id>"): R(ADMIN, 204, campaign_id=mine("campaign")),
    ("GET", "/api/v1/feeds"): R(MODERATOR, 200),
    ("POST", "/api/v1/feeds"): R(MODERATOR, 201, json=lambda o: {"url": o("url")}),
    ("PATCH", "/api/v1/feeds/<int:feed_id>"): R(MODERATOR, 200, feed_id=mine("feed"), json={"active": False}),
    ("DELETE", "/api/v1/feeds/<int:feed_id>"): R(ADMIN, 204, feed_id=mine("feed")),
    ("POST", "/api/v1/feeds/<int:feed_id>/poll"): R(MODERATOR, 202, feed_id=mine("feed")),
    ("POST", "/api/v1/link-imports"): R(MODERATOR, 202, form=lambda o: {"file": o("csv_file"),
                                                                         "fetch_previews": "false"}),
    ("GET", "/api/v1/link-imports/<int:import_id>"): R(MODERATOR, 200, import_id=mine("import")),
    ("GET", "/api/v1/content-mix"): R(MODERATOR, 200),
    ("GET", "/admin/library/"): R(MODERATOR, 200),
    ("POST", "/admin/library/"): R(MODERATOR, 302, form=lambda o: {"url": o("url"), "category": "sector",
                                                                    "approve": "on"}),
    ("GET", "/admin/library/<int:link_id>"): R(MODERATOR, 200, link_id=mine("link")),
    ("POST", "/admin/library/<int:link_id>"): R(MODERATOR, 302, link_id=mine("link"), form={"title": "Titre"}),
    ("POST", "/admin/library/<int:link_id>/approve"): R(MODERATOR, 302, link_id=mine("proposal"),
                                                        form={"category": "sector", "title": "Titre"}),
    ("POST", "/admin/library/<int:link_id>/archive"): R(MODERATOR, 302, link_id=mine("proposal")),
    ("POST", "/admin/library/<int:link_id>/delete"): R(ADMIN, 302, link_id=mine("link")),
    ("POST", "/admin/library/<int:link_id>/kit"): R(MODERATOR, 302, link_id=mine("link"), form={
        "caption_language_0": "fr", "caption_text_0": "Une idée"}),
    ("POST", "/admin/library/<int:link_id>/preview"): R(MODERATOR, 302, link_id=mine("link")),
    ("GET", "/admin/library/campaigns"): R(MODERATOR, 200),
    ("POST", "/admin/library/campaigns"): R(MODERATOR, 302, form=lambda o: {"name": o("unique")}),
    ("GET", "/admin/library/campaigns/<int:campaign_id>"): R(MODERATOR, 200, campaign_id=mine("campaign")),
    ("POST", "/admin/library/campaigns/<int:campaign_id>"): R(MODERATOR, 302, campaign_id=mine("campaign"),
                                                              form=lambda o: {"name": o("unique")}),
    ("POST", "/admin/library/campaigns/<int:campaign_id>/delete"): R(ADMIN, 302, campaign_id=mine("campaign")),
    ("GET", "/admin/library/feeds"): R(MODERATOR, 200),
    ("POST", "/admin/library/feeds"): R(MODERATOR, 302, form=lambda o: {"url": o("url")}, warns=True),  # unread
    ("POST", "/admin/library/feeds/<int:feed_id>"): R(MODERATOR, 302, feed_id=mine("feed"), form={}),
    ("POST", "/admin/library/feeds/<int:feed_id>/delete"): R(ADMIN, 302, feed_id=mine("feed")),
    ("POST", "/admin/library/feeds/<int:feed_id>/poll"): R(MODERATOR, 302, feed_id=mine("feed")),
    ("GET", "/admin/library/import"): R(MODERATOR, 200),
    ("POST", "/admin/library/import"): R(MODERATOR, 302, form=lambda o: {"file": o("csv_file")}),
    ("GET", "/admin/library/imports/<int:import_id>"): R(MODERATOR, 200, import_id=mine("import")),
    ("GET", "/admin/library/mix"): R(MODERATOR, 200),
    # -- sharing -------------------------------------------------------------------------------------------
    ("GET", "/share/<int:link_id>"): R(EMPLOYEE, 200, link_id=mine("link"), other=409),
    ("POST", "/share/<int:link_id>"): R(EMPLOYEE, 302, link_id=mine("link"), form=_share_form, other=409),
    ("GET", "/shares"): R(EMPLOYEE, 200),
    ("GET", "/shares/<int:share_id>"): R(EMPLOYEE, 200, share_id=mine("share"), other=404),
    ("POST", "/shares/<int:share_id>/cancel"): R(EMPLOYEE, 302, share_id=mine("share"), other=302),
    ("POST", "/shares/<int:share_id>/resubmit"): R(EMPLOYEE, 302, share_id=mine("share"), form={"text": "Fier"},
                                                   other=302),
    ("POST", "/shares/<int:share_id>/retry/<network>"): R(EMPLOYEE, 302, share_id=mine("failed_share"),
                                                          network="bluesky", other=404),
    ("POST", "/participation"): R(EMPLOYEE, 302),
    ("POST", "/participation/leave"): R(EMPLOYEE, 302, fresh=True),
    ("GET", "/api/v1/networks"): R(EMPLOYEE, 200),
    ("GET", "/api/v1/participation"): R(EMPLOYEE, 200),
    ("PUT", "/api/v1/participation"): R(EMPLOYEE, 200),
    ("DELETE", "/api/v1/participation"): R(EMPLOYEE, 204, fresh=True),
    ("GET", "/api/v1/shares"): R(EMPLOYEE, 200),
    ("POST", "/api/v1/shares"): R(EMPLOYEE, 201, json=_share, headers=_idempotent, other=409),
    ("GET", "/api/v1/shares/<int:share_id>"): R(EMPLOYEE, 200, share_id=mine("share"), other=404),
    ("POST", "/api/v1/shares/<int:share_id>/cancel"): R(EMPLOYEE, 200, share_id=mine("share"), other=404),
    ("POST", "/api/v1/shares/<int:share_id>/resubmit"): R(EMPLOYEE, 200, share_id=mine("share"),
                                                          json={"text": "Fier"}, other=404),
    ("POST", "/api/v1/shares/<int:share_id>/targets/<network>/opened"): R(
        EMPLOYEE, 200, share_id=mine("ready_share"), network="linkedin", other=404),
    ("POST", "/api/v1/shares/<int:share_id>/targets/<network>/retry"): R(
        EMPLOYEE, 200, share_id=mine("failed_share"), network="bluesky", other=404),
    ("GET", "/review"): R(MODERATOR, 200),
    ("POST", "/review/<int:share_id>/approve"): R(MODERATOR, 302, share_id=mine("pending_share")),
    ("POST", "/review/<int:share_id>/reject"): R(MODERATOR, 302, share_id=mine("pending_share"),
                                                 form={"reason": "Pas de rumeurs"}),
    ("GET", "/api/v1/reviews"): R(MODERATOR, 200),
    ("POST", "/api/v1/reviews/<int:share_id>/approve"): R(MODERATOR, 200, share_id=mine("pending_share"), json={}),
    ("POST", "/api/v1/reviews/<int:share_id>/reject"): R(MODERATOR, 200, share_id=mine("pending_share"),
                                                         json={"reason": "Pas de rumeurs"}),
    # -- connected accounts --------------------------------------------------------------------------------
    ("GET", "/accounts"): R(EMPLOYEE, 200),
    ("GET", "/accounts/connect/<network>"): R(EMPLOYEE, 302, network="linkedin"),
    ("GET", "/accounts/callback/<network>"): R(EMPLOYEE, 302, network="linkedin", warns=True),  # nothing begun
    ("POST", "/accounts/connect/<network>"): R(EMPLOYEE, 302, network="bluesky", form=lambda o: o("bluesky_login")),
    ("POST", "/accounts/<int:account_id>/refresh"): R(EMPLOYEE, 302, account_id=mine("account"), other=302),
    ("POST", "/accounts/<int:account_id>/disconnect"): R(EMPLOYEE, 302, account_id=mine("account"), other=404),
    ("GET", "/api/v1/accounts"): R(EMPLOYEE, 200),
    ("DELETE", "/api/v1/accounts/<int:account_id>"): R(EMPLOYEE, 204, account_id=mine("account"), other=404),
    # -- the intranet share button ---------------------------------------------------------------------------
    ("GET", "/widget.js"): R(PUBLIC, 200),
    ("GET", "/widget.<digest>.js"): R(PUBLIC, 200, digest=mine("widget_digest")),
    ("GET", "/embed/welcome"): R(PUBLIC, 302, anonymous=200, query=_article),
    ("GET", "/embed/compose"): R(EMPLOYEE, 200, query=_article, other=200),  # theirs: a proposal, not shareable
    ("POST", "/embed/compose"): R(EMPLOYEE, 302, query=_article, form=_share_form, other=409),
    ("GET", "/embed/shares/<int:share_id>"): R(EMPLOYEE, 200, share_id=mine("share"), other=404),
    ("POST", "/embed/participation"): R(EMPLOYEE, 302, query=_article),
    ("POST", "/embed/proposals"): R(EMPLOYEE, 302, query=lambda o: {"url": o("proposal_url")}, other=302),
    ("GET", "/embed/charter"): R(EMPLOYEE, 200, query=_article),
    ("POST", "/embed/charter/acknowledge"): R(EMPLOYEE, 302, form=lambda o: {"version": o("version")}),
    ("GET", "/embed/quiz"): R(EMPLOYEE, 200),
    ("POST", "/embed/quiz"): R(EMPLOYEE, 200, form=lambda o: {"version": o("version"), "answer-0": 0}),
    ("GET", "/embed/sign-in"): R(PUBLIC, 200, anonymous=302),  # the popup: anonymous callers go to /login
    ("POST", "/embed/session"): R(PUBLIC, 302, form=lambda o: {"token": o("handoff_token")}, fresh=True),
    ("GET", "/admin/share-button"): R(ADMIN, 200),
    # -- people and the audit log --------------------------------------------------------------------------
    ("GET", "/admin/"): R(MODERATOR, 200, admin=302),
    ("GET", "/admin/users"): R(ADMIN, 200),
    ("POST", "/admin/users"): R(ADMIN, 302, form=lambda o: {"email": o("email"), "name": "Nouvelle Recrue"}),
    ("POST", "/admin/users/<int:user_id>"): R(ADMIN, 302, user_id=mine("user"), form={"role": "leader",
                                                                                      "active": "on"}),
    ("GET", "/admin/departments"): R(ADMIN, 200),
    ("POST", "/admin/departments"): R(ADMIN, 302, form=lambda o: {"name": o("unique")}),
    ("GET", "/admin/audit"): R(ADMIN, 200),
    ("GET", "/api/v1/users"): R(ADMIN, 200),
    ("POST", "/api/v1/users"): R(ADMIN, 201, json=lambda o: {"email": o("email"), "name": "Nouvelle Recrue",
                                                              "send_invitation": False}),
    ("PATCH", "/api/v1/users/<int:user_id>"): R(ADMIN, 200, user_id=mine("user"), json={"role": "leader"}),
    ("POST", "/api/v1/departments"): R(ADMIN, 201, json=lambda o: {"name": o("unique")}),
    ("GET", "/api/v1/audit"): R(ADMIN, 200),
    # -- results -------------------------------------------------------------------------------------------
    ("GET", "/results"): R(LEADER, 200),
    ("GET", "/results/<any(days, networks, departments, campaigns, links, mix):table>.csv"): R(LEADER, 200,
                                                                                               table="days"),
    ("GET", "/results/campaigns"): R(LEADER, 200),
    ("GET", "/results/campaigns/<int:campaign_id>"): R(LEADER, 200, campaign_id=mine("campaign")),
    ("GET", "/results/campaigns/<int:campaign_id>/<any(departments, networks, links, days, mix):table>.csv"): R(
        LEADER, 200, campaign_id=mine("campaign"), table="departments"),
    ("GET", "/team"): R(LEADER, 200),
    ("GET", "/team/<any(members):table>.csv"): R(LEADER, 200, table="members"),
    ("POST", "/team/campaigns/<int:campaign_id>/relay"): R(LEADER, 302, campaign_id=mine("campaign")),
    ("GET", "/impact"): R(EMPLOYEE, 200),
    ("GET", "/impact/<any(shares, days):table>.csv"): R(EMPLOYEE, 200, table="shares"),
    ("GET", "/api/v1/me/impact"): R(EMPLOYEE, 200),
    ("GET", "/recognition"): R(EMPLOYEE, 200),
    # Nobody here has points yet: the donation is refused with a message (the route itself is reached).
    ("POST", "/recognition/donations"): R(EMPLOYEE, 302, form=lambda o: {"charity_id": o("charity"), "points": 1},
                                          warns=True),
    ("GET", "/campaigns/<int:campaign_id>"): R(EMPLOYEE, 200, campaign_id=mine("campaign")),
    ("POST", "/account/figures"): R(EMPLOYEE, 302, form={"visible_to_team": "on"}),
    ("GET", "/admin/results"): R(ADMIN, 200),
    ("POST", "/admin/results"): R(ADMIN, 302, form={
        "click_value_cents": "50", "cpm_cents": "800", "points_per_share": "10", "share_points_daily_cap": "30",
        "points_per_click": "1", "click_points_daily_cap": "20", "points_per_euro": "100", "mix_product": "20",
        "mix_culture": "30", "mix_sector": "50"}),
    ("POST", "/admin/results/charities"): R(ADMIN, 302, form=lambda o: {"name": o("unique")}),
    ("POST", "/admin/results/charities/<int:charity_id>/active"): R(ADMIN, 302, charity_id=mine("charity")),
    ("GET", "/admin/results/donations.csv"): R(ADMIN, 200),
    # Conversions are off unless the administrators enable them (tests/analytics/test_people.py).
    ("POST", "/api/v1/conversions"): R(PUBLIC, 403, json={"token": "x", "kind": "signup"}),
    # -- e-mail digests, announcements, recruiting ---------------------------------------------------------
    # Signed links name their person: an anonymous visitor holds Océane's (sent to sign in, or served).
    ("GET", "/d/share/<token>"): R(PUBLIC, 302, token=mine("digest_share_token")),
    ("GET", "/d/unsubscribe/<token>"): R(PUBLIC, 200, token=mine("unsubscribe_token")),
    ("POST", "/d/unsubscribe/<token>"): R(PUBLIC, 200, token=mine("unsubscribe_token"), form={}),
    ("GET", "/d/subscribe/<token>"): R(PUBLIC, 200, token=mine("subscribe_token")),
    ("POST", "/d/subscribe/<token>"): R(PUBLIC, 200, token=mine("subscribe_token"), form={}),
    ("POST", "/account/digest"): R(EMPLOYEE, 302, form={"frequency": "weekly"}),
    ("GET", "/account/digest/preview"): R(EMPLOYEE, 200),
    ("GET", "/account/digest/preview.html"): R(EMPLOYEE, 200),
    ("GET", "/admin/announcements"): R(ADMIN, 200),
    ("POST", "/admin/announcements"): R(ADMIN, 302, form={"subject": "Lancement", "body": "C'est parti.",
                                                          "audience": "everyone"}),
    ("GET", "/admin/announcements/<int:announcement_id>"): R(ADMIN, 200, announcement_id=mine("announcement")),
    ("GET", "/admin/announcements/<int:announcement_id>/preview.html"): R(ADMIN, 200,
                                                                          announcement_id=mine("announcement")),
    ("POST", "/admin/announcements/<int:announcement_id>/test"): R(ADMIN, 302, announcement_id=mine("announcement")),
    ("POST", "/admin/announcements/<int:announcement_id>/send"): R(ADMIN, 302, announcement_id=mine("announcement")),
    ("POST", "/admin/announcements/digest-invitation"): R(ADMIN, 302),
    ("GET", "/team/announcements"): R(LEADER, 200),
    ("POST", "/team/announcements/<int:announcement_id>/relay"): R(LEADER, 302,
                                                                   announcement_id=mine("sent_announcement")),
    ("GET", "/recruiting"): R(LEADER, 200),
    ("POST", "/recruiting/invitations"): R(LEADER, 302, form=lambda o: {"user_ids": o("recruit"),
                                                                        "message": "Rejoins-nous"}),
    ("POST", "/recruiting/invitations/<int:invitation_id>/remind"): R(LEADER, 302, invitation_id=mine("invitation")),
    ("GET", "/r/<token>"): R(PUBLIC, 200, token=mine("invitation_token")),
    # -- the charter simulator ---------------------------------------------------------------------------
    ("POST", "/admin/charter/simulations/"): R(ADMIN, 422, form={"name": ""}),  # rules: the editor's form
    ("GET", "/admin/charter/simulations/<int:simulation_id>"): R(ADMIN, 200, simulation_id=mine("simulation")),
    ("POST", "/admin/charter/simulations/<int:simulation_id>/publish"): R(ADMIN, 302,
                                                                          simulation_id=mine("simulation")),
    ("POST", "/api/v1/charter/simulations"): R(ADMIN, 201, json=lambda o: {"document": o("charter_document")}),
    ("GET", "/api/v1/charter/simulations/<int:simulation_id>"): R(ADMIN, 200, simulation_id=mine("simulation")),
    # The installable web app: its manifest, its service worker and the offline page name nobody.
    ("GET", "/manifest-<any(en, fr):lang>.webmanifest"): R(PUBLIC, 200, lang="fr"),
    ("GET", "/service-worker.js"): R(PUBLIC, 200),
    ("GET", "/offline/<any(en, fr):lang>"): R(PUBLIC, 200, lang="en"),
    ("GET", "/this-phone"): R(EMPLOYEE, 200),
    ("GET", "/api/v1/push/key"): R(EMPLOYEE, 200),
    ("GET", "/api/v1/push/subscriptions"): R(EMPLOYEE, 200),
    ("POST", "/api/v1/push/subscriptions"): R(EMPLOYEE, 201, json={
        "endpoint": "https://push.example/device", "keys": {"p256dh": "B" * 87, "auth": "A" * 22}}),
    ("DELETE", "/api/v1/push/subscriptions"): R(EMPLOYEE, 200, json={}),
    # -- chat channels and signed webhooks -----------------------------------------------------------------
    ("GET", "/admin/webhooks/"): R(ADMIN, 200),
    ("POST", "/admin/webhooks/"): R(ADMIN, 201, form={"kind": "signed", "name": "Outil", "events": "share.posted",
                                                      "url": "http://127.0.0.1:9/hook", "internal_host": "on"}),
    ("GET", "/admin/webhooks/<int:endpoint_id>"): R(ADMIN, 200, endpoint_id=mine("webhook")),
    ("POST", "/admin/webhooks/<int:endpoint_id>"): R(ADMIN, 302, endpoint_id=mine("webhook"), form={
        "kind": "signed", "name": "Outil", "events": "share.posted", "language": "en"}),
    ("POST", "/admin/webhooks/<int:endpoint_id>/active"): R(ADMIN, 302, endpoint_id=mine("webhook")),
    ("POST", "/admin/webhooks/<int:endpoint_id>/test"): R(ADMIN, 302, endpoint_id=mine("webhook")),
    ("POST", "/admin/webhooks/<int:endpoint_id>/secret"): R(ADMIN, 200, endpoint_id=mine("webhook")),
    ("POST", "/admin/webhooks/<int:endpoint_id>/delete"): R(ADMIN, 302, endpoint_id=mine("webhook")),
    ("POST", "/review/batch"): R(MODERATOR, 302, form=lambda o: {"share_id": o("pending_share"),
                                                                 "decision": "approve"}),
    ("POST", "/review/<int:share_id>/suggest"): R(MODERATOR, 302, share_id=mine("pending_share"),
                                                  form={"text": "Notre nouveau site de Lyon ouvre ses portes."}),
    ("POST", "/shares/<int:share_id>/suggestion/accept"): R(EMPLOYEE, 302, share_id=mine("suggested_share")),
    ("POST", "/shares/<int:share_id>/suggestion/decline"): R(EMPLOYEE, 302, share_id=mine("suggested_share")),
    ("POST", "/share/<int:link_id>/first-steps"): R(EMPLOYEE, 302, link_id=mine("link"), other=409),
    # Without the version it answers, the quiz is shown again (the caller is sent back to it).
    ("POST", "/share/<int:link_id>/quiz"): R(EMPLOYEE, 302, link_id=mine("link"), other=409),
    ("POST", "/embed/first-steps"): R(EMPLOYEE, 302, query=_article),
    ("POST", "/embed/first-quiz"): R(EMPLOYEE, 302, query=_article),
}
