"""Charter versions: every save is a new version, nothing is edited in place, compiled once per process."""

import pytest

from server.audit import AuditEvent
from server.charter import versions
from server.charter.models import CharterAcknowledgement, CharterVersion
from server.errors import Conflict, InvalidInput, NotFound
from server.notifications import Notification


def test_the_first_save_is_version_1_and_the_author_has_acknowledged_it(app, published, admin):
    assert published.number == 1 and published.author_id == admin.id and published.needs_acknowledgement
    assert CharterAcknowledgement.get().user_id == admin.id
    event = AuditEvent.get(AuditEvent.action == "charter.publish")
    assert event.actor_id == admin.id and event.details == {"number": 1, "needs_acknowledgement": True}


def test_each_save_adds_a_version_and_keeps_the_previous_one(app, publish, document):
    first = publish(document)
    document["banned_terms"].append("zéro impact")
    second = publish(document, note="Greenwashing")
    assert (first.number, second.number) == (1, 2)
    assert CharterVersion.get_by_id(first.id).rules["banned_terms"] == ["neutre en carbone"]
    assert CharterVersion.get_by_id(second.id).rules["banned_terms"] == ["neutre en carbone", "zéro impact"]
    assert second.note == "Greenwashing"
    with app.test_request_context():
        assert versions.current_version().number == 2
        assert [v.number for v in versions.list_versions()] == [2, 1]


def test_saving_the_same_charter_again_is_refused(app, publish, document):
    publish(document)
    with pytest.raises(Conflict, match="Nothing changed since version 1"):
        publish(document)
    assert CharterVersion.select().count() == 1


def test_an_edit_started_from_an_older_version_is_refused(app, publish, document):
    publish(document)
    document["competitors"].append("NordWatt")
    publish(document)
    document["competitors"].append("Hexa")
    with pytest.raises(Conflict, match="Version 2 was published while you were editing"):
        publish(document, based_on=1)
    assert CharterVersion.select().count() == 2


def test_a_document_without_text_or_quiz_keeps_the_current_ones(app, publish, document):
    publish(document)
    rules_only = {key: value for key, value in document.items() if key not in ("text", "quiz")}
    rules_only["review_terms"] = ["rachat"]
    second = publish(rules_only)
    assert second.text_en.startswith("# Our charter") and len(second.quiz) == 2


def test_a_bad_document_is_refused_naming_the_field_and_nothing_is_stored(app, document):
    document["hashtags"] = {"max": "five"}
    with app.test_request_context(), pytest.raises(InvalidInput) as raised:
        versions.parse_document(document)
    assert raised.value.fields == {"hashtags.max": ["must be a non-negative integer"]}
    assert raised.value.code == "invalid_charter"
    assert CharterVersion.select().count() == 0


def test_an_unknown_version_is_not_found(app, published):
    with app.test_request_context(), pytest.raises(NotFound):
        versions.get_version(9)


def test_compiled_rules_are_cached_per_version(app, published, monkeypatch):
    from server.charter import engine

    calls = []
    real = engine.compile
    monkeypatch.setattr(versions.engine, "compile", lambda rules: calls.append(1) or real(rules))
    versions._compiled.clear()
    with app.test_request_context():
        first = versions.compiled_rules(published.id)
        assert versions.compiled_rules(published.id) is first
    assert len(calls) == 1


def test_a_new_version_is_compiled_at_save_and_used_at_once(app, publish, document):
    from server.charter.service import check_post

    publish(document)
    with app.test_request_context():
        assert check_post("Parlons de Voltéo #AcmeEnergie").verdict == "review"
    document["severity"] = {"competitor": "off"}
    version = publish(document)
    assert version.id in versions._compiled
    with app.test_request_context():
        outcome = check_post("Parlons de Voltéo #AcmeEnergie")
    assert (outcome.version, outcome.verdict) == (2, "ok")


def test_everyone_active_is_told_except_the_author(app, publish, make_user, admin):
    readers = [make_user("employee") for _ in range(3)]
    make_user("employee", active=False)
    publish()
    told = {n.user_id for n in Notification.select().where(Notification.kind == "charter.new_version")}
    assert told == {person.id for person in readers}
    notice = Notification.get(Notification.user == readers[0])
    assert notice.url == "/charter" and "version 1" in notice.subject


def test_notices_go_out_in_batches(app, publish, make_user, monkeypatch):
    from server.charter import announcements

    monkeypatch.setattr(announcements, "BATCH_SIZE", 2)
    batches = []
    real = announcements._people_to_tell
    monkeypatch.setattr(announcements, "_people_to_tell",
                        lambda version_id, after_id: batches.append(after_id) or real(version_id, after_id))
    people = [make_user("employee") for _ in range(5)]
    publish()
    assert Notification.select().count() == 5
    assert batches == [0, people[1].id, people[3].id]


def test_a_minor_version_asks_nobody_again(app, publish, document, employee):
    from server.charter.training import acknowledge, requires_acknowledgement

    publish(document)
    with app.test_request_context():
        acknowledge(employee, 1)
    before = Notification.select().count()
    document["text"]["fr"] += "\n\nCoquille corrigée."
    publish(document, needs_acknowledgement=False)
    assert Notification.select().count() == before
    with app.test_request_context():
        assert not requires_acknowledgement(employee)
