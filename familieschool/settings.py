"""Settings for Familieschool: one module, driven by environment variables.

Development and tests run through ``scripts/dev.py``, which starts the embedded PostgreSQL
and Redis under ``.data/`` when ``DATABASE_URL`` / ``REDIS_URL`` are unset and exports their
URLs. Settings never start servers themselves. With ``DJANGO_DEBUG`` off (the default) a
missing variable is a loud start-up error: production never falls back to anything.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DJANGO_DEBUG", False)
DEMO_MODE = env_bool("FAMILIESCHOOL_DEMO", False)

_REQUIRED_IN_PRODUCTION = ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL")
if not DEBUG:
    missing = [name for name in _REQUIRED_IN_PRODUCTION if not env(name)]
    if missing:
        raise ImproperlyConfigured(
            "Productie-instellingen (DJANGO_DEBUG uit) vereisen: "
            + ", ".join(missing)
            + ". Voor ontwikkeling: gebruik `make run` of `make test`."
        )
elif not env("DATABASE_URL") or not env("REDIS_URL"):
    raise ImproperlyConfigured(
        "DATABASE_URL en REDIS_URL ontbreken. Start via `make run`, `make test` of "
        "`.venv/bin/python scripts/dev.py services -- <commando>`; die starten de ingebouwde "
        "PostgreSQL en Redis onder .data/."
    )

SECRET_KEY = env("DJANGO_SECRET_KEY") or "dev-only-not-secret-" + "x" * 40
ALLOWED_HOSTS = [h.strip() for h in env("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in env("DJANGO_CSRF_TRUSTED_ORIGINS").split(",") if o.strip()]

INSTALLED_APPS = [
    "familieschool.apps.FamilieschoolConfig",
    "partners",
    "gezinnen",
    "activiteiten",
    "subsidies",
    "dashboard",
    "meting",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "csp",
    "pgtrigger",
    "pghistory",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # No LocaleMiddleware: the staff interface is Dutch whatever the browser asks for; what parents
    # see is rendered in the guardian's own language explicitly (translation.override).
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Default deny: every view needs a login unless it says @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "familieschool.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "familieschool.middleware.ActiveSchoolMiddleware",
    "familieschool.middleware.RequireMFAMiddleware",
    "familieschool.middleware.NoStoreMiddleware",
    "pghistory.middleware.HistoryMiddleware",
]
# `make bench` only (docs/performance.md): server time and query count as response headers,
# outermost so they cover the whole stack. Never set in production.
if env_bool("FAMILIESCHOOL_BENCH", False):
    MIDDLEWARE.insert(0, "bench.middleware.BenchMiddleware")

ROOT_URLCONF = "familieschool.urls"
WSGI_APPLICATION = "familieschool.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "familieschool.context_processors.shell",
            ],
        },
    },
]

# --- Database: PostgreSQL only -------------------------------------------------------------
DATABASES: dict[str, Any] = {
    "default": dj_database_url.parse(env("DATABASE_URL"), conn_max_age=60, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("Familieschool draait alleen op PostgreSQL (DATABASE_URL=postgres://...).")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: Celery broker and result backend, the cache (rate limits need a real cache) -----
REDIS_URL = env("REDIS_URL")


def _redis_cache_location(url: str, db: int) -> str:
    """redis-py wants unix:// where kombu wants redis+socket://; the cache gets its own db."""
    if url.startswith("redis+socket://"):
        return "unix://" + url.removeprefix("redis+socket://").split("?")[0] + f"?db={db}"
    base = url.rstrip("/")
    head, _, tail = base.rpartition("/")
    if tail.isdigit() and head.count("/") >= 2:
        base = head
    return f"{base}/{db}"


CACHE_DB = 1  # the broker uses db 0
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": _redis_cache_location(REDIS_URL, CACHE_DB),
        # Per database: one Redis may serve several (make bench serves two data sets, a restore
        # is checked in a fresh database), and kept figures are keyed by ids.
        "KEY_PREFIX": f"familieschool:{DATABASES['default']['NAME']}",
    }
}

CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = "Europe/Amsterdam"
CELERY_BEAT_SCHEDULE_FILENAME = str(BASE_DIR / ".data" / "celerybeat-schedule")

# --- Auth and accounts (django-allauth, MFA) -------------------------------------------------
AUTH_USER_MODEL = "familieschool.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "start"
ACCOUNT_ADAPTER = "familieschool.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
# allauth's defaults, written out so a test can see they are on: failed logins 10/min per
# address and 5 per 5 minutes per account; resets 5/min per account.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "reauthenticate": "10/m/user",
}
ALLAUTH_TRUSTED_PROXY_COUNT = int(env("DJANGO_TRUSTED_PROXY_COUNT", "0"))
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Familieschool"
MFA_ADAPTER = "familieschool.adapters.MFAAdapter"

# Sessions end after inactivity (idle timeout) and after a working day at most (absolute).
SESSION_IDLE_SECONDS = int(env("FAMILIESCHOOL_SESSION_IDLE_MINUTES", "30")) * 60
SESSION_ABSOLUTE_SECONDS = 12 * 3600
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# --- Internationalisation: the staff interface is Dutch ---------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Static files: vendored, served by whitenoise, no CDN -----------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", str(BASE_DIR / ".data" / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploaded files live outside the web root and are only served through permission-checked views.
MEDIA_ROOT = Path(env("FAMILIESCHOOL_PRIVATE_MEDIA_ROOT", str(BASE_DIR / ".data" / "private")))
# Attachments of expenses (invoices): PDF, PNG or JPEG, checked by content, at most this size.
FAMILIESCHOOL_BIJLAGE_MAX_MB = int(env("FAMILIESCHOOL_BIJLAGE_MAX_MB", "10"))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Mail -------------------------------------------------------------------------------------
_email = dj_email_url.parse(env("EMAIL_URL", "console://" if DEBUG else "smtp://localhost:25"))
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Familieschool <noreply@familieschool.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security headers -------------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# --- Logging: no sensitive values; request ids, not request bodies ---------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"redact": {"()": "familieschool.logging.RedactSecretsFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's request logger can include POST data in 500 reports; keep it to the message.
        "django.request": {"level": "ERROR"},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # WeasyPrint narrates every rendering step at INFO; only its warnings matter.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

FAMILIESCHOOL_INVITE_DAYS = 7
FAMILIESCHOOL_DATA_DIR = Path(env("FAMILIESCHOOL_DATA_DIR", str(BASE_DIR / ".data")))
FAMILIESCHOOL_BASE_URL = env("FAMILIESCHOOL_BASE_URL", "http://127.0.0.1:8000")

# Parent activities: reminders N days before (the outbox, activiteiten.ouders.herinneringen) and
# the SMS backend (docs/sms.md). The file backend writes texts to the data directory: fine for
# development and tests; in production without a provider every text fails at once with that
# reason (GeenProvider), and `check --deploy` warns when production writes texts to a file.
FAMILIESCHOOL_HERINNERINGEN_DAGEN = tuple(
    int(d) for d in env("FAMILIESCHOOL_HERINNERINGEN_DAGEN", "7,1").split(",") if d.strip()
)
FAMILIESCHOOL_HERINNERINGEN_LEASE_SECONDEN = 600
FAMILIESCHOOL_HERINNERINGEN_BACKOFF_SECONDEN = 60
FAMILIESCHOOL_HERINNERINGEN_BATCH = 100
FAMILIESCHOOL_SMS_BACKEND = env(
    "FAMILIESCHOOL_SMS_BACKEND",
    "activiteiten.ouders.sms.FileBackend" if DEBUG else "activiteiten.ouders.sms.GeenProvider",
)
# Longer than any task may run (the reminder task's hard limit is 120 s), so Redis does not
# hand a running task to a second worker.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
# Pupils (and their families and guardians) who left longer ago than this are anonymised by a
# periodic task (gezinnen.privacy). Two school years by default.
FAMILIESCHOOL_BEWAARTERMIJN_LEERLINGEN_DAGEN = int(env("FAMILIESCHOOL_BEWAARTERMIJN_LEERLINGEN_DAGEN", "730"))
# Closed signals, FSP intakes and referrals, and walk-in questions are deleted this long after
# they were closed (security-reliability.md §2.7: two years after the case closes).
FAMILIESCHOOL_BEWAARTERMIJN_DOSSIERS_DAGEN = int(env("FAMILIESCHOOL_BEWAARTERMIJN_DOSSIERS_DAGEN", "730"))
CSRF_FAILURE_VIEW = "familieschool.views.csrf_failure"
# pghistory attaches the request (user, URL) to changes; only requests that change data need it.
PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
