"""Moderators' daily work: several shares decided at once, suggested edits the author accepts or declines,
and every decision in the audit log."""

import re

from server.audit import AuditEvent
from server.shares.models import Share, ShareEvent
from server.shares.moderation import SuggestedEdit
from tests.conftest import csrf_token, sign_in_client


def _pending_share(client, link, text):
    page = client.get(f"/share/{link.id}").get_data(as_text=True)
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page).group(1)
    response = client.post(f"/share/{link.id}", data={"csrf_token": csrf_token(client, f"/share/{link.id}"),
                                                      "idempotency_key": key, "text": text, "network": "linkedin"})
    assert response.status_code == 302
    share = Share.select().order_by(Share.id.desc()).get()
    assert share.state == "pending_review"
    return share


def _moderator(app, make_user, name="Inès Roux"):
    moderator = make_user("moderator", name=name)
    client = app.test_client()
    sign_in_client(client, moderator)
    return moderator, client


def test_a_moderator_approves_several_waiting_shares_at_once(app, client, employee, ready, link, make_user):
    sign_in_client(client, ready(employee))
    first = _pending_share(client, link, "Le plan social est annoncé à Lyon")
    second = _pending_share(client, link, "Un rachat se prépare, paraît-il")
    moderator, moderating = _moderator(app, make_user)
    page = moderating.get("/review").get_data(as_text=True)
    assert "Approve the ticked shares" in page and page.count('form="batch"') == 2

    response = moderating.post("/review/batch", data={"csrf_token": csrf_token(moderating, "/review"),
                                                      "share_id": [first.id, second.id], "decision": "approve"})
    assert response.status_code == 302
    assert "2 share(s) approved." in moderating.get("/review").get_data(as_text=True)
    assert {s.state for s in Share.select()} == {"approved"}
    actions = [(e.action, e.actor_id, e.target_id) for e in AuditEvent.select().where(
        AuditEvent.action == "share.approve").order_by(AuditEvent.id)]
    assert actions == [("share.approve", moderator.id, str(first.id)), ("share.approve", moderator.id, str(second.id))]


def test_a_batch_refusal_needs_one_reason_and_reports_what_was_already_decided(app, client, employee, ready, link,
                                                                             make_user):
    sign_in_client(client, ready(employee))
    first = _pending_share(client, link, "Le plan social est annoncé à Lyon")
    second = _pending_share(client, link, "Un rachat se prépare, paraît-il")
    _moderator_user, moderating = _moderator(app, make_user)
    token = csrf_token(moderating, "/review")
    without_reason = moderating.post("/review/batch", data={"csrf_token": token, "share_id": [first.id, second.id],
                                                            "decision": "reject", "reason": " "})
    assert without_reason.status_code == 422
    assert "Say why, so your colleagues can fix their shares." in without_reason.get_data(as_text=True)
    assert {s.state for s in Share.select()} == {"pending_review"}

    moderating.post(f"/review/{first.id}/approve", data={"csrf_token": token})  # a colleague was quicker
    moderating.post("/review/batch", data={"csrf_token": token, "share_id": [first.id, second.id],
                                           "decision": "reject", "reason": "Pas de rumeurs, merci"})
    page = moderating.get("/review").get_data(as_text=True)
    assert "1 share(s) refused" in page
    assert f"Share #{first.id} left as it was: This share is no longer waiting for review." in page
    assert Share.get_by_id(first.id).state == "approved"
    refused = Share.get_by_id(second.id)
    assert refused.state == "rejected" and refused.review_reason == "Pas de rumeurs, merci"
    assert AuditEvent.select().where(AuditEvent.action == "share.reject").count() == 1


def test_nothing_ticked_is_explained(app, client, employee, ready, link, make_user):
    sign_in_client(client, ready(employee))
    _pending_share(client, link, "Le plan social est annoncé à Lyon")
    _moderator_user, moderating = _moderator(app, make_user)
    response = moderating.post("/review/batch", data={"csrf_token": csrf_token(moderating, "/review"),
                                                      "decision": "approve"})
    assert response.status_code == 422 and "Tick at least one share." in response.get_data(as_text=True)


def test_the_author_accepts_a_suggested_edit_and_the_share_goes_out_with_those_words(app, client, employee, ready,
                                                                                     link, make_user):
    sign_in_client(client, ready(employee))
    share = _pending_share(client, link, "Le plan social est annoncé à Lyon")
    moderator, moderating = _moderator(app, make_user)
    response = moderating.post(f"/review/{share.id}/suggest", data={
        "csrf_token": csrf_token(moderating, "/review"), "text": "Notre site de Lyon recrute : venez nous voir !",
        "note": "Parlons plutôt des recrutements."})
    assert response.status_code == 302
    assert Share.get_by_id(share.id).state == "edit_suggested"
    assert "Le plan social" not in moderating.get("/review").get_data(as_text=True), "no longer in the queue"

    page = client.get(f"/shares/{share.id}").get_data(as_text=True)
    assert "Inès Roux suggests other words" in page and "Parlons plutôt des recrutements." in page
    assert "Notre site de Lyon recrute : venez nous voir !" in page
    assert "A moderator suggests an edit to your share" in client.get("/notifications").get_data(as_text=True)

    client.post(f"/shares/{share.id}/suggestion/accept", data={"csrf_token": csrf_token(client, f"/shares/{share.id}")})
    accepted = Share.get_by_id(share.id)
    assert accepted.state == "approved" and accepted.text == "Notre site de Lyon recrute : venez nous voir !"
    assert accepted.reviewed_by_id == moderator.id
    assert accepted.targets[0].intent_url, "released: the composer is ready to open"
    assert SuggestedEdit.get().answer == "accepted"
    history = [(e.from_state, e.to_state) for e in ShareEvent.select().where(
        ShareEvent.share == share.id, ShareEvent.target.is_null()).order_by(ShareEvent.id)]
    assert history[-3:] == [("pending_review", "edit_suggested"), ("edit_suggested", "checked"),
                            ("checked", "approved")]
    assert [e.action for e in AuditEvent.select().where(AuditEvent.action.startswith("share.edit"))
            .order_by(AuditEvent.id)] == ["share.edit_suggested", "share.edit_accepted"]


def test_the_author_declines_and_the_share_waits_for_review_with_their_words(app, client, employee, ready, link,
                                                                             make_user):
    sign_in_client(client, ready(employee))
    share = _pending_share(client, link, "Le plan social est annoncé à Lyon")
    _moderator_user, moderating = _moderator(app, make_user)
    moderating.post(f"/review/{share.id}/suggest", data={"csrf_token": csrf_token(moderating, "/review"),
                                                         "text": "Notre site de Lyon recrute !"})
    client.post(f"/shares/{share.id}/suggestion/decline",
                data={"csrf_token": csrf_token(client, f"/shares/{share.id}")})
    kept = Share.get_by_id(share.id)
    assert kept.state == "pending_review" and kept.text == "Le plan social est annoncé à Lyon"
    assert SuggestedEdit.get().answer == "declined"
    assert "Le plan social est annoncé à Lyon" in moderating.get("/review").get_data(as_text=True)
    again = client.post(f"/shares/{share.id}/suggestion/accept",
                        data={"csrf_token": csrf_token(client, f"/shares/{share.id}")})
    assert again.status_code == 302 and Share.get_by_id(share.id).state == "pending_review"


def test_a_suggestion_the_charter_blocks_is_refused_with_its_findings(app, client, employee, ready, link, make_user):
    sign_in_client(client, ready(employee))
    share = _pending_share(client, link, "Le plan social est annoncé à Lyon")
    _moderator_user, moderating = _moderator(app, make_user)
    response = moderating.post(f"/review/{share.id}/suggest", data={"csrf_token": csrf_token(moderating, "/review"),
                                                                    "text": "Voltaria c'est nul à chier"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "The charter blocks these words." in page and "Voltaria c&#39;est nul à chier</textarea>" in page
    assert Share.get_by_id(share.id).state == "pending_review" and SuggestedEdit.select().count() == 0
    empty = moderating.post(f"/review/{share.id}/suggest", data={"csrf_token": csrf_token(moderating, "/review"),
                                                                 "text": ""})
    assert empty.status_code == 422 and "Write the words you suggest." in empty.get_data(as_text=True)


def test_the_authors_export_holds_the_suggested_words_and_the_answer(app, client, employee, ready, link, make_user):
    from server.privacy import export_user_data

    sign_in_client(client, ready(employee))
    share = _pending_share(client, link, "Le plan social est annoncé à Lyon")
    _moderator_user, moderating = _moderator(app, make_user)
    moderating.post(f"/review/{share.id}/suggest", data={"csrf_token": csrf_token(moderating, "/review"),
                                                         "text": "Notre site de Lyon recrute !"})
    client.post(f"/shares/{share.id}/suggestion/decline",
                data={"csrf_token": csrf_token(client, f"/shares/{share.id}")})
    with app.test_request_context():
        exported = export_user_data(employee)["suggested_edits"]
    assert [(e["your_text"], e["suggested_text"], e["answer"]) for e in exported] == [
        ("Le plan social est annoncé à Lyon", "Notre site de Lyon recrute !", "declined")]
