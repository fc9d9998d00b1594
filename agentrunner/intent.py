"""Built-in intent classifier: is a prompt a permanent change to a workflow ("patch") or a one-time request
answered now ("execute")?

Pure Python (no Django, no model, no I/O): `classify(prompt)` normalises the prompt and weighs linguistic
cues, each adding a weight to one side. It runs in tens of microseconds, so it can route every prompt before
any LLM is involved, and every decision says which cues made it.

Normalisation: lower-case, curly quotes made straight, contractions expanded ("don't" -> "do not",
"what's" -> "what is"), a few common typos and shorthands fixed ("alwyas", "whenver", "pls", "u"),
punctuation dropped except the separators that matter (`,` and `?`, kept as tokens) and the filter
signs `< > = $ %`. A polite or indirect prefix ("please", "can you", "i want to", "how do i") is cut off to
find the head of the request, the verb the user actually asks for.

Cue families (weights in brackets; P = patch, E = execute):

- Permanence and recurrence (P): "from now on", "going forward", "whenever", "every time", "each time",
  "any time", "by default", "starting tomorrow" [4]; "always", "automatically" [3]; "never" [2];
  a schedule, `every|each <period>` ("every monday", "each morning", "every 5 minutes"), "once a week",
  "on weekdays" [3]; "daily", "weekly"... [1.5]; a clock time "at 9am" [1]; a quantifier over items still to
  come, "every new order", "all incoming tickets" [2.5]. A quantifier over data nouns ("every order over
  $100") is not recurrence and scores nothing, and "for each day" / "per week" is a grouping (E [1]).
  Inside a question ("which items always sell out?") the adverbs of permanence describe the data, so
  their weight is halved.
- Editing the workflow (P): an editing verb (add, remove, replace, rename, reorder, change, set, enable,
  disable, turn off, stop, pause, schedule...) with a workflow object within a few words (step, node,
  notification, trigger, schedule, threshold, channel, recipient...) [3 at the head, 2 elsewhere]; a
  switch at the head without such an object ("disable ...", "pause ...", "schedule ...") [1.5], while
  other edits without one ("delete the test users") may be one-off data actions and score nothing;
  "start <doing X>" at the head [2]; a position in the flow ("after the email step",
  "as the last step") [1.5]; "instead of" [2]; "cc <someone> on" [1.5]; "make it ..." [2].
- Standing conditionals (P): an event clause and an action consequent, "if/when/once/as soon as X ...,
  then notify/alert/send/post/create/page..." [3], also reversed, "alert me when X drops" [3] (unless the
  clause is in the past: "tell me when it was deployed"). A consequent that only retrieves ("if X, show
  ...") is a filter on a one-time request (E [1]); "if you can", "if possible", "if any" are not
  conditionals at all. An event clause with no consequent [1].
- Standing wishes (P): "stop/quit <doing X>", "no longer", "anymore", "never again" [3]; "do not ..." at
  the head [2]; "keep me posted" [3]; "i want to be notified" [2]; "make sure", "ensure" [1.5];
  "should" [1]; "remind me" [1]; "only on weekdays / during business hours" [2].
- Questions (E): a wh-question or an auxiliary-first question ("what", "which", "how many", "when did",
  "is there", "do we") [3]; otherwise a trailing "?" [1].
- Retrieval (E): a retrieval verb at the head (show, list, get, fetch, find, give me, display, count,
  summarize, compare, export...) [2.5], elsewhere [1]; a one-off run ("run it", "execute", "rerun") at
  the head [2]; filters and rankings ("top 10", "sort by", "where", "< 300", "over $100", "most",
  "average"...) [1 each, at most 2]; data time ("last week", "yesterday", "past 30 days", "this month",
  "so far") [1.5]; immediacy ("right now" [2], "now", "today", "currently", "just once", "this run" [1.5]).

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

_CONTRACTIONS = [
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bcan't\b"), "cannot"),
    (re.compile(r"\blet's\b"), "let us"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"'d\b"), " would"),
    (re.compile(r"'m\b"), " am"),
    (re.compile(r"\b(what|where|who|how|when|that|there|it|here)'s\b"), r"\1 is"),
    (re.compile(r"'s\b"), ""),
]
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
    "rerun": "rerun", "re-run": "rerun", "e-mail": "email", "asap": "now",
}  # fmt: skip
_STRAY = re.compile(r"[^a-z0-9 ,?<>=$%.']")
_SEPARATORS = re.compile(r"[,;:!]|(?<!\d)\.|\.(?!\d)")


def normalise(prompt: str) -> str:
    """Lower-case words separated by single spaces, with `,` and `?` as tokens, padded with spaces."""
    text = prompt.lower().replace("\u2019", "'").replace("\u2018", "'")
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    text = _SEPARATORS.sub(" , ", text.replace("?", " ? "))
    text = _STRAY.sub(" ", text.replace("re-run", "rerun").replace("e-mail", "email").replace("-", " "))
    tokens = [_TYPOS.get(token, token) for token in text.replace("'", " ").split()]
    return " " + " ".join(tokens) + " "


# --- Vocabulary -----------------------------------------------------------------------------------------

_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_PERIODS = _words(
    "day", "days", "morning", "mornings", "evening", "evenings", "night", "nights", "afternoon", "week",
    "weeks", "weekday", "weekdays", "weekend", "weekends", "month", "months", "quarter", "year", "years",
    "hour", "hours", "minute", "minutes", "min", "mins", "second", "seconds", "sprint", "shift",
    "business day", "working day", "half hour", "fortnight", *_DAYS.split("|"), *(d + "s" for d in _DAYS.split("|"))
)  # fmt: skip
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
    "limit", "cap", "rewire", "insert", "get rid of",
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
    "filter step", "run time", "start time", "timezone", "time zone", "order of",
)  # fmt: skip
_ACTION_VERBS = _words(
    "notify", "alert", "send", "post", "email", "message", "ping", "page", "escalate", "create", "open", "file",
    "log", "text", "sms", "call", "slack", "retry", "restart", "rerun", "assign", "tag", "label", "cc", "bcc",
    "forward", "remind", "pause", "stop", "cancel", "trigger", "run", "approve", "reject", "block", "mark",
    "flag", "archive", "close", "add", "update", "move", "copy", "save", "upload", "sync", "publish", "invoke",
    "start", "kick off", "let me know", "let us know", "let the team know", "tell", "warn", "inform", "reply",
    "respond", "schedule", "charge", "refund", "delete", "remove", "append", "insert", "write", "record",
    "store", "increment", "set", "notify me", "alert me", "shoot", "dm", "tweet", "sound", "raise", "open up",
)  # fmt: skip
# "get notified when ..." asks for a notification, not for data.
_GET_NOT_NOTIFIED = r"get(?! (?:notified|alerted|emailed|pinged|paged|texted|informed|an? (?:alert|email|message)))"
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
_DETERMINERS = frozenset(
    ["the", "a", "an", "my", "our", "your", "their", "this", "that", "these", "those", "any", "each", "every"]
    + ["new", "its", "his", "her"]
)
_PAST = re.compile(r"\b(?:did|was|were|had|happened|yesterday|ago|earlier|previously|last)\b")


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
    return _Prompt(text=text, head=head, question=bool(_QUESTION_HEAD.match(head)))


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
    (PATCH, 3, _rule(r"(?<!\bthat )(?<!\bwhich )(?<!\bwho )\balways\b"), "permanence", True),
    (PATCH, 3, _rule(r"\b(?:automatically|auto(?=\s)|on autopilot)\b"), "automation", False),
    (PATCH, 2, _rule(r"\bnever\b(?! again)"), "standing prohibition", True),
    (
        PATCH,
        3,
        _rule(rf"(?<!\bfor )\b(?:every|each|on every|on each)\s+(?:{_COUNT}\s+)?(?:{_PERIODS})\b"),
        "schedule",
        True,
    ),
    (PATCH, 3, _rule(rf"\b(?:once|twice|\d+ times|three times) (?:a|an|per|every) (?:{_PERIODS})\b"), "schedule", True),
    (PATCH, 2, _rule(rf"\bon (?:(?:{_DAYS})s|weekdays|weekends|business days)\b"), "schedule", True),
    (
        PATCH,
        1.5,
        _rule(r"\b(?:hourly|daily|nightly|weekly|biweekly|monthly|quarterly|yearly|annually)\b"),
        "schedule",
        True,
    ),
    (PATCH, 1, _rule(r"\bat (?:\d{1,2}(?: ?(?:am|pm)|\s\d\d)|noon|midnight|\d{1,2} o clock)\b"), "clock time", False),
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
    (PATCH, 2, _rule(r"\bon (?:every|each) (?!(?:new|incoming|future)\b)\w+"), "on every event", False),
    (
        PATCH,
        3,
        _rule(
            r"\b(?:stop|quit|cease|pause|halt|discontinue) \w+ing\b|\bno longer\b|\banymore\b|"
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
            r"\b(?:want|like|need|wish|prefer) to (?:be|get) (?:notified|alerted|emailed|pinged|informed|"
            r"told|messaged|texted|paged)\b"
        ),
        "standing wish",
        False,
    ),
    (PATCH, 1.5, _rule(r"\b(?:make sure|ensure|be sure)\b"), "standing wish", False),
    (PATCH, 1, _rule(r"\bshould\b"), "standing wish", True),
    (PATCH, 1, _rule(r"\bremind (?:me|us|them|the team)\b"), "reminder", False),
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
        False,
    ),
    (
        PATCH,
        2.5,
        _rule(r"^(?:\S+ ){1,4}on (?:failures?|errors?|timeouts?|success|new \w+|\w+ errors?|\dxx(?: errors?)?)$"),
        "terse event rule",
        False,
    ),
    (PATCH, 1.5, _rule(r"\b(?:cc|bcc|loop in|copy) \w+(?: \w+)? on\b"), "standing copy", False),
    (
        PATCH,
        1.5,
        _rule(
            r"\b(?:after|before|between|following|preceding) (?:the |a |each )?\w+ (?:step|node|action)s?\b|"
            r"\bas (?:the |a )?(?:first|last|next|final|new|second|third) (?:step|node|action)\b|"
            r"\bat the (?:end|start|beginning) of the (?:workflow|flow|pipeline)\b|"
            r"\b(?:after|before) \w+ing\b"
        ),
        "position in the flow",
        False,
    ),
    (
        PATCH,
        2,
        _rule(r"^(?:make|let) (?:it|the workflow|this workflow|the flow|the automation|the step)\b"),
        "make it ...",
        False,
    ),
    (
        EXECUTE,
        1,
        _rule(
            rf"\b(?:for (?:each|every)|per|by|each) (?:{_PERIODS}|customer|user|region|category|"
            r"product|team|country|channel)\b"
        ),
        "grouping",
        False,
    ),
    (EXECUTE, 2, _rule(r"\bright now\b"), "immediacy", False),
    (EXECUTE, 1.5, _rule(r"(?<!\bfrom )(?<!\bstarting )(?<!^ )\bnow\b(?! on\b)"), "immediacy", False),
    (
        EXECUTE,
        1.5,
        _rule(
            r"(?<!\bfrom )(?<!\bstarting )\b(?:today|tonight|currently|at the moment|as of now|"
            r"this time|just once|only once|one time|one off|for this one|this run|current run|"
            r"this job|this execution|this once|at this point)\b"
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
_EDIT_WITH_OBJECT = re.compile(rf"\b(?:{_EDIT_VERBS})\b(?: \S+){{0,5}}? (?:{_WORKFLOW_OBJECTS})\b")
# Switching something on or off lasts; other edits without a workflow object ("delete the test users") are
# as likely one-off data actions, so they score nothing.
_STATE_VERB_AT_HEAD = re.compile(
    r"^(?:enable|disable|turn (?:on|off)|switch (?:on|off)|pause|resume|mute|unmute|schedule|reschedule|"
    r"stop|turn \w+ (?:on|off))\b"
)
_RETRIEVAL_AT_HEAD = re.compile(rf"^(?:{_RETRIEVAL_VERBS})\b")
_RETRIEVAL_ANYWHERE = re.compile(r"\b(?:show me|give me|tell me|list (?:all|the)|fetch|display|export|summarize)\b")
_ONE_OFF_AT_HEAD = re.compile(rf"^(?:{_ONE_OFF_RUN})\b")
_DO_NOT_AT_HEAD = re.compile(r"^(?:do not|never|please do not)\b")
_ACTION_AT = re.compile(rf"^(?:{_ACTION_VERBS})\b")
_RETRIEVAL_AT = re.compile(rf"^(?:{_RETRIEVAL_VERBS})\b")
_CONDITION = re.compile(r"\b(?:if|when|once|as soon as|in case|whenever|every time|each time|any time|the moment)\b")
_NOT_A_CONDITION = re.compile(
    r"\bif (?:you (?:can|could|have time|do not mind|want|like|please)|possible|any|there (?:are|is) any|so|"
    r"needed|necessary|available|applicable|not|that is ok|it is ok|relevant)\b|"
    r"\bwhen (?:did|was|were|is|are|does|do|will|has|had)\b|\bonce (?:again|more)\b|\bat once\b"
)
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
    elif (match := _STATE_VERB_AT_HEAD.match(prompt.head)) is not None:
        tally.add(PATCH, 1.5, f"standing-state verb '{match.group(0)}' without a workflow object")
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
    found = _first_verb(consequent) if len(parts) == 2 else _verb_after_event(after)
    if found is None:
        tally.add(PATCH, 1, f"event clause '{match.group(0)} ...' without a consequent")
    elif found[0] == PATCH:
        tally.add(PATCH, 3, f"standing conditional '{match.group(0)} ..., {found[1]}'")
    else:
        tally.add(EXECUTE, 1, f"conditional filter on a request '{match.group(0)} ..., {found[1]}'")


def _verb_after_event(clause: str) -> tuple[str, str] | None:
    """With no comma or "then", any action verb after the event wins over a retrieval one."""
    words = clause.split()
    retrieval = None
    for index in range(1, len(words)):
        if words[index - 1] in _DETERMINERS:
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
