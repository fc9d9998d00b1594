from datetime import timedelta

import pytest
from django.utils import timezone
from django_q.brokers import get_broker

from tests.jobsapp.models import SleepJob
from tests.jobsapp.tasks import sleep
from wfplatform.jobs.models import JobStatus, job_models
from wfplatform.jobs.services import (
    JobCancelled,
    job_cancel,
    job_claim,
    job_enqueue,
    job_progress,
    job_run,
    jobs_reap,
)


def test_concrete_job_models_are_discovered():
    assert SleepJob in job_models()


def test_enqueue_waits_for_the_commit(make_job, django_capture_on_commit_callbacks):
    broker = get_broker()
    broker.purge_queue()
    job = make_job()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job_enqueue(job)
    assert broker.queue_size() == 0
    for callback in callbacks:
        callback()
    assert broker.queue_size() == 1
    broker.purge_queue()


def test_a_job_is_claimed_only_once(make_job):
    job = make_job()
    first = job_claim(SleepJob, job.pk)
    second = job_claim(SleepJob, job.pk)
    assert first is not None and second is None
    assert first.status == JobStatus.RUNNING and first.attempts == 1 and first.started_at is not None
    assert ":" in first.worker and first.heartbeat_at is not None


def test_running_a_job_records_success_and_progress(make_job):
    job = make_job(seconds=0.01)
    assert sleep(str(job.pk)) == JobStatus.SUCCEEDED
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.progress == 100
    assert job.finished_at >= job.started_at and job.error == ""


def test_a_failing_job_keeps_the_message_and_code(make_job):
    job = make_job(fail_with="input has no header row")
    assert sleep(str(job.pk)) == JobStatus.FAILED
    job.refresh_from_db()
    assert (job.status, job.error, job.error_code) == (JobStatus.FAILED, "input has no header row", "asked_to_fail")


def test_an_unexpected_exception_fails_the_job_without_killing_the_worker(make_job):
    job = make_job()

    def explode(job):
        raise ZeroDivisionError("division by zero")

    assert job_run(SleepJob, str(job.pk), explode) == JobStatus.FAILED
    job.refresh_from_db()
    assert job.error == "ZeroDivisionError: division by zero" and job.error_code == "internal_error"


def test_a_job_that_is_not_queued_does_not_run(make_job):
    job = make_job(status=JobStatus.SUCCEEDED)
    ran = []
    assert job_run(SleepJob, str(job.pk), ran.append) is None
    assert ran == []


def test_cancelling_a_queued_job(make_job):
    job = make_job()
    assert job_cancel(job) is True
    assert job.status == JobStatus.CANCELLED and job.finished_at is not None
    assert job_claim(SleepJob, job.pk) is None
    assert job_cancel(job) is False


def test_a_running_job_stops_at_its_next_progress_report_after_cancel(make_job):
    job = make_job()

    def work(running):
        job_progress(running, 10, "first step")
        job_cancel(SleepJob.objects.get(pk=running.pk))
        job_progress(running, 20, "never recorded")

    assert job_run(SleepJob, str(job.pk), work) == JobStatus.CANCELLED
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED and job.progress == 10


def test_progress_after_cancel_raises(make_job):
    job = job_claim(SleepJob, make_job().pk)
    job_cancel(job)
    with pytest.raises(JobCancelled):
        job_progress(job, 50)


def _stale_running_job(make_job, **fields) -> SleepJob:
    job = job_claim(SleepJob, make_job(**fields).pk)
    SleepJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(minutes=10))
    return job


def test_the_reaper_requeues_a_job_whose_worker_died(make_job, django_capture_on_commit_callbacks):
    job = _stale_running_job(make_job, max_attempts=2)
    with django_capture_on_commit_callbacks() as callbacks:
        report = jobs_reap()
    assert report["jobsapp.SleepJob"] == {"requeued": 1, "failed": 0}
    assert len(callbacks) == 1  # the job went back on the queue
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and job.worker == "" and "stopped responding" in job.progress_message
    get_broker().purge_queue()


def test_the_reaper_fails_a_job_out_of_attempts_with_a_clear_error(make_job):
    job = _stale_running_job(make_job, max_attempts=1)
    jobs_reap()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.error_code == "worker_lost"
    assert "stopped responding" in job.error and "1 attempt(s)" in job.error
    assert job.finished_at is not None


def test_the_reaper_leaves_live_jobs_alone(make_job):
    job = job_claim(SleepJob, make_job().pk)
    assert jobs_reap()["jobsapp.SleepJob"] == {"requeued": 0, "failed": 0}
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING


def test_a_late_finish_does_not_overwrite_a_reaped_job(make_job):
    job = make_job(max_attempts=1)

    def work(running):
        SleepJob.objects.filter(pk=running.pk).update(heartbeat_at=timezone.now() - timedelta(minutes=10))
        jobs_reap()

    assert job_run(SleepJob, str(job.pk), work) == JobStatus.FAILED
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.error_code == "worker_lost"


def test_the_reaper_is_on_the_schedule(db):
    from django_q.models import Schedule

    from wfplatform.jobs.signals import REAPER_SCHEDULE_NAME

    schedule = Schedule.objects.get(name=REAPER_SCHEDULE_NAME)
    assert schedule.func == "wfplatform.jobs.tasks.reap_jobs" and schedule.repeats == -1


def test_the_job_admin_lists_progress_and_cancels(make_job, staff_user, client):
    staff_user.is_superuser = True
    staff_user.save()
    client.force_login(staff_user)
    job = make_job(progress=40)
    page = client.get("/admin/jobsapp/sleepjob/")
    assert page.status_code == 200 and b'<progress value="40"' in page.content
    response = client.post("/admin/jobsapp/sleepjob/", {"action": "cancel_jobs", "_selected_action": [str(job.pk)]})
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED
