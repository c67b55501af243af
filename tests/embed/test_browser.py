"""The share button in Chromium: a host page on one origin embeds the widget from the server's; every request
is recorded. Same site (127.0.0.1:<intranet> and 127.0.0.1:<server>: the session cookie flows in the frame)
and another site (localhost:<intranet>) with third-party cookies blocked."""

import os
import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, browser_sign_in

pytestmark = pytest.mark.browser

HOSTILE_CSS = "<style>* { font-size: 0 !important } button { all: unset }</style>"


def host_page(article, css="", lang="en", extra=""):
    return f"""<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Intranet</title>{css}
<script src="{{server}}/widget.js" async></script></head>
<body><h1>News</h1><p><a href="#top" id="before">Before the button</a></p>
<div data-pv-share data-url="{article}"></div>{extra}</body></html>"""


def linkedin_composer(context):
    context.route("https://www.linkedin.com/**", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<title>LinkedIn composer</title>"))


def dialog_frame(page):
    return page.frame_locator("pv-share-dialog iframe")


def focused_share_button(page):
    return page.evaluate("""() => {
        const host = document.activeElement;
        return Boolean(host && host.shadowRoot && host.shadowRoot.activeElement
                       && host.shadowRoot.activeElement.tagName === 'BUTTON');
    }""")


def test_the_button_requests_nothing_before_a_click_and_shares_by_intent(
        browser, served_intranet, live_server, employee, ready, make_link, artifacts):
    ready(employee)
    link = make_link("https://acme-energie.example/news/lyon", title="<img src=x onerror=window.pwned=1> Lyon")
    served_intranet.pages["/"] = host_page(link.url, css=HOSTILE_CSS)
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    linkedin_composer(context)
    browser_sign_in(context, live_server, employee)
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(f"{served_intranet.same_site}/")

    button = page.get_by_role("button", name="Share")
    expect(button).to_be_visible()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    elsewhere = [url for url in requests if not url.startswith(served_intranet.same_site)]
    assert elsewhere == [f"{live_server.url}/widget.js"]
    # The host's hostile CSS reaches neither the button's size nor its text.
    box = button.bounding_box()
    assert box["width"] > 60 and box["height"] >= 28
    assert button.evaluate("b => getComputedStyle(b).fontSize") == "15px"
    page.screenshot(path=os.path.join(artifacts, "widget-hostile-host.png"))

    page.locator("#before").focus()
    page.keyboard.press("Tab")
    assert focused_share_button(page)
    page.keyboard.press("Enter")
    frame = dialog_frame(page)
    heading = frame.get_by_role("heading", level=1)
    expect(heading).to_have_text("<img src=x onerror=window.pwned=1> Lyon")
    assert frame.locator("img[src=x]").count() == 0
    assert urlsplit(page.locator("pv-share-dialog iframe").get_attribute("src")).path == "/embed/compose"

    text = frame.get_by_label("Your words")
    frame.get_by_label("LinkedIn").check()
    text.fill("Fiers de energieplus à Lyon, c'est pas nul à chier !")
    marks = frame.locator("mark.cc-block")
    expect(marks.first).to_be_visible()
    assert "".join(marks.all_text_contents()) == "nul à chier"  # one span, or two where two rules overlap
    fix = frame.get_by_role("button", name=re.compile("ÉnergiePlus"))
    expect(fix).to_be_visible()
    page.screenshot(path=os.path.join(artifacts, "widget-dialog-findings.png"))
    fix.click()
    expect(text).to_have_value("Fiers de ÉnergiePlus à Lyon, c'est pas nul à chier !")
    expect(frame.get_by_role("button", name=re.compile("ÉnergiePlus"))).to_have_count(0)
    text.fill("Fiers de ÉnergiePlus à Lyon !")
    expect(frame.get_by_text("Nothing to change: this post follows the charter.")).to_be_visible()

    frame.get_by_role("button", name="Share", exact=True).click()
    target = frame.locator("li.target[data-network=linkedin]")
    expect(target.get_by_text("Ready to open")).to_be_visible()
    tracked = frame.get_by_label("Tracked link for LinkedIn").input_value()
    assert re.fullmatch(re.escape(live_server.url) + r"/s/[\w-]+", tracked)
    page.screenshot(path=os.path.join(artifacts, "widget-dialog-ready.png"))
    with page.expect_popup() as opened:
        target.get_by_role("button", name="Open LinkedIn").click()
    composer = opened.value
    composer.wait_for_load_state()
    sent = urlsplit(composer.url)
    assert (sent.netloc, sent.path) == ("www.linkedin.com", "/sharing/share-offsite/")
    assert parse_qs(sent.query)["url"] == [tracked]
    composer.close()
    expect(target.get_by_text("Text copied: paste it in the network's window.")).to_be_visible()

    from server.shares.models import Share, ShareTarget

    def target_state():
        with live_server.app.app_context():
            share = Share.get(Share.user == employee.id)
            assert share.source == "widget"
            return ShareTarget.get(ShareTarget.share == share.id).state

    # The page tells the server once the composer is open, without waiting for its answer.
    deadline = time.monotonic() + 10
    while target_state() != "opened" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert target_state() == "opened"
    assert page.evaluate("window.pwned") is None

    # A message from another origin changes nothing; Escape in the frame closes and gives the focus back.
    page.evaluate("window.postMessage({source: 'porte-voix', type: 'close'}, '*')")
    page.wait_for_timeout(200)
    expect(page.locator("pv-share-dialog iframe")).to_have_count(1)
    frame.get_by_role("heading", level=1).click()
    page.keyboard.press("Escape")
    expect(page.locator("pv-share-dialog")).to_have_count(0)
    assert focused_share_button(page)
    context.close()


def test_an_unapproved_article_can_be_suggested_and_the_close_button_closes(
        browser, served_intranet, live_server, employee, ready, artifacts):
    ready(employee)
    served_intranet.pages["/"] = host_page("https://acme-energie.example/news/not-yet", lang="fr")
    context = browser.new_context(locale="fr-FR", viewport={"width": 375, "height": 740}, is_mobile=True,
                                  has_touch=True)
    browser_sign_in(context, live_server, employee)
    page = context.new_page()
    page.goto(f"{served_intranet.same_site}/")
    page.get_by_role("button", name="Partager").click()
    frame = dialog_frame(page)
    expect(frame.get_by_role("heading", name="Cet article n'est pas dans la bibliothèque")).to_be_visible()
    frame.get_by_label(re.compile("Pourquoi le partager")).fill("Nos clients en parlent.")
    page.screenshot(path=os.path.join(artifacts, "widget-unapproved-phone-fr.png"))
    frame.get_by_role("button", name="Le proposer à l'équipe communication").click()
    expect(frame.get_by_text(re.compile("Votre proposition attend d’être validée"))).to_be_visible()

    from server.library.models import Link

    with live_server.app.app_context():
        proposal = Link.get(Link.url == "https://acme-energie.example/news/not-yet")
        assert (proposal.status, proposal.proposed_by_id, proposal.proposal_note) == (
            "proposed", employee.id, "Nos clients en parlent.")
    page.get_by_role("button", name="Fermer").click()
    expect(page.locator("pv-share-dialog")).to_have_count(0)
    assert focused_share_button(page)
    context.close()


@pytest.fixture(scope="module")
def cookieless_browser(playwright_instance):
    """Chromium told to block third-party cookies (as it already does in its off-the-record contexts)."""
    if not os.path.exists(CHROMIUM):
        pytest.skip("Chromium is not installed")
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                  args=[*CHROMIUM_ARGS, "--test-third-party-cookie-phaseout"])
    yield browser
    browser.close()


def test_on_another_site_with_third_party_cookies_blocked_the_employee_signs_in_by_popup_and_shares(
        cookieless_browser, served_intranet, live_server, employee, ready, link, artifacts):
    from server.site_settings import set_setting

    ready(employee)
    with live_server.app.app_context():
        set_setting("demo", True)  # the login page offers "sign in as…": the popup's sign-in, without e-mail
    served_intranet.pages["/"] = host_page(link.url, extra="<p>Third-party cookies: <span id=probe></span></p>")
    context = cookieless_browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    linkedin_composer(context)
    page = context.new_page()
    page.goto(f"{served_intranet.cross_site}/")
    page.get_by_role("button", name="Share").click()
    frame = dialog_frame(page)
    expect(frame.get_by_role("heading", name="Sign in to share")).to_be_visible()
    page.screenshot(path=os.path.join(artifacts, "widget-sign-in-step.png"))

    with page.expect_popup() as signing_in:
        frame.get_by_role("button", name="Sign in").click()
    popup = signing_in.value
    with popup.expect_event("close"):  # it hands the frame its token, then closes by itself
        popup.get_by_role("button", name=re.compile("Camille Durand")).click()
    expect(frame.get_by_label("Your words")).to_be_visible(timeout=15_000)

    # The frame's session is its own partitioned cookie; the site's Lax cookie never reached the frame.
    cookies = {(c["name"], c.get("partitionKey")) for c in context.cookies(live_server.url)}
    assert ("pv_embed_session", "http://localhost") in cookies
    assert ("pv_session", None) in cookies  # the popup's first-party sign-in

    frame.get_by_label("Your words").fill("Fiers de notre site de Lyon !")
    frame.get_by_label("LinkedIn").check()
    frame.get_by_role("button", name="Share", exact=True).click()
    target = frame.locator("li.target[data-network=linkedin]")
    expect(target.get_by_text("Ready to open")).to_be_visible()
    with page.expect_popup() as opened:
        target.get_by_role("button", name="Open LinkedIn").click()
    assert urlsplit(opened.value.url).netloc == "www.linkedin.com"
    page.screenshot(path=os.path.join(artifacts, "widget-cross-site-shared.png"))
    context.close()


def test_third_party_cookies_are_really_blocked_in_that_browser(cookieless_browser, served_intranet, live_server):
    """The control: an unpartitioned SameSite=None cookie set by the server's host inside a cross-site frame is
    refused, a partitioned one is kept (so the test above proves what it says)."""
    from tests.support.servers import ServerThread

    def probe(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/html"),
                                  ("Set-Cookie", "plain=1; Path=/; SameSite=None; Secure"),
                                  ("Set-Cookie", "chips=1; Path=/; SameSite=None; Secure; Partitioned")])
        return [b"<p>probe</p>"]

    with ServerThread(probe) as prober:  # on 127.0.0.1, the server's host: cookies ignore the port
        served_intranet.pages["/probe"] = f'<iframe src="{prober.url}/"></iframe>'
        context = cookieless_browser.new_context()
        page = context.new_page()
        page.goto(f"{served_intranet.cross_site}/probe")
        page.frame_locator("iframe").get_by_text("probe").wait_for()
        names = {(c["name"], c.get("partitionKey")) for c in context.cookies(live_server.url)}
        context.close()
    assert ("chips", "http://localhost") in names
    assert not {name for name, _key in names} & {"plain"}


def test_buttons_added_later_and_the_custom_element_open_their_own_article(
        browser, live_server, employee, ready, artifacts):
    from server.embed.demo_intranet import intranet_app
    from server.library.demo_content import LINKS
    from tests.support.servers import ServerThread

    ready(employee)
    with ServerThread(intranet_app(live_server.url)) as sample:
        live_server.app.config["EMBED_ORIGINS"] = [sample.url]
        context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900},
                                      color_scheme="dark")
        browser_sign_in(context, live_server, employee)
        page = context.new_page()
        page.goto(f"{sample.url}/late")
        late = page.get_by_role("button", name="Partager", exact=True)
        element = page.get_by_role("button", name="Partager l'autre article")
        expect(late).to_be_visible()
        expect(element).to_be_visible()
        assert late.evaluate("b => b.className") == "large"
        page.screenshot(path=os.path.join(artifacts, "widget-late-dark.png"))
        element.click()
        src = page.locator("pv-share-dialog iframe").get_attribute("src")
        assert parse_qs(urlsplit(src).query)["url"] == [LINKS[0][0]]
        # The test library holds none of the sample's articles: the dialog offers to suggest it.
        expect(dialog_frame(page).get_by_role("heading", name="Cet article n'est pas dans la bibliothèque")
               ).to_be_visible()
        page.screenshot(path=os.path.join(artifacts, "widget-dialog-dark-fr.png"))
        page.keyboard.press("Escape")
        expect(page.locator("pv-share-dialog")).to_have_count(0)
        late.click()
        src = page.locator("pv-share-dialog iframe").get_attribute("src")
        assert parse_qs(urlsplit(src).query)["url"] == [LINKS[1][0]]
        context.close()


@pytest.mark.parametrize("locale, viewport", [("en-GB", {"width": 1280, "height": 900}),
                                              ("fr-FR", {"width": 375, "height": 740})])
def test_the_admin_page_gives_the_two_lines_and_a_live_preview(browser, live_server, admin, link, locale, viewport,
                                                                artifacts):
    context = browser.new_context(locale=locale, viewport=viewport)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    browser_sign_in(context, live_server, admin)
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    if viewport["width"] < 768:  # on a phone the links wait behind the menu button
        page.get_by_role("button", name="Menu").click()
    page.locator("summary", has_text="Manage" if locale == "en-GB" else "Gérer").click()
    page.get_by_role("link", name="Share button" if locale == "en-GB" else "Bouton de partage").click()
    page.wait_for_url("**/admin/share-button")  # and its style sheets loaded, before measuring the width
    snippet = page.locator("#snippet")
    assert snippet.text_content() == (f'<script src="{live_server.url}/widget.js" async></script>\n'
                                      f'<div data-pv-share data-url="{link.url}"></div>')
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.screenshot(path=os.path.join(artifacts, f"share-button-admin-{locale}.png"), full_page=True)
    if locale == "en-GB":
        page.get_by_role("button", name="Copy the two lines").click()
        assert page.evaluate("navigator.clipboard.readText()") == snippet.text_content()
    preview = page.get_by_role("region", name="Live preview" if locale == "en-GB" else "Aperçu en direct")
    preview.get_by_role("button").click()
    expect(dialog_frame(page).get_by_role("heading", name=link.title)).to_be_visible()
    page.screenshot(path=os.path.join(artifacts, f"share-button-admin-preview-{locale}.png"))
    context.close()


def test_the_dialogs_compose_form_reads_well_on_a_phone(browser, served_intranet, live_server, employee, ready,
                                                        link, artifacts):
    ready(employee)
    served_intranet.pages["/"] = host_page(link.url, lang="fr")
    context = browser.new_context(locale="fr-FR", viewport={"width": 375, "height": 740}, is_mobile=True,
                                  has_touch=True)
    browser_sign_in(context, live_server, employee)
    page = context.new_page()
    page.goto(f"{served_intranet.same_site}/")
    page.get_by_role("button", name="Partager").click()
    frame = dialog_frame(page)
    frame.get_by_label("Vos mots").fill("Fiers de notre site de Lyon !")
    expect(frame.get_by_text("Rien à changer : ce texte respecte la charte.")).to_be_visible()
    dialog = page.locator("pv-share-dialog dialog").bounding_box()
    assert (dialog["x"], dialog["width"]) == (0, 375)  # the whole screen on a phone
    content = page.locator("pv-share-dialog iframe").content_frame
    assert content.locator("html").evaluate("html => html.scrollWidth") <= 375
    page.screenshot(path=os.path.join(artifacts, "widget-compose-phone-fr.png"))
    context.close()


def test_a_newcomer_shares_from_the_button_in_a_few_clicks_the_steps_in_the_dialog(
        browser, served_intranet, live_server, employee, charter, link):
    """From the intranet's button: taking part and the charter in the dialog itself, back to the article.
    This charter has no quiz (a quiz adds its answers and one button)."""
    served_intranet.pages["/"] = host_page(link.url)
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    linkedin_composer(context)
    clicks = []
    context.expose_binding("pvClicked", lambda _source: clicks.append(1))
    context.add_init_script(
        "document.addEventListener('pointerdown', (e) => { if (e.isTrusted) window.pvClicked(); }, true);")
    browser_sign_in(context, live_server, employee)
    page = context.new_page()
    page.goto(f"{served_intranet.same_site}/")
    page.get_by_role("button", name="Share").click()
    frame = dialog_frame(page)
    frame.get_by_role("button", name=re.compile("I take part and I will follow the charter")).click()
    expect(frame.get_by_label("Your words")).to_be_visible()
    frame.get_by_label("Your words").fill("Lyon accueille l'hydrogène vert !")
    frame.get_by_label("LinkedIn").check()
    frame.get_by_role("button", name="Share", exact=True).click()
    target = frame.locator("li.target[data-network=linkedin]")
    with page.expect_popup() as opened:
        target.get_by_role("button", name="Open LinkedIn").click()
    opened.value.close()
    assert len(clicks) == 5, f"{len(clicks)} clicks"
    context.close()
