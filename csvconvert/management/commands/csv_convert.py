from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from csvconvert.models import ConversionJob, Converter, JobKind
from csvconvert.services import ConversionFailed, converter_apply

MIB = 1024 * 1024


class Command(BaseCommand):
    help = "Convert INPUT into OUTPUT with a trained converter (its id, or its training job's id), here and now."

    def add_arguments(self, parser) -> None:
        parser.add_argument("converter", help="A converter id, or the id of the training job that made it.")
        parser.add_argument("input", type=Path)
        parser.add_argument("output", type=Path)
        parser.add_argument("--no-progress", action="store_true", help="No progress bar on stderr.")

    def handle(self, converter: str, input: Path, output: Path, no_progress: bool, **options) -> None:
        found = _converter(converter)
        if not input.is_file():
            raise CommandError(f"{input} is not a file")
        bar = None if no_progress else ProgressBar(self._write_stderr)
        try:
            stats = converter_apply(found, input, output, progress=bar)
        except ConversionFailed as exc:
            raise CommandError(exc.message) from None
        finally:
            if bar is not None:
                bar.close()
        self.stdout.write(f"Wrote {output}: {stats['rows']} rows in {stats['seconds']:.2f}s")

    def _write_stderr(self, text: str) -> None:
        self.stderr.write(text, ending="")
        self.stderr.flush()


def _converter(ref: str) -> Converter:
    try:
        key = uuid.UUID(ref)
    except ValueError:
        raise CommandError(f"{ref!r} is not a converter id") from None
    converter = Converter.objects.filter(pk=key).first()
    if converter is None:
        job = ConversionJob.objects.filter(pk=key, kind=JobKind.TRAINING).select_related("converter").first()
        converter = job.converter if job is not None else None
    if converter is None:
        raise CommandError(f"no converter (or training job with a converter) {ref}")
    return converter


class ProgressBar:
    """`[#####.....]  48%  31.2/65.0 MiB` on one line, redrawn as the engine reads its input."""

    WIDTH = 30

    def __init__(self, write: Callable[[str], None]):
        self.write = write
        self.drawn = False

    def __call__(self, done: int, size: int) -> None:
        share = done / size if size else 1.0
        filled = int(self.WIDTH * share)
        bar = "#" * filled + "." * (self.WIDTH - filled)
        self.write(f"\r[{bar}] {share:4.0%}  {done / MIB:.1f}/{size / MIB:.1f} MiB")
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.write("\n")
