"""Copying the studio's tables from one database to another (SQLite ↔ PostgreSQL), row for row
with their ids, and the fingerprint that proves a copy equal to its source.

Values pass through each field's own conversion (SQLite keeps booleans as 0/1 and times as text,
PostgreSQL has real types); the JSON columns are copied as the text they are. The fingerprint of
a table is its row count and the sum of the SHA-256 of every row's values as the program reads
them, so it does not depend on the order either database returns the rows in.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from peewee import Database, ForeignKeyField, Model, PostgresqlDatabase, sort_models

from studio_desk import models
from studio_desk.models import JSONField

# The schema version row is the target's own; attachment content moves as files (move_files).
NOT_COPIED = {models.SchemaInfo, models.AttachmentChunk}
COPIED: list[type[Model]] = [m for m in sort_models(models.ALL_MODELS) if m not in NOT_COPIED]
_BATCH = 500
_MOD = 1 << 256


@dataclass
class Fingerprint:
    rows: int = 0
    total: int = 0

    def add(self, values: list) -> None:
        text = json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)
        self.rows += 1
        self.total = (self.total + int.from_bytes(hashlib.sha256(text.encode()).digest(), "big")) % _MOD

    @property
    def checksum(self) -> str:
        return f"{self.total:064x}"


def table(model: type[Model]) -> str:
    return model._meta.table_name


def _columns(model: type[Model]) -> str:
    return ", ".join(f'"{f.column_name}"' for f in model._meta.sorted_fields)


def batches(db: Database, model: type[Model]) -> Iterator[list[tuple]]:
    """Every row of ``model``'s table as raw tuples, a batch at a time. On PostgreSQL through a
    cursor declared on the server (inside the caller's transaction), so a large table is not
    loaded whole; psycopg2's named cursors need a connection that is not in autocommit mode,
    which peewee's is."""
    sql = f'SELECT {_columns(model)} FROM "{table(model)}"'
    if not isinstance(db, PostgresqlDatabase):
        cursor = db.execute_sql(sql)
        while rows := cursor.fetchmany(_BATCH):
            yield rows
        return
    name = f"move_{table(model)}"
    db.execute_sql(f"DECLARE {name} NO SCROLL CURSOR FOR {sql}")
    try:
        while rows := db.execute_sql(f"FETCH {_BATCH} FROM {name}").fetchall():
            yield rows
    finally:
        db.execute_sql(f"CLOSE {name}")


def count(db: Database, model: type[Model]) -> int:
    return db.execute_sql(f'SELECT COUNT(*) FROM "{table(model)}"').fetchone()[0]


def fingerprint(db: Database, model: type[Model]) -> Fingerprint:
    print_ = Fingerprint()
    fields = model._meta.sorted_fields
    for rows in batches(db, model):
        for row in rows:
            print_.add([f.python_value(v) for f, v in zip(fields, row, strict=True)])
    return print_


def copy_table(source: Database, target: Database, model: type[Model], tick: Callable[[int], None]) -> Fingerprint:
    """Copy every row of ``model`` with its id; returns the source's fingerprint. A reference to a
    row of the same table (a repeat complaint's earlier case) is filled in after all rows are in,
    so rows may come in any order while the foreign keys are checked."""
    fields = model._meta.sorted_fields
    self_refs = [i for i, f in enumerate(fields) if isinstance(f, ForeignKeyField) and f.rel_model is model]
    pk = fields.index(model._meta.primary_key) if model._meta.primary_key in fields else None
    later: list[tuple] = []
    source_print = Fingerprint()
    for rows in batches(source, model):
        values = []
        for row in rows:
            python = [f.python_value(v) for f, v in zip(fields, row, strict=True)]
            source_print.add(python)
            out = [
                v if isinstance(f, JSONField) else f.db_value(p) for f, v, p in zip(fields, row, python, strict=True)
            ]
            for i in self_refs:
                if out[i] is not None:
                    later.append((fields[i].column_name, out[i], out[pk]))
                    out[i] = None
            values.append(out)
        _insert(target, model, values)
        tick(len(rows))
    for column, ref, row_id in later:
        target.execute_sql(
            f'UPDATE "{table(model)}" SET "{column}" = {target.param} WHERE "id" = {target.param}', (ref, row_id)
        )
    return source_print


def _insert(db: Database, model: type[Model], rows: list[list]) -> None:
    if isinstance(db, PostgresqlDatabase):
        _copy_in(db, model, rows)
        return
    width = len(model._meta.sorted_fields)
    step = max(1, min(_BATCH, 30000 // width))  # under SQLite's limit of bound values per statement
    row_marks = "(" + ", ".join([db.param] * width) + ")"
    for start in range(0, len(rows), step):
        part = rows[start : start + step]
        sql = f'INSERT INTO "{table(model)}" ({_columns(model)}) VALUES ' + ", ".join([row_marks] * len(part))
        db.execute_sql(sql, [v for row in part for v in row])


def _copy_in(db: PostgresqlDatabase, model: type[Model], rows: list[list]) -> None:
    """PostgreSQL's COPY, several times faster than INSERT for a whole studio, fed as CSV."""
    data = io.StringIO("".join(",".join(_csv_field(v) for v in row) + "\n" for row in rows))
    db.cursor().copy_expert(f'COPY "{table(model)}" ({_columns(model)}) FROM STDIN WITH (FORMAT csv)', data)


def _csv_field(value) -> str:
    """In PostgreSQL's CSV an unquoted empty field is NULL and a quoted one a text (even an empty
    one), so every text is quoted; Python's csv module cannot write that before Python 3.12."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, int | Decimal):
        return str(value)
    return '"' + str(value).replace('"', '""') + '"'


def set_sequences(db: Database) -> None:
    """PostgreSQL hands out new ids from a sequence, which the copied ids did not advance: each is
    set past its table's highest id, so the next case or audit event does not collide."""
    if not isinstance(db, PostgresqlDatabase):
        return  # SQLite's next rowid is already one past the highest
    for model in COPIED:
        pk = model._meta.primary_key
        if pk is None or pk.field_type != "AUTO":
            continue
        name = table(model)
        db.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('\"{name}\"', '{pk.column_name}'), "
            f'COALESCE(MAX("{pk.column_name}"), 1), MAX("{pk.column_name}") IS NOT NULL) FROM "{name}"'
        )
