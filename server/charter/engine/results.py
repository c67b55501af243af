"""What a check takes besides the text (Context) and what it gives back (Result, Finding)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Ordered from harmless to blocking: the verdict is the most severe finding.
SEVERITIES = ("ok", "warn", "review", "block")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}

COUNTINGS = ("chars", "graphemes", "twitter", "mastodon")


@dataclass(frozen=True)
class LengthLimit:
    """A network's length limit and the way that network counts (see shared/reference/networks.md).

    `counting` is one of ``chars`` (code points), ``graphemes`` (user-perceived characters, Bluesky),
    ``twitter`` (twitter-text weights: URL = 23, CJK and emoji = 2) or ``mastodon`` (graphemes,
    URL = 23, ``@user@domain`` counts as ``@user``).
    """

    max: int
    counting: str = "chars"

    def __post_init__(self):
        if self.counting not in COUNTINGS:
            raise ValueError(f"counting must be one of {', '.join(COUNTINGS)}, not {self.counting!r}")
        if isinstance(self.max, bool) or not isinstance(self.max, int) or self.max < 0:
            raise ValueError("max must be a non-negative integer")


@dataclass(frozen=True)
class Context:
    """Everything about one share that the charter's rules need besides the text itself.

    `language` is informational: profanity lists follow the charter's `languages`, so a French post
    quoting an English insult is still caught.
    """

    network: str | None = None
    length: LengthLimit | None = None
    link: str | None = None
    suggested: str | None = None
    required_hashtags: tuple[str, ...] = ()
    language: str | None = None


@dataclass(frozen=True)
class Finding:
    """One thing the charter has to say about the text.

    `start`/`end` are Python string offsets into the text as the employee wrote it, so
    ``text[start:end] == excerpt``. Text-wide rules use these spans:

    * ``disclosure_missing``, ``hashtag_required``: the empty span at the end of the text, where the
      `fix` (the marker or hashtag, with a leading space when needed) would be inserted;
    * ``length``: from the first character over the limit to the end of the text;
    * ``hashtags_max``: from the first hashtag over the maximum to the end of the last hashtag;
    * ``parrot``: the whole text.
    """

    rule: str
    severity: str
    start: int
    end: int
    excerpt: str
    message: dict[str, str]
    message_key: str
    params: dict[str, Any] = field(default_factory=dict)
    fix: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The finding as plain JSON-ready data."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "excerpt": self.excerpt,
            "message": dict(self.message),
            "message_key": self.message_key,
            "params": dict(self.params),
            "fix": self.fix,
        }


@dataclass(frozen=True)
class Result:
    """The verdict of a check and the findings behind it, sorted by position then rule."""

    verdict: str
    findings: list[Finding]

    @classmethod
    def from_findings(cls, findings: list[Finding]) -> Result:
        """Sort the findings and derive the verdict from the most severe of them."""
        ordered = sorted(findings, key=lambda f: (f.start, f.rule, f.end))
        verdict = max((f.severity for f in ordered), key=SEVERITY_RANK.__getitem__, default="ok")
        return cls(verdict=verdict, findings=ordered)

    def to_dict(self) -> dict[str, Any]:
        """The result as plain JSON-ready data: the verdict and every finding."""
        return {"verdict": self.verdict, "findings": [f.to_dict() for f in self.findings]}
