import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-secret-key")
os.environ.setdefault("GS_VAR_DIR", tempfile.mkdtemp(prefix="gs-test-var-"))

from guongsang.settings import *  # noqa: F403

# Each test worker stores its files apart: the workers inherit the run's GS_VAR_DIR, and a test that
# compares the files on disk before and after an operation must not see another worker's uploads.
MEDIA_ROOT = VAR_DIR / f"media-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"  # noqa: F405

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Sessions in the process's memory cache rather than the database: the suite signs in a few thousand
# times, and no test reads the session table (as the fast password hasher above, for speed only).
SESSION_ENGINE = "django.contrib.sessions.backends.cache"
