"""The registry: every network declared once, with the fields the rest of the app relies on."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from server import networks
from server.networks import LengthLimit, UnknownNetwork

ALL = ["linkedin", "x", "facebook", "mastodon", "bluesky", "threads", "whatsapp", "telegram", "reddit",
       "xing", "teams", "email", "copy"]
API_FUNCTIONS = ["refresh", "revoke", "post", "find_recent_post", "needs_refresh", "needs_reconnect"]


def test_networks_are_registered_in_display_order():
    assert list(networks.NETWORKS) == ALL


def test_the_registry_cannot_be_changed_by_accident():
    with pytest.raises(TypeError):
        networks.NETWORKS["myspace"] = object()


@pytest.mark.parametrize("name", ALL)
def test_each_network_declares_its_descriptor_fields(name):
    module = networks.get(name)
    assert module.name == name
    assert set(module.label) == {"fr", "en"} and all(module.label.values())
    assert module.length is None or isinstance(module.length, LengthLimit)
    assert isinstance(module.prefills_text, bool) and isinstance(module.needs_instance, bool)
    assert callable(module.build_intent)


@pytest.mark.parametrize(("name", "limit"), [
    ("x", LengthLimit(280, "twitter")), ("mastodon", LengthLimit(500, "mastodon")),
    ("bluesky", LengthLimit(300, "graphemes")), ("linkedin", LengthLimit(3000, "chars")),
    ("threads", LengthLimit(500, "chars")), ("facebook", LengthLimit(63_206, "chars")),
    ("telegram", LengthLimit(4096, "chars")),
])
def test_length_limits_match_the_networks(name, limit):
    assert networks.get(name).length == limit


def test_a_length_limit_only_counts_in_known_ways():
    with pytest.raises(ValueError):
        LengthLimit(100, "words")


def test_unknown_network_raises_a_lookup_error_naming_the_known_ones():
    with pytest.raises(UnknownNetwork, match="linkedin") as caught:
        networks.get("myspace")
    assert isinstance(caught.value, LookupError)


def test_api_networks_are_the_four_with_clients():
    assert [m.name for m in networks.api_networks()] == ["linkedin", "x", "mastodon", "bluesky"]
    assert len(networks.intent_networks()) == len(ALL)


@pytest.mark.parametrize("module", networks.api_networks(), ids=lambda m: m.name)
def test_api_networks_expose_the_uniform_client_interface(module):
    assert module.posts_directly and module.auth in ("oauth2", "app_password")
    entry = ["authorization_url", "exchange_code"] if module.auth == "oauth2" else ["login"]
    for function in API_FUNCTIONS + entry:
        assert callable(getattr(module, function)), function
    assert hasattr(module, "Config")


def test_network_modules_import_neither_flask_nor_peewee():
    package = Path(networks.__file__).parent
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(n.split(".")[0] in ("flask", "peewee", "werkzeug") for n in names), path.name


def test_importing_the_networks_registers_nothing_and_loads_no_area():
    # The charter and the shares areas both read the declarations: importing them must have no side effect
    # (no navigation entry, no job, no model), as the charter engine has none.
    code = ("import sys, server.networks; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'peewee' "
            "or m.startswith(('server.shares', 'server.navigation', 'server.jobs', 'server.db'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).parents[2])
    assert result.stdout.strip() == "[]"
