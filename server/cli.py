"""The `porte-voix` command: run, worker, demo, db upgrade, create-admin, backup, restore, and the Flask
defaults."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import FlaskGroup, routes_command, shell_command, with_appcontext

from server import create_app
from server.db import database


@click.command("run", help="Serve the application (gunicorn) with a job worker beside it.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=int, help="Web worker processes.")
# Threads mostly wait on the database: a tracked link's click waits for PostgreSQL's commit to reach the disk,
# and commits in flight at once share one flush, so more threads serve more clicks (bench/redirect.py).
@click.option("--threads", default=24, show_default=True, type=int, help="Threads per web worker.")
@click.option("--no-worker", is_flag=True, help="Do not start the job worker (run `porte-voix worker` apart).")
@click.option("--reload", is_flag=True, help="Restart when the code changes (development).")
@click.option("--intranet-port", type=int, default=None,
              help="Demo instances: port of the sample intranet page with share buttons (default: PORT + 1; 0: none).")
def run_command(host, port, workers, threads, no_worker, reload, intranet_port):
    from server.serving import serve

    # Jobs write links (e-mails, tracked links) without a request to read the address from.
    os.environ.setdefault("PV_BASE_URL", f"http://{host}:{port}")
    helpers = []
    if not no_worker:
        helpers.append(subprocess.Popen([sys.executable, "-m", "server", "worker"], env=os.environ.copy()))
    intranet_port = port + 1 if intranet_port is None else intranet_port
    if intranet_port and _is_demo():
        helpers.append(_start_sample_intranet(host, intranet_port))
    try:
        serve(host, port, workers=workers, threads=threads, reload=reload)
    finally:
        for helper in helpers:
            _stop(helper)


def _is_demo():
    """Whether the instance's database is the demo's (`porte-voix demo`)."""
    from peewee import DatabaseError

    from server.site_settings import get_setting

    app = create_app()
    with app.app_context(), database.connection_context():
        try:
            return bool(get_setting("demo", False))
        except DatabaseError:  # no database or no migrations yet: not a demo
            return False


def _start_sample_intranet(host, port):
    """The demo's sample intranet page on a second port, allowed to show the share button's dialog."""
    origin = f"http://{host}:{port}"
    os.environ.setdefault("PV_EMBED_ORIGINS", origin)  # read by the web workers, started after this
    command = [sys.executable, "-m", "server.embed.demo_intranet", "--host", host, "--port", str(port),
               "--server", os.environ["PV_BASE_URL"]]
    intranet = subprocess.Popen(command, env=os.environ.copy())  # noqa: S603 (our module; no shell)
    click.echo(f"sample intranet page with share buttons: {origin}/ (and {origin}/late)", err=True)
    return intranet


def _stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


@click.command("worker", help="Run the job consumer (API posting, feeds, digests, e-mail).")
@click.option("--workers", default=2, show_default=True, type=int, help="Worker threads.")
@with_appcontext
def worker_command(workers):
    from server.jobs import huey, run_consumer

    if huey.immediate:
        raise click.UsageError("PV_JOBS_IMMEDIATE is set: jobs run inline, there is nothing to consume.")
    click.echo(f"job worker started ({huey.storage.__class__.__name__}, {workers} threads)", err=True)
    run_consumer(workers)


@click.command("demo", help="Seed the demo company (departments, an admin, a moderator, a leader, employees).")
@click.option("--if-empty", is_flag=True, help="Only when the database has no user yet.")
@with_appcontext
def demo_command(if_empty):
    from flask import current_app

    from server.demo import PEOPLE, is_empty, seed_demo

    if not current_app.config["BASE_URL"]:
        # The demo's shares carry tracked links, written with the address `porte-voix run` serves by default.
        current_app.config["BASE_URL"] = "http://127.0.0.1:5000"
        click.echo("PV_BASE_URL is not set: the demo's links use http://127.0.0.1:5000", err=True)
    with database.connection_context():
        if if_empty and not is_empty():
            click.echo("database already has users: demo not seeded")
            return
        seed_demo()
    click.echo("demo company seeded; sign in as any of:")
    for email, name, role, _department, _locale in PEOPLE:
        click.echo(f"  {role.value:<10} {name:<16} {email}")


@click.command("create-admin", help="Make EMAIL an administrator (creating the account if needed).")
@click.argument("email")
@click.option("--name", default=None, help="Display name for a new account.")
@with_appcontext
def create_admin_command(email, name):
    from marshmallow import ValidationError
    from marshmallow.validate import Email

    from server.auth.directory import create_admin

    try:
        Email()(email)
    except ValidationError as exc:
        raise click.BadParameter("not a valid e-mail address", param_hint="EMAIL") from exc
    with database.connection_context():
        user, created = create_admin(email, name)
    click.echo(f"{user.email} is {'now' if not created else 'created as'} an administrator")


@click.command("backup", help="Copy the embedded SQLite database, the jobs database and the instance folder's "
               "other files (secret key, outbox) into FILE, a .tar.gz readable by its owner only. Safe while the "
               "server and the worker run. With PostgreSQL, use pg_dump instead.")
@click.argument("path", metavar="FILE", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@with_appcontext
def backup_command(path):
    from server.backup import BackupRefused, create_backup, embedded_instance

    try:
        manifest = create_backup(embedded_instance(current_app), path)
    except BackupRefused as exc:
        raise click.ClickException(exc.message) from None
    jobs = " and the jobs database" if manifest["jobs"] else ""
    click.echo(f"backup written to {path}: the database{jobs}, {len(manifest['files'])} other files "
               f"({', '.join(manifest['files'][:3]) or 'none'}{', …' if len(manifest['files']) > 3 else ''})")


@click.command("restore", help="Put a backup made by `porte-voix backup` back into the instance. Stop "
               "`porte-voix run` and `porte-voix worker` first.")
@click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace the instance's current database (its state is first saved "
                                            "as before-restore-<time>.tar.gz in the instance folder).")
@with_appcontext
def restore_command(path, force):
    from server.backup import BackupRefused, embedded_instance, restore_backup

    try:
        restored = restore_backup(embedded_instance(current_app), path, force=force)
    except BackupRefused as exc:
        raise click.ClickException(exc.message) from None
    click.echo(f"restored the backup of {restored.manifest['created_at']} into {current_app.instance_path}")
    if restored.saved_state:
        click.echo(f"the replaced state is saved in {restored.saved_state}")
    if restored.pending_migrations:
        click.echo(f"the backup lacks {restored.pending_migrations} migrations: run `porte-voix db upgrade`")
    click.echo("start `porte-voix run` and `porte-voix worker` again")


def init_app(app):
    """Register the commands; areas add theirs in their own init_app."""
    for command in (worker_command, demo_command, create_admin_command, backup_command, restore_command):
        app.cli.add_command(command)


cli = FlaskGroup(create_app=lambda: create_app(), add_default_commands=False,
                 help="Porte-Voix: self-hosted employee advocacy.")
cli.add_command(run_command)
cli.add_command(shell_command)
cli.add_command(routes_command)


def main():
    cli.main(prog_name="porte-voix")
