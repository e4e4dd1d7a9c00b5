"""Versioned schema: a new database is created at the latest version; an older one is
upgraded step by step; a newer one (from a later StudioDesk) is refused, never touched.

Each step uses frozen definitions, independent of today's models, so that old steps keep
meaning what they meant.
"""

from __future__ import annotations

from collections.abc import Callable

from peewee import (
    BlobField,
    BooleanField,
    CharField,
    CompositeKey,
    Database,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    PostgresqlDatabase,
    SchemaManager,
    TextField,
    sort_models,
)

from studio_desk import models
from studio_desk.errors import SchemaError

LATEST_VERSION = 9

_SQLITE_AUDIT_GUARDS = (
    "CREATE TRIGGER IF NOT EXISTS audit_event_no_update BEFORE UPDATE ON audit_event "
    "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_event_no_delete BEFORE DELETE ON audit_event "
    "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END",
)
_PG_AUDIT_GUARDS = (
    "CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$ "
    "BEGIN RAISE EXCEPTION 'audit events are append-only'; END; $$ LANGUAGE plpgsql",
    "DROP TRIGGER IF EXISTS audit_event_no_change ON audit_event",
    "CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event "
    "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()",
)


def install_audit_guards(db: Database) -> None:
    for sql in _PG_AUDIT_GUARDS if isinstance(db, PostgresqlDatabase) else _SQLITE_AUDIT_GUARDS:
        db.execute_sql(sql)


def lift_audit_update_guard(db: Database) -> None:
    """Drop the guard against UPDATE of audit events, inside the caller's transaction, which must
    call :func:`install_audit_guards` before it commits. Only erasing a customer's personal data
    (PIPL art. 47, :mod:`studio_desk.services.privacy`) does this, to blank the erased values in
    earlier events; DELETE stays refused all along, and a failure rolls the guard back in place."""
    if not db.in_transaction():
        raise RuntimeError("the audit guard is lifted only inside a transaction")
    if isinstance(db, PostgresqlDatabase):
        db.execute_sql("DROP TRIGGER IF EXISTS audit_event_no_change ON audit_event")
        db.execute_sql("CREATE TRIGGER audit_event_no_change BEFORE DELETE ON audit_event "
                       "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()")
    else:
        db.execute_sql("DROP TRIGGER IF EXISTS audit_event_no_update")


def _step_2(db: Database) -> None:
    """v2: corrective actions per month (monthly report) and lookup by customer name."""

    class UserV1(Model):
        class Meta:
            database = db
            table_name = "user"

    class MonthlyReview(Model):
        month = CharField(primary_key=True, max_length=7)
        corrective_actions = TextField(default="")
        updated_by = ForeignKeyField(UserV1, null=True)  # with its index, as a fresh database has it
        updated_at = DateTimeField(null=True)

        class Meta:
            database = db
            table_name = "monthly_review"
            legacy_table_names = False  # index names as a fresh database has them

    db.create_tables([MonthlyReview])
    # Loaded only when an old file is migrated, not at every start (it and what it pulls in take ~13 ms).
    from playhouse.migrate import SchemaMigrator
    from playhouse.migrate import migrate as apply_ops

    migrator = SchemaMigrator.from_database(db)
    apply_ops(migrator.add_index("customer", ("name",), False))


def _step_3(db: Database) -> None:
    """v3: the board's index, so that it loads a column a page at a time without reading every case."""
    db.execute_sql('CREATE INDEX IF NOT EXISTS "complaint_stage_deleted_next_due_received_at_id" '
                   'ON "complaint" ("stage", "deleted", "next_due", "received_at", "id")')


def _step_4(db: Database) -> None:
    """v4: the close-time index also holds deleted and stage, so the 结案 column is counted from it
    alone (every board load and poll); it replaces the close-time index it starts with."""
    db.execute_sql('CREATE INDEX IF NOT EXISTS "complaint_closed_at_deleted_stage" '
                   'ON "complaint" ("closed_at", "deleted", "stage")')
    db.execute_sql('DROP INDEX IF EXISTS "complaint_closed_at"')


def _step_5(db: Database) -> None:
    """v5: notification channels and their outbox (企业微信/钉钉/飞书 robots and e-mail)."""

    class Frozen(Model):
        class Meta:
            database = db
            legacy_table_names = False  # table and index names as a fresh database has them

    class Complaint(Frozen):
        pass

    class NotifyChannel(Frozen):
        kind = CharField(max_length=20)
        name = CharField(max_length=60)
        config = TextField(default="{}")
        secret = TextField(default="{}")
        events = TextField(default="[]")
        active = BooleanField(default=True)
        created_at = DateTimeField()
        updated_at = DateTimeField()

    class NotifyOutbox(Frozen):
        channel = ForeignKeyField(NotifyChannel)
        event = CharField(max_length=20)
        case = ForeignKeyField(Complaint, null=True)
        dedupe_key = CharField(max_length=80, null=True)
        title = CharField(max_length=200)
        body = TextField()
        attach = TextField(null=True)
        created_at = DateTimeField()
        status = CharField(max_length=10, default="pending")
        attempts = IntegerField(default=0)
        next_attempt_at = DateTimeField()
        claimed_at = DateTimeField(null=True)
        claim_token = CharField(max_length=32, null=True)
        sent_at = DateTimeField(null=True)
        last_error = TextField(default="")

        class Meta:
            indexes = ((("channel", "dedupe_key"), True), (("status", "next_attempt_at"), False))

    db.create_tables([NotifyChannel, NotifyOutbox])


def _step_6(db: Database) -> None:
    """v6: a case brought in from an old register is marked 历史导入 (issue 13): it did not pass
    through the studio's stages here, so facts the workflow asks for may be missing."""
    kind = "BOOLEAN NOT NULL DEFAULT FALSE" if isinstance(db, PostgresqlDatabase) else "INTEGER NOT NULL DEFAULT FALSE"
    db.execute_sql(f'ALTER TABLE "complaint" ADD COLUMN "history_import" {kind}')


def _step_7(db: Database) -> None:
    """v7: a customer's personal data can be erased (PIPL); the row keeps when that happened."""
    from playhouse.migrate import SchemaMigrator
    from playhouse.migrate import migrate as apply_ops

    migrator = SchemaMigrator.from_database(db)
    apply_ops(migrator.add_column("customer", "erased_at", DateTimeField(null=True)))



def _step_8(db: Database) -> None:
    """v8: attachment content inside the database, for a shared PostgreSQL database (both desks see
    the same files); on SQLite the table stays empty beside the files folder."""

    class AttachmentChunk(Model):
        sha256 = CharField(max_length=64)
        seq = IntegerField()
        data = BlobField()

        class Meta:
            database = db
            table_name = "attachment_chunk"
            primary_key = CompositeKey("sha256", "seq")

    db.create_tables([AttachmentChunk])


def _step_9(db: Database) -> None:
    """v9: compensation lines keep their remedy round and when they were carried out, so that money
    paid in an earlier round is not replaced by the next round's remedy. Lines of cases already
    past 实施 are marked carried out then."""
    from playhouse.migrate import SchemaMigrator
    from playhouse.migrate import migrate as apply_ops

    migrator = SchemaMigrator.from_database(db)
    apply_ops(migrator.add_column("compensation_line", "round", IntegerField(default=1)),
              migrator.add_column("compensation_line", "carried_out_at", DateTimeField(null=True)))
    db.execute_sql('UPDATE "compensation_line" SET "carried_out_at" = (SELECT "implemented_at" FROM "complaint" '
                   'WHERE "complaint"."id" = "compensation_line"."case_id" AND "stage" IN (\'follow_up\', \'closed\'))')


STEPS: dict[int, Callable[[Database], None]] = {
    2: _step_2,
    3: _step_3,
    4: _step_4,
    5: _step_5,
    6: _step_6,
    7: _step_7,
    8: _step_8,
    9: _step_9,
}


def create_schema(db: Database) -> None:
    """The latest schema in an empty database, inside the caller's transaction. ``db`` need not be
    the one the models are bound to (the move to another database builds its target with it)."""
    for model in sort_models(models.ALL_MODELS):
        SchemaManager(model, database=db).create_all()
    install_audit_guards(db)
    db.execute_sql(f"INSERT INTO schema_info (version) VALUES ({db.param})", (LATEST_VERSION,))


def schema_version(db: Database) -> int | None:
    """The stored version, or None for an empty database."""
    if not db.table_exists("schema_info"):
        return None
    row = db.execute_sql("SELECT version FROM schema_info").fetchone()
    return int(row[0]) if row else None


def migrate(db: Database, before_upgrade: Callable[[Database, int], None] | None = None) -> int:
    """Bring ``db`` to LATEST_VERSION; ``before_upgrade(db, old_version)`` runs first (a backup)."""
    version = schema_version(db)
    if version is None:
        with db.atomic():
            create_schema(db)
        return LATEST_VERSION
    if version > LATEST_VERSION:
        raise SchemaError(
            f"这个数据库来自更新版本的影楼客怨处理台（数据结构版本 {version}，本程序只认识到 {LATEST_VERSION}），"
            "为保护数据不做任何修改。请升级程序后再打开。"
        )
    if version < LATEST_VERSION and before_upgrade is not None:
        before_upgrade(db, version)
    for target in range(version + 1, LATEST_VERSION + 1):
        with db.atomic():
            STEPS[target](db)
            db.execute_sql(f"UPDATE schema_info SET version = {db.param}", (target,))
    return LATEST_VERSION
