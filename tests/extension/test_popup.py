"""The popup against the real server: suggestions for the page, composing with the live charter check,
publishing through a network's composer, the badge on approved pages, revoked connections."""

from urllib.parse import parse_qs, quote, urlsplit

import pytest
from playwright.sync_api import expect

from server.auth.models import ApiToken
from server.auth.tokens import revoke_api_token
from server.shares.models import Share, ShareTarget

pytestmark = pytest.mark.browser

PAGE_HTML = "<!doctype html><html><head><title>{title}</title></head><body><h1>{title}</h1></body></html>"


def popup_for(extension, url, title):
    """The popup about a page, as the context menu opens it (?url=&title=)."""
    return extension.open(f"popup/popup.html?url={quote(url, safe='')}&title={quote(title, safe='')}")


def test_the_popup_lists_suggestions_for_the_current_page(extension, live_server, employee, make_link):
    make_link("https://acme-energie.example/news/velo", title="Le vélo électrique gagne les entreprises")
    make_link("https://acme-energie.example/news/hydrogene", title="L'hydrogène vert arrive à Lyon")
    make_link("https://acme-energie.example/news/resultats", title="Nos résultats annuels")
    extension.connect(live_server, employee)
    requests = []
    extension.context.on("request", lambda request: requests.append(request.url))
    popup = popup_for(extension, "https://news.example/energie/hydrogene-filiere", "Hydrogène : la filière s'organise")
    first = popup.locator("article.card h3").first
    expect(first).to_have_text("L'hydrogène vert arrive à Lyon")
    expect(popup.locator("article.card")).to_have_count(3)
    sent = [parse_qs(urlsplit(url).query) for url in requests if "/api/v1/suggestions" in url]
    assert sent and sent[-1]["context_url"] == ["https://news.example/energie/hydrogene-filiere"]
    assert sent[-1]["context_text"] == ["Hydrogène : la filière s'organise"]
    popup.get_by_role("searchbox", name="Search the library").fill("résultats")
    expect(popup.locator("article.card h3")).to_have_text(["Nos résultats annuels"])


def test_compose_checks_as_the_employee_types_and_publishes_through_a_composer(
        extension, live_server, employee, ready, link):
    ready(employee)
    extension.connect(live_server, employee)
    popup = popup_for(extension, "https://news.example/ailleurs", "Ailleurs")
    card = popup.locator("article.card").filter(has_text="L'hydrogène vert arrive à Lyon")
    card.get_by_role("button", name="Share").click()
    text = popup.get_by_label("Your words")
    text.fill("Fiers de lancer energieplus à Lyon !")
    expect(popup.get_by_text("The brand is written “ÉnergiePlus”.")).to_be_visible()
    popup.get_by_role("button", name="Replace with “ÉnergiePlus”").click()
    expect(text).to_have_value("Fiers de lancer ÉnergiePlus à Lyon !")
    expect(popup.get_by_text("Nothing to change: this post follows the charter.")).to_be_visible()
    popup.get_by_label("LinkedIn").check()
    popup.get_by_role("button", name="Share", exact=True).click()
    open_linkedin = popup.get_by_role("button", name="Open LinkedIn")
    expect(open_linkedin).to_be_visible()
    share = Share.get()
    assert (share.text, share.source) == ("Fiers de lancer ÉnergiePlus à Lyon !", "extension")
    with extension.context.expect_event("request", lambda request: "linkedin.com" in request.url) as opened:
        open_linkedin.click()
    sent = urlsplit(opened.value.url)
    assert (sent.scheme, sent.netloc, sent.path) == ("https", "www.linkedin.com", "/sharing/share-offsite/")
    tracked = parse_qs(sent.query)["url"][0]
    assert tracked.startswith(f"{live_server.url}/s/")
    expect(popup.locator(".target[data-network='linkedin'] input")).to_have_value(tracked)
    target = ShareTarget.get(ShareTarget.share == share, ShareTarget.network == "linkedin")
    for _ in range(50):
        if ShareTarget.get_by_id(target.id).opened_at is not None:
            break
        popup.wait_for_timeout(100)
    assert ShareTarget.get_by_id(target.id).opened_at is not None


def test_the_badge_shows_on_approved_pages_of_enabled_sites_only(extension, live_server, employee, make_link):
    make_link("https://acme-energie.example/news/hydrogene", title="L'hydrogène vert arrive à Lyon")
    make_link("https://blog.example/acme-au-salon", title="Acme au salon")
    extension.connect(live_server, employee)
    for site in ("https://acme-energie.example/**", "https://blog.example/**"):
        extension.context.route(site, lambda route: route.fulfill(
            status=200, content_type="text/html", body=PAGE_HTML.format(title="A page")))
    extension.grant("https://acme-energie.example/*", "https://blog.example/*")
    options = extension.open("options/options.html")
    options.get_by_label("On the sites I choose").check()
    badge_section = options.get_by_role("region", name="“In the library” badge")
    badge_section.get_by_role("textbox", name="Site where the badge may look pages up").fill("acme-energie.example")
    badge_section.get_by_role("button", name="Add").click()
    expect(badge_section.locator(".site-list .site")).to_have_text(["acme-energie.example"])

    def badge(url):
        page = extension.context.new_page()
        page.goto(url)
        tab = extension.tab_id(url)
        page.wait_for_timeout(300)
        return extension.evaluate("(tabId) => chrome.action.getBadgeText({tabId})", tab)

    assert badge("https://acme-energie.example/news/hydrogene?utm_source=newsletter") == "✓"
    assert badge("https://acme-energie.example/news/autre-chose") == ""
    assert badge("https://blog.example/acme-au-salon") == ""  # approved, but not a site the badge may look at
    popup = popup_for(extension, "https://acme-energie.example/news/hydrogene", "L'hydrogène vert arrive à Lyon")
    expect(popup.get_by_text("This page is in the library: share it in your own words.")).to_be_visible()
    expect(popup.get_by_role("heading", name="L'hydrogène vert arrive à Lyon")).to_be_visible()


def test_revoking_the_token_on_the_server_puts_the_popup_back_to_not_connected(extension, live_server, employee):
    extension.connect(live_server, employee)
    token = ApiToken.get(ApiToken.user == employee, ApiToken.revoked_at.is_null())
    with live_server.app.test_request_context():
        revoke_api_token(employee, token.id)
    popup = extension.open("popup/popup.html")
    expect(popup.locator("[data-state='revoked']")).to_be_visible()
    expect(popup.get_by_role("button", name="Connect again")).to_be_visible()
    assert extension.storage()["token"] is None


def test_the_charter_steps_open_on_the_articles_page_and_the_popups_draft_survives(
        extension, live_server, employee, charter, link):
    from server.shares.pipeline import opt_in

    with live_server.app.test_request_context():
        opt_in(employee)  # takes part, has not acknowledged the charter yet
    extension.connect(live_server, employee)
    popup = popup_for(extension, "https://news.example/ailleurs", "Ailleurs")
    popup.locator("article.card").filter(has_text="L'hydrogène vert arrive à Lyon").get_by_role(
        "button", name="Share").click()
    expect(popup.locator("[data-readiness=charter]")).to_be_visible()
    popup.get_by_label("Your words").fill("Lyon accueille l'hydrogène vert")
    with extension.context.expect_page() as opened:
        popup.locator("[data-readiness=charter] button.primary").click()
    tab = opened.value
    tab.wait_for_load_state()
    assert urlsplit(tab.url).path == f"/share/{link.id}", "the steps happen on the article's own page"
    popup.close()
    popup = popup_for(extension, "https://news.example/ailleurs", "Ailleurs")
    popup.locator("article.card").filter(has_text="L'hydrogène vert arrive à Lyon").get_by_role(
        "button", name="Share").click()
    expect(popup.get_by_label("Your words")).to_have_value("Lyon accueille l'hydrogène vert")
