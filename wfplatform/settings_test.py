"""Test settings: the real settings, with test-only apps and a file-backed test database.

The SQLite test database is a file (not in memory) so that a real `qcluster` process started
by a test sees the same data.
"""

import os
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("WFP_VAR_DIR", str(_ROOT / "var" / "test"))
os.environ.setdefault("SECRET_KEY", "insecure-test-only-key-not-used-anywhere-else-0123456789")
os.environ.setdefault("WFP_THROTTLE_USER", "100000/min")
os.environ.setdefault("WFP_THROTTLE_ANON", "100000/min")
os.environ.setdefault("WFP_CLUSTER_NAME", "wfplatform-test")

from wfplatform.settings import *  # noqa: E402,F403
from wfplatform.settings import CACHES, DATABASES, INSTALLED_APPS, STATIC_ROOT, VAR_DIR  # noqa: E402

STATIC_ROOT.mkdir(parents=True, exist_ok=True)

INSTALLED_APPS = [*INSTALLED_APPS, "tests.jobsapp"]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # One file per test run, so two runs in one checkout never share a database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")}

CACHES["default"]["KEY_PREFIX"] = "wfp-test"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
