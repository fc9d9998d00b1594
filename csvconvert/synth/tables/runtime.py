"""Runtime helpers of the table-restructuring steps.

Every function here is copied verbatim into generated converter scripts (via inspect.getsource),
so each one is self-contained: stdlib only (re at module level), no closures over this module,
and any helper it calls is listed in its `requires` attribute. Tables are lists of lists of str.
"""

import math
import re


def cell_at(row, index):
    return row[index] if 0 <= index < len(row) else ""


def pad_table(rows):
    width = max((len(row) for row in rows), default=0)
    return [list(row) + [""] * (width - len(row)) for row in rows]


# --- predicates ---------------------------------------------------------------------------------
def cell_test(value, op, arg):
    if op == "empty":
        return value.strip() == ""
    if op == "number":
        return re.fullmatch(r"\s*[-+]?\$?\s*\d[\d,]*(\.\d+)?%?\s*", value) is not None
    if op == "startswith":
        return value.startswith(arg)
    if op == "endswith":
        return value.endswith(arg)
    if op == "contains":
        return arg in value
    if op == "equals":
        return value == arg
    if op == "shape":
        return re.fullmatch(arg, value) is not None
    raise ValueError(f"unknown cell test {op!r}")


def row_matches(row, predicate):
    """predicate: {"column": int (-1 for the whole row), "op", "arg", "negate"}."""
    column, op = predicate["column"], predicate["op"]
    if op == "blank":
        result = all(value.strip() == "" for value in row)
    elif op == "filled":
        result = sum(1 for value in row if value.strip()) == int(predicate["arg"])
    else:
        result = cell_test(cell_at(row, column), op, predicate["arg"])
    return result != predicate["negate"]


row_matches.requires = (cell_at, cell_test)


# --- columns ------------------------------------------------------------------------------------
def pick_columns(row, columns):
    return [row[index] if 0 <= index < len(row) else "" for index in columns]


def split_cell(row, column, delimiter, parts, regex):
    value = cell_at(row, column)
    pieces = re.split(delimiter, value, maxsplit=parts - 1) if regex else value.split(delimiter, parts - 1)
    pieces += [""] * (parts - len(pieces))
    return list(row[:column]) + pieces + list(row[column + 1 :])


split_cell.requires = (cell_at,)


def merge_cells(row, first, second, delimiter):
    merged = cell_at(row, first) + delimiter + cell_at(row, second)
    out = list(row) + [""] * (max(first, second) + 1 - len(row))
    out[first] = merged
    del out[second]
    return out


merge_cells.requires = (cell_at,)


def extract_cell(row, column, pattern, occurrence):
    matches = [match.group(0) for match in re.finditer(pattern, cell_at(row, column))]
    found = -len(matches) <= occurrence < len(matches)
    return list(row) + [matches[occurrence] if found else ""]


extract_cell.requires = (cell_at,)


def divide_cell(row, column, predicate):
    value = cell_at(row, column)
    test = {**predicate, "column": 0}
    pair = [value, ""] if row_matches([value], test) else ["", value]
    return list(row[:column]) + pair + list(row[column + 1 :])


divide_cell.requires = (cell_at, row_matches)


def explode_cell(row, column, delimiter):
    value = cell_at(row, column)
    return [list(row[:column]) + [piece] + list(row[column + 1 :]) for piece in value.split(delimiter)]


explode_cell.requires = (cell_at,)


# --- rows ---------------------------------------------------------------------------------------
def drop_edges(rows, head, tail):
    return [list(row) for row in rows[head : len(rows) - tail]]


def drop_repeated_headers(rows):
    if not rows:
        return []
    header = rows[0]
    return [list(rows[0])] + [list(row) for row in rows[1:] if row != header]


def dedupe_rows(rows):
    seen = set()
    out = []
    for row in rows:
        key = tuple(row)
        if key not in seen:
            seen.add(key)
            out.append(list(row))
    return out


def sort_key(value, numeric):
    if not numeric:
        return (0, value)
    number = parse_number(value)
    return (0, number) if number is not None else (1, value)


def sort_rows(rows, column, numeric, descending, header):
    head, body = (rows[:1], rows[1:]) if header else ([], rows)
    ordered = sorted(body, key=lambda row: sort_key(cell_at(row, column), numeric), reverse=descending)
    return [list(row) for row in head + ordered]


sort_rows.requires = (cell_at, sort_key)


def parse_number(value):
    """A decimal number written in the cell ('1,200', '$5' and '12%' cleaned), or None.
    Only digits count: not 'inf', 'nan' or '1_000', which float() would also take."""
    cleaned = re.sub(r"[,$%\s]", "", value)
    if not re.fullmatch(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?", cleaned):
        return None
    number = float(cleaned)
    return number if math.isfinite(number) else None


sort_key.requires = (parse_number,)


def format_number(number):
    if not math.isfinite(number):
        raise ValueError("a computed number is too large to write")
    if number == int(number):
        return str(int(number))
    return repr(round(number, 10))


def aggregate(values, function):
    if function == "count":
        return str(len(values))
    numbers = [number for number in (parse_number(value) for value in values) if number is not None]
    if not numbers:
        return ""
    if function == "sum":
        return format_number(sum(numbers))
    if function == "mean":
        return format_number(sum(numbers) / len(numbers))
    if function == "min":
        return format_number(min(numbers))
    if function == "max":
        return format_number(max(numbers))
    raise ValueError(f"unknown aggregate {function!r}")


aggregate.requires = (parse_number, format_number)


def group_rows(rows, keys, aggregates):
    groups = {}
    for row in rows:
        groups.setdefault(tuple(cell_at(row, key) for key in keys), []).append(row)
    out = []
    for key, members in groups.items():
        values = [aggregate([cell_at(row, column) for row in members], function) for column, function in aggregates]
        out.append(list(key) + values)
    return out


group_rows.requires = (cell_at, aggregate)


# --- reshaping ----------------------------------------------------------------------------------
def transpose_table(rows):
    return [list(column) for column in zip(*pad_table(rows), strict=True)]


transpose_table.requires = (pad_table,)


def fill_down(rows, column):
    out, last = [], ""
    for row in rows:
        row = list(row) + [""] * (column + 1 - len(row))
        if row[column].strip():
            last = row[column]
        else:
            row[column] = last
        out.append(row)
    return out


def fill_right(rows):
    out = []
    for row in rows:
        filled, last = [], ""
        for value in row:
            last = value if value.strip() else last
            filled.append(last)
        out.append(filled)
    return out


def fold_table(rows, keys, width, header, names):
    """Wide to long: every group of `width` cells after the `keys` leading ones becomes a row."""
    rows = pad_table(rows)
    head, body = (rows[0], rows[1:]) if header and rows else (None, rows)
    out = []
    for row in body:
        for start in range(keys, len(row), width):
            group = row[start : start + width]
            label = [head[start]] if names and head is not None else []
            out.append(row[:keys] + label + group + [""] * (width - len(group)))
    return out


fold_table.requires = (pad_table,)


def unfold_table(rows, name, value, header):
    """Long to wide: one row per key (the other columns), one column per distinct `name`."""
    rows = pad_table(rows)
    head, body = (rows[0], rows[1:]) if header and rows else (None, rows)
    width = len(rows[0]) if rows else 0
    keys = [index for index in range(width) if index not in (name, value)]
    names, table = [], {}
    for row in body:
        if row[name] not in names:
            names.append(row[name])
        table.setdefault(tuple(row[index] for index in keys), {})[row[name]] = row[value]
    key_header = [head[index] for index in keys] if head is not None else [""] * len(keys)
    out = [key_header + names]
    for key, cells in table.items():
        out.append(list(key) + [cells.get(label, "") for label in names])
    return out


unfold_table.requires = (pad_table,)


def wrap_every(rows, count, keys, interleave):
    """Every `count` rows become one; the first `keys` cells come once, from the block's first row."""
    out = []
    for start in range(0, len(rows), count):
        block = [list(row) for row in rows[start : start + count]]
        rests = [row[keys:] for row in block]
        if interleave:
            rests = [list(cells) for cells in zip(*pad_table(rests), strict=True)]
        out.append(block[0][:keys] + [value for rest in rests for value in rest])
    return pad_table(out)


wrap_every.requires = (pad_table,)


def wrap_blocks(rows, predicate, mode):
    """mode "separator": matching rows end a block and vanish; "start": matching rows begin one."""
    blocks, current = [], []
    for row in rows:
        matched = row_matches(row, predicate)
        if matched and mode == "separator":
            blocks.append(current)
            current = []
            continue
        if matched and mode == "start" and current:
            blocks.append(current)
            current = []
        current.append(row)
    blocks.append(current)
    return pad_table([[value for row in block for value in row] for block in blocks if block])


wrap_blocks.requires = (row_matches, pad_table)


def wrap_by_key(rows, column):
    """Rows sharing the value of `column` become one row: the key, then each row's other cells."""
    groups = {}
    for row in rows:
        rest = list(row[:column]) + list(row[column + 1 :])
        groups.setdefault(cell_at(row, column), []).extend(rest)
    return pad_table([[key, *cells] for key, cells in groups.items()])


wrap_by_key.requires = (cell_at, pad_table)


def subtitles_to_columns(rows, predicate, width):
    """Rows matching `predicate` are section titles: their first `width` cells prefix the rows below."""
    out, title = [], [""] * width
    for row in rows:
        if row_matches(row, predicate):
            title = (list(row[:width]) + [""] * width)[:width]
        else:
            out.append(title + list(row))
    return out


subtitles_to_columns.requires = (row_matches,)
