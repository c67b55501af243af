"""The browser extension in Chromium: the build `make extension` makes (dist/extension/chrome), loaded
unpacked in a fresh persistent profile, against the real server of the test (`live_server`).

Headless Chromium cannot answer the browser's own permission prompt. `Extension.grant` approves host
access the way chrome://extensions' site-access control does (chrome.developerPrivate on that page), then
has an extension page ask for it with `permissions.request`, which resolves at once, as it does when a
person clicked "Allow". The options page's own requests, made in the employee's click, resolve the same
way for what was approved.
"""

import base64
import hashlib
import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, browser_sign_in
from tests.shares.conftest import charter, link, make_link, ready  # noqa: F401 (fixtures)

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "extension"
BUILD = ROOT / "dist" / "extension"


def source_fingerprint():
    """What extension/build.mjs writes to dist/extension/source.sha256 (same files, same order)."""
    digest = hashlib.sha256()
    files = sorted(p.relative_to(SOURCE).as_posix() for p in SOURCE.rglob("*") if p.is_file() and p.name != "README.md")
    for name in files:
        digest.update(name.encode() + b"\0")
        digest.update((SOURCE / name).read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


@pytest.fixture(scope="session")
def extension_build():
    """The Chrome build, refused when missing or older than the source (`make extension` rebuilds it)."""
    stamp = BUILD / "source.sha256"
    if not stamp.exists():
        pytest.fail("the extension is not built: run `make extension`")
    if stamp.read_text().strip() != source_fingerprint():
        pytest.fail("the extension's build is older than its source: run `make extension`")
    return BUILD / "chrome"


@pytest.fixture(scope="session")
def chrome_extension_id(extension_build):
    """The id Chrome derives from the manifest's pinned key: sha256 of the key, first 32 hex digits as a-p."""
    key = json.loads((extension_build / "manifest.json").read_text())["key"]
    digest = hashlib.sha256(base64.b64decode(key)).hexdigest()[:32]
    return "".join(chr(ord("a") + int(c, 16)) for c in digest)


def policy_chromium(tmp_path, policy):
    """A Chromium that reads `policy` as its managed policy: the real binary, started in a private mount
    namespace where a throw-away folder stands in for /etc/chromium (the machine's own is untouched)."""
    if shutil.which("unshare") is None or subprocess.run(
            ["unshare", "--mount", "true"], capture_output=True).returncode != 0:
        pytest.skip("private mount namespaces are not available here (managed policy cannot be simulated)")
    etc = tmp_path / "etc-chromium"
    (etc / "policies" / "managed").mkdir(parents=True)
    if Path("/etc/chromium").is_dir():
        for item in Path("/etc/chromium").iterdir():
            if item.is_file():
                shutil.copy(item, etc / item.name)
    (etc / "policies" / "managed" / "porte-voix.json").write_text(json.dumps(policy))
    wrapper = tmp_path / "chromium-with-policy"
    wrapper.write_text("#!/bin/sh\nexec unshare --mount --propagation private sh -c "
                       f"'mount --bind \"{etc}\" /etc/chromium && exec \"{CHROMIUM}\" \"$@\"' chromium \"$@\"\n")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    return str(wrapper)


class Extension:
    """The loaded extension: its pages, its service worker, and what a person would do in the browser."""

    def __init__(self, context, extension_id):
        self.context = context
        self.id = extension_id
        self.origin = f"chrome-extension://{extension_id}"

    @property
    def worker(self):
        workers = [w for w in self.context.service_workers if w.url.startswith(self.origin)]
        return workers[0] if workers else self.context.wait_for_event("serviceworker", timeout=15_000)

    def evaluate(self, script, arg=None):
        """Run `script` (a function's source) in the background service worker."""
        return self.worker.evaluate(script, arg)

    def open(self, path, page=None):
        page = page or self.context.new_page()
        page.set_default_timeout(10_000)
        page.goto(f"{self.origin}/{path}")
        return page

    def grant(self, *patterns):
        """The person allows the extension on these sites (see the module's docstring)."""
        page = self.context.new_page()
        page.goto("chrome://extensions/")
        for pattern in patterns:
            page.evaluate("([id, host]) => chrome.developerPrivate.addHostPermission(id, host)", [self.id, pattern])
        page.goto(f"{self.origin}/lib/ui.css")
        assert page.evaluate("(origins) => chrome.permissions.request({origins})", list(patterns)) is True
        page.close()

    def toolbar_popup(self):
        """An extension page from which the toolbar popup, when the browser opened it, can be read: the
        popup itself is not a tab Playwright can drive, but extension pages share one process
        (chrome.extension.getViews). `wait_for_popup_text(viewer, text)` waits until it shows `text`."""
        return self.open("lib/ui.css")

    @staticmethod
    def wait_for_popup_text(viewer, text):
        viewer.wait_for_function("""(text) => chrome.extension.getViews({type: 'popup'})
                                    .some(view => (view.document.body?.innerText ?? '').includes(text))""", arg=text)

    def storage(self):
        return self.evaluate("() => chrome.storage.local.get()")

    def tab_id(self, url):
        return self.evaluate("(url) => chrome.tabs.query({}).then(tabs => tabs.find(t => t.url === url).id)", url)

    def connect(self, live_server, user, type_server=True):
        """The employee connects the extension: options page, server address, the server's page, confirm."""
        browser_sign_in(self.context, live_server, user)
        self.grant("http://127.0.0.1/*")
        options = self.open("options/options.html")
        if type_server:
            options.fill("#server", live_server.url)
        with self.context.expect_page() as opened:
            options.click("#connect")
        page = opened.value
        page.set_default_timeout(10_000)
        page.get_by_role("button", name="Connect this browser").click()
        page.locator("html[data-pv-extension='connected']").wait_for()
        return options, page


def launch(playwright_instance, profile, build, executable=CHROMIUM, locale="en-GB", viewport=None):
    language = locale.split("-")[0]
    return playwright_instance.chromium.launch_persistent_context(
        str(profile), executable_path=executable, headless=True, locale=locale,
        viewport=viewport or {"width": 1000, "height": 800},
        args=[f"--disable-extensions-except={build}", f"--load-extension={build}", f"--lang={language}",
              *CHROMIUM_ARGS],
        env={**os.environ, "LANGUAGE": language})


@pytest.fixture
def extension_locale():
    """The browser's language (override with parametrize)."""
    return "en-GB"


def require_chromium():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("PV_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium not found at {CHROMIUM} (run scripts/ensure-chromium)")
        pytest.skip("Chromium is not installed (make test installs it when the system allows)")


@pytest.fixture
def extension(playwright_instance, extension_build, chrome_extension_id, tmp_path, extension_locale):
    require_chromium()
    context = launch(playwright_instance, tmp_path / "profile", extension_build, locale=extension_locale)
    ext = Extension(context, chrome_extension_id)
    assert ext.worker.url == f"{ext.origin}/background.js"
    yield ext
    context.close()


@pytest.fixture
def launch_extension(playwright_instance, extension_build, chrome_extension_id, tmp_path):
    """`launch_extension(policy=…)`: the extension in a Chromium that has that managed policy."""
    contexts = []

    def start(policy):
        require_chromium()
        executable = policy_chromium(tmp_path, policy)
        context = launch(playwright_instance, tmp_path / "policy-profile", extension_build, executable=executable)
        contexts.append(context)
        return Extension(context, chrome_extension_id)

    yield start
    for context in contexts:
        context.close()
