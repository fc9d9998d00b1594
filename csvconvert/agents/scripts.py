"""The Python script inside a coder's reply."""

from __future__ import annotations

import re

_FENCE = re.compile(
    r"(?P<fence>`{3,}|~{3,})[ \t]*(?P<lang>[\w+-]*)[^\n]*\n(?P<body>.*?)(?:\n[ \t]*(?P=fence)[ \t]*(?:\n|$)|\Z)", re.S
)
_PYTHON_TAGS = {"python", "py", "python3"}
_CODE_HINT = re.compile(r"^\s*(import |from \w[\w.]* import |def |with open\(|for |\w+ = )", re.M)
_ANSWER_PREFIX = re.compile(r"^\s*(Thought:.*?\n)?\s*Final Answer:\s*", re.S)


def extract_script(reply: str) -> str | None:
    """The longest Python-tagged fenced block; else the longest untagged one; else the reply itself
    when it reads as code. None when there is no code at all."""
    blocks = [(m["lang"].lower(), m["body"]) for m in _FENCE.finditer(reply)]
    for wanted in (lambda lang: lang in _PYTHON_TAGS, lambda lang: lang == ""):
        bodies = [body for lang, body in blocks if wanted(lang) and body.strip()]
        if bodies:
            return _clean(max(bodies, key=len))
    text = _ANSWER_PREFIX.sub("", reply, count=1).strip()
    if not blocks and _CODE_HINT.search(text):
        return _clean(text)
    return None


def _clean(script: str) -> str:
    return script.strip("\n").rstrip() + "\n"
