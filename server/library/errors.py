"""The content library's errors: one small hierarchy, free of Flask.

Every error carries a stable ``code`` (callers translate it, the API returns it) and a readable
English ``message`` (logs, admin screens). The web layer maps :class:`LibraryError` to its own
``DomainError`` in one place; nothing here imports Flask so jobs and the CLI can use it too.
"""


class LibraryError(Exception):
    """Base of every refusal raised by the content library's building blocks."""

    code = "library_error"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InvalidURL(LibraryError):
    """The text is not an http(s) address the library can store or fetch."""

    code = "invalid_url"


class FetchError(LibraryError):
    """Fetching a page or a feed failed; subclasses say why."""

    code = "fetch_failed"


class BlockedAddress(FetchError):
    """The host is, or resolves to, an address we must never contact (private, loopback…)."""

    code = "blocked_address"


class BadRedirect(FetchError):
    """A redirect pointed to something that is not a fetchable http(s) address."""

    code = "bad_redirect"


class TooManyRedirects(FetchError):
    code = "too_many_redirects"


class TooLarge(FetchError):
    code = "too_large"


class BadContentType(FetchError):
    code = "bad_content_type"


class FetchTimeout(FetchError):
    code = "timeout"


class Unreachable(FetchError):
    """DNS failure, refused connection, TLS failure or a broken HTTP exchange."""

    code = "unreachable"


class HTTPStatusError(FetchError):
    """The server answered with a status that is not a success (and not a redirect we follow)."""

    code = "http_status"

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


class FeedError(LibraryError):
    """The body is not a feed we can use."""

    code = "invalid_feed"


class CSVImportError(LibraryError):
    """The CSV file as a whole is unusable (no header, no url column); row problems are values, not this."""

    code = "invalid_csv"
