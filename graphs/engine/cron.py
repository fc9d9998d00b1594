"""Cron expressions (five fields, or an @alias) and their time zones, for schedules and graph triggers."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from croniter import CroniterBadDateError, croniter

ALIASES = frozenset({"@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"})


def cron_problem(cron: str) -> tuple[str, str | None]:
    """The expression tidied, and what is wrong with it (None when it is a cron that comes due)."""
    tidy = " ".join(str(cron).split())
    if tidy.lower() in ALIASES:
        return tidy.lower(), None
    if len(tidy.split()) != 5:
        return tidy, (f"cron {tidy!r} must have 5 fields (minute hour day-of-month month day-of-week), "
                      f"or be one of {', '.join(sorted(ALIASES))}")  # fmt: skip
    try:
        croniter(tidy, datetime.now(UTC)).get_next(datetime)
    except CroniterBadDateError:
        return tidy, f"cron {tidy!r} never comes due"
    except (ValueError, KeyError) as exc:  # croniter's errors are ValueErrors
        return tidy, f"cron {tidy!r} is not valid: {exc}"
    return tidy, None


def timezone_problem(name: object) -> str | None:
    """What is wrong with an IANA time zone name, or None."""
    if not isinstance(name, str) or not name:
        return "a time zone is an IANA name such as 'Europe/Paris'"
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder such as 'America'
        return f"unknown time zone {name!r}: use an IANA name such as 'Europe/Paris'"
    return None
