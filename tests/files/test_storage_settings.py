"""Settings read at start: which storage backend the S3 variables select, and the URL allow-list."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRINT_SETTINGS = (
    "import json; from django.conf import settings; "
    "print(json.dumps({'storage': settings.STORAGES['default'], "
    "'networks': settings.WFP_FILE_ALLOWED_NETWORKS}))"
)
STORAGE_VARIABLES = ("AWS_STORAGE_BUCKET_NAME", "AWS_BUCKET_NAME", "AWS_S3_ENDPOINT_URL", "WFP_FILE_ALLOWED_NETWORKS")


def run_settings(**env: str) -> subprocess.CompletedProcess:
    """Import the test settings in a fresh interpreter, as a process start would."""
    environ = {key: value for key, value in os.environ.items() if key not in STORAGE_VARIABLES}
    # Set, even when empty: a developer's .env must not fill them in (real variables win).
    environ.update({name: "" for name in STORAGE_VARIABLES})
    environ.update(env, DJANGO_SETTINGS_MODULE="wfplatform.settings_test")
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS], cwd=ROOT, env=environ, capture_output=True, text=True, timeout=60
    )


def loaded(**env: str) -> dict:
    result = run_settings(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_a_bucket_files_are_stored_on_local_disk():
    assert loaded()["storage"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"


@pytest.mark.parametrize("variable", ["AWS_STORAGE_BUCKET_NAME", "AWS_BUCKET_NAME"])
def test_a_bucket_name_selects_s3_storage(variable):
    storage = loaded(**{variable: "wfp-files", "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000"})["storage"]

    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "wfp-files"
    assert storage["OPTIONS"]["endpoint_url"] == "http://127.0.0.1:9000"


def test_allowed_networks_are_parsed_and_normalised():
    networks = loaded(WFP_FILE_ALLOWED_NETWORKS="10.1.2.3/16, 127.0.0.1,fd00::/8")["networks"]

    assert networks == ["10.1.0.0/16", "127.0.0.1/32", "fd00::/8"]


def test_a_malformed_allowed_network_stops_the_start_naming_the_variable():
    result = run_settings(WFP_FILE_ALLOWED_NETWORKS="10.0.0.0/8,intranet")

    assert result.returncode != 0
    assert "ImproperlyConfigured: WFP_FILE_ALLOWED_NETWORKS must list IP networks" in result.stderr
