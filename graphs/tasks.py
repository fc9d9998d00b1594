"""django-q2 entry points."""

from graphs.models import Run
from graphs.schedules import schedule_fire
from graphs.services import run_execute
from wfplatform.jobs.services import job_run


def run_graph(run_id: str) -> str | None:
    return job_run(Run, run_id, run_execute)


def fire_schedule(schedule_id: str) -> str | None:
    """Called by django-q2 when a graph schedule comes due; the id of the run it started, if any."""
    run = schedule_fire(schedule_id=schedule_id)
    return None if run is None else str(run.pk)
