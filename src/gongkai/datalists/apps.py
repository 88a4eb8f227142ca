from django.apps import AppConfig


class DatalistsConfig(AppConfig):
    name = "gongkai.datalists"
    verbose_name = "数据清单"
