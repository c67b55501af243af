"""One check of one text against a compiled charter: every rule, each in its own small step."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .addresses import find_obfuscated_emails, is_role_address
from .credentials import find_secrets
from .hashtags import find_hashtags, hashtag_key
from .length import measure
from .link_policy import link_identity
from .links import find_links
from .messages import render
from .originality import similarity
from .personal_data import find_personal_data
from .results import SEVERITY_RANK, Context, Finding, Result
from .terms import MARKER_RULE, TermHit
from .words import WordView

if TYPE_CHECKING:
    from .compiler import CompiledCharter

_WORD_RULES = frozenset({"profanity", "banned_term", "confidential", "review_term", "competitor"})


class TextCheck:
    """The state of one check: the text, its context, what was found, and the findings so far."""

    def __init__(self, charter: CompiledCharter, text: str, context: Context):
        self.charter = charter
        self.text = text
        self.context = context
        self.findings: dict[tuple[str, int, int, str | None], Finding] = {}
        self.links = find_links(text)
        self.hidden = [(link.start, link.end) for link in self.links]
        self.view = WordView(text, self.hidden, charter.terms.starts)

    def run(self) -> Result:
        """Apply every rule and return the result."""
        settings, enabled = self.charter.settings, self.charter.severities.enabled
        markers = self.check_terms()
        self.check_links()
        if settings.pii:
            self.check_personal_data()
        if settings.secrets and enabled("secret"):
            self.check_secrets()
        self.check_hashtags()
        self.check_disclosure(markers)
        if enabled("length"):
            self.check_length()
        if enabled("parrot"):
            self.check_parrot()
        return Result.from_findings(list(self.findings.values()))

    def report(self, rule: str, start: int, end: int, key: str | None = None, params: dict[str, Any] | None = None,
               fix: str | None = None, default: str | None = None) -> None:
        """Add a finding unless the charter switched its rule off; keep the most severe of duplicates."""
        severity = self.charter.severities.severity(rule, default)
        if severity is None:
            return
        excerpt = self.text[start:end]
        params = params or {}
        message_key = key or rule
        finding = Finding(rule, severity, start, end, excerpt, render(message_key, excerpt, params),
                          message_key, params, fix)
        identity = (rule, start, end, fix)
        previous = self.findings.get(identity)
        if previous is None or SEVERITY_RANK[severity] > SEVERITY_RANK[previous.severity]:
            self.findings[identity] = finding

    def check_terms(self) -> list[TermHit]:
        """Profanity, banned, confidential, review and competitor terms, brand spelling; returns markers."""
        markers = []
        for hit in self.charter.terms.search(self.view, self.text):
            rule = hit.entry.rule
            if rule == MARKER_RULE:
                markers.append(hit)
            elif rule == "brand_spelling":
                self._check_brand(hit)
            elif rule in _WORD_RULES:
                params = {"term": hit.entry.term}
                if hit.entry.source:
                    params["list"] = hit.entry.source
                self.report(rule, hit.start, hit.end, params=params, default=hit.entry.severity)
        return markers

    def _check_brand(self, hit: TermHit) -> None:
        canonical = hit.entry.term
        if self.text[hit.start : hit.end] == canonical:
            return
        if hit.start and self.text[hit.start - 1] == "@":
            return  # an account handle is spelled the way the account is named
        self.report("brand_spelling", hit.start, hit.end, params={"canonical": canonical}, fix=canonical)

    def check_links(self) -> None:
        """Links outside the allowed domains and the approved link; e-mail addresses as personal data."""
        approved = link_identity(self.context.link) if self.context.link else None
        for link in self.links:
            if link.kind == "email" and self.charter.settings.pii and not self._is_role_address(link.text):
                self.report("pii.email", link.start, link.end)
            if not link.is_link or not self.charter.severities.enabled("link_not_approved"):
                continue
            verdict = self.charter.link_policy.judge(link, approved)
            if verdict is not None:
                params = {"host": verdict.host, "domain": verdict.domain, "reason": verdict.reason}
                self.report("link_not_approved", link.start, link.end,
                            key=f"link_not_approved.{verdict.reason}", params=params)

    def _is_role_address(self, address: str) -> bool:
        return is_role_address(address, self.charter.settings.role_addresses, self.charter.link_policy.is_allowed_host)

    def check_personal_data(self) -> None:
        """Phone numbers, IBANs, payment cards, French social security numbers, e-mails written in words."""
        for email in find_obfuscated_emails(self.text):
            if not self._is_role_address(email.address):
                self.report("pii.email", email.start, email.end)
        for data in find_personal_data(self.text, self.charter.settings.region, self.hidden):
            self.report(data.rule, data.start, data.end)

    def check_secrets(self) -> None:
        """API keys, tokens, private keys and passwords in URLs."""
        for secret in find_secrets(self.text):
            self.report("secret", secret.start, secret.end, params={"kind": secret.kind})

    def check_hashtags(self) -> None:
        """Too many hashtags; required hashtags (charter's and campaign's) missing."""
        hashtags = find_hashtags(self.text, self.hidden)
        limit = self.charter.settings.hashtags_max
        if limit is not None and len(hashtags) > limit:
            self.report("hashtags_max", hashtags[limit].start, hashtags[-1].end,
                        params={"count": len(hashtags), "max": limit})
        present = {hashtag.folded for hashtag in hashtags}
        for name in self.charter.required_hashtags(self.context.required_hashtags):
            if hashtag_key(name) not in present:
                tag = "#" + name.lstrip("#")
                self.report_missing("hashtag_required", tag, {"hashtag": tag})

    def report_missing(self, rule: str, addition: str, params: dict[str, Any]) -> None:
        """Report something missing at the end of the text, with a fix that appends it."""
        separator = "" if not self.text or self.text[-1].isspace() else " "
        end = len(self.text)
        self.report(rule, end, end, params=params, fix=separator + addition)

    def check_disclosure(self, markers: list[TermHit]) -> None:
        """Disclosure required and none of the markers present."""
        settings = self.charter.settings
        if not settings.disclosure_required:
            return
        for hit in markers:
            if not hit.entry.term.startswith("#") or (hit.start and self.text[hit.start - 1] == "#"):
                return
        marker = settings.disclosure_markers[0]
        self.report_missing("disclosure_missing", marker, {"marker": marker})

    def check_length(self) -> None:
        """Longer than the network allows, counted the network's way; the span is the part over the limit."""
        limit = self.context.length
        if limit is None:
            return
        count, overflow = measure(self.text, limit, self.links)
        if overflow is not None:
            params = {"count": count, "max": limit.max, "counting": limit.counting, "network": self.context.network}
            self.report("length", overflow, len(self.text), params=params)

    def check_parrot(self) -> None:
        """A near copy of the suggested caption; the span is the whole text."""
        suggested = self.context.suggested
        if not suggested:
            return
        threshold = self.charter.settings.max_similarity
        score = similarity(self.view, suggested, threshold)
        if score is not None:
            params = {"similarity": round(score, 3), "percent": round(score * 100), "threshold": threshold}
            self.report("parrot", 0, len(self.text), params=params)
