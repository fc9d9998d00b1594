"""The seed flow on a real `qcluster` worker process: train, poll, infer, download, delete."""

from __future__ import annotations

import os

import pytest

from csvconvert.models import ConversionJob
from csvconvert.tests.conftest import NEW_IN, NEW_OUT, TRAIN_IN, TRAIN_OUT, b64
from tests.jobs.test_worker_process import cluster, wait_for  # noqa: F401 - the fixture

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _finished(client, job_id: str) -> dict:
    found = {}

    def done() -> bool:
        found.update(client.get(f"/api/v1/jobs/{job_id}").json())
        return found["status"] in ("succeeded", "failed", "cancelled")

    wait_for(done, f"job {job_id} to finish")
    return found


def test_train_and_infer_on_a_real_worker(api_client, cluster):  # noqa: F811
    body = {"input_file": b64(TRAIN_IN), "expected_output_file": b64(TRAIN_OUT)}
    job_id = api_client.post("/api/v1/train", body, format="json").json()["job_id"]
    trained = _finished(api_client, job_id)
    assert trained["status"] == "succeeded", trained["error"]

    body = {"job_id": job_id, "input_file": b64(NEW_IN)}
    run_id = api_client.post("/api/v1/inference/run", body, format="json").json()["job_id"]
    run = _finished(api_client, run_id)
    assert run["status"] == "succeeded" and run["rows"] == 3
    assert int(ConversionJob.objects.get(pk=run_id).worker.rsplit(":", 1)[1]) != os.getpid()  # ran elsewhere
    assert b"".join(api_client.get(run["output_url"]).streaming_content) == NEW_OUT

    for finished in (run_id, job_id):  # the worker stored into the shared test media folder
        assert api_client.delete(f"/api/v1/jobs/{finished}").status_code == 204
