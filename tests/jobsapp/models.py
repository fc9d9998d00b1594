from django.db import models

from wfplatform.jobs.models import Job


class SleepJob(Job):
    """A test job that reports progress while it sleeps; it fails on request."""

    TASK = "tests.jobsapp.tasks.sleep"

    seconds = models.FloatField(default=0)
    fail_with = models.CharField(max_length=200, blank=True)
