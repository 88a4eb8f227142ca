"""Settings, read from environment variables with safe defaults.

| variable | default | meaning |
| --- | --- | --- |
| ``GONGKAI_DATA_DIR`` | ``./var`` | SQLite, secret key, static files, uploads, report-checks/ (a day) |
| ``DATABASE_URL`` | SQLite (WAL) in the data folder | e.g. ``postgres://user@host:5432/gongkai`` for production |
| ``GONGKAI_SECRET_KEY`` | generated once into ``<data>/secret_key`` | never committed |
| ``GONGKAI_DEBUG`` | off | ``1`` turns Django's debug mode on (never in production) |
| ``GONGKAI_ALLOWED_HOSTS`` | ``127.0.0.1,localhost`` | comma-separated host names |
| ``GONGKAI_HTTPS`` | off | ``1`` behind TLS: secure cookies, HSTS, redirect to https |
| ``GONGKAI_FIELD_KEYS`` | generated once into ``<data>/field_keys`` | keys encrypting applicants' personal data |
| ``GONGKAI_SMTP_HOST`` | unset: mail is written to ``<data>/mail`` | SMTP server; with ``GONGKAI_SMTP_PORT`` (465), |
| | | ``GONGKAI_SMTP_USER``, ``GONGKAI_SMTP_PASSWORD`` (SSL) |
| ``GONGKAI_MAIL_FROM`` | ``noreply@localhost`` | sender of notices and reminders |
| ``GONGKAI_TASKS_BACKEND`` | ``django_tasks_db.DatabaseBackend`` | background work (mail); run ``gongkai db_worker`` |
"""

import os
import secrets
from pathlib import Path

import dj_database_url


def _env_flag(name: str, *, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key(data_dir: Path) -> str:
    key = os.environ.get("GONGKAI_SECRET_KEY")
    if key:
        return key
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    key = secrets.token_urlsafe(50)
    path.write_text(key, encoding="ascii")
    path.chmod(0o600)
    return key


PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("GONGKAI_DATA_DIR", Path.cwd() / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = _secret_key(DATA_DIR)
DEBUG = _env_flag("GONGKAI_DEBUG")
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("GONGKAI_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_tasks_db",
    "gongkai.accounts",
    "gongkai.audit",
    "gongkai.agencies",
    "gongkai.workcalendar",
    "gongkai.publications",
    "gongkai.inforequests",
    "gongkai.appeals",
    "gongkai.consultations",
    "gongkai.reports",
    "gongkai.serviceguides",
    "gongkai.keyareas",
    "gongkai.search",
    "gongkai.datalists",
    "gongkai.backoffice",
    "gongkai.portal",
    "gongkai.scheduled",
    "gongkai.mail",
    "gongkai.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "gongkai.audit.middleware.RequestContextMiddleware",
]

ROOT_URLCONF = "gongkai.config.urls"
WSGI_APPLICATION = "gongkai.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.backoffice.context.office_nav",
            ],
        },
    },
]

_sqlite_default = f"sqlite:///{DATA_DIR / 'gongkai.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL") or _sqlite_default)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the portal read while the back office writes; IMMEDIATE avoids "database is locked"
    # upgrades from read to write locks inside transactions.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000",
        "transaction_mode": "IMMEDIATE",
    }
    # Tests use a file (not Django's shared-cache in-memory database) so that concurrent tests see the
    # same WAL locking and busy timeout as production.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-gongkai.sqlite3")}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("GONGKAI_CONN_MAX_AGE", "60"))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "backoffice:login"
LOGIN_REDIRECT_URL = "backoffice:dashboard"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True  # serve app static files without a collectstatic step
MEDIA_ROOT = DATA_DIR / "media"  # attachments: served only through access-checked views, never MEDIA_URL
GONGKAI_MAX_ATTACHMENT_BYTES = int(os.environ.get("GONGKAI_MAX_ATTACHMENT_MB", "50")) * 1024 * 1024

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
if _env_flag("GONGKAI_HTTPS"):
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("GONGKAI_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint narrates every PDF step at INFO; its warnings (missing fonts, bad CSS) still show
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Background work (mail after commit) through django-tasks; the database backend needs no extra server.
TASKS = {"default": {"BACKEND": os.environ.get("GONGKAI_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

DEFAULT_FROM_EMAIL = os.environ.get("GONGKAI_MAIL_FROM", "noreply@localhost")
if os.environ.get("GONGKAI_SMTP_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["GONGKAI_SMTP_HOST"]
    EMAIL_PORT = int(os.environ.get("GONGKAI_SMTP_PORT", "465"))
    EMAIL_HOST_USER = os.environ.get("GONGKAI_SMTP_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("GONGKAI_SMTP_PASSWORD", "")
    EMAIL_USE_SSL = EMAIL_PORT == 465  # noqa: PLR2004
    EMAIL_USE_TLS = not EMAIL_USE_SSL
    EMAIL_TIMEOUT = 30
else:  # nothing leaves the machine: each message is a file under <data>/mail
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = DATA_DIR / "mail"
