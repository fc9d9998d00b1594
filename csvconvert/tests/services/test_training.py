"""Training on a worker: the engine, its failure report, the LLM agents' fallback and its check."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage

from csvconvert.models import ConversionJob, Converter
from csvconvert.services import inference_start, training_start
from csvconvert.tasks import infer, train
from csvconvert.tests.conftest import (
    COUNT_IN,
    COUNT_NEW_IN,
    COUNT_NEW_OUT,
    COUNT_OUT,
    TRAIN_IN,
    TRAIN_OUT,
    AgentOutcome,
    b64,
)
from wfplatform.errors import ApplicationError
from wfplatform.jobs.models import JobStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def _trained(user, source: bytes, target: bytes, **extra) -> ConversionJob:
    job = training_start(owner=user, input_file=b64(source), expected_output_file=b64(target), **extra)
    train(str(job.pk))
    job.refresh_from_db()
    return job


@pytest.mark.usefixtures("no_agents")
def test_without_an_llm_the_job_fails_with_the_closest_attempt_and_where_it_differs(user):
    job = _trained(user, COUNT_IN, COUNT_OUT)

    assert job.status == JobStatus.FAILED and job.error_code == "engine_no_program"
    assert job.error.startswith("The engine could not express this conversion.\nIts closest attempt:\n  1. ")
    assert "It differs from the expected output in 6 of 12 cells, e.g.:" in job.error
    assert "row 1, column 1: expected 'tag', got 'key'" in job.error
    assert "row 2, column 1: expected 'a-1', got 'a'" in job.error
    assert "enables the agent fallback" in job.error
    report = job.diff_report
    assert report["source"] == "engine" and report["cells_differing"] == 6 and report["cells_checked"] == 12
    assert report["closest"]["explanation"] and report["closest"]["program"]["steps"]
    cells = report["examples"][0]["differences"]
    assert {"row": 3, "column": 1, "expected": "a-2", "actual": "a"} in cells
    assert not Converter.objects.exists()


def test_the_agents_script_becomes_an_llm_converter_that_runs_in_the_sandbox(user, fake_agents):
    job = _trained(user, COUNT_IN, COUNT_OUT, instructions="number each key's rows")

    assert job.status == JobStatus.SUCCEEDED, job.error
    call = fake_agents.calls[0]
    assert call["input_csv"] == COUNT_IN and call["expected_csv"] == COUNT_OUT
    assert call["instructions"] == "number each key's rows"
    assert call["closest"]["explanation"] and call["closest"]["differences"][0]["expected"] == "tag"
    converter = job.converter
    assert converter.source == "llm" and converter.program is None and "seen[key]" in converter.script
    assert converter.check_result == {"cells_checked": 12, "cells_matching": 12, "ok": True}
    assert "Number each key's rows." in converter.explanation
    assert job.llm_usage == {"input_tokens": 1200, "output_tokens": 300, "cost_usd": 0.004}
    assert job.agent_cycle == 2
    assert job.diff_report["source"] == "engine"  # why the engine needed help stays on record

    run = inference_start(owner=user, converter=converter, input_file=b64(COUNT_NEW_IN))
    assert infer(str(run.pk)) == JobStatus.SUCCEEDED
    run.refresh_from_db()
    assert run.rows == 4 and "sandbox_seconds" in run.stats
    assert default_storage.open(run.output_file).read() == COUNT_NEW_OUT


def test_the_job_shows_the_agent_cycle_it_is_in(user, fake_agents):
    fake_agents.outcome = AgentOutcome(ok=True, script=fake_agents.outcome.script, cycles=3)
    seen = []

    def look(cycle: int) -> None:
        job = ConversionJob.objects.get()
        seen.append((job.agent_cycle, job.progress, job.progress_message))

    fake_agents.on_each_cycle = look
    _trained(user, COUNT_IN, COUNT_OUT)

    assert [entry[0] for entry in seen] == [1, 2, 3]
    assert seen[1][2] == "agent cycle 2/5: coder writing the script"
    assert seen[0][1] < seen[1][1] < seen[2][1] < 100


def test_an_agents_script_that_misses_the_example_is_refused(user, fake_agents):
    wrong = fake_agents.outcome.script.replace('f"{key}-{seen[key]}"', "key")
    fake_agents.outcome = AgentOutcome(ok=True, script=wrong, cycles=1)
    job = _trained(user, COUNT_IN, COUNT_OUT)

    assert job.status == JobStatus.FAILED and job.error_code == "check_failed"
    assert "does not reproduce the example in the sandbox: 5 cell(s) differ" in job.error
    assert job.diff_report["source"] == "llm" and job.diff_report["cells_differing"] == 5
    assert not Converter.objects.exists()


def test_when_the_agents_give_up_the_job_says_why(user, fake_agents):
    fake_agents.outcome = AgentOutcome(ok=False, script=None, cycles=5, reason="the tester kept failing",
                                       usage={"input_tokens": 10})  # fmt: skip
    job = _trained(user, COUNT_IN, COUNT_OUT)

    assert job.status == JobStatus.FAILED and job.error_code == "no_converter"
    assert "The LLM agents found no script either after 5 cycle(s): the tester kept failing" in job.error
    assert "Its closest attempt:" in job.error
    assert job.llm_usage == {"input_tokens": 10} and job.agent_cycle == 5


@pytest.mark.usefixtures("fake_agents")
def test_the_engine_comes_first_even_with_an_llm(user, fake_agents):
    job = _trained(user, TRAIN_IN, TRAIN_OUT)
    assert job.status == JobStatus.SUCCEEDED and job.converter.source == "engine"
    assert fake_agents.calls == [] and job.llm_usage is None and job.diff_report is None


@pytest.mark.usefixtures("no_agents")
@pytest.mark.parametrize(
    ("source", "target", "code", "words"),
    [
        (TRAIN_IN, b"\n\n\n", "empty_file", "expected output file (expected.csv) holds only blank lines"),
        (b"\x00\x00\xff\xfe\x00garbage" * 40, TRAIN_OUT, "not_csv", "looks like binary data"),
    ],
)
def test_files_that_are_not_csv_are_refused_at_submit(user, media_root, source, target, code, words):
    with pytest.raises(ApplicationError) as refused:
        training_start(owner=user, input_file=b64(source), expected_output_file=b64(target))
    assert refused.value.code == code and words in refused.value.message
    assert not ConversionJob.objects.exists() and not list(media_root.rglob("*.csv"))


@pytest.mark.usefixtures("no_agents")
def test_a_training_example_past_the_row_limit_fails_clearly(user, settings, monkeypatch):
    monkeypatch.setattr("csvconvert.services.training.MAX_TRAINING_ROWS", 3)
    job = _trained(user, TRAIN_IN, TRAIN_OUT)
    assert job.status == JobStatus.FAILED and job.error_code == "example_too_large"
    assert "The input file has 4 rows; a training example may have at most 3." in job.error


@pytest.mark.usefixtures("no_agents")
def test_a_training_job_deleted_while_learning_leaves_no_converter(user, monkeypatch):
    from csvconvert.services import job_delete, training

    job = training_start(owner=user, input_file=b64(TRAIN_IN), expected_output_file=b64(TRAIN_OUT))
    real_learn = training.learn

    def learn_then_lose_the_job(*args, **kwargs):
        program = real_learn(*args, **kwargs)
        job_delete(job=ConversionJob.objects.get(pk=job.pk))  # as a DELETE request would, meanwhile
        return program

    monkeypatch.setattr(training, "learn", learn_then_lose_the_job)
    assert train(str(job.pk)) == JobStatus.CANCELLED
    assert not Converter.objects.exists() and not ConversionJob.objects.exists()
