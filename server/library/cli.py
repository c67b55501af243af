"""`porte-voix import-links FILE.csv`: the CSV import from a terminal, with a progress bar and every
refused row explained."""

import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from server.auth.models import User
from server.db import database
from server.library.csv_import import decode_spreadsheet_bytes, read_links_csv
from server.library.errors import CSVImportError
from server.library.link_imports import run_import
from server.library.models import LinkImport


@click.command("import-links", help="Import links from a CSV file (header row with at least a url column).")
@click.argument("path", metavar="FILE.csv", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--proposed", is_flag=True, help="Put the links in the approval queue instead of approving them.")
@click.option("--no-previews", is_flag=True, help="Do not queue the fetch of the pages' previews.")
@click.option("--as", "email", default=None, help="Record the import as this person's (their time zone reads "
                                                   "the dates).")
@with_appcontext
def import_links_command(path, proposed, no_previews, email):
    text = decode_spreadsheet_bytes(path.read_bytes())
    with database.connection_context():
        actor = _actor(email)
        try:
            total = sum(1 for _row in read_links_csv(text))
        except CSVImportError as error:
            raise click.ClickException(f"{path.name}: {error.message}") from None
        link_import = LinkImport.create(created_by=actor, filename=path.name[:255], content=text,
                                        approve=not proposed, fetch_previews=not no_previews, total_rows=total)
        with click.progressbar(length=total, label=f"Importing {path.name}", show_pos=True,
                               file=sys.stderr) as bar:
            done = {"rows": 0}

            def advance(progress):
                bar.update(progress.processed_rows - done["rows"])
                done["rows"] = progress.processed_rows

            result = run_import(link_import, on_batch=advance)
    for rejected in result.rejected:
        reasons = " ".join(problem["message"] for problem in rejected["problems"])
        click.echo(f"row {rejected['row']}: refused — {reasons}")
    click.echo(f"{result.imported} imported, {len(result.rejected)} refused, of {result.total_rows} rows")
    if result.rejected:
        raise SystemExit(1)


def _actor(email):
    if email is None:
        return None
    actor = User.get_or_none(User.email == email.strip().lower())
    if actor is None:
        raise click.BadParameter(f"no account for {email}", param_hint="--as")
    return actor
