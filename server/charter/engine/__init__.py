"""The charter engine: a pure library (no Flask, no database) that checks a post against a charter.

    compiled = compile(charter_dict)                   # once per charter version; raises CharterError
    result = compiled.check(text, Context(link=...))   # any number of times, about a millisecond each
    result.verdict, result.findings, result.to_dict()

Rules, default severities and message keys: `rules.RULES`, `messages.MESSAGE_KEYS`.
"""

from .compiler import CompiledCharter, check, compile, compile_charter
from .errors import CharterError
from .messages import MESSAGE_KEYS
from .results import SEVERITIES, Context, Finding, LengthLimit, Result
from .rules import RULES

__all__ = [
    "MESSAGE_KEYS",
    "RULES",
    "SEVERITIES",
    "CharterError",
    "CompiledCharter",
    "Context",
    "Finding",
    "LengthLimit",
    "Result",
    "check",
    "compile",
    "compile_charter",
]
