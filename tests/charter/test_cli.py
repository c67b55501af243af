"""`porte-voix check --charter FILE.json [--jsonl]`: stdin in, JSON out, exit 0 or 2, no database needed."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def charter_file(tmp_path, document):
    path = tmp_path / "charter.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def cli(app):
    runner = app.test_cli_runner()

    def invoke(*args, input=""):
        return runner.invoke(args=["check", *map(str, args)], input=input.encode("utf-8"))

    return invoke


def test_one_post_from_stdin(cli, charter_file):
    result = cli("--charter", charter_file, input="Notre offre est neutre en carbone\n")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["verdict"] == "block"
    assert [(f["rule"], f["excerpt"]) for f in body["findings"]] == [
        ("banned_term", "neutre en carbone"), ("disclosure_missing", "")]
    assert body["findings"][1]["start"] == len("Notre offre est neutre en carbone"), "the shell's newline is not text"


def test_the_network_and_link_of_one_post(cli, charter_file):
    text = "Je travaille chez Acme : https://news.example/a " + "x" * 280
    result = cli("--charter", charter_file, "--network", "x", "--link", "https://news.example/a", input=text)
    rules = [f["rule"] for f in json.loads(result.stdout)["findings"]]
    assert result.exit_code == 0 and rules == ["length"]


def test_json_lines_give_one_result_per_line(cli, charter_file):
    lines = [{"id": 1, "text": "Le plan social #AcmeEnergie", "network": "linkedin"},
             {"id": "b", "text": "Rien à signaler #AcmeEnergie", "network": "bluesky"},
             {"id": 3, "text": "Mon texte #AcmeEnergie", "suggested": "Mon texte #AcmeEnergie"}]
    stdin = "\n".join(json.dumps(line) for line in lines) + "\n\n"
    result = cli("--charter", charter_file, "--jsonl", input=stdin)
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(o["id"], o["verdict"]) for o in out] == [(1, "review"), ("b", "ok"), (3, "warn")]
    assert set(out[0]) == {"id", "verdict", "findings"}


def test_a_bad_line_is_named_the_others_are_still_checked(cli, charter_file):
    stdin = "\n".join(['{"id": 1, "text": "Bonjour #AcmeEnergie"}', '{"id": 2, "text": 42}', "not json",
                       '{"id": 4, "text": "Salut", "network": "myspace"}', '{"id": 5, "txt": "typo"}',
                       '{"id": 6, "text": "Fin #AcmeEnergie"}'])
    result = cli("--charter", charter_file, "--jsonl", input=stdin)
    assert result.exit_code == 2
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [1, 6]
    assert 'line 2: "text" is required and must be a string' in result.stderr
    assert "line 3: not valid JSON" in result.stderr
    assert 'line 4: unknown network "myspace"' in result.stderr
    assert 'line 5: unknown field "txt"' in result.stderr
    assert "4 input line(s) could not be checked" in result.stderr


@pytest.mark.parametrize("content, message", [
    ('{"hashtags": {"max": "five"}}', "invalid: hashtags.max: must be a non-negative integer"),
    ('{"banned_terms": ["a",', "is not valid JSON"),
    ('{"quiz": [{"question": "?"}]}', "invalid: quiz[0].choices"),
    (b"\xff\xfe{}", "is not UTF-8 text"),
])
def test_a_bad_charter_exits_2_naming_the_problem(cli, tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    result = cli("--charter", path, input="Bonjour")
    assert result.exit_code == 2 and message in result.stderr and result.stdout == ""


def test_a_missing_charter_file_exits_2(cli, tmp_path):
    result = cli("--charter", tmp_path / "nowhere.json", input="Bonjour")
    assert result.exit_code == 2 and "cannot read the charter" in result.stderr


def test_an_unknown_network_for_one_post_exits_2(cli, charter_file):
    result = cli("--charter", charter_file, "--network", "myspace", input="Bonjour")
    assert result.exit_code == 2 and 'unknown network "myspace"' in result.stderr


def test_an_exported_charter_file_is_read_as_is(cli, tmp_path, app, published):
    from server.charter.transfer import export_json

    with app.test_request_context():
        path = tmp_path / "export.json"
        path.write_text(export_json(published), encoding="utf-8")
    result = cli("--charter", path, input="Voltéo ? #AcmeEnergie")
    assert result.exit_code == 0 and json.loads(result.stdout)["verdict"] == "review"


def run(tmp_path, *args, stdin=""):
    """The real command in a subprocess, with a database URL that cannot be reached."""
    env = {**os.environ, "PV_INSTANCE_PATH": str(tmp_path / "instance"),
           "PV_DATABASE_URL": "postgresql://nobody:secret@127.0.0.1:9/absent", "PV_SECRET_KEY": "cli-test"}
    return subprocess.run([sys.executable, "-m", "server", "check", *map(str, args)], input=stdin.encode(),
                          capture_output=True, cwd=ROOT, env=env, timeout=120)


def test_the_command_works_without_a_database(tmp_path, charter_file):
    done = run(tmp_path, "--charter", charter_file, stdin="Chez Voltéo, grève !")
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout)["verdict"] == "review"


def test_the_command_exit_codes(tmp_path, charter_file):
    lines = '{"id": 1, "text": "ok #AcmeEnergie"}\n{"id": 2}\n'
    bad_line = run(tmp_path, "--charter", charter_file, "--jsonl", stdin=lines)
    assert bad_line.returncode == 2 and b'line 2: "text" is required' in bad_line.stderr
    assert json.loads(bad_line.stdout.splitlines()[0])["verdict"] == "ok"
    bad = tmp_path / "bad.json"
    bad.write_text('{"severity": {"nonsense": "block"}}')
    bad_charter = run(tmp_path, "--charter", bad, stdin="Bonjour")
    assert bad_charter.returncode == 2 and b"severity.nonsense: unknown rule" in bad_charter.stderr
    blocked = run(tmp_path, "--charter", charter_file, stdin="Projet Hélios")
    assert blocked.returncode == 0 and json.loads(blocked.stdout)["verdict"] == "block"
