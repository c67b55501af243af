"""The engine is a pure library: it imports neither the web framework nor the database."""

import ast
from pathlib import Path

import server.charter.engine as engine

FORBIDDEN = ("flask", "peewee", "playhouse", "werkzeug", "jinja2", "huey")


def test_the_engine_imports_no_framework_no_database_and_nothing_else_from_the_app():
    for path in Path(engine.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in FORBIDDEN, f"{path.name} imports {name}"
                assert not name.startswith("server"), f"{path.name} imports {name}: use relative engine imports"
