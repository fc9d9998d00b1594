from django.core.management.base import BaseCommand

from wfplatform.jobs.services import jobs_reap


class Command(BaseCommand):
    help = "Requeue or fail running jobs whose worker stopped sending heartbeats (also runs on a schedule)."

    def handle(self, **options) -> None:
        for label, counts in jobs_reap().items():
            self.stdout.write(f"{label}: requeued {counts['requeued']}, failed {counts['failed']}")
