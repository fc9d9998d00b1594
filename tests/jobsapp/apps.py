from django.apps import AppConfig


class JobsappConfig(AppConfig):
    name = "tests.jobsapp"
    label = "jobsapp"
