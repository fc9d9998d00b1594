"""The workflow's steps, read from the prompt the way retrieval reads it, and the candidate tool for each.

The prompt is cut into clauses by `catalog.retrieval.analyse` (the same cut that ranked the candidates), with
only the candidates' toolkits as names. Each clause gives one or two steps:

- an event clause ("when a new issue is opened in GitHub") reads from its toolkit;
- a clause led by a reading verb ("fetch the latest Stripe charges") reads, and writes to its target too when
  it names one ("pull the attendees into a sheet");
- an acting clause first reads from every toolkit it takes items from ("email the open Jira issues",
  "post new GitHub issues to Slack"), or from the toolkit it acts in when it acts on items it must find
  ("label every email from X"), then acts: in the toolkit named as its target, or where it read when it acts
  there ("reply to new Freshdesk tickets"), or in any toolkit.

Each step takes the first unused candidate (retrieval order) that fits it best: of the step's toolkit, a
reading tool for a reading step (a reading step with none is dropped), named with the step's verb. A tool that
does the same thing as one already taken ("Send email" of Gmail after Outlook's) is skipped unless the step
names its toolkit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from catalog.retrieval import READ_VERBS, STOPWORDS, VERB_GROUPS, Clause, ToolkitNames, analyse, stem, tokenize

from .model import CatalogToolInfo, action_key, head_noun, reads, verb

MAX_STEPS = 4
_SENDING = frozenset(stem(word) for word in (*VERB_GROUPS[0], "email", "text", "notify", "message", "tell", "sms"))
_ADDING = frozenset(stem(word) for word in VERB_GROUPS[1])
_PUTTING = _ADDING | frozenset(stem(word) for word in (*VERB_GROUPS[6], "append"))
# What a step that puts items somewhere makes there, whatever the prompt calls the items.
_ITEM_NOUNS = frozenset(stem(word) for word in ("row", "rows", "record", "records", "entry", "item", "items", "line"))
# Verbs that change items that already exist, so a step led by one finds them first ("close every stale issue").
_ON_EXISTING = frozenset(
    stem(word)
    for word in (*VERB_GROUPS[2], *VERB_GROUPS[3], *VERB_GROUPS[8], "move", "label", "tag", "archive", "assign",
                 "mark", "forward", "reply", "star", "pin", "merge", "approve", "react", "like", "flag")
)  # fmt: skip
# Verbs that say what a tool does: a tool led by one of them that the step does not say does something else.
_KNOWN_ACTIONS = _ON_EXISTING | frozenset(stem(word) for group in VERB_GROUPS for word in group)
_NEW_ITEMS = re.compile(r"\b(?:new|incoming)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Step:
    reads: bool
    toolkit: str | None  # the toolkit the step names, if any
    verbs: frozenset[str]  # stems a fitting tool's name starts with; empty: any
    text: str  # the clause, for the explanation
    polls: bool = False  # reads items that arrive over time: "when ...", "new GitHub issues"
    puts: bool = False  # puts the items read before somewhere: "add them to Airtable", "export ... to Sheets"


def plan_steps(prompt: str, tools: list[CatalogToolInfo]) -> list[Step]:
    names = ToolkitNames({tool.toolkit_slug: tool.toolkit_name for tool in tools})
    steps = [step for clause in analyse(prompt, names) for step in _clause_steps(clause)]
    # What happens starts the workflow, wherever the sentence says it ("create a Linear issue for every new
    # Sentry error").
    steps = [step for step in steps if step.polls and step.reads] + [step for step in steps if not step.polls]
    return steps[:MAX_STEPS] or [Step(reads=False, toolkit=None, verbs=frozenset(), text=prompt.strip())]


def _lead(clause: Clause) -> str:
    return next((token.stem for token in tokenize(clause.text) if token.lower not in STOPWORDS), "")


def _clause_steps(clause: Clause) -> list[Step]:
    text, read_verbs = clause.text.strip(), frozenset(READ_VERBS)
    if clause.is_event:
        return [Step(True, (clause.toolkits or (None,))[0], read_verbs, text, polls=True)]
    lead = _lead(clause)
    sources = [slug for slug in clause.toolkits if slug in clause.read_from]
    targets = [slug for slug in clause.toolkits if slug not in clause.read_from]
    if lead in READ_VERBS:
        steps = [Step(True, (sources or list(clause.toolkits) or [None])[0], read_verbs, text)]
        if clause.put_terms is not None and targets:
            steps.append(Step(False, targets[0], _PUTTING, text, puts=True))
        return steps
    polls = bool(_NEW_ITEMS.search(text))
    steps = [Step(True, source, read_verbs, text, polls=polls) for source in sources]
    acts_there = clause.acts_there and lead not in _SENDING
    acting_in = targets[0] if targets else (sources[0] if sources and acts_there else None)
    if clause.finds_first and not sources and lead in _ON_EXISTING:
        steps.append(Step(True, acting_in, read_verbs, text))
    # Items carried from a source are put (uploaded, added) where they go, not copied within it.
    verbs = _PUTTING if clause.carries and sources and targets else clause.terms.verbs
    steps.append(Step(False, acting_in, verbs, text, puts=clause.carries))
    return steps


def assign_tools(steps: list[Step], tools: list[CatalogToolInfo]) -> list[tuple[Step, CatalogToolInfo]]:
    """One candidate per step, in step order; steps no candidate fits are left out, but never all of them."""
    chosen: list[tuple[Step, CatalogToolInfo]] = []
    for step in steps:
        tool = _best(step, tools, [taken for _, taken in chosen])
        if tool is not None:
            chosen.append((step, tool))
    return chosen or [(steps[0], tools[0])]


def _best(step: Step, tools: list[CatalogToolInfo], taken: list[CatalogToolInfo]) -> CatalogToolInfo | None:
    """The best unused candidate; None when there is none, or when the best does what a taken tool does (a
    step that only repeats another, "email it to A and email it to B", is not given a worse tool instead)."""
    slugs = {tool.slug for tool in taken}
    fitting = [(_fit(step, tool), -position, tool) for position, tool in enumerate(tools) if tool.slug not in slugs]
    if step.reads:
        fitting = [item for item in fitting if reads(item[2]) and step.toolkit in (None, item[2].toolkit_slug)]
    if not fitting:
        return None
    best = max(fitting, key=lambda item: (item[0], item[1]))[2]
    repeats = action_key(best) in {action_key(tool) for tool in taken} and best.toolkit_slug != step.toolkit
    return None if repeats else best


def _fit(step: Step, tool: CatalogToolInfo) -> tuple[bool, bool, bool, int]:
    """(of the step's toolkit, reads or acts as the step does, what it acts on is in the step's words (not
    counting its toolkit's name) unless the tool does another known thing than the step says, how well its
    name fits the step's verb). "post 'ping' to the #ops channel" names the channel, but archiving it is not
    posting; "post it to the Discord webhook" may execute the webhook, a verb that says nothing else."""
    in_toolkit = step.toolkit is None or tool.toolkit_slug == step.toolkit
    name_stems = _stems(tool.name)
    verb_fit = 2 if stem(verb(tool)) in step.verbs else (1 if name_stems & step.verbs else 0)
    step_words = _stems(step.text) - _stems(f"{tool.toolkit_name} {tool.toolkit_slug.replace('_', ' ')}")
    noun = stem(head_noun(tool))
    other_action = bool(step.verbs) and verb_fit == 0 and stem(verb(tool)) in _KNOWN_ACTIONS
    names_noun = (noun in step_words or (step.puts and noun in _ITEM_NOUNS)) and not other_action
    return in_toolkit, reads(tool) == step.reads, names_noun, verb_fit


def _stems(text: str) -> set[str]:
    return {stem(word.lower()) for word in re.findall(r"[A-Za-z]+", text)}
