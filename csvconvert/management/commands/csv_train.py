from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import UploadedFile
from django.core.management.base import BaseCommand, CommandError

from csvconvert.services import training_start
from csvconvert.tasks import train
from wfplatform.errors import ApplicationError
from wfplatform.jobs.models import JobStatus


class Command(BaseCommand):
    help = (
        "Train a converter from INPUT and the EXPECTED output CSV, here and now (no worker needed): "
        "prints the converter id and what it does."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("input", type=Path)
        parser.add_argument("expected", type=Path)
        parser.add_argument("--name", default="", help="The converter's name (default: the input's file name).")
        parser.add_argument("--instructions", default="", help="Plain-words hints for the LLM agents.")
        parser.add_argument("--user", default="admin", help="Who owns the job and the converter.")

    def handle(self, input: Path, expected: Path, name: str, instructions: str, user: str, **options) -> None:
        owner = get_user_model().objects.filter(username=user).first()
        if owner is None:
            raise CommandError(f"no user {user!r}; pass --user (make run creates 'admin')")
        for path in (input, expected):
            if not path.is_file():
                raise CommandError(f"{path} is not a file")
        with input.open("rb") as source, expected.open("rb") as target:
            try:
                job = training_start(owner=owner, input_file=_upload(source, input), name=name,
                                     expected_output_file=_upload(target, expected), instructions=instructions,
                                     enqueue=False)  # fmt: skip
            except ApplicationError as exc:
                raise CommandError(exc.message) from None
        self.stderr.write(f"Training job {job.pk}: learning...")
        train(str(job.pk))  # what a worker would run, in this process
        job.refresh_from_db()
        if job.status != JobStatus.SUCCEEDED:
            raise CommandError(f"training job {job.pk} {job.status}:\n{job.error}")
        converter = job.converter
        self.stdout.write(f"Converter {converter.pk} ({converter.source}), job {job.pk}")
        self.stdout.write("\n".join(converter.explanation))
        self.stdout.write(f"Run it: python manage.py csv_convert {converter.pk} INPUT.csv OUTPUT.csv")


def _upload(handle, path: Path) -> UploadedFile:
    return UploadedFile(handle, name=path.name, size=path.stat().st_size)
