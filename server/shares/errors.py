"""The share area's refusals, each with its HTTP status and stable code (mapped once, in server/errors.py)."""

from flask_babel import lazy_gettext as _l

from server.errors import DomainError, Forbidden


class ShareBlocked(DomainError):
    status = 422
    code = "share_blocked"
    default_message = _l("The charter blocks this text. Fix the problems shown, then share again.")


class NotParticipating(DomainError):
    status = 403
    code = "not_participating"
    default_message = _l("Taking part is voluntary: choose to take part before sharing.")


class IdempotencyKeyReused(DomainError):
    status = 422
    code = "idempotency_key_reused"
    default_message = _l("This Idempotency-Key was already used for a different share.")


class NotAllowedNow(DomainError):
    status = 409
    code = "invalid_state"
    default_message = _l("This share cannot do that in its current state.")


class OwnShareReview(Forbidden):
    code = "own_share"
    default_message = _l("Someone else must approve your own share: a second pair of eyes is the rule here.")


class AccountError(DomainError):
    code = "account_error"
    default_message = _l("The account could not be connected.")


class NetworkUnavailable(DomainError):
    status = 404
    code = "network_unavailable"
    default_message = _l("Direct posting to this network is not set up on this server.")
