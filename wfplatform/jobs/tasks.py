"""django-q2 entry points of the shared job machinery."""

from wfplatform.jobs.services import jobs_reap


def reap_jobs() -> dict:
    return jobs_reap()
