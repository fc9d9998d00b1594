"""Runtime helpers of the cell-value learner: the functions generated code calls.

Every helper is embedded into generated scripts with `inspect.getsource`, so each one stands
alone: it may use only the modules a generated script imports (re, datetime, functools, math), literal
default arguments for its tables, and other helpers it names in its `requires` attribute.
A helper raises ValueError (or IndexError) when a cell does not fit it.
"""

from __future__ import annotations

import datetime
import functools
import re


# --- text ---------------------------------------------------------------------------------------
def text_position(text, pos):
    """The index `pos` names in `text`: ['abs', n] (n < 0 counts from the end, -1 is the end)
    or ['tok', pattern, occurrence, side] (start or end of the n-th match, n < 0 from the end),
    or ['off', position, n]: n characters after (n < 0: before) another position."""
    if pos[0] == "off":
        index = text_position(text, pos[1]) + pos[2]
        if not 0 <= index <= len(text):
            raise ValueError(f"position {index} is outside {text!r}")
        return index
    if pos[0] == "abs":
        index = pos[1] if pos[1] >= 0 else len(text) + 1 + pos[1]
        if not 0 <= index <= len(text):
            raise ValueError(f"position {pos[1]} is outside {text!r}")
        return index
    _, pattern, occurrence, side = pos
    matches = list(re.finditer(pattern, text))
    if not -len(matches) <= occurrence <= len(matches) or occurrence == 0:
        raise ValueError(f"{text!r} has no match {occurrence} of {pattern!r}")
    match = matches[occurrence - 1 if occurrence > 0 else occurrence]
    return match.start() if side == "start" else match.end()


def text_slice(text, start, end):
    """The text between two positions (see text_position)."""
    first, last = text_position(text, start), text_position(text, end)
    if first > last:
        raise ValueError(f"positions cross in {text!r}")
    return text[first:last]


text_slice.requires = (text_position,)


def change_case(text, mode):
    if mode == "lower":
        return text.lower()
    if mode == "upper":
        return text.upper()
    if mode == "title":
        return text.title()
    return text[:1].upper() + text[1:].lower()


def keep_matching(text, pattern):
    """Only the characters of `text` that match `pattern` (e.g. the digits of a phone number)."""
    return "".join(re.findall(pattern, text))


def initials(text, pattern):
    """The first character of every match of `pattern`."""
    return "".join(match[:1] for match in re.findall(pattern, text))


def table_lookup(key, table, default):
    return table.get(key, default)


def number_range(number, width, phase, texts):
    """The range [phase + k*width, phase + (k+1)*width - 1] holding `number`, written as
    prefix, start, separator, end, suffix (`texts` holds the three texts)."""
    mantissa, exponent = number
    scale = 10 ** max(-exponent, 0)
    value = mantissa * 10 ** max(exponent, 0)
    start = (value - phase * scale) // (width * scale) * width + phase
    prefix, separator, suffix = texts
    return f"{prefix}{start}{separator}{start + width - 1}{suffix}"


def cell_test(text, kind, pattern):
    """A predicate on one cell: 'empty', 'search', 'start', 'end' (a regex), or 'count>=n'."""
    if kind == "empty":
        return not text.strip()
    if kind == "search":
        return re.search(pattern, text) is not None
    if kind == "start":
        return re.match(pattern, text) is not None
    if kind == "end":
        return re.search(f"(?:{pattern})$", text) is not None
    return len(re.findall(pattern, text)) >= int(kind[len("count>=") :])


# --- dates and times ----------------------------------------------------------------------------
def month_number(word, names=("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")):
    word = word.lower().rstrip(".")
    full = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december")  # fmt: skip
    for number, (short, long) in enumerate(zip(names, full, strict=True), 1):
        if len(word) >= 3 and long.startswith(word) or word == "sept" and short == "sep":
            return number
    raise ValueError(f"{word!r} is not a month")


@functools.lru_cache(maxsize=65536)  # one cell often feeds several fields; columns repeat dates
def parse_datetime(text, order):
    """(year, month, day, hour, minute, second) found in `text`, None for absent parts.

    `order` resolves numeric dates: 'mdy', 'dmy', 'ymd' or 'ydm'; 'hm' reads only a time and
    takes a bare 3-4 digit number as HMM."""
    date, rest = None, text
    if order != "hm":
        for pattern in (
            r"(?<!\d)(?P<y>\d{4})(?P<s>[-/. ]+)(?P<a>\d{1,2})(?P=s)(?P<b>\d{1,2})(?!\d)",
            r"(?<!\d)(?P<a>\d{1,2})(?P<s>[-/. ]+)(?P<b>\d{1,2})(?P=s)(?P<y>\d{4})(?!\d)",
            r"(?<![\d.])(?P<d>\d{1,2})(?:st|nd|rd|th)?[-/., ]*(?P<mon>[A-Za-z]{3,9})\.?[-/., ]*(?P<y>\d{4})(?!\d)",
            r"(?<![A-Za-z])(?P<mon>[A-Za-z]{3,9})\.?[-/. ]*(?P<d>\d{1,2})(?:st|nd|rd|th)?,?[-/. ]*(?P<y>\d{4})(?!\d)",
            r"(?<!\d)(?P<e>\d{8})(?!\d)",
            r"(?<![\d.])(?P<a>\d{1,2})(?P<s>[-/.])(?P<b>\d{1,2})(?P=s)(?P<yy>\d{2})(?![\d.])",
            r"^\s*(?P<y>\d{4})[- ](?P<doy>\d{1,3})\s*$",  # an ordinal date: year and day of the year
        ):
            for match in re.finditer(pattern, text):
                date = _date_from_match(match.groupdict(), order)
                if date is not None:
                    rest = text[: match.start()] + " " + text[match.end() :]
                    break
            if date is not None:
                break
    clock = _time_in(rest, order)
    if date is None and clock is None:
        raise ValueError(f"no date or time in {text!r}")
    return (date or (None, None, None)) + (clock or (None, None, None))


def _date_from_match(groups, order):
    if groups.get("e"):
        digits = groups["e"]
        if order == "ymd":
            year, month, day = digits[:4], digits[4:6], digits[6:]
        elif order == "dmy":
            day, month, year = digits[:2], digits[2:4], digits[4:]
        else:
            month, day, year = digits[:2], digits[2:4], digits[4:]
        parts = int(year), int(month), int(day)
    elif groups.get("doy"):
        start = datetime.date(int(groups["y"]), 1, 1) + datetime.timedelta(days=int(groups["doy"]) - 1)
        if start.year != int(groups["y"]) or int(groups["doy"]) < 1:
            return None
        parts = start.year, start.month, start.day
    elif groups.get("mon"):
        try:
            parts = int(groups["y"]), month_number(groups["mon"]), int(groups["d"])
        except ValueError:
            return None
    else:
        first, second = int(groups["a"]), int(groups["b"])
        year = int(groups["y"]) if groups.get("y") else int(groups["yy"]) + (1900 if int(groups["yy"]) >= 69 else 2000)
        swap = order in ("dmy", "ydm")
        parts = (year, second, first) if swap else (year, first, second)
        # The preferred order only settles ambiguous dates: 27.3.1990 is day-first whatever it says.
        if not 1 <= parts[1] <= 12:
            parts = (year, parts[2], parts[1])
    try:
        datetime.date(*parts)
    except ValueError:
        return None
    return parts


_date_from_match.requires = (month_number,)


def _time_in(text, order):
    match = re.search(r"(?<![\d:])(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?(?![\d:])", text)
    if match is None:
        match = re.search(r"(?<![\d:])(\d{1,2})()()\s*([AaPp])\.?[Mm]\b", text)
    if match is None and order == "hm":
        match = re.fullmatch(r"\s*(\d{1,2})(\d{2})()()\s*", text)
    if match is None:
        return None
    hour, minute, second = int(match[1]), int(match[2] or 0), int(match[3] or 0)
    if match[4]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match[4] in "Pp" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


parse_datetime.requires = (_date_from_match, _time_in)


def shift_time(moment, size, phase, mode, offset):
    """Round the time of day to a multiple of `size` seconds (counted from `phase`) and add `offset`."""
    if moment[3] is None:
        raise ValueError("no time of day")
    seconds = moment[3] * 3600 + moment[4] * 60 + moment[5] - phase
    if mode == "floor":
        seconds = seconds // size * size
    elif mode == "ceil":
        seconds = -(-seconds // size) * size
    elif mode == "round":
        seconds = (seconds * 2 + size) // (2 * size) * size
    seconds = (seconds + phase + offset) % 86400
    return moment[:3] + (seconds // 3600, seconds // 60 % 60, seconds % 60)


def date_field(moment, field):
    """One field of a parsed date/time, in the spelling `field` names (strftime-like codes;
    several letters joined by ':' or ' ' spell a clock time such as 'l:M p' -> '6:05 PM')."""
    if len(field) > 1 and field != "VV":
        return re.sub(r"[A-Za-z]", lambda match: date_field(moment, match[0]), field)
    year, month, day, hour, minute, second = moment
    time_fields = {"H": 2, "k": 1, "M": 2, "S": 2, "I": 2, "l": 1, "p": 0, "P": 0}
    if field in time_fields:
        if hour is None:
            raise ValueError("no time of day")
        value = {"H": hour, "k": hour, "M": minute, "S": second}.get(field, (hour + 11) % 12 + 1)
        if field in "pP":
            return ("AM" if hour < 12 else "PM") if field == "p" else ("am" if hour < 12 else "pm")
        return str(value).zfill(time_fields[field])
    if year is None:
        raise ValueError("no date")
    if field in ("Y", "y"):
        return str(year).zfill(4) if field == "Y" else str(year % 100).zfill(2)
    if field in ("m", "n", "d", "j"):
        value = month if field in "mn" else day
        return str(value).zfill(2 if field in "md" else 1)
    return _calendar_field(datetime.date(year, month, day), field)


def _calendar_field(date, field):
    if field == "B":
        return ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")[date.month - 1]  # fmt: skip
    if field == "b":
        return ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")[date.month - 1]
    if field == "A":
        return ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[date.weekday()]
    if field == "a":
        return ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[date.weekday()]
    if field == "q":
        return str((date.month - 1) // 3 + 1)
    if field in ("V", "VV"):
        week = date.isocalendar()[1]
        return str(week).zfill(1 if field == "V" else 2)
    if field == "U":
        return str(int(date.strftime("%U")))
    if field == "w":
        return str((date.day - 1) // 7 + 1)
    if field == "J":
        return str(date.timetuple().tm_yday)
    raise ValueError(f"unknown date field {field!r}")


date_field.requires = (_calendar_field,)


# --- numbers ------------------------------------------------------------------------------------
def find_number(text, index):
    """The `index`-th number in `text` (1-based, negative from the end) as (mantissa, exponent):
    exact decimal, so '1438.10' is (143810, -2) and keeps its two decimals."""
    pattern = (
        r"(?<![0-9A-Za-z.])-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?(?![0-9])"
        r"|(?<![0-9A-Za-z])-?\.\d+|(?<=[0-9A-Za-z])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    )
    found = re.findall(pattern, text)
    if not -len(found) <= index <= len(found) or index == 0:
        raise ValueError(f"{text!r} has no number {index}")
    return decimal_parts(found[index - 1 if index > 0 else index].replace(",", ""))


def decimal_parts(text):
    mantissa, _, exponent = text.lower().partition("e")
    whole, _, fraction = mantissa.partition(".")
    sign = -1 if whole.startswith("-") else 1
    digits = whole.lstrip("-") + fraction
    return sign * int(digits or "0"), int(exponent or "0") - len(fraction)


find_number.requires = (decimal_parts,)


def round_number(number, quantum, mode):
    """`number` rounded to a multiple of `quantum` (both (mantissa, exponent)); half away from zero."""
    (mantissa, exponent), (step, step_exponent) = number, quantum
    common = min(exponent, step_exponent)
    value, unit = mantissa * 10 ** (exponent - common), step * 10 ** (step_exponent - common)
    if mode == "floor":
        count = value // unit
    elif mode == "ceil":
        count = -(-value // unit)
    else:
        count = (abs(value) * 2 + unit) // (2 * unit) * (1 if value >= 0 else -1)
    return count * unit, common


def number_arith(left, right, op):
    (a, a_exp), (b, b_exp) = left, right
    common = min(a_exp, b_exp)
    a, b = a * 10 ** (a_exp - common), b * 10 ** (b_exp - common)
    if op == "mul":
        return a * b, 2 * common
    return (a + b if op == "add" else a - b), common


def transform_number(number, scale, quantum, mode, offset):
    """Scale by 10**scale (negated when `mode` starts with '-'), round, then add `offset` quanta."""
    mantissa, exponent = number
    if mode.startswith("-"):
        mantissa, mode = -mantissa, mode[1:]
    number = (mantissa, exponent + scale)
    if quantum is not None:
        number = round_number(number, quantum, mode)
        number = number_arith(number, (quantum[0] * offset, quantum[1]), "add")
    return number


transform_number.requires = (round_number, number_arith)


def format_number(number, decimals, places, width, grouping):
    """Render (mantissa, exponent): `decimals` is 'fix', 'min', 'keep', 'atleast' or 'atmost'
    (with `places`), `width` zero-pads the integer part, `grouping` is '', ',' or 'eu'."""
    mantissa, exponent = number
    natural = max(-exponent, 0)
    if decimals == "align":
        return _aligned(mantissa, exponent, places, width)
    needed = _strip_zeros(mantissa, exponent)
    shown = {
        "fix": places,
        "keep": natural,
        "min": needed,
        "atleast": max(places, needed),
        "atmost": min(places, natural),
    }
    shown = shown[decimals]
    scaled = _rounded_to(mantissa, exponent, shown)
    digits = str(abs(scaled)).rjust(shown + 1, "0")
    whole, fraction = digits[: len(digits) - shown], digits[len(digits) - shown :]
    whole = whole.rjust(width, "0")
    if grouping:
        whole = re.sub(r"(?<=\d)(?=(\d{3})+$)", "," if grouping == "," else ".", whole)
    point = "," if grouping == "eu" else "."
    return ("-" if scaled < 0 else "") + whole + (point + fraction if shown else "")


def _aligned(mantissa, exponent, places, width):
    """Digits as written, padded with spaces so decimal points line up: '  1.2  ' for width 3, places 3."""
    digits = str(abs(mantissa)).rjust(max(-exponent, 0) + 1, "0") + "0" * max(exponent, 0)
    split = len(digits) + min(exponent, 0)
    whole = ("-" if mantissa < 0 else "") + digits[:split]
    return whole.rjust(width) + "." + digits[split:].ljust(places)


def _strip_zeros(mantissa, exponent):
    """How many decimals `mantissa * 10**exponent` needs once trailing zeros are dropped."""
    places = max(-exponent, 0)
    while places and mantissa % 10 ** (-exponent - places + 1) == 0:
        places -= 1
    return places


def _rounded_to(mantissa, exponent, places):
    """The integer `round(mantissa * 10**(exponent + places))`, half away from zero."""
    shift = exponent + places
    if shift >= 0:
        return mantissa * 10**shift
    unit = 10**-shift
    return (abs(mantissa) * 2 + unit) // (2 * unit) * (1 if mantissa >= 0 else -1)


format_number.requires = (_strip_zeros, _rounded_to, _aligned)


def month_of_number(number, style):
    """A month number (1-12) spelled as a name: style 'B' (full) or 'b' (abbreviated)."""
    mantissa, exponent = number
    value = mantissa * 10**exponent if exponent >= 0 else mantissa / 10**-exponent
    if value not in range(1, 13):
        raise ValueError(f"{value} is not a month number")
    names = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")  # fmt: skip
    name = names[int(value) - 1]
    return name if style == "B" else name[:3]
