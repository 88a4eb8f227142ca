"""Keys for field encryption and keyed lookup hashes, from the environment (or, for a demo or a single
machine, generated once into the data folder like the Django secret key).

``GONGKAI_FIELD_KEYS``: comma-separated Fernet keys, the first encrypts, all decrypt (rotation: put the new
key first, re-save the records, then drop the old key). ``GONGKAI_LOOKUP_KEY``: the HMAC key of the
lookup hashes (changing it breaks identity matching of stored records; it is not rotated).
"""

import hashlib
import hmac
import os
import unicodedata
from functools import cache
from pathlib import Path

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings


def _from_file(name: str, make: bytes) -> bytes:
    path = Path(settings.DATA_DIR) / name
    if not path.exists():
        path.write_bytes(make)
        path.chmod(0o600)
    return path.read_bytes().strip()


@cache
def fernet() -> MultiFernet:
    configured = os.environ.get("GONGKAI_FIELD_KEYS", "")
    keys = [k.strip().encode() for k in configured.split(",") if k.strip()]
    if not keys:
        keys = [_from_file("field_key", Fernet.generate_key())]
    return MultiFernet([Fernet(k) for k in keys])


@cache
def lookup_key() -> bytes:
    configured = os.environ.get("GONGKAI_LOOKUP_KEY", "")
    return configured.encode() if configured else _from_file("lookup_key", os.urandom(32).hex().encode())


def normalise_identity(value: str) -> str:
    """Full-width to half-width, no spaces, upper case: one person's ID number always hashes the same."""
    return unicodedata.normalize("NFKC", value).replace(" ", "").replace("-", "").upper()


def lookup_hash(value: str) -> str:
    """A keyed hash of an identity for matching (rate limits, monthly counts for fees) without storing it."""
    if not value:
        return ""
    return hmac.new(lookup_key(), normalise_identity(value).encode(), hashlib.sha256).hexdigest()
