"""The small value types every network module declares or returns.

They live apart from the registry so that network modules can import them without importing the
registry, which imports the network modules.
"""

from dataclasses import dataclass

COUNTINGS = ("chars", "graphemes", "twitter", "mastodon")
"""How a network measures text: plain code points, user-perceived characters, twitter-text weighting
(URLs 23, CJK and emoji 2), or Mastodon's (URLs 23, ``@user@domain`` as ``@user``)."""


@dataclass(frozen=True)
class LengthLimit:
    """The longest text a network accepts, and how it counts (one of ``COUNTINGS``)."""

    max: int
    counting: str

    def __post_init__(self):
        if self.counting not in COUNTINGS:
            raise ValueError(f"unknown counting {self.counting!r}; expected one of {COUNTINGS}")


@dataclass(frozen=True)
class Intent:
    """What the share button opens.

    ``url`` is the network's composer (``None`` for copy, or for Mastodon until the employee names an
    instance); ``copy_text`` is set when the composer cannot receive the employee's text, so the page
    copies it to the clipboard and says so; ``needs_instance`` asks the page for a Mastodon instance.
    """

    url: str | None
    copy_text: str | None = None
    needs_instance: bool = False
