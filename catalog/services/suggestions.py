"""Workflows from a sentence: retrieve candidate tools, generate a workflow (a model, or the built-in composer),
validate it, let the model repair what validation found (at most 3 rounds), store it; accept it as a graph.

The suggestion keeps everything needed to judge it later: the retrieved tools (with why each was found),
who wrote the workflow (the model's name, or "builtin"), the problems left if any, the repair rounds, the
tokens used and the time taken.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction

from catalog.composer import CatalogToolInfo, compose, without_webhook_clause
from catalog.models import Suggestion, Tool, UserPreference
from catalog.selectors import tool_index, user_preference_get
from graphs.engine.dsl_schema import workflow_schema
from graphs.services import graph_create, graph_spec
from wfplatform.errors import ApplicationError, ConflictError
from wfplatform.llm import LLMConfig, LLMError, UsageMeter, llm_config
from wfplatform.llm.tooluse import ToolConversation, ToolResult, ToolSpec

logger = logging.getLogger(__name__)

CANDIDATES = 8
MAX_REPAIR_ROUNDS = 3
BUILTIN = "builtin"
PROVIDER_ORDER = ("anthropic", "openai", "groq")  # which configured provider writes suggestions by default

PROPOSE = ToolSpec(
    name="propose_workflow",
    description="Propose the workflow: a graph definition whose nodes call catalog tools by slug.",
    parameters={
        "type": "object",
        "required": ["workflow"],
        "properties": {
            "workflow": {"type": "object", "description": "The graph definition (see the JSON Schema)."},
            "explanation": {"type": "string"},
        },
    },
)

RULES = """You design automation workflows for a platform whose workflows are graph definitions (JSON Schema
below). Nodes call catalog tools by their slug; a catalog tool's `args` are its parameters: give every
required parameter, no parameter outside its schema, values of the right type. A value the user did not give
becomes a placeholder "{{ inputs.<name> }}" (the run is started with it); a value produced by an earlier node
is "{{ <that tool's slug in lower case>.data... }}". Use only the candidate tools listed in the message. Add
`triggers`: a cron trigger for schedules ("every Monday at 9" -> "0 9 * * 1", with "timezone": the IANA zone the
user names, e.g. "Europe/Paris" for "Paris time", else "UTC"); for "when a webhook is received" a webhook
trigger (the request body is then "{{ webhook.body }}"); for other "when X happens" a cron trigger polling every
5 minutes with a first node that reads the new items; else a manual trigger. Answer by
calling propose_workflow. If it answers with problems, fix exactly those and call it again."""


@dataclass
class Draft:
    workflow: dict[str, Any] | None
    problems: list[dict[str, Any]]
    generated_by: str
    repair_rounds: int = 0
    tokens_used: int = 0
    notes: list[str] = field(default_factory=list)


def suggestion_generate(*, owner, prompt: str) -> Suggestion:
    started = time.perf_counter()
    preference = user_preference_get(user=owner)
    candidates, retrieved = _candidates(prompt, set(preference.preferred_toolkits or []))
    if not candidates:
        raise ApplicationError(
            "no catalog tool matches this description; name the apps involved (e.g. GitHub, Slack)",
            code="no_candidate_tools",
        )
    config, notes = suggestion_llm(preference)
    draft = _draft(prompt, candidates, config)
    return Suggestion.objects.create(
        owner=owner,
        prompt=prompt,
        workflow=draft.workflow,
        problems=draft.problems,
        retrieved_tools=retrieved,
        generated_by=draft.generated_by,
        provider=config.provider if config is not None and draft.generated_by != BUILTIN else "",
        notes=notes + draft.notes,
        repair_rounds=draft.repair_rounds,
        tokens_used=draft.tokens_used,
        latency_ms=round((time.perf_counter() - started) * 1000),
    )


def _candidates(prompt: str, preferred: set[str]) -> tuple[list[CatalogToolInfo], list[dict[str, Any]]]:
    # A clause that waits for a webhook call names no tool ("webhook" would find tools that call webhooks).
    hits = tool_index().search(without_webhook_clause(prompt) or prompt, k=CANDIDATES)
    # A user's preferred toolkits go first among equals: their tools lead where the prompt names none.
    hits.sort(key=lambda hit: (-hit.score, hit.toolkit_slug not in preferred))
    rows = {tool.slug: tool for tool in Tool.objects.select_related("toolkit").filter(slug__in=[h.slug for h in hits])}
    candidates = [_info(rows[hit.slug]) for hit in hits if hit.slug in rows]
    retrieved = [{"slug": hit.slug, "score": round(hit.score, 4), "reasons": list(hit.reasons)} for hit in hits]
    return candidates, retrieved


def _info(tool: Tool) -> CatalogToolInfo:
    return CatalogToolInfo(
        slug=tool.slug,
        name=tool.name,
        description=tool.description,
        toolkit_slug=tool.toolkit.slug,
        toolkit_name=tool.toolkit.name,
        input_schema=tool.input_schema or {},
    )


def problems_of(workflow: Any) -> list[dict[str, Any]]:
    """What the graph rules (tools, parameters, reachability, triggers) find wrong; [] when it is valid."""
    try:
        graph_spec(workflow)
    except ApplicationError as exc:
        return list((exc.details or {}).get("problems") or [{"where": "workflow", "message": exc.message}])
    return []


def suggestion_llm(preference: UserPreference) -> tuple[LLMConfig | None, list[str]]:
    """The model that writes this user's suggestions, and why another one than they asked for, if so.

    The user's preference (settings.llm_provider) when that provider is configured here; else
    WFP_SUGGESTIONS_LLM_PROVIDER, else WFP_LLM_PROVIDER, else the first configured of Anthropic, OpenAI, Groq.
    """
    wanted = (preference.settings or {}).get("llm_provider")
    notes: list[str] = []
    if wanted:
        config = llm_config(choice=wanted)
        if config is not None:
            return config, notes
        notes.append(f"your preferred provider {wanted!r} is not configured on this platform")
    return default_suggestion_llm(), notes


def default_suggestion_llm() -> LLMConfig | None:
    """The deployment's model for suggestions, before any user preference."""
    return llm_config(choice=settings.WFP_SUGGESTIONS_LLM_PROVIDER, prefer=PROVIDER_ORDER)


def _draft(prompt: str, candidates: list[CatalogToolInfo], config: LLMConfig | None) -> Draft:
    if config is not None:
        try:
            return _model_draft(prompt, candidates, config)
        except LLMError as exc:
            logger.warning("suggestion: the model failed (%s); the built-in composer writes the workflow", exc)
            draft = _builtin_draft(prompt, candidates)
            draft.notes.append(f"model failed: {exc}")
            return draft
    return _builtin_draft(prompt, candidates)


def _builtin_draft(prompt: str, candidates: list[CatalogToolInfo]) -> Draft:
    composition = compose(prompt, candidates)
    return Draft(composition.workflow, problems_of(composition.workflow), BUILTIN)


def _model_draft(prompt: str, candidates: list[CatalogToolInfo], config: LLMConfig) -> Draft:
    meter = UsageMeter(config)
    system = f"{RULES}\n\n## Workflow JSON Schema\n{json.dumps(workflow_schema(), separators=(',', ':'))}"
    conversation = ToolConversation(config, system=system, tools=[PROPOSE], meter=meter)
    turn = conversation.send(_user_message(prompt, candidates))
    draft = Draft(None, [], config.model)
    for round_ in range(MAX_REPAIR_ROUNDS + 1):
        if not turn.tool_calls:
            raise LLMError(f"the model answered without proposing a workflow: {turn.text[:200]!r}")
        call = turn.tool_calls[0]
        workflow = call.arguments.get("workflow") if isinstance(call.arguments, dict) else None
        draft.workflow, draft.problems, draft.repair_rounds = workflow, problems_of(workflow), round_
        draft.tokens_used = conversation.usage.input_tokens + conversation.usage.output_tokens
        if not draft.problems or round_ == MAX_REPAIR_ROUNDS:
            return draft
        feedback = "problems:\n" + "\n".join(f"- {p.get('where')}: {p.get('message')}" for p in draft.problems)
        turn = conversation.send_results([ToolResult(call, feedback, is_error=True)])
    return draft  # pragma: no cover - the loop returns


def _user_message(prompt: str, candidates: list[CatalogToolInfo]) -> str:
    tools = [{"slug": c.slug, "toolkit": c.toolkit_name, "description": c.description, "parameters": c.input_schema}
             for c in candidates]  # fmt: skip
    return f"Workflow wanted: {prompt}\n\nCandidate tools:\n{json.dumps(tools, separators=(',', ':'))}"


@dataclass
class Acceptance:
    """An accepted suggestion, with what its triggers became: schedules, and webhooks with their tokens."""

    suggestion: Suggestion
    schedules: list = field(default_factory=list)
    webhooks: list[tuple[Any, Any]] = field(default_factory=list)  # (Webhook, its Credentials, shown once)


@transaction.atomic
def suggestion_accept(*, suggestion: Suggestion, user, inputs: dict[str, Any] | None = None) -> Acceptance:
    """Create the graph, a schedule for each cron trigger and a webhook for each webhook trigger (their runs
    start with {"inputs": inputs}); a suggestion is accepted once."""
    locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if locked.graph_id is not None:
        raise ConflictError(f"suggestion {locked.pk} was accepted already (graph {locked.graph_id})",
                            code="suggestion_accepted")  # fmt: skip
    if locked.problems or not locked.workflow:
        raise ApplicationError("this suggestion's workflow is not valid; generate another",
                               code="suggestion_invalid", details={"problems": locked.problems})  # fmt: skip
    graph = graph_create(owner=user, definition=locked.workflow, note=f"accepted suggestion {locked.pk}")
    acceptance = _start_triggers(Acceptance(locked), graph, user, inputs or {})
    locked.graph = graph
    locked.save(update_fields=["graph"])
    return acceptance


def _start_triggers(acceptance: Acceptance, graph, user, inputs: dict[str, Any]) -> Acceptance:
    from graphs.schedules import schedule_create
    from graphs.webhooks import webhook_create

    for trigger in acceptance.suggestion.workflow.get("triggers") or []:
        if trigger.get("type") == "cron":
            acceptance.schedules.append(
                schedule_create(
                    owner=user,
                    graph=graph,
                    cron=trigger["cron"],
                    timezone=trigger.get("timezone", "UTC"),
                    initial_state={"inputs": inputs},
                    name=f"{graph.name} ({trigger['cron']})",
                )
            )
        elif trigger.get("type") == "webhook":
            acceptance.webhooks.append(
                webhook_create(owner=user, graph=graph, initial_state={"inputs": inputs}, name=graph.name)
            )
    return acceptance
