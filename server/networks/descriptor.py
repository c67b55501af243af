"""The small value types every network module declares or returns.

They live apart from the registry so that network modules can import them without importing the
registry, which imports the network modules.
"""

from dataclasses import dataclass

# One definition of a length limit for the whole product: the charter engine's `length` rule reads the
# very objects the network modules declare.
from server.charter.engine.results import COUNTINGS, LengthLimit  # noqa: F401  (re-exported)


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
