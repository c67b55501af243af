"""No module of the server calls out with requests behind the outbound client's back.

A static scan of server/ (the outbound package excepted, which wraps requests): no ``requests.get/post/…``,
``requests.request`` or ``requests.Session()`` call, no such name imported from requests, no
``urllib.request.urlopen``, and every ``OAuth2Session(…)`` handed straight to ``<client>.mount(…)``.
What it does not see: urllib3 used directly, which only the link fetcher does (it pins its connections
itself, with the outbound package's address vetting, because it follows redirects by hand).
"""

import ast
from pathlib import Path

import pytest

SERVER = Path(__file__).resolve().parents[2] / "server"
CALLING_NAMES = {"get", "post", "put", "patch", "delete", "head", "options", "request", "Session", "session"}


def _root_and_name(func: ast.expr) -> tuple[str | None, str | None]:
    """``requests.sessions.Session`` → ("requests", "Session"); ``OAuth2Session`` → (None, "OAuth2Session")."""
    if isinstance(func, ast.Name):
        return None, func.id
    if isinstance(func, ast.Attribute):
        root = func.value
        while isinstance(root, ast.Attribute):
            root = root.value
        return (root.id if isinstance(root, ast.Name) else None), func.attr
    return None, None


def unvetted_calls(source: str) -> list[str]:
    """The outbound calls in ``source`` that bypass the outbound client, as ``line: what``."""
    tree = ast.parse(source)
    mounted = {id(node.args[0]) for node in ast.walk(tree)
               if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
               and node.func.attr == "mount" and node.args}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "requests":
            found += [f"{node.lineno}: from requests import {a.name}" for a in node.names if a.name in CALLING_NAMES]
        if isinstance(node, ast.ImportFrom) and node.module == "urllib.request":
            found += [f"{node.lineno}: from urllib.request import {a.name}" for a in node.names]
        if not isinstance(node, ast.Call):
            continue
        root, name = _root_and_name(node.func)
        if root == "requests" and name in CALLING_NAMES:
            found.append(f"{node.lineno}: requests.{name}(…)")
        if root == "urllib" and name == "urlopen":
            found.append(f"{node.lineno}: urllib.request.urlopen(…)")
        if name == "OAuth2Session" and id(node) not in mounted:
            found.append(f"{node.lineno}: OAuth2Session(…) without the vetting adapter")
    return found


@pytest.mark.parametrize("source", [
    "import requests\nrequests.get('http://10.0.0.1/')",
    "import requests\nrequests.request('POST', url)",
    "import requests\nsession = requests.Session()",
    "import requests\nrequests.sessions.Session()",
    "from requests import post",
    "from requests_oauthlib import OAuth2Session\nsession = OAuth2Session('client')",
    "import requests_oauthlib\nrequests_oauthlib.OAuth2Session('client').fetch_token(url)",
    "import urllib.request\nurllib.request.urlopen(url)",
])
def test_the_scan_finds_a_call_that_bypasses_the_client(source):
    assert unvetted_calls(source)


@pytest.mark.parametrize("source", [
    "import requests\ntry:\n    pass\nexcept requests.RequestException:\n    pass",
    "from requests_oauthlib import OAuth2Session\nsession = client.mount(OAuth2Session('client'))",
    "response = client.request('GET', url)",
])
def test_the_scan_accepts_calls_through_the_client(source):
    assert unvetted_calls(source) == []


def test_no_server_module_calls_out_without_the_outbound_client():
    outbound = SERVER / "outbound"
    found = {str(path.relative_to(SERVER)): calls for path in sorted(SERVER.rglob("*.py"))
             if outbound not in path.parents and (calls := unvetted_calls(path.read_text()))}
    assert found == {}


def test_the_outbound_package_imports_neither_flask_nor_peewee():
    # server.networks, which must stay free of both, is built on it.
    for path in (SERVER / "outbound").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(n.split(".")[0] in ("flask", "peewee", "werkzeug") for n in names), path.name
