"""The csv_convert graph tool: a workflow converts a file with a trained converter."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from csvconvert.models import ConversionJob
from csvconvert.tests.conftest import NEW_IN, NEW_OUT, b64
from graphs.engine.tools import registry
from graphs.models import Run
from graphs.services import graph_create, run_start
from graphs.tasks import run_graph
from wfplatform.jobs.models import JobStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root", "no_agents")]


def _graph(user, converter_id: str):
    definition = {
        "name": "convert",
        "start_node": "convert",
        "nodes": {"convert": {"tool": "csv_convert", "args": {"converter_id": converter_id}, "next": "end"}},
    }
    return graph_create(owner=user, definition=definition)


def _run(user, converter_id: str, state: dict) -> Run:
    run = run_start(owner=user, version=_graph(user, converter_id).current, initial_state=state)
    run_graph(str(run.pk))
    run.refresh_from_db()
    return run


def test_the_tool_is_registered_with_its_schema():
    tool = registry.get("csv_convert")
    assert tool.schema["required"] == ["converter_id", "input_file"]
    assert "trained converter" in tool.description


def test_a_graph_converts_a_file_given_inline(user, converter):
    run = _run(user, str(converter.pk), {"input_file": b64(NEW_IN, "new.csv")})

    assert run.status == JobStatus.SUCCEEDED, run.error
    output = run.state["output_file"]
    assert run.state["rows"] == 3 and output.startswith(f"{user.pk}/") and output.endswith("/output/new-converted.csv")
    assert default_storage.open(output).read() == NEW_OUT
    job = ConversionJob.objects.get(pk=run.state["conversion_job_id"])
    assert (job.kind, job.status, job.owner, job.converter) == ("inference", "succeeded", user, converter)


def test_a_graph_converts_a_stored_file_such_as_a_previous_output(user, converter):
    first = _run(user, str(converter.pk), {"input_file": b64(NEW_IN)})
    # A storage name among the owner's files, as a previous node's state would hold one.
    stored_input = ConversionJob.objects.get(pk=first.state["conversion_job_id"]).input_file
    again = _run(user, str(converter.pk), {"input_file": stored_input})
    assert again.status == JobStatus.SUCCEEDED, again.error
    assert default_storage.open(again.state["output_file"]).read() == NEW_OUT


def test_the_tool_refuses_files_of_other_users(user, other_user, converter):
    stranger_file = default_storage.save(f"{other_user.pk}/x/input/secret.csv", ContentFile(NEW_IN))
    run = _run(user, str(converter.pk), {"input_file": stranger_file})
    assert run.status == JobStatus.FAILED
    assert "is not a stored file of the converter's owner" in run.error
    assert not ConversionJob.objects.filter(kind="inference").exists()


def test_an_unknown_converter_fails_the_node(user):
    run = _run(user, "not-a-uuid", {"input_file": b64(NEW_IN)})
    assert run.status == JobStatus.FAILED and "no converter 'not-a-uuid'" in run.error


def test_a_failed_conversion_fails_the_node_with_the_reason(user, converter):
    run = _run(user, str(converter.pk), {"input_file": b64(NEW_IN + b"9,Zed\n")})
    assert run.status == JobStatus.FAILED
    assert "the converter cannot handle this input" in run.error


def test_someone_elses_converter_is_not_found_for_a_graph_run(user, other_user, converter):
    run = _run(other_user, str(converter.pk), {"input_file": b64(NEW_IN)})

    assert run.status == JobStatus.FAILED
    assert f"no converter '{converter.pk}'" in run.error
    assert not ConversionJob.objects.filter(kind="inference").exists()


def test_outside_a_graph_run_the_tool_refuses(converter):
    from graphs.engine.errors import ToolError

    with pytest.raises(ToolError, match="only inside a graph run"):
        registry.get("csv_convert").func({"converter_id": str(converter.pk), "input_file": b64(NEW_IN)})
