"""A node's args: a value for every required parameter, and optional ones only when the prompt gives them.

A parameter's name (and type) says what kind of value it takes: an e-mail address, a #channel, a link, the
owner or name of a repository, a title, a name, message text, a number, one of an enum. The value comes from
the prompt when it holds one of that kind; else, for message text (and titles) after a step that read items,
from that step's output; else the run must give it, as `{{ inputs.<param> }}`. A constant that does not fit
the parameter's schema is never written: the parameter becomes an input instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import jsonschema

from catalog.retrieval import stem

from .facts import Number, PromptFacts
from .model import CatalogToolInfo

_ID_WORDS = frozenset({"id", "ids", "iid", "gid", "sid", "uuid", "ts", "key", "hash", "token", "sha", "guid"})
_SKIP_WORDS = frozenset({"cc", "bcc", "reply", "from", "sender", "forward"})
_EMAIL_WORDS = frozenset({"email", "emails", "recipient", "recipients", "to", "mail"})
_URL_WORDS = frozenset({"url", "urls", "link", "uri", "href", "website"})
_TITLE_WORDS = frozenset({"title", "subject", "summary", "headline", "topic"})
_BODY_WORDS = frozenset({"text", "body", "message", "content", "comment", "description", "markdown", "note", "notes",
                         "caption", "html", "prompt", "input", "status", "tweet", "desc", "details"})  # fmt: skip
_QUERY_WORDS = frozenset({"q", "query", "search", "jql", "term", "keyword", "keywords"})
_REPO_NAMES = frozenset({"repo", "repository", "repo_name", "repository_name"})
_NUMBER_ALIASES = {"pr": "pull", "mr": "merge", "ticket": "ticket", "issue": "issue"}
# Kinds a prompt can give for an optional parameter (each at most once per node).
_OPTIONAL_KINDS = ("email", "phone", "channel", "url", "owner", "repo", "title", "name", "body", "query", "number",
                   "enum")  # fmt: skip


def param_words(name: str) -> list[str]:
    """ "recipient_email" -> [recipient, email]; "tableIdOrName" -> [table, id, or, name]."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name)
    return [word.lower() for word in re.split(r"[\s_.\-]+", spaced) if word]


def json_types(schema: dict[str, Any]) -> set[str]:
    declared = schema.get("type")
    if isinstance(declared, str):
        return {declared}
    if isinstance(declared, list):
        return {item for item in declared if isinstance(item, str)}
    found: set[str] = set()
    for option in (schema.get("anyOf") or []) + (schema.get("oneOf") or []):
        if isinstance(option, dict):
            found |= json_types(option)
    return found


def param_kind(name: str, schema: dict[str, Any]) -> str:
    words, types = set(param_words(name)), json_types(schema)
    description = str(schema.get("description") or "").lower()
    if "enum" in schema:
        return "enum"
    if types and types <= {"integer", "number", "null"}:
        return "number"
    if types == {"boolean"}:
        return "boolean"
    if words & _SKIP_WORDS:
        return "other"
    if "channel" in words and (not words & _ID_WORDS or "name" in description):
        return "channel"
    if "phone" in words or (words & {"to", "recipient"} and ("phone" in description or "e164" in description)):
        return "phone"
    if words & _EMAIL_WORDS and not words & _ID_WORDS and "phone" not in description:
        return "email"
    if words & _URL_WORDS:
        return "url"
    if words & _ID_WORDS and "path" in description:
        return "path"  # GitLab's project id: "the ID or URL-encoded path of the project"
    return _text_kind(name.lower(), words)


def _text_kind(lowered: str, words: set[str]) -> str:
    if lowered == "owner":
        return "owner"
    if lowered in _REPO_NAMES:
        return "repo"
    if words & _ID_WORDS:
        return "identifier"
    if words & _TITLE_WORDS:
        return "title"
    if lowered.endswith("name") and "user" not in words:
        return "name"
    if words & _BODY_WORDS:
        return "body"
    if words & _QUERY_WORDS:
        return "query"
    return "other"


def fits(value: Any, schema: dict[str, Any]) -> bool:
    try:
        return jsonschema.Draft202012Validator(schema).is_valid(value)
    except (jsonschema.exceptions.SchemaError, jsonschema.exceptions.RefResolutionError, TypeError):
        return False


@dataclass
class ArgContext:
    """What one node's args can draw on; `used_numbers` is shared by the nodes so a number is used once."""

    facts: PromptFacts
    title: str
    source: CatalogToolInfo | None = None  # the tool whose output feeds this node's text
    source_node: str = ""
    clause: str = ""  # the words of the node's step: its quoted text is the node's
    used_numbers: set[int] = field(default_factory=set)


@dataclass
class NodeArgs:
    args: dict[str, Any] = field(default_factory=dict)
    needed: list[str] = field(default_factory=list)  # required parameters the run must give
    notes: list[str] = field(default_factory=list)  # where each value came from, in plain words


def build_args(tool: CatalogToolInfo, context: ArgContext, input_path: Callable[[str], str]) -> NodeArgs:
    """Args for `tool`; `input_path(param)` names the input a missing required value comes from."""
    built = NodeArgs()
    # A quote belongs to the step whose words hold it (or its start: the clause cut may fall inside it, "v2!").
    quotes = [quote for quote in context.facts.quoted if quote[: (len(quote) + 1) // 2] in context.clause]
    properties = tool.properties
    for name in tool.required:
        schema = properties.get(name) if isinstance(properties.get(name), dict) else {}
        value, note = _required_value(name, schema, context, quotes)
        if value is None:
            path = input_path(name)
            value, note = f"{{{{ {path} }}}}", f"given as the input {path}"
            built.needed.append(path)
        built.args[name] = value
        built.notes.append(f"{name}: {note}")
    _add_optional(tool, context, quotes, built)
    return built


def _required_value(
    name: str, schema: dict[str, Any], context: ArgContext, quotes: list[str]
) -> tuple[Any, str] | tuple[None, str]:
    kind = param_kind(name, schema)
    value = _from_prompt(kind, name, schema, context, quotes, required=True)
    if value is not None:
        return value, f"{value!r} from the prompt"
    if "default" in schema and fits(schema["default"], schema):
        return schema["default"], f"its default {schema['default']!r}"
    return _from_source(kind, schema, context)


def _add_optional(tool: CatalogToolInfo, context: ArgContext, quotes: list[str], built: NodeArgs) -> None:
    required_kinds = {param_kind(name, tool.properties.get(name) or {}) for name in tool.required}
    filled: set[str] = set()
    for name, schema in tool.properties.items():
        kind = param_kind(name, schema) if isinstance(schema, dict) else "other"
        if name in built.args or kind not in _OPTIONAL_KINDS or kind in filled or kind in required_kinds:
            continue
        value = _from_prompt(kind, name, schema, context, quotes, required=False)
        note = f"{value!r} from the prompt"
        if value is None and kind == "body" and context.source is not None:
            value, note = _from_source(kind, schema, context)
        if value is not None:
            built.args[name] = value
            built.notes.append(f"{name}: {note}")
            filled.add(kind)


def _from_prompt(
    kind: str, name: str, schema: dict[str, Any], context: ArgContext, quotes: list[str], *, required: bool
) -> Any:
    facts = context.facts
    emails = _in_clause(facts.emails, context.clause)
    candidates: dict[str, Any] = {
        "email": list(emails) if "array" in json_types(schema) else (emails[:1] or [None])[0],
        "channel": (_in_clause(facts.channels, context.clause)[:1] or [None])[0],
        "url": (facts.urls[:1] or [None])[0],
        "owner": facts.repo[0] if facts.repo else None,
        "repo": facts.repo[1] if facts.repo else None,
        "path": "/".join(facts.repo) if facts.repo else None,
        "phone": _phone(facts, str(schema.get("description") or "")),
    }
    if kind in candidates:
        value = candidates[kind] or None
    elif kind in ("title", "name", "body", "query"):
        value = _text(kind, facts, quotes)
    elif kind == "number":
        value = _number(name, facts.numbers, context.used_numbers, required=required)
    elif kind == "enum":
        value = _enum_value(schema["enum"], facts.words)
    else:
        value = None
    return _shaped(value, schema)


def _in_clause(values: tuple[str, ...], clause: str) -> tuple[str, ...]:
    """The values the step's own words hold ("email it to b@x.com"), else all of them."""
    return tuple(value for value in values if value in clause) or values


def _phone(facts: PromptFacts, description: str) -> str | None:
    if not facts.phones:
        return None
    return f"whatsapp:{facts.phones[0]}" if "whatsapp:" in description.lower() else facts.phones[0]


def _enum_value(options: list[Any], words: frozenset[str]) -> Any:
    """The option the prompt names, in any form of the word ("close issue #4" -> "closed")."""
    stems = {stem(word) for word in words}
    return next((item for item in options if isinstance(item, str) and len(item) > 2 and stem(item.lower()) in stems),
                None)  # fmt: skip


def _text(kind: str, facts: PromptFacts, quotes: list[str]) -> str | None:
    """Quoted text, each quote used once per node (a title takes the first, the message the next); a name may
    also be the word after "called"/"named"."""
    if kind == "name" and facts.named:
        return facts.named[0]
    return quotes.pop(0) if quotes else None


def _number(name: str, numbers: tuple[Number, ...], used: set[int], *, required: bool) -> int | float | None:
    words = {stem(word) for word in param_words(name)}
    free = [(index, number) for index, number in enumerate(numbers) if index not in used]
    hinted = [pair for pair in free if stem(_NUMBER_ALIASES.get(pair[1].hint, pair[1].hint)) in words]
    chosen = hinted[:1]
    if required and not chosen:
        chosen = ([pair for pair in free if pair[1].hashed] or free)[:1]
    if not chosen:
        return None
    used.add(chosen[0][0])
    return chosen[0][1].value


def _shaped(value: Any, schema: dict[str, Any]) -> Any:
    """`value` in the parameter's type (a text in a one-item list for a list of texts, a number as text), or
    None when it does not fit the schema."""
    if value is None:
        return None
    types = json_types(schema)
    if "array" in types and not isinstance(value, list) and "string" not in types:
        value = [value]
    elif "string" in types and isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    return value if fits(value, schema) else None


def _from_source(kind: str, schema: dict[str, Any], context: ArgContext) -> tuple[Any, str] | tuple[None, str]:
    """Text from the step that read the items: its whole answer for a list or object parameter, written into
    the text for a text one; a title after such a step is the workflow's title."""
    source = context.source
    if source is None or kind not in ("body", "title"):
        return None, ""
    types = json_types(schema)
    if kind == "title":
        return (context.title, "the workflow's title") if fits(context.title, schema) else (None, "")
    whole = f"{{{{ {source.output_path} }}}}"
    if types and not types & {"string"}:
        return (whole, f"the output of {context.source_node}") if types & {"array", "object"} else (None, "")
    return f"{source.label}: {whole}", f"the output of {context.source_node}"
