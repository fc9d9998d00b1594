"""The runtime of expressions: whole-column pandas/numpy operations with the language's own rules.

A value is either a pd.Series (one value per row) or a Python scalar (a literal, or something computed from
literals only). The rules that differ from plain pandas:

- a comparison with a missing value is false, `!=` and `not in` included (pandas says NaN != 1 is true);
- text compared or computed with a number is read as a number (APIs often send "12.5"), and text that is not
  a number becomes missing;
- `and`, `or`, `not` and `if ... else` take conditions only (true/false columns), never numbers or text.
"""

from __future__ import annotations

import operator
import warnings
from collections.abc import Callable
from functools import reduce
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype, is_bool_dtype, is_datetime64_any_dtype, is_numeric_dtype

from agentrunner.pipeline.errors import PipelineError

MAX_EXPONENT = 100
MAX_INT_BITS = 10_000

COMPARISONS: dict[str, Callable[[Any, Any], Any]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
ARITHMETIC: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
    "//": operator.floordiv,
    "%": operator.mod,
    "**": operator.pow,
}


# --- kinds of values ---------------------------------------------------------------------------------
def is_series(value: Any) -> bool:
    return isinstance(value, pd.Series)


def is_text_series(series: pd.Series) -> bool:
    return series.dtype == object or isinstance(series.dtype, pd.StringDtype)


def is_number(value: Any) -> bool:
    return isinstance(value, int | float | np.number) and not isinstance(value, bool | np.bool_)


def is_numeric_series(series: pd.Series) -> bool:
    return is_numeric_dtype(series.dtype) and not is_bool_dtype(series.dtype)


def is_missing(value: Any) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)


def may_have_missing(series: pd.Series) -> bool:
    """Whether a column may hold missing values, found cheaply: a full isna() on text is slow (about 20ns a row),
    while checking that every value is a str is four times faster and settles the common case."""
    if series.dtype == object:
        return infer_dtype(series, skipna=False) not in ("string", "integer", "boolean", "bytes")
    if isinstance(series.dtype, np.dtype) and series.dtype.kind in "iub":
        return False
    return bool(series.isna().any())


def kind(series: pd.Series) -> str:
    if is_bool_dtype(series.dtype):
        return "true/false values"
    if is_numeric_dtype(series.dtype):
        return "numbers"
    if is_datetime64_any_dtype(series.dtype):
        return "dates"
    return "text" if is_text_series(series) else "values"


def describe(value: Any) -> str:
    """How a message names a value: a column by its name, a computed column by its kind, a scalar by itself."""
    if is_series(value):
        if isinstance(value.name, str):
            return f"the column '{value.name}' ({kind(value)})"
        return f"a computed column of {kind(value)}"
    if value is None:
        return "null"
    return f"the {'text' if isinstance(value, str) else 'value'} {value!r}"


# --- numbers written as text -------------------------------------------------------------------------
def as_numbers(value: Any) -> Any:
    """Text read as numbers (what is not a number becomes missing); anything else as it is."""
    if is_series(value) and is_text_series(value):
        return pd.to_numeric(value, errors="coerce")
    if isinstance(value, str):
        number = parse_number(value)
        if number is None:
            raise PipelineError(f"The text {value!r} is not a number.")
        return number
    return value


def parse_number(text: str) -> int | float | None:
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return None


def numeric_view(series: pd.Series) -> pd.Series | None:
    """The column as numbers when it is text holding only numbers ("12.5", "7"), else None."""
    if not is_text_series(series):
        return None
    present = series.dropna()
    if present.empty or infer_dtype(present.iloc[:64], skipna=True) != "string":
        return None
    try:  # a cheap look at the first values before converting the whole column
        pd.to_numeric(present.iloc[:64])
    except (ValueError, TypeError):
        return None
    converted = pd.to_numeric(series, errors="coerce")
    return converted if int(converted.count()) == len(present) else None


# --- conditions --------------------------------------------------------------------------------------
def as_mask(value: Any, role: str) -> bool | pd.Series:
    """A condition as a plain bool or a bool Series, missing values counting as false."""
    if value is None or value is pd.NA:
        return False
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if is_series(value):
        if value.dtype == bool:
            return value
        if isinstance(value.dtype, pd.BooleanDtype):
            return value.fillna(False).astype(bool)
        if value.dtype == object and infer_dtype(value, skipna=True) in ("boolean", "empty"):
            present = value.notna().to_numpy()
            mask = np.zeros(len(value), dtype=bool)
            mask[present] = value.to_numpy()[present].astype(bool)
            return pd.Series(mask, index=value.index)
    raise PipelineError(f"{role} must be a condition (true or false), but {describe(value)} is not.")


def all_of(masks: list[bool | pd.Series]) -> bool | pd.Series:
    return reduce(lambda a, b: (a and b) if not (is_series(a) or is_series(b)) else a & b, masks)


def any_of(masks: list[bool | pd.Series]) -> bool | pd.Series:
    return reduce(lambda a, b: (a or b) if not (is_series(a) or is_series(b)) else a | b, masks)


def negate(mask: bool | pd.Series) -> bool | pd.Series:
    return ~mask if is_series(mask) else not mask


def present(value: Any) -> Any:
    """True where a value is there (a Series), or whether it is (a scalar)."""
    return value.notna() if is_series(value) else not is_missing(value)


def absent(value: Any) -> Any:
    return value.isna() if is_series(value) else is_missing(value)


def choose(condition: Any, if_true: Any, if_false: Any) -> Any:
    """`a if condition else b`, row by row, without a Python loop."""
    mask = as_mask(condition, "The condition of 'if ... else'")
    if not is_series(mask):
        return if_true if mask else if_false
    if is_series(if_true):
        return if_true.where(mask, if_false)
    base = if_false if is_series(if_false) else pd.Series(if_false, index=mask.index)
    return base.mask(mask, if_true)


# --- comparisons -------------------------------------------------------------------------------------
def compare(op: str, left: Any, right: Any) -> Any:
    if left is None or right is None:  # `x == null` reads as "x is missing"
        other = right if left is None else left
        if op == "==":
            return absent(other)
        if op == "!=":
            return present(other)
        return pd.Series(False, index=other.index) if is_series(other) else False
    if not (is_series(left) or is_series(right)):
        return _compare_scalars(op, left, right)
    left, right = _comparable(op, left, right)
    try:
        result = COMPARISONS[op](left, right)
    except TypeError:
        raise PipelineError(f"Cannot compare {describe(left)} with {describe(right)} using '{op}'.") from None
    result = _plain_bool(result)
    if op == "!=":
        for side in (left, right):
            if is_series(side) and may_have_missing(side):
                result = result & side.notna()
    return result


def _compare_scalars(op: str, left: Any, right: Any) -> bool:
    if isinstance(left, str) != isinstance(right, str):
        text, number = (left, right) if isinstance(left, str) else (right, left)
        if is_number(number) and parse_number(text) is not None:
            left, right = (parse_number(text), number) if isinstance(left, str) else (number, parse_number(text))
    try:
        return bool(COMPARISONS[op](left, right))
    except TypeError:
        if op in ("==", "!="):
            return op == "!="
        raise PipelineError(f"Cannot compare {describe(left)} with {describe(right)} using '{op}'.") from None


def _comparable(op: str, left: Any, right: Any) -> tuple[Any, Any]:
    """Both sides made comparable: text next to a number is read as a number."""
    return _comparable_side(op, left, right), _comparable_side(op, right, left)


def _comparable_side(op: str, value: Any, other: Any) -> Any:
    other_is_number = is_number(other) or (is_series(other) and is_numeric_series(other))
    if is_series(value) and is_text_series(value) and other_is_number:
        return pd.to_numeric(value, errors="coerce")
    if isinstance(value, str) and is_series(other) and is_numeric_series(other):
        number = parse_number(value)
        if number is not None:
            return number
        if op not in ("==", "!="):
            raise PipelineError(f"Cannot compare {describe(other)} with {describe(value)} using '{op}'.")
    return value


def _plain_bool(result: Any) -> Any:
    if is_series(result) and result.dtype != bool:
        return as_mask(result, "A comparison")
    return result


def is_in(value: Any, options: tuple[Any, ...], negated: bool) -> Any:
    """`x in [...]` / `x not in [...]`; a missing x is in no list and "not in" none either."""
    if not is_series(value):
        if is_missing(value):
            return False
        return (value not in options) if negated else (value in options)
    if is_text_series(value) and options and all(is_number(option) for option in options):
        value = pd.to_numeric(value, errors="coerce")
    elif is_numeric_series(value):
        options = tuple(parse_number(o) if isinstance(o, str) and parse_number(o) is not None else o for o in options)
    result = value.isin(options)
    if not negated:
        return result
    return (~result & value.notna()) if may_have_missing(value) else ~result


# --- arithmetic --------------------------------------------------------------------------------------
def arithmetic(op: str, left: Any, right: Any) -> Any:
    if not (op == "+" and _is_text(left) and _is_text(right)):  # "+" between texts joins them
        left, right = _arithmetic_operand(op, left), _arithmetic_operand(op, right)
    if op == "**":
        right = _checked_exponent(left, right)
    if not (is_series(left) or is_series(right)):
        return _scalar_arithmetic(op, left, right)
    try:
        return ARITHMETIC[op](left, right)
    except (TypeError, ValueError):
        raise PipelineError(f"Cannot compute {describe(left)} {op} {describe(right)}.") from None


def negative(value: Any) -> Any:
    value = _arithmetic_operand("-", value)
    try:
        return -value
    except TypeError:
        raise PipelineError(f"Cannot negate {describe(value)}.") from None


def _is_text(value: Any) -> bool:
    return isinstance(value, str) or (is_series(value) and is_text_series(value))


def _arithmetic_operand(op: str, value: Any) -> Any:
    if isinstance(value, str):
        number = parse_number(value)
        if number is None:
            raise PipelineError(f"Cannot use {describe(value)} with '{op}': it takes numbers (texts join with +).")
        return number
    return as_numbers(value)


def _checked_exponent(base: Any, exponent: Any) -> Any:
    if is_number(exponent):
        if abs(exponent) > MAX_EXPONENT:
            raise PipelineError(f"The exponent {exponent} is too large; at most {MAX_EXPONENT} is allowed.")
        if isinstance(exponent, int) and exponent < 0:
            return float(exponent)  # integer columns cannot take negative integer powers in numpy
    if isinstance(base, int) and isinstance(exponent, int) and base.bit_length() * exponent > MAX_INT_BITS:
        raise PipelineError(f"The number {base} ** {exponent} is too large.")
    return exponent


def _scalar_arithmetic(op: str, left: Any, right: Any) -> Any:
    if left is None or right is None:
        return None
    try:
        return ARITHMETIC[op](left, right)
    except ZeroDivisionError:
        raise PipelineError(f"Division by zero in {left!r} {op} {right!r}.") from None
    except (TypeError, ValueError, OverflowError):
        raise PipelineError(f"Cannot compute {describe(left)} {op} {describe(right)}.") from None


# --- functions ---------------------------------------------------------------------------------------
def text_of(series: pd.Series) -> pd.Series:
    """The column as text (missing values stay missing), for the string functions."""
    if is_text_series(series) and infer_dtype(series, skipna=True) in ("string", "empty"):
        return series
    return series.astype(str).where(series.notna(), None)


def _on_text(value: Any, vector: Callable[[Any], Any], scalar: Callable[[str], Any], missing: Any = None) -> Any:
    if is_series(value):
        return vector(text_of(value).str)
    if is_missing(value):
        return missing
    return scalar(value if isinstance(value, str) else str(value))


def fn_lower(value: Any) -> Any:
    return _on_text(value, lambda s: s.lower(), str.lower)


def fn_upper(value: Any) -> Any:
    return _on_text(value, lambda s: s.upper(), str.upper)


def fn_len(value: Any) -> Any:
    return _on_text(value, lambda s: s.len(), len)


def fn_contains(value: Any, part: str) -> Any:
    needle = part.lower()
    return _on_text(
        value,
        lambda s: s.contains(part, case=False, regex=False, na=False),
        lambda text: needle in text.lower(),
        missing=False,
    )


def fn_startswith(value: Any, prefix: str) -> Any:
    return _on_text(value, lambda s: s.startswith(prefix, na=False), lambda text: text.startswith(prefix), False)


def fn_endswith(value: Any, suffix: str) -> Any:
    return _on_text(value, lambda s: s.endswith(suffix, na=False), lambda text: text.endswith(suffix), False)


def fn_abs(value: Any) -> Any:
    value = as_numbers(value)
    if is_missing(value):
        return None
    try:
        return abs(value)
    except TypeError:
        raise PipelineError(f"abs() needs numbers, not {describe(value)}.") from None


def fn_round(value: Any, digits: int = 0) -> Any:
    value = as_numbers(value)
    if is_series(value):
        try:
            return value.round(digits)
        except TypeError:
            raise PipelineError(f"round() needs numbers, not {describe(value)}.") from None
    return None if is_missing(value) else round(float(value), digits)


def fn_date(value: Any) -> Any:
    """Dates parsed from text (what is not a date becomes missing); numbers are read as Unix seconds."""
    if not is_series(value):
        parsed = fn_date(pd.Series([value], dtype=object))
        return None if pd.isna(parsed.iloc[0]) else parsed.iloc[0]
    if is_datetime64_any_dtype(value.dtype):
        return value
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas warns when it falls back to parsing value by value
        if is_numeric_series(value):
            return pd.to_datetime(value, unit="s", errors="coerce")
        parsed = _parse_dates(value, "ISO8601" if _looks_iso(value) else None)
        if bool((parsed.isna() & value.notna()).any()):
            parsed = _parse_dates(value, "mixed")
    return parsed


def _looks_iso(series: pd.Series) -> bool:
    first = series.dropna().iloc[:1]
    return not first.empty and isinstance(first.iloc[0], str) and first.iloc[0][:4].isdigit()


def _parse_dates(series: pd.Series, date_format: str | None) -> pd.Series:
    try:
        return pd.to_datetime(series, errors="coerce", format=date_format)
    except (ValueError, TypeError):  # offsets that differ from row to row: put them all on UTC
        return pd.to_datetime(series, errors="coerce", format=date_format, utc=True)


def _date_part(value: Any, part: str) -> Any:
    dates = fn_date(value)
    if is_series(dates):
        return getattr(dates.dt, part)
    return None if dates is None else getattr(dates, part)


def fn_year(value: Any) -> Any:
    return _date_part(value, "year")


def fn_month(value: Any) -> Any:
    return _date_part(value, "month")


def fn_day(value: Any) -> Any:
    return _date_part(value, "day")


def fn_coalesce(*values: Any) -> Any:
    result = values[0]
    for other in values[1:]:
        if is_series(result):
            result = result.where(result.notna(), other)
        elif is_missing(result):
            result = other
    return result


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "lower": fn_lower,
    "upper": fn_upper,
    "len": fn_len,
    "contains": fn_contains,
    "startswith": fn_startswith,
    "endswith": fn_endswith,
    "abs": fn_abs,
    "round": fn_round,
    "year": fn_year,
    "month": fn_month,
    "day": fn_day,
    "date": fn_date,
    "isnull": absent,
    "notnull": present,
    "coalesce": fn_coalesce,
}
