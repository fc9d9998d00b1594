"""Cron schedules for graphs (/api/v1/schedules/): each keeps one django-q2 row in step and fires normal runs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from croniter import croniter
from django.utils import timezone
from django_q.conf import Conf
from django_q.models import Schedule as QSchedule
from django_q.models import Task
from django_q.scheduler import scheduler

from graphs.models import Graph, Run, Schedule
from graphs.schedules import FIRE_TASK, next_fire, schedule_create, schedule_delete
from graphs.services import graph_create, graph_update
from graphs.tasks import fire_schedule
from graphs.tests.api.test_rest import COUNTER, GRAPHS, RUNS
from wfplatform.jobs.models import JobStatus

pytestmark = pytest.mark.django_db

SCHEDULES = "/api/v1/schedules/"


@pytest.fixture
def graph(user) -> Graph:
    return graph_create(owner=user, definition=COUNTER)


def create(client, graph: Graph, **fields):
    return client.post(SCHEDULES, {"graph_id": str(graph.pk), "cron": "0 6 * * *", **fields}, format="json")


def q_rows():
    return QSchedule.objects.filter(func=FIRE_TASK)


def parse(moment: str) -> datetime:
    return datetime.fromisoformat(moment.replace("Z", "+00:00"))


def test_creating_a_schedule_puts_one_cron_row_on_the_django_q_schedule(api_client, graph):
    answer = create(api_client, graph, cron="15 6 * * mon-fri", initial_state={"count": 1}, name="mornings")
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert {key: body[key] for key in ["graph_id", "cron", "timezone", "enabled", "name", "runs_started"]} == {
        "graph_id": str(graph.pk), "cron": "15 6 * * mon-fri", "timezone": "UTC", "enabled": True,
        "name": "mornings", "runs_started": 0}  # fmt: skip
    assert body["initial_state"] == {"count": 1} and body["last_run_id"] is None

    schedule = Schedule.objects.get(pk=body["id"])
    row = q_rows().get()
    assert schedule.q_schedule == row and schedule.owner.username == "alice"
    assert (row.schedule_type, row.cron, row.args, row.repeats) == (QSchedule.CRON, "15 6 * * mon-fri",
                                                                    repr(body["id"]), -1)  # fmt: skip
    expected = croniter("15 6 * * mon-fri", timezone.now().astimezone(UTC)).get_next(datetime)
    assert row.next_run == expected == parse(body["next_run"])
    assert (expected.hour, expected.minute) == (6, 15) and expected.weekday() < 5


@pytest.mark.parametrize(
    ("cron", "problem"),
    [
        ("61 * * * *", "out of range"),
        ("every morning", "must have 5 fields"),
        ("* * * * * *", "must have 5 fields"),
        ("0 0 31 2 *", "never comes due"),
        ("0 9 * * someday", "is not valid"),
    ],
)
def test_a_bad_cron_is_refused_naming_the_problem(api_client, graph, cron, problem):
    answer = create(api_client, graph, cron=cron)
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "invalid_cron" and problem in error["message"] and repr(cron) in error["message"]
    assert error["details"] == {"cron": [error["message"]]}
    assert not Schedule.objects.exists() and not q_rows().exists()


def test_an_unknown_time_zone_is_refused(api_client, graph):
    answer = create(api_client, graph, timezone="Mars/Olympus_Mons")
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "invalid_timezone" and "unknown time zone 'Mars/Olympus_Mons'" in error["message"]
    assert not Schedule.objects.exists() and not q_rows().exists()


def test_a_cron_is_read_in_its_own_time_zone_in_summer_and_in_winter():
    summer, winter = datetime(2026, 7, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC)
    assert next_fire("0 9 * * *", "Europe/Paris", after=summer) == datetime(2026, 7, 1, 7, tzinfo=UTC)
    assert next_fire("0 9 * * *", "Europe/Paris", after=winter) == datetime(2026, 12, 1, 8, tzinfo=UTC)
    assert next_fire("30 8 * * 1", "America/New_York", after=winter) == datetime(2026, 12, 7, 13, 30, tzinfo=UTC)


def test_a_schedule_in_another_zone_fires_at_its_local_time_and_re_arms(
    api_client, graph, monkeypatch, django_capture_on_commit_callbacks
):
    answer = create(api_client, graph, cron="0 9 * * *", timezone="Europe/Paris")
    assert answer.status_code == 201, answer.content
    row = q_rows().get()
    paris = ZoneInfo("Europe/Paris")
    assert (row.schedule_type, row.repeats) == (QSchedule.ONCE, 1)  # django-q2 would read the cron in UTC
    assert row.next_run.astimezone(paris).hour == 9 and parse(answer.json()["next_run"]) == row.next_run

    # It comes due: django-q2's scheduler fires it (sync, as a cluster would) and the firing re-arms it.
    QSchedule.objects.exclude(func=FIRE_TASK).update(next_run=timezone.now() + timedelta(days=1))
    q_rows().update(next_run=timezone.now() - timedelta(minutes=1))
    monkeypatch.setattr(Conf, "SYNC", True)
    with django_capture_on_commit_callbacks(execute=True):
        scheduler()

    assert Run.objects.count() == 1
    row = q_rows().get()
    assert (row.schedule_type, row.repeats) == (QSchedule.ONCE, 1)
    assert row.next_run > timezone.now() and row.next_run.astimezone(paris).hour == 9
    with django_capture_on_commit_callbacks(execute=True):
        scheduler()  # not due again yet
    assert Run.objects.count() == 1


def test_moving_a_schedule_between_zones_switches_its_django_q_row(api_client, graph):
    schedule_id = create(api_client, graph, cron="0 9 * * *").json()["id"]
    answer = api_client.patch(f"{SCHEDULES}{schedule_id}/", {"timezone": "Asia/Tokyo"}, format="json")
    assert answer.status_code == 200, answer.content
    row = q_rows().get()
    assert row.schedule_type == QSchedule.ONCE and row.next_run.astimezone(ZoneInfo("Asia/Tokyo")).hour == 9
    api_client.patch(f"{SCHEDULES}{schedule_id}/", {"timezone": "UTC"}, format="json")
    row = q_rows().get()
    assert (row.schedule_type, row.repeats, row.next_run.hour) == (QSchedule.CRON, -1, 9)


def test_the_initial_state_must_be_an_object(api_client, graph):
    answer = create(api_client, graph, initial_state=[1, 2])
    assert answer.status_code == 400
    assert "initial_state" in answer.json()["error"]["details"]
    assert not Schedule.objects.exists()


def test_disabling_removes_the_django_q_row_and_enabling_puts_it_back(api_client, graph):
    schedule_id = create(api_client, graph).json()["id"]

    answer = api_client.post(f"{SCHEDULES}{schedule_id}/disable/")
    assert answer.status_code == 200, answer.content
    assert answer.json()["enabled"] is False and answer.json()["next_run"] is None
    assert not q_rows().exists() and Schedule.objects.get(pk=schedule_id).q_schedule is None

    answer = api_client.post(f"{SCHEDULES}{schedule_id}/enable/")
    assert answer.status_code == 200, answer.content
    row = q_rows().get()
    assert answer.json()["enabled"] is True and parse(answer.json()["next_run"]) == row.next_run
    assert Schedule.objects.get(pk=schedule_id).q_schedule == row and row.cron == "0 6 * * *"


def test_a_schedule_created_disabled_has_no_django_q_row(api_client, graph):
    answer = create(api_client, graph, enabled=False)
    assert answer.status_code == 201 and answer.json()["next_run"] is None
    assert Schedule.objects.get(pk=answer.json()["id"]).enabled is False and not q_rows().exists()


def test_patch_moves_the_django_q_row_to_the_new_cron(api_client, graph):
    schedule_id = create(api_client, graph).json()["id"]
    row_id = q_rows().get().pk

    answer = api_client.patch(f"{SCHEDULES}{schedule_id}/", {"cron": "30 18 * * *", "name": "evenings"}, format="json")
    assert answer.status_code == 200, answer.content
    assert (answer.json()["cron"], answer.json()["name"], answer.json()["timezone"]) == ("30 18 * * *", "evenings",
                                                                                         "UTC")  # fmt: skip
    row = q_rows().get()
    assert row.pk == row_id and row.cron == "30 18 * * *" and (row.next_run.hour, row.next_run.minute) == (18, 30)

    answer = api_client.patch(f"{SCHEDULES}{schedule_id}/", {"cron": "nope"}, format="json")
    assert answer.status_code == 400 and answer.json()["error"]["code"] == "invalid_cron"
    assert Schedule.objects.get(pk=schedule_id).cron == "30 18 * * *" and q_rows().get().cron == "30 18 * * *"


def test_deleting_a_schedule_removes_its_django_q_row(api_client, graph):
    schedule_id = create(api_client, graph).json()["id"]
    answer = api_client.delete(f"{SCHEDULES}{schedule_id}/")
    assert answer.status_code == 204
    assert not Schedule.objects.exists() and not q_rows().exists()


def test_deleting_the_graph_takes_its_schedules_and_their_django_q_rows_along(api_client, graph):
    create(api_client, graph)
    create(api_client, graph, cron="@hourly")
    assert q_rows().count() == 2
    assert api_client.delete(f"{GRAPHS}{graph.pk}/").status_code == 204
    assert not Schedule.objects.exists() and not q_rows().exists()


def test_firing_starts_a_queued_run_of_the_latest_version_with_the_initial_state(
    api_client, user, graph, django_capture_on_commit_callbacks
):
    schedule = schedule_create(owner=user, graph=graph, cron="* * * * *", initial_state={"count": 1})
    graph_update(graph=graph, definition={**COUNTER, "description": "v2"}, user=user)

    with django_capture_on_commit_callbacks() as enqueued:
        run_id = fire_schedule(str(schedule.pk))
    run = Run.objects.get(pk=run_id)
    assert (run.status, run.initial_state, run.version.number, run.owner) == (JobStatus.QUEUED, {"count": 1}, 2, user)
    assert len(enqueued) == 1  # the run went to the queue like any other

    second = fire_schedule(str(schedule.pk))
    schedule.refresh_from_db()
    assert (str(schedule.last_run_id), schedule.runs_started) == (second, 2)
    listed = api_client.get(RUNS).json()["results"]
    assert {item["id"] for item in listed} == {run_id, second}
    body = api_client.get(f"{SCHEDULES}{schedule.pk}/").json()
    assert (body["last_run_id"], body["runs_started"]) == (second, 2)


def test_firing_a_disabled_or_deleted_schedule_starts_nothing(user, graph):
    disabled = schedule_create(owner=user, graph=graph, cron="* * * * *", enabled=False)
    deleted = schedule_create(owner=user, graph=graph, cron="* * * * *")
    deleted_id = str(deleted.pk)
    schedule_delete(schedule=deleted)

    assert fire_schedule(str(disabled.pk)) is None
    assert fire_schedule(deleted_id) is None
    disabled.refresh_from_db()
    assert not Run.objects.exists() and disabled.runs_started == 0 and disabled.last_run is None


def test_another_users_schedules_and_graphs_are_not_found(api_client, api_client_for, other_user, graph):
    schedule_id = create(api_client, graph).json()["id"]
    stranger = api_client_for(other_user)
    strangers_graph = graph_create(owner=other_user, definition=COUNTER)
    answer = api_client.patch(f"{SCHEDULES}{schedule_id}/", {"graph_id": str(strangers_graph.pk)}, format="json")
    assert answer.status_code == 404 and Schedule.objects.get().graph == graph

    assert stranger.get(SCHEDULES).json()["results"] == []
    for answer in [
        stranger.get(f"{SCHEDULES}{schedule_id}/"),
        stranger.patch(f"{SCHEDULES}{schedule_id}/", {"cron": "@daily"}, format="json"),
        stranger.post(f"{SCHEDULES}{schedule_id}/disable/"),
        stranger.delete(f"{SCHEDULES}{schedule_id}/"),
        create(stranger, graph),
    ]:
        assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found"
    assert Schedule.objects.get().cron == "0 6 * * *" and Schedule.objects.get().enabled is True
    assert q_rows().count() == 1


def test_the_list_can_be_filtered_by_enabled(api_client, graph):
    on = create(api_client, graph).json()["id"]
    create(api_client, graph, enabled=False)
    answer = api_client.get(SCHEDULES, {"enabled": "true"})
    assert answer.status_code == 200 and [item["id"] for item in answer.json()["results"]] == [on]


def test_django_q_scheduler_fires_an_every_minute_schedule(user, graph, monkeypatch):
    """django-q2's own scheduler picks the row up when due, runs the task and moves next_run to the next minute."""
    schedule = schedule_create(owner=user, graph=graph, cron="* * * * *", initial_state={"count": 3})
    QSchedule.objects.exclude(func=FIRE_TASK).update(next_run=timezone.now() + timedelta(days=1))  # the reaper
    q_rows().update(next_run=timezone.now() - timedelta(minutes=1))
    # Sync: the scheduler hands the task to django-q2's worker and monitor in this process, as a cluster would.
    monkeypatch.setattr(Conf, "SYNC", True)

    started = timezone.now()
    scheduler()

    run = Run.objects.get()
    assert (run.status, run.initial_state, run.owner) == (JobStatus.QUEUED, {"count": 3}, user)
    schedule.refresh_from_db()
    assert (schedule.last_run, schedule.runs_started) == (run, 1)
    row = q_rows().get()
    task = Task.objects.get(pk=row.task)
    assert (task.func, task.args, task.success, task.result) == (FIRE_TASK, (str(schedule.pk),), True, str(run.pk))
    assert started < row.next_run <= timezone.now() + timedelta(minutes=1) and row.next_run.second == 0
    assert row.repeats == -1


def test_the_admin_lists_schedules_and_disables_them(api_client, graph, staff_user, client):
    schedule_id = create(api_client, graph, name="nightly").json()["id"]
    staff_user.is_superuser = True
    staff_user.save()
    client.force_login(staff_user)

    page = client.get("/admin/graphs/schedule/")
    assert page.status_code == 200 and b"nightly" in page.content and b"0 6 * * *" in page.content
    answer = client.post("/admin/graphs/schedule/", {"action": "disable_schedules", "_selected_action": [schedule_id]})
    assert answer.status_code == 302
    assert Schedule.objects.get(pk=schedule_id).enabled is False and not q_rows().exists()
