"""Settings, read from the environment with embedded defaults (SQLite, local files, DB tasks).

See docs/operations.md for every variable.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
import xstatic.pkg.bootstrap
from django.core.exceptions import ImproperlyConfigured

from guongsang.lib.env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(envstr("GS_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = envbool("DEBUG", False)
SECRET_KEY = envstr("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG and not envbool("GS_ALLOW_INSECURE_KEY", False):
        raise ImproperlyConfigured("SECRET_KEY is not set (set DEBUG=1 for a development key).")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "treebeard",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "guongsang.accounts",
    "guongsang.org",
    "guongsang.documents",
    "guongsang.notifications",
    "guongsang.campaigns",
    "guongsang.nominations",
    "guongsang.reports",
    "guongsang.importer",
    "guongsang.awards",
    "guongsang.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "guongsang.lib.middleware.CleanInputMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "guongsang.accounts.middleware.AuditAddressMiddleware",
    "guongsang.accounts.middleware.SessionTimeoutMiddleware",
    "guongsang.accounts.middleware.SecondFactorMiddleware",
]

ROOT_URLCONF = "guongsang.urls"
WSGI_APPLICATION = "guongsang.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "guongsang" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "guongsang.accounts.context_processors.navigation",
            ],
        },
    }
]

# Database: SQLite under var/ unless DATABASE_URL names another (postgres://…).
DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=envint("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background tasks: the database queue by default, Redis (RQ) when REDIS_URL is set.
REDIS_URL = envstr("REDIS_URL")
if REDIS_URL:
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lock-out after repeated failed logins (django-axes), per user name and address.
AXES_ENABLED = envbool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True

# Vietnamese only: the interface is written in Vietnamese (not translatable), so no other language is
# offered, and Django's own texts (validation, the admin) are in Vietnamese whatever the browser asks for.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = envstr("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["guongsang.formats"]
DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "H:i d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# In development static files come straight from the apps and packages; in production from
# `collectstatic` into STATIC_ROOT, served by WhiteNoise (no CDN, nothing fetched at run time).
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
STATICFILES_DIRS = [
    BASE_DIR / "guongsang" / "static",
    ("bootstrap", xstatic.pkg.bootstrap.BASE_DIR),
]
# Uploaded files live outside the web root and are served only through permission-checked views.
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(VAR_DIR / "media")))
# No URL serves this prefix: downloads go through views that check permission first.
MEDIA_URL = "/_noi-bo/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
GS_IMPORT_MAX_BYTES = envint("GS_IMPORT_MAX_BYTES", 20 * 1024 * 1024)
GS_IMPORT_MAX_PAGES = envint("GS_IMPORT_MAX_PAGES", 100)
GS_UPLOAD_MAX_BYTES = envint("GS_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
# A folder holding a Vietnamese TrueType serif (Liberation Serif or DejaVu Serif) for certificates.
GS_PDF_FONT_DIR = envstr("GS_PDF_FONT_DIR", "")
# Dotted path to a callable(data: bytes, name: str) that raises ValidationError for an infected file.
GS_VIRUS_SCANNER = envstr("GS_VIRUS_SCANNER")

# E-mail: printed to the console unless an SMTP host is configured.
EMAIL_HOST = envstr("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("EMAIL_PORT", 25)
    EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
    EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "guongsang@localhost")

SESSION_COOKIE_HTTPONLY = True
# A sign-in lasts a working day at most (GS_SESSION_HOURS), and ends sooner after GS_SESSION_IDLE_MINUTES
# without a request (guongsang/accounts/middleware.py). Saving a report section counts as activity.
SESSION_COOKIE_AGE = envint("GS_SESSION_HOURS", 8) * 3600
GS_SESSION_IDLE_SECONDS = envint("GS_SESSION_IDLE_MINUTES", 120) * 60
# Two-factor sign-in (TOTP apps, with recovery codes; docs/security.md). Users holding one of these roles
# must turn it on before they can use the app, e.g. GS_2FA_REQUIRED_ROLES=manager,leader.
GS_2FA_REQUIRED_ROLES = envlist("GS_2FA_REQUIRED_ROLES")
OTP_TOTP_ISSUER = "Gương Sáng"
GS_RECOVERY_CODES = 10
# The audit log's hash chain is keyed by this (accounts/chain.py); empty: derived from SECRET_KEY.
GS_AUDIT_KEY = envstr("GS_AUDIT_KEY")
# Served over TLS (GS_TLS=1, usually behind a reverse proxy that sets X-Forwarded-Proto): cookies are
# Secure, plain HTTP is redirected and browsers are told to use HTTPS only (HSTS). `manage.py check
# --deploy` is clean with these (tests/test_deploy_settings.py). SECURE_COOKIES=1 is the older name.
GS_TLS = envbool("GS_TLS", envbool("SECURE_COOKIES", False))
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = GS_TLS
SECURE_SSL_REDIRECT = GS_TLS and envbool("GS_TLS_REDIRECT", True)
SECURE_HSTS_SECONDS = envint("GS_HSTS_SECONDS", 31536000) if GS_TLS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = GS_TLS and envbool("GS_HSTS_SUBDOMAINS", True)
# The browsers' HSTS preload list is for public domains; the app runs on a closed network.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
if envbool("GS_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Scripts, styles, fonts and images from this server only; no inline script, no inline style, no
# eval (htmx is told so in base.html), no framing, forms post to this server only. Bootstrap's icons
# are data: URIs in its stylesheet.
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
# No page uses the camera, microphone, location, payment or the like.
PERMISSIONS_POLICY = {
    name: []
    for name in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
