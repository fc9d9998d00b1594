"""Cron schedules for graphs: writes that keep each schedule's django-q2 row in step, and the firing.

django-q2 does the timing. While a schedule is enabled exactly one django_q Schedule row (type
CRON, repeats -1) calls graphs.tasks.fire_schedule with its id; while disabled there is none, so
nothing fires. Each firing starts a normal run of the graph's latest version.

Time zones: django-q2 works out every run after the first as
`croniter(cron, now in Q_CLUSTER["time_zone"] or TIME_ZONE)`, whatever the row's next_run says, so a
cron can only be honoured in the cluster's time zone (UTC here). A schedule's `timezone` must be
that zone; any other is refused with a 400 rather than silently fired at the wrong hour.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from croniter import croniter
from django.db import transaction
from django.db.models import F
from django.utils.timezone import now
from django_q.conf import Conf
from django_q.models import Schedule as QSchedule

from graphs.engine.cron import cron_problem
from graphs.models import Graph, Run, Schedule
from graphs.services import run_start
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
    """An IANA time zone the cluster can honour (see the module docstring); a 400 otherwise."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder such as 'America'
        raise _invalid("timezone", f"unknown time zone {name!r}: use an IANA name such as 'UTC'",
                       "invalid_timezone") from None  # fmt: skip
    if name != cluster_timezone():
        raise _invalid("timezone", f"time zone {name!r} is not supported yet: schedules run in the cluster's "
                                   f"time zone {cluster_timezone()!r}", "unsupported_timezone")  # fmt: skip
    return name


def cluster_timezone() -> str:
    """The zone django-q2 reads cron expressions in."""
    return Conf.TIME_ZONE or "UTC"


def _check_state(state: Any) -> dict[str, Any]:
    if state is None:
        return {}
    if not isinstance(state, dict):
        raise _invalid("initial_state", "initial_state must be a JSON object", "invalid_state")
    return state


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
        initial_state=_check_state(initial_state),
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
        "initial_state": None if initial_state is None else _check_state(initial_state),
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


@transaction.atomic
def schedule_fire(*, schedule_id: str) -> Run | None:
    """Start a run for a schedule that came due; nothing if it is gone or disabled."""
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


def _sync_q_schedule(schedule: Schedule) -> None:
    """One django-q2 row while enabled, carrying the cron and its next run; none while disabled."""
    row = QSchedule.objects.filter(pk=schedule.q_schedule_id).first() if schedule.q_schedule_id else None
    if schedule.enabled:
        row = row or QSchedule(func=FIRE_TASK, schedule_type=QSchedule.CRON)
        row.name = f"graph schedule {schedule.pk}"
        row.args = repr(str(schedule.pk))
        row.cron = schedule.cron
        row.repeats = -1
        row.next_run = next_fire(schedule.cron, schedule.timezone)
        row.save()
    elif row is not None:
        row.delete()
        row = None
    schedule.q_schedule = row
    Schedule.objects.filter(pk=schedule.pk).update(q_schedule=row)
