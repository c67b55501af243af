"""The extension's packages: no wider permissions than its features need, no remote code, one source and
one version for both browsers, every string in English and French, Firefox's linter clean."""

import base64
import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from server.extension import CHROME_EXTENSION_ID, FIREFOX_EXTENSION_ID

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "extension"
WEB_EXT = ROOT / "node_modules" / ".bin" / "web-ext"

# The list: what the extension may ask for at install, and what it may ask for later.
REQUIRED_AT_MOST = {"storage", "activeTab", "contextMenus", "alarms", "notifications"}
OPTIONAL_AT_MOST = {"scripting", "notifications"}


@pytest.fixture(scope="module")
def manifests(extension_build):
    return {name: json.loads((extension_build.parent / name / "manifest.json").read_text())
            for name in ("chrome", "firefox")}


def test_the_manifests_ask_for_no_more_than_the_features_need(manifests):
    for manifest in manifests.values():
        assert set(manifest["permissions"]) <= REQUIRED_AT_MOST
        assert set(manifest["optional_permissions"]) <= OPTIONAL_AT_MOST
        # Nothing on any site at install: no host permissions, no static content scripts (they would imply some).
        for key in ("host_permissions", "content_scripts", "web_accessible_resources", "externally_connectable"):
            assert key not in manifest
        assert manifest["optional_host_permissions"] == ["https://*/*", "http://*/*"]


def test_the_extension_pages_run_no_remote_or_evaluated_code(manifests, extension_build):
    for manifest in manifests.values():
        policy = manifest["content_security_policy"]["extension_pages"]
        assert "script-src 'self';" in policy and "object-src 'none'" in policy
        assert "unsafe-eval" not in policy and "unsafe-inline" not in policy
    for build in (extension_build, extension_build.parent / "firefox"):
        for script in build.rglob("*.js"):
            code = script.read_text()
            assert not re.search(r"\beval\(|new Function\(|importScripts\(|\.innerHTML\s*=", code), script
        for page in build.rglob("*.html"):
            assert re.findall(r'<script src="([^"]+)"', page.read_text()) == [f"{page.stem}.js"]


def test_both_browsers_are_built_from_one_source_with_one_version(manifests):
    version = json.loads((SOURCE / "manifest.json").read_text())["version"]
    chrome, firefox = manifests["chrome"], manifests["firefox"]
    assert chrome["version"] == firefox["version"] == version
    assert chrome["background"] == {"service_worker": "background.js"}
    assert firefox["background"] == {"scripts": ["background.js"]}
    assert "browser_specific_settings" not in chrome and "key" not in firefox
    gecko = firefox["browser_specific_settings"]["gecko"]
    assert gecko["id"] == FIREFOX_EXTENSION_ID
    assert gecko["data_collection_permissions"] == {"required": ["browsingActivity"], "optional": ["websiteContent"]}
    digest = hashlib.sha256(base64.b64decode(chrome["key"])).hexdigest()[:32]
    assert "".join(chr(ord("a") + int(c, 16)) for c in digest) == CHROME_EXTENSION_ID


def load_messages(language):
    return json.loads((SOURCE / "_locales" / language / "messages.json").read_text(encoding="utf-8"))


def referenced_keys():
    """Message keys the code names: t("key"), data-i18n*="key", __MSG_key__, and the keys maps and
    conditionals hand to t() (a camelCase literal after `:`, `?`, `,` or `[`; Firefox's data-collection
    names are camelCase too, and are not messages)."""
    firefox = json.loads((SOURCE / "platform" / "firefox.json").read_text())
    collected = firefox["browser_specific_settings"]["gecko"]["data_collection_permissions"]
    not_messages = set(collected["required"]) | set(collected["optional"])
    found = set()
    for path in SOURCE.rglob("*"):
        if path.suffix == ".js" and path.name != "build.mjs":
            code = path.read_text()
            found |= set(re.findall(r'\bt\(\s*"(\w+)"', code))
            found |= set(re.findall(r'[:?,\[]\s*"([a-z]+(?:[A-Z][a-z]+)+)"', code)) - not_messages
        elif path.suffix == ".html":
            found |= set(re.findall(r'data-i18n(?:-[a-z-]+)?="(\w+)"', path.read_text()))
    found |= set(re.findall(r"__MSG_(\w+)__", (SOURCE / "manifest.json").read_text()))
    return found


def test_every_string_of_the_extension_exists_in_english_and_french():
    english, french = load_messages("en"), load_messages("fr")
    assert english.keys() == french.keys()
    for messages in (english, french):
        for key, entry in messages.items():
            assert entry["message"].strip() and entry["description"].strip(), key
            named = {name.lower() for name in re.findall(r"\$(\w+)\$", entry["message"])}
            assert named == set(entry.get("placeholders", {})), key
    for key in english:
        assert english[key]["placeholders" if "placeholders" in english[key] else "message"] is not None
        assert english[key].get("placeholders") == french[key].get("placeholders"), key
    missing = sorted(referenced_keys() - english.keys())
    assert missing == [], f"strings used but not in _locales: {missing}"
    code = "\n".join(p.read_text() for p in SOURCE.rglob("*")
                     if p.suffix in {".js", ".html", ".json"} and "_locales" not in p.parts)
    unused = sorted(key for key in english if f'"{key}"' not in code and f"__MSG_{key}__" not in code)
    assert unused == [], f"strings in _locales that nothing uses: {unused}"


def test_the_firefox_build_passes_web_ext_lint(extension_build):
    if not WEB_EXT.exists():
        pytest.fail("web-ext is not installed: run `npm ci` (make extension does)")
    result = subprocess.run([str(WEB_EXT), "lint", "--source-dir", str(extension_build.parent / "firefox"),
                             "--output", "json", "--no-config-discovery"], capture_output=True, text=True, timeout=120)
    report = json.loads(result.stdout)
    assert report["summary"]["errors"] == 0, report["errors"]


def test_the_build_makes_a_zip_for_each_browser(tmp_path):
    if shutil.which("node") is None or not WEB_EXT.exists():
        pytest.fail("node and the npm packages are needed: run `npm ci` (make extension does)")
    subprocess.run(["node", str(SOURCE / "build.mjs"), "--out", str(tmp_path)], check=True, capture_output=True,
                   timeout=120)
    version = json.loads((SOURCE / "manifest.json").read_text())["version"]
    for name in ("chrome", "firefox"):
        with zipfile.ZipFile(tmp_path / f"porte-voix-{name}-{version}.zip") as archive:
            manifest = json.loads(archive.read("manifest.json"))
            assert manifest["version"] == version
            files = set(archive.namelist())
            assert {"background.js", "popup/popup.html", "content/composer.js", "_locales/fr/messages.json"} <= files
