"""What a draft charter would have done: past posts checked against the version in force and the draft, and
the difference, rule by rule.

This module only needs two compiled charters and the posts' texts (no Flask, no database), so the simulator's
job, the `porte-voix charter simulate` command and the benchmark share it. A post is checked once per charter,
for no network in particular: the length rule belongs to the networks, not to the charter, and is left out.

For each rule, a post counts under what the draft changes for it: *newly blocked*, *newly sent to review*,
*newly warned* (the rule's severity on that post rose, or appeared, to that level), *let through* (the rule
said something under the version in force and says nothing under the draft), or *softened* (it still fires,
less severely). Examples are excerpts around the spans the rule matched, with those spans given relative to
the excerpt; nothing in the summary says who wrote a post.
"""

from __future__ import annotations

from dataclasses import dataclass

from server.charter.engine import RULES, SEVERITIES, CompiledCharter, Context, Result

_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}
CHANGES = ("block", "review", "warn", "let_through", "softened")
# Rules a replay cannot judge: the length depends on the network each post went to.
NOT_REPLAYED = frozenset({"length"})
EXAMPLES_PER_CHANGE = 3
EXCERPT_MARGIN = 60


@dataclass(frozen=True)
class ReplayedPost:
    """The parts of a past share that the charter's rules read."""

    text: str
    link: str | None = None
    suggested: str | None = None
    language: str | None = None

    def context(self) -> Context:
        return Context(link=self.link or None, suggested=self.suggested or None, language=self.language)


def _severities_by_rule(result: Result) -> dict[str, tuple[str, list[tuple[int, int]]]]:
    """Each rule that fired: its highest severity on the post and the spans it matched."""
    found: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    for finding in result.findings:
        if finding.rule in NOT_REPLAYED:
            continue
        severity, spans = found.get(finding.rule, ("ok", []))
        if _RANK[finding.severity] > _RANK[severity]:
            severity = finding.severity
        found[finding.rule] = (severity, [*spans, (finding.start, finding.end)])
    return found


def _change(before: str, after: str) -> str | None:
    if before == after:
        return None
    if after == "ok":
        return "let_through"
    return after if _RANK[after] > _RANK[before] else "softened"


def excerpt_around(text: str, spans: list[tuple[int, int]], margin: int = EXCERPT_MARGIN) -> dict:
    """A piece of `text` around its first span, with the spans inside it (offsets into the excerpt).

    ``prefix``/``suffix`` say whether text was cut before or after, so a page can show an ellipsis.
    """
    spans = sorted(spans)
    first_start, first_end = spans[0] if spans else (0, 0)
    start = max(0, first_start - margin)
    end = min(len(text), max(first_end, first_start) + margin)
    if start > 0:  # start on a word boundary where there is one near
        space = text.find(" ", start, first_start)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", first_end, end)
        end = space if space != -1 else end
    inside: list[list[int]] = []
    for span_start, span_end in spans:  # sorted: overlapping spans merge into one highlight
        clipped = [max(span_start, start) - start, min(span_end, end) - start]
        if clipped[1] <= clipped[0]:
            continue
        if inside and clipped[0] <= inside[-1][1]:
            inside[-1][1] = max(inside[-1][1], clipped[1])
        else:
            inside.append(clipped)
    return {"text": text[start:end], "spans": inside,
            "prefix": start > 0, "suffix": end < len(text)}


class Comparison:
    """The running comparison of two charters over posts: `add` each post, then read `summary()`."""

    def __init__(self, current: CompiledCharter, draft: CompiledCharter, *,
                 examples_per_change: int = EXAMPLES_PER_CHANGE):
        self.current, self.draft = current, draft
        self.examples_per_change = examples_per_change
        self.posts = 0
        self.verdicts = {"current": dict.fromkeys(SEVERITIES, 0), "draft": dict.fromkeys(SEVERITIES, 0)}
        self.verdict_changes: dict[str, int] = {}
        self.fired = {"current": {}, "draft": {}}
        self.rules: dict[str, dict[str, int]] = {}
        self.examples: dict[str, dict[str, list[dict]]] = {}
        self._seen: dict[tuple, tuple[Result, Result]] = {}

    def _results(self, post: ReplayedPost) -> tuple[Result, Result]:
        # Colleagues often post the same words for the same link: identical posts are checked once.
        key = (post.text, post.link, post.suggested, post.language)
        known = self._seen.get(key)
        if known is None:
            context = post.context()
            known = (self.current.check(post.text, context), self.draft.check(post.text, context))
            if len(self._seen) < 50_000:
                self._seen[key] = known
        return known

    def add(self, post: ReplayedPost) -> None:
        """Check one post against both charters and count what differs."""
        current, draft = self._results(post)
        self.posts += 1
        self.verdicts["current"][current.verdict] += 1
        self.verdicts["draft"][draft.verdict] += 1
        if current.verdict != draft.verdict:
            key = f"{current.verdict}>{draft.verdict}"
            self.verdict_changes[key] = self.verdict_changes.get(key, 0) + 1
        before, after = _severities_by_rule(current), _severities_by_rule(draft)
        for side, found in (("current", before), ("draft", after)):
            for rule in found:
                self.fired[side][rule] = self.fired[side].get(rule, 0) + 1
        for rule in before.keys() | after.keys():
            was, was_spans = before.get(rule, ("ok", []))
            now, now_spans = after.get(rule, ("ok", []))
            change = _change(was, now)
            if change is None:
                continue
            counts = self.rules.setdefault(rule, dict.fromkeys(CHANGES, 0))
            counts[change] += 1
            shown = self.examples.setdefault(rule, {}).setdefault(change, [])
            if len(shown) < self.examples_per_change:
                example = excerpt_around(post.text, now_spans if now != "ok" else was_spans)
                if all(other["text"] != example["text"] for other in shown):  # copies teach nothing new
                    shown.append({"before": was, "after": now, **example})

    def never_firing(self) -> list[str]:
        """Rules the draft keeps on that matched none of the posts."""
        return [rule for rule in RULES if rule not in NOT_REPLAYED and self.draft.severities.enabled(rule)
                and not self.fired["draft"].get(rule)]

    def summary(self) -> dict:
        """The comparison as JSON-ready data (what the page, the API and the command show)."""
        rules = []
        for rule in RULES:
            if rule in NOT_REPLAYED:
                continue
            counts = self.rules.get(rule, dict.fromkeys(CHANGES, 0))
            rules.append({"rule": rule, "current": self.fired["current"].get(rule, 0),
                          "draft": self.fired["draft"].get(rule, 0), "changes": counts,
                          "examples": self.examples.get(rule, {})})
        changed = sum(self.verdict_changes.values())
        return {"posts": self.posts, "changed_posts": changed, "verdicts": self.verdicts,
                "verdict_changes": dict(sorted(self.verdict_changes.items())),
                "rules": rules, "never_firing": self.never_firing()}


def headline(summary: dict) -> dict:
    """The summary without examples: what a published version keeps (no post text is stored with it)."""
    return {"posts": summary["posts"], "changed_posts": summary["changed_posts"],
            "verdicts": summary["verdicts"], "verdict_changes": summary["verdict_changes"],
            "rules": {entry["rule"]: entry["changes"] for entry in summary["rules"]
                      if any(entry["changes"].values())},
            "never_firing": summary["never_firing"]}


def compare(current: CompiledCharter, draft: CompiledCharter, posts) -> dict:
    """Replay `posts` (ReplayedPost) against both charters and return the summary."""
    comparison = Comparison(current, draft)
    for post in posts:
        comparison.add(post)
    return comparison.summary()
