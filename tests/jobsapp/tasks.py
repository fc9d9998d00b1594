import time

from tests.jobsapp.models import SleepJob
from wfplatform.jobs.services import JobFailure, job_progress, job_run


def _sleep(job: SleepJob) -> None:
    steps = 10
    for step in range(steps):
        time.sleep(job.seconds / steps)
        job_progress(job, (step + 1) * 100 // steps, f"slept {step + 1}/{steps}")
    if job.fail_with:
        raise JobFailure(job.fail_with, code="asked_to_fail")


def sleep(job_id: str) -> str | None:
    return job_run(SleepJob, job_id, _sleep)
