"""`porte-voix charter simulate DRAFT.json [--since DATE]`: what a draft charter would have done to past shares.

It prints, as JSON, the same comparison as the simulator's admin page (see server.charter.replay), against
the version in force, and stores nothing. Exit status 2 when the draft is unreadable or invalid.
"""

from __future__ import annotations

import json
import sys

import click
from flask.cli import AppGroup

from server.charter import simulator, versions
from server.charter.errors import InvalidCharter
from server.db import database

charter_command = AppGroup("charter", help="The charter: simulate a draft before publishing it.")


def _fail(message: str) -> None:
    click.echo(f"porte-voix charter simulate: {message}", err=True)
    raise click.exceptions.Exit(2)


def _read_draft(path: str):
    try:
        with open(path, "rb") as handle:
            data = json.loads(handle.read().decode("utf-8-sig"))
    except OSError as error:
        _fail(f"cannot read {path}: {error.strerror or error}")
    except UnicodeDecodeError:
        _fail(f"{path} is not UTF-8 text")
    except json.JSONDecodeError as error:
        _fail(f"{path} is not valid JSON: {error.msg} at line {error.lineno} column {error.colno}")
    try:
        return versions.parse_document(data)
    except InvalidCharter as error:
        field, problems = next(iter(error.fields.items()), ("charter", [error.message]))
        _fail(f"{path} is not a valid charter: {field}: {problems[0]}")


@charter_command.command("simulate", help="Replay past shares against DRAFT.json and the version in force and "
                         "print the comparison as JSON (per rule: newly blocked, sent to review, warned, let "
                         "through; examples; rules that never fire).")
@click.argument("draft_path", metavar="DRAFT.json")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"]), default=None,
              help="Only shares created on or after this date (UTC), e.g. 2026-01-31. Default: all of them.")
def simulate_command(draft_path, since):
    document = _read_draft(draft_path)
    with database.connection_context():
        summary = simulator.simulate_document(document, since)
    json.dump(summary, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
