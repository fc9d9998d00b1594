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
import re
from dataclasses import dataclass, field
from typing import Literal

from agentrunner.wording import expand_contractions

Intent = Literal["patch", "execute"]
PATCH: Intent = "patch"
EXECUTE: Intent = "execute"


@dataclass(frozen=True)
class IntentDecision:
    intent: Intent
    confidence: float
    reasons: list[str]


def _words(*alternatives: str) -> str:
    """A regex alternation of phrases, longest first so that "turn off" wins over "turn"."""
    return "|".join(sorted(alternatives, key=len, reverse=True))


# --- Normalisation --------------------------------------------------------------------------------------

# Typos and shorthands seen in chat prompts; a lookup is cheap, fuzzy matching would not be.
_TYPOS = {
    "alwyas": "always", "alwasy": "always", "allways": "always", "alway": "always", "awlays": "always",
    "whenver": "whenever", "whenevr": "whenever", "wheneever": "whenever", "wheneer": "whenever",
    "whnever": "whenever", "alwys": "always", "creat": "create", "sned": "send", "procesed": "processed",
    "evry": "every", "evey": "every",
    "everytime": "every time", "anytime": "any time", "eachtime": "each time", "everyday": "every day",
    "notfy": "notify", "notifiy": "notify", "nofity": "notify", "notifcation": "notification",
    "notif": "notification", "notifs": "notifications", "shwo": "show", "sohw": "show", "lsit": "list",
    "fecth": "fetch", "remvoe": "remove", "delte": "delete", "schedual": "schedule", "scheudle": "schedule",
    "tommorow": "tomorrow", "tomorow": "tomorrow", "yesterdy": "yesterday", "summarise": "summarize",
    "analyse": "analyze", "pls": "please", "plz": "please", "u": "you", "ur": "your", "msg": "message",
    "dont": "do not", "doesnt": "does not", "didnt": "did not", "isnt": "is not", "arent": "are not",
    "cant": "cannot", "whats": "what is", "im": "i am", "lets": "let us", "wanna": "want to",
    "rerun": "rerun", "re-run": "rerun", "e-mail": "email", "asap": "now", "fwd": "forward", "rn": "right now",
}  # fmt: skip
_STRAY = re.compile(r"[^a-z0-9 ,?<>=$%.'@]")
# A full stop ends a sentence only before a space; inside a token it is part of "acme.com" or "3.5".
_SEPARATORS = re.compile(r"[,;:!]|\.(?=\s|$)|(?<=\s)\.")
# "ad" before a determiner is the verb "add" mistyped; elsewhere it is the noun ("ad spend").
_AD_TYPO = re.compile(r"\bad (?=(?:a|an|another|the|some|one|new)\b)")


def normalise(prompt: str) -> str:
    """Lower-case words separated by single spaces, with `,` and `?` as tokens, padded with spaces."""
    text = prompt.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = expand_contractions(text)
    # An arrow ("new signups -> mailchimp") routes items; it is not a "greater than" filter.
    text = text.replace("->", " to ").replace("=>", " to ").replace("\u2192", " to ")
    text = _SEPARATORS.sub(" , ", text.replace("?", " ? "))
    text = _STRAY.sub(" ", text.replace("re-run", "rerun").replace("e-mail", "email").replace("-", " "))
    tokens = [_TYPOS.get(token, token) for token in text.replace("'", " ").split()]
    return _AD_TYPO.sub("add ", " " + " ".join(tokens) + " ")


# --- Vocabulary -----------------------------------------------------------------------------------------

_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_PERIODS = _words(
    "day", "days", "morning", "mornings", "evening", "evenings", "night", "nights", "afternoon", "week",
    "weeks", "weekday", "weekdays", "weekend", "weekends", "month", "months", "quarter", "year", "years",
    "hour", "hours", "minute", "minutes", "min", "mins", "second", "seconds", "sprint", "shift",
    "business day", "working day", "half hour", "fortnight", *_DAYS.split("|"), *(d + "s" for d in _DAYS.split("|"))
)  # fmt: skip
# What a one-time report is broken down by ("sales per region", "for each customer").
_GROUPS = _words(_PERIODS, "customer", "user", "region", "category", "product", "team", "country", "channel")
_COUNT = r"(?:\d+|two|three|four|five|six|ten|twelve|fifteen|twenty|thirty|few|couple of|other|single)"
_DATA_TIME_UNITS = _words(
    "day", "days", "week", "weeks", "month", "months", "quarter", "year", "years", "hour", "hours", "night",
    "run", "runs", "sprint", "release", "deploy", *_DAYS.split("|"),
)  # fmt: skip
_EDIT_VERBS = _words(
    "add", "insert", "append", "prepend", "include", "remove", "delete", "drop", "replace", "swap", "rename",
    "move", "reorder", "rearrange", "change", "update", "set", "set up", "configure", "enable", "disable",
    "turn on", "turn off", "switch", "switch on", "switch off", "stop", "start", "pause", "resume",
    "schedule", "reschedule", "modify", "edit", "adjust", "increase", "decrease", "raise", "lower", "bump",
    "attach", "connect", "hook up", "wire", "skip", "route", "redirect", "reroute", "put", "create", "split",
    "merge", "duplicate", "clone", "restrict", "extend", "shorten", "tweak", "mute", "unmute", "make", "use",
    "limit", "cap", "rewire", "insert", "get rid of", "take out", "take off", "take away", "leave out", "cut", "kill",
    "cut out", "ditch", "strip out", "format", "reformat", "reword", "rephrase", "round", "double", "halve",
    "triple",
    # "take the sms step out": the particle may follow the object.
    r"take(?= (?:\S+ ){1,4}(?:out|off|away)\b)", r"turn(?= (?:\S+ ){1,4}(?:on|off)\b)",
)  # fmt: skip
_WORKFLOW_OBJECTS = _words(
    "step", "steps", "node", "nodes", "action", "actions", "notification", "notifications", "workflow",
    "workflows", "flow", "flows", "automation", "automations", "trigger", "triggers", "schedule", "schedules",
    "threshold", "thresholds", "limit", "limits", "channel", "channels", "recipient", "recipients", "branch",
    "branches", "condition", "conditions", "rule", "rules", "setting", "settings", "config", "configuration",
    "parameter", "parameters", "timeout", "retry", "retries", "delay", "wait", "interval", "frequency", "cron",
    "webhook", "webhooks", "integration", "integrations", "stage", "stages", "edge", "edges", "approval",
    "template", "templates", "alert", "alerts", "reminder", "reminders", "subject line", "sender", "assignee",
    "pipeline", "sequence", "destination", "mapping", "maximum", "minimum", "max", "min", "cutoff", "quota",
    "priority", "escalation", "policy", "digest", "email", "emails", "slack message", "sms", "cc", "loop",
    "filter step", "run time", "start time", "timezone", "time zone", "order of", "filter", "filters",
    "mailing list", "distribution list", "recipient list", "recipients list", "allowlist", "blocklist",
    "whitelist", "blacklist", "watchlist", "currency", "language", "locale", "units", "tone", "wording",
    "provider", "providers", "api key", "credentials", "endpoint", "url", "reviewer", "reviewers", "approver",
    "approvers",
)  # fmt: skip
# What a user asks to be sent when something happens.
_NOTICES = r"(?:alerts?|notifications?|pings?|reminders?|heads up|updates)"
_ACTION_VERBS = _words(
    "notify", "alert", "send", "post", "email", "message", "ping", "page", "escalate", "create", "open", "file",
    "log", "text", "sms", "call", "slack", "retry", "restart", "rerun", "assign", "tag", "label", "cc", "bcc",
    "forward", "remind", "pause", "stop", "cancel", "trigger", "run", "approve", "reject", "block", "mark",
    "flag", "archive", "close", "add", "update", "move", "copy", "save", "upload", "sync", "publish", "invoke",
    "start", "kick off", "let me know", "let us know", "let the team know", "tell", "warn", "inform", "reply",
    "respond", "schedule", "charge", "refund", "delete", "remove", "append", "insert", "write", "record",
    "store", "increment", "set", "notify me", "alert me", "shoot", "dm", "tweet", "sound", "raise", "open up",
    "keep", "get notified", "get alerted", "get pinged", "get paged", "get texted", "get emailed",
    rf"get (?:an? )?(?:\w+ )?{_NOTICES}", r"get an? (?:\w+ )?(?:email|message|text|dm|call)",
)  # fmt: skip
# "get notified when ..." asks for a notification, not for data.
_GET_NOT_NOTIFIED = (
    r"get(?! (?:notified|alerted|emailed|pinged|paged|texted|informed|an? (?:\w+ )?(?:email|message|text|dm|call)\b|"
    rf"(?:an? |some )?(?:(?!the|my|our|all|any|those|these|last|latest|recent)\w+ )?{_NOTICES}\b))"
)
_RETRIEVAL_VERBS = _words(
    "show", "list", _GET_NOT_NOTIFIED,
    "fetch", "find", "give", "display", "count", "summarize", "compare", "export", "pull",
    "look up", "lookup", "search", "check", "calculate", "compute", "analyze", "break down", "download",
    "print", "return", "retrieve", "query", "view", "see", "read", "rank", "sort", "filter", "grab", "load",
    "tally", "total", "sum", "average", "pull up", "bring up", "what about", "how about", "tell me about",
    "let me see", "i want to see", "i need to see", "i would like to see", "extract", "identify", "estimate",
    "describe", "explain", "visualize", "plot", "chart", "graph", "report on", "scan", "audit", "review",
)  # fmt: skip
_ONE_OFF_RUN = _words("run", "rerun", "execute", "kick off", "launch", "test", "try", "do a dry run", "dry run",
                      "trigger it", "trigger the workflow", "trigger a run", "run it", "process")  # fmt: skip
_POLITE_PREFIX = re.compile(
    r"^(?:please|kindly|hey|hi|hello|ok|okay|so|and|also|then|now|just|quickly|quick|yes|alright|,|"
    r"can you|could you|would you|will you|can we|could we|can i|could i|may i|"
    r"i want you to|i would like you to|i need you to|i would like to|i want to|i need to|we need to|"
    r"we want to|i would love to|let us|go ahead and|is it possible to|is there a way to|help me|"
    r"how do i|how can i|how do we|how can we|how would i|how should i|i think we should|we should|"
    r"you should|i am going to need you to)\s+"
)
_QUESTION_HEAD = re.compile(
    r"^(?:what|which|who|whom|whose|where|why|"
    r"how (?:many|much|often|long|far|big|fast|well|is|are|was|were|did|does|do|has|have)|"
    r"when (?:did|was|were|is|are|does|do|will|has|had|would|should)|"
    r"is|are|was|were|do|does|did|have|has|had|am|will|would)\b(?! not\b)"
)
_PRAISE = r"(?:great|nice|good|awesome|helpful|cool|better|ideal|handy|lovely)"
_THE_WORKFLOW = r"(?:it|the workflow|this workflow|the flow|this flow|the automation|the pipeline|the bot|the job)"
# "do the validation first" and "have it email me" are imperatives; "would be great if" is a wish.
_NOT_A_QUESTION = re.compile(
    rf"^(?:do (?:the|a|an|this|that|some|it)|have {_THE_WORKFLOW}|(?:it )?would be {_PRAISE})\b"
)
_DETERMINERS = frozenset(
    ["the", "a", "an", "my", "our", "your", "their", "this", "that", "these", "those", "any", "each", "every"]
    + ["new", "its", "his", "her"]
)
_PAST = re.compile(r"\b(?:did|was|were|had|happened|yesterday|ago|earlier|previously|last)\b")
# Parts a user can wish the workflow had ("i want a step that ...", "i need an alert when ...").
_STRUCTURE = _words(
    "step", "node", "notification", "alert", "trigger", "schedule", "branch", "rule", "reminder", "condition",
    "check", "approval", "webhook", "integration", "automation", "workflow", "filter", "retry", "fallback",
)  # fmt: skip
# What a workflow produces again and again: editing one of them ("in the report") edits the workflow.
_PRODUCED = _words(
    "report", "digest", "newsletter", "summary", "recap", "template", "message", "email", "notification",
    "alert", "slack post",
)  # fmt: skip
# "it", "the workflow" or something it produces: the subject of a wish about how the workflow behaves.
_IT_OR_ITS_OUTPUT = rf"(?:{_THE_WORKFLOW}|the (?:\w+ )?(?:{_PRODUCED})s?)"
# "right now the workflow grabs ..." describes what the workflow does, before asking for a change.
_NOT_IMMEDIATE = rf"(?:(?:{_THE_WORKFLOW})\b|(?:our|this) (?:workflow|flow|automation|pipeline)\b)"
_NOT_A_TIME = (
    rf"(?!\d|(?:{_DAYS}|today|tomorrow|yesterday|noon|midnight|lunch|christmas|january|february|march|"
    r"april|may|june|july|august|september|october|november|december|then|that|this|it)\b)"
)


# --- Scoring --------------------------------------------------------------------------------------------


@dataclass
class _Tally:
    scores: dict[str, float] = field(default_factory=lambda: {PATCH: 0.0, EXECUTE: 0.0})
    cues: list[tuple[str, float, str]] = field(default_factory=list)

    def add(self, side: Intent, weight: float, reason: str) -> None:
        self.scores[side] += weight
        self.cues.append((side, weight, reason))


@dataclass(frozen=True)
class _Prompt:
    text: str  # normalised, padded with spaces
    head: str  # text without its polite prefix, no padding
    question: bool


def _strip_prefix(text: str) -> str:
    head = text.strip()
    while (match := _POLITE_PREFIX.match(head)) is not None:
        head = head[match.end() :]
    return head


def _parse(prompt: str) -> _Prompt:
    text = normalise(prompt)
    head = _strip_prefix(text)
    imperative = _NOT_A_QUESTION.match(head) is not None and "?" not in text
    return _Prompt(text=text, head=head, question=not imperative and bool(_QUESTION_HEAD.match(head)))


def _rule(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# (side, weight, regex, label, halved inside a question)
_SIMPLE_CUES: list[tuple[Intent, float, re.Pattern[str], str, bool]] = [
    (
        PATCH,
        4,
        _rule(
            r"\b(?:from now on|from here on|going forward|moving forward|henceforth|in (?:the )?future|"
            r"from (?:today|tomorrow) (?:on|onwards?)|starting (?:today|tomorrow|now|next \w+|on \w+|"
            rf"{_DAYS})|permanently|by default)\b"
        ),
        "permanence",
        False,
    ),
    (PATCH, 4, _rule(r"\b(?:whenever|every time|each time|any time|every single time)\b"), "recurrence", True),
    # In a relative clause ("the tests that always fail") it describes the data, not a rule.
    (PATCH, 3, _rule(r"\balways\b(?<!\bthat always)(?<!\bwhich always)(?<!\bwho always)"), "permanence", True),
    (PATCH, 3, _rule(r"\b(?:automatically|auto(?=\s)|on autopilot)\b"), "automation", False),
    (PATCH, 2, _rule(r"\bnever\b(?! again)"), "standing prohibition", True),
    (
        PATCH,
        3,
        _rule(rf"\b(?<!\bfor )(?:every|each|on every|on each)\s+(?:{_COUNT}\s+)?(?:{_PERIODS})\b"),
        "schedule",
        True,
    ),
    (PATCH, 3, _rule(rf"\b(?:once|twice|\d+ times|three times) (?:a|an|per|every) (?:{_PERIODS})\b"), "schedule", True),
    (PATCH, 2, _rule(rf"\bon (?:(?:{_DAYS})s|weekdays|weekends|business days)\b"), "schedule", True),
    (
        PATCH,
        1.5,
        _rule(
            # The lookahead on first letters skips the lookbehinds at most positions.
            r"(?=[hdnwbmqya])\b(?<!\bthe )(?<!\bthis )(?<!\bthat )(?<!\bour )(?<!\bmy )(?<!\byour )(?<!\btheir )"
            r"(?:hourly|daily|nightly|weekly|biweekly|monthly|quarterly|yearly|annually)\b"
        ),
        "schedule",
        True,
    ),
    (
        PATCH,
        1,
        _rule(
            r"\b(?:at|to) (?:\d{1,2}(?: ?(?:am|pm)|\s\d\d)|noon|midnight|\d{1,2} o clock)\b|"
            r"\bat \d{1,2}\b(?![.%]| (?:%|percent|items|rows|results|records|entries|lines|people|users|times)\b)"
        ),
        "clock time",
        False,
    ),
    (
        PATCH,
        2.5,
        _rule(
            r"\b(?:every|each|any|all|on every|on each)\s+(?:new|incoming|future|subsequent|upcoming|"
            r"newly|fresh)\b"
        ),
        "items still to come",
        False,
    ),
    (
        PATCH,
        2,
        _rule(r"\b(?:on|after|before|following|upon) (?:every|each) (?!(?:new|incoming|future)\b)\w+"),
        "on every event",
        False,
    ),
    (
        PATCH,
        1.5,
        _rule(rf"^(?:create|open|file|add|send|post|generate|raise|log) .*\bfor (?:every|each) (?!(?:{_GROUPS})\b)"),
        "an action for every item",
        False,
    ),
    (
        PATCH,
        2,
        _rule(rf"\b(?:in|on|to|into|with|for) (?:every|each|all) (?:\w+ )?(?:{_PRODUCED})s?\b"),
        "every item the workflow produces",
        False,
    ),
    # A bare plural names a kind, not a set at hand: "send invoices to billing" is a rule for all of them.
    (
        PATCH,
        1.5,
        _rule(
            r"^(?:send|forward|route|post|log|push|sync|assign|escalate|direct|redirect|save|copy|pipe|tag|label|"
            r"flag|mark) (?:all )?(?!(?:all|the|my|our|your|these|those|this|that|me|us|him|her|them|it|a|an)\b)"
            r"(?:\w+ ){0,2}\w+s (?:to|with|as)\b"
        ),
        "routing a kind of item",
        False,
    ),
    (PATCH, 1.5, _rule(r"\b(?:incoming|inbound)\b"), "items still to come", True),
    (
        PATCH,
        3,
        _rule(
            r"\b(?:stop|quit|cease|pause|halt|discontinue) \w+ing\b|\bno longer\b|\banymore\b|\bno more (?!than\b)|"
            r"\bany more\b|\bnever again\b|\bnot \w+ (?:\w+ )?again\b"
        ),
        "stop doing",
        False,
    ),
    (PATCH, 2, _rule(r"^(?:start|begin) \w+ing\b"), "start doing", False),
    (
        PATCH,
        3,
        _rule(r"\bkeep (?:me|us|the team|them) (?:posted|updated|informed|in the loop)\b"),
        "standing wish",
        False,
    ),
    (
        PATCH,
        2,
        _rule(
            r"\b(?:be|get|being|getting) (?:notified|alerted|emailed|pinged|informed|messaged|texted|paged)\b|"
            rf"\b(?:get|receive|getting|receiving)(?: an?| some)? (?:(?!the|my|our|all|any|those|these|last|"
            rf"latest|recent)\w+ )?{_NOTICES}\b"
        ),
        "standing wish",
        True,
    ),
    (
        PATCH,
        2,
        _rule(
            rf"\b(?:want|need|would like|like|prefer) (?:an?|another|one more) (?:\w+ ){{0,2}}?(?:{_STRUCTURE})s?\b|"
            rf"\b(?:want|like|need|prefer|expect)(?: is)?(?: for)? {_IT_OR_ITS_OUTPUT} to\b|"
            rf"\bwould be {_PRAISE} if {_IT_OR_ITS_OUTPUT}\b"
        ),
        "wish about the workflow",
        False,
    ),
    (
        PATCH,
        2,
        _rule(
            rf"^(?:can|could|would|will) (?!it be\b){_IT_OR_ITS_OUTPUT} "
            r"(?:also |not |just )?(?!be\b|have\b)\w+"
        ),
        "wish about the workflow",
        False,
    ),
    (
        PATCH,
        2,
        _rule(
            r"\b(?:an?|another|one more|an extra|a separate) (?:new )?(?:\w+ )?(?:step|node|branch|trigger|rule|"
            r"webhook|check)s? (?:that|which|to|for|where|so)\b"
        ),
        "a new part of the workflow",
        True,
    ),
    (
        PATCH,
        2,
        _rule(
            r"^(?:keep|maintain) (?:(?:a|an) )?(?:cop(?:y|ies)|track|record|log|backup|history|archive|eye)\b|"
            r"^keep (?:\S+ ){1,3}?(?:updated|in sync|synced|up to date|current)\b"
        ),
        "keeping something up",
        False,
    ),
    (PATCH, 1.5, _rule(r"\b(?:make sure|ensure|be sure)\b"), "standing wish", False),
    (PATCH, 1, _rule(r"\bshould\b"), "standing wish", True),
    (
        PATCH,
        1,
        _rule(r"\bremind (?:me|us|them|the team)\b(?! (?:what|who|which|how|where|why|of)\b)"),
        "reminder",
        False,
    ),
    (
        PATCH,
        2,
        _rule(
            r"^(?:notify|alert|warn|ping|page|text) (?:me|us|them|everyone|the team) (?:of|about|on) "
            r"(?!(?:this|the|that|it)\b)"
        ),
        "subscription",
        False,
    ),
    (
        PATCH,
        2,
        _rule(
            r"\bonly (?:on|during|between|for|in|outside|after|before) (?:weekdays|weekends|business|working|"
            rf"office|(?:{_DAYS})s?)\b"
        ),
        "standing restriction",
        False,
    ),
    (PATCH, 2, _rule(r"\b(?:instead of|rather than|instead)\b"), "replacement", False),
    (
        PATCH,
        2,
        _rule(r"\b(?:for|in|to|of|from|into) (?:this|the|our|my) (?:workflow|pipeline|flow|automation)\b"),
        "a setting of the workflow",
        True,
    ),
    (
        PATCH,
        2.5,
        _rule(
            r"^(?:\S+ ){1,4}on (?:failures?|errors?|timeouts?|success|new \w+|\w+ errors?|\dxx(?: errors?)?)(?: ,|$)"
        ),
        "terse event rule",
        False,
    ),
    (PATCH, 1.5, _rule(r"\b(?:cc|bcc|loop in|copy) \w+(?: \w+)? on\b"), "standing copy", False),
    (
        PATCH,
        1.5,
        _rule(
            r"\bas (?:the |a )?(?:first|last|next|final|new|second|third) (?:step|node|action)\b|"
            r"\bat the (?:end|start|beginning) of the (?:workflow|flow|pipeline)\b|"
            r"\b(?:after|before) \w+ing\b"
        ),
        "position in the flow",
        False,
    ),
    (
        PATCH,
        2.5,
        _rule(r"\b(?:after|before|between|following|preceding) (?:the |a |each )?\w+ (?:step|node|action)s?\b"),
        "position next to a step",
        False,
    ),
    (
        PATCH,
        1.5,
        _rule(
            r"\b(?:after|before|once|until|as soon as) (?:the|a|an|each|every|they|it|its|their) (?:\w+ ){0,2}?"
            r"(?:is|are|gets|get|has been|have been) \w+(?:ed|en)\b|"
            r"\b(?:after|before|once|until|as soon as) it \w+s\b"
        ),
        "event in the flow",
        False,
    ),
    (PATCH, 2, _rule(rf"^\w+ (?:before|after) {_NOT_A_TIME}\w+$"), "terse order of steps", False),
    # "do the validation first, then ..." reorders; "first pull the data, then chart it" is a list of chores.
    (PATCH, 2, _rule(r"^\w+(?: \S+){0,5}? first (?:, )?(?:and )?then\b"), "order of steps", False),
    (
        PATCH,
        2,
        _rule(r"^(?:switch|swap|migrate|move over)\b(?: \S+){0,4} from \S+(?: \S+)? to\b"),
        "replacement",
        False,
    ),
    (
        PATCH,
        2,
        _rule(
            r"^(?:make|let|have|set|configure) (?:it|the workflow|this workflow|the flow|the automation|the step)\b|"
            rf"^make the (?:\w+ )?(?:{_PRODUCED})s?\b"
        ),
        "make it ...",
        False,
    ),
    (
        EXECUTE,
        1,
        _rule(rf"\b(?:for (?:each|every)|per|by|each) (?:{_GROUPS})\b"),
        "grouping",
        False,
    ),
    (EXECUTE, 2, _rule(rf"\bright now\b(?! {_NOT_IMMEDIATE})"), "immediacy", False),
    (
        EXECUTE,
        1.5,
        _rule(rf"\bnow\b(?<!\bfrom now)(?<!\bstarting now)(?<!^ now)(?! on\b)(?! {_NOT_IMMEDIATE})"),
        "immediacy",
        False,
    ),
    (
        EXECUTE,
        1.5,
        _rule(
            r"\b(?<!\bfrom )(?<!\bstarting )(?:today|tonight|currently|at the moment|as of now|"
            r"this time|just once|only once|one time|one off|for this one|this run|current run|"
            rf"this job|this execution|this once|at this point)\b(?! {_NOT_IMMEDIATE})"
        ),
        "immediacy",
        False,
    ),
    (
        EXECUTE,
        1.5,
        _rule(
            rf"\b(?:yesterday|last (?:{_COUNT} )?(?:{_DATA_TIME_UNITS})|past (?:{_COUNT} )?\w+|"
            r"previous \w+|\w+ ago|so far|to date|year to date|ytd|this (?:week|month|quarter|year|"
            r"morning|afternoon)|since (?:last|yesterday|monday|january|the start)|in (?:19|20)\d\d|"
            r"between \w+ and \w+|signed up|happened|was|were)\b"
        ),
        "data time",
        False,
    ),
]
_FILTER_CUES = re.compile(
    r"\b(?:top|bottom|first|last) (?:\d+|three|five|ten|twenty)\b|\b(?:sort|sorted|order|ordered|group|grouped|"
    r"rank|ranked|broken down) by\b|\bwhere\b|[<>]=?|=|\$ ?\d+|\b(?:over|under|above|below|exceeding) \$?\d+|"
    r"\b(?:more|less|greater|fewer|higher|lower|cheaper) than\b|\bat (?:least|most)\b|\b(?:most|least|highest|"
    r"lowest|cheapest|priciest|biggest|largest|smallest|latest|newest|oldest|recent|average|avg|mean|median|"
    r"total|sum|breakdown|number of|vs|versus|trend|trends|stats|statistics|status of)\b"
)
# After a determiner the verb is a noun: "the schedule of this workflow".
_NOT_AFTER_DETERMINER = r"(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bthis )(?<!\bmy )(?<!\bour )(?<!\byour )"
_EDIT_WITH_OBJECT = re.compile(
    rf"\b{_NOT_AFTER_DETERMINER}(?:{_EDIT_VERBS})\b(?: \S+){{0,5}}? (?:{_WORKFLOW_OBJECTS})\b"
)
# Switching something on or off lasts; other edits without a workflow object ("delete the test users") are
# as likely one-off data actions, so they score nothing.
_STATE_VERB_AT_HEAD = re.compile(
    r"^(?:enable|disable|turn (?:on|off)|switch (?:on|off)|pause|resume|mute|unmute|(?:re)?schedule(?! an?\b)|"
    r"stop|(?:turn|switch) (?:\S+ ){1,4}?(?:back )?(?:on|off)|connect(?! to\b)|hook up|wire up|integrate|"
    r"subscribe|unsubscribe)\b(?! for\b)"
)
_RETRIEVAL_AT_HEAD = re.compile(rf"^(?:{_RETRIEVAL_VERBS})\b")
_RETRIEVAL_ANYWHERE = re.compile(
    rf"\b{_NOT_AFTER_DETERMINER}(?:show me|give me|tell me|list (?:all|the)|fetch|display|export|summarize)\b"
)
_ONE_OFF_AT_HEAD = re.compile(rf"^(?:{_ONE_OFF_RUN})\b")
_DO_NOT_AT_HEAD = re.compile(r"^(?:do not|never|please do not|not(?! (?:sure|yet|now|really|quite)\b))\b")
_ACTION_AT = re.compile(rf"^(?:{_ACTION_VERBS})\b")
_RETRIEVAL_AT = re.compile(rf"^(?:{_RETRIEVAL_VERBS})\b")
_CONDITION = re.compile(r"\b(?:if|when|once|as soon as|in case|whenever|every time|each time|any time|the moment)\b")
_NOT_A_CONDITION = re.compile(
    r"\bif (?:you (?:can|could|have time|do not mind|want|like|please)|possible|any(?= , | \? | $)|so|"
    r"needed|necessary|available|applicable|not|that is ok|it is ok|relevant)\b|"
    r"\bwhen (?:did|was|were|is|are|does|do|will|has|had)\b|\bonce (?:again|more)\b|\bat once\b"
)
_EDIT_AT_HEAD = re.compile(rf"^(?:{_EDIT_VERBS})\b")
_IN_PRODUCED = re.compile(
    rf"\b(?:in|of|on|to|from|into|at) the (?:\w+ ){{0,2}}?(?:{_PRODUCED})s?\b|"
    rf"^(?:change|modify|tweak|adjust|edit|reformat|restructure|redesign|rework|simplify) (?:the|our|my) "
    rf"(?:\w+ )?(?:{_PRODUCED})s?\b"
)
# "log every failed login": after a verb that captures things, "every X" is every X still to come, not a
# set of data to look at.
_EVERY_ITEM = re.compile(rf"\b(?:every|each) (?!(?:{_PERIODS}|{_COUNT}|time|new|incoming|future)\b)\w+")
_CAPTURE_AT_HEAD = re.compile(
    r"^(?:log|save|store|record|track|archive|forward|copy|back up|backup|upload|sync|mirror|keep)\b"
)
_DEICTIC = re.compile(r"\b(?:these|those)\b")
# "there are any errors": an existence check, weaker than an event.
_EXISTENCE = re.compile(r"^ ?there (?:are|is) any\b")
# After "tell me if" a state or a past event ("we have", "there are", "the deploy succeeded") makes "if"
# mean "whether": an indirect question, not an alert.
_WHETHER_VERB = re.compile(r"^(?:tell|let (?:me|us|the team) know|show)\b")
_WHETHER_CLAUSE = re.compile(
    r"^ ?(?:(?:we|you|they|there|it|i|he|she) (?:have|has|is|are|was|were|did|had|got)|"
    r"(?:(?:the|a|an|my|our|its|their|this|that|any) \w+|it|we|they|he|she|you|i|someone|anyone) \w+ed)\b"
)
_ENDS_WITH_COPULA = re.compile(r"\b(?:is|are|was|were|will be)(?: \?)? $")
_CONSEQUENT_SPLIT = re.compile(r" , | then ")
_FILLERS = re.compile(r"^(?:, |then |please |also |just |and |automatically |always |immediately |instantly |"
                      r"we should |you should |i want you to |i want to |go ahead and |right away )+")  # fmt: skip


def _simple_cues(prompt: _Prompt, tally: _Tally) -> None:
    for side, weight, pattern, label, halved_in_question in _SIMPLE_CUES:
        # Anchored cues ("make it ...") look at the head, after the polite prefix.
        match = pattern.search(prompt.head if pattern.pattern.startswith("^") else prompt.text)
        if match is None:
            continue
        if halved_in_question and prompt.question:
            tally.add(side, weight / 2, f"{label} '{match.group(0).strip()}' inside a question")
        else:
            tally.add(side, weight, f"{label} '{match.group(0).strip()}'")


def _editing_cues(prompt: _Prompt, tally: _Tally) -> None:
    match = _EDIT_WITH_OBJECT.search(prompt.head)
    if match is not None:
        weight = 3 if match.start() == 0 else 2
        tally.add(PATCH, weight, f"editing verb with a workflow object '{match.group(0)}'")
    elif (
        _EDIT_AT_HEAD.match(prompt.head)
        and (match := _IN_PRODUCED.search(prompt.head)) is not None
        and not _DEICTIC.search(prompt.head)
    ):
        tally.add(PATCH, 2, f"editing what the workflow produces '{match.group(0)}'")
    elif (match := _STATE_VERB_AT_HEAD.match(prompt.head)) is not None:
        tally.add(PATCH, 1.5, f"standing-state verb '{match.group(0)}' without a workflow object")
    capture = _CAPTURE_AT_HEAD.match(prompt.head)
    if capture is not None and (match := _EVERY_ITEM.search(prompt.text)) is not None:
        tally.add(PATCH, 1.5, f"capturing '{capture.group(0)}' every item still to come '{match.group(0)}'")
    if _DO_NOT_AT_HEAD.match(prompt.head):
        tally.add(PATCH, 2, "standing prohibition 'do not ...'")


def _request_cues(prompt: _Prompt, tally: _Tally) -> None:
    if prompt.question:
        tally.add(EXECUTE, 3, f"question '{prompt.head.split(' ', 1)[0]} ...'")
    elif "?" in prompt.text:
        tally.add(EXECUTE, 1, "question mark")
    if (match := _RETRIEVAL_AT_HEAD.match(prompt.head)) is not None:
        tally.add(EXECUTE, 2.5, f"retrieval verb '{match.group(0)}'")
    elif (match := _RETRIEVAL_ANYWHERE.search(prompt.text)) is not None:
        tally.add(EXECUTE, 1, f"retrieval verb '{match.group(0)}'")
    elif (match := _ONE_OFF_AT_HEAD.match(prompt.head)) is not None:
        tally.add(EXECUTE, 2, f"one-off run '{match.group(0)}'")
    filters = [match.group(0).strip() for match in _FILTER_CUES.finditer(prompt.text)][:2]
    for cue in filters:
        tally.add(EXECUTE, 1, f"filter or ranking '{cue}'")


def _first_verb(clause: str) -> tuple[str, str] | None:
    """The first action or retrieval verb in a clause, skipping nouns ("the email") that look like verbs."""
    words = clause.split()
    for index in range(len(words)):
        if index and words[index - 1] in _DETERMINERS:
            continue
        rest = " ".join(words[index:])
        if (match := _ACTION_AT.match(rest)) is not None:
            return PATCH, match.group(0)
        if (match := _RETRIEVAL_AT.match(rest)) is not None:
            return EXECUTE, match.group(0)
    return None


def _conditional_cues(prompt: _Prompt, tally: _Tally) -> None:
    text = _NOT_A_CONDITION.sub(" ", prompt.text)
    match = _CONDITION.search(text)
    if match is None:
        return
    before, after = text[: match.start()].strip(), text[match.end() :]
    if _strip_prefix(before):
        _reversed_conditional(_strip_prefix(before), after, match.group(0), tally)
        return
    parts = _CONSEQUENT_SPLIT.split(after, maxsplit=1)
    consequent = _FILLERS.sub("", parts[1].strip() + " ") if len(parts) == 2 else after
    found = _verb_after_event(consequent, start=0) if len(parts) == 2 else _verb_after_event(after)
    if found is None:
        tally.add(PATCH, 1, f"event clause '{match.group(0)} ...' without a consequent")
    elif found[0] == PATCH and _EXISTENCE.match(after):
        tally.add(PATCH, 1.5, f"existence check with an action '{match.group(0)} there are any ..., {found[1]}'")
    elif found[0] == PATCH:
        tally.add(PATCH, 3, f"standing conditional '{match.group(0)} ..., {found[1]}'")
    else:
        tally.add(EXECUTE, 1, f"conditional filter on a request '{match.group(0)} ..., {found[1]}'")


def _verb_after_event(clause: str, start: int = 1) -> tuple[str, str] | None:
    """Any action verb in the clause wins over a retrieval one: "look up the customer and email them" acts.

    `start` skips the event's subject when the clause has no comma or "then" to split it at.
    """
    words = clause.split()
    retrieval = None
    for index in range(start, len(words)):
        if index and words[index - 1] in _DETERMINERS:
            continue
        rest = " ".join(words[index:])
        if (match := _ACTION_AT.match(rest)) is not None:
            return PATCH, match.group(0)
        if retrieval is None and (match := _RETRIEVAL_AT.match(rest)) is not None:
            retrieval = (EXECUTE, match.group(0))
    return retrieval


def _reversed_conditional(head: str, clause: str, marker: str, tally: _Tally) -> None:
    """ "alert me when the price drops": the action comes first, the event after."""
    found = _first_verb(head)
    if found is None or not head.startswith(found[1]):
        return
    if found[0] == EXECUTE:
        tally.add(EXECUTE, 1, f"conditional filter on a request '{found[1]} ... {marker}'")
    elif _WHETHER_VERB.match(head) and (
        (marker == "if" and _WHETHER_CLAUSE.match(clause)) or _ENDS_WITH_COPULA.search(clause)
    ):
        tally.add(EXECUTE, 1, f"indirect question '{found[1]} ... {marker} ...'")
    elif not _PAST.search(clause):
        tally.add(PATCH, 3, f"standing conditional '{found[1]} ... {marker} ...'")


_CUE_FAMILIES = (_simple_cues, _editing_cues, _request_cues, _conditional_cues)


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
