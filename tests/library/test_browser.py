"""The library in headless Chromium against the real server: a curator adds a link and sees its preview;
an employee finds it in their list, on a desktop and on a phone."""

import os
import re
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TITLE = "Énergie : l’usine de Saint-Nazaire double sa production"


def sign_in(page, live_server, app, email):
    """Sign in the way a person does: ask for a link, open it from the e-mail, confirm."""
    page.goto(live_server.url + "/login")
    page.get_by_label("Work e-mail address").fill(email)
    page.get_by_role("button", name="E-mail me a sign-in link").click()
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()
    mails = sorted((Path(app.instance_path) / "outbox").glob("*.eml"), key=os.path.getmtime)
    body = message_from_bytes(mails[-1].read_bytes(), policy=policy.default).get_content()
    page.goto(re.search(r"http://127\.0\.0\.1:\d+/login/magic/[\w.\-]+", body).group(0))
    page.get_by_role("button", name="Sign in").click()


def test_a_curator_adds_a_link_and_an_employee_finds_it(browser, live_server, app, curator, employee, local_site,
                                                       artifacts):
    desk = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = desk.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, live_server, app, curator.email)
    page.get_by_text("Manage").click()
    page.get_by_role("link", name=re.compile("^Library")).click()
    expect(page.get_by_role("heading", name="Library", exact=True)).to_be_visible()
    page.get_by_label("Address of the page").fill(f"{local_site}/page?utm_source=newsletter")
    page.get_by_label("Category").first.select_option(label="Sector")
    page.get_by_role("button", name="Add the link").click()

    expect(page.get_by_role("status").filter(has_text="The link is added.")).to_be_visible()
    preview = page.get_by_role("article", name="Preview")
    expect(preview.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(preview).to_contain_text("Le Quotidien de l'Ouest")
    expect(preview).to_contain_text("Trois ans après son ouverture")
    expect(page.get_by_text("Preview fetched")).to_be_visible()
    page.screenshot(path=os.path.join(artifacts, "library-admin-link.png"), full_page=True)

    page.get_by_label("Caption idea 1").fill("Fier de voir l'usine de Saint-Nazaire doubler sa production !")
    page.get_by_role("button", name="Save the kit").click()
    expect(page.get_by_role("status").filter(has_text="The kit is saved.")).to_be_visible()
    page.goto(live_server.url + "/admin/library/")
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    page.screenshot(path=os.path.join(artifacts, "library-admin-list.png"), full_page=True)
    desk.close()

    for name, viewport in (("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 375, "height": 740})):
        context = browser.new_context(locale="en-GB", viewport=viewport)
        page = context.new_page()
        page.set_default_timeout(10_000)
        sign_in(page, live_server, app, employee.email)
        if name == "desktop":
            page.get_by_role("link", name="To share", exact=True).click()
        else:
            page.goto(live_server.url + "/to-share")
        expect(page.get_by_role("heading", name="To share", exact=True)).to_be_visible()
        card = page.get_by_role("article", name=TITLE)
        expect(card).to_be_visible()
        expect(card).to_contain_text("Fier de voir l'usine")
        expect(card.get_by_role("link", name="Read the article")).to_have_attribute("href", f"{local_site}/page")
        page.screenshot(path=os.path.join(artifacts, f"library-to-share-{name}.png"), full_page=True)
        card.get_by_role("button", name=re.compile("^Details and ideas")).click()
        expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
        expect(page.get_by_text("Idea 1 of 1")).to_be_visible()
        page.screenshot(path=os.path.join(artifacts, f"library-link-{name}.png"), full_page=True)
        context.close()


def test_an_employee_proposes_a_page_and_follows_its_status(page, live_server, app, employee, local_site, artifacts):
    sign_in(page, live_server, app, employee.email)
    page.goto(live_server.url + "/to-share")
    page.get_by_label("Address of the page").fill(f"{local_site}/page")
    page.get_by_label("Why is it worth sharing? (optional)").fill("Notre usine dans la presse !")
    page.get_by_role("button", name="Propose").click()
    expect(page.get_by_role("status").filter(has_text="Your proposal is in the approval queue")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text=TITLE)).to_contain_text("Waiting for approval")


def test_a_curator_follows_a_csv_import_on_its_progress_page(page, live_server, app, curator, tmp_path, artifacts):
    csv = tmp_path / "liens.csv"
    csv.write_text("url,title,category\n" + "".join(f"https://news.example.org/{n},Lien {n},sector\n"
                                                       for n in range(30)) + "ftp://bad.example.org/,Mauvais,sector\n")
    sign_in(page, live_server, app, curator.email)
    page.goto(live_server.url + "/admin/library/import")
    page.get_by_label("CSV file").set_input_files(str(csv))
    page.get_by_label("Fetch the pages' previews").uncheck()
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("heading", name="Import of liens.csv")).to_be_visible()
    expect(page.get_by_role("progressbar")).to_have_attribute("value", "31")
    expect(page.get_by_text("30 imported, 1 refused.")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Row 32")).to_contain_text("not a valid web address")
    page.screenshot(path=os.path.join(artifacts, "library-import.png"), full_page=True)


def test_the_content_mix_chart(page, live_server, app, admin, library, artifacts):
    for category in ("product", "product", "culture", "sector", "sector", "sector"):
        library.add(category=category)
    sign_in(page, live_server, app, admin.email)
    page.goto(live_server.url + "/admin/library/mix")
    chart = page.get_by_role("figure", name=re.compile("Links shareable now"))
    expect(chart.get_by_role("row", name=re.compile("Product"))).to_contain_text("33 %")
    expect(chart.get_by_role("row", name=re.compile("Sector"))).to_contain_text("50 %")
    page.screenshot(path=os.path.join(artifacts, "library-mix.png"), full_page=True)


def test_the_progress_page_follows_an_import_running_in_the_worker(page, live_server, app, curator, artifacts):
    from server.library.models import LinkImport

    running = LinkImport.create(created_by=curator, filename="gros-fichier.csv", content="url\n", status="running",
                                total_rows=200, processed_rows=50)
    sign_in(page, live_server, app, curator.email)
    page.goto(f"{live_server.url}/admin/library/imports/{running.id}")
    bar = page.get_by_role("progressbar")
    expect(bar).to_have_attribute("value", "50")
    expect(page.get_by_text("In progress")).to_be_visible()
    page.screenshot(path=os.path.join(artifacts, "library-import-running.png"), full_page=True)
    LinkImport.update(processed_rows=200, imported=199, status="done", rejected=[
        {"row": 7, "url": None, "problems": [{"code": "missing_url", "column": "url",
                                              "message": "The url cell is empty."}]}]).where(
        LinkImport.id == running.id).execute()
    expect(bar).to_have_attribute("value", "200")
    expect(page.get_by_text("199 imported, 1 refused.")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Row 7")).to_contain_text("The url cell is empty.")
