"""Every page at 360 px with touch, in both languages: the menu behind one button, nothing wider than the
screen, touch targets of at least 44 px, and no serious or critical axe-core violation."""

import os
import re

import pytest
from playwright.sync_api import expect

from tests.support.axe import describe, serious_violations

pytestmark = pytest.mark.browser

SCREENSHOTS = os.environ.get("PV_SCREENSHOTS", "/tmp/porte-voix-screens")

# Buttons, fields, menus and links standing on their own (not links inside a sentence), visible on screen,
# smaller than 44 × 44 CSS pixels.
SMALL_TARGETS = """() => {
  const targets = document.querySelectorAll(
    'button, [role=button], summary, select, input:not([type=checkbox]):not([type=radio]):not([type=hidden]),'
    + ' textarea, label:has(> input[type=checkbox]), label:has(> input[type=radio]), nav a, .site-menu a');
  const small = [];
  for (const element of targets) {
    const box = element.getBoundingClientRect();
    if (!box.width || !box.height || getComputedStyle(element).visibility === 'hidden') continue;
    if (element.closest('[hidden], .skip-link, details:not([open]) > :not(summary)')) continue;
    const text = (element.textContent || element.value || '').trim().slice(0, 40);
    if (box.height < 43.5 || box.width < 43.5)
      small.push(`${element.tagName.toLowerCase()} "${text}" ${Math.round(box.width)}×${Math.round(box.height)}`);
  }
  return small;
}"""


def menu_pages(page, base_url):
    """The addresses the menu offers (opening it first)."""
    button = page.locator(".site-menu-button")
    if button.get_attribute("aria-expanded") != "true":
        button.click()
    hrefs = page.locator("#site-menu a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    page.locator(".site-menu-button").click()
    return [href for href in dict.fromkeys(hrefs) if href.startswith("/")]


def check_page(page, url, name, problems):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    if width[0] > width[1]:
        problems.append(f"{url}: scrolls sideways ({width[0]} px wide for {width[1]})")
    small = page.evaluate(SMALL_TARGETS)
    if small:
        problems.append(f"{url}: touch targets under 44 px: " + "; ".join(small[:6]))
    violations = serious_violations(page)
    if violations:
        problems.append(f"{url}: axe-core\n" + describe(violations))
    os.makedirs(SCREENSHOTS, exist_ok=True)
    page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)
    page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}-top.png"))
    tables = page.locator("main table")
    if tables.count():
        tables.first.screenshot(path=os.path.join(SCREENSHOTS, f"{name}-table.png"))


def employee_extra_pages(demo, email):
    from server.library.models import Link
    from server.shares.models import Share

    user = demo[email]
    link = Link.select().where(Link.status == "approved").order_by(Link.id).first()
    share = Share.select().where(Share.user == user.id).order_by(Share.id.desc()).first()
    pages = [f"/share/{link.id}", "/charter"]
    if share is not None:
        pages.append(f"/shares/{share.id}")
    return pages


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("email", ["camille@acme-energie.example", "admin@acme-energie.example"])
def test_every_page_fits_a_phone_and_passes_axe(demo, phone, live_server, lang, email):
    context = phone(demo[email], lang)
    page = context.new_page()
    page.goto(live_server.url + "/")
    menu = page.get_by_role("button", name=re.compile("^(Menu)"))
    expect(menu).to_have_attribute("aria-expanded", "false")
    urls = menu_pages(page, live_server.url) + employee_extra_pages(demo, email)
    page.get_by_role("button", name=re.compile("^(Menu)")).click()
    expect(page.locator("#site-menu")).to_be_visible()
    page.screenshot(path=os.path.join(SCREENSHOTS, f"{email.split('@')[0]}-{lang}-menu-open.png"))
    page.keyboard.press("Escape")
    expect(page.locator("#site-menu")).to_be_hidden()
    expect(menu).to_be_focused()
    problems = []
    role = email.split("@")[0]
    for url in dict.fromkeys(urls):
        slug = re.sub(r"[^a-z0-9]+", "-", url.strip("/")) or "home"
        check_page(page, live_server.url + url, f"{role}-{lang}-{slug}", problems)
    assert not problems, "\n".join(problems)


def test_the_menu_button_works_by_keyboard(phone, live_server, employee):
    page = phone(employee, "fr").new_page()
    page.goto(live_server.url + "/")
    menu = page.get_by_role("button", name="Menu")
    expect(page.get_by_role("link", name="Mes partages")).to_be_hidden()
    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Accueil")).to_be_focused()
    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    page.keyboard.press("Space")
    page.get_by_role("link", name="Mes partages").click()
    expect(page.get_by_role("heading", name="Mes partages")).to_be_visible()
    expect(page.get_by_role("button", name="Menu")).to_have_attribute("aria-expanded", "false")


def test_wide_screens_keep_the_links_in_view_without_a_menu_button(browser, live_server, employee):
    from tests.conftest import browser_sign_in

    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    browser_sign_in(context, live_server, employee)
    page = context.new_page()
    page.goto(live_server.url + "/")
    expect(page.get_by_role("link", name="My shares")).to_be_visible()
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    context.close()
