"""Training through the API when the engine cannot express the conversion: the real agents (CrewAI,
the OpenAI SDK) against a scripted local model, a first script the tester rejects, a second that
passes; then inference runs the stored script in the sandbox."""

from __future__ import annotations

import textwrap

import pytest
from django.core.files.storage import default_storage

from csvconvert.models import ConversionJob
from csvconvert.tasks import infer, train
from csvconvert.tests.conftest import COUNT_IN, COUNT_NEW_IN, COUNT_NEW_OUT, COUNT_OUT, COUNT_SCRIPT, b64
from wfplatform.jobs.models import JobStatus
from wfplatform.llm.testing import Reply

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("media_root"),
    pytest.mark.filterwarnings("ignore::DeprecationWarning:crewai"),
]

# Numbers every row of a key from 0: off by one, so the tester finds differing cells.
OFF_BY_ONE = COUNT_SCRIPT.replace("seen.get(key, 0) + 1", "seen.get(key, -1) + 1")


def _fenced(script: str) -> str:
    return f"The script:\n```python\n{textwrap.dedent(script).strip()}\n```\n"


def test_the_agents_learn_what_the_engine_cannot_and_the_converter_runs_in_the_sandbox(api_client, fake_llm):
    assert OFF_BY_ONE != COUNT_SCRIPT
    fake_llm.reply(
        Reply("Number the rows of each key, starting at 1; tag is key-number.", input_tokens=800, output_tokens=40),
        Reply(_fenced(OFF_BY_ONE), input_tokens=900, output_tokens=150),
        Reply("Count from 1, not 0.", input_tokens=1000, output_tokens=30),
        Reply(_fenced(COUNT_SCRIPT), input_tokens=1100, output_tokens=150),
    )
    answer = api_client.post(
        "/api/v1/train",
        {"input_file": b64(COUNT_IN), "expected_output_file": b64(COUNT_OUT), "instructions": "number each key"},
        format="json",
    )
    assert answer.status_code == 202, answer.content
    job_id = answer.json()["job_id"]

    assert train(job_id) == JobStatus.SUCCEEDED
    job = api_client.get(f"/api/v1/jobs/{job_id}").json()
    assert job["status"] == "succeeded", job
    training = ConversionJob.objects.get(pk=job_id)
    assert training.agent_cycle == 2
    assert training.llm_usage["calls"] == 4
    assert (training.llm_usage["input_tokens"], training.llm_usage["output_tokens"]) == (3800, 370)
    converter = training.converter
    assert converter.source == "llm" and "seen.get(key, 0) + 1" in converter.script
    assert converter.check_result["ok"] is True
    # The second cycle's agents were told what the first script got wrong.
    assert "cells differ" in fake_llm.requests[2].prompt and "seen.get(key, -1)" in fake_llm.requests[3].prompt
    assert "number each key" in fake_llm.requests[0].prompt

    run = api_client.post("/api/v1/inference/run", {"job_id": job_id, "input_file": b64(COUNT_NEW_IN)}, format="json")
    assert run.status_code == 202, run.content
    assert infer(run.json()["job_id"]) == JobStatus.SUCCEEDED
    done = ConversionJob.objects.get(pk=run.json()["job_id"])
    assert default_storage.open(done.output_file).read() == COUNT_NEW_OUT
    download = api_client.get(f"/api/v1/jobs/{done.pk}/output/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == COUNT_NEW_OUT
