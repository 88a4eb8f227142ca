from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "gongkai.publications"
    verbose_name = "主动公开"
