"""The context menu, through the service worker (the click dispatched to its onClicked listener): "Suggest
this page" files a proposal and the popup says what became of it and of the earlier ones; "Share with
Porte-Voix" opens the popup on the compose view of an approved page."""

import pytest
from playwright.sync_api import expect

from server.library.models import Link
from server.library.review import archive_link, propose_link

pytestmark = pytest.mark.browser

CLICK = """([menuItemId, pageUrl]) => chrome.contextMenus.onClicked.dispatch(
    {menuItemId, pageUrl, editable: false}, {id: -1, url: pageUrl, title: 'A page', incognito: false})"""


def test_suggest_this_page_files_a_proposal_and_shows_the_earlier_ones(extension, live_server, employee, admin):
    with live_server.app.test_request_context():
        earlier = propose_link(employee, "https://blog.example/ancien-article", "Pour la newsletter")
        archive_link(admin, earlier["id"], "Hors sujet pour nos réseaux")
    extension.connect(live_server, employee)
    viewer = extension.toolbar_popup()
    extension.evaluate(CLICK, ["pv-suggest-page", "https://news.example/energie/article-du-jour"])
    extension.wait_for_popup_text(viewer, "Sent to the approval queue. You will be told what the moderators decide.")
    proposal = Link.get(Link.url == "https://news.example/energie/article-du-jour")
    assert (proposal.status, proposal.proposed_by_id) == ("proposed", employee.id)
    # The same view in a tab, to read it closely.
    popup = extension.open("popup/popup.html?view=proposals")
    waiting = popup.locator(".proposals li[data-status='proposed']")
    expect(waiting).to_contain_text("news.example/energie/article-du-jour")
    expect(popup.locator(".proposals li[data-status='archived']")).to_contain_text("Why: Hors sujet pour nos réseaux")


def test_share_with_porte_voix_opens_the_compose_view_of_an_approved_page(
        extension, live_server, employee, ready, link):
    ready(employee)
    extension.connect(live_server, employee)
    viewer = extension.toolbar_popup()
    extension.evaluate(CLICK, ["pv-share-page", "https://acme-energie.example/news/hydrogene-lyon?utm_medium=x"])
    extension.wait_for_popup_text(viewer, "This page is in the library: share it in your own words.")
    extension.wait_for_popup_text(viewer, "Your words")
