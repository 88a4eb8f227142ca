from django.apps import AppConfig


class KeyareasConfig(AppConfig):
    name = "gongkai.keyareas"
    verbose_name = "重点领域公开计划"
