"""What the rest of Porte-Voix asks of the charter: check a post, and whether someone may share yet.

The share pipeline calls `check_post` for the authoritative check on submit (and records
`outcome.version` with the share), and `ensure_ready_to_share` before a share is accepted. The live
check endpoint calls the same `check_post`: a client never decides a verdict.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l

from server import networks as network_registry
from server.auth.models import User
from server.charter import training, versions
from server.charter.engine import SEVERITIES, CompiledCharter, Context, Result
from server.charter.engine.per_network import check_for_networks
from server.charter.errors import CharterNotAcknowledged, QuizNotPassed
from server.charter.models import CharterVersion
from server.errors import InvalidInput

_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}

current_version = versions.current_version
requires_acknowledgement = training.requires_acknowledgement
has_passed_quiz = training.has_passed_quiz


@dataclass(frozen=True)
class CheckOutcome:
    """A post checked against one charter version for one or more networks.

    `version` is the version number checked against (None: no charter published yet, the engine's
    defaults applied). `per_network` maps each network asked for to its result (the length rule differs
    per network); when no network was given it holds one result under the key None. `findings` merges
    them: each finding once, with the list of `networks` where it applies.
    """

    version: int | None
    verdict: str
    per_network: dict[str | None, Result]
    findings: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        """The JSON the API returns."""
        return {"version": self.version, "verdict": self.verdict,
                "networks": {name: result.to_dict() for name, result in self.per_network.items() if name},
                "findings": self.findings}


def _network_limits(names: Iterable[str]) -> dict[str | None, Any]:
    limits: dict[str | None, Any] = {}
    for index, name in enumerate(names):
        try:
            limits[name] = network_registry.get(name).length
        except network_registry.UnknownNetwork:
            raise InvalidInput(fields={"networks": {index: [str(_l("Unknown network: %(name)s", name=name))]}}
                               ) from None
    return limits or {None: None}


def _merged_findings(per_network: dict[str | None, Result]) -> list[dict[str, Any]]:
    """Each finding once with the networks where it applies.

    `check_for_networks` gives every network the same Finding objects for the rules that do not depend on
    the network, so a finding is recognised by identity; the length findings are one per network.
    """
    merged: dict[int, dict[str, Any]] = {}
    for name, result in per_network.items():
        for finding in result.findings:
            entry = merged.get(id(finding))
            if entry is None:
                entry = merged[id(finding)] = {**finding.to_dict(), "networks": []}
            if name:
                entry["networks"].append(name)
    return sorted(merged.values(), key=lambda f: (f["start"], f["rule"], f["end"]))


def _version_to_check(version: int | CharterVersion | None) -> tuple[int | None, int | None, Any]:
    """(id, number, loader) of the version to check against; the current one when `version` is None."""
    if isinstance(version, CharterVersion):
        return version.id, version.number, lambda: version
    if version is not None:
        stored = versions.get_version(version)
        return stored.id, stored.number, lambda: stored
    current = versions.current_version_id()
    return (current[0], current[1], None) if current else (None, None, None)


def check_post(text: str, *, networks: Iterable[str] = (), link: str | None = None, suggested: str | None = None,
               required_hashtags: Iterable[str] = (), language: str | None = None,
               version: int | CharterVersion | None = None) -> CheckOutcome:
    """Check `text` against a charter version (the current one by default) for each network.

    No side effect and no compile per call: compiled rules are cached per version in this process.
    Unknown networks raise InvalidInput naming them; `version` may be a number or a CharterVersion
    (for instance the version a share was checked against) and NotFound is raised for an unknown number.
    """
    version_id, number, load = _version_to_check(version)
    return check_against(versions.compiled_rules(version_id, load), text, version_number=number, networks=networks,
                         link=link, suggested=suggested, required_hashtags=required_hashtags, language=language)


def check_against(compiled: CompiledCharter, text: str, *, version_number: int | None = None,
                  networks: Iterable[str] = (), link: str | None = None, suggested: str | None = None,
                  required_hashtags: Iterable[str] = (), language: str | None = None) -> CheckOutcome:
    """Check `text` with already compiled rules (a stored version's, or a draft's in the editor)."""
    context = Context(link=link or None, suggested=suggested or None, required_hashtags=tuple(required_hashtags),
                      language=language)
    # Every rule but the length runs once, whatever the number of networks (the length once per network).
    per_network = check_for_networks(compiled, text, context, _network_limits(networks))
    verdict = max((result.verdict for result in per_network.values()), key=_RANK.__getitem__)
    return CheckOutcome(version=version_number, verdict=verdict, per_network=per_network,
                        findings=_merged_findings(per_network))


@dataclass(frozen=True)
class Readiness:
    """Where a person stands with the charter before sharing."""

    version: int | None
    acknowledged: bool
    quiz_passed: bool

    @property
    def ready(self) -> bool:
        return self.acknowledged and self.quiz_passed


def readiness(user: User) -> Readiness:
    """Whether `user` acknowledged the charter in force and passed the quiz (both needed to share)."""
    current = versions.current_version_id()
    return Readiness(version=current[1] if current else None, acknowledged=not requires_acknowledgement(user),
                     quiz_passed=has_passed_quiz(user))


def ensure_ready_to_share(user: User) -> None:
    """Raise CharterNotAcknowledged or QuizNotPassed (403, with a stable code) unless `user` may share."""
    if requires_acknowledgement(user):
        raise CharterNotAcknowledged()
    if not has_passed_quiz(user):
        raise QuizNotPassed()


@dataclass(frozen=True)
class CharterStatus:
    """The charter in force and where one person stands with it (the API's GET /charter)."""

    version: int | None
    name: str
    published_at: Any
    text: dict[str, str]
    acknowledged_version: int | None
    needs_acknowledgement: bool
    quiz_questions: int
    quiz_passed: bool

    @property
    def ready_to_share(self) -> bool:
        return not self.needs_acknowledgement and self.quiz_passed


def charter_status(user: User) -> CharterStatus:
    """The current version's text and `user`'s acknowledgement and quiz standing."""
    current = versions.current_version()
    acknowledged = training.acknowledged_version(user)
    return CharterStatus(
        version=current.number if current else None, name=current.name if current else "",
        published_at=current.created_at if current else None,
        text={"fr": current.text_fr, "en": current.text_en} if current else {"fr": "", "en": ""},
        acknowledged_version=acknowledged.number if acknowledged else None,
        needs_acknowledgement=requires_acknowledgement(user),
        quiz_questions=len(current.quiz) if current else 0, quiz_passed=has_passed_quiz(user))


def rules_in_force_and_number() -> tuple[CompiledCharter, int | None]:
    """The compiled rules of the charter in force and its number (the engine's defaults and None before any
    is published), in one query."""
    current = versions.current_version_id()
    return versions.compiled_rules(current[0] if current else None), current[1] if current else None


def rules_in_force() -> CompiledCharter:
    """The compiled rules of the charter in force (the engine's defaults before any is published)."""
    return rules_in_force_and_number()[0]


def moderation_outside_campaigns() -> str:
    """The charter's moderation level for links outside campaigns: ``none``, ``terms`` or ``every_share``."""
    return rules_in_force().settings.moderation
