"""Built-in intent classifier: is a prompt a permanent change to a workflow ("patch") or a one-time request
answered now ("execute")?

Pure Python (no Django, no model, no I/O): `classify(prompt)` normalises the prompt and weighs linguistic
cues, each adding a weight to one side. It runs in tens of microseconds, so it can route every prompt before
any LLM is involved, and every decision says which cues made it.

Normalisation: lower-case, curly quotes made straight, contractions expanded ("don't" -> "do not",
"what's" -> "what is"), a few common typos and shorthands fixed ("alwyas", "whenver", "pls", "u", "fwd",
"ad a step" -> "add a step"), punctuation dropped except the separators that matter (`,` and `?`, kept as
tokens) and the filter signs `< > = $ %`. A full stop separates only before a space, and `@` is kept, so an
e-mail address or a domain ("bob@acme.com", "tomorrow.io") stays one token; an arrow ("->") reads "to". A
polite or indirect prefix ("please", "can you", "i want to", "how do i") is cut off to find the head of the
request, the verb the user actually asks for.

Cue families (weights in brackets; P = patch, E = execute):

- Permanence and recurrence (P): "from now on", "going forward", "whenever", "every time", "each time",
  "any time", "by default", "starting tomorrow" [4]; "always", "automatically" [3]; "never" [2];
  a schedule, `every|each <period>` ("every monday", "each morning", "every 5 minutes"), "once a week"
  [3], "on weekdays" [2]; "daily", "weekly"... [1.5], but not after "the/our/my" ("email the quarterly
  report" names a report); a clock time "at 9am", "at 6", "to 2am" [1]; a quantifier over items still to
  come, "every new order", "all incoming tickets" [2.5], a bare "incoming"/"inbound" [1.5]; an event
  quantified, "on/after/before/upon every deploy" [2]; every item the workflow produces, "in every alert",
  "to each report" [2]; an action at the head for every item, "create a task for every submission" [1.5]
  (not over a grouping noun: "for each customer"); a capturing verb at the head (log, save, store, record,
  track, archive, forward, copy, back up, sync, keep) over "every/each X" ("log every failed login") [1.5];
  a routing verb over a bare plural, which names a kind rather than a set at hand ("send invoices to
  billing", "tag refunds with ...", but not "send the invoices") [1.5]. A quantifier over data nouns
  ("every order over $100") with a retrieval verb is not recurrence, and "for each day" / "per week" is a
  grouping (E [1]). Inside a question ("which items always sell out?") the adverbs of permanence describe
  the data, so their weight is halved; in a relative clause ("the tests that always fail") "always"
  scores nothing.
- Editing the workflow (P): an editing verb (add, remove, take out, replace, rename, reorder, change, set,
  format, round, double, enable, turn off, stop, pause, schedule...; "take X out" and "turn X on" too) with a
  workflow object within a few words (step, node, filter, notification, trigger, schedule, threshold,
  channel, recipient, a standing list such as "the distribution list", an output setting such as currency
  or language, a connection such as provider, endpoint or API key...) [3 at the head, 2 elsewhere]; a verb
  right after a determiner is a noun ("the schedule of this workflow") and scores nothing. Without such an
  object, an edit at the head of something the workflow produces, "round the totals in the report",
  "change the report so ..." (report, digest, summary, template, message, email, alert...) [2], not of
  "these/those" things at hand; a switch at the head ("disable ...", "pause ...", "turn X back on",
  "connect X to Y", "hook up", "subscribe") [1.5], while other edits without one ("delete the test users")
  may be one-off data actions and score nothing. "start <doing X>" at the head [2]; a position next to a
  named step ("before the email step") [2.5]; other positions in the flow ("as the last step",
  "before sending") [1.5]; an event inside the flow in the present tense ("after the data is processed",
  "before they are assigned", "after it finishes") [1.5]; reordering, "X first, then Y" [2] (but "first X,
  then Y" is a list of chores and scores nothing), and terse "validate before upload" (two words around
  before/after, the second not a time) [2]; a replacement, "instead of" [2], "switch/swap/migrate X from A
  to B" [2]; "cc <someone> on" [1.5]; "make/let/have/set it ...", "make the report ..." [2].
- Standing conditionals (P): an event clause and an action consequent, "if/when/once/as soon as X ...,
  then notify/alert/send/post/create/page..." [3]; any action verb in the consequent counts, even after a
  retrieval one ("look up the customer and email them"). Also reversed, "alert me when X drops", "page me if
  any job fails" [3], unless the clause is in the past ("tell me when it was deployed"), or
  "tell me / let me know if" is followed by a state or a past event ("if we have any", "if there are",
  "if the deploy succeeded") or "when" by a clause ending in a copula ("when the next release is"): those
  are indirect questions (E [1]). "If there are any X, <action>" is an existence check [1.5]. A
  consequent that only retrieves ("if X, show ...") is a filter on a one-time request (E [1]); "if you
  can", "if possible", a bare "if any" are not conditionals at all. An event clause with no consequent [1].
- Standing wishes (P): "stop/quit <doing X>", "no longer", "no more X", "anymore", "never again" [3];
  "do not ...", "not ..." at the head ("can we not email people on holidays") [2]; "keep me posted" [3];
  to be or get notified, "get slack alerts", "receive a reminder" [2]; "notify/alert/ping me of/about X"
  [2]; a wish about the workflow, "i want a step that ...", "i need an alert ...", "i would like the
  workflow to ...", "what i want is for it to ...", "would be great if it ...", "can the report also
  include ...", "a new check that ..." [2 each]; "keep a copy/track/record of", "keep X in sync/updated" at
  the head [2]; "make sure", "ensure" [1.5]; "should" [1]; "remind me" [1] (not "remind me what ...");
  "only on weekdays / during business hours" [2].
- Questions (E): a wh-question or an auxiliary-first question ("what", "which", "how many", "when did",
  "is there", "do we") [3]; otherwise a trailing "?" [1]. Without a "?", "do the X ...", "have it ..." and
  "would be great if ..." are imperatives or wishes, not questions.
- Retrieval (E): a retrieval verb at the head (show, list, get, fetch, find, give me, display, count,
  summarize, compare, export...) [2.5], elsewhere [1] (not after a determiner: "the export step"); "get"
  followed by a notice ("get a ping", "get alerts", "get a slack message") asks for a notification, not
  data. A one-off run ("run it", "execute", "rerun") at the head [2]; filters and rankings ("top 10",
  "sort by", "where", "< 300", "over $100", "most", "average"...) [1 each, at most 2]; data time ("last
  week", "yesterday", "past 30 days", "this month", "so far") [1.5]; immediacy ("right now" [2], "now",
  "today", "currently", "just once", "this run" [1.5]), except when it introduces what the workflow does
  now ("right now it only emails me, but i want it to ...").

Decision rule: sum each side; the larger sum wins. A tie (including no cue at all) goes to execute, since
a one-time answer is the safer default than changing a workflow. Confidence is
`0.5 + 0.5 * tanh(|patch - execute| / 4)`: 0.5 on a tie, about 0.68 for a margin of 1.5, 0.9 for 4.4.
`reasons` lists every cue that fired with its side and weight, the winning side's first.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from agentrunner.intent.cues import (
    _CUE_FAMILIES,
    _parse,
    _Tally,
)
from agentrunner.intent.vocabulary import (
    EXECUTE,
    PATCH,
    Intent,
    normalise,
)

__all__ = ["EXECUTE", "PATCH", "Intent", "IntentDecision", "classify", "normalise"]


@dataclass(frozen=True)
class IntentDecision:
    intent: Intent
    confidence: float
    reasons: list[str]


def classify(prompt: str) -> IntentDecision:
    """Decide whether `prompt` changes a workflow for good ("patch") or asks for something once ("execute")."""
    parsed = _parse(prompt)
    tally = _Tally()
    for family in _CUE_FAMILIES:
        family(parsed, tally)
    patch, execute = tally.scores[PATCH], tally.scores[EXECUTE]
    intent = PATCH if patch > execute else EXECUTE
    confidence = round(0.5 + 0.5 * math.tanh(abs(patch - execute) / 4), 3)
    return IntentDecision(intent=intent, confidence=confidence, reasons=_reasons(tally, intent, patch, execute))


def _reasons(tally: _Tally, intent: Intent, patch: float, execute: float) -> list[str]:
    ordered = sorted(tally.cues, key=lambda cue: (cue[0] != intent, -cue[1]))
    reasons = [f"{reason} (+{weight:g} {side})" for side, weight, reason in ordered]
    if not reasons:
        return ["no cue found: a one-time answer is the safer default"]
    if patch == execute:
        reasons.append(f"tie at {patch:g}: a one-time answer is the safer default")
    return reasons
