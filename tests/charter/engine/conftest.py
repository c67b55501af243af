"""Fixtures for the charter engine's tests: a quick way to check a text against a small charter."""

import pytest

from server.charter.engine import Context, compile_charter


def _check(text, charter=None, context=None, **context_fields):
    compiled = compile_charter(charter or {})
    return compiled.check(text, context or Context(**context_fields))


@pytest.fixture
def check():
    """check(text, charter=None, context=None, **Context fields) -> Result."""
    return _check


@pytest.fixture
def found():
    """found(result, rule) -> the excerpts of the findings of one rule (rule prefix allowed)."""

    def excerpts(result, rule):
        return [f.excerpt for f in result.findings if f.rule == rule or f.rule.startswith(rule + ".")]

    return excerpts
