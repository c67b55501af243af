"""Writing many rollup rows at once. Peewee's insert_many builds each row's SQL node by node, which costs far
more than the database's work for tens of thousands of rows; this writes one multi-row INSERT per chunk with
plain parameters, ON CONFLICT clauses included (the same SQL on SQLite and PostgreSQL)."""

from server.db import database

CHUNK = 500


def upsert(model, rows, conflict, update=(), chunk=CHUNK):
    """Insert `rows` (dicts keyed by column name) into `model`'s table; on a conflict on the `conflict`
    columns, set the `update` columns to the new values (nothing to update: keep the row)."""
    if not rows:
        return
    columns = list(rows[0])
    table = model._meta.table_name
    if update:
        action = "DO UPDATE SET " + ", ".join(f'"{column}" = EXCLUDED."{column}"' for column in update)
    else:
        action = "DO NOTHING"
    row_sql = "(" + ", ".join([database.param] * len(columns)) + ")"
    quoted = ", ".join(f'"{column}"' for column in columns)
    target = ", ".join(f'"{column}"' for column in conflict)
    for start in range(0, len(rows), chunk):
        part = rows[start:start + chunk]
        sql = (f'INSERT INTO "{table}" ({quoted}) VALUES {", ".join([row_sql] * len(part))} '  # noqa: S608
               f"ON CONFLICT ({target}) {action}")
        database.execute_sql(sql, [row[column] for row in part for column in columns])
