"""The compose form, shared by the portal's page (/share/<id>) and the share button's dialog (/embed/compose):
what it shows, and how a submitted form becomes a share through the pipeline.

Both doors render `shares/_compose.html` with `compose_context` and submit with `submit_compose_form`; they
differ only in their layout, their addresses and the share's `source`.
"""

import secrets
from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from marshmallow import ValidationError

from schemas.shares import ShareCreateSchema
from server import networks as registry
from server.charter.service import readiness
from server.errors import DomainError
from server.library.kits import caption_idea, kit_of
from server.shares import accounts, pipeline
from server.shares.errors import ShareBlocked
from server.shares.models import Share, ShareState, ShareTarget


class ComposeRefused(Exception):
    """The form cannot become a share: `status` and what the form shows (errors, findings, blocked)."""

    def __init__(self, status, **context):
        super().__init__(status)
        self.status = status
        self.context = context


def offered_networks(only=()):
    """The networks the form offers: all of them, or those of `only` (names) that exist, in registry order."""
    every = registry.intent_networks()
    chosen = [network for network in every if network.name in set(only)]
    return chosen or every


def compose_context(user, link, *, locale, turn=0, only_networks=()):
    """What the compose form needs for `user` and `link`: the caption idea (inspiration, never prefilled), the
    networks and connected accounts, whether the employee takes part and is ready with the charter."""
    captions, images = kit_of(link.id)
    idea, _position, ideas = caption_idea(user, link, captions, locale, turn=turn)
    row = pipeline.participant(user)
    return {"link": link, "idea": idea, "ideas": ideas, "images": images, "next_idea": turn + 1,
            "networks": offered_networks(only_networks),
            "connected": {a.network: a for a in accounts.accounts_of(user)},
            "participating": row is not None, "ready": readiness(user),
            "instances": (row.instances or {}) if row else {}, "idempotency_key": secrets.token_urlsafe(16),
            "preselected": last_networks(user),
            "errors": {}, "findings": [], "form": {}}


def last_networks(user):
    """The networks of the employee's latest share (not cancelled), ticked again for them: sharing again
    is then one click fewer. None ticked for a first share."""
    latest = (Share.select(Share.id).where(Share.user == user, Share.state != ShareState.CANCELLED)
              .order_by(Share.id.desc()).first())
    if latest is None:
        return []
    return [name for (name,) in ShareTarget.select(ShareTarget.network).where(ShareTarget.share == latest.id)
            .order_by(ShareTarget.id).tuples()]


def targets_from_form(form):
    targets = []
    for name in form.getlist("network"):
        target = {"network": name, "method": form.get(f"method_{name}", "intent")}
        if form.get(f"instance_{name}"):
            target["instance"] = form[f"instance_{name}"]
        targets.append(target)
    return targets


def form_errors(fields, targets):
    """Errors as the form names its fields: a target's server error goes beside that network's server field."""
    errors = dict(fields)
    per_target = errors.pop("targets", None)
    if isinstance(per_target, dict):
        for index, messages in per_target.items():
            if isinstance(messages, dict) and "instance" in messages and int(index) < len(targets):
                errors[f"instance_{targets[int(index)]['network']}"] = messages["instance"]
            else:
                errors.setdefault("targets", []).extend(
                    [str(m) for value in (messages.values() if isinstance(messages, dict) else [messages])
                     for m in (value if isinstance(value, list) else [value])])
    elif per_target is not None:
        errors["targets"] = per_target
    return errors


def scheduled_for(form, user):
    """The form's local date and time, in the employee's time zone, as an aware datetime (or None)."""
    day, time = form.get("schedule_date", "").strip(), form.get("schedule_time", "").strip()
    if not day and not time:
        return None
    try:
        local = datetime.fromisoformat(f"{day}T{time or '09:00'}")
    except ValueError:
        raise ValidationError({"scheduled_for": [_("Give a date and a time.")]}) from None
    return local.replace(tzinfo=ZoneInfo(user.timezone or "UTC"))


def submit_compose_form(user, link_id, form, source):
    """Submit the compose form through the pipeline (the server's check decides); returns the share.

    Raises ComposeRefused with what the form shows again: field errors (422), the charter's findings when
    it blocks the text (422), or a refusal of the pipeline with its status.
    """
    targets = targets_from_form(form)
    try:
        scheduled = scheduled_for(form, user)
        body = ShareCreateSchema().load({
            "link_id": link_id, "text": form.get("text", ""), "targets": targets,
            "suggested": form.get("suggested") or None, "source": source, "draft": form.get("draft") == "1",
            "scheduled_for": scheduled.isoformat() if scheduled else None})
        share, _created = pipeline.submit_share(user, idempotency_key=form.get("idempotency_key", ""), **body)
    except ValidationError as exc:
        raise ComposeRefused(422, errors=form_errors(exc.messages, targets)) from None
    except ShareBlocked as exc:
        raise ComposeRefused(422, findings=exc.details["findings"], blocked=True) from None
    except DomainError as exc:
        errors = form_errors(exc.fields, targets) if exc.fields else {"_schema": [exc.message]}
        raise ComposeRefused(exc.status, errors=errors) from None
    return share
