"""django-q2 entry points."""

from graphs.models import Run
from graphs.services import run_execute
from wfplatform.jobs.services import job_run


def run_graph(run_id: str) -> str | None:
    return job_run(Run, run_id, run_execute)
