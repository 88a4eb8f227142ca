from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A staff login. Roles per agency live in ``agencies.Membership``."""

    full_name = models.CharField("姓名", max_length=50, blank=True)
    phone = models.CharField("办公电话", max_length=30, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def get_short_name(self) -> str:
        return self.full_name or self.username

    def __str__(self) -> str:
        return f"{self.full_name}（{self.username}）" if self.full_name else self.username
