from django.contrib import admin

from tests.jobsapp.models import SleepJob
from wfplatform.jobs.admin import JobAdmin

admin.site.register(SleepJob, JobAdmin)
