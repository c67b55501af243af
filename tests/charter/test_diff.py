"""What changed between two versions: rules field by field, text line by line, confidential terms hidden."""

from types import SimpleNamespace

from server.charter.diff import compare, rule_changes, text_changes
from server.charter.document import read_document


def rules(document, **changes):
    return read_document({**{k: v for k, v in document.items() if k not in ("text", "quiz")}, **changes}).rules


def test_list_additions_and_removals_are_listed(document):
    before = rules(document)
    after = rules(document, competitors=["NordWatt"], banned_terms=["neutre en carbone", "zéro impact"])
    changes = {change.field: change for change in rule_changes(before, after)}
    assert (changes["competitors"].added, changes["competitors"].removed) == (["NordWatt"], ["Voltéo"])
    assert changes["banned_terms"].added == ["zéro impact"] and changes["banned_terms"].removed == []
    assert list(changes) == ["banned_terms", "competitors"]


def test_values_and_severities_show_before_and_after(document):
    before = rules(document)
    after = rules(document, hashtags={"max": None}, severity={"pii": "warn"}, pii=False)
    changes = [(c.field, c.before, c.after) for c in rule_changes(before, after)]
    assert changes == [("hashtags.max", 3, None), ("pii", True, False), ("severity.competitor", "review", None),
                       ("severity.pii", None, "warn")]


def test_confidential_terms_are_only_counted_for_employees(document):
    before = rules(document)
    after = rules(document, confidential_terms=["Projet Hélios", "Borealis"])
    (admin_view,) = rule_changes(before, after)
    (employee_view,) = rule_changes(before, after, for_employees=True)
    assert not admin_view.hidden and employee_view.hidden and employee_view.added == ["Borealis"]


def test_text_changes_keep_a_line_of_context_and_mark_gaps():
    before = "\n".join(f"Ligne {n}" for n in range(1, 9))
    after = before.replace("Ligne 2", "Ligne deux").replace("Ligne 8", "Ligne huit")
    lines = [(line.kind, line.text) for line in text_changes(before, after)]
    assert lines == [("same", "Ligne 1"), ("removed", "Ligne 2"), ("added", "Ligne deux"), ("same", "Ligne 3"),
                     ("gap", ""), ("same", "Ligne 7"), ("removed", "Ligne 8"), ("added", "Ligne huit")]


def test_blank_lines_do_not_count_as_changes():
    assert text_changes("Un\n\nDeux", "Un\n\n\n\nDeux\n") == []


def version(number, document, **changes):
    data = {**document, **changes}
    return SimpleNamespace(number=number, rules=rules(data), text_fr=data["text"]["fr"], text_en=data["text"]["en"],
                           quiz=data["quiz"])


def test_comparing_two_versions(document):
    older = version(1, document)
    newer = version(2, document, quiz=document["quiz"][:1], text={**document["text"], "en": "Be kind."})
    changes = compare(older, newer)
    assert (changes.older, changes.newer, changes.quiz_before, changes.quiz_after) == (1, 2, 2, 1)
    assert changes.quiz_changed and changes.text["fr"] == [] and changes.text["en"][-1].text == "Be kind."
    assert not changes.empty and compare(older, older).empty
