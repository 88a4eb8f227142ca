from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "gongkai.mail"
    verbose_name = "邮件"
