"""`porte-voix backup FILE` and `porte-voix restore FILE`: the embedded instance in one archive.

The archive (a .tar.gz readable by its owner only) holds the SQLite database and the jobs database, each
copied with SQLite's online backup API — a consistent snapshot as of the copy's start, taken while the server
and the worker keep writing (in WAL mode a reader never blocks a writer) — plus every other file of the
instance folder: the secret key (it signs sessions and derives the key encrypting OAuth tokens), the outbox.
The jobs database is copied first, so every job in the copy names rows that are in the copied database; a
share committed in between is queued again by the worker's sweep.

Restoring writes the copies back through the same backup API (SQLite replaces the pages and deals with the
target's WAL files; copying a file over a live database would corrupt it) while holding an exclusive lock on
both databases, so nothing writes during the restore. It refuses a database or jobs database that another
process has open (a running worker always has), and an instance that already holds a database without
`force`; then the current state is first saved as `before-restore-<time>.tar.gz` in the instance folder.

PostgreSQL is backed up with its own tools (pg_dump): these commands refuse it.
"""

import json
import os
import sqlite3
import tarfile
import tempfile
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from server import __version__
from server.db import backend_name, database, utcnow
from server.migrations import TABLE as MIGRATIONS_TABLE
from server.migrations import available

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE_COPY = "database.db"
JOBS_COPY = "jobs.db"
FILES = "instance"  # the instance folder's other files, under this folder of the archive
SAVED_STATE_PREFIX = "before-restore-"
TEMPORARY = ".porte-voix-"  # our work files, wherever they are: never part of an archive
SIDE_FILES = ("-wal", "-shm", "-journal")
LOCK_TIMEOUT_SECONDS = 2
POSTGRESQL_HINT = ("The database is PostgreSQL: back it up with pg_dump and restore it with pg_restore (the "
                   "README's \"Commands\" shows how); `porte-voix backup` and `restore` handle the embedded SQLite "
                   "database only.")


class BackupRefused(Exception):
    """A backup or restore that cannot be done, with the reason for the operator."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Instance:
    folder: Path
    database: Path
    jobs: Path | None  # None when the jobs live in Redis


def embedded_instance(app):
    """The files of the application's embedded instance; BackupRefused for PostgreSQL or a memory database."""
    if backend_name() != "sqlite":
        raise BackupRefused(POSTGRESQL_HINT)
    name = database.obj.database
    if not name or name == ":memory:" or name.startswith("file:"):
        raise BackupRefused("The database is not a file: there is nothing to back up.")
    jobs = None if app.config.get("REDIS_URL") else Path(app.instance_path) / "jobs.db"
    return Instance(Path(app.instance_path).resolve(), Path(name).resolve(), jobs and jobs.resolve())


# -- backup -----------------------------------------------------------------------------------------------------

def create_backup(instance, destination):
    """Write the archive to `destination` (replaced only once complete); returns its manifest."""
    destination = Path(destination).resolve()
    if not instance.database.exists():
        raise BackupRefused(f"{instance.database} does not exist: run `porte-voix db upgrade` first.")
    if not destination.parent.is_dir():
        raise BackupRefused(f"{destination.parent} is not a folder.")
    try:
        with ExitStack() as stack:
            jobs = stack.enter_context(_connection(instance.jobs)) if _exists(instance.jobs) else None
            main = stack.enter_context(_connection(instance.database))
            return _write_backup(instance, destination, main, jobs)
    except (OSError, sqlite3.Error) as exc:
        raise BackupRefused(f"The backup failed, {destination} is unchanged: {exc}") from exc


def _write_backup(instance, destination, main, jobs):
    """Copy `jobs` then `main` (open connections) and the instance's files into the archive."""
    with tempfile.TemporaryDirectory(prefix=TEMPORARY, dir=destination.parent) as work:
        work = Path(work)
        copies = {}
        if jobs is not None:
            copies[JOBS_COPY] = _copy_database(jobs, work / JOBS_COPY)
        copies[DATABASE_COPY] = _copy_database(main, work / DATABASE_COPY)
        files = list(_instance_files(instance, destination))
        manifest = {"format": FORMAT, "created_at": utcnow().isoformat(timespec="seconds") + "Z",
                    "porte_voix": __version__, "migrations": _applied_migrations(work / DATABASE_COPY),
                    "jobs": jobs is not None, "files": [str(path.relative_to(instance.folder)) for path in files]}
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2))
        members = [(work / MANIFEST, MANIFEST), *((work / name, name) for name in copies)]
        members += [(path, f"{FILES}/{path.relative_to(instance.folder).as_posix()}") for path in files]
        _write_archive(destination, members)
    return manifest


def _copy_database(source, path):
    """Copy an open database to `path` in one step of the online backup API, as a self-contained file."""
    target = sqlite3.connect(path)
    try:
        source.backup(target)  # pages=-1: one step, one read transaction, so one consistent snapshot
        target.execute("PRAGMA journal_mode=DELETE")  # the copy carries the source's WAL flag
        _check_integrity(target, path.name)
    finally:
        target.close()
    return path


def _instance_files(instance, destination):
    """The instance folder's regular files but its databases (and their WAL files), saved states, the
    archive being written and our temporary files."""
    skipped = {destination, *_with_side_files(instance.database)}
    if instance.jobs is not None:
        skipped.update(_with_side_files(instance.jobs))
    for path in sorted(instance.folder.rglob("*")):
        relative = path.relative_to(instance.folder)
        if path.is_symlink() or not path.is_file() or path in skipped:
            continue
        if path.name.startswith(SAVED_STATE_PREFIX) or any(p.startswith(TEMPORARY) for p in relative.parts):
            continue
        yield path


def _with_side_files(path):
    return [path, *(Path(f"{path}{side}") for side in SIDE_FILES)]


def _write_archive(destination, members):
    """A gzipped tar at `destination`, mode 0600 from its first byte, swapped in whole when written."""
    partial = destination.with_name(f"{TEMPORARY}{destination.name}.{os.getpid()}")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            with tarfile.open(fileobj=handle, mode="w:gz") as archive:
                for path, name in members:
                    archive.add(path, arcname=name, recursive=False, filter=_private)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, destination)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _private(member):
    member.mode = 0o600 if member.isfile() else 0o700
    member.uid = member.gid = 0
    member.uname = member.gname = ""
    return member


# -- restore ----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Restored:
    manifest: dict
    saved_state: Path | None  # where the replaced state was kept (with `force`)
    pending_migrations: int  # migrations this code has that the archive's database has not had yet


def restore_backup(instance, source, force=False):
    """Put the archive's databases and files back into the instance (see the module's docstring)."""
    source = Path(source).resolve()
    instance.folder.mkdir(parents=True, exist_ok=True)
    try:
        return _restore(instance, source, force)
    except (OSError, sqlite3.Error) as exc:
        raise BackupRefused(f"The restore failed: {exc}") from exc


def _restore(instance, source, force):
    """Unpack and check the archive, lock both databases, save the current state if any, then copy back."""
    with tempfile.TemporaryDirectory(prefix=TEMPORARY, dir=instance.folder) as work:
        work = Path(work)
        manifest = _unpack(source, work)
        pending = _check_copy(work / DATABASE_COPY)
        with ExitStack() as stack:
            main = stack.enter_context(_exclusive(instance.database))
            jobs = stack.enter_context(_exclusive(instance.jobs)) if instance.jobs is not None else None
            saved = None
            if _has_tables(main):
                if not force:
                    raise BackupRefused(f"{instance.database} already holds a database. Stop `porte-voix run` "
                                        "and `porte-voix worker`, then restore with --force to replace it (its "
                                        "current state is saved first).")
                saved = _save_state(instance, main, jobs)
            _copy_into(work / DATABASE_COPY, main)
            if jobs is not None and manifest["jobs"]:
                _copy_into(work / JOBS_COPY, jobs)
            _put_files(work / FILES, instance.folder)
    return Restored(manifest, saved, pending)


@contextmanager
def _exclusive(path):
    """A connection holding the database's exclusive lock until it closes. Refused when another process has
    the database open: a worker always has its jobs database open, a server while it answers a request."""
    connection = sqlite3.connect(path, timeout=LOCK_TIMEOUT_SECONDS, isolation_level=None)
    try:
        connection.execute("PRAGMA locking_mode=EXCLUSIVE")
        connection.execute("BEGIN EXCLUSIVE")
        connection.execute("COMMIT")  # the exclusive locking mode keeps the lock until the connection closes
    except sqlite3.OperationalError as exc:
        connection.close()
        if "locked" not in str(exc):
            raise
        raise BackupRefused(f"{path} is in use ({exc}). Stop `porte-voix run` and `porte-voix worker` first, "
                            "then restore again.") from exc
    try:
        yield connection
    finally:
        connection.close()


def _copy_into(copy, target):
    """Replace the content of `target` (a connection we alone hold) with the database `copy`."""
    target.execute("PRAGMA journal_mode=DELETE")  # out of WAL, the page size may differ; the server sets it back
    with _connection(copy) as source:
        source.backup(target)
    _check_integrity(target, "the restored database")


def _save_state(instance, main, jobs):
    """Archive the state about to be replaced next to it, in case the restore was a mistake."""
    path = instance.folder / f"{SAVED_STATE_PREFIX}{utcnow().strftime('%Y%m%dT%H%M%SZ')}.tar.gz"
    _write_backup(instance, path, main, jobs)
    return path


def _put_files(unpacked, folder):
    """Move the archive's instance files into place (each replaced whole); files it does not name stay."""
    if not unpacked.is_dir():
        return
    for path in sorted(unpacked.rglob("*")):
        if path.is_file():
            target = folder / path.relative_to(unpacked)
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.replace(path, target)


def _unpack(source, work):
    """Extract the archive into `work` after checking every entry; returns its manifest."""
    try:
        with tarfile.open(source, "r:gz") as archive:
            for member in archive:
                name = _member_path(member, source)
                if member.isfile():
                    _extract(archive, member, work / name)
    except (OSError, EOFError, tarfile.TarError) as exc:
        raise BackupRefused(f"{source} cannot be read as a Porte-Voix backup ({exc}).") from exc
    try:
        manifest = json.loads((work / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupRefused(f"{source} has no readable {MANIFEST}: not a Porte-Voix backup.") from exc
    if manifest.get("format") != FORMAT:
        raise BackupRefused(f"{source} is in a backup format this version does not know ({manifest.get('format')}).")
    if not (work / DATABASE_COPY).is_file() or (manifest.get("jobs") and not (work / JOBS_COPY).is_file()):
        raise BackupRefused(f"{source} is incomplete: its manifest names databases it does not hold.")
    return manifest


def _member_path(member, source):
    """Where an entry goes: only the files a backup holds, so that unpacking never writes outside `work`
    (absolute paths, '..', links and devices are refused)."""
    path = PurePosixPath(member.name)
    safe = (member.isfile() or member.isdir()) and path.parts and not path.is_absolute() and ".." not in path.parts
    expected = path.parts and (path.parts[0] == FILES or (member.isfile() and str(path) in (
        MANIFEST, DATABASE_COPY, JOBS_COPY)))
    if not (safe and expected):
        raise BackupRefused(f"{source} holds an unexpected entry {member.name!r}: not a Porte-Voix backup.")
    return Path(*path.parts)


def _extract(archive, member, path):
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle, archive.extractfile(member) as content:
        while chunk := content.read(1 << 20):
            handle.write(chunk)


def _check_copy(path):
    """Refuse a damaged copy or one made by a newer version; returns how many migrations it lacks."""
    with _connection(path) as copy:
        _check_integrity(copy, "the archive's database")
    applied, known = set(_applied_migrations(path)), {version for version, _name, _module in available()}
    if applied - known:
        raise BackupRefused(f"The archive's database has migration {max(applied - known)}, which this version "
                            "does not know: install the version that made the backup (or a newer one) first.")
    return len(known - applied)


# -- SQLite -----------------------------------------------------------------------------------------------------

@contextmanager
def _connection(path):
    connection = sqlite3.connect(path, timeout=10)
    try:
        yield connection
    finally:
        connection.close()


def _exists(path):
    return path is not None and path.exists()


def _has_tables(connection):
    return connection.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0] > 0


def _check_integrity(connection, label):
    problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    if problems != ["ok"]:
        raise BackupRefused(f"{label} fails SQLite's integrity check: {'; '.join(problems[:5])}")


def _applied_migrations(path):
    with _connection(path) as connection:
        try:
            return sorted(row[0] for row in connection.execute(f"SELECT version FROM {MIGRATIONS_TABLE}"))  # noqa: S608 (a constant)
        except sqlite3.OperationalError:  # no migration ever applied
            return []
