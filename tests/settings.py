"""Test settings: the real settings plus a test app that registers panels, and a cache
database per xdist worker so one worker's flush never touches another's rate limits."""

import os

from familieschool.settings import *  # noqa: F403
from familieschool.settings import CACHES, INSTALLED_APPS, REDIS_URL, _redis_cache_location

INSTALLED_APPS = [*INSTALLED_APPS, "tests.panelapp"]

_worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
CACHE_DB = 2 + _worker
CACHES = {"default": {**CACHES["default"], "LOCATION": _redis_cache_location(REDIS_URL, CACHE_DB)}}

# Celery tasks run in-process in unit tests; the integration tests start a real worker.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Hashing with 1,000,000 PBKDF2 rounds per test user would dominate the suite's time; the
# production hashers are checked in tests/familieschool/test_settings.py.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Uploaded attachments of the tests go to a temporary folder per worker, not to .data/.
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

MEDIA_ROOT = Path(tempfile.gettempdir()) / f"familieschool-test-media-{_worker}"

# A browser test computes the TOTP code and then types it; when that straddles the 30-second
# boundary the server already expects the next code and the login stalls on the 2FA page (one
# CI run in dozens, more on a busy machine). Tests accept the neighbouring window; production
# keeps allauth's tolerance of 0 (tests/familieschool/test_settings.py).
MFA_TOTP_TOLERANCE = 1
