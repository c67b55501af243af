"""`porte-voix check --charter FILE.json [--jsonl]`: check posts from stdin against a charter file.

It reads only the file and stdin — no database — so it works in CI on a charter kept in version
control. Exit status: 0 whatever the verdicts; 2 when the charter or an input line is unusable, with a
message on stderr naming the problem (with ``--jsonl`` the other lines are still checked).
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from server import networks
from server.charter.document import read_document
from server.charter.engine import CharterError, CompiledCharter, Context

_LINE_KEYS = frozenset({"id", "text", "network", "link", "suggested", "hashtags", "language"})


class BadInput(Exception):
    """An input line (or the single post) that cannot be checked; the message names the problem."""


def _fail(message: str) -> None:
    click.echo(f"porte-voix check: {message}", err=True)
    raise click.exceptions.Exit(2)


def load_charter(path: str) -> CompiledCharter:
    """Read and compile a charter file (an export of the admin pages works too); exit 2 on any problem."""
    try:
        with open(path, "rb") as handle:
            data = json.loads(handle.read().decode("utf-8"))
    except OSError as error:
        _fail(f"cannot read the charter {path}: {error.strerror or error}")
    except UnicodeDecodeError:
        _fail(f"the charter {path} is not UTF-8 text")
    except json.JSONDecodeError as error:
        _fail(f"the charter {path} is not valid JSON: {error.msg} at line {error.lineno} column {error.colno}")
    try:
        return read_document(data).compiled
    except CharterError as error:
        _fail(f"the charter {path} is invalid: {error.path}: {error.message}")


def _optional_string(post: dict, key: str) -> str | None:
    value = post.get(key)
    if value is not None and not isinstance(value, str):
        raise BadInput(f'"{key}" must be a string')
    return value


def _context(post: dict) -> Context:
    network = _optional_string(post, "network")
    try:
        length = networks.get(network).length if network else None
    except networks.UnknownNetwork:
        raise BadInput(f'unknown network "{network}" (networks: {", ".join(networks.NETWORKS)})') from None
    hashtags = post.get("hashtags") or []
    if not isinstance(hashtags, list) or not all(isinstance(tag, str) for tag in hashtags):
        raise BadInput('"hashtags" must be a list of strings')
    return Context(network=network, length=length, link=_optional_string(post, "link"),
                   suggested=_optional_string(post, "suggested"), required_hashtags=tuple(hashtags),
                   language=_optional_string(post, "language"))


def check_line(charter: CompiledCharter, raw: str) -> dict[str, Any]:
    """Check one JSON Lines input (``{"id", "text", "network"?, "link"?, "suggested"?, "hashtags"?}``)."""
    try:
        post = json.loads(raw)
    except json.JSONDecodeError as error:
        raise BadInput(f"not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(post, dict):
        raise BadInput("must be a JSON object")
    unknown = sorted(set(post) - _LINE_KEYS)
    if unknown:
        raise BadInput(f'unknown field "{unknown[0]}" (fields: {", ".join(sorted(_LINE_KEYS))})')
    if not isinstance(post.get("text"), str):
        raise BadInput('"text" is required and must be a string')
    result = charter.check(post["text"], _context(post))
    return {"id": post.get("id"), **result.to_dict()}


def _check_lines(charter: CompiledCharter, stream) -> int:
    bad = 0
    for number, raw in enumerate(stream, start=1):
        try:
            line = raw.decode("utf-8")
            if not line.strip():
                continue
            click.echo(json.dumps(check_line(charter, line), ensure_ascii=False))
        except UnicodeDecodeError:
            bad += 1
            click.echo(f"porte-voix check: line {number}: not UTF-8 text", err=True)
        except BadInput as problem:
            bad += 1
            click.echo(f"porte-voix check: line {number}: {problem}", err=True)
    return bad


@click.command("check", help="Check posts read from stdin against a charter file and print the results as "
               "JSON. Exit status 0 whatever the verdicts, 2 on a bad charter or input line.")
@click.option("--charter", "charter_path", required=True, metavar="FILE.json",
              help="The charter (the JSON of the charter admin page's export works as is).")
@click.option("--jsonl", is_flag=True, help='One post per line, {"id", "text", "network", "link"?, "suggested"?}; '
              'one result per line, {"id", "verdict", "findings"}.')
@click.option("--network", default=None, help="Without --jsonl: the network the post is for (length rule).")
@click.option("--link", default=None, help="Without --jsonl: the approved link being shared.")
@click.option("--suggested", default=None, help="Without --jsonl: the suggested caption.")
def check_command(charter_path, jsonl, network, link, suggested):
    charter = load_charter(charter_path)
    stdin = sys.stdin.buffer
    if jsonl:
        bad = _check_lines(charter, stdin)
        if bad:
            _fail(f"{bad} input line(s) could not be checked")
        return
    try:
        # A shell adds a newline after the post (echo, heredoc): it is not part of what is posted.
        text = stdin.read().decode("utf-8").removesuffix("\n").removesuffix("\r")
        post = {"text": text, "network": network, "link": link, "suggested": suggested}
        result = charter.check(text, _context(post))
    except UnicodeDecodeError:
        _fail("stdin is not UTF-8 text")
    except BadInput as problem:
        _fail(str(problem))
    click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
