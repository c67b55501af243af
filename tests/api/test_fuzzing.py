"""schemathesis sends valid and invalid requests to every operation of the OpenAPI document, as each role,
about things that exist: no answer is a server error and every answer is what the document says it is.
`make fuzz` runs the same with many more cases."""

import pytest

from tests.support.fuzzing import FUZZ_CONFIG, fuzz
from tests.support.world import seed

CASES = 840  # 6 per operation and kind (valid, invalid): some 20 seconds on each database
SEED = 20260301


@pytest.fixture
def app_config():
    return FUZZ_CONFIG


def test_fuzzed_requests_get_no_server_error_and_answers_that_match_the_document(app):
    report = fuzz(app, seed(app), cases=CASES, seed_value=SEED)
    assert report.cases >= CASES
    assert (report.server_errors, report.schema_failures) == (0, 0), report.describe()
    assert {200, 201, 204, 401, 403, 404, 422} <= set(report.statuses), report.describe()
