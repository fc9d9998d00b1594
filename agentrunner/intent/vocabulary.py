"""The words the intent classifier reads: normalisation and the vocabularies its cues are built from."""

from __future__ import annotations

import re
from typing import Literal

from agentrunner.wording import expand_contractions

Intent = Literal["patch", "execute"]
PATCH: Intent = "patch"
EXECUTE: Intent = "execute"


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
