"""Settings come from the environment; a bad value stops the start naming the variable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PRINT_SETTINGS = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'], "
    "s.STORAGES['default']['BACKEND'], 'redis' in s.Q_CLUSTER, s.DEBUG)"
)


def start(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG"}}
    clean.update(
        {
            "DJANGO_SETTINGS_MODULE": "wfplatform.settings",
            "WFP_VAR_DIR": str(tmp_path / "var"),
            "WFP_ENV_FILE": str(tmp_path / "no.env"),
        },
        **env,
    )
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=tmp_path,
        env={**clean, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_defaults_give_a_single_machine_platform(tmp_path):
    result = start(tmp_path, DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "django.core.cache.backends.db.DatabaseCache",
        "django.core.files.storage.FileSystemStorage",
        "False",
        "True",
    ]


def test_a_local_secret_key_is_generated_once_and_kept(tmp_path):
    assert start(tmp_path, DEBUG="1").returncode == 0
    key_file = tmp_path / "var" / "secret_key"
    first = key_file.read_text()
    assert start(tmp_path, DEBUG="1").returncode == 0
    assert key_file.read_text() == first and len(first) > 40
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"


def test_sqlite_runs_in_wal_mode(tmp_path):
    code = (
        "import django; django.setup(); from django.db import connection; c=connection.cursor(); "
        "c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "wfplatform.settings",
        "DEBUG": "1",
        "WFP_VAR_DIR": str(tmp_path / "var"),
        "PYTHONPATH": str(ROOT),
        "WFP_ENV_FILE": str(tmp_path / "no.env"),
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.stdout.strip() == "wal", result.stderr


def test_postgres_redis_and_s3_are_selected_by_their_variables(tmp_path):
    result = start(
        tmp_path,
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://u:p@db.example:5432/wfp",
        REDIS_URL="redis://cache.example:6379/0",
        AWS_BUCKET_NAME="legacy-bucket-name",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "django.core.cache.backends.redis.RedisCache",
        "storages.backends.s3.S3Storage",
        "True",
        "False",
    ]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "0"}, "SECRET_KEY must be set when DEBUG is off"),
        ({"DEBUG": "maybe"}, "DEBUG='maybe' is not a boolean"),
        ({"DEBUG": "1", "DATABASE_URL": "mysql://u@h/db"}, "DATABASE_URL must be a sqlite:// or postgres:// URL"),
        ({"DEBUG": "1", "DATABASE_URL": "nonsense"}, "DATABASE_URL is not a valid database URL"),
        ({"DEBUG": "1", "REDIS_URL": "localhost:6379"}, "REDIS_URL must start with redis://"),
        ({"DEBUG": "1", "WFP_WORKERS": "two"}, "WFP_WORKERS='two' is not an integer"),
        ({"DEBUG": "1", "WFP_WORKERS": "0"}, "WFP_WORKERS=0 must be at least 1"),
        ({"DEBUG": "1", "WFP_THROTTLE_USER": "lots"}, "WFP_THROTTLE_USER='lots' is not a rate"),
        ({"DEBUG": "1", "AWS_S3_ENDPOINT_URL": "minio:9000"}, "AWS_S3_ENDPOINT_URL must be an http:// or https:// URL"),
        ({"DEBUG": "1", "LOG_LEVEL": "LOUD"}, "LOG_LEVEL='LOUD' is not one of"),
    ],
)
def test_a_bad_value_stops_the_start_naming_the_variable(tmp_path, env, message):
    result = start(tmp_path, **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and message in result.stderr
