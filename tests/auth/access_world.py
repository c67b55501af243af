"""The people and objects the access matrix asks about, made through the services and the API.

A `World` lives in one application. It holds the team that curates, a colleague (Océane) who owns one of
everything (a proposal waiting, a declined one, a draft share, an API token, a connected account, a
notice), and signed-in callers. `World.mine(kind, caller)` makes a fresh object for the request at hand
(so that deleting, cancelling or approving never spoils the next request); `World.theirs(kind, caller)`
is Océane's. What Océane wrote is marked with `SECRETS`: no answer to anyone but the team may contain them.
"""

import io
import itertools
import uuid
from contextlib import contextmanager
from dataclasses import dataclass

from flask import g

from server.analytics.models import Charity
from server.auth.handoff import issue_handoff
from server.auth.magic import request_magic_link
from server.auth.models import ApiToken, Department, User
from server.auth.roles import Role
from server.auth.tokens import create_api_token
from server.charter.simulator import start_simulation
from server.charter.training import acknowledge, submit_quiz
from server.charter.versions import current_version, parse_document, save_version
from server.embed.loader import loader
from server.library import links, review
from server.library.campaigns import create_campaign
from server.library.feed_subscriptions import subscribe_feed
from server.library.link_imports import start_import
from server.library.models import Link
from server.notifications import Notification, notify
from server.shares.accounts import connect_with_password, mark_reconnect
from server.shares.models import ConnectedAccount, Share, ShareTarget
from tests.conftest import csrf_token, sign_in_client

# What only Océane (and, for some, the curators) may read.
SECRETS = {
    "note": "oceane-private-note-5b1",
    "reason": "curators-reason-for-oceane-7c2",
    "working_title": "curators-working-title-9d3",
    "share_text": "oceane-draft-text-2e4",
    "token_name": "oceane-token-name-4f5",
    "account_problem": "oceane-account-problem-6a6",
    "notice": "oceane-notice-subject-8b7",
}
# The roles that see other people's proposals and shares (the review queues, the curators' lists).
TEAM = (Role.MODERATOR, Role.ADMIN)

CHARTER = {
    "name": "Charte Acme", "languages": ["fr", "en"], "competitors": ["Voltaria"], "review_terms": ["rachat"],
    "banned_terms": [], "brand_terms": [], "allowed_domains": ["acme-energie.example"],
    "disclosure": {"required": False, "markers": []}, "hashtags": {"max": 5, "required": []},
    "text": {"fr": "Soyez vous-même.", "en": "Be yourself."},
    "quiz": [{"question": {"fr": "Parlez-vous en votre nom ?", "en": "Do you speak for yourself?"},
              "choices": [{"fr": "Oui", "en": "Yes"}, {"fr": "Non", "en": "No"}], "answer": 0,
              "explanation": {"fr": "Toujours.", "en": "Always."}}],
}
SPENT_BY_USE = {"csv_file"}  # an open file is read (and closed) by the request
CSV = b"url,category,title\nhttps://acme-energie.example/csv/{n},sector,Par CSV\n"


@dataclass
class Caller:
    """Someone making requests: pages through a session cookie (with its CSRF token), the API with a bearer
    token, as the browser extension does. `user` is None for an anonymous visitor."""

    who: str  # "anonymous" or a role
    user: User | None
    client: object
    csrf: str
    bearer: dict


class World:
    def __init__(self, app, bluesky):
        self.app, self.bluesky = app, bluesky
        self.numbers = itertools.count(1)
        self._kept = {}
        with self.context():
            # Everyone works in one department: leaders see their department's results.
            self.department = Department.create(name="Atelier")
            self.team = self.person(Role.ADMIN, "Alice Team")
            self.version = self._publish_charter()
        self.link = self._approved_link()  # what callers share
        self.oceane = self.caller(Role.EMPLOYEE, name="Océane Roux")
        self._theirs = self._oceanes_things()

    # -- people ------------------------------------------------------------------------------------------

    @contextmanager
    def context(self, user=None):
        """Service calls run as a request does (translations, url_for, notifications, audit)."""
        with self.app.test_request_context():
            g.user = user
            yield

    def person(self, role, name=None):
        n = next(self.numbers)
        return User.create(email=f"person{n}@acme.example", name=name or f"Person {n}", role=role,
                           department=self.department)

    def caller(self, who, name=None):
        """A signed-in caller of this role, taking part and ready to share; or an anonymous visitor."""
        client = self.app.test_client()
        if who == "anonymous":
            return Caller(who, None, client, csrf_token(client, "/login"), {})

        with self.context():
            user = self.person(who, name)
            acknowledge(user, current_version().number)
            submit_quiz(user, [0], "en")
            _row, raw = create_api_token(user, "matrix")
        sign_in_client(client, user)
        caller = Caller(str(who), user, client, csrf_token(client), {"Authorization": f"Bearer {raw}"})
        assert self.api(caller, "PUT", "/api/v1/participation").status_code == 200
        return caller

    def api(self, caller, method, path, headers=None, **kwargs):
        return caller.client.open(path, method=method, headers={**caller.bearer, **(headers or {})}, **kwargs)

    # -- objects -----------------------------------------------------------------------------------------

    def mine(self, kind, caller, fresh=True):
        """A fresh object of `kind` for `caller` to act on (their own, or one the team manages); for an
        anonymous visitor, one of Océane's (it must stay out of reach all the same). Callers who will be
        refused get the same one each time (`fresh=False`): nothing happens to it."""
        owner = caller if caller.user is not None else self.oceane
        if fresh or kind in SPENT_BY_USE:
            return getattr(self, f"_make_{kind}")(owner)
        key = (kind, owner.user.id)
        if key not in self._kept:
            self._kept[key] = getattr(self, f"_make_{kind}")(owner)
        return self._kept[key]

    def theirs(self, kind, caller):
        """Océane's object standing for `kind` (one the caller must not reach); what is nobody's (a new
        address, a name) is made as for `mine`."""
        return self._theirs[kind] if kind in self._theirs else self.mine(kind, caller)

    def their_rows(self):
        """Océane's rows as stored, to check that a request about them changed nothing."""
        rows = {}
        for model, query in ((Link, Link.proposed_by == self.oceane.user), (Share, Share.user == self.oceane.user),
                             (ShareTarget, ShareTarget.share.in_(Share.select(Share.id).where(
                                 Share.user == self.oceane.user))),
                             (ApiToken, ApiToken.user == self.oceane.user),
                             (ConnectedAccount, ConnectedAccount.user == self.oceane.user),
                             (Notification, Notification.user == self.oceane.user)):
            for row in model.select().where(query).order_by(model.id):
                data = dict(row.__data__)
                data.pop("last_used_at", None)  # her token is used by the world itself
                rows[(model.__name__, row.id)] = data
        return rows

    def url(self, path="page"):
        return f"https://acme-energie.example/{path}-{next(self.numbers)}"

    def _oceanes_things(self):
        oceane = self.oceane
        with self.context(oceane.user):
            waiting = review.propose_link(oceane.user, self.url("waiting"), SECRETS["note"])
            declined = review.propose_link(oceane.user, self.url("declined"), SECRETS["note"])
        with self.context(self.team):
            links.update_link(self.team, waiting["id"], title=SECRETS["working_title"])
            review.archive_link(self.team, declined["id"], SECRETS["reason"])
        share = self._share(oceane, SECRETS["share_text"], draft=True)
        ready_share = self._share(oceane, SECRETS["share_text"])
        account = self._make_account(oceane)
        token = self._make_token(oceane, SECRETS["token_name"])
        with self.context(oceane.user):
            mark_reconnect(ConnectedAccount.get_by_id(account), SECRETS["account_problem"])
            notify(oceane.user, "test.notice", SECRETS["notice"], send_email=False)
        return {"link": waiting["id"], "link_url": waiting["url"], "proposal_url": declined["url"],
                "share": share["id"], "ready_share": ready_share["id"], "failed_share": share["id"], "token": token,
                "account": account,
                "code": share["targets"][0]["tracked_url"].rsplit("/", 1)[1]}

    def _publish_charter(self):
        return save_version(self.team, parse_document(CHARTER))

    def _approved_link(self, **fields):
        with self.context(self.team):
            return links.add_link(self.team, self.url("news"), category="sector", title="Hydrogène à Lyon",
                                  language="fr", fetch_preview=False, **fields)

    def _share(self, owner, text="Fier de notre site de Lyon", targets=({"network": "linkedin"},), draft=False):
        body = {"link_id": self.link.id, "text": text, "targets": list(targets), "draft": draft}
        response = self.api(owner, "POST", "/api/v1/shares", json=body,
                            headers={"Idempotency-Key": uuid.uuid4().hex})
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    def _make_link(self, _caller):
        return self._approved_link().id

    def _make_proposal(self, _caller):
        with self.context(self.oceane.user):
            return review.propose_link(self.oceane.user, self.url("proposed"))["id"]

    def _make_proposal_url(self, _caller):
        return self.url("new-idea")

    def _make_share(self, caller):
        return self._share(caller, draft=True)["id"]

    def _make_ready_share(self, caller):
        """A released share whose composer is ready to open."""
        return self._share(caller)["id"]

    def _make_failed_share(self, caller):
        self._make_account(caller)
        self.bluesky.fail_next("/xrpc/com.atproto.repo.createRecord", 400,
                               {"error": "InvalidRequest", "message": "Record is invalid"})
        share = self._share(caller, targets=({"network": "bluesky", "method": "api"},))
        assert share["state"] == "failed", share
        return share["id"]

    def _make_pending_share(self, _caller):
        return self._share(self.oceane, "Rumeur de rachat à Lyon ?")["id"]

    def _make_token(self, caller, name="laptop"):
        with self.context(caller.user):
            return create_api_token(caller.user, name)[0].id

    def _make_account(self, caller):
        with self.context(caller.user):
            return connect_with_password(caller.user, "bluesky", self.bluesky.handle, self.bluesky.app_password).id

    def _make_campaign(self, _caller):
        with self.context(self.team):
            return create_campaign(self.team, name=f"Campagne {next(self.numbers)}").id

    def _make_charity(self, _caller):
        return Charity.create(name=f"Association {next(self.numbers)}").id

    def _make_feed(self, _caller):
        with self.context(self.team):
            return subscribe_feed(self.team, self.url("feed"), poll_now=False).id

    def _make_import(self, _caller):
        with self.context(self.team):
            return start_import(self.team, "links.csv", self._csv(), fetch_previews=False).id

    def _csv(self):
        return CSV.replace(b"{n}", str(next(self.numbers)).encode())

    def _make_user(self, _caller):
        with self.context():
            return self.person(Role.EMPLOYEE).id

    def _make_version(self, _caller):
        with self.context():
            return current_version().number

    def _make_widget_digest(self, _caller):
        with self.app.test_request_context():
            return loader()[1]

    def _make_handoff_token(self, caller):
        with self.context():
            return issue_handoff(caller.user)

    def _make_link_url(self, _caller):
        return self.link.url

    def _make_url(self, _caller):
        return self.url()

    def _make_unique(self, _caller):
        return f"Nom {uuid.uuid4().hex[:10]}"

    def _make_email(self, _caller):
        return f"new-{uuid.uuid4().hex[:10]}@acme.example"

    def _make_my_email(self, caller):
        return caller.user.email

    def _make_csv_file(self, _caller):
        return (io.BytesIO(self._csv()), "links.csv")

    def _make_charter_document(self, _caller):
        change = uuid.uuid4().hex[:8]
        return {**CHARTER, "text": {"fr": f"Soyez vous-même ({change}).", "en": f"Be yourself ({change})."}}

    def _make_bluesky_login(self, _caller):
        return {"identifier": self.bluesky.handle, "app_password": self.bluesky.app_password}

    def _make_code(self, _caller):
        return self._theirs["code"]

    def _make_webhook(self, _caller):
        from server.webhooks.endpoints import create_endpoint

        with self.context(self.team):  # a local address that answers nothing: deliveries fail, quickly
            return create_endpoint(self.team, "signed", "Outil", "http://127.0.0.1:9/hook", ["share.posted"],
                                   internal_host=True)[0].id

    def _make_magic_token(self, _caller):
        with self.context():
            return request_magic_link(self.person(Role.EMPLOYEE).email).rsplit("/", 1)[1]

    # -- e-mail digests, announcements, recruiting ------------------------------------------------------------

    def _make_digest_share_token(self, caller):
        from server.digests.signed_links import share_token

        with self.context():
            return share_token(caller.user.id, self.link.id)

    def _make_unsubscribe_token(self, caller):
        from server.digests.signed_links import unsubscribe_token

        with self.context():
            return unsubscribe_token(caller.user.id)

    def _make_subscribe_token(self, caller):
        from server.digests.signed_links import subscribe_token

        with self.context():
            return subscribe_token(caller.user.id)

    def _make_announcement(self, _caller):
        from server.digests.announcements import create_announcement

        with self.context(self.team):
            return create_announcement(self.team, "Lancement", "La campagne commence.").id

    def _make_sent_announcement(self, _caller):
        from server.digests.models import Announcement

        announcement_id = self._make_announcement(_caller)
        Announcement.update(sent_at=Announcement.created_at).where(Announcement.id == announcement_id).execute()
        return announcement_id

    def _make_recruit(self, _caller):
        return self.person(Role.EMPLOYEE).id

    def _make_invitation(self, caller):
        from server.recruiting.models import RecruitingInvitation

        return RecruitingInvitation.create(invitee=self.person(Role.EMPLOYEE), inviter=caller.user,
                                           message="Rejoins-nous").id

    def _make_invitation_token(self, caller):
        from server.digests.signed_links import invitation_token
        from server.recruiting.models import RecruitingInvitation

        invitation = RecruitingInvitation.create(invitee=self.person(Role.EMPLOYEE), message="Rejoins-nous")
        with self.context():
            return invitation_token(invitation.invitee_id, invitation.id)
    def _make_simulation(self, _caller):
        with self.context(self.team):
            return start_simulation(self.team, parse_document(self._make_charter_document(_caller))).id
    def _make_suggested_share(self, caller):
        """A share of the caller's waiting for their answer to a moderator's suggested words."""
        from server.shares.moderation import suggest_edit

        share = self._share(caller, "Rumeur de rachat à Lyon ?")
        with self.context(self.team):
            suggest_edit(self.team, share["id"], "Notre nouveau site de Lyon ouvre ses portes.")
        return share["id"]
