"""The code-review workflow's tools, called directly with state dicts as the engine would."""

from __future__ import annotations

import textwrap
from typing import Any

import pytest

from graphs.engine.errors import ToolError, ToolInputError
from graphs.engine.tools import registry
from graphs.workflows.code_review import (
    CODE_REVIEW_GRAPH,
    SAMPLE_CODE,
    check_complexity,
    detect_issues,
    evaluate_quality,
    extract_functions,
    suggest_improvements,
)

TOOL_NAMES = ["extract_functions", "check_complexity", "detect_issues", "suggest_improvements", "evaluate_quality"]

BAD_CODE = """
def process(order, customer, items, discount, tax, shipping, notes, flags):
    total = 0
    try:
        for item in items:
            if item.active:
                while item.pending:
                    with item.lock:
                        if discount and tax or shipping:
                            total += item.price
                        elif discount:
                            total -= 1
                        elif tax:
                            total += 2
                        elif notes:
                            total += 3
                        elif flags:
                            total += 4
                        elif customer:
                            total += 5
                        elif order:
                            total += 6
                        elif shipping:
                            total += 7
    except:
        pass
    return total
"""

CLEAN_CODE = '''
def add(a, b):
    """Return the sum of two numbers."""
    return a + b


def describe(value):
    """Say whether a number is positive."""
    return "positive" if value > 0 else "not positive"
'''


def _code(source: str) -> str:
    return textwrap.dedent(source)


def _scores(source: str) -> dict[str, int]:
    return check_complexity({"code": _code(source)})["complexity_scores"]


def _issues(source: str, kind: str) -> list[dict[str, Any]]:
    return [issue for issue in detect_issues({"code": _code(source)})["issues"] if issue["kind"] == kind]


def _review(code: str, iteration: int = 0) -> dict[str, Any]:
    """One manual pass through the five tools in graph order, merging each one's updates into the state."""
    state: dict[str, Any] = {"code": code, "quality_score": 0, "iteration": iteration}
    for name in TOOL_NAMES:
        state.update(registry.get(name).func(state))
    return state


# --- Registration and the seed graph --------------------------------------------------------------


def test_the_five_tools_are_registered_with_schemas_that_require_their_inputs():
    for name in TOOL_NAMES:
        assert name in registry
        assert registry.get(name).description
    with pytest.raises(ToolInputError, match="code"):
        registry.get("extract_functions").check_inputs({})
    registry.get("evaluate_quality").check_inputs({"issues": [], "complexity_scores": {}, "functions": []})


def test_the_seed_graph_uses_the_registered_tools_and_loops_back_to_check_complexity():
    nodes = CODE_REVIEW_GRAPH["nodes"]
    assert CODE_REVIEW_GRAPH["name"] == "code_review_workflow"
    assert CODE_REVIEW_GRAPH["start_node"] == "extract"
    assert [node["tool"] for node in nodes.values()] == TOOL_NAMES
    branch = nodes["evaluate_quality"]["next"]
    assert branch == {
        "condition": "quality_score >= 7 or iteration >= 5",
        "if_true": "end",
        "if_false": "check_complexity",
    }


def test_sample_code_is_the_seed_calculate_total():
    assert "def calculate_total(items):" in SAMPLE_CODE
    assert "total = total + item" in SAMPLE_CODE


# --- extract_functions ----------------------------------------------------------------------------


def test_extract_functions_lists_functions_methods_async_and_nested_in_source_order():
    code = _code(
        """
        class Cart:
            def add(self, item, *extra, quantity=1, **options):
                '''Add an item.'''
                return item

        async def fetch(url):
            return url

        def outer():
            def inner(x):
                return x
            return inner
        """
    )
    functions = extract_functions({"code": code})["functions"]
    assert [function["qualname"] for function in functions] == ["Cart.add", "fetch", "outer", "outer.inner"]
    add, fetch, _, inner = functions
    assert add["name"] == "add" and add["is_method"] is True and add["has_docstring"] is True
    assert add["args"] == ["self", "item", "extra", "quantity", "options"]
    assert fetch["is_async"] is True and fetch["has_docstring"] is False
    assert inner["name"] == "inner" and inner["is_method"] is False


def test_extract_functions_reports_line_span_and_dedented_source():
    function = extract_functions({"code": SAMPLE_CODE})["functions"][0]
    assert (function["lineno"], function["end_lineno"], function["line_count"]) == (2, 6, 5)
    assert function["source"].startswith("def calculate_total(items):\n    total = 0")
    method = extract_functions({"code": "class A:\n    def m(self):\n        return 1\n"})["functions"][0]
    assert method["source"] == "def m(self):\n    return 1"


def test_extract_functions_of_code_without_functions_is_empty():
    assert extract_functions({"code": "x = 1\n"}) == {"functions": []}


def test_syntax_error_becomes_tool_error_naming_the_line():
    with pytest.raises(ToolError, match=r"the code does not parse: line 2: "):
        extract_functions({"code": "x = 1\ndef broken(:\n    pass\n"})


@pytest.mark.parametrize("tool_function", [extract_functions, check_complexity, detect_issues])
def test_code_tools_reject_missing_or_non_string_code(tool_function):
    with pytest.raises(ToolError, match="'code' is missing"):
        tool_function({})
    with pytest.raises(ToolError, match="must be a str"):
        tool_function({"code": 42})


# --- check_complexity -----------------------------------------------------------------------------


def test_straight_line_function_has_complexity_one():
    assert _scores("def f(x):\n    return x + 1\n") == {"f": 1}


def test_each_if_and_elif_adds_one_and_else_adds_nothing():
    code = """
    def grade(score):
        if score > 90:
            return "A"
        elif score > 80:
            return "B"
        elif score > 70:
            return "C"
        else:
            return "F"
    """
    assert _scores(code) == {"grade": 4}


def test_loops_add_one_each_and_one_more_for_their_else():
    code = """
    def search(items, pending):
        for item in items:
            if item:
                break
        else:
            item = None
        while pending:
            pending.pop()
        return item
    """
    assert _scores(code) == {"search": 5}  # 1 + for + for-else + if + while


def test_each_extra_boolean_operand_adds_one():
    assert _scores("def f(a, b, c, d):\n    return a and b and c or d\n") == {"f": 4}


def test_except_clauses_count_but_with_finally_and_try_else_do_not():
    code = """
    def load(path):
        try:
            with open(path) as handle:
                data = handle.read()
        except FileNotFoundError:
            return None
        except OSError:
            raise
        else:
            return data
        finally:
            pass
    """
    assert _scores(code) == {"load": 3}


def test_comprehension_fors_and_ifs_conditional_expressions_and_asserts_count():
    code = """
    def f(rows):
        assert rows
        pairs = [(a, b) for a in rows if a for b in a if b]
        return pairs if pairs else None
    """
    assert _scores(code) == {"f": 7}  # 1 + assert + 2 fors + 2 ifs + conditional expression


def test_match_cases_count_except_the_catch_all():
    code = """
    def kind(value):
        match value:
            case 0:
                return "zero"
            case [x, y]:
                return "pair"
            case str() if value:
                return "text"
            case _:
                return "other"
    """
    assert _scores(code) == {"kind": 4}


def test_nested_functions_are_scored_separately_and_lambdas_count_for_their_parent():
    code = """
    def outer(items):
        key = lambda item: item.a or item.b
        def inner(x):
            if x:
                return [y for y in x]
            return []
        if items:
            return inner(sorted(items, key=key))
    """
    assert _scores(code) == {"outer": 3, "outer.inner": 3}


def test_methods_are_keyed_by_class_qualified_name():
    code = """
    class Shape:
        def area(self):
            return 0 if self.empty else 1
    """
    assert _scores(code) == {"Shape.area": 2}


def test_check_complexity_scores_only_the_given_functions():
    code = "def a():\n    pass\n\ndef b(x):\n    return x or 1\n"
    result = check_complexity({"code": code, "functions": [{"qualname": "b"}]})
    assert result == {"complexity_scores": {"b": 2}}


# --- detect_issues --------------------------------------------------------------------------------


def _function_with_ifs(count: int) -> str:
    branches = "".join(f"    if x == {n}:\n        return {n}\n" for n in range(count))
    return f'def f(x):\n    """Doc."""\n{branches}    return -1\n'


def test_complexity_above_five_is_medium_and_above_ten_is_high():
    assert _issues(_function_with_ifs(4), "high_complexity") == []
    medium = _issues(_function_with_ifs(5), "high_complexity")
    assert [(issue["severity"], issue["value"]) for issue in medium] == [("medium", 6)]
    high = _issues(_function_with_ifs(14), "high_complexity")
    assert [(issue["function"], issue["severity"], issue["value"]) for issue in high] == [("f", "high", 15)]


def test_functions_over_fifty_lines_are_long():
    def function_of(lines: int) -> str:
        return 'def f():\n    """Doc."""\n' + "    x = 1\n" * (lines - 3) + "    return x\n"

    assert _issues(function_of(50), "long_function") == []
    [issue] = _issues(function_of(51), "long_function")
    assert (issue["function"], issue["severity"], issue["value"]) == ("f", "medium", 51)


def test_nesting_deeper_than_four_blocks_is_reported_at_the_innermost_block():
    deep = """
    def f(rows):
        for row in rows:
            if row:
                while row.busy:
                    with row.lock:
                        try:
                            row.save()
                        finally:
                            pass
    """
    [issue] = _issues(deep, "deep_nesting")
    assert (issue["value"], issue["line"], issue["severity"]) == (5, 7, "medium")
    assert _issues(deep.replace("try:", "if True:").replace("finally:", "else:"), "deep_nesting") != []
    four_deep = """
    def f(a):
        for b in a:
            if b:
                while b:
                    with b:
                        pass
    """
    assert _issues(four_deep, "deep_nesting") == []


def test_an_elif_chain_does_not_count_as_nesting():
    chain = "def f(x):\n    if x == 0:\n        return 0\n" + "".join(
        f"    elif x == {n}:\n        return {n}\n" for n in range(1, 8)
    )
    assert _issues(chain, "deep_nesting") == []


def test_public_functions_and_classes_without_docstrings_are_reported():
    code = '''
    class Report:
        def render(self):
            return ""

        def _helper(self):
            return ""

        @property
        def title(self):
            """The title."""
            return self._title

        @title.setter
        def title(self, value):
            self._title = value

    def documented():
        """Docs."""
        def nested():
            return 1
        return nested
    '''
    missing = [(issue["function"], issue["line"]) for issue in _issues(code, "missing_docstring")]
    assert missing == [("Report", 2), ("Report.render", 3)]


def test_bare_except_is_high_and_a_named_exception_is_fine():
    [issue] = _issues("try:\n    x = 1\nexcept:\n    x = 2\n", "bare_except")
    assert (issue["function"], issue["line"], issue["severity"]) == (None, 3, "high")
    assert _issues("try:\n    x = 1\nexcept ValueError:\n    x = 2\n", "bare_except") == []


def test_catching_exception_and_passing_is_a_swallowed_error():
    swallowed = '''
    def f():
        """Doc."""
        try:
            run()
        except (ValueError, Exception):
            pass
    '''
    [issue] = _issues(swallowed, "swallowed_exception")
    assert (issue["function"], issue["line"], issue["severity"]) == ("f", 6, "medium")
    assert _issues(swallowed.replace("pass", "log(); raise"), "swallowed_exception") == []
    assert _issues(swallowed.replace("(ValueError, Exception)", "KeyError"), "swallowed_exception") == []


def test_more_than_five_parameters_is_reported_not_counting_self():
    [issue] = _issues("def f(a, b, c, d, e, *, g):\n    pass\n", "too_many_parameters")
    assert (issue["value"], issue["severity"]) == (6, "medium")
    assert _issues("class A:\n    def m(self, a, b, c, d, e):\n        pass\n", "too_many_parameters") == []
    [high] = _issues("def f(a, b, c, d, e, f, g, h, i):\n    pass\n", "too_many_parameters")
    assert (high["value"], high["severity"]) == (9, "high")


def test_mutable_defaults_are_reported_per_parameter():
    found = _issues("def f(a, b=[], *, c={}, d=dict(), e=None, g=()):\n    pass\n", "mutable_default")
    assert [issue["value"] for issue in found] == ["b", "c", "d"]
    assert _issues("def f(a=None, b=(), c=0, d='x'):\n    pass\n", "mutable_default") == []


def test_eval_and_exec_calls_are_high_but_literal_eval_is_not():
    found = _issues("def f(s):\n    eval(s)\n    exec(s)\n    ast.literal_eval(s)\n", "eval_exec")
    assert [(issue["value"], issue["line"], issue["severity"]) for issue in found] == [
        ("eval", 2, "high"),
        ("exec", 3, "high"),
    ]


def test_print_calls_are_low_and_logging_is_not_reported():
    [issue] = _issues("def f(x):\n    print(x)\n    logger.info(x)\n", "print_call")
    assert (issue["function"], issue["line"], issue["severity"]) == ("f", 2, "low")
    assert _issues("def f(x):\n    logger.info(x)\n", "print_call") == []


def test_locals_assigned_and_never_read_are_unused():
    code = """
    def f(rows):
        tmp = len(rows)
        kept = 1
        count: int = 0
        first, _rest = rows
        _ignored = 2
        total = 0
        total += 1
        def inner():
            return kept
        return inner
    """
    found = [(issue["value"], issue["line"]) for issue in _issues(code, "unused_variable")]
    assert found == [("tmp", 3), ("count", 5)]


def test_functions_calling_locals_are_not_checked_for_unused_variables():
    assert _issues("def f():\n    name = 1\n    return locals()\n", "unused_variable") == []


def test_parameters_and_variables_named_like_builtins_shadow_them():
    code = """
    def f(id, items):
        list = [i for i in items]
        return list, id
    class Model:
        id = 1
    type = "module level"
    """
    found = [(issue["function"], issue["value"]) for issue in _issues(code, "shadowed_builtin")]
    assert found == [("f", "id"), ("f", "list"), (None, "type")]
    assert _issues("def f(ids, kind):\n    return ids, kind\n", "shadowed_builtin") == []


def test_equality_comparisons_with_none_are_reported_but_is_none_is_not():
    found = _issues("def f(x):\n    if x == None or None != x:\n        return x is None\n", "none_comparison")
    assert [issue["value"] for issue in found] == ["== None", "!= None"]
    assert _issues("def f(x):\n    return x is None or x is not None\n", "none_comparison") == []


def test_todo_and_fixme_comments_are_found_in_comments_not_strings():
    code = """
    # TODO: add logging
    def f():
        text = "TODO inside a string"
        return text  # fixme: handle empty
    """
    found = [(issue["function"], issue["line"], issue["value"]) for issue in _issues(code, "todo_comment")]
    assert found == [(None, 2, "TODO"), ("f", 5, "FIXME")]


def test_clean_code_has_no_issues_and_issues_come_sorted_by_line():
    assert detect_issues({"code": CLEAN_CODE}) == {"issues": []}
    issues = detect_issues({"code": BAD_CODE})["issues"]
    assert [issue["line"] for issue in issues] == sorted(issue["line"] for issue in issues)
    assert set(issues[0]) == {"function", "line", "kind", "severity", "message", "value"}


# --- suggest_improvements -------------------------------------------------------------------------


def test_suggestions_name_the_function_and_its_measure():
    issues = detect_issues({"code": BAD_CODE})["issues"]
    suggestions = suggest_improvements({"issues": issues})["suggestions"]
    assert suggestions[0].startswith("Split `process` (complexity 15) into smaller functions")
    assert any("bare `except:` in `process` (line 25)" in suggestion for suggestion in suggestions)
    assert any("Reduce the 8 parameters of `process`" in suggestion for suggestion in suggestions)


def test_suggestions_are_one_per_kind_and_function_ordered_by_severity():
    issues = [
        {"function": "f", "line": 3, "kind": "print_call", "severity": "low", "message": "m", "value": "print"},
        {"function": "f", "line": 7, "kind": "print_call", "severity": "low", "message": "m", "value": "print"},
        {"function": "g", "line": 9, "kind": "print_call", "severity": "low", "message": "m", "value": "print"},
        {"function": "g", "line": 12, "kind": "eval_exec", "severity": "high", "message": "m", "value": "eval"},
    ]
    suggestions = suggest_improvements({"issues": issues})["suggestions"]
    assert len(suggestions) == 3
    assert suggestions[0].startswith("Remove `eval` from `g` (line 12)")
    assert "print calls in `f` (lines 3, 7)" in suggestions[1]
    assert "print calls in `g` (line 9)" in suggestions[2]


def test_an_unknown_issue_kind_falls_back_to_its_message():
    issue = {"function": None, "line": 1, "kind": "custom", "severity": "medium", "message": "odd thing"}
    assert suggest_improvements({"issues": [issue]}) == {"suggestions": ["Fix in module-level code: odd thing"]}


def test_no_issues_means_no_suggestions_and_bad_issues_are_refused():
    assert suggest_improvements({"issues": []}) == {"suggestions": []}
    with pytest.raises(ToolError, match="each issue must be an object"):
        suggest_improvements({"issues": ["not an issue"]})


# --- evaluate_quality -----------------------------------------------------------------------------


def _quality(code: str, iteration: int | None = None) -> dict[str, Any]:
    state = {"code": code}
    for step in (extract_functions, check_complexity, detect_issues):
        state.update(step(state))
    if iteration is not None:
        state["iteration"] = iteration
    return evaluate_quality(state)


def test_clean_code_scores_ten():
    assert _quality(CLEAN_CODE)["quality_score"] == 10.0


def test_sample_code_loses_only_half_a_point_for_its_missing_docstring():
    assert _quality(SAMPLE_CODE)["quality_score"] == 9.5


def test_clearly_bad_code_scores_below_five():
    score = _quality(BAD_CODE)["quality_score"]
    assert isinstance(score, float)
    assert score < 5


def test_score_is_clamped_to_zero_and_ten():
    high = {"function": "f", "line": 1, "kind": "bare_except", "severity": "high", "message": "m"}
    worst = evaluate_quality({"issues": [high] * 10, "complexity_scores": {"f": 40}, "functions": [{}]})
    best = evaluate_quality({"issues": [], "complexity_scores": {}, "functions": []})
    assert (worst["quality_score"], best["quality_score"]) == (0.0, 10.0)


def test_issue_penalty_is_averaged_over_functions_and_high_complexity_costs_extra():
    medium = {"function": "f", "line": 1, "kind": "deep_nesting", "severity": "medium", "message": "m"}
    one = evaluate_quality({"issues": [medium], "complexity_scores": {"f": 1}, "functions": [{}]})
    four = evaluate_quality({"issues": [medium], "complexity_scores": {"f": 1}, "functions": [{}] * 4})
    complex_ = evaluate_quality({"issues": [], "complexity_scores": {"f": 9, "g": 9}, "functions": [{}, {}]})
    assert (one["quality_score"], four["quality_score"], complex_["quality_score"]) == (8.0, 9.5, 9.0)


def test_each_evaluation_counts_one_more_iteration():
    assert _quality(SAMPLE_CODE)["iteration"] == 1
    assert _quality(SAMPLE_CODE, iteration=3)["iteration"] == 4


def test_evaluate_quality_refuses_inputs_it_cannot_score():
    with pytest.raises(ToolError, match="'functions' is missing"):
        evaluate_quality({"issues": [], "complexity_scores": {}})
    with pytest.raises(ToolError, match="map function names to numbers"):
        evaluate_quality({"issues": [], "complexity_scores": {"f": "high"}, "functions": []})


# --- Full passes ----------------------------------------------------------------------------------


def test_a_full_pass_over_the_sample_code_ends_the_loop_after_one_round():
    state = _review(SAMPLE_CODE)
    assert [function["qualname"] for function in state["functions"]] == ["calculate_total"]
    assert state["complexity_scores"] == {"calculate_total": 2}
    assert [issue["kind"] for issue in state["issues"]] == ["missing_docstring"]
    assert state["suggestions"] == [
        "Add a docstring to `calculate_total` saying what it does, what it takes and what it returns."
    ]
    assert (state["quality_score"], state["iteration"]) == (9.5, 1)
    assert state["quality_score"] >= 7  # the graph's condition is true: the run ends


def test_a_full_pass_over_bad_code_reports_its_problems_and_keeps_looping():
    state = _review(BAD_CODE)
    kinds = {issue["kind"] for issue in state["issues"]}
    assert {"high_complexity", "deep_nesting", "too_many_parameters", "bare_except", "swallowed_exception"} <= kinds
    assert state["complexity_scores"] == {"process": 15}
    assert len(state["suggestions"]) == len({(issue["kind"], issue["function"]) for issue in state["issues"]})
    assert state["quality_score"] < 5 and state["iteration"] == 1


def test_the_review_loop_on_bad_code_stops_at_the_fifth_iteration():
    state = _review(BAD_CODE)
    rounds = 1
    # What the graph's condition "quality_score >= 7 or iteration >= 5" decides after evaluate_quality.
    while not (state["quality_score"] >= 7 or state["iteration"] >= 5):
        for name in TOOL_NAMES[1:]:  # the loop re-enters at check_complexity
            state.update(registry.get(name).func(state))
        rounds += 1
    assert (rounds, state["iteration"]) == (5, 5)
    assert state["quality_score"] < 7
