"""Inference on a worker: applying converters, progress from the bytes read, failures, cancellation."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from csvconvert.models import ConversionJob
from csvconvert.services import ConversionFailed, converter_apply, inference_start
from csvconvert.services.apply import count_records
from csvconvert.tasks import infer
from csvconvert.tests.conftest import NEW_IN, b64, stored_files
from wfplatform.jobs.models import JobStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root", "no_agents")]


def _big_input(path: Path, rows: int) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "first", "last", "city"])
        writer.writerows([str(i), "Ann", "Lee", "oslo"] for i in range(rows))
    return path


@pytest.mark.usefixtures("slow_disk")
def test_converter_apply_reports_progress_by_the_bytes_it_has_read(converter, tmp_path):
    source = _big_input(tmp_path / "big.csv", 300_000)
    seen: list[tuple[int, int]] = []

    stats = converter_apply(converter, source, tmp_path / "out.csv", progress=lambda *report: seen.append(report))

    assert stats["rows"] == 300_001 and stats["input_bytes"] == source.stat().st_size
    assert len(seen) >= 2, "the engine ran for a while: progress was reported"
    assert all(size == source.stat().st_size for _, size in seen)
    positions = [done for done, _ in seen]
    assert positions == sorted(positions) and 0 < positions[0] < source.stat().st_size


@pytest.mark.usefixtures("slow_disk")
def test_an_exception_from_the_progress_report_stops_the_job_and_leaves_no_output(converter, tmp_path):
    source = _big_input(tmp_path / "big.csv", 200_000)

    def cancelled(done: int, size: int) -> None:
        raise RuntimeError("cancelled meanwhile")

    with pytest.raises(RuntimeError, match="cancelled meanwhile"):
        converter_apply(converter, source, tmp_path / "out.csv", progress=cancelled)
    assert not (tmp_path / "out.csv").exists()


def test_a_row_the_converter_cannot_handle_fails_the_job_with_where_and_why(user, converter, media_root):
    job = inference_start(owner=user, converter=converter, input_file=b64(NEW_IN + b"9,Zed\n", "short.csv"))
    assert infer(str(job.pk)) == JobStatus.FAILED
    job.refresh_from_db()
    assert job.error_code == "conversion_failed"
    assert job.error == (
        "short.csv, line 4: the converter cannot handle this input (the row has fewer columns than the converter reads)"
    )
    assert job.output_file == "" and not [name for name in stored_files(media_root) if "/output/" in name]


def test_the_output_of_a_job_deleted_while_converting_is_not_kept(user, converter, media_root, monkeypatch):
    job = inference_start(owner=user, converter=converter, input_file=b64(NEW_IN))
    from csvconvert.services import jobs

    real_apply = jobs.converter_apply

    def apply_then_lose_the_job(*args, **kwargs):
        stats = real_apply(*args, **kwargs)
        ConversionJob.objects.filter(pk=job.pk).update(status=JobStatus.CANCELLED)  # as job_delete does first
        return stats

    monkeypatch.setattr(jobs, "converter_apply", apply_then_lose_the_job)
    assert infer(str(job.pk)) == JobStatus.CANCELLED
    assert not [name for name in stored_files(media_root) if "/output/" in name]


def test_converter_apply_refuses_an_unreadable_input(converter, tmp_path):
    (tmp_path / "blank.csv").write_text("\n\n")
    with pytest.raises(ConversionFailed, match="blank.csv is empty"):
        converter_apply(converter, tmp_path / "blank.csv", tmp_path / "out.csv")


@pytest.mark.parametrize(
    ("content", "records"),
    [(b"a,b\n1,2\n", 2), (b"a,b\n1,2", 2), (b'a,b\n"1\n2",3\n', 2), (b"", 0), (b"x\n", 1)],
)
def test_count_records_counts_csv_records_not_lines(tmp_path, content, records):
    path = tmp_path / "f.csv"
    path.write_bytes(content)
    assert count_records(path) == records


def test_outputs_are_stored_through_storage_when_it_is_remote(user, converter, monkeypatch):
    """With S3 storage (no local paths), the engine writes a temporary file that is then uploaded."""
    from csvconvert.services import storage

    monkeypatch.setattr(storage, "filesystem_path", lambda name: None)
    job = inference_start(owner=user, converter=converter, input_file=b64(NEW_IN))
    assert infer(str(job.pk)) == JobStatus.SUCCEEDED
    job.refresh_from_db()
    assert default_storage.open(job.output_file).read().startswith(b"id,name,city\n7,Dee Fox,KYIV")


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("slow_disk")
def test_a_running_inference_job_shows_how_much_it_has_read(user, converter, tmp_path, monkeypatch):
    from csvconvert.services import jobs

    messages: list[tuple[int, str]] = []
    real_progress = jobs.job_progress

    def recorded(job, percent, message=""):
        real_progress(job, percent, message)  # writes the row, from the progress thread too
        messages.append((ConversionJob.objects.get(pk=job.pk).progress, message))

    monkeypatch.setattr(jobs, "job_progress", recorded)
    upload = _big_input(tmp_path / "big.csv", 300_000).read_bytes()
    job = inference_start(owner=user, converter=converter, input_file=b64(upload))
    assert infer(str(job.pk)) == JobStatus.SUCCEEDED

    converting = [(percent, text) for percent, text in messages if text.startswith("converting: ")]
    assert converting, messages
    assert all(5 <= percent <= 95 and text.endswith(" of 5.6 MiB read") for percent, text in converting)
    assert messages[-1][1] == "saving the output (300001 rows)"
