"""Load the national subject classification (主题分类) shipped in ``publications.defaults``."""

from django.db import migrations

from gongkai.publications.defaults import TOPICS


def load_topics(apps, schema_editor):
    topic_model = apps.get_model("publications", "Topic")
    for order, (name, children) in enumerate(TOPICS):
        parent, _ = topic_model.objects.get_or_create(parent=None, name=name, defaults={"sort_order": order})
        for child_order, child in enumerate(children):
            topic_model.objects.get_or_create(parent=parent, name=child, defaults={"sort_order": child_order})


class Migration(migrations.Migration):
    dependencies = [("publications", "0001_initial")]
    operations = [migrations.RunPython(load_topics, migrations.RunPython.noop)]
