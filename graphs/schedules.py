"""Cron schedules for graphs: writes that keep each schedule's django-q2 row in step, and the firing.

django-q2 does the timing. While a schedule is enabled exactly one django_q Schedule row (type
CRON, repeats -1) calls graphs.tasks.fire_schedule with its id; while disabled there is none, so
nothing fires. Each firing starts a normal run of the graph's latest version.

Time zones: django-q2 works out every run after the first as
`croniter(cron, now in Q_CLUSTER["time_zone"] or TIME_ZONE)`, whatever the row's next_run says, so its
CRON rows honour a cron only in the cluster's time zone (UTC here). A schedule in that zone gets a CRON
row. A schedule in any other IANA zone gets a ONCE row for its next firing, worked out here in its own
zone (so "0 9 * * 1" in Europe/Paris is 09:00 Paris time in summer and in winter), and each firing
re-arms the row for the one after (see schedule_fire), so a failing run does not stop the schedule.
Firings missed while no cluster ran are not caught up, as with django-q2's CATCH_UP off: one fires.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from croniter import croniter
from django.db import transaction
from django.db.models import F
from django.utils.timezone import now
from django_q.conf import Conf
from django_q.models import Schedule as QSchedule

from graphs.engine.cron import cron_problem, timezone_problem
from graphs.models import Graph, Run, Schedule
from graphs.services import check_state, run_start
from wfplatform.errors import ApplicationError

logger = logging.getLogger(__name__)

FIRE_TASK = "graphs.tasks.fire_schedule"


# --- checks ---------------------------------------------------------------------------------------
def _invalid(field: str, message: str, code: str) -> ApplicationError:
    return ApplicationError(message, code=code, details={field: [message]})


def check_cron(cron: str) -> str:
    """The expression, tidied; a 400 saying what is wrong otherwise."""
    tidy, problem = cron_problem(cron)
    if problem is not None:
        raise _invalid("cron", problem, "invalid_cron")
    return tidy


def check_timezone(name: str) -> str:
    """An IANA time zone name; a 400 otherwise."""
    problem = timezone_problem(name)
    if problem is not None:
        raise _invalid("timezone", problem, "invalid_timezone")
    return name


def cluster_timezone() -> str:
    """The zone django-q2 reads cron expressions in."""
    return Conf.TIME_ZONE or "UTC"


def next_fire(cron: str, timezone: str, after: datetime | None = None) -> datetime:
    """When the cron next comes due after `after` (now), read in `timezone`."""
    return croniter(cron, (after or now()).astimezone(ZoneInfo(timezone))).get_next(datetime)


# --- services -------------------------------------------------------------------------------------
@transaction.atomic
def schedule_create(
    *,
    owner,
    graph: Graph,
    cron: str,
    timezone: str = "UTC",
    initial_state: Any = None,
    name: str = "",
    enabled: bool = True,
) -> Schedule:
    schedule = Schedule.objects.create(
        owner=owner,
        graph=graph,
        cron=check_cron(cron),
        timezone=check_timezone(timezone),
        initial_state=check_state(initial_state, "initial_state"),
        name=name,
        enabled=enabled,
    )
    _sync_q_schedule(schedule)
    return schedule


@transaction.atomic
def schedule_update(
    *,
    schedule: Schedule,
    graph: Graph | None = None,
    cron: str | None = None,
    timezone: str | None = None,
    initial_state: Any = None,
    name: str | None = None,
    enabled: bool | None = None,
) -> Schedule:
    """Change what is given (None leaves a field as it is); the next run follows the new cron at once."""
    changes = {
        "graph": graph,
        "cron": None if cron is None else check_cron(cron),
        "timezone": None if timezone is None else check_timezone(timezone),
        "initial_state": None if initial_state is None else check_state(initial_state, "initial_state"),
        "name": name,
        "enabled": enabled,
    }
    locked = _locked(schedule)
    for field, value in changes.items():
        if value is not None:
            setattr(locked, field, value)
    locked.save()
    _sync_q_schedule(locked)
    return locked


@transaction.atomic
def schedule_enable(*, schedule: Schedule) -> Schedule:
    return schedule_update(schedule=schedule, enabled=True)


@transaction.atomic
def schedule_disable(*, schedule: Schedule) -> Schedule:
    return schedule_update(schedule=schedule, enabled=False)


@transaction.atomic
def schedule_delete(*, schedule: Schedule) -> None:
    QSchedule.objects.filter(pk=schedule.q_schedule_id).delete()
    schedule.delete()


def schedule_fire(*, schedule_id: str) -> Run | None:
    """Start a run for a schedule that came due; nothing if it is gone or disabled.

    A schedule outside the cluster's zone is re-armed first, in its own transaction, so a run that fails to
    start does not stop the firings after it. In django-q2's sync mode the task runs inside the scheduler's
    transaction, which saves the fired row (repeats 0) after the task returns: on_commit re-arms after that
    (outside any transaction, as in a worker, it re-arms at once).
    """
    if Schedule.objects.filter(pk=schedule_id, enabled=True).exclude(timezone=cluster_timezone()).exists():
        transaction.on_commit(lambda: _rearm(schedule_id))
    return _start_scheduled_run(schedule_id)


@transaction.atomic
def _rearm(schedule_id: str) -> None:
    schedule = Schedule.objects.select_for_update().filter(pk=schedule_id, enabled=True).first()
    if schedule is not None and not _cluster_runs_it(schedule):  # still so: it may have changed meanwhile
        _sync_q_schedule(schedule)


@transaction.atomic
def _start_scheduled_run(schedule_id: str) -> Run | None:
    schedule = Schedule.objects.select_for_update(of=("self",)).select_related("graph", "owner")
    schedule = schedule.filter(pk=schedule_id).first()
    if schedule is None or not schedule.enabled:
        logger.info("schedule %s %s: no run started", schedule_id, "is disabled" if schedule else "no longer exists")
        return None
    run = run_start(owner=schedule.owner, version=schedule.graph.current, initial_state=schedule.initial_state)
    Schedule.objects.filter(pk=schedule.pk).update(last_run=run, runs_started=F("runs_started") + 1)
    logger.info("schedule %s started run %s", schedule.pk, run.pk)
    return run


def _locked(schedule: Schedule) -> Schedule:
    # Two concurrent changes must not both create a django-q2 row for the same schedule.
    return Schedule.objects.select_for_update().get(pk=schedule.pk)


def _cluster_runs_it(schedule: Schedule) -> bool:
    """Whether django-q2's own cron arithmetic (in the cluster's zone) is right for this schedule."""
    return schedule.timezone == cluster_timezone()


def _sync_q_schedule(schedule: Schedule) -> None:
    """One django-q2 row while enabled, carrying its next run; none while disabled.

    In the cluster's zone a CRON row that django-q2 advances; elsewhere a ONCE row for the next firing,
    kept (repeats 1, which django-q2 sets to 0 once fired instead of deleting the row) and re-armed by it.
    """
    row = QSchedule.objects.filter(pk=schedule.q_schedule_id).first() if schedule.q_schedule_id else None
    if schedule.enabled:
        row = row or QSchedule(func=FIRE_TASK)
        row.name = f"graph schedule {schedule.pk}"
        row.args = repr(str(schedule.pk))
        row.cron = schedule.cron
        if _cluster_runs_it(schedule):
            row.schedule_type, row.repeats = QSchedule.CRON, -1
        else:
            row.schedule_type, row.repeats = QSchedule.ONCE, 1
        row.next_run = next_fire(schedule.cron, schedule.timezone)
        row.save()
    elif row is not None:
        row.delete()
        row = None
    schedule.q_schedule = row
    Schedule.objects.filter(pk=schedule.pk).update(q_schedule=row)
