"""The demo company's charter: two versions by the admin, some people trained, seeded once."""

from server.charter.models import CharterAcknowledgement, CharterQuizAttempt, CharterVersion
from server.notifications import Notification


def test_the_demo_has_a_realistic_charter(app):
    from server.charter import service
    from server.demo import seed_demo

    with app.test_request_context():
        people = seed_demo()
        seed_demo()
        versions = list(CharterVersion.select().order_by(CharterVersion.number))
        assert [v.number for v in versions] == [1, 2]
        assert all(v.author_id == people["admin@acme-energie.example"].id for v in versions)
        current = versions[-1]
        assert "ÉnergiePlus" in current.rules["brand_terms"] and "grève" in current.rules["review_terms"]
        assert current.rules["allowed_domains"] == ["acme-energie.example"]
        assert "I work at Acme" in current.rules["disclosure"]["markers"] and len(current.quiz) == 4
        assert current.text_fr.startswith("# Charte") and current.text_en.startswith("# Social media charter")
        camille = people["camille@acme-energie.example"]
        assert service.requires_acknowledgement(camille) and service.has_passed_quiz(camille)
        assert not service.readiness(people["ines@acme-energie.example"]).ready
        assert service.check_post("Notre offre energie plus est neutre en carbone",
                                  networks=["linkedin"]).verdict == "block"
        assert service.check_post("Je travaille chez Acme : découvrez ÉnergiePlus sur "
                                  "https://acme-energie.example/offres", networks=["x"]).verdict == "ok"
    assert CharterAcknowledgement.select().count() == 7 and CharterQuizAttempt.select().count() == 5
    assert Notification.select().where(Notification.kind == "charter.new_version").count() == 0, "seeded silently"
