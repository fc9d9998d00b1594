"""The RESTful side: converters (explanation, script, run), job cancel, the OpenAPI schema."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from csvconvert.models import ConversionJob
from csvconvert.tasks import infer, train
from csvconvert.tests.conftest import NEW_IN, NEW_OUT, TRAIN_IN, TRAIN_OUT, b64
from wfplatform.jobs.models import JobStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root", "no_agents")]


@pytest.fixture
def converter_id(api_client) -> str:
    body = {"input_file": b64(TRAIN_IN), "expected_output_file": b64(TRAIN_OUT), "name": "people"}
    job_id = api_client.post("/api/v1/train", body, format="json").json()["job_id"]
    train(job_id)
    return api_client.get(f"/api/v1/jobs/{job_id}").json()["converter_id"]


def test_converters_list_shows_what_each_does(api_client, converter_id, api_client_for, other_user):
    listed = api_client.get("/api/v1/converters/").json()
    assert listed["count"] == 1
    converter = listed["results"][0]
    assert converter["id"] == converter_id and converter["name"] == "people" and converter["source"] == "engine"
    assert converter["check_result"]["ok"] is True
    assert converter["script_url"].endswith(f"/api/v1/converters/{converter_id}/script/")
    assert any("upper case" in line for line in converter["explanation"])
    assert api_client_for(other_user).get("/api/v1/converters/").json()["count"] == 0


def test_the_script_download_is_a_standalone_converter(api_client, converter_id, tmp_path):
    answer = api_client.get(f"/api/v1/converters/{converter_id}/script/")
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/x-python")
    assert f'filename="converter-{converter_id}.py"' in answer["Content-Disposition"]
    script = tmp_path / "converter.py"
    script.write_bytes(answer.content)
    (tmp_path / "in.csv").write_bytes(NEW_IN)
    subprocess.run([sys.executable, str(script), str(tmp_path / "in.csv"), str(tmp_path / "out.csv")], check=True)
    assert (tmp_path / "out.csv").read_bytes() == NEW_OUT


def test_a_converter_runs_on_a_new_file_through_its_run_action(api_client, converter_id):
    upload = {"input_file": SimpleUploadedFile("n.csv", NEW_IN)}
    answer = api_client.post(f"/api/v1/converters/{converter_id}/run/", upload, format="multipart")
    assert answer.status_code == 202
    assert answer.json()["kind"] == "inference"
    assert infer(answer.json()["job_id"]) == JobStatus.SUCCEEDED
    assert ConversionJob.objects.get(pk=answer.json()["job_id"]).rows == 3


def test_cancelling_a_queued_job_and_then_a_finished_one(api_client, converter_id):
    job_id = api_client.post(
        "/api/v1/inference/run", {"converter_id": converter_id, "input_file": b64(NEW_IN)}, format="json"
    ).json()["job_id"]
    cancelled = api_client.post(f"/api/v1/jobs/{job_id}/cancel/")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    again = api_client.post(f"/api/v1/jobs/{job_id}/cancel/")
    assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"
    assert infer(job_id) is None


def test_a_job_without_output_has_no_download(api_client, converter_id):
    training = ConversionJob.objects.get(kind="training")
    answer = api_client.get(f"/api/v1/jobs/{training.pk}/output/")
    assert answer.status_code == 404 and "has no output" in answer.json()["error"]["message"]
    assert api_client.get(f"/api/v1/jobs/{training.pk}/").json()["output_url"] is None


def test_deleting_a_converter_keeps_the_jobs(api_client, converter_id):
    assert api_client.delete(f"/api/v1/converters/{converter_id}/").status_code == 204
    training = ConversionJob.objects.get(kind="training")
    assert training.converter is None
    answer = api_client.post(
        "/api/v1/inference/run", {"job_id": str(training.pk), "input_file": b64(NEW_IN)}, format="json"
    )
    assert answer.status_code == 409 and answer.json()["error"]["code"] == "converter_gone"


def test_every_csvconvert_endpoint_is_in_the_schema(api_client):
    schema = api_client.get("/api/schema/?format=json").json()
    paths = schema["paths"]
    for path in ("/api/v1/train", "/api/v1/inference/run", "/api/v1/jobs/", "/api/v1/jobs/{id}", "/api/v1/jobs/{id}/",
                 "/api/v1/jobs/{id}/output/", "/api/v1/jobs/{id}/cancel/", "/api/v1/converters/",
                 "/api/v1/converters/{id}/script/", "/api/v1/converters/{id}/run/"):  # fmt: skip
        assert path in paths, path
    assert "202" in paths["/api/v1/train"]["post"]["responses"]
    assert "multipart/form-data" in paths["/api/v1/train"]["post"]["requestBody"]["content"]
