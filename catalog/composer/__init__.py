"""The built-in composer: a workflow from one sentence and its retrieved candidate tools, without a model.

Pure Python (no Django, no I/O). `compose(prompt, tools)` takes the candidates `catalog.retrieval` found for
the prompt (best tool of each step first, then the rest) and builds a linear graph definition of 1-4 nodes
that the graphs app accepts for those tools (strict catalog tools: every required parameter set, none unknown,
constants of the right type):

- Trigger: a schedule in words ("every Monday at 9am", "hourly", "on the 1st of each month") becomes a cron
  trigger (`schedule.parse_schedule`); an event ("when a new issue is opened in GitHub") is polled for every 5
  minutes; a call from outside ("when a webhook is received", "whenever Stripe hits our webhook") is a
  webhook trigger, whose request body the steps' text uses; anything else is manual.
- Steps: the prompt's clauses (`steps`), one tool each, never two doing the same thing; an event or the items
  an action takes from a product ("email the open Jira issues") become a reading step first.
- Args (`params`): a required parameter takes a value the prompt gives (an address, a #channel, a link,
  quoted text, a number, "owner/repo", an enum word), else the output of the step that read the items for
  message text, else a `{{ inputs.<param> }}` placeholder the run must provide (listed in `inputs`).

Modules: schedule (words to cron), facts (values in the prompt), model (data, what a tool's name says), steps
(clauses to steps to tools), params (a node's args), compose (the workflow and its explanation).
"""

from .compose import POLL_CRON, compose, without_webhook_clause
from .model import CatalogToolInfo, Composition, tool_info_from_catalog
from .schedule import Schedule, parse_schedule

__all__ = [
    "POLL_CRON",
    "CatalogToolInfo",
    "Composition",
    "Schedule",
    "compose",
    "parse_schedule",
    "tool_info_from_catalog",
    "without_webhook_clause",
]
