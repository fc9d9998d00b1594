"""The admin pages (jobs, diff report, downloads, re-run) and the csv_train / csv_convert commands."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from csvconvert.models import ConversionJob, Converter
from csvconvert.services import inference_start, training_start
from csvconvert.tasks import infer, train
from csvconvert.tests.conftest import COUNT_IN, COUNT_OUT, NEW_IN, NEW_OUT, TRAIN_IN, TRAIN_OUT, b64
from wfplatform.jobs.models import JobStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root", "no_agents")]


def _job(owner, source: bytes, target: bytes) -> ConversionJob:
    job = training_start(owner=owner, input_file=b64(source), expected_output_file=b64(target))
    train(str(job.pk))
    job.refresh_from_db()
    return job


def test_the_job_changelist_shows_kind_status_and_progress(admin_client, admin_user):
    job = _job(admin_user, TRAIN_IN, TRAIN_OUT)
    page = admin_client.get("/admin/csvconvert/conversionjob/?kind__exact=training")
    assert page.status_code == 200
    text = page.content.decode()
    assert str(job.pk) in text and "Training" in text and '<progress value="100"' in text


def test_the_diff_report_page_lists_the_differing_cells(admin_client, admin_user):
    job = _job(admin_user, COUNT_IN, COUNT_OUT)
    change = admin_client.get(f"/admin/csvconvert/conversionjob/{job.pk}/change/").content.decode()
    assert "6 of 12 cells differ (engine attempt)" in change
    assert f"/admin/csvconvert/conversionjob/{job.pk}/diff/" in change

    page = admin_client.get(f"/admin/csvconvert/conversionjob/{job.pk}/diff/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "<strong>6</strong> of 12 expected cells differ" in text
    assert "The engine's closest attempt" in text and "Output column 1: column 1." in text
    assert "<td><code>a-2</code></td>" in text and "<td><code>a</code></td>" in text
    table = text[text.index('<table id="diff-cells">') :]
    assert table[: table.index("</table>")].count("<tr>") == 7  # the head and six cells


def test_the_diff_report_page_escapes_cell_values(admin_client, admin_user):
    job = _job(admin_user, b"k,n\n<b>,1\n<b>,1\n", b"v,n\n<script>x,1\ny,1\n")
    text = admin_client.get(f"/admin/csvconvert/conversionjob/{job.pk}/diff/").content.decode()
    assert "<script>x" not in text and "&lt;script&gt;x" in text


def test_job_pages_link_the_files_and_the_output_downloads(admin_client, admin_user):
    job = _job(admin_user, TRAIN_IN, TRAIN_OUT)
    run = inference_start(owner=admin_user, converter=job.converter, input_file=b64(NEW_IN))
    infer(str(run.pk))
    change = admin_client.get(f"/admin/csvconvert/conversionjob/{run.pk}/change/").content.decode()
    output_link = f"/admin/csvconvert/conversionjob/{run.pk}/file/output/"
    assert output_link in change and f"/admin/csvconvert/converter/{job.converter_id}/change/" in change
    download = admin_client.get(output_link)
    assert download.status_code == 200 and b"".join(download.streaming_content) == NEW_OUT
    assert admin_client.get(f"/admin/csvconvert/conversionjob/{job.pk}/file/output/").status_code == 404
    assert admin_client.get(f"/admin/csvconvert/conversionjob/{job.pk}/file/secrets/").status_code == 404


def test_the_converter_page_explains_it_and_offers_the_script(admin_client, admin_user):
    converter = _job(admin_user, TRAIN_IN, TRAIN_OUT).converter
    page = admin_client.get(f"/admin/csvconvert/converter/{converter.pk}/change/").content.decode()
    assert "in upper case" in page and "Download the Python script" in page
    assert admin_client.get("/admin/csvconvert/converter/").status_code == 200
    script = admin_client.get(f"/admin/csvconvert/converter/{converter.pk}/script/")
    assert script.status_code == 200 and script.content.decode() == converter.script


def test_the_admin_pages_need_a_staff_login(client, admin_user):
    job = _job(admin_user, COUNT_IN, COUNT_OUT)
    answer = client.get(f"/admin/csvconvert/conversionjob/{job.pk}/diff/")
    assert answer.status_code == 302 and "/admin/login/" in answer["Location"]


def test_the_rerun_action_queues_a_new_job_on_copies_of_the_inputs(admin_client, admin_user, media_root):
    job = _job(admin_user, TRAIN_IN, TRAIN_OUT)
    answer = admin_client.post(
        "/admin/csvconvert/conversionjob/", {"action": "rerun_jobs", "_selected_action": [str(job.pk)]}, follow=True
    )
    assert answer.status_code == 200 and "Queued 1 new job(s)." in answer.content.decode()
    rerun = ConversionJob.objects.exclude(pk=job.pk).get()
    assert rerun.status == JobStatus.QUEUED and rerun.kind == "training" and rerun.name == job.name
    assert rerun.input_file.startswith(f"{admin_user.pk}/{rerun.pk}/input/")
    assert (media_root / rerun.expected_file).read_bytes() == TRAIN_OUT
    assert train(str(rerun.pk)) == JobStatus.SUCCEEDED


def test_csv_train_learns_here_and_prints_the_converter(user, tmp_path):
    (tmp_path / "in.csv").write_bytes(TRAIN_IN)
    (tmp_path / "out.csv").write_bytes(TRAIN_OUT)
    out = StringIO()
    call_command("csv_train", str(tmp_path / "in.csv"), str(tmp_path / "out.csv"), "--name", "people",
                 "--user", user.username, stdout=out, stderr=StringIO())  # fmt: skip
    converter = Converter.objects.get()
    assert converter.name == "people" and converter.owner == user
    printed = out.getvalue()
    assert printed.startswith(f"Converter {converter.pk} (engine)") and "in upper case" in printed


def test_csv_train_says_why_the_engine_failed(user, tmp_path):
    (tmp_path / "in.csv").write_bytes(COUNT_IN)
    (tmp_path / "out.csv").write_bytes(COUNT_OUT)
    with pytest.raises(CommandError, match="The engine could not express this conversion"):
        call_command("csv_train", str(tmp_path / "in.csv"), str(tmp_path / "out.csv"), "--user", user.username,
                     stderr=StringIO())  # fmt: skip


def test_csv_train_names_a_missing_user_or_file(user, tmp_path):
    with pytest.raises(CommandError, match="no user 'nobody'"):
        call_command("csv_train", "a.csv", "b.csv", "--user", "nobody")
    with pytest.raises(CommandError, match="is not a file"):
        call_command("csv_train", str(tmp_path / "a.csv"), "b.csv", "--user", user.username)


@pytest.mark.usefixtures("slow_disk")
def test_csv_convert_converts_with_a_progress_bar(user, tmp_path):
    job = _job(user, TRAIN_IN, TRAIN_OUT)
    rows = "".join(f"{i},Ann,Lee,oslo\n" for i in range(300_000))
    (tmp_path / "in.csv").write_text("id,first,last,city\n" + rows)
    out, err = StringIO(), StringIO()
    call_command(
        "csv_convert", str(job.pk), str(tmp_path / "in.csv"), str(tmp_path / "out.csv"), stdout=out, stderr=err
    )  # fmt: skip (a training job's id works as well as the converter's)
    assert out.getvalue().startswith(f"Wrote {tmp_path / 'out.csv'}: 300001 rows in ")
    assert "\r[" in err.getvalue() and " MiB" in err.getvalue() and err.getvalue().endswith("\n")


def test_csv_convert_writes_the_converted_file(user, tmp_path):
    converter = _job(user, TRAIN_IN, TRAIN_OUT).converter
    (tmp_path / "in.csv").write_bytes(NEW_IN)
    call_command("csv_convert", str(converter.pk), str(tmp_path / "in.csv"), str(tmp_path / "out.csv"),
                 "--no-progress", stdout=StringIO())  # fmt: skip
    assert (tmp_path / "out.csv").read_bytes() == NEW_OUT


def test_csv_convert_reports_a_row_it_cannot_convert(user, tmp_path):
    converter = _job(user, TRAIN_IN, TRAIN_OUT).converter
    (tmp_path / "in.csv").write_bytes(NEW_IN + b"9,Zed\n")
    with pytest.raises(CommandError, match="line 4: the converter cannot handle this input"):
        call_command("csv_convert", str(converter.pk), str(tmp_path / "in.csv"), str(tmp_path / "out.csv"))
    assert not (tmp_path / "out.csv").exists()
    with pytest.raises(CommandError, match="no converter"):
        call_command("csv_convert", "6f1c3c1e-1111-4111-8111-111111111111", "a", "b")
