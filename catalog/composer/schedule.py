"""Schedules written in words, read as cron expressions: "every Monday at 9am" -> "0 9 * * 1".

What is read: intervals ("every 15 minutes", "every 2 hours", "hourly", "every 3 days"), days of the week
("every Monday", "on Mondays and Thursdays", "Monday to Friday", "weekdays", "weekends"), days of the month
("on the 1st", "the 15th of each month", "first day of the month"), periods ("daily", "weekly", "monthly",
"each morning", "nightly") and times of day ("at 9", "at 5:30 pm", "17:00", "noon", "midnight"). A period
without a time runs at 9:00 (the part of the day when one is named: "every evening" is 18:00); "weekly" without
a day runs on Monday, "monthly" without a day on the 1st. A bare hour ("at 9") counts only next to another
cue, so "at 9 open issues" alone is no schedule; "at 9am" is one (daily).

Time zones: a schedule is read in UTC unless the prompt names a zone: an IANA name ("Europe/Paris"), a
common abbreviation in capitals right after a time ("9am EST", "17:00 CET": the zone that observes it, summer
time included),
or a place and "time" ("Paris time", "New York time", matched against the IANA names' last part).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from zoneinfo import available_timezones

from graphs.engine.cron import timezone_problem

DAYS = {"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6}
_DAY = r"(?:sun|mon|tues|wednes|thurs|fri|satur)day"
_DAY_S = rf"{_DAY}s?"
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10, "twelve": 12,
                 "fifteen": 15, "twenty": 20, "thirty": 30, "a": 1, "an": 1}  # fmt: skip
_COUNT = r"(\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")"
PARTS_OF_DAY = {"morning": 9, "afternoon": 14, "evening": 18, "night": 21}
DEFAULT_TIME = (0, 9)  # (minute, hour)

_I = re.IGNORECASE
_MINUTES = re.compile(rf"\bevery\s+{_COUNT}\s*(?:minutes?|mins?)\b|\bevery\s+(minute)\b", _I)
_HALF_HOUR = re.compile(r"\bevery\s+(half|quarter)[\s-]+(?:an\s+)?hour\b", _I)
_HOURS = re.compile(rf"\bevery\s+{_COUNT}\s*(?:hours?|hrs?)\b|\b(?:every|each)\s+(hour)\b|\b(hourly)\b", _I)
_DAY_INTERVAL = re.compile(rf"\bevery\s+{_COUNT}\s+days\b", _I)
_WEEKDAYS = re.compile(r"\b(?:every\s+|on\s+)?(?:weekdays?|business\s+days?|working\s+days?)\b", _I)
_WEEKENDS = re.compile(r"\b(?:every\s+|on\s+)?weekends?\b", _I)
_DAY_RANGE = re.compile(rf"\b(?:from\s+)?({_DAY})\s+(?:through|thru|to|-)\s+({_DAY})\b", _I)
_DAY_LIST = re.compile(
    rf"\b(?:(?:every|each|on|weekly\s+on|weekly)\s+({_DAY_S}(?:\s*(?:,|and|&|or)\s*{_DAY_S})*)"
    rf"|({_DAY}s(?:\s*(?:,|and|&|or)\s*{_DAY_S})*)\b|({_DAY})(?=\s+(?:at|mornings?|afternoons?|evenings?|nights?)\b))",
    _I,
)
_DAY_OF_MONTH = re.compile(
    r"\bon\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b(?:\s+of\s+(?:every|each|the)\s+month\b)?|\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\s+of\s+(?:every|each|the)\s+month\b"
    r"|\b(first)\s+day\s+of\s+(?:every|each|the)\s+month\b",
    _I,
)
_DAILY = re.compile(r"\b(?:daily|every\s*day|each\s+day|once\s+a\s+day|nightly)\b", _I)
_WEEKLY = re.compile(r"\b(?:weekly|every\s+week|each\s+week|once\s+a\s+week)\b", _I)
_MONTHLY = re.compile(r"\b(?:monthly|every\s+month|each\s+month|once\s+a\s+month)\b", _I)
_PART_OF_DAY = re.compile(r"\b(?:every|each|in\s+the)\s+(morning|afternoon|evening|night)s?\b|\b(nightly)\b", _I)
_CLOCK = re.compile(
    r"\b(?:at\s+)?(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\b\.?|\b(?:at\s+)?([01]?\d|2[0-3]):([0-5]\d)\b", _I
)
_BARE_HOUR = re.compile(r"\bat\s+([01]?\d|2[0-3])\b(?![:/.\d])", _I)
_NOON = re.compile(r"\b(?:at\s+)?(noon|midday|midnight)\b", _I)
DEFAULT_TIMEZONE = "UTC"
# Abbreviations people write after a time, to the IANA zone that observes them (with its summer time).
ZONE_ABBREVIATIONS = {
    "UTC": "UTC", "GMT": "UTC", "Z": "UTC", "BST": "Europe/London", "CET": "Europe/Paris", "CEST": "Europe/Paris",
    "EET": "Europe/Athens", "EST": "America/New_York", "EDT": "America/New_York", "ET": "America/New_York",
    "CST": "America/Chicago", "CDT": "America/Chicago", "CT": "America/Chicago", "MST": "America/Denver",
    "MDT": "America/Denver", "MT": "America/Denver", "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles",
    "PT": "America/Los_Angeles", "IST": "Asia/Kolkata", "JST": "Asia/Tokyo", "SGT": "Asia/Singapore",
    "HKT": "Asia/Hong_Kong", "AEST": "Australia/Sydney", "AEDT": "Australia/Sydney",
}  # fmt: skip
_IANA = re.compile(r"\b((?:[A-Z][A-Za-z]+/)+[A-Z][A-Za-z_+-]+)\b")
# Right after a time ("9am EST", "17:00 (CET)"): "the Q3 PST report" names no zone.
_ABBREVIATION = re.compile(
    r"(?:(?<![A-Za-z\d])\d{1,2}(?::\d{2})?|(?i:[ap]\.?m\.?|noon|midnight|midday))\s*\(?("
    + "|".join(sorted(ZONE_ABBREVIATIONS, key=len, reverse=True))
    + r")\b"
)
_PLACE_TIME = re.compile(r"\b((?:[A-Z][a-z]+[\s-]){0,2}[A-Z][a-z]+)\s+time(?:\s*zone)?\b")


@dataclass(frozen=True)
class Schedule:
    cron: str
    spans: tuple[tuple[int, int], ...] = field(default=())  # where the prompt says it, to read around it
    timezone: str = DEFAULT_TIMEZONE  # the IANA zone the cron is read in

    def strip(self, text: str) -> str:
        """`text` (the text parsed) with the schedule's words blanked out."""
        for start, end in sorted(self.spans, reverse=True):
            text = text[:start] + " " * (end - start) + text[end:]
        return text


@dataclass
class _Found:
    spans: list[tuple[int, int]] = field(default_factory=list)

    def search(self, pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
        match = pattern.search(text)
        if match is not None:
            self.spans.append(match.span())
        return match

    def find_all(self, pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
        matches = list(pattern.finditer(text))
        self.spans.extend(match.span() for match in matches)
        return matches


def parse_schedule(text: str) -> Schedule | None:
    """The cron expression (minute hour day-of-month month day-of-week) the text asks for, or None."""
    found = _Found()
    days = _days_of_week(text, found)
    interval = _interval(text, found)
    if interval is not None:
        zone = _timezone(text, found)
        return Schedule(f"{interval} * {days or '*'}", tuple(found.spans), zone)
    day_of_month = _day_of_month(text, found)
    daily = found.search(_DAILY, text) is not None
    weekly = found.search(_WEEKLY, text) is not None
    monthly = found.search(_MONTHLY, text) is not None
    clock = _time_of_day(text, found, cued=bool(days or day_of_month or daily or weekly or monthly))
    if not (days or day_of_month or daily or weekly or monthly or clock):
        return None
    minute, hour = clock or DEFAULT_TIME
    if monthly and not day_of_month:
        day_of_month = "1"
    if weekly and not days and not day_of_month:
        days = "1"
    zone = _timezone(text, found)
    return Schedule(f"{minute} {hour} {day_of_month or '*'} * {days or '*'}", tuple(found.spans), zone)


def _timezone(text: str, found: _Found) -> str:
    """The zone the prompt names (see the module docstring), else UTC."""
    if (match := _IANA.search(text)) is not None and timezone_problem(match.group(1)) is None:
        found.spans.append(match.span())
        return match.group(1)
    if (match := _ABBREVIATION.search(text)) is not None:
        found.spans.append(match.span(1))
        return ZONE_ABBREVIATIONS[match.group(1)]
    for match in _PLACE_TIME.finditer(text):
        words = match.group(1).split()
        for start in range(len(words)):  # "Monday Paris time": the longest place name that is a zone
            zone = _places().get("_".join(words[start:]).lower())
            if zone is not None:
                found.spans.append(match.span())
                return zone
    return DEFAULT_TIMEZONE


@cache
def _places() -> dict[str, str]:
    """The last part of every IANA zone name ("new_york"), to its zone; the canonical region's wins a clash."""
    places: dict[str, str] = {}
    for zone in sorted(available_timezones()):
        if "/" in zone and not zone.startswith(("Etc/", "SystemV/", "US/", "Brazil/", "Canada/", "Mexico/")):
            places.setdefault(zone.rsplit("/", 1)[1].lower(), zone)
    return places


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def _interval(text: str, found: _Found) -> str | None:
    """The minute, hour and day-of-month fields of "every N minutes/hours/days"."""
    if (match := found.search(_MINUTES, text)) is not None:
        step = 1 if match.group(2) else _count(match.group(1))
        return "* * *" if step == 1 else f"*/{step} * *"
    if (match := found.search(_HALF_HOUR, text)) is not None:
        return "*/30 * *" if match.group(1).lower() == "half" else "*/15 * *"
    if (match := found.search(_HOURS, text)) is not None:
        step = 1 if match.group(2) or match.group(3) else _count(match.group(1))
        return "0 * *" if step == 1 else f"0 */{step} *"
    if (match := found.search(_DAY_INTERVAL, text)) is not None:
        minute, hour = _time_of_day(text, found, cued=True) or DEFAULT_TIME
        return f"{minute} {hour} */{_count(match.group(1))}"
    return None


def _days_of_week(text: str, found: _Found) -> str:
    """The day-of-week field ("1", "1,4", "1-5"), or "" when the text names no day."""
    if found.search(_WEEKDAYS, text) is not None:
        return "1-5"
    if found.search(_WEEKENDS, text) is not None:
        return "0,6"
    if (match := found.search(_DAY_RANGE, text)) is not None:
        return f"{_day(match.group(1))}-{_day(match.group(2))}"
    numbers: list[int] = []
    for match in found.find_all(_DAY_LIST, text):
        named = next(group for group in match.groups() if group)
        numbers += [_day(day) for day in re.findall(_DAY, named, _I)]
    return ",".join(str(number) for number in sorted(set(numbers)))


def _day(name: str) -> int:
    return DAYS[name.lower().rstrip("s") if name.lower().endswith("days") else name.lower()]


def _day_of_month(text: str, found: _Found) -> str:
    match = found.search(_DAY_OF_MONTH, text)
    if match is None:
        return ""
    number = 1 if match.group(3) else int(match.group(1) or match.group(2))
    return str(number) if 1 <= number <= 31 else ""


def _time_of_day(text: str, found: _Found, *, cued: bool) -> tuple[int, int] | None:
    """(minute, hour): a clock time, noon or midnight, a part of the day, or a bare hour next to another cue."""
    if (match := found.search(_CLOCK, text)) is not None:
        if match.group(1) is not None:
            hour = int(match.group(1)) % 12 + (12 if match.group(3).lower() == "p" else 0)
            return int(match.group(2) or 0), hour
        return int(match.group(5)), int(match.group(4))
    if (match := found.search(_NOON, text)) is not None:
        return 0, 0 if match.group(1).lower() == "midnight" else 12
    if (match := found.search(_PART_OF_DAY, text)) is not None:
        return 0, PARTS_OF_DAY[(match.group(1) or "night").lower()]
    if cued and (match := found.search(_BARE_HOUR, text)) is not None:
        return 0, int(match.group(1))
    return None
