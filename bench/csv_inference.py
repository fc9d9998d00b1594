"""Inference through the job system vs `Program.apply_csv` directly: same converter, same file, one run.

    python bench/csv_inference.py [--rows 1000000] [--repeat 3]

Sets up a throw-away platform (SQLite database and local file storage in a temporary folder),
trains a converter through the training job (the bench/csv_apply.py example: reorder and drop
columns, join names, reformat a date, upper-case a city), generates the CSV, then times:

- direct: `Program.apply_csv(src, dst)` on the converter's program, the anchor;
- job: an inference job created by `inference_start` (the service the API calls) and run by
  `csvconvert.tasks.infer(job_id)`, the function a django-q2 worker calls for it, in this
  process: claim, heartbeat, progress from the bytes read, the conversion into storage, the
  output's row count, the final status. Storing the submitted file (the upload) happens in the
  request before the job exists; it is timed and printed apart.

Each is run --repeat times, alternating; the best time of each counts. Outputs are checked to be
byte-identical. The last line is the summary, with the target ratio job/direct <= 1.3.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from csv_apply import EXAMPLE_IN, OUT_HEADER, expected_row, generate  # noqa: E402


def setup_platform(folder: Path) -> None:
    """Django on a fresh SQLite database and local storage in `folder`, whatever .env says."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "wfplatform.settings",
            "DEBUG": "1",
            "WFP_VAR_DIR": str(folder),
            "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
            "AWS_STORAGE_BUCKET_NAME": "",
            "AWS_BUCKET_NAME": "",
            "REDIS_URL": "",
            "LOG_LEVEL": "WARNING",
        }
    )
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def example_csv(rows: list[list[str]]) -> bytes:
    return "".join(",".join(row) + "\n" for row in rows).encode()


def train_converter(owner):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from csvconvert.services import training_start
    from csvconvert.tasks import train

    expected = [OUT_HEADER, *(expected_row(row) for row in EXAMPLE_IN[1:])]
    job = training_start(owner=owner, input_file=SimpleUploadedFile("example.csv", example_csv(EXAMPLE_IN)),
                         expected_output_file=SimpleUploadedFile("expected.csv", example_csv(expected)),
                         enqueue=False)  # fmt: skip
    status = train(str(job.pk))
    job.refresh_from_db()
    if status != "succeeded":
        raise SystemExit(f"training failed: {job.error}")
    print("converter:", *job.converter.explanation, sep="\n  ")
    return job.converter


def time_direct(program, src: Path, dst: Path) -> float:
    started = time.perf_counter()
    program.apply_csv(src, dst)
    return time.perf_counter() - started


def time_job(owner, converter, src: Path) -> tuple[float, float, Path]:
    """(seconds to store the submitted file, seconds the worker's task took, the output's path)."""
    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import UploadedFile

    from csvconvert.models import ConversionJob
    from csvconvert.services import inference_start
    from csvconvert.tasks import infer

    started = time.perf_counter()
    with src.open("rb") as handle:
        submitted = UploadedFile(handle, name=src.name, size=src.stat().st_size)
        job = inference_start(owner=owner, converter=converter, input_file=submitted, enqueue=False)
    stored = time.perf_counter()
    status = infer(str(job.pk))
    finished = time.perf_counter()
    job = ConversionJob.objects.get(pk=job.pk)
    if status != "succeeded":
        raise SystemExit(f"inference failed: {job.error}")
    return stored - started, finished - stored, Path(default_storage.path(job.output_file))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wfp-bench-") as tmp:
        folder = Path(tmp)
        setup_platform(folder)
        from django.contrib.auth import get_user_model

        from csvconvert.synth import Program

        owner = get_user_model().objects.create_user("bench")
        converter = train_converter(owner)
        program = Program.from_json(converter.program)
        src = folder / f"in-{args.rows}.csv"
        generate(src, args.rows)
        print(f"input: {args.rows} rows, {src.stat().st_size / 2**20:.1f} MiB")
        direct, job, store = [], [], []
        for attempt in range(1, args.repeat + 1):
            direct.append(time_direct(program, src, folder / "direct.csv"))
            stored_s, job_s, output = time_job(owner, converter, src)
            store.append(stored_s)
            job.append(job_s)
            if output.read_bytes() != (folder / "direct.csv").read_bytes():
                raise SystemExit("the job's output differs from apply_csv's")
            print(f"run {attempt}: direct {direct[-1]:.2f}s | job {job_s:.2f}s (+ storing the upload {stored_s:.2f}s)",
                  flush=True)  # fmt: skip
        best_direct, best_job, best_store = min(direct), min(job), min(store)
        print(f"storing the submitted file (in the request, before the job): {best_store:.2f}s")
        print(
            f"inference rows {args.rows}: direct {best_direct:.2f}s job {best_job:.2f}s "
            f"ratio job/direct {best_job / best_direct:.2f} (target <= 1.3); "
            f"with the upload stored {(best_job + best_store) / best_direct:.2f}"
        )


if __name__ == "__main__":
    main()
