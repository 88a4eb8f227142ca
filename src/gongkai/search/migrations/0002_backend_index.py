"""The backend's own index, which the ORM does not describe: an FTS5 table on SQLite; lexeme and
match-text columns with a GIN index on PostgreSQL (see ``search.backends``)."""

from django.db import migrations

from gongkai.search.backends.sqlite import CREATE

POSTGRES = [
    "ALTER TABLE search_searchdocument ADD COLUMN terms tsvector, ADD COLUMN match_title text, "
    "ADD COLUMN match_body text",
    "CREATE INDEX search_terms_gin ON search_searchdocument USING gin (terms) WITH (fastupdate = off)",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = POSTGRES if vendor == "postgresql" else [CREATE] if vendor == "sqlite" else []
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
