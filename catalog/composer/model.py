"""The composer's data: the candidate tools it gets, the composition it gives, and what a tool's name says."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from catalog.retrieval import READ_VERBS, VERB_GROUPS, stem


@dataclass(frozen=True)
class CatalogToolInfo:
    slug: str
    name: str
    description: str
    toolkit_slug: str
    toolkit_name: str
    input_schema: dict[str, Any] = field(default_factory=dict)

    @property
    def state_key(self) -> str:
        """Where a run's state holds the tool's answer: a catalog tool answers under its slug in lower case."""
        return self.slug.lower()

    @property
    def output_path(self) -> str:
        """The state path of what the tool answered, for placeholders."""
        return f"{self.state_key}.data"

    @property
    def label(self) -> str:
        """How a message written from its output names it."""
        return f"{self.name} ({self.toolkit_name})"

    @property
    def properties(self) -> dict[str, Any]:
        return self.input_schema.get("properties") or {}

    @property
    def required(self) -> list[str]:
        return [name for name in self.input_schema.get("required") or [] if isinstance(name, str)]


@dataclass(frozen=True)
class WebhookCall(CatalogToolInfo):
    """Not a tool: the call that starts a webhook-triggered run, whose body later steps can use."""

    @property
    def output_path(self) -> str:
        return "webhook.body"

    @property
    def label(self) -> str:
        return self.name


WEBHOOK_CALL = WebhookCall(slug="WEBHOOK", name="Webhook call", description="", toolkit_slug="", toolkit_name="")


@dataclass(frozen=True)
class Composition:
    workflow: dict[str, Any]  # the graph definition, with "triggers"
    inputs: list[str]  # the placeholders' input names the run must be given, e.g. ["inputs.repo"]
    explanation: list[str]  # plain words: the trigger, then what each node does and why that tool


def tool_info_from_catalog(entry: dict[str, Any]) -> CatalogToolInfo:
    """A CatalogToolInfo from a Composio v3 tool item (as in catalog/data/catalog.json)."""
    toolkit = entry.get("toolkit") or {}
    return CatalogToolInfo(
        slug=entry["slug"],
        name=entry.get("name") or entry["slug"],
        description=entry.get("description") or "",
        toolkit_slug=toolkit.get("slug", ""),
        toolkit_name=toolkit.get("name") or toolkit.get("slug", ""),
        input_schema=entry.get("input_parameters") or {},
    )


# --- what a tool's name says --------------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z0-9]+")
_FILLER = frozenset({"a", "an", "the", "all", "new", "my", "your", "one", "multiple", "by", "for", "and", "or"})
_PREPOSITIONS = frozenset({"to", "in", "into", "from", "on", "of", "with", "using", "by", "via", "at", "for", "as"})
SENDING = VERB_GROUPS[0][0]  # the action of tools that send, post or publish
_GROUP_OF = {stem(verb): group[0] for group in VERB_GROUPS for verb in reversed(group)}


def _name_words(tool: CatalogToolInfo) -> list[str]:
    """The tool's name in lower-case words, without its toolkit's name ("Send a Slack message" -> send a message)."""
    toolkit_words = {word.lower() for word in _WORD.findall(f"{tool.toolkit_name} {tool.toolkit_slug}")}
    found = [word.lower() for word in _WORD.findall(tool.name)]
    kept = [word for word in found if word not in toolkit_words]
    return kept or found or [word.lower() for word in tool.slug.split("_")]


def verb(tool: CatalogToolInfo) -> str:
    """The action the name starts with, in its base form ("Sends ..." -> "send")."""
    word = _name_words(tool)[0]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def reads(tool: CatalogToolInfo) -> bool:
    """A tool that reads (lists, gets, searches, fetches...) rather than changes something."""
    return stem(verb(tool)) in READ_VERBS


def head_noun(tool: CatalogToolInfo) -> str:
    """What the action is done to: the last word before the first preposition after the verb
    ("Sends a message to a Slack channel" -> message, "List repository issues" -> issues)."""
    words = _name_words(tool)[1:]
    while words and (words[0] in _PREPOSITIONS or words[0] in _FILLER):
        words = words[1:]
    phrase = []
    for word in words:
        if word in _PREPOSITIONS:
            break
        if word not in _FILLER:
            phrase.append(word)
    return phrase[-1] if phrase else ""


def action_key(tool: CatalogToolInfo) -> tuple[str, str]:
    """Two tools with one key do the same thing ("Send email" in Gmail and in Outlook)."""
    stemmed = stem(verb(tool))
    return _GROUP_OF.get(stemmed, stemmed), stem(head_noun(tool))


def node_name(tool: CatalogToolInfo) -> str:
    """snake_case from the tool's action: "List repository issues" -> list_issues."""
    parts = [verb(tool), head_noun(tool)]
    name = "_".join(part for part in parts if part)
    return re.sub(r"[^a-z0-9_]", "", name) or tool.slug.lower()
