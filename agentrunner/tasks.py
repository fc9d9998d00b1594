"""django-q2 entry points: take the job id, run it through the shared job runner."""

from agentrunner.models import AgentJob
from agentrunner.services import agent_job_execute, agent_job_finished
from wfplatform.jobs.services import job_run


def run_agent_job(job_id: str) -> str | None:
    status = job_run(AgentJob, job_id, agent_job_execute)
    agent_job_finished(job_id)
    return status
