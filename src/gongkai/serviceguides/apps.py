from django.apps import AppConfig


class ServiceGuidesConfig(AppConfig):
    name = "gongkai.serviceguides"
    verbose_name = "办事指南"
