"""The admin pages operators use to see agent jobs (what was decided, the calls, the cost) and artifacts."""

from __future__ import annotations

import pytest

from agentrunner.models import AgentJob, Artifact, JobSource
from agentrunner.services import agent_job_run_now

pytestmark = pytest.mark.django_db


def test_the_admin_lists_agent_jobs_and_shows_their_calls_and_result(admin_client, admin_user, flights):
    job = agent_job_run_now(
        owner=admin_user, source=JobSource.CHAT, prompt="top 2 flights by price", context={"previous_results": flights}
    )
    listing = admin_client.get("/admin/agentrunner/agentjob/?intent=execute").content.decode()
    assert "top 2 flights by price" in listing
    page = admin_client.get(f"/admin/agentrunner/agentjob/{job.pk}/change/").content.decode()
    assert "execute_pipeline" in page and "top_k" in page  # the tool call and its steps
    artifact = Artifact.objects.get()
    assert str(artifact.pk) in admin_client.get("/admin/agentrunner/artifact/").content.decode()
    assert admin_client.get(f"/admin/agentrunner/artifact/{artifact.pk}/change/").status_code == 200
    assert admin_client.get("/admin/agentrunner/agentjob/add/").status_code == 403
    assert AgentJob.objects.count() == 1
