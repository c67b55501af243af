"""The audit page reads as sentences in French and English, with filters and pages."""

from datetime import timedelta

from server import audit
from server.audit import AuditEvent
from server.db import utcnow
from tests.conftest import sign_in_client


def _moderation_story(app, admin, make_user):
    """Camille shares twice; Inès approves one, refuses the other."""
    from server.charter.training import acknowledge
    from server.charter.versions import parse_document, save_version
    from server.library.links import add_link
    from server.shares.pipeline import approve_share, opt_in, reject_share, submit_share

    camille = make_user(name="Camille Durand")
    ines = make_user("moderator", name="Inès Roux")
    with app.test_request_context():
        version = save_version(admin, parse_document({
            "name": "Charte", "languages": ["fr", "en"], "review_terms": ["rachat"], "quiz": [],
            "text": {"fr": "Soyez vous-même.", "en": "Be yourself."}}))
        link = add_link(admin, "https://acme-energie.example/news/lyon", title="Hydrogène à Lyon", category="sector",
                        language="fr", fetch_preview=False)
        opt_in(camille)
        acknowledge(camille, version.number)
        shares = [submit_share(camille, link_id=link.id, text=f"Un rachat ? {n}", idempotency_key=str(n),
                               targets=[{"network": "linkedin", "method": "intent"}])[0] for n in (1, 2)]
        approve_share(ines, shares[0].id)
        reject_share(ines, shares[1].id, "Pas de rumeurs")
    return camille, ines


def test_the_audit_page_reads_as_sentences_in_english_and_french(app, client, admin, make_user):
    _moderation_story(app, admin, make_user)
    sign_in_client(client, admin)
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "Inès Roux approved Camille Durand&#39;s share of “Hydrogène à Lyon”." in page
    assert "Inès Roux refused Camille Durand&#39;s share of “Hydrogène à Lyon”." in page
    assert "Camille Durand acknowledged version 1 of the charter." in page
    assert "Camille Durand chose to take part." in page
    admin.locale = "fr"
    admin.save()
    french = client.get("/admin/audit").get_data(as_text=True)
    assert "Inès Roux a validé le partage de Camille Durand sur «\u00a0Hydrogène à Lyon\u00a0»." in french
    assert "Inès Roux a refusé le partage de Camille Durand sur «\u00a0Hydrogène à Lyon\u00a0»." in french


def test_the_audit_page_filters_by_family_person_and_days(app, client, admin, make_user):
    camille, _ines = _moderation_story(app, admin, make_user)
    old = AuditEvent.create(action="auth.sign_in", actor=camille, created_at=utcnow() - timedelta(days=40))
    sign_in_client(client, admin)
    moderation = client.get("/admin/audit?family=moderation").get_data(as_text=True)
    assert moderation.count('class="audit-line"') == 2 and "chose to take part" not in moderation
    by_camille = client.get(f"/admin/audit?actor_id={camille.id}").get_data(as_text=True)
    assert "Inès Roux" not in by_camille.split('class="audit-lines"')[1] and "Camille Durand chose" in by_camille
    day = (utcnow() - timedelta(days=40)).date().isoformat()
    that_day = client.get(f"/admin/audit?since={day}&until={day}").get_data(as_text=True)
    assert that_day.count('class="audit-line"') == 1 and f'data-action="{old.action}"' in that_day
    wrong = client.get("/admin/audit?since=yesterday")
    assert wrong.status_code == 422 and "Some filters could not be read: since" in wrong.get_data(as_text=True)


def test_the_audit_page_pages_back_and_forth(app, client, admin):
    with app.test_request_context():
        for n in range(7):
            audit.record("library.interests.update", actor=admin, target=admin, count=n)
    sign_in_client(client, admin)
    first = client.get("/admin/audit?limit=3&family=library").get_data(as_text=True)
    assert first.count('class="audit-line"') == 3 and "Older events" in first and "Newer events" not in first
    events = [e.id for e in AuditEvent.select().where(AuditEvent.action == "library.interests.update")
              .order_by(AuditEvent.id.desc())]
    second = client.get(f"/admin/audit?limit=3&family=library&before_id={events[2]}").get_data(as_text=True)
    assert second.count('class="audit-line"') == 3 and "Newer events" in second
    back = client.get(f"/admin/audit?limit=3&family=library&after_id={events[3]}").get_data(as_text=True)
    assert f"before_id={events[2]}" in back, "the newest three again, with the way back to older ones"
    assert back.count('class="audit-line"') == 3 and "Newer events" not in back


def test_an_action_without_a_sentence_still_reads(app, client, admin):
    with app.test_request_context():
        audit.record("webhook.endpoint.create", actor=admin)
    sign_in_client(client, admin)
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "Alice Martin · webhook.endpoint.create" in page


def test_the_audit_api_filters_by_family(app, client, admin, make_user, bearer):
    _moderation_story(app, admin, make_user)
    answer = client.get("/api/v1/audit?family=moderation", headers=bearer(admin)).get_json()
    assert [event["action"] for event in answer] == ["share.reject", "share.approve"]


def test_a_deleted_persons_events_read_without_their_name_and_the_systems_as_porte_voix(app, client, admin,
                                                                                       make_user):
    from server.privacy import delete_user

    leaving = make_user(name="Jean Départ")
    with app.test_request_context():
        audit.record("participation.opt_in", actor=leaving)
        delete_user(leaving, actor=leaving)
        audit.record("demo.seed")
    sign_in_client(client, admin)
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "Jean Départ" not in page
    assert "Someone no longer here chose to take part." in page
    assert "An account and its data were deleted." in page
    assert "The demonstration data was loaded." in page
