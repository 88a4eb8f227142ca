import stat

import pytest
from django.conf import settings
from django.db import connection

from gongkai.config.settings import _env_flag, _secret_key


def test_secret_key_is_generated_once_and_kept_private(tmp_path, monkeypatch):
    monkeypatch.delenv("GONGKAI_SECRET_KEY", raising=False)
    first = _secret_key(tmp_path)
    assert len(first) >= 50
    assert _secret_key(tmp_path) == first
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600
    monkeypatch.setenv("GONGKAI_SECRET_KEY", "from-env")
    assert _secret_key(tmp_path) == "from-env"


def test_debug_is_off_unless_asked(monkeypatch):
    monkeypatch.delenv("GONGKAI_DEBUG", raising=False)
    assert _env_flag("GONGKAI_DEBUG") is False
    monkeypatch.setenv("GONGKAI_DEBUG", "1")
    assert _env_flag("GONGKAI_DEBUG") is True
    assert settings.DEBUG is False


def test_time_zone_and_language():
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.USE_TZ is True
    assert settings.LANGUAGE_CODE == "zh-hans"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite default only")
def test_sqlite_default_runs_in_wal_mode(tmp_path, django_db_blocker):
    from django.db.backends.sqlite3.base import DatabaseWrapper

    wrapper = DatabaseWrapper({**settings.DATABASES["default"], "NAME": str(tmp_path / "wal.sqlite3")})
    with django_db_blocker.unblock():
        try:
            with wrapper.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode")
                assert cursor.fetchone()[0] == "wal"
        finally:
            wrapper.close()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="runs when DATABASE_URL points at PostgreSQL")
def test_postgresql_is_used_when_database_url_is_set():
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
