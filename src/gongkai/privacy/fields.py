"""``EncryptedTextField``: text encrypted with Fernet (AES-128-CBC + HMAC-SHA256, ``cryptography``) at rest.

The database holds only ciphertext; queries cannot filter on the value (use a ``lookup_hash`` column
for matching). Decryption happens when a row is loaded. A value that cannot be decrypted (wrong key)
raises, rather than silently showing ciphertext.
"""

from collections.abc import Callable

from cryptography.fernet import InvalidToken
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import models
from django.db.models.lookups import Exact

from gongkai.privacy.keys import fernet
from gongkai.privacy.masking import mask

_PREFIX = "enc:"


def encrypt(value: str) -> str:
    return _PREFIX + fernet().encrypt(value.encode()).decode("ascii")


def decrypt(stored: str) -> str:
    if not stored.startswith(_PREFIX):
        raise ImproperlyConfigured("加密字段中存在未加密的数据，请检查数据迁移。")
    try:
        return fernet().decrypt(stored[len(_PREFIX) :].encode("ascii")).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured("无法解密个人信息：GONGKAI_FIELD_KEYS 中没有加密时使用的密钥。") from exc


class _BlankOnlyExact(Exact):
    """``field=""`` works (is it filled in?); any other value cannot match randomised ciphertext: refused."""

    def get_prep_lookup(self):
        if self.rhs not in ("", None):
            raise FieldError("加密字段不能按内容查询，请使用对应的查询哈希字段。")
        return self.rhs


class EncryptedTextField(models.TextField):
    """Stores ``encrypt(value)``; empty strings stay empty so blank optional fields need no key.

    ``audit_mask`` is what the audit trail records instead of the value (``audit.snapshots``).
    """

    description = "加密文本"

    def __init__(self, *args, audit_mask: Callable[[str], str] = mask, **kwargs):
        self.audit_mask = audit_mask
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        return name, path, args, kwargs  # the mask is behaviour, not schema

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(str(value))

    def get_lookup(self, lookup_name):
        if lookup_name == "exact":
            return _BlankOnlyExact
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        return None
