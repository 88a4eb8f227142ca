from django.apps import AppConfig


class ScheduledConfig(AppConfig):
    name = "gongkai.scheduled"
    verbose_name = "定时任务"
