"""The code-review example workflow: five tools that review Python source, and its seed graph.

The tools run in order and loop until the code is good enough or five rounds have passed:
extract_functions -> check_complexity -> detect_issues -> suggest_improvements -> evaluate_quality.
Each takes the run's state and returns the keys it sets. The analysis itself (real `ast` and
`tokenize` work) lives in graphs.workflows.code_analysis.
"""

from __future__ import annotations

from collections.abc import Mapping
from statistics import fmean
from typing import Any

from graphs.engine.errors import ToolError
from graphs.engine.tools import tool
from graphs.workflows import code_analysis as analysis

SAMPLE_CODE = """
def calculate_total(items):
    total = 0
    for item in items:
        total = total + item
    return total
"""

CODE_REVIEW_GRAPH: dict[str, Any] = {
    "name": "code_review_workflow",
    "nodes": {
        "extract": {"tool": "extract_functions", "next": "check_complexity"},
        "check_complexity": {"tool": "check_complexity", "next": "detect_issues"},
        "detect_issues": {"tool": "detect_issues", "next": "suggest_improvements"},
        "suggest_improvements": {"tool": "suggest_improvements", "next": "evaluate_quality"},
        "evaluate_quality": {
            "tool": "evaluate_quality",
            "next": {
                "condition": "quality_score >= 7 or iteration >= 5",
                "if_true": "end",
                "if_false": "check_complexity",
            },
        },
    },
    "start_node": "extract",
}

# Penalty per issue, by severity. A lone low issue (one missing docstring) costs 0.5, so small
# clean code stays well above the threshold of 7; one high issue per function already fails it.
SEVERITY_WEIGHTS = {"high": 4.0, "medium": 2.0, "low": 0.5}
COMPLEXITY_BUDGET = 5
COMPLEXITY_WEIGHT = 0.25  # per point of mean complexity above the budget
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}

_CODE = {"type": "string", "description": "Python source code"}
_FUNCTIONS = {"type": "array", "items": {"type": "object", "properties": {"qualname": {"type": "string"}}}}
_ISSUES = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["kind"],
        "properties": {
            "function": {"type": ["string", "null"]},
            "line": {"type": ["integer", "null"]},
            "kind": {"type": "string"},
            "severity": {"enum": list(SEVERITY_WEIGHTS)},
            "message": {"type": "string"},
        },
    },
}
_COMPLEXITY_SCORES = {"type": "object", "additionalProperties": {"type": "number"}}


@tool(
    schema={"type": "object", "required": ["code"], "properties": {"code": _CODE}},
    description="List every function, method and async function (nested ones too) with its facts and source.",
)
def extract_functions(inputs: dict[str, Any]) -> dict[str, Any]:
    """Describe each function: name, qualname, lines, args, docstring, async, method and source."""
    code = _required(inputs, "code", str)
    lines = analysis.source_lines(code)
    scopes = analysis.function_scopes(analysis.parse(code))
    return {"functions": [analysis.function_record(lines, scope) for scope in scopes]}


@tool(
    schema={"type": "object", "required": ["code"], "properties": {"code": _CODE, "functions": _FUNCTIONS}},
    description="McCabe cyclomatic complexity of each function, keyed by qualified name.",
)
def check_complexity(inputs: dict[str, Any]) -> dict[str, Any]:
    """Score each function: 1 + if/elif, loops (+1 for a loop's else), except clauses, extra
    and/or operands, conditional expressions, comprehension fors and ifs, non-catch-all match
    cases and asserts. `with` does not count; nested functions are scored on their own.
    When `functions` is given, only the functions named there (by qualname) are scored.
    """
    scores = analysis.complexity_scores(analysis.parse(_required(inputs, "code", str)))
    wanted = _qualnames(inputs.get("functions"))
    if wanted is not None:
        scores = {name: score for name, score in scores.items() if name in wanted}
    return {"complexity_scores": scores}


def _qualnames(functions: object) -> set[str] | None:
    if functions is None:
        return None
    if not isinstance(functions, list):
        raise ToolError(f"input 'functions' must be a list, got {type(functions).__name__}")
    return {item["qualname"] for item in functions if isinstance(item, Mapping) and "qualname" in item}


@tool(
    schema={"type": "object", "required": ["code"], "properties": {"code": _CODE}},
    description="Find code smells and likely bugs: complexity, length, nesting, error handling, risky calls, style.",
)
def detect_issues(inputs: dict[str, Any]) -> dict[str, Any]:
    """Each issue: function (qualname, None at module level), line, kind, severity, message, value."""
    code = _required(inputs, "code", str)
    return {"issues": [issue.as_dict() for issue in analysis.find_issues(code, analysis.parse(code))]}


# One template per issue kind. {where} names the function, {lines} says "line 4" or "lines 4, 9",
# {values} lists the measures or names the issues carry.
SUGGESTIONS = {
    "high_complexity": (
        "Split {where} (complexity {values}) into smaller functions: move the work of each branch into a "
        "helper, and replace long if/elif chains with early returns or a lookup table."
    ),
    "long_function": "Shorten {where} ({values} lines) by extracting self-contained steps into well-named helpers.",
    "deep_nesting": (
        "Flatten {where} (nesting depth {values} at {lines}): use guard clauses that return or continue early, "
        "and move inner loop bodies into helpers."
    ),
    "missing_docstring": "Add a docstring to {where} saying what it does, what it takes and what it returns.",
    "bare_except": (
        "Replace the bare `except:` in {where} ({lines}) with the exceptions you expect; a bare except also "
        "catches KeyboardInterrupt and SystemExit."
    ),
    "swallowed_exception": (
        "Stop silencing errors in {where} ({lines}): catch only the exceptions you expect, and log or re-raise them."
    ),
    "too_many_parameters": (
        "Reduce the {values} parameters of {where}: group related ones into a dataclass, or split the function "
        "by responsibility."
    ),
    "mutable_default": (
        "Default {values} of {where} to None and build the list or dict inside the function; a mutable default "
        "is created once and shared by every call."
    ),
    "eval_exec": (
        "Remove {values} from {where} ({lines}): parse data with ast.literal_eval or json, and dispatch through "
        "an explicit dict of functions."
    ),
    "print_call": "Replace the print calls in {where} ({lines}) with logging, so output has levels and can be off.",
    "unused_variable": "Remove the unused {values} from {where} ({lines}), or use what was computed.",
    "shadowed_builtin": "Rename {values} in {where} ({lines}): the name hides the builtin of the same name there.",
    "none_comparison": "Compare with `is None` / `is not None` instead of {values} in {where} ({lines}).",
    "todo_comment": "Resolve the {values} comment in {where} ({lines}), or move it to the issue tracker.",
}


@tool(
    schema={"type": "object", "required": ["issues"], "properties": {"issues": _ISSUES}},
    description="Turn issues into actionable suggestions: one per kind and function, most severe first.",
)
def suggest_improvements(inputs: dict[str, Any]) -> dict[str, Any]:
    """One suggestion per (kind, function) group of issues, most severe first, then by line."""
    issues = _required(inputs, "issues", list)
    groups: dict[tuple[Any, Any], list[Mapping[str, Any]]] = {}
    for issue in issues:
        if not isinstance(issue, Mapping):
            raise ToolError(f"each issue must be an object, got {type(issue).__name__}")
        groups.setdefault((issue.get("kind"), issue.get("function")), []).append(issue)
    ordered = sorted(groups.values(), key=_group_order)
    return {"suggestions": list(dict.fromkeys(_suggestion(group) for group in ordered))}


def _group_order(group: list[Mapping[str, Any]]) -> tuple[int, int, str]:
    rank = min(SEVERITY_ORDER.get(issue.get("severity"), len(SEVERITY_ORDER)) for issue in group)
    return rank, min(_lines(group), default=0), str(group[0].get("kind"))


def _lines(group: list[Mapping[str, Any]]) -> list[int]:
    return sorted({issue["line"] for issue in group if isinstance(issue.get("line"), int)})


def _suggestion(group: list[Mapping[str, Any]]) -> str:
    first = group[0]
    where = f"`{first['function']}`" if first.get("function") else "module-level code"
    lines = _lines(group)
    values = list(dict.fromkeys(issue["value"] for issue in group if issue.get("value") is not None))
    template = SUGGESTIONS.get(first.get("kind"))
    if template is None or ("{values}" in template and not values) or ("{lines}" in template and not lines):
        # An issue from elsewhere, or one missing what the template needs: its own message is the best advice.
        messages = "; ".join(dict.fromkeys(str(issue.get("message") or issue.get("kind")) for issue in group))
        return f"Fix in {where}: {messages}"
    line_text = f"line {lines[0]}" if len(lines) == 1 else "lines " + ", ".join(map(str, lines))
    value_text = ", ".join(f"`{value}`" if isinstance(value, str) else str(value) for value in values)
    return template.format(where=where, lines=line_text, values=value_text)


@tool(
    schema={
        "type": "object",
        "required": ["issues", "complexity_scores", "functions"],
        "properties": {
            "issues": _ISSUES,
            "complexity_scores": _COMPLEXITY_SCORES,
            "functions": {"type": "array"},
            "iteration": {"type": "integer", "minimum": 0},
        },
    },
    description="Score the code 0-10 from its issues and complexity, and count the review round.",
)
def evaluate_quality(inputs: dict[str, Any]) -> dict[str, Any]:
    """quality_score = 10 - issue_penalty - complexity_penalty, clamped to [0, 10], one decimal.

    issue_penalty = sum of SEVERITY_WEIGHTS (high 4, medium 2, low 0.5) over all issues, divided
    by the number of functions (at least 1): the mean penalty per function, so a big file is
    not punished for its size alone. complexity_penalty = 0.25 per point of mean complexity
    above 5. iteration = the previous iteration (0 if absent) + 1.
    """
    issues = _required(inputs, "issues", list)
    function_count = max(1, len(_required(inputs, "functions", list)))
    issue_penalty = sum(_weight(issue) for issue in issues) / function_count
    score = 10.0 - issue_penalty - _complexity_penalty(_required(inputs, "complexity_scores", dict))
    iteration = inputs.get("iteration") or 0
    if not isinstance(iteration, int):
        raise ToolError(f"input 'iteration' must be an integer, got {type(iteration).__name__}")
    return {"quality_score": round(min(10.0, max(0.0, score)), 1), "iteration": iteration + 1}


def _weight(issue: object) -> float:
    if not isinstance(issue, Mapping):
        raise ToolError(f"each issue must be an object, got {type(issue).__name__}")
    return SEVERITY_WEIGHTS.get(issue.get("severity"), SEVERITY_WEIGHTS["low"])


def _complexity_penalty(scores: Mapping[str, Any]) -> float:
    values = list(scores.values())
    if not all(isinstance(value, int | float) for value in values):
        raise ToolError("input 'complexity_scores' must map function names to numbers")
    return COMPLEXITY_WEIGHT * max(0.0, fmean(values) - COMPLEXITY_BUDGET) if values else 0.0


def _required(inputs: Mapping[str, Any], key: str, expected: type) -> Any:
    if key not in inputs:
        raise ToolError(f"the input {key!r} is missing")
    value = inputs[key]
    if not isinstance(value, expected):
        raise ToolError(f"input {key!r} must be a {expected.__name__}, got {type(value).__name__}")
    return value
