"""Moderation levels, the parrot rule against the link's own kit, and near copies of colleagues' posts."""

import pytest

from server.shares.models import Share
from tests.shares.conftest import CHARTER

REVIEW_TEXT = "Le rachat de notre filiale est une bonne nouvelle pour Lyon"
OK_TEXT = "Bravo à l'équipe de Lyon pour ce beau projet"
BLOCKED_TEXT = "Franchement c'est nul à chier"
IDEA = ("Notre projet hydrogène vert avance à Lyon : une étape de plus vers une énergie propre pour toute la "
        "région, et j'en suis fier.")


def submit(client, headers, link, text, key="k-1", **extra):
    body = {"link_id": link.id, "text": text, "targets": [{"network": "linkedin", "method": "intent"}], **extra}
    return client.post("/api/v1/shares", json=body, headers={**headers, "Idempotency-Key": key})


@pytest.fixture
def alice(employee, ready, bearer):
    ready(employee)
    return bearer(employee)


@pytest.fixture
def campaign_link(app, admin, make_link):
    from server.library.campaigns import create_campaign

    def make(moderation):
        with app.test_request_context():
            campaign = create_campaign(admin, name=f"Salon {moderation}", moderation=moderation)
        return make_link(campaign_id=campaign.id)

    return make


@pytest.mark.parametrize("moderation, text, state", [
    ("none", REVIEW_TEXT, "approved"),  # nothing waits: only what the charter blocks is stopped
    ("none", OK_TEXT, "approved"),
    ("terms", REVIEW_TEXT, "pending_review"),
    ("terms", OK_TEXT, "approved"),
    ("every_share", REVIEW_TEXT, "pending_review"),
    ("every_share", OK_TEXT, "pending_review"),
])
def test_a_campaigns_moderation_level_decides_what_waits_for_a_moderator(client, alice, campaign_link, moderation,
                                                                         text, state):
    response = submit(client, alice, campaign_link(moderation), text)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["state"] == state


@pytest.mark.parametrize("moderation", ["none", "terms", "every_share"])
def test_the_charter_blocks_whatever_the_moderation_level(client, alice, campaign_link, moderation):
    response = submit(client, alice, campaign_link(moderation), BLOCKED_TEXT)
    assert response.status_code == 422 and response.get_json()["error"]["code"] == "share_blocked"
    assert Share.select().count() == 0


def _publish(app, admin, **changes):
    from server.charter.versions import parse_document, save_version

    with app.test_request_context():
        save_version(admin, parse_document({**CHARTER, **changes}))


@pytest.mark.parametrize("moderation, review_state, ok_state", [
    ("none", "approved", "approved"),
    ("terms", "pending_review", "approved"),
    ("every_share", "pending_review", "pending_review"),
])
def test_outside_campaigns_the_charters_moderation_level_applies(app, admin, client, alice, employee, make_link,
                                                                 moderation, review_state, ok_state):
    from server.charter.training import acknowledge

    _publish(app, admin, moderation=moderation, name=f"Charte ({moderation})")
    with app.test_request_context():
        acknowledge(employee, 2)
    link = make_link()
    assert submit(client, alice, link, REVIEW_TEXT, key="a").get_json()["state"] == review_state
    assert submit(client, alice, link, OK_TEXT, key="b").get_json()["state"] == ok_state


def test_a_charter_with_an_unknown_moderation_level_is_refused_naming_the_field():
    from server.charter.engine import CharterError, compile

    with pytest.raises(CharterError) as refused:
        compile({"moderation": "sometimes"})
    assert refused.value.path == "moderation"


def _kit(app, admin, link, *texts):
    from server.library.kits import replace_kit

    with app.test_request_context():
        replace_kit(admin, link.id, captions=[{"language": "fr", "text": text} for text in texts])


def test_the_parrot_rule_compares_with_the_kit_even_when_the_client_says_nothing(app, admin, client, alice,
                                                                                 make_link):
    link = make_link()
    _kit(app, admin, link, "Une autre idée, sans rapport avec le texte publié ici.", IDEA)
    share = submit(client, alice, link, IDEA).get_json()
    parrot = [f for f in share["findings"] if f["rule"] == "parrot"]
    assert parrot and parrot[0]["severity"] == "warn" and parrot[0]["message_key"] == "parrot"


def test_a_client_suggested_text_does_not_replace_the_kit(app, admin, client, alice, make_link):
    link = make_link()
    _kit(app, admin, link, IDEA)
    share = submit(client, alice, link, IDEA, suggested="Un tout autre texte que le client dit avoir montré").get_json()
    assert any(f["rule"] == "parrot" for f in share["findings"])
    own = submit(client, alice, link, "Visite du site de Lyon ce matin : impressionnant !", key="k-2",
                 suggested="Visite du site de Lyon ce matin : impressionnant !").get_json()
    assert not any(f["rule"] == "parrot" for f in own["findings"]), "a text that is not in the kit is the employee's"


COLLEAGUE_POST = ("Très fière de notre équipe de Lyon qui met en service le premier électrolyseur du site : "
                  "trois ans de travail pour une énergie vraiment propre.")


def _colleagues_post(client, make_user, ready, bearer, link, count, text=COLLEAGUE_POST):
    for number in range(count):
        colleague = ready(make_user("employee", email=f"colleague{number}@acme.example", name=f"Colleague {number}"))
        response = submit(client, bearer(colleague), link, text, key=f"c-{number}")
        assert response.status_code == 201, response.get_json()


def test_a_near_copy_of_colleagues_posts_gets_a_friendly_count_without_names(client, alice, link, make_user, ready,
                                                                              bearer):
    _colleagues_post(client, make_user, ready, bearer, link, 3)
    near_copy = COLLEAGUE_POST.replace("Très fière", "Fière") + " #Lyon"
    share = submit(client, alice, link, near_copy).get_json()
    finding = next(f for f in share["findings"] if f["rule"] == "parrot")
    assert finding["params"] == {"colleagues": 3} and finding["severity"] == "warn"
    assert finding["message"]["en"] == ("3 colleagues already posted almost this text for this link: add what it "
                                        "means to you.")
    assert finding["message"]["fr"].startswith("3 collègues ont déjà publié presque ce texte")
    assert "Colleague" not in str(finding), "never who"
    assert share["state"] == "approved", "a warning: the employee decides"


def test_one_colleague_is_said_in_the_singular(client, alice, link, make_user, ready, bearer):
    _colleagues_post(client, make_user, ready, bearer, link, 1)
    finding = next(f for f in submit(client, alice, link, COLLEAGUE_POST).get_json()["findings"]
                   if f["rule"] == "parrot")
    assert finding["message"]["en"].startswith("A colleague already posted almost this text")
    assert finding["message"]["fr"].startswith("Un collègue a déjà publié presque ce texte")


def test_own_words_other_links_and_old_posts_do_not_count(app, client, alice, link, make_link, make_user, ready,
                                                          bearer):
    from datetime import timedelta

    from server.db import utcnow
    from server.shares.originality import ShareSketchBucket

    _colleagues_post(client, make_user, ready, bearer, link, 2)
    own = submit(client, alice, link, "Visite du chantier de Lyon ce matin avec les équipes : on sent que l'hydrogène "
                                      "devient concret, et ça fait plaisir.").get_json()
    assert not any(f["rule"] == "parrot" for f in own["findings"])
    other = submit(client, alice, make_link(), COLLEAGUE_POST, key="k-2").get_json()
    assert not any(f["rule"] == "parrot" for f in other["findings"]), "another link: another conversation"
    ShareSketchBucket.update(created_at=utcnow() - timedelta(days=30)).execute()
    old = submit(client, alice, link, COLLEAGUE_POST, key="k-3").get_json()
    assert not any(f["rule"] == "parrot" for f in old["findings"]), "a month ago is not 'already'"


def test_the_same_person_posting_again_is_not_a_colleague(client, alice, link):
    submit(client, alice, link, COLLEAGUE_POST, key="a")
    again = submit(client, alice, link, COLLEAGUE_POST, key="b").get_json()
    assert not any(f["rule"] == "parrot" for f in again["findings"])


def test_the_least_used_caption_idea_is_offered_first(app, admin, client, alice, employee, make_link, make_user,
                                                      ready, bearer):
    from server.library.kits import caption_idea, kit_of

    link = make_link()
    first, second = IDEA, "Lyon accueille le premier électrolyseur du groupe : bravo aux équipes qui l'ont fait."
    _kit(app, admin, link, first, second)
    with app.test_request_context():
        captions, _images = kit_of(link.id)
        shown = caption_idea(employee, link, captions, "fr")[0].text
    _colleagues_post(client, make_user, ready, bearer, link, 2, text=shown + " Bravo !")
    with app.test_request_context():
        assert caption_idea(employee, link, captions, "fr")[0].text != shown, "the unused idea comes first now"
        assert caption_idea(employee, link, captions, "fr", turn=1)[0].text == shown
