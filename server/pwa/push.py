"""Web push for new campaigns: off by default, on for a device only when its employee turns it on, off again
in one tap (which also forgets the device's address).

* **Keys.** The server signs its pushes with a VAPID key pair (RFC 8292) generated once, the first time it is
  needed, into the instance folder (`vapid-private.pem`, readable by its owner only); browsers tie each
  subscription to its public half, so the file must survive restarts and be shared by every process (it is
  part of the instance folder's backup).
* **Subscriptions** are the push service's address for a device plus its encryption keys: whoever holds
  them can send to the device, so they are stored encrypted (`server/crypto.py`), found by a hash of the
  address.
* **Sending** goes through pywebpush (payload encryption, RFC 8291; VAPID headers) with the server's vetted
  outbound client as its HTTP session, like every call the server makes. A push service answering 404 or
  410 says the device unsubscribed: its row is deleted.
* **What is sent**: a campaign that started in the last day, once (`CampaignAnnouncement` is claimed before
  sending, so two workers never announce it twice), to the devices of the employees in its audience, in each
  employee's language, with nothing but the campaign's name and a link to what to share.
"""

import hashlib
import json
import logging
import os
from datetime import timedelta
from email.utils import parseaddr
from pathlib import Path

from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from huey import crontab
from peewee import IntegrityError
from py_vapid import Vapid02, b64urlencode
from pywebpush import WebPushException, webpush

from server.auth.models import User
from server.db import database, utcnow
from server.jobs import periodic_job
from server.library.models import Campaign, CampaignDepartment
from server.outbound import OutboundClient
from server.privacy import exporter
from server.public_urls import external_url
from server.pwa.models import CampaignAnnouncement, PushSubscription

log = logging.getLogger(__name__)

KEY_FILE = "vapid-private.pem"
ANNOUNCE_WITHIN = timedelta(days=1)  # a campaign that started longer ago is old news, not announced
PUSH_TTL = 24 * 3600  # a phone switched off for more than a day does not get yesterday's news
GONE = (404, 410)


def vapid_key():
    """The server's VAPID key pair, generated into the instance folder the first time (never replaced)."""
    path = Path(current_app.instance_path) / KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        key = Vapid02()
        key.generate_keys()
        try:  # O_EXCL: two processes starting together keep the first one's key
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(key.private_pem())
    return Vapid02.from_file(str(path))


def public_key():
    """The VAPID public key as browsers take it (`applicationServerKey`: the uncompressed point, base64url)."""
    point = vapid_key().public_key.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    return b64urlencode(point)


def _hash(endpoint):
    return hashlib.sha256(endpoint.encode()).hexdigest()


def subscribe(user, subscription):
    """Turn push on for one device of `user` (`subscription`: the browser's endpoint and keys). A device
    already known (same endpoint) is given to `user`: a shared phone notifies whoever turned it on last."""
    digest = _hash(subscription["endpoint"])
    with database.atomic():
        PushSubscription.delete().where(PushSubscription.endpoint_hash == digest).execute()
        PushSubscription.create(user=user, endpoint_hash=digest, subscription=subscription)
    return status(user)


def unsubscribe(user, endpoint=None):
    """Turn push off: for the device at `endpoint`, or for every device of `user` when it is None."""
    query = PushSubscription.delete().where(PushSubscription.user == user.id)
    if endpoint:
        query = query.where(PushSubscription.endpoint_hash == _hash(endpoint))
    query.execute()
    return status(user)


def status(user, endpoint=None):
    """How many of `user`'s devices get pushes, and whether the device at `endpoint` is one of them."""
    devices = PushSubscription.select().where(PushSubscription.user == user.id)
    this_device = bool(endpoint) and devices.where(PushSubscription.endpoint_hash == _hash(endpoint)).exists()
    return {"devices": devices.count(), "this_device": this_device}


def _audience(campaign):
    departments = [row.department_id for row in CampaignDepartment.select().where(
        CampaignDepartment.campaign == campaign.id)]
    query = (PushSubscription.select(PushSubscription, User).join(User)
             .where(User.active == True))  # noqa: E712
    if departments:
        query = query.where(User.department.in_(departments))
    return query


def _message(campaign, user):
    with force_locale(user.locale or current_app.config["DEFAULT_LOCALE"]):
        return {"title": _("New campaign: %(name)s", name=campaign.name),
                "body": _("Content is ready for you to share, in your own words."),
                "url": external_url("library.to_share"), "tag": f"campaign-{campaign.id}"}


def send(row, message, session):
    """Push `message` to one device; False when the device is gone (its row is then deleted)."""
    # The push service's contact for this server (RFC 8292): the address its e-mails come from.
    claims = {"sub": "mailto:" + parseaddr(current_app.config["MAIL_FROM"])[1]}
    try:
        webpush(row.subscription, data=json.dumps(message), vapid_private_key=vapid_key(), vapid_claims=claims,
                ttl=PUSH_TTL, timeout=10, requests_session=session)
    except WebPushException as error:
        if error.response is not None and error.response.status_code in GONE:
            row.delete_instance()
            return False
        log.warning("push to a device failed: %s", error)
        return False
    PushSubscription.update(last_sent_at=utcnow()).where(PushSubscription.id == row.id).execute()
    return True


def announce_campaign(campaign):
    """Announce `campaign` to its audience's devices, once; returns how many devices got it (None: already
    announced)."""
    try:
        with database.atomic():
            announcement = CampaignAnnouncement.create(campaign=campaign.id)
    except IntegrityError:
        return None
    session = OutboundClient.from_config(current_app.config).session()
    delivered = sum(send(row, _message(campaign, row.user), session) for row in _audience(campaign))
    CampaignAnnouncement.update(devices=delivered).where(
        CampaignAnnouncement.campaign == announcement.campaign_id).execute()
    return delivered


def campaigns_to_announce(now=None):
    """Campaigns that started within ANNOUNCE_WITHIN, are still running and were not announced yet."""
    now = now or utcnow()
    since = now - ANNOUNCE_WITHIN
    started = Campaign.starts_at.is_null(False) & (Campaign.starts_at <= now) & (Campaign.starts_at >= since)
    undated = Campaign.starts_at.is_null() & (Campaign.created_at >= since)
    announced = CampaignAnnouncement.select(CampaignAnnouncement.campaign)
    return [campaign for campaign in Campaign.select().where((started | undated) & Campaign.id.not_in(announced))
            if campaign.is_active(now)]


@periodic_job(crontab(minute="*/5"))
def announce_new_campaigns():
    """Announce every campaign that has just started (see the module's docstring)."""
    if not PushSubscription.select().exists():
        return
    for campaign in campaigns_to_announce():
        announce_campaign(campaign)


@exporter("push_devices")
def export_push_devices(user):
    """What an employee's export says of their devices: when each was turned on and last notified (not the
    push address itself, a credential to the device rather than information about the person)."""
    return [{"turned_on_at": row.created_at.isoformat() + "Z",
             "last_notified_at": row.last_sent_at.isoformat() + "Z" if row.last_sent_at else None}
            for row in PushSubscription.select().where(PushSubscription.user == user.id).order_by(PushSubscription.id)]
