"""Fuzzing the JSON API against its own OpenAPI document with schemathesis, in-process (the WSGI app, jobs
inline): valid and invalid requests for every operation, sent by each role (and by nobody), half of them
about things that exist (the World's ids), each answer checked — no 5xx, its status documented, its body,
content type and headers as documented.

`fuzz(app, world, …)` is used by tests/api/test_fuzzing.py (a short run) and by `make fuzz`:

    python -m tests.support.fuzzing [--cases 5000] [--seed 20260301] [--database-url URL]

whose last line gives the figures: `fuzz: N cases, N 5xx, N schema failures`.
"""

import argparse
import logging
import math
import sys
import tempfile
import traceback
from dataclasses import dataclass, field

import hypothesis
import schemathesis
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.support.world import WORLD_CONFIG, seed

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]
# Who calls: mostly people whose role lets the route work, sometimes nobody (401) or too low a role (403).
CALLERS = ("admin", "admin", "moderator", "employee", "employee", "leader", None)
# Rate limits are off: a fuzzer would spend its cases on 429s (their shape is checked in test_openapi_contract).
FUZZ_CONFIG = {**WORLD_CONFIG, "RATELIMIT_ENABLED": False, "LOG_LEVEL": "ERROR"}
BODY_IDS = {"link_id": "link", "campaign_id": "campaign", "department_id": "department"}


@dataclass
class Report:
    cases: int = 0
    server_errors: int = 0
    schema_failures: int = 0
    statuses: dict = field(default_factory=dict)  # status -> how many answers had it
    examples: dict = field(default_factory=dict)  # (operation, problem) -> one request and answer

    def add(self, operation, problem, detail):
        self.examples.setdefault((operation, problem), detail)

    @property
    def line(self):
        return f"fuzz: {self.cases} cases, {self.server_errors} 5xx, {self.schema_failures} schema failures"

    def describe(self):
        lines = [f"{operation}: {problem}\n    {detail}" for (operation, problem), detail in self.examples.items()]
        statuses = ", ".join(f"{status}: {count}" for status, count in sorted(self.statuses.items()))
        return "\n".join([*lines, f"answers by status: {statuses}", self.line])


def known_path_parameters(world):
    """Path parameters naming what exists, so that routes find something and do their work."""
    return {"share_id": world.ids["share"], "link_id": world.ids["link"], "campaign_id": world.ids["campaign"],
            "user_id": world.users["target"], "token_id": world.ids["token"], "feed_id": world.ids["feed"],
            "import_id": world.ids["import"], "number": 1, "network": "linkedin"}


def _strategy(operation, mode, world):
    generated = operation.as_strategy(generation_mode=mode)
    names = {parameter.name for parameter in operation.path_parameters}
    known = {name: value for name, value in known_path_parameters(world).items() if name in names}
    if not known:
        return generated
    return st.one_of(generated, operation.as_strategy(generation_mode=mode, path_parameters=known))


def _with_known_ids(case, world, mode):
    """In valid bodies, ids that name what exists (a random id names nothing, and the route stops there)."""
    if mode is GenerationMode.POSITIVE and isinstance(case.body, dict):
        for key, name in BODY_IDS.items():
            if key in case.body and isinstance(case.body[key], int):
                case.body[key] = world.ids[name]


def _check(case, response, report):
    report.cases += 1
    report.statuses[response.status_code] = report.statuses.get(response.status_code, 0) + 1
    if response.status_code >= 500:
        report.server_errors += 1
        report.add(case.operation.label, f"{response.status_code}", f"{case.body!r} -> {response.text[:300]}")
        return
    try:
        case.validate_response(response, checks=CHECKS)
    except Exception as failures:  # schemathesis raises one group of every failed check
        report.schema_failures += 1
        for failure in getattr(failures, "exceptions", [failures]):
            title = getattr(failure, "title", type(failure).__name__)
            message = " ".join(str(getattr(failure, "message", failure)).split())[:300]
            report.add(case.operation.label, title, f"{message}\n    {case.path_parameters} {case.query} "
                                                    f"{case.body!r} -> {response.status_code} {response.text[:300]}")


def _run_operation(operation, mode, world, report, examples, seed_value):
    @hypothesis.seed(seed_value)
    @hypothesis.settings(max_examples=examples, database=None, deadline=None, print_blob=False,
                         phases=[hypothesis.Phase.generate], suppress_health_check=list(hypothesis.HealthCheck))
    @hypothesis.given(case=_strategy(operation, mode, world), caller=st.sampled_from(CALLERS), known=st.booleans())
    def exercise(case, caller, known):
        if known:
            _with_known_ids(case, world, mode)
        headers = dict(world.headers[caller]) if caller else {}
        try:
            response = case.call(headers=headers)
        except Exception:  # the app in testing mode lets an unexpected error through: that is a 500
            report.cases += 1
            report.server_errors += 1
            report.add(operation.label, "exception", traceback.format_exc(limit=-3).strip().replace("\n", "\n    "))
            return
        _check(case, response, report)

    exercise()


def operations(app):
    """Every operation of the document, those that delete last (they remove what the others work on)."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    found = [result.ok() for result in schema.get_all_operations()]
    return sorted(found, key=lambda operation: (operation.method.upper() == "DELETE", operation.label))


def fuzz(app, world, *, cases, seed_value=20260301):
    """Send at least `cases` requests (valid and invalid, spread over every operation) and check each answer."""
    report, found = Report(), operations(app)
    modes = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    round_number = 0
    while report.cases < cases:
        per_operation = max(1, math.ceil((cases - report.cases) / (len(found) * len(modes))))
        for operation in found:
            for mode in modes:
                _run_operation(operation, mode, world, report, per_operation, seed_value + round_number)
        round_number += 1
    return report


def main(argv=None):
    from tests.conftest import make_app

    parser = argparse.ArgumentParser(description="Fuzz the JSON API against its OpenAPI document.")
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=20260301)
    parser.add_argument("--database-url", default="", help="Default: a new SQLite file.")
    options = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    with tempfile.TemporaryDirectory() as folder:
        app = make_app(options.database_url or f"sqlite:///{folder}/fuzz.db", f"{folder}/instance", **FUZZ_CONFIG)
        report = fuzz(app, seed(app), cases=options.cases, seed_value=options.seed)
    print(report.describe())
    return 0 if report.server_errors == report.schema_failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
