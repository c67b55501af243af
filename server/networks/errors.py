"""The errors a network client raises, one hierarchy for every network.

The share pipeline decides what to do from the class alone (retry later, ask the employee to reconnect,
reconcile before retrying, give up); the network's own words stay in ``message`` for logs and support.
"""


class UnknownNetwork(LookupError):
    """No network is registered under that name."""


class InvalidInstance(ValueError):
    """A Mastodon instance given by an employee is not a bare host name."""


class NetworkError(Exception):
    """Base class: a call to a social network did not do what was asked.

    ``network`` is the registry name, ``status`` the HTTP status when there was one, ``message`` the
    network's own error text (or ours when the network said nothing useful).
    """

    def __init__(self, message: str, *, network: str | None = None, status: int | None = None):
        super().__init__(message)
        self.message = message
        self.network = network
        self.status = status

    def __str__(self) -> str:
        where = f"{self.network} " if self.network else ""
        code = f"HTTP {self.status}: " if self.status else ""
        return f"{where}{code}{self.message}"


class TokenExpired(NetworkError):
    """The access token (or the refresh token) is no longer accepted: the employee must reconnect."""


class MissingScope(NetworkError):
    """The token lacks a permission the call needs (HTTP 403, or a narrower grant at connection time)."""


class RateLimited(NetworkError):
    """Too many calls; ``retry_after`` is how many seconds to wait before the next attempt."""

    def __init__(self, message: str, *, retry_after: float, network: str | None = None,
                 status: int | None = 429):
        super().__init__(message, network=network, status=status)
        self.retry_after = retry_after


class DuplicatePost(NetworkError):
    """The network refused the post as a copy of one already published.

    ``existing_id`` is the id of the earlier post when the network names it (LinkedIn does): after an
    uncertain outcome, that earlier post is very likely ours, and the pipeline can record it.
    """

    def __init__(self, message: str, *, existing_id: str | None = None, network: str | None = None,
                 status: int | None = None):
        super().__init__(message, network=network, status=status)
        self.existing_id = existing_id


class TransientError(NetworkError):
    """A failure worth retrying as is: 5xx, or no connection (the request never left)."""


class UncertainOutcome(NetworkError):
    """The request was sent but no answer came back: the post may exist.

    Never repost blindly: reconcile first (``find_recent_post``, or repeat with the same idempotency key
    where the network honours one).
    """


class PermanentError(NetworkError):
    """Any other refusal (4xx): retrying the same call will fail the same way."""


class RefusedDestination(PermanentError):
    """Our server refused the call itself: the address is not a public one (nor allowed by the operator),
    or the network answered with a redirect, which API calls never follow. Nothing (more) was sent, and
    retrying will be refused the same way; ``message`` says which address and why."""


class AuthorizationFailed(PermanentError):
    """Connecting an account failed: the employee refused, the state did not match, the code was bad.

    ``reason`` is a short stable code for the UI: ``access_denied``, ``state_mismatch``, ``missing_code``,
    ``invalid_grant`` or the OAuth error code the network sent.
    """

    def __init__(self, message: str, *, reason: str, network: str | None = None, status: int | None = None):
        super().__init__(message, network=network, status=status)
        self.reason = reason
