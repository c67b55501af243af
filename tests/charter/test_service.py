"""What the share pipeline calls: check_post, readiness, acknowledgement and the quiz."""

import pytest

from server.charter import service, training
from server.charter.errors import CharterNotAcknowledged, QuizNotPassed
from server.charter.models import CharterAcknowledgement, CharterQuizAttempt
from server.errors import Conflict, InvalidInput, NotFound

LONG = "Je travaille chez Acme et " + "notre énergie solaire avance vite. " * 10  # ~375 characters


def test_check_post_gives_one_result_per_network_and_one_verdict(app, published):
    with app.test_request_context():
        outcome = service.check_post(LONG, networks=["linkedin", "x", "bluesky"])
    assert outcome.version == 1
    assert {name: result.verdict for name, result in outcome.per_network.items()} == {
        "linkedin": "ok", "x": "block", "bluesky": "block"}
    assert outcome.verdict == "block"
    length = [f for f in outcome.findings if f["rule"] == "length"]
    assert sorted(f["networks"][0] for f in length) == ["bluesky", "x"]
    assert {f["params"]["max"] for f in length} == {280, 300}


def test_findings_shared_by_every_network_appear_once(app, published):
    with app.test_request_context():
        outcome = service.check_post("Le plan social chez Voltéo", networks=["linkedin", "mastodon"])
    assert [(f["rule"], f["networks"]) for f in outcome.findings] == [
        ("review_term", ["linkedin", "mastodon"]), ("competitor", ["linkedin", "mastodon"]),
        ("disclosure_missing", ["linkedin", "mastodon"])]
    assert outcome.to_dict()["verdict"] == "review"


def test_without_a_network_there_is_no_length_rule(app, published):
    with app.test_request_context():
        outcome = service.check_post(LONG * 20)
    assert list(outcome.per_network) == [None] and outcome.verdict == "ok"
    assert outcome.to_dict()["networks"] == {} and outcome.findings == []


def test_the_context_reaches_the_engine(app, published):
    text = "Lisez https://acme-energie.example/blog et https://news.example/a #AcmeEnergie"
    with app.test_request_context():
        outcome = service.check_post(text, link="https://news.example/a", required_hashtags=["Solaire"],
                                     suggested=text, language="fr")
    assert {f["rule"] for f in outcome.findings} == {"hashtag_required", "parrot"}


def test_an_unknown_network_is_invalid_input(app, published):
    with app.test_request_context(), pytest.raises(InvalidInput) as raised:
        service.check_post("Bonjour", networks=["linkedin", "myspace"])
    assert list(raised.value.fields["networks"]) == [1]


def test_a_post_can_be_checked_against_an_older_version(app, publish, document):
    publish(document)
    document["review_terms"] = []
    publish(document)
    with app.test_request_context():
        assert service.check_post("Un plan social ? #AcmeEnergie").verdict == "ok"
        older = service.check_post("Un plan social ? #AcmeEnergie", version=1)
        assert (older.version, older.verdict) == (1, "review")
        with pytest.raises(NotFound):
            service.check_post("x", version=3)


def test_before_any_charter_the_built_in_rules_apply(app):
    with app.test_request_context():
        outcome = service.check_post("Appelez-moi au 06 12 34 56 78, bande de connards")
    assert outcome.version is None and outcome.verdict == "block"
    assert {f["rule"] for f in outcome.findings} == {"pii.phone", "profanity"}


def test_readiness_needs_the_acknowledgement_then_the_quiz(app, published, employee):
    with app.test_request_context():
        assert service.readiness(employee) == service.Readiness(version=1, acknowledged=False, quiz_passed=False)
        with pytest.raises(CharterNotAcknowledged):
            service.ensure_ready_to_share(employee)
        training.acknowledge(employee, 1)
        with pytest.raises(QuizNotPassed) as raised:
            service.ensure_ready_to_share(employee)
        assert raised.value.status == 403 and raised.value.code == "charter_quiz_required"
        training.submit_quiz(employee, [0, 2], "fr")
        assert service.readiness(employee).ready
        service.ensure_ready_to_share(employee)


def test_nothing_is_asked_before_a_charter_exists(app, employee):
    with app.test_request_context():
        assert not service.requires_acknowledgement(employee) and service.has_passed_quiz(employee)
        assert service.readiness(employee).ready


def test_a_charter_without_quiz_asks_for_no_quiz(app, publish, document, employee):
    document["quiz"] = []
    publish(document)
    with app.test_request_context():
        assert service.has_passed_quiz(employee)


def test_a_new_version_asks_for_a_new_acknowledgement_but_not_a_new_quiz(app, publish, document, employee):
    publish(document)
    with app.test_request_context():
        training.acknowledge(employee, 1)
        training.submit_quiz(employee, [0, 2], "en")
    document["competitors"].append("NordWatt")
    publish(document)
    with app.test_request_context():
        assert service.requires_acknowledgement(employee) and service.has_passed_quiz(employee)
        assert training.acknowledged_version(employee).number == 1


def test_acknowledging_is_recorded_once_and_audited(app, published, employee):
    with app.test_request_context():
        first = training.acknowledge(employee, 1)
        assert training.acknowledge(employee, 1).id == first.id
    assert CharterAcknowledgement.select().where(CharterAcknowledgement.user == employee).count() == 1
    from server.audit import AuditEvent
    assert AuditEvent.select().where(AuditEvent.action == "charter.acknowledge").count() == 1


def test_only_the_current_version_can_be_acknowledged(app, publish, document, employee):
    publish(document)
    document["competitors"] = []
    publish(document)
    with app.test_request_context(), pytest.raises(Conflict, match="Version 2 of the charter has been published"):
        training.acknowledge(employee, 1)


def test_a_wrong_answer_is_stored_and_explained(app, published, employee):
    with app.test_request_context():
        submission = training.submit_quiz(employee, [0, 1], "en")
    assert (submission.grade.score, submission.grade.passed) == (1, False)
    assert submission.grade.outcomes[1].explanation == "It stays confidential."
    attempt = CharterQuizAttempt.get()
    assert (attempt.answers, attempt.score, attempt.total, attempt.passed) == ([0, 1], 1, 2, False)


@pytest.mark.parametrize("answers, problems", [
    ([0], {1: ["Choose one of the answers."]}),
    ([0, 3], {1: ["Choose one of the answers."]}),
    ([None, 2], {0: ["Choose one of the answers."]}),
    ([0, 2, 1], {"_schema": ["There are more answers than questions."]}),
])
def test_unanswered_questions_are_named_and_nothing_is_stored(app, published, employee, answers, problems):
    with app.test_request_context(), pytest.raises(InvalidInput) as raised:
        training.submit_quiz(employee, answers, "en")
    assert raised.value.fields == {"answers": problems}
    assert CharterQuizAttempt.select().count() == 0


def test_acknowledgements_and_quiz_results_are_in_the_export_and_go_with_the_account(app, published, employee):
    from server.privacy import delete_user, export_user_data

    with app.test_request_context():
        training.acknowledge(employee, 1)
        training.submit_quiz(employee, [1, 2], "en")
        part = export_user_data(employee)["charter"]
        assert [a["version"] for a in part["acknowledgements"]] == [1]
        assert part["quiz_attempts"][0] | {"at": None} == {"version": 1, "answers": [1, 2], "score": 1, "total": 2,
                                                            "passed": False, "at": None}
        delete_user(employee, actor=None)
    assert CharterQuizAttempt.select().count() == 0
    assert CharterAcknowledgement.select().where(CharterAcknowledgement.user == employee.id).count() == 0
