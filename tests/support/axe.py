"""axe-core (installed through npm, `node_modules/axe-core`) run in a Playwright page: the serious and
critical violations it finds, each with the rule, its help text and the first elements concerned.

The script is evaluated through the DevTools protocol, which the pages' Content-Security-Policy does not
govern, so pages are checked exactly as they are served."""

from functools import lru_cache
from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")

_RUN = """async () => {
  const results = await axe.run(document, { resultTypes: ["violations"] });
  return results.violations.filter((v) => %s.includes(v.impact)).map((v) => ({
    rule: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 4).map((n) => n.target.join(" ") + " :: " + (n.failureSummary || "").slice(0, 160)),
  }));
}"""


@lru_cache(maxsize=1)
def axe_source():
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run `npm ci` (make install)")
    return AXE.read_text(encoding="utf-8")


def serious_violations(page):
    """axe-core's serious and critical violations on `page` as it is now (an empty list when there are none)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source() + "\n;undefined")
    return page.evaluate(_RUN % list(SERIOUS))


def describe(violations):
    return "\n".join(f"{v['impact']} {v['rule']}: {v['help']}\n    " + "\n    ".join(v["nodes"]) for v in violations)
