"""Versioned schema migrations, applied in order by `porte-voix db upgrade`.

Each migration is a module `mNNNN_name.py` in this package with an `upgrade(db)` function. A migration
describes the schema as it was when it was written (frozen table classes, playhouse.migrate operations),
never the current models, so that old databases keep upgrading after the models change.
"""

import importlib
import pkgutil
import re
from datetime import UTC, datetime

from peewee import CharField, DateTimeField, IntegerField, Model

_NAME = re.compile(r"^m(\d{4})_\w+$")
TABLE = "pv_schema_migrations"


def _record_model(db):
    class SchemaMigration(Model):
        version = IntegerField(primary_key=True)
        name = CharField(max_length=120)
        applied_at = DateTimeField()

        class Meta:
            database = db
            table_name = TABLE

    return SchemaMigration


def available(package=__name__):
    """All migrations of a package, as (version, name, module path), in order."""
    found = []
    for info in pkgutil.iter_modules(importlib.import_module(package).__path__):
        match = _NAME.match(info.name)
        if match:
            found.append((int(match.group(1)), info.name, f"{package}.{info.name}"))
    versions = [version for version, _, _ in found]
    if len(versions) != len(set(versions)):
        raise RuntimeError(f"two migrations share a number in {package}")
    return sorted(found)


def status(db, package=__name__):
    """Each migration's name with the time it was applied (None when pending)."""
    record = _record_model(db)
    db.create_tables([record], safe=True)
    applied = {row.version: row.applied_at for row in record.select()}
    return [(name, applied.get(version)) for version, name, _ in available(package)]


def upgrade(db, package=__name__, target=None):
    """Apply every pending migration (up to `target` if given), each in its own transaction."""
    record = _record_model(db)
    db.create_tables([record], safe=True)
    done = {row.version for row in record.select(record.version)}
    applied = []
    for version, name, path in available(package):
        if version in done or (target is not None and version > target):
            continue
        module = importlib.import_module(path)
        with db.atomic():
            module.upgrade(db)
            record.create(version=version, name=name, applied_at=datetime.now(UTC).replace(tzinfo=None))
        applied.append(name)
    return applied
