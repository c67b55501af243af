"""One check of a text for several networks at once.

Of all the rules, only the length depends on the network (its limit and its way of counting). A compose box
that offers three networks would otherwise run every rule three times; here every other rule runs once, and
the length rule once per network on top of those findings. The results are the same as checking the text
separately for each network.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from .checks import TextCheck
from .results import Context, LengthLimit, Result

if TYPE_CHECKING:
    from .compiler import CompiledCharter


def check_for_networks(charter: CompiledCharter, text: str, context: Context,
                       lengths: dict[str | None, LengthLimit | None]) -> dict[str | None, Result]:
    """The result for each network named in `lengths` (name → its length limit, None: no limit)."""
    if not isinstance(text, str):
        raise TypeError("text must be a string")
    shared = TextCheck(charter, text, replace(context, network=None, length=None))
    common = shared.run()
    common_findings = dict(shared.findings)
    results: dict[str | None, Result] = {}
    for name, limit in lengths.items():
        if limit is None or not charter.severities.enabled("length"):
            results[name] = common
            continue
        shared.context = replace(context, network=name, length=limit)
        shared.findings = dict(common_findings)
        shared.check_length()
        results[name] = common if len(shared.findings) == len(common_findings) else Result.from_findings(
            list(shared.findings.values()))
    return results
