"""Words that mean the same in a workflow prompt: verb groups, noun groups, one-way implications, phrasal verbs."""

from __future__ import annotations

import re
from collections import defaultdict

from .words import stem

# Verbs a workflow author uses for the same action. As the clause's leading verb ("add the customer to
# HubSpot") they are interchangeable, so they count almost fully; elsewhere like the nouns below.
VERB_GROUPS = (
    ("send", "post", "publish", "deliver", "broadcast", "announce"),
    ("create", "add", "make", "insert", "register", "generate"),
    ("update", "edit", "change", "modify", "set", "rename"),
    ("delete", "remove", "erase", "trash", "purge", "discard"),
    ("get", "fetch", "retrieve", "read", "pull", "load", "grab", "collect"),
    ("find", "search", "look", "lookup", "query", "filter"),
    ("upload", "save", "store", "backup", "put", "attach"),
    ("download", "get", "export"),
    ("close", "resolve", "complete", "finish"),
    ("schedule", "book", "plan"),
    ("copy", "duplicate", "clone"),
)
# Nouns (and the odd verb) for the same thing; general English, no tool in particular.
_NOUN_GROUPS = (
    ("message", "msg", "chat", "dm"),
    ("notify", "alert", "ping", "tell", "inform", "remind", "notification", "announce"),
    ("list", "all", "enumerate", "browse"),
    ("email", "mail", "inbox", "mailbox"),
    ("spreadsheet", "sheet", "worksheet", "excel", "csv"),
    ("row", "record", "entry", "line", "item"),
    ("ticket", "issue", "case", "bug", "defect"),
    ("meeting", "event", "appointment", "booking", "invite", "call"),
    ("file", "document", "attachment", "doc"),
    ("contact", "lead", "person", "prospect", "customer"),
    ("customer", "client", "buyer", "shopper", "subscriber"),
    ("task", "todo", "card", "item", "chore"),
    ("deal", "opportunity"),
    ("payment", "charge", "transaction", "pay", "purchase", "sale"),
    ("invoice", "bill", "receipt"),
    ("folder", "directory"),
    ("comment", "reply", "note", "respond", "answer", "feedback"),
    ("note", "summary", "minutes", "recap"),
    ("summarize", "summarise", "summary", "generate", "text", "llm", "gpt", "ai", "draft", "write"),
    ("weather", "forecast", "temperature"),
    ("calendar", "schedule"),
    ("order", "purchase", "checkout"),
    ("audience", "subscriber", "newsletter", "list"),
    ("tweet", "post"),
    ("photo", "image", "picture", "pic", "media"),
    ("video", "clip", "recording"),
    ("page", "wiki", "doc"),
    ("repo", "repository"),
    ("form", "survey", "questionnaire", "quiz"),
    ("response", "submission", "answer", "entry", "application"),
    ("label", "tag"),
    ("error", "exception", "crash", "failure", "issue"),
    ("alert", "alarm", "monitor", "incident"),
    ("incident", "outage"),
    ("deploy", "deployment", "release"),
    ("song", "track", "music", "playlist"),
    ("sql", "query", "database", "db"),
    ("link", "url"),
    ("sms", "text"),
    ("metric", "stat", "statistic", "analytic", "insight", "report"),
    ("signup", "register", "subscribe", "join"),
    ("user", "member", "people", "teammate", "colleague"),
    ("attendee", "participant", "invitee", "registrant", "guest"),
    ("stock", "inventory"),
    ("reaction", "react", "emoji"),
    ("permission", "access", "sharing"),
    ("channel", "conversation"),
)
# One-way expansions: the word implies the others, not the reverse.
_IMPLIES = {
    "log": ("create", "add"),
    "thank": ("send", "message"),
    "get": ("list",),
    "fetch": ("list",),
    "pull": ("list",),
    "retrieve": ("list",),
    "collect": ("list",),
    "copy": ("upload",),
    "sync": ("upload",),
    "backup": ("upload",),
    "back": ("upload",),
    "transfer": ("upload",),
    "mirror": ("upload",),
    "pr": ("pull", "request"),
    "mr": ("merge", "request"),
    "dm": ("direct", "message"),
    "text": ("sms",),
    "notify": ("send", "message"),
    "alert": ("send", "message"),
    "ping": ("send", "message"),
    "tell": ("send", "message"),
    "remind": ("send", "message"),
    "reminder": ("send", "message"),
    "transcript": ("transcribe",),
    "transcribe": ("audio", "text"),
    "translate": ("generate", "text"),
    "classify": ("generate", "text"),
    "spreadsheet": ("row",),
    "sheet": ("row",),
    "signup": ("create", "contact"),
    "welcome": ("send", "email"),
    "upsert": ("update", "create"),
    "table": ("row", "record"),
    "whatsapp": ("send", "message"),
    "acknowledge": ("update",),
    "reschedule": ("update",),
    "postpone": ("update",),
}
# What a verb means when it leads the clause ("open a ticket" creates one, "mark it done" updates it), but not
# elsewhere ("the open merge requests").
_LEADING_ONLY = {
    "open": ("create",), "start": ("create",), "launch": ("create",), "cut": ("create",),
    "mark": ("update",), "bump": ("update",), "switch": ("update", "change"), "flag": ("update",),
    "tag": ("update", "label"), "acknowledge": ("update",), "postpone": ("update",), "move": ("update",),
    "invoice": ("create", "send"), "bill": ("create", "invoice"), "unsubscribe": ("archive", "remove", "delete"),
    "wipe": ("clear", "delete"), "empty": ("clear",), "highlight": ("format",), "colour": ("format",),
    "color": ("format",), "link": ("associate", "association"), "turn": ("create", "convert"),
    "show": ("get",), "display": ("get",), "answer": ("reply",), "block": ("create", "schedule"),
}  # fmt: skip
# Two-word verbs and shorthand, read as the one verb they mean: "spin up a database" creates one. Not in
# "-ing" forms, which more often name a topic ("the page about setting up the VPN").
_PHRASAL = {
    "spin up": "create", "set up": "create", "sign up": "signup", "look up": "lookup", "back up": "backup",
    "clean up": "delete", "kick off": "start", "check off": "complete", "cross off": "complete",
    "roll back": "revert", "pull up": "get", "write up": "write", "ack": "acknowledge", "acked": "acknowledged",
    "what you find": "the results", "what you found": "the results", "whats": "what is", "what's": "what is",
    "where's": "where is", "rn": "now", "asap": "now",
}  # fmt: skip
_PHRASAL_RE = re.compile(
    r"\b(" + "|".join(rf"{re.escape(verb)}(?:s|ed)?\s+{particle}" if " " in phrase else re.escape(phrase)
                        for phrase in _PHRASAL for verb, _, particle in [phrase.partition(" ")]) + r")\b",
    re.IGNORECASE,
)  # fmt: skip
# "push the meeting back by an hour": the particle may come after the object.
_POSTPONE_RE = re.compile(r"\b(?:push|move|bump)(?:es|ed|ing|s)?\b(?=(?:\s+[\w'#-]+){1,6}?\s+back\b)", re.I)
SYNONYM_WEIGHT = 0.5
LEADING_VERB_WEIGHT = 0.7
IMPLIED_WEIGHT = 0.6


def _group_table(groups: tuple[tuple[str, ...], ...], weight: float) -> dict[str, dict[str, float]]:
    table: dict[str, dict[str, float]] = defaultdict(dict)
    for group in groups:
        stems = {stem(word) for word in group}
        for one in stems:
            for other in stems - {one}:
                table[one][other] = weight
    return dict(table)


def _synonym_table() -> dict[str, dict[str, float]]:
    table: dict[str, dict[str, float]] = defaultdict(dict)
    for group in (VERB_GROUPS, _NOUN_GROUPS):
        for term, related in _group_table(group, SYNONYM_WEIGHT).items():
            table[term].update(related)
    for word, implied in _IMPLIES.items():
        for other in implied:
            table[stem(word)][stem(other)] = max(table[stem(word)].get(stem(other), 0.0), IMPLIED_WEIGHT)
    return dict(table)


SYNONYMS = _synonym_table()
LEADING_VERB_SYNONYMS = _group_table(VERB_GROUPS, LEADING_VERB_WEIGHT)
for _verb, _meant in _LEADING_ONLY.items():
    LEADING_VERB_SYNONYMS.setdefault(stem(_verb), {}).update({stem(other): LEADING_VERB_WEIGHT for other in _meant})


def _phrasal_key(match: re.Match[str]) -> str:
    words = match.group(0).lower().split()
    if " ".join(words) in _PHRASAL:
        return " ".join(words)
    base = words[0]
    for phrase in _PHRASAL:
        verb, _, particle = phrase.partition(" ")
        if particle == words[-1] and base.startswith(verb):
            return phrase
    return base


def rewrite_phrasal(text: str) -> str:
    """The prompt with two-word verbs and shorthand replaced by the verb they mean."""
    text = _POSTPONE_RE.sub("postpone", text)
    return _PHRASAL_RE.sub(lambda match: _PHRASAL.get(_phrasal_key(match), match.group(0)), text)


def _reader_words() -> frozenset[str]:
    tables = (*VERB_GROUPS, *_NOUN_GROUPS, *_IMPLIES.values(), *_LEADING_ONLY.values(), _IMPLIES, _LEADING_ONLY)
    found = {word for table in tables for word in table}
    return frozenset(word for phrase in found | set(_PHRASAL) | set(_PHRASAL.values()) for word in phrase.split())


READER_WORDS = _reader_words()  # known to the speller even when no tool uses them
