"""The predecessor's paths and shapes: train, run inference, list, read and delete jobs, queue status."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from csvconvert.models import ConversionJob, Converter
from csvconvert.tasks import infer, train
from csvconvert.tests.conftest import NEW_IN, NEW_OUT, TRAIN_IN, TRAIN_OUT, b64, stored_files
from wfplatform.jobs.models import JobStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root", "no_agents")]


def _train(client, **extra) -> str:
    body = {"input_file": b64(TRAIN_IN, "people.csv"), "expected_output_file": b64(TRAIN_OUT), **extra}
    answer = client.post("/api/v1/train", body, format="json")
    assert answer.status_code == 202, answer.content
    assert train(answer.json()["job_id"]) == JobStatus.SUCCEEDED  # what the worker does with the queued task
    return answer.json()["job_id"]


def test_train_then_infer_with_base64_files_gives_the_expected_output(api_client, user, media_root):
    answer = api_client.post(
        "/api/v1/train",
        {"input_file": b64(TRAIN_IN, "people.csv"), "expected_output_file": b64(TRAIN_OUT), "name": "people"},
        format="json",
    )
    assert answer.status_code == 202, answer.content
    assert answer.json()["status"] == "queued"
    job_id = answer.json()["job_id"]
    job = ConversionJob.objects.get(pk=job_id)
    assert (job.owner, job.kind, job.name) == (user, "training", "people")

    assert train(job_id) == JobStatus.SUCCEEDED
    trained = api_client.get(f"/api/v1/jobs/{job_id}").json()
    assert trained["status"] == "succeeded" and trained["progress"] == 100
    converter = Converter.objects.get(pk=trained["converter_id"])
    assert converter.source == "engine" and converter.owner == user
    assert converter.check_result == {"cells_checked": 12, "cells_matching": 12, "ok": True}
    assert any("upper case" in line for line in converter.explanation)
    assert "def transform" in converter.script and converter.program["steps"]

    started = api_client.post("/api/v1/inference/run", {"job_id": job_id, "input_file": b64(NEW_IN)}, format="json")
    assert started.status_code == 202, started.content
    run_id = started.json()["job_id"]
    assert infer(run_id) == JobStatus.SUCCEEDED

    done = api_client.get(f"/api/v1/jobs/{run_id}/").json()
    assert done["status"] == "succeeded" and done["kind"] == "inference" and done["rows"] == 3
    assert done["converter_id"] == str(converter.pk)
    assert done["output_url"].endswith(f"/api/v1/jobs/{run_id}/output/")
    download = api_client.get(done["output_url"])
    assert download.status_code == 200 and download["Content-Type"] == "text/csv"
    assert b"".join(download.streaming_content) == NEW_OUT
    assert (media_root / done["output_file"]).read_bytes() == NEW_OUT


def test_train_takes_multipart_uploads(api_client):
    answer = api_client.post(
        "/api/v1/train",
        {
            "input_file": SimpleUploadedFile("in.csv", TRAIN_IN, content_type="text/csv"),
            "expected_output_file": SimpleUploadedFile("out.csv", TRAIN_OUT, content_type="text/csv"),
            "instructions": "join the names",
        },
        format="multipart",
    )
    assert answer.status_code == 202, answer.content
    job = ConversionJob.objects.get(pk=answer.json()["job_id"])
    assert job.input_file.endswith("/input/in.csv") and job.expected_file.endswith("/expected/out.csv")
    assert job.instructions == "join the names" and job.name == "in"
    assert train(str(job.pk)) == JobStatus.SUCCEEDED


def test_inference_takes_a_converter_id_and_a_multipart_upload(api_client):
    converter_id = api_client.get(f"/api/v1/jobs/{_train(api_client)}").json()["converter_id"]
    answer = api_client.post(
        "/api/v1/inference/run",
        {"converter_id": converter_id, "input_file": SimpleUploadedFile("new.csv", NEW_IN)},
        format="multipart",
    )
    assert answer.status_code == 202, answer.content
    assert infer(answer.json()["job_id"]) == JobStatus.SUCCEEDED
    job = ConversionJob.objects.get(pk=answer.json()["job_id"])
    assert job.output_file.endswith("/output/new-converted.csv")


def test_inference_needs_exactly_one_of_job_id_and_converter_id(api_client):
    answer = api_client.post("/api/v1/inference/run", {"input_file": b64(NEW_IN)}, format="json")
    assert answer.status_code == 400
    assert "exactly one of job_id" in str(answer.json()["error"]["details"])
    assert not ConversionJob.objects.exists()


def test_inference_refuses_a_training_job_that_has_not_succeeded(api_client):
    body = {"input_file": b64(TRAIN_IN), "expected_output_file": b64(TRAIN_OUT)}
    job_id = api_client.post("/api/v1/train", body, format="json").json()["job_id"]
    answer = api_client.post("/api/v1/inference/run", {"job_id": job_id, "input_file": b64(NEW_IN)}, format="json")
    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "training_not_succeeded"
    assert ConversionJob.objects.count() == 1


def test_the_job_list_shows_the_callers_jobs_filtered_by_kind_and_status(api_client, api_client_for, other_user):
    job_id = _train(api_client)
    api_client.post("/api/v1/inference/run", {"job_id": job_id, "input_file": b64(NEW_IN)}, format="json")
    _train(api_client_for(other_user))

    everything = api_client.get("/api/v1/jobs/").json()
    assert everything["count"] == 2
    training = api_client.get("/api/v1/jobs/?kind=training").json()["results"]
    assert [job["id"] for job in training] == [job_id]
    queued = api_client.get("/api/v1/jobs/?kind=inference&status=queued").json()["results"]
    assert len(queued) == 1 and queued[0]["kind"] == "inference"
    assert api_client.get("/api/v1/jobs/?status=failed").json()["count"] == 0


def test_others_jobs_and_converters_are_not_found(api_client, api_client_for, other_user):
    job_id = _train(api_client)
    converter_id = api_client.get(f"/api/v1/jobs/{job_id}").json()["converter_id"]
    stranger = api_client_for(other_user)

    assert stranger.get(f"/api/v1/jobs/{job_id}").status_code == 404
    assert stranger.get(f"/api/v1/jobs/{job_id}/").status_code == 404
    assert stranger.delete(f"/api/v1/jobs/{job_id}").status_code == 404
    assert stranger.get(f"/api/v1/converters/{converter_id}/script/").status_code == 404
    answer = stranger.post("/api/v1/inference/run", {"job_id": job_id, "input_file": b64(NEW_IN)}, format="json")
    assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found"
    answer = stranger.post(
        "/api/v1/inference/run", {"converter_id": converter_id, "input_file": b64(NEW_IN)}, format="json"
    )
    assert answer.status_code == 404
    assert ConversionJob.objects.filter(owner=other_user).count() == 0
    assert ConversionJob.objects.filter(pk=job_id).exists()


def test_delete_removes_the_job_and_its_files(api_client, media_root):
    job_id = _train(api_client)
    run = api_client.post("/api/v1/inference/run", {"job_id": job_id, "input_file": b64(NEW_IN)}, format="json")
    run_id = run.json()["job_id"]
    infer(run_id)
    assert any(run_id in name and "/output/" in name for name in stored_files(media_root))

    assert api_client.delete(f"/api/v1/jobs/{run_id}").status_code == 204
    assert not any(run_id in name for name in stored_files(media_root))
    assert not (media_root / ConversionJob.objects.get(pk=job_id).folder.replace(job_id, run_id)).exists()
    assert not ConversionJob.objects.filter(pk=run_id).exists()

    assert api_client.delete(f"/api/v1/jobs/{job_id}/").status_code == 204
    assert stored_files(media_root) == []
    # The converter it trained stays usable.
    assert Converter.objects.count() == 1 and Converter.objects.get().training_job is None


def test_deleting_a_queued_job_cancels_it_so_no_worker_runs_it(api_client, media_root):
    body = {"input_file": b64(TRAIN_IN), "expected_output_file": b64(TRAIN_OUT)}
    job_id = api_client.post("/api/v1/train", body, format="json").json()["job_id"]
    assert api_client.delete(f"/api/v1/jobs/{job_id}").status_code == 204
    assert train(job_id) is None
    assert stored_files(media_root) == []


def test_queue_status_counts_queued_conversion_jobs(api_client):
    body = {"input_file": b64(TRAIN_IN), "expected_output_file": b64(TRAIN_OUT)}
    api_client.post("/api/v1/train", body, format="json")
    status = api_client.get("/api/v1/queue/status")
    assert status.status_code == 200
    assert status.json()["by_app"]["csvconvert"] == {"queued": 1, "running": 0}
    assert status.json()["queued"] >= 1


def test_train_refuses_invalid_base64_naming_where_it_breaks(api_client, media_root):
    answer = api_client.post(
        "/api/v1/train", {"input_file": "base64:not*base64", "expected_output_file": b64(TRAIN_OUT)}, format="json"
    )
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "invalid_base64" and "'*' at position 3" in error["message"]
    assert not ConversionJob.objects.exists() and stored_files(media_root) == []


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"input_file": b64(TRAIN_IN)}, "expected_output_file", "required"),
        ({"input_file": "", "expected_output_file": b64(TRAIN_OUT)}, "input_file", "empty"),
        ({"input_file": "people.csv", "expected_output_file": b64(TRAIN_OUT)}, "input_file", "not recognised"),
    ],
)
def test_train_refuses_malformed_file_inputs_with_a_400(api_client, media_root, body, field, code):
    answer = api_client.post("/api/v1/train", body, format="json")
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "invalid"
    assert code in str(error["details"][field][0]).lower()
    assert not ConversionJob.objects.exists() and stored_files(media_root) == []


def test_train_refuses_an_empty_file_and_keeps_nothing(api_client, media_root):
    answer = api_client.post(
        "/api/v1/train", {"input_file": b64(TRAIN_IN), "expected_output_file": "base64:"}, format="json"
    )
    assert answer.status_code == 400
    assert not ConversionJob.objects.exists() and stored_files(media_root) == []


def test_train_refuses_a_spreadsheet_with_a_clear_message_and_keeps_nothing(api_client, media_root):
    xlsx = b"PK\x03\x04" + bytes(range(256)) * 4
    answer = api_client.post(
        "/api/v1/train",
        {"input_file": b64(TRAIN_IN), "expected_output_file": SimpleUploadedFile("out.xlsx", xlsx)},
        format="multipart",
    )
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "not_csv"
    assert "expected output file (out.xlsx) is not a CSV file" in error["message"] and ".xlsx" in error["message"]
    assert not ConversionJob.objects.exists() and stored_files(media_root) == []


def test_train_refuses_binary_data(api_client):
    answer = api_client.post(
        "/api/v1/train", {"input_file": b64(b"\x00\x01\x02garbage\x00" * 50), "expected_output_file": b64(TRAIN_OUT)}
    )
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "not_csv" and "binary data" in answer.json()["error"]["message"]


def test_train_accepts_utf16_text(api_client):
    answer = api_client.post(
        "/api/v1/train",
        {"input_file": b64(TRAIN_IN.decode().encode("utf-16")), "expected_output_file": b64(TRAIN_OUT)},
        format="json",
    )
    assert answer.status_code == 202
    assert train(answer.json()["job_id"]) == JobStatus.SUCCEEDED


def test_the_endpoints_need_a_key(client):
    assert client.post("/api/v1/train", {}).status_code in (401, 403)
    assert client.get("/api/v1/jobs/").status_code in (401, 403)
