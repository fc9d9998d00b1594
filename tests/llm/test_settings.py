"""The LLM settings: defaults, bad values stopping the start, and CrewAI kept off the network."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRINT = (
    "import os, django; django.setup(); from django.conf import settings as s; "
    "print(s.OPENAI_MODEL, s.OPENAI_TEMPERATURE, s.ANTHROPIC_MODEL, s.WFP_LLM_MAX_RETRIES, s.WFP_LLM_RPM, "
    "s.WFP_AGENT_MAX_CYCLES, os.environ['CREWAI_DISABLE_TELEMETRY'], os.environ['CREWAI_TRACING_ENABLED'], "
    "os.environ['OTEL_SDK_DISABLED'])"
)
LLM_VARIABLES = {"OPENAI_MODEL", "OPENAI_TEMPERATURE", "OPENAI_BASE_URL", "ANTHROPIC_MODEL", "WFP_LLM_RPM"}


def start(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in LLM_VARIABLES and not k.startswith(("CREWAI_", "OTEL_"))}
    clean.update(
        {
            "DJANGO_SETTINGS_MODULE": "wfplatform.settings",
            "DEBUG": "1",
            "WFP_VAR_DIR": str(tmp_path / "var"),
            "WFP_ENV_FILE": str(tmp_path / "no.env"),
            "PYTHONPATH": str(ROOT),
        },
        **env,
    )
    return subprocess.run([sys.executable, "-c", PRINT], cwd=tmp_path, env=clean, capture_output=True, text=True,
                          timeout=60)  # fmt: skip


def test_defaults_name_a_model_and_keep_crewai_from_phoning_home(tmp_path):
    result = start(tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["gpt-4o-mini", "0.1", "claude-sonnet-4-5", "3", "0", "5", "true", "false", "true"]


def test_a_bad_temperature_stops_the_start_naming_the_variable(tmp_path):
    result = start(tmp_path, OPENAI_TEMPERATURE="warm")

    assert result.returncode != 0
    assert "OPENAI_TEMPERATURE='warm' is not a number" in result.stderr


def test_a_base_url_must_be_http(tmp_path):
    result = start(tmp_path, OPENAI_BASE_URL="ftp://example.org")

    assert result.returncode != 0
    assert "OPENAI_BASE_URL must be an http:// or https:// URL" in result.stderr
