"""The layering the code keeps: who may import whom, and a core that never names a social network."""

import ast
import re
from pathlib import Path

import pytest

from server.networks import NETWORKS

# "email" and "copy" are networks too, but also everyday words of the code (fields, buttons).
NAMES = [name for name in NETWORKS if name not in ("email", "copy")]

ROOT = Path(__file__).resolve().parents[1]

# (area, areas it must not import): downstream areas reach upstream ones through seams, never by import.
FORBIDDEN_IMPORTS = [
    ("server/networks", ("server.shares", "server.library", "server.auth", "server.tracking", "server.db")),
    ("server/charter", ("server.shares", "server.tracking", "server.library")),
    ("server/library", ("server.shares", "server.tracking")),
    ("server/shares", ("server.tracking",)),
    # Contracts import nothing that registers jobs or routes (services, jobs, pages).
    ("schemas", ("server.jobs", "server.shares.pipeline", "server.shares.publishing", "server.library.links",
                 "server.library.link_imports", "server.library.previews", "server.library.feed_subscriptions")),
]

# Where network names may appear: the networks' own modules, their connect partials, data (demo content,
# migrations) and the charter engine's length countings (named after the networks that count that way).
NAMING_ALLOWED = ("server/networks/", "server/templates/shares/connect/", "server/migrations/",
                  "server/charter/engine/", "server/charter/data/",
                  "server/serving.py")  # gunicorn's "threads" option
DEMO_DATA = ("demo.py", "demo_content.py")


def imported_modules(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


@pytest.mark.parametrize(("area", "forbidden"), FORBIDDEN_IMPORTS, ids=[area for area, _ in FORBIDDEN_IMPORTS])
def test_areas_import_only_what_is_upstream_of_them(area, forbidden):
    offending = sorted({f"{path.relative_to(ROOT)}: {name}" for path in (ROOT / area).rglob("*.py")
                        for name in imported_modules(path) if name.startswith(forbidden)})
    assert offending == []


def _python_names(path):
    return [(node.lineno, node.value) for node in ast.walk(ast.parse(path.read_text()))
            if isinstance(node, ast.Constant) and node.value in NAMES]


_QUOTED = re.compile(r"""(?<![\w-])['"](""" + "|".join(map(re.escape, NAMES)) + r""")['"]""")


def _text_names(path):
    return [(number, match.group(1)) for number, line in enumerate(path.read_text().splitlines(), 1)
            for match in _QUOTED.finditer(line)]


def test_the_core_never_names_a_network():
    found = []
    for folder, pattern, scan in (("server", "*.py", _python_names), ("schemas", "*.py", _python_names),
                                  ("server/templates", "*.html", _text_names),
                                  ("server/static/js", "*.js", _text_names)):
        for path in (ROOT / folder).rglob(pattern):
            relative = str(path.relative_to(ROOT))
            if relative.startswith(NAMING_ALLOWED) or path.name in DEMO_DATA:
                continue
            found += [f"{relative}:{line}: {name!r}" for line, name in scan(path)]
    assert found == [], "declare it in the network's module and read the declaration instead"
