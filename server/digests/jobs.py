"""The digest job (every quarter of an hour: each employee's morning comes in their own time zone) and its
command, `porte-voix digests send`, which runs the same thing once from a terminal."""

import click
from flask.cli import AppGroup
from huey import crontab

from server.db import database
from server.digests.sending import run_digests
from server.jobs import periodic_job

digests_cli = AppGroup("digests", help="E-mail digests.")


@periodic_job(crontab(minute="*/15"))
def send_digests():
    """Record the digests that are due and deliver every pending one."""
    return run_digests()


@digests_cli.command("send", help="Record the digests that are due and deliver every pending one, now.")
def send_command():
    with database.connection_context():
        result = run_digests()
    click.echo(f"{result['recorded']} recorded, {result['sent']} sent, {result['empty']} with nothing new")
