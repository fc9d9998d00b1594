"""Filling a new step's arguments from the prompt, by what each input of the tool's schema is:

- an e-mail address for `to`, `recipient`, `email`... ; a URL for `url`, `endpoint`, `webhook`; a `#channel`
  (or "the alerts channel") for `channel`;
- numbers for numeric inputs: the one written next to the input's name ("30 seconds" for `seconds`, with
  minutes and hours converted), then the others in order;
- quoted text for `subject`/`title` and `body`/`message`/`text` inputs, by the word before it ("saying",
  "titled", "subject") or in order;
- "<input name> <value>" for anything else ("priority high").

A required input the prompt does not give is taken from another step running the same tool (a second e-mail
goes to the same address), else from a default (the schema's, or for texts one written from the prompt: a
subject "Price alert", a body restating the condition). Inputs of type object/array, and inputs named like a
key the workflow's state already holds, are left to the state, which tools receive beneath their args.
Anything else missing is refused, naming the input.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from agentrunner.patch_builder.conditions import Condition
from agentrunner.patch_builder.proposal import PatchNotUnderstood, ToolInfo
from agentrunner.patch_builder.tokens import CHANNEL, EMAIL, NUMBER, QUOTED, URL, WORD, Token, name_words, stem

EMAIL_WORDS = frozenset({"to", "recipient", "recipients", "email", "emails", "address", "cc", "bcc", "mailto"})
URL_WORDS = frozenset({"url", "uri", "endpoint", "webhook", "link", "href"})
TITLE_WORDS = frozenset({"subject", "title", "headline"})
TEXT_WORDS = frozenset({"body", "message", "text", "content", "note", "summary", "description", "msg", "comment"})
_TITLE_CUES = frozenset({"titled", "subject", "title", "headline", "called", "named"})
_TEXT_CUES = frozenset({"saying", "says", "say", "reading", "reads", "text", "message", "body", "content"})
_TRUE = frozenset({"true", "yes", "on", "enabled", "enable"})
_FALSE = frozenset({"false", "no", "off", "disabled", "disable"})
_SKIPPED = frozenset({"of", "is", "as", "=", ",", "with", "the", "a", "an"})
_SECONDS = {"ms": 0.001, "s": 1, "min": 60, "h": 3600, "d": 86400}
_UNIT_WORDS = {
    "ms": "ms", "millisecond": "ms", "milliseconds": "ms", "second": "s", "seconds": "s", "minute": "min",
    "minutes": "min", "hour": "h", "hours": "h", "day": "d", "days": "d",
}  # fmt: skip
_EXAMPLES = {
    "email": 'an e-mail address, e.g. "to ops@example.com"',
    "url": 'a URL, e.g. "to https://example.com/hook"',
    "channel": 'a channel, e.g. "to #alerts"',
    "number": 'a number, e.g. "30"',
    "boolean": 'true or false, e.g. "{name} true"',
}


def json_type(schema: dict[str, Any]) -> str:
    kind = schema.get("type", "string")
    if isinstance(kind, list):
        kind = next((item for item in kind if item != "null"), "string")
    return kind if isinstance(kind, str) else "string"


def kind_of(name: str, schema: dict[str, Any]) -> str:
    """What an input holds, for finding its value: email, url, channel, title, text, number, boolean, enum,
    data (objects and lists, which the state provides) or string."""
    words, kind = set(name_words(name)), json_type(schema)
    if isinstance(schema.get("enum"), list):
        return "enum"
    if kind in ("integer", "number", "boolean"):
        return "number" if kind != "boolean" else "boolean"
    item_type = json_type(schema.get("items", {})) if kind == "array" else kind
    if item_type == "string" and (schema.get("format") == "email" or words & EMAIL_WORDS):
        return "email"
    if kind == "array" or kind == "object":
        return "data"
    if schema.get("format") in ("uri", "url") or words & URL_WORDS:
        return "url"
    if "channel" in words:
        return "channel"
    return "title" if words & TITLE_WORDS else "text" if words & TEXT_WORDS else "string"


@dataclass
class ArgContext:
    tokens: Sequence[Token]  # the words of the action ("send an email to ops@example.com")
    prompt_tokens: Sequence[Token]  # the whole prompt, for literals written elsewhere in it
    definition: dict[str, Any]
    state_keys: Sequence[str]
    condition: Condition | None = None
    used: set[int] = field(default_factory=set)  # ids of the tokens already taken as a value


def fill_args(tool: ToolInfo, context: ArgContext) -> dict[str, Any]:
    properties = tool.schema.get("properties") if isinstance(tool.schema.get("properties"), dict) else {}
    required = [name for name in tool.schema.get("required", []) if isinstance(name, str)]
    order = required + [name for name in properties if name not in required]
    args: dict[str, Any] = {}
    for name in order:  # required inputs first, so they get the literals a prompt gives in passing
        schema = properties.get(name) if isinstance(properties.get(name), dict) else {}
        value = _from_prompt(name, schema, context)
        if value is None and name in required:
            value = _fallback(tool, name, schema, context)
        if value is not None:
            args[name] = value
    return args


# --- from the prompt --------------------------------------------------------------------------------------


def _from_prompt(name: str, schema: dict[str, Any], context: ArgContext) -> Any:
    kind = kind_of(name, schema)
    if kind == "data":
        return None
    explicit = _explicit(name, schema, kind, context)
    if explicit is not None:
        return explicit
    if kind == "email":
        return _emails(schema, context)
    if kind in ("url", "channel"):
        return _first_literal(URL if kind == "url" else CHANNEL, context.prompt_tokens, context)
    if kind == "number":
        return _number_for(name, schema, context)
    if kind in ("title", "text"):
        return _quoted_for(kind, context)
    if kind == "enum":
        return _enum_value(schema, context)
    return None


def _take(token: Token, context: ArgContext) -> Token:
    context.used.add(id(token))
    return token


def _free(token: Token, context: ArgContext) -> bool:
    return id(token) not in context.used


def _explicit(name: str, schema: dict[str, Any], kind: str, context: ArgContext) -> Any:
    """ "<input name> [of|is|=] <value>" written in the action, or "<number> <input name>" ("3 retries")."""
    words, tokens = [stem(word) for word in name_words(name)], context.tokens
    for index in range(len(tokens) - len(words) + 1):
        spelled = all(tokens[index + i].kind == WORD and stem(tokens[index + i].text) == w for i, w in enumerate(words))
        if not spelled:
            continue
        if kind == "number" and index > 0 and tokens[index - 1].kind == NUMBER and _free(tokens[index - 1], context):
            return _typed_number(_take(tokens[index - 1], context), name, schema, None)
        value = _value_after(index + len(words), name, schema, context)
        if value is not None:
            return value
    return None


def _value_after(index: int, name: str, schema: dict[str, Any], context: ArgContext) -> Any:
    tokens, kind = context.tokens, kind_of(name, schema)
    while index < len(tokens) and tokens[index].text in _SKIPPED:
        index += 1
    if index >= len(tokens) or not _free(tokens[index], context):
        return None
    token = tokens[index]
    accepted = {
        "email": (EMAIL,), "url": (URL,), "channel": (CHANNEL, WORD), "title": (QUOTED,), "text": (QUOTED,),
        "number": (NUMBER,), "boolean": (WORD,), "enum": (WORD, QUOTED), "string": (QUOTED, WORD),
    }.get(kind, ())  # fmt: skip
    if token.kind not in accepted or (token.kind == WORD and token.text in ("to", "and", "then", "when", "if")):
        return None
    if kind == "number":
        return _typed_number(_take(token, context), name, schema, _unit_after(tokens, index))
    if kind == "boolean":
        return True if token.text in _TRUE else False if token.text in _FALSE else None
    if kind == "enum":
        return _enum_match(schema, _take(token, context))
    if kind == "email":
        return [_take(token, context).text] if json_type(schema) == "array" else _take(token, context).text
    return _take(token, context).text if token.kind != WORD else _take(token, context).raw


def _emails(schema: dict[str, Any], context: ArgContext) -> Any:
    found = [_take(t, context).text for t in context.prompt_tokens if t.kind == EMAIL and _free(t, context)]
    if not found:
        return None
    return found if json_type(schema) == "array" else found[0]


def _first_literal(kind: str, tokens: Sequence[Token], context: ArgContext) -> str | None:
    found = next((token for token in tokens if token.kind == kind and _free(token, context)), None)
    if found is not None:
        return _take(found, context).text
    if kind == CHANNEL:  # "post to the alerts channel"
        for index, token in enumerate(context.tokens[1:], start=1):
            before = context.tokens[index - 1]
            if token.text == "channel" and before.kind == WORD and before.text not in ("the", "a", "slack"):
                return before.raw
    return None


def _number_for(name: str, schema: dict[str, Any], context: ArgContext) -> int | float | None:
    for index, token in enumerate(context.tokens):
        if token.kind == NUMBER and _free(token, context):
            return _typed_number(_take(token, context), name, schema, _unit_after(context.tokens, index))
    return None


def _unit_after(tokens: Sequence[Token], index: int) -> str | None:
    if tokens[index].unit in _SECONDS:
        return tokens[index].unit
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    return _UNIT_WORDS.get(following.text) if following is not None and following.kind == WORD else None


def _typed_number(token: Token, name: str, schema: dict[str, Any], unit: str | None) -> int | float:
    value = token.number if token.number is not None else 0.0
    wanted = next((_UNIT_WORDS[word] for word in name_words(name) if word in _UNIT_WORDS), None)
    if unit and wanted and unit != wanted:
        value = value * _SECONDS[unit] / _SECONDS[wanted]  # "wait 2 minutes" into an input in seconds
    if json_type(schema) == "integer" or value == int(value):
        return int(round(value))
    return value


def _quoted_for(kind: str, context: ArgContext) -> str | None:
    """Quoted text led by a cue for this kind ("titled", "saying") first, then any quoted text not led by a
    cue for the other kind."""
    cues, others = (_TITLE_CUES, _TEXT_CUES) if kind == "title" else (_TEXT_CUES, _TITLE_CUES)
    quoted = [(i, t) for i, t in enumerate(context.tokens) if t.kind == QUOTED and _free(t, context)]
    for wanted in (cues, None):
        for index, token in quoted:
            before = {t.text for t in context.tokens[max(0, index - 3) : index] if t.kind == WORD}
            if (wanted is not None and before & wanted) or (wanted is None and not before & others):
                return _take(token, context).text
    return None


def _enum_value(schema: dict[str, Any], context: ArgContext) -> Any:
    for token in context.tokens:
        if token.kind in (WORD, QUOTED) and _free(token, context):
            value = _enum_match(schema, token)
            if value is not None:
                _take(token, context)
                return value
    return None


def _enum_match(schema: dict[str, Any], token: Token) -> Any:
    return next((v for v in schema.get("enum", []) if str(v).lower() in (token.text.lower(), token.raw.lower())), None)


# --- when the prompt does not say -------------------------------------------------------------------------


def _fallback(tool: ToolInfo, name: str, schema: dict[str, Any], context: ArgContext) -> Any:
    kind = kind_of(name, schema)
    if kind not in ("title", "text"):
        for node in context.definition.get("nodes", {}).values():
            if isinstance(node, dict) and node.get("tool") == tool.name and name in (node.get("args") or {}):
                return node["args"][name]
    if "default" in schema:
        return schema["default"]
    if kind == "title":
        return _default_title(context)
    if kind == "text":
        return context.condition.describe() + "." if context.condition else _default_title(context) + "."
    if kind == "data" or name in context.state_keys:
        return None  # the run's state gives it
    example = _EXAMPLES.get(kind, f'e.g. {name} "..."').format(name=name)
    raise PatchNotUnderstood(
        f'understood: a new "{tool.name}" step; missing its required argument "{name}" ({example})'
    )


def _default_title(context: ArgContext) -> str:
    if context.condition is not None:
        return f"{' '.join(name_words(context.condition.key)).capitalize()} alert"
    graph = " ".join(name_words(str(context.definition.get("name", "")))) or "workflow"
    return f"{graph.capitalize()} update"
