from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _forget_flushed_documents(sender, using="default", **kwargs):  # noqa: ARG001 (signal signature)
    """``flush`` (tests, ``gongkai flush``) empties the model tables, then sends ``post_migrate``; the
    FTS5 table is not a model table, so it is emptied here when no document is left (PostgreSQL keeps
    its index in the model's own table)."""
    from django.db import connections  # noqa: PLC0415 (app loading)

    from gongkai.search.backends.sqlite import TABLE, SQLiteBackend  # noqa: PLC0415
    from gongkai.search.models import SearchDocument  # noqa: PLC0415

    connection = connections[using]
    if connection.vendor != "sqlite" or TABLE not in connection.introspection.table_names():
        return
    if not SearchDocument.objects.using(using).exists():
        with connection.cursor() as cursor:
            SQLiteBackend().clear(cursor)


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.search"
    verbose_name = "全文检索"

    def ready(self):
        post_migrate.connect(_forget_flushed_documents, sender=self)
