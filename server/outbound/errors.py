"""Why an outbound call was not made, or not finished: one small hierarchy, free of Flask.

Each area maps these onto its own errors in one place (the networks onto ``NetworkError``, the library
onto ``FetchError``, sign-in onto ``SingleSignOnError``). None of them is a ``requests`` exception on
purpose: a refused address is a decision, not a transport failure, and must never be retried as one.
"""


class OutboundError(Exception):
    """Base class; ``message`` is a readable English sentence (logs, and the reason shown to people)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class BlockedAddress(OutboundError):
    """The host is, or resolves to, an address the server must not call: nothing was sent.

    Permanent: the same address will be refused the same way until an operator allows it.
    """


class RedirectRefused(OutboundError):
    """The server answered with a redirect, which outbound calls never follow. Permanent."""

    def __init__(self, message: str, *, status: int, location: str):
        super().__init__(message)
        self.status = status
        self.location = location


class LookupFailed(OutboundError):
    """The host name could not be resolved (no such name, no address): nothing was sent. Transient."""


class LookupTimeout(LookupFailed):
    """Resolving the host name took longer than allowed: nothing was sent. Transient."""
