"""The charter simulator: a draft replayed over past shares beside the version in force, before publishing."""

import copy
import itertools
import json
import re
from datetime import datetime

import pytest

from server.charter.models import CharterSimulation, CharterVersion
from tests.charter.test_admin_pages import editor_form, text_of
from tests.conftest import csrf_token

POSTS = [
    ("Une arnaque totale, ce tarif concurrent #AcmeEnergie", datetime(2026, 3, 2)),
    ("Voltéo fait moins bien que nous #AcmeEnergie", datetime(2026, 3, 3)),
    ("La grève est finie, bonne nouvelle #AcmeEnergie", datetime(2026, 1, 5)),
    ("Fier de nos éoliennes #AcmeEnergie", datetime(2026, 3, 4)),
]


@pytest.fixture
def past_shares(app, admin, make_user, published):
    """The four posts above, shared by two colleagues (their names must never appear in a simulation)."""
    from server.library.links import add_link
    from server.shares.models import Share

    authors = [make_user(name="Bérénice Fontaine"), make_user(name="Zacharie Lemaire")]
    with app.test_request_context():
        link = add_link(admin, "https://acme-energie.example/news/eoliennes", fetch_preview=False,
                        title="Nos éoliennes", category="sector", language="fr")
    keys = itertools.count()
    for (text, created_at), author in zip(POSTS, itertools.cycle(authors)):
        Share.create(user=author, link=link, text=text, state="completed", language="fr", created_at=created_at,
                     idempotency_key=f"k{next(keys)}", request_fingerprint="f")
    Share.create(user=authors[0], link=link, text="Une arnaque, brouillon jamais envoyé", state="draft",
                 idempotency_key="draft", request_fingerprint="f")
    return authors


def draft_document(document):
    """The published charter with three changes: a banned term added, a review term and an override removed."""
    draft = copy.deepcopy(document)
    draft["banned_terms"].append("arnaque")
    draft["review_terms"] = ["plan social"]
    draft["severity"] = {}
    return draft


def simulate(app, admin, document, **options):
    from server.charter import simulator, versions

    with app.test_request_context():
        return simulator.start_simulation(admin, versions.parse_document(document), **options)


def rule(summary, name):
    return next(entry for entry in summary["rules"] if entry["rule"] == name)


def test_each_rule_says_what_the_draft_newly_blocks_warns_or_lets_through(app, admin, document, past_shares):
    simulation = simulate(app, admin, draft_document(document))
    summary = simulation.summary
    assert simulation.status == "done" and summary["posts"] == 4, "drafts are not replayed"
    assert rule(summary, "banned_term")["changes"]["block"] == 1
    assert rule(summary, "review_term")["changes"]["let_through"] == 1
    assert rule(summary, "competitor")["changes"]["softened"] == 1, "review → warn once the override is gone"
    assert summary["verdicts"] == {"current": {"ok": 2, "warn": 0, "review": 2, "block": 0},
                                   "draft": {"ok": 2, "warn": 1, "review": 0, "block": 1}}
    assert summary["verdict_changes"] == {"review>ok": 1, "review>warn": 1, "ok>block": 1}
    assert summary["changed_posts"] == 3


def test_examples_highlight_what_matched_and_never_name_the_author(app, admin, document, past_shares):
    summary = simulate(app, admin, draft_document(document)).summary
    [example] = rule(summary, "banned_term")["examples"]["block"]
    start, end = example["spans"][0]
    assert example["text"][start:end] == "arnaque" and (example["before"], example["after"]) == ("ok", "block")
    stored = json.dumps(summary, ensure_ascii=False)
    assert all(author.name not in stored and author.email not in stored for author in past_shares)


def test_rules_that_never_fire_are_listed(app, admin, document, past_shares):
    summary = simulate(app, admin, draft_document(document)).summary
    assert {"pii.iban", "secret", "confidential"} <= set(summary["never_firing"])
    assert "banned_term" not in summary["never_firing"] and "length" not in summary["never_firing"]


def test_a_period_replays_only_the_shares_since_its_first_day(app, admin, document, past_shares):
    summary = simulate(app, admin, draft_document(document), since=datetime(2026, 3, 1)).summary
    assert summary["posts"] == 3 and rule(summary, "review_term")["changes"]["let_through"] == 0


def test_many_posts_are_replayed_by_a_job_that_records_its_progress(app, admin, document, past_shares,
                                                                   monkeypatch, signed_in):
    from server.charter import simulator

    monkeypatch.setattr(simulator, "INLINE_LIMIT", 2)
    monkeypatch.setattr(simulator, "BATCH_SIZE", 3)
    queued = []
    original = simulator.run_simulation_job

    def queue(simulation_id):
        queued.append(simulation_id)
        return original(simulation_id)

    monkeypatch.setattr(simulator, "run_simulation_job", queue)
    simulation = simulate(app, admin, draft_document(document))
    assert queued == [simulation.id], "more posts than the inline limit: a job"
    client, _ = signed_in(admin)
    progress = client.get(f"/api/v1/charter/simulations/{simulation.id}").get_json()
    assert (progress["status"], progress["processed_posts"], progress["total_posts"]) == ("done", 4, 4)
    assert progress["current_version"] == 1 and progress["summary"]["posts"] == 4


def test_the_api_simulates_a_draft_and_names_a_bad_field(signed_in, admin, document, past_shares):
    client, headers = signed_in(admin)
    response = client.post("/api/v1/charter/simulations", json={"document": draft_document(document),
                                                                "since": "2026-03-01"}, headers=headers)
    assert response.status_code == 201 and response.get_json()["summary"]["posts"] == 3
    bad = client.post("/api/v1/charter/simulations", json={"document": {**document, "hashtags": {"max": -1}}},
                      headers=headers)
    assert bad.status_code == 422 and "hashtags.max" in bad.get_json()["error"]["fields"]
    assert client.post("/api/v1/charter/simulations", json={"document": document, "since": "mars"},
                       headers=headers).status_code == 422


def test_the_editor_simulates_the_draft_then_publishes_it_with_the_summary(signed_in, admin, past_shares):
    client, _ = signed_in(admin)
    form = editor_form(client, banned_terms="neutre en carbone\narnaque", review_terms="plan social")
    response = client.post("/admin/charter/simulations/", data=form)
    assert response.status_code == 302
    page = client.get(response.headers["Location"])
    html, shown = page.get_data(as_text=True), text_of(page)
    assert "4 posts replayed" in shown and "2 would be treated differently" in shown
    assert "<mark>arnaque</mark>" in html and "Bérénice" not in html and "Zacharie" not in html
    assert "Rules that never fire" in shown and "Bank account numbers (IBAN)" in shown
    simulation = CharterSimulation.get()
    publish = client.post(f"/admin/charter/simulations/{simulation.id}/publish",
                          data={"csrf_token": csrf_token(client, response.headers["Location"]),
                                "note": "Arnaque interdite", "needs_acknowledgement": "on"})
    assert publish.status_code == 302 and publish.headers["Location"].endswith("/admin/charter/versions/2")
    version = CharterVersion.get(CharterVersion.number == 2)
    assert version.author_id == admin.id and version.simulation_id == simulation.id
    assert "arnaque" in version.rules["banned_terms"] and version.note == "Arnaque interdite"
    assert version.simulation_summary["rules"]["banned_term"]["block"] == 1
    assert "arnaque" not in json.dumps(version.simulation_summary), "no post text kept with the version"
    from server.audit import AuditEvent

    event = AuditEvent.select().where(AuditEvent.action == "charter.publish").order_by(AuditEvent.id.desc()).get()
    assert event.actor_id == admin.id and event.details["simulation"] == simulation.id
    assert "Published after a simulation on 4 past posts: 2 would be treated differently" in text_of(
        client.get("/admin/charter/versions/2"))


def test_a_simulation_made_before_another_version_cannot_be_published(signed_in, admin, document, publish,
                                                                       past_shares):
    client, _ = signed_in(admin)
    simulation = simulate(client.application, admin, draft_document(document))
    publish({**document, "competitors": ["Voltéo", "NordWatt"]})
    url = f"/admin/charter/simulations/{simulation.id}"
    response = client.post(f"{url}/publish", data={"csrf_token": csrf_token(client, url)})
    assert response.status_code == 409 and "simulate again" in text_of(response)
    assert CharterVersion.select().count() == 2


@pytest.mark.parametrize("since, message", [("31/01/2026", "Give a date such as 2026-01-31"),
                                            ("2999-01-01", "This date is in the future")])
def test_a_bad_period_is_shown_next_to_its_field(signed_in, admin, published, since, message):
    client, _ = signed_in(admin)
    response = client.post("/admin/charter/simulations/", data=editor_form(client, since=since))
    assert response.status_code == 422 and message in text_of(response)
    assert CharterSimulation.select().count() == 0


def test_the_command_prints_the_comparison_as_json(app, document, past_shares, tmp_path):
    draft = tmp_path / "draft.json"
    draft.write_text(json.dumps(draft_document(document)), encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["charter", "simulate", str(draft),
                                                                "--since", "2026-03-01"])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed["current_version"] == 1 and printed["posts"] == 3
    assert rule(printed, "banned_term")["changes"]["block"] == 1
    assert CharterSimulation.select().count() == 0, "the command stores nothing"


def test_the_command_names_the_bad_field_of_a_draft(app, document, tmp_path):
    draft = tmp_path / "draft.json"
    draft.write_text(json.dumps({**document, "hashtags": {"max": "trois"}}), encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["charter", "simulate", str(draft)])
    assert result.exit_code == 2 and re.search(r"hashtags\.max", result.stderr)


def test_a_simulation_under_way_shows_its_progress(signed_in, admin, document, published):
    simulation = CharterSimulation.create(created_by=admin, document=document, base_version=published,
                                          status="running", total_posts=12_000, processed_posts=4_500)
    client, _ = signed_in(admin)
    page = client.get(f"/admin/charter/simulations/{simulation.id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "4500 of 12000 posts replayed" in text_of(page)
    assert re.search(r'<progress max="12000" value="4500"', html) and "Publish this draft" not in html
    refused = client.post(f"/admin/charter/simulations/{simulation.id}/publish",
                          data={"csrf_token": csrf_token(client, f"/admin/charter/simulations/{simulation.id}")})
    assert refused.status_code == 409 and "not finished yet" in text_of(refused)
    assert client.get("/admin/charter/simulations/999").status_code == 404
