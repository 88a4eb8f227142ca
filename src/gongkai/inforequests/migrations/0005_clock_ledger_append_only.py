"""Database-level guarantee that clock-ledger rows are never changed (UPDATE refused on SQLite and
PostgreSQL). Rows go only with their application (test flushes), like the audit table's rule."""

from django.db import migrations

TABLE = "inforequests_clockentry"


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            f"CREATE TRIGGER {TABLE}_no_update BEFORE UPDATE ON {TABLE} "
            "BEGIN SELECT RAISE(ABORT, 'the clock ledger is append-only'); END"
        )
    elif vendor == "postgresql":
        schema_editor.execute(
            "CREATE OR REPLACE FUNCTION gongkai_clock_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'the clock ledger is append-only'; END; $$ LANGUAGE plpgsql"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE ON {TABLE} "
            "FOR EACH ROW EXECUTE FUNCTION gongkai_clock_append_only()"
        )


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_no_update")
    elif vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}")
        schema_editor.execute("DROP FUNCTION IF EXISTS gongkai_clock_append_only()")


class Migration(migrations.Migration):
    dependencies = [("inforequests", "0004_letters")]
    operations = [migrations.RunPython(create_triggers, drop_triggers)]
