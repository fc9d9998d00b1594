"""Keeps the reaper on the django-q2 schedule after every migrate."""

from django.conf import settings
from django.db.models.signals import post_migrate
from django.dispatch import receiver

REAPER_SCHEDULE_NAME = "wfplatform: requeue or fail jobs whose worker died"


@receiver(post_migrate)
def ensure_reaper_schedule(sender, using: str = "default", **kwargs) -> None:
    if sender.name != "django_q":
        return
    from django_q.models import Schedule

    Schedule.objects.using(using).update_or_create(
        name=REAPER_SCHEDULE_NAME,
        defaults={
            "func": "wfplatform.jobs.tasks.reap_jobs",
            "schedule_type": Schedule.MINUTES,
            "minutes": settings.WFP_REAPER_INTERVAL_MINUTES,
            "repeats": -1,
        },
    )
