"""Personal data is encrypted at rest, decrypts on load, cannot be queried by content, and is masked in audit."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models

from gongkai.audit.snapshots import snapshot
from gongkai.privacy import keys
from gongkai.privacy.fields import EncryptedTextField, decrypt, encrypt
from gongkai.privacy.keys import lookup_hash
from gongkai.privacy.masking import mask_address, mask_name


def test_encrypt_is_randomised_and_round_trips():
    a, b = encrypt("11010519491231002X"), encrypt("11010519491231002X")
    assert a != b
    assert "11010519491231002X" not in a
    assert decrypt(a) == decrypt(b) == "11010519491231002X"


@pytest.fixture
def field_keys(monkeypatch):
    def use(*keys_in_order):
        monkeypatch.setenv("GONGKAI_FIELD_KEYS", ",".join(keys_in_order))
        keys.fernet.cache_clear()

    yield use
    monkeypatch.delenv("GONGKAI_FIELD_KEYS")
    keys.fernet.cache_clear()


def test_key_rotation_new_key_first_old_key_still_decrypts(field_keys):
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    field_keys(old_key)
    old = encrypt("13912345678")
    field_keys(new_key, old_key)
    assert decrypt(old) == "13912345678"
    rotated = encrypt("13912345678")
    field_keys(new_key)
    assert decrypt(rotated) == "13912345678"
    with pytest.raises(ImproperlyConfigured, match="没有加密时使用的密钥"):
        decrypt(old)


def test_lookup_hash_matches_the_same_identity_however_typed():
    assert lookup_hash("11010519491231002x") == lookup_hash("１１０１０５１９４９１２３１００２Ｘ")
    assert lookup_hash("11010519491231002X") != lookup_hash("110105194912310039")
    assert lookup_hash("") == ""
    assert "11010519491231002X" not in lookup_hash("11010519491231002X")


def test_masks():
    assert mask_name("欧阳小明") == "欧***"
    assert mask_address("示范市东城区人民路100号3单元") == "示范市东城区" + "*" * 10


def test_field_stores_ciphertext_and_reads_it_back():
    field = EncryptedTextField()
    field.set_attributes_from_name("phone")
    stored = field.get_prep_value("13912345678")
    assert stored.startswith("enc:")
    assert "13912345678" not in stored
    assert field.from_db_value(stored, None, connection) == "13912345678"
    assert field.get_prep_value("") == ""
    assert field.get_lookup("icontains") is None, "no content queries on ciphertext"


class Applicant(models.Model):
    phone = EncryptedTextField()

    class Meta:
        app_label = "privacy_test"
        managed = False

    def __str__(self) -> str:
        return "applicant"


def test_snapshot_for_the_audit_trail_masks_encrypted_fields():
    assert snapshot(Applicant(phone="13912345678")) == {"id": None, "phone": "139****5678"}
