"""django-q2 entry points: take the job id, run it through the shared job runner."""

from csvconvert.models import ConversionJob
from csvconvert.services import conversion_execute
from wfplatform.jobs.services import job_run


def train(job_id: str) -> str | None:
    return job_run(ConversionJob, job_id, conversion_execute)


def infer(job_id: str) -> str | None:
    return job_run(ConversionJob, job_id, conversion_execute)
