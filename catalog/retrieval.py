"""Find the catalog tools a workflow needs from the one sentence that describes it: a model-free ranker.

Pure Python (no Django, no I/O, no model). `ToolIndex.build(docs)` indexes the tools once; `search(prompt)`
answers in about a millisecond on the shipped catalog (~630 tools), so it can run on every keystroke.

How a prompt is read:

- Steps. A workflow sentence chains steps ("when X in GitHub, post it to Slack and create a Jira ticket"),
  and each step needs its own tool, so the prompt is cut into clauses at punctuation, "then", "and <verb>",
  and before an event word ("when", "whenever", "for each", ...). A clause with no words of its own joins a
  neighbour: "in Slack" the step before it, "every Monday" the step after it.
- Named toolkits. A toolkit named in a clause (by name, slug, a multiword name such as "google sheets", a
  name without its vendor such as "Teams", or a common alias such as "gsheets") scopes that clause to its
  tools. Names that are everyday words in a workflow prompt ("Box", "X", "Teams", "Sheets", "Monday") count
  only when capitalised; "Monday" also not when it reads as a day ("every Monday", "Monday at 9"), and a lone
  "X" not as a quantity ("every X minutes").
- Reading steps. The catalog holds actions, not triggers, so an event clause ("when a new issue is opened
  in GitHub") needs a tool that reads the new items: its event verbs ("opened", "comes in") are dropped,
  since they would pull in the create/update tools, "list" and what the event implies ("submitted" ->
  responses) are added, and read tools get a boost. A toolkit that items are taken from inside an action
  clause reads the same way: "new Gmail attachments", "all Xero invoices", "from Stripe"; every toolkit
  after a reading verb ("get Stripe charges"); the ones not acted on when a verb moves items to a named
  place ("copy Dropbox files to Box", "log Zoom attendees into a spreadsheet"); and the ones a verb that
  names its own channel takes items from ("email me the closed Jira issues"). Such a toolkit is searched with
  the words about its items only; when no toolkit is acted on, the action is also looked for elsewhere (and,
  unless the verb names its channel, in the source toolkit too: "reply to new Freshdesk tickets").
- Words. Terms are lower-cased, stop words and times of day dropped, suffixes stripped by a small stemmer.
  A table of general synonyms (send/post, create/add/make, ticket/issue, sheet/spreadsheet, meeting/event,
  ...) adds related terms at a lower weight, more for the clause's leading verb, which is interchangeable
  with its group ("add the customer" ~ "create a contact"); a synonym never counts more than the word
  written (its weight is capped by the idf ratio). A channel ("#dev"), an e-mail address, or "by email"
  adds its noun, and "add X to <toolkit>" creates X there.

Scoring is BM25F over the tool's name, slug words, tags, description and its toolkit's name and description
(categories included), with field weights; the per-term contributions are computed at build time, so a
query only adds numbers from a few posting lists. A tool tagged "important" gets a lift that settles ties
between tools that say the same thing. Deprecated tools are never returned.

Results are diversified: the best tool of every step (each toolkit a clause names, or the whole catalog for
a clause that names none) comes first, in prompt order, so a prompt that names two products gets tools from
both; then the rest by their score relative to the best of their step (or of the whole prompt, counted a
little less), each further tool from an already chosen toolkit counting a little less again. `Hit.score` is
that ranking score: 1 for a step's best tool, below it for the others. Every hit says why it was chosen.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

# --- words ---------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[A-Za-z0-9]+")


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# "new" is in half the descriptions and tells tools apart by nothing; times of day say when, not what.
STOPWORDS = _word_set(
    """a about above after again all also am an and any anyone anything are as at be been before being below
    between both but by can could did do does doing done down during each either else ever every few for from
    further had has have having he her here hers him his how i if in into is it its itself just let me more
    most my myself no nor not of off on once only or other our ours out over own please same she should so
    some someone somebody something such than that the their theirs them themselves then there these they
    this those through to too under until up us very via was we were what whenever when where whether which
    while who whom why will with within without would you your yours automatically using use make sure
    whatever whoever per new want need like
    monday tuesday wednesday thursday friday saturday sunday mondays weekday weekdays weekend morning mornings
    afternoon evening night tonight daily weekly monthly hourly day days week weeks month months hour hours
    minute minutes today tomorrow yesterday am pm noon midnight"""
)
_IRREGULAR = {"sent": "send", "made": "make", "got": "get", "paid": "pay", "wrote": "write", "written": "write",
              "won": "win", "bought": "buy", "began": "begin", "sold": "sell", "met": "meet", "left": "leave",
              "emails": "email", "e-mail": "email", "tweets": "tweet"}  # fmt: skip
_KEEP_DOUBLE = frozenset("lszdf")


def stem(word: str) -> str:
    """A light suffix stripper: it only has to map a word's forms onto one key, the same in prompts and tools."""
    word = _IRREGULAR.get(word, word)
    if len(word) <= 3:
        return word
    for suffix, replacement in (("ies", "y"), ("sses", "ss"), ("xes", "x"), ("ches", "ch"), ("shes", "sh")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + replacement
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in _KEEP_DOUBLE:
                word = word[:-1]  # shipped -> ship, planned -> plan
            break
    if word.endswith("e") and len(word) >= 4:
        word = word[:-1]  # create / created / creating -> creat
    return word


def words(text: str) -> list[str]:
    return [token.lower() for token in _TOKEN.findall(text)]


def terms(text: str) -> list[str]:
    """The stemmed content terms of a text: no stop words, no single letters."""
    return [stem(word) for word in words(text) if len(word) > 1 and word not in STOPWORDS]


# --- synonyms ------------------------------------------------------------------------------------------

# Verbs a workflow author uses for the same action. As the clause's leading verb ("add the customer to
# HubSpot") they are interchangeable, so they count almost fully; elsewhere like the nouns below.
_VERB_GROUPS = (
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
    ("response", "submission", "answer", "entry"),
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
}
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
    for group in (_VERB_GROUPS, _NOUN_GROUPS):
        for term, related in _group_table(group, SYNONYM_WEIGHT).items():
            table[term].update(related)
    for word, implied in _IMPLIES.items():
        for other in implied:
            table[stem(word)][stem(other)] = max(table[stem(word)].get(stem(other), 0.0), IMPLIED_WEIGHT)
    return dict(table)


SYNONYMS = _synonym_table()
LEADING_VERB_SYNONYMS = _group_table(_VERB_GROUPS, LEADING_VERB_WEIGHT)

# --- toolkit names -------------------------------------------------------------------------------------

# Well-known short names that are neither a toolkit's name nor its slug.
TOOLKIT_ALIASES = {
    "gsheets": "googlesheets", "gsheet": "googlesheets", "gdrive": "googledrive", "gcal": "googlecalendar",
    "gdocs": "googledocs", "gdoc": "googledocs", "gforms": "googleforms", "ms teams": "microsoft_teams",
    "msteams": "microsoft_teams", "s3": "amazon_s3", "hn": "hackernews", "sfdc": "salesforce",
    "qbo": "quickbooks", "o365 mail": "outlook", "x com": "twitter",
}  # fmt: skip
# Toolkit names that are everyday words in a workflow prompt ("sales teams", "check the box", "every Monday"):
# alone they name the toolkit only when written with a capital. Rarer ones ("notion", "zoom") need none, since
# prompts are often typed in lower case.
COMMON_WORD_NAMES = frozenset({"x", "box", "monday", "teams", "drive", "sheets", "docs", "forms", "calendar", "news",
                               "pages", "online"})  # fmt: skip
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_BEFORE_A_DAY = frozenset({"every", "each", "on", "next", "last", "this", "by", "until", "till", "before", "after",
                           "from", "since", "through", "mondays"})  # fmt: skip
_AFTER_A_DAY = frozenset({"morning", "mornings", "afternoon", "evening", "night", "at", "to", "through", "and"})
# After a weekday these make it a product's name: "on our Monday board".
_PRODUCT_NOUNS = frozenset({"board", "boards", "item", "items", "workspace", "column", "columns", "group", "account"})
# After a lone letter these make it a quantity: "every X minutes".
_UNITS = frozenset({"minutes", "hours", "days", "weeks", "times", "seconds", "percent", "amount", "number"})
# Vendor prefixes: "Google Drive" is also called "Drive", "Microsoft Teams" "Teams".
_VENDORS = frozenset({"google", "microsoft", "amazon", "atlassian", "intuit", "twilio", "meta"})
_GENERIC_SUFFIXES = frozenset({"online", "pages", "com", "app", "api", "hq"})


@dataclass(frozen=True)
class _Token:
    text: str  # as written
    lower: str
    stem: str


@dataclass(frozen=True)
class _Mention:
    slug: str
    start: int  # token positions in the clause, end exclusive
    end: int


def _tokens(text: str) -> list[_Token]:
    return [_Token(raw, raw.lower(), stem(raw.lower())) for raw in _TOKEN.findall(text)]


def _name_forms(slug: str, name: str) -> set[tuple[str, ...]]:
    """Ways to write a toolkit's name: as named, by slug, joined up ("googlesheets"), without the vendor."""
    base = re.sub(r"\(.*?\)", " ", name)
    forms = {tuple(words(base)), tuple(words(slug.replace("_", " "))), tuple(words(name))}
    forms |= {tuple(words(inner)) for inner in re.findall(r"\((.*?)\)", name)}  # "Twitter (X)"
    for form in list(forms):
        if len(form) > 1:
            forms.add(("".join(form),))
            if form[0] in _VENDORS:
                forms.add(form[1:])
            if form[-1] in _GENERIC_SUFFIXES:
                forms.add(form[:-1])
    return {form for form in forms if form}


class ToolkitNames:
    """Finds where a text names a toolkit, longest name first, and tells real names from everyday words."""

    def __init__(self, toolkits: Mapping[str, str]) -> None:
        self._forms: dict[tuple[str, ...], str] = {}
        for slug, name in toolkits.items():
            for form in _name_forms(slug, name):
                self._forms.setdefault(tuple(stem(word) for word in form), slug)
        for alias, slug in TOOLKIT_ALIASES.items():
            if slug in toolkits:
                self._forms.setdefault(tuple(stem(word) for word in alias.split()), slug)
        self._longest = max((len(form) for form in self._forms), default=0)

    def find(self, tokens: list[_Token]) -> list[_Mention]:
        mentions, position = [], 0
        while position < len(tokens):
            mention = self._match_at(tokens, position)
            if mention is None:
                position += 1
            else:
                mentions.append(mention)
                position = mention.end
        return mentions

    def _match_at(self, tokens: list[_Token], start: int) -> _Mention | None:
        for size in range(min(self._longest, len(tokens) - start), 0, -1):
            key = tuple(token.stem for token in tokens[start : start + size])
            slug = self._forms.get(key)
            if slug is not None and (size > 1 or _reads_as_name(tokens, start)):
                return _Mention(slug, start, start + size)
        return None


def _reads_as_name(tokens: list[_Token], position: int) -> bool:
    token = tokens[position]
    if token.lower not in COMMON_WORD_NAMES:
        return True
    if not token.text[0].isupper():
        return False
    before = tokens[position - 1].lower if position else ""
    after = tokens[position + 1].lower if position + 1 < len(tokens) else ""
    if token.lower in _WEEKDAYS:
        return after in _PRODUCT_NOUNS or not (before in _BEFORE_A_DAY or after in _AFTER_A_DAY or after[:1].isdigit())
    if len(token.lower) == 1:
        return not (before[:1].isdigit() or after in _UNITS or after[:1].isdigit())
    return True


# --- clauses -------------------------------------------------------------------------------------------

_EVENT_OPENERS = ("when", "whenever", "once", "if", "as soon as", "each time", "every time", "any time",
                  "anytime", "for each", "for every", "after", "upon", "on every", "on each")  # fmt: skip
_OPENER_RE = "|".join(re.escape(opener).replace(r"\ ", r"\s+") for opener in _EVENT_OPENERS)
# Verbs that start a new step after "and": "add the customer to HubSpot and send them an email".
_STEP_VERBS = ("send|post|create|add|notify|alert|ping|email|text|message|update|upload|save|store|log|"
               "record|share|publish|tweet|schedule|book|assign|label|tag|comment|reply|forward|copy|move|"
               "archive|delete|remove|close|invite|summarize|summarise|generate|transcribe|translate|append|"
               "insert|open|start|run|trigger|get|fetch|list|find|search|look|pull|read|download|export|"
               "mark|attach|charge|refund|invoice|write|draft|file|page|tell|remind|mention|drop|put|sync|"
               "backup|back|import|transfer|push|star|approve|dm|sms")  # fmt: skip
_CLAUSE_BREAK = re.compile(
    rf"[,;:!?]|\.(?=\s|$)|\s+-+\s+|\b(?:and\s+then|then|afterwards|after\s+that)\b"
    rf"|\band\b(?=\s+(?:{_STEP_VERBS})\b)|(?=\b(?:{_OPENER_RE})\b)",
    re.IGNORECASE,
)
_EVENT_OPENER = re.compile(rf"^\s*(?:{_OPENER_RE})\b", re.IGNORECASE)
# In an event clause these say that something happened; the noun next to them says what to read.
_EVENT_VERBS = """new open opened create created add added submit submitted receive received arrive arrives come
    comes came land lands post posted publish published sign signs signed book booked update updated change changed
    close closed complete completed finish finished fill fills filled place placed happen happens appear appears
    occur occurs trigger triggered fire fires fired fail fails failed succeed succeeds succeeded win won pay paid
    assign assigned move moved mark marked reach reaches start started end ends ended join joins joined upload
    uploaded modify modified edit edited delete deleted remove removed merge merged resolve resolved reply replied
    respond responds responded mention mentions mentioned hit hits drop drops exceed exceeds cross crosses goes go
    get gets someone somebody incoming ship ships shipped cancel cancels canceled cancelled refund refunded expire
    expires expired renew renews renewed subscribe subscribes subscribed unsubscribe unsubscribes unsubscribed
    register registers registered invite invited accept accepts accepted approve approves approved reject rejects
    rejected decline declines declined trend trends trending raise raises raised break breaks broke"""
_EVENT_STEMS = frozenset(stem(word) for word in _word_set(_EVENT_VERBS))
# What an event verb implies was created: "a form is submitted" -> read its responses.
_EVENT_NOUNS = {
    "submit": ("response", "submission"), "fill": ("response", "submission"), "sign": ("contact", "subscriber"),
    "subscribe": ("subscriber", "member"), "register": ("registrant", "contact"), "pay": ("payment", "transaction"),
    "book": ("booking", "event", "meeting"), "reply": ("reply", "comment"), "respond": ("response", "reply"),
    "ship": ("order", "fulfillment"), "fail": ("error", "failure"), "upload": ("file",), "join": ("member", "user"),
    "mention": ("mention", "search"), "refund": ("refund",), "cancel": ("cancel",), "fire": ("alert",),
    "trigger": ("alert", "incident"), "invite": ("invitee", "attendee"), "merge": ("merge",),
}  # fmt: skip
EVENT_NOUN_WEIGHT = 0.5


def _says_it_happened(token: _Token) -> bool:
    # "is booked" says something happened; "a booking" is the thing to read.
    return token.stem in _EVENT_STEMS and not token.lower.endswith("ing")


# A clause that starts with one of these verbs sends something: "email the team", "text me".
_SENDING_VERBS = frozenset({"email", "mail", "text", "message", "dm", "tweet", "notify", "ping", "alert", "tell",
                            "remind", "sms", "forward"})  # fmt: skip
# Verbs that take items from one place to another: "copy Dropbox files to Box", "send Stripe numbers to Teams".
_MOVING_VERBS = frozenset(
    stem(verb)
    for verb in (*_VERB_GROUPS[0], *_VERB_GROUPS[6], "copy", "move", "export", "sync", "forward", "import", "push",
                 "transfer", "mirror", "back", "log", "record", "archive")
)  # fmt: skip
# Moving files or records "to" a named place puts them there: "export Box files to OneDrive".
_TRANSFER_VERBS = _MOVING_VERBS - frozenset(stem(verb) for verb in _VERB_GROUPS[0])
# "add the customer to HubSpot": adding something to a product creates it there.
_ADDING_VERBS = frozenset({"add", "put", "insert", "push", "save"})
READ_BOOST = 1.6  # a read tool where the step reads
LIST_WEIGHT = 0.5  # "list" added where a step reads
READING = "(a reading step)"  # the origin of that "list": the reader's word, not the prompt's
NAME_PART_WEIGHT = 0.3  # the generic words of a multiword toolkit name ("sheets" in "Google Sheets")
MARKER_WEIGHT = 0.8  # "channel" for "#dev", "email" for an address
_READ_VERBS = frozenset(stem(verb) for verb in ("list", "get", "fetch", "search", "find", "retrieve", "read", "query",
                                                 "look", "download", "select", "export", "pull", "check"))  # fmt: skip
_SENDING_STEMS = frozenset(stem(verb) for verb in _VERB_GROUPS[0])
_STEP_VERB_STEMS = frozenset(stem(verb) for verb in _STEP_VERBS.split("|"))
# Before a toolkit's name these say the items come from it: "new Gmail attachments", "from Stripe".
_SOURCE_MARKERS = frozenset({"from", "new", "every", "each", "all", "incoming", "latest", "recent", "unread", "of"})
# Before a toolkit's name these say the step acts there: "post it to Slack", "send it via SendGrid".
_TARGET_MARKERS = frozenset({"to", "into", "in", "on", "onto", "via", "with", "using", "through", "inside", "at"})
_DETERMINERS = frozenset({"the", "a", "an", "our", "my", "your", "their", "its", "his", "her", "this", "these",
                          "those", "any"})  # fmt: skip


@dataclass(frozen=True)
class Terms:
    weights: dict[str, float]  # stemmed term -> query weight, synonyms included
    origins: dict[str, str]  # stemmed term -> the prompt word it came from


@dataclass(frozen=True)
class Clause:
    text: str
    toolkits: tuple[str, ...]  # named in this clause, in order
    read_from: frozenset[str]  # named as where the items come from
    terms: Terms
    read_terms: dict[str, Terms]  # per toolkit in `read_from`: the words that say what to read there
    is_event: bool
    acts_elsewhere: bool  # every toolkit named is read from and the verb acts: maybe there, maybe elsewhere
    acts_there: bool  # ... and the verb may act in those toolkits ("reply to new Freshdesk tickets")


def split_clauses(text: str) -> list[str]:
    return [part.strip() for part in _CLAUSE_BREAK.split(text) if part and part.strip()]


def _leading(tokens: list[_Token], mentions: list[_Mention]) -> int | None:
    """The position of the clause's first content word: its verb, in an imperative."""
    named = {position for mention in mentions for position in range(mention.start, mention.end)}
    for position, token in enumerate(tokens):
        if position not in named and len(token.lower) > 1 and token.lower not in STOPWORDS:
            return position
    return None


def _content(tokens: list[_Token], mentions: list[_Mention], drop: Collection[int]) -> list[tuple[str, str, float]]:
    """(stem, word, weight) for the clause's own words; toolkit names and the positions in `drop` left out."""
    named = {position: mention for mention in mentions for position in range(mention.start, mention.end)}
    found = []
    for position, token in enumerate(tokens):
        if len(token.lower) < 2 or token.lower in STOPWORDS or position in drop:
            continue
        if position in named:
            mention = named[position]
            if mention.end - mention.start > 1 and token.lower not in _VENDORS:
                found.append((token.stem, token.lower, NAME_PART_WEIGHT))
            continue
        found.append((token.stem, token.lower, 1.0))
    return found


def _markers(text: str) -> list[tuple[str, str, float]]:
    found = []
    if re.search(r"(?:^|\s)#[\w-]+", text):
        found.append(("channel", "(a #channel)", MARKER_WEIGHT))
    if re.search(r"\b[\w.+-]+@[\w-]+\.\w+", text):
        found.append(("email", "(an e-mail address)", MARKER_WEIGHT))
    if re.search(r"\b(?:by|via|over|through)\s+(?:e-?mail|sms|text|dm|direct message)\b", text, re.IGNORECASE):
        found.append(("send", "(by e-mail)", MARKER_WEIGHT))  # "thank them by email"
    return found


def _implied_by_events(tokens: list[_Token], events: Collection[int]) -> list[tuple[str, str, float]]:
    found = []
    for position in events:
        for noun in _EVENT_NOUNS.get(tokens[position].stem, ()):
            found.append((stem(noun), tokens[position].lower, EVENT_NOUN_WEIGHT))
    return found


def _weigh(own: list[tuple[str, str, float]], leading: str | None) -> Terms:
    weights: dict[str, float] = {}
    origins: dict[str, str] = {}

    def offer(term: str, word: str, weight: float) -> None:
        if weight > weights.get(term, 0.0):
            weights[term], origins[term] = weight, word

    for term, word, weight in own:
        offer(term, word, weight)
    for term, word, weight in own:
        if word.startswith("("):
            continue  # added by the reader, not written: its synonyms are nobody's words
        related = SYNONYMS.get(term, {})
        if term == leading:
            related = {**related, **LEADING_VERB_SYNONYMS.get(term, {})}
        for other, factor in related.items():
            offer(other, word, weight * factor)
    return Terms(weights, origins)


def _marker_at(tokens: list[_Token], mention: _Mention) -> int | None:
    """Where the word that introduces a toolkit's name is ("new" in "every new Gmail email"); articles and one
    other word ("of closed Jira issues") may come between."""
    skipped = 0
    for position in range(mention.start - 1, max(-1, mention.start - 5), -1):
        word = tokens[position].lower
        if word in _SOURCE_MARKERS or word in _TARGET_MARKERS:
            return position
        if word not in _DETERMINERS:
            skipped += 1
            if skipped > 1:
                break
    return None


def _marker_before(tokens: list[_Token], mention: _Mention) -> str:
    position = _marker_at(tokens, mention)
    return "" if position is None else tokens[position].lower


def _read_span(tokens: list[_Token], mention: _Mention) -> range:
    """The words about the items read from a source: from its marker to the next target ("new Mailchimp
    subscribers" in "add new Mailchimp subscribers to Salesforce"); the whole clause when it has none, or
    when the items came before it ("the meeting notes from Zoom")."""
    start = _marker_at(tokens, mention)
    if start is None or tokens[start].lower not in _SOURCE_MARKERS - {"from"}:
        return range(len(tokens))
    end = next((at for at in range(mention.end, len(tokens)) if tokens[at].lower in _TARGET_MARKERS), len(tokens))
    return range(start, end)


def _reading_terms(
    tokens: list[_Token], mentions: list[_Mention], slugs: frozenset[str], drop: set[int]
) -> dict[str, Terms]:
    events = {position for position, token in enumerate(tokens) if _says_it_happened(token)}
    reading = [("list", READING, LIST_WEIGHT), *_implied_by_events(tokens, events)]
    found = {}
    for mention in mentions:
        if mention.slug in slugs and mention.slug not in found:
            span = _read_span(tokens, mention)
            outside = {position for position in range(len(tokens)) if position not in span}
            found[mention.slug] = _weigh(_content(tokens, mentions, events | drop | outside) + reading, None)
    return found


def _read_from(tokens: list[_Token], mentions: list[_Mention], lead: _Token | None) -> frozenset[str]:
    """Toolkits named as where items come from: after "new", "from", "all"...; every one a reading verb reads
    ("get yesterday's Stripe charges"); the ones not acted on when the verb moves items to a named target, or
    that come before "to"/"into" after a verb that carries items ("log Zoom attendees into a spreadsheet"); with
    a verb that names its own channel ("email me the Jira issues"), every one not named as the way to send.
    After a sending verb "from" names the sender's account."""
    sending = lead is not None and (lead.lower in _SENDING_VERBS or lead.stem in _SENDING_STEMS)
    markers = {mention: _marker_before(tokens, mention) for mention in mentions}
    found = {mention.slug for mention, marker in markers.items() if marker in _SOURCE_MARKERS - {"from"}}
    found |= {mention.slug for mention, marker in markers.items() if marker == "from" and not sending}
    targets = {mention.slug for mention, marker in markers.items() if marker in _TARGET_MARKERS | {"from"}}
    if lead is None:
        return frozenset(found)
    into = next((at for at, token in enumerate(tokens) if token.lower in ("to", "into")), -1)
    if lead.stem in _READ_VERBS:
        found |= {mention.slug for mention, marker in markers.items() if marker not in ("to", "into")}
    elif lead.stem in _TRANSFER_VERBS:
        found |= {mention.slug for mention in mentions if mention.end <= into}
    elif lead.lower in _SENDING_VERBS or (lead.stem in _MOVING_VERBS and len(markers) > 1 and targets):
        found |= {mention.slug for mention in mentions} - targets
    return frozenset(found)


def _lead_terms(tokens: list[_Token], mentions: list[_Mention], lead: int | None) -> list[tuple[str, str, float]]:
    """What the leading verb adds: "email the team" sends, "add the customer to HubSpot" creates there."""
    if lead is None:
        return []
    word = tokens[lead].lower
    if word in _SENDING_VERBS:
        return [("send", word, IMPLIED_WEIGHT)]
    into = any(_marker_before(tokens, mention) in ("to", "into") for mention in mentions)
    within = any(_marker_before(tokens, mention) in ("to", "into", "in") for mention in mentions)
    if word in _ADDING_VERBS and within:
        return [(stem("create"), word, 1.0)]
    if tokens[lead].stem in _TRANSFER_VERBS and into:
        return [("upload", word, IMPLIED_WEIGHT)]
    return []


def analyse_clause(text: str, names: ToolkitNames) -> Clause:
    tokens = _tokens(text)
    mentions = names.find(tokens)
    is_event = bool(_EVENT_OPENER.match(text))
    toolkits = tuple(dict.fromkeys(mention.slug for mention in mentions))
    lead = _leading(tokens, mentions)
    lead_token = tokens[lead] if lead is not None else None
    events = {position for position, token in enumerate(tokens) if _says_it_happened(token)}
    reading = [("list", READING, LIST_WEIGHT), *_implied_by_events(tokens, events)]
    if is_event:
        own = _content(tokens, mentions, events) + reading
    else:
        own = _content(tokens, mentions, ()) + _lead_terms(tokens, mentions, lead)
    acting = lead_token is not None and lead_token.stem in _STEP_VERB_STEMS and lead_token.stem not in _READ_VERBS
    read_from = frozenset(toolkits) if is_event else _read_from(tokens, mentions, lead_token)
    drop = {lead} if acting and lead is not None else set()
    acts_elsewhere = bool(toolkits) and acting and not is_event and set(toolkits) <= read_from
    return Clause(
        text=text,
        toolkits=toolkits,
        read_from=read_from,
        terms=_weigh(own + _markers(text), None if is_event or lead_token is None else lead_token.stem),
        read_terms={} if is_event else _reading_terms(tokens, mentions, read_from, drop),
        is_event=is_event,
        acts_elsewhere=acts_elsewhere,
        acts_there=acts_elsewhere and lead_token is not None and lead_token.lower not in _SENDING_VERBS,
    )


def _has_own_content(clause: Clause) -> bool:
    return any(origin != READING for origin in clause.terms.origins.values())


def analyse(query: str, names: ToolkitNames) -> list[Clause]:
    """The prompt's clauses. One with no words of its own joins a neighbour: "in Slack" the step before it,
    "every Monday" the step after it."""
    clauses: list[Clause] = []
    pending = ""
    for part in split_clauses(query):
        text = f"{pending} {part}".strip()
        clause = analyse_clause(text, names)
        pending = ""
        if _has_own_content(clause) or (clause.is_event and clause.toolkits):
            clauses.append(clause)
        elif clauses and clause.toolkits:
            clauses[-1] = analyse_clause(f"{clauses[-1].text} {part}", names)
        else:
            pending = text
    if pending and clauses:
        clauses[-1] = analyse_clause(f"{clauses[-1].text} {pending}", names)
    elif pending:
        clauses.append(analyse_clause(pending, names))
    return [clause for clause in clauses if _has_own_content(clause) or clause.toolkits]


# --- the index -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ToolDoc:
    slug: str
    name: str
    description: str
    toolkit_slug: str
    toolkit_name: str
    toolkit_description: str = ""
    tags: tuple[str, ...] = ()
    deprecated: bool = False


@dataclass(frozen=True)
class Hit:
    slug: str
    toolkit_slug: str
    score: float
    reasons: tuple[str, ...]  # e.g. ("names toolkit github", "matches 'issue'")


# (weight, length normalisation b) per field; the name says most about what a tool does.
FIELDS = {"name": (3.0, 0.3), "slug": (1.5, 0.3), "tags": (1.5, 0.3), "description": (1.0, 0.75),
          "toolkit": (0.5, 0.0), "toolkit_description": (0.3, 0.5)}  # fmt: skip
K1 = 1.2
# Tags that describe how a tool is used rather than what it works on.
META_TAGS = frozenset({"read", "write", "important", "deprecated"})
IMPORTANT_BOOST = 1.3
NAMED_ELSEWHERE_BOOST = 1.6  # a tool of a toolkit named in another clause, in the whole-prompt ranking
NEXT_FROM_TOOLKIT = 0.8  # each tool already taken from a toolkit scales its next one by this
WHOLE_PROMPT_WEIGHT = 0.6  # the whole-prompt ranking against a clause's own, when filling later places
MIN_UNNAMED_SCORE = 1.0  # a clause naming no toolkit leads with its best tool only above this


def _slug_words(doc: ToolDoc) -> str:
    prefix = doc.toolkit_slug.upper() + "_"
    slug = doc.slug[len(prefix) :] if doc.slug.upper().startswith(prefix) else doc.slug
    return slug.replace("_", " ")


def _fields(doc: ToolDoc) -> dict[str, list[str]]:
    return {
        "name": terms(doc.name),
        "slug": terms(_slug_words(doc)),
        "tags": terms(" ".join(tag.replace("_", " ") for tag in doc.tags if tag not in META_TAGS)),
        "description": terms(doc.description),
        "toolkit": terms(doc.toolkit_name),
        "toolkit_description": terms(doc.toolkit_description),
    }


def _reads(doc: ToolDoc) -> bool:
    if "read" in doc.tags or "write" in doc.tags:
        return "read" in doc.tags and "write" not in doc.tags
    first = words(doc.name)[:1]
    return bool(first) and stem(first[0]) in _READ_VERBS


@dataclass
class _Slot:
    """One ranking to draw from: a clause within one toolkit it names, a clause over all, or the whole prompt."""

    label: str
    scores: dict[int, float]
    terms: Terms
    reads: bool  # read tools were boosted
    named: bool
    weight: float = 1.0
    event: bool = False

    def best(self) -> tuple[int, float] | None:
        return max(self.scores.items(), key=lambda item: (item[1], -item[0]), default=None)


class ToolIndex:
    """BM25F over the catalog's tools, with per-term contributions precomputed at build time."""

    def __init__(self, docs: list[ToolDoc], postings: dict[str, dict[int, float]], names: ToolkitNames) -> None:
        self._docs = docs
        self._postings = postings
        self._names = names
        self._by_toolkit: dict[str, list[int]] = defaultdict(list)
        for number, doc in enumerate(docs):
            self._by_toolkit[doc.toolkit_slug].append(number)
        self._prior = [IMPORTANT_BOOST if "important" in doc.tags else 1.0 for doc in docs]
        self._reads = [_reads(doc) for doc in docs]
        self._terms = [frozenset(term for field in _fields(doc).values() for term in field) for doc in docs]
        self._idf = {term: _idf(len(found), len(docs)) for term, found in postings.items()}

    @classmethod
    def build(cls, docs: Iterable[ToolDoc]) -> ToolIndex:
        kept = [doc for doc in docs if not doc.deprecated]
        fields = [_fields(doc) for doc in kept]
        average = {name: max(sum(len(f[name]) for f in fields) / max(len(fields), 1), 1.0) for name in FIELDS}
        pseudo: dict[str, dict[int, float]] = defaultdict(dict)
        for number, doc_fields in enumerate(fields):
            for name, (weight, b) in FIELDS.items():
                norm = 1 - b + b * len(doc_fields[name]) / average[name]
                for term in doc_fields[name]:
                    pseudo[term][number] = pseudo[term].get(number, 0.0) + weight / norm
        postings = {term: _saturate(found, len(kept)) for term, found in pseudo.items()}
        names = ToolkitNames({doc.toolkit_slug: doc.toolkit_name for doc in kept})
        return cls(kept, postings, names)

    def __len__(self) -> int:
        return len(self._docs)

    def named_toolkits(self, query: str) -> list[str]:
        """The toolkits the query names, in order of appearance."""
        found = (slug for clause in analyse(query, self._names) for slug in clause.toolkits)
        return list(dict.fromkeys(found))

    def search(self, query: str, *, k: int = 10, toolkits: Collection[str] | None = None) -> list[Hit]:
        allowed = None if toolkits is None else frozenset(toolkits)
        clauses = analyse(query, self._names)
        if k <= 0 or not clauses:
            return []
        named = [slug for clause in clauses for slug in clause.toolkits if allowed is None or slug in allowed]
        slots = self._slots(clauses, allowed, frozenset(named))
        return self._hits(_diversify(slots, self._docs, k), slots, frozenset(named))

    # -- ranking ------------------------------------------------------------------------------------

    def _slots(self, clauses: list[Clause], allowed: frozenset[str] | None, named: frozenset[str]) -> list[_Slot]:
        slots = []
        for clause in clauses:
            own = [slug for slug in clause.toolkits if allowed is None or slug in allowed]
            for slug in own:
                slots.append(self._toolkit_slot(clause, slug))
                if clause.acts_there:  # "reply to new Freshdesk tickets": read them, and act there too
                    scores = self._score(clause.terms, self._by_toolkit.get(slug, []), False, fill=True)
                    slots.append(_Slot(slug, scores, clause.terms, False, named=True))
            if (not own or clause.acts_elsewhere) and clause.terms.weights:
                candidates = self._candidates(allowed, clause.read_from)
                scores = self._score(clause.terms, candidates, clause.is_event)
                slots.append(_Slot("", scores, clause.terms, clause.is_event, named=False, event=clause.is_event))
        if len(clauses) > 1 or named:
            slots.append(self._whole_prompt(clauses, allowed, named))
        return [slot for slot in slots if slot.scores]

    def _toolkit_slot(self, clause: Clause, slug: str) -> _Slot:
        reading = slug in clause.read_from
        terms = clause.read_terms[slug] if reading and not clause.is_event else clause.terms
        scores = self._score(terms, self._by_toolkit.get(slug, []), reading, fill=True)
        return _Slot(slug, scores, terms, reading, named=True, event=clause.is_event)

    def _whole_prompt(self, clauses: list[Clause], allowed: frozenset[str] | None, named: frozenset[str]) -> _Slot:
        weights: dict[str, float] = {}
        origins: dict[str, str] = {}
        for clause in clauses:
            for term, weight in clause.terms.weights.items():
                if weight > weights.get(term, 0.0):
                    weights[term], origins[term] = weight, clause.terms.origins[term]
        scores = self._score(Terms(weights, origins), self._candidates(allowed, frozenset()), False)
        for number in scores:
            if self._docs[number].toolkit_slug in named:
                scores[number] *= NAMED_ELSEWHERE_BOOST
        return _Slot("*", scores, Terms(weights, origins), False, False, WHOLE_PROMPT_WEIGHT)

    def _candidates(self, allowed: frozenset[str] | None, excluded: frozenset[str]) -> list[int] | None:
        if allowed is None and not excluded:
            return None
        slugs = self._by_toolkit if allowed is None else allowed
        return [number for slug in slugs if slug not in excluded for number in self._by_toolkit.get(slug, [])]

    def _capped(self, terms: Terms) -> dict[str, float]:
        """Query weights where a synonym never counts more than the word written: a rarer synonym ("add" for
        "create") would otherwise outweigh the word itself through its higher idf."""
        capped = {}
        for term, weight in terms.weights.items():
            written = stem(terms.origins[term])
            if written != term and written in self._idf and term in self._idf:
                weight *= min(1.0, self._idf[written] / self._idf[term])
            capped[term] = weight
        return capped

    def _score(
        self, terms: Terms, candidates: list[int] | None, reading: bool, *, fill: bool = False
    ) -> dict[int, float]:
        """BM25F sums over the candidates (all tools when None); `fill` keeps the ones no term matched."""
        within = None if candidates is None else set(candidates)
        scores: dict[int, float] = dict.fromkeys(candidates or [], 0.0) if fill else {}
        for term, weight in self._capped(terms).items():
            for number, contribution in self._postings.get(term, {}).items():
                if within is None or number in within:
                    scores[number] = scores.get(number, 0.0) + weight * contribution
        for number in scores:
            boost = READ_BOOST if reading and self._reads[number] else 1.0
            scores[number] = (scores[number] + 1e-3) * self._prior[number] * boost
        return scores

    def _hits(self, picked: list[tuple[int, float, int]], slots: list[_Slot], named: frozenset[str]) -> list[Hit]:
        hits = []
        for number, score, slot_number in picked:
            doc, slot = self._docs[number], slots[slot_number]
            reasons = [f"names toolkit {doc.toolkit_slug}"] if doc.toolkit_slug in named else []
            if slot.reads and self._reads[number]:
                reasons.append(
                    "reads the items the workflow starts from" if slot.event else "reads the items to pass on"
                )
            reasons += _matches(self._terms[number], slot)
            hits.append(Hit(doc.slug, doc.toolkit_slug, round(score, 4), tuple(reasons)))
        return hits


def _idf(found: int, total: int) -> float:
    return math.log(1 + (total - found + 0.5) / (found + 0.5))


def _saturate(pseudo_tf: dict[int, float], total: int) -> dict[int, float]:
    idf = _idf(len(pseudo_tf), total)
    return {number: idf * tf * (K1 + 1) / (K1 + tf) for number, tf in pseudo_tf.items()}


def _matches(doc_terms: frozenset[str], slot: _Slot) -> list[str]:
    weights = slot.terms.weights
    matched = sorted((term for term in weights if term in doc_terms), key=lambda term: -weights[term])
    said = []
    for term in matched[:4]:
        source = slot.terms.origins[term]
        if source.startswith("("):
            said.append(f"matches '{term}' {source}")
        else:
            said.append(f"matches '{source}'" if stem(source) == term else f"matches '{source}' as '{term}'")
    return said


def _diversify(slots: list[_Slot], docs: list[ToolDoc], k: int) -> list[tuple[int, float, int]]:
    """(tool, ranking score, slot) for the top k: each slot's best first (score 1), then the rest by their score
    relative to their slot's best, a toolkit's next tool counting a bit less, so the scores never increase."""
    picked: list[tuple[int, float, int]] = []
    per_toolkit: dict[str, int] = defaultdict(int)
    for number, slot in enumerate(slots):
        best = slot.best()
        if best is None or slot.label == "*" or best[0] in {tool for tool, _, _ in picked}:
            continue
        if slot.named or best[1] >= MIN_UNNAMED_SCORE:
            picked.append((best[0], 1.0, number))
            per_toolkit[docs[best[0]].toolkit_slug] += 1
    pool = _relative_scores(slots, {tool for tool, _, _ in picked})

    def worth(tool: int) -> tuple[float, int]:
        return pool[tool][0] * NEXT_FROM_TOOLKIT ** per_toolkit[docs[tool].toolkit_slug], -tool

    while len(picked) < k and pool:
        choice = max(pool, key=worth)
        score = worth(choice)[0]
        picked.append((choice, score, pool.pop(choice)[1]))
        per_toolkit[docs[choice].toolkit_slug] += 1
    return picked[:k]


def _relative_scores(slots: list[_Slot], taken: set[int]) -> dict[int, tuple[float, int]]:
    """tool -> (its best score relative to the top of a slot, times the slot's weight; that slot's number)."""
    pool: dict[int, tuple[float, int]] = {}
    for slot_number, slot in enumerate(slots):
        best = slot.best()
        if best is None or best[1] <= 0:
            continue
        for number, score in slot.scores.items():
            relative = score / best[1] * slot.weight
            if number not in taken and relative > pool.get(number, (0.0, 0))[0]:
                pool[number] = (relative, slot_number)
    return pool


# --- loading -------------------------------------------------------------------------------------------


def docs_from_catalog_file(data: dict) -> list[ToolDoc]:
    """ToolDocs from a Composio-shaped catalog ({"toolkits": [...], "tools": [...]}, v3 item shapes)."""
    toolkits = {item["slug"]: item for item in data.get("toolkits", [])}
    return [_doc(tool, toolkits.get(tool.get("toolkit", {}).get("slug", ""), {})) for tool in data.get("tools", [])]


def _doc(tool: dict, toolkit: dict) -> ToolDoc:
    meta = toolkit.get("meta") or {}
    categories = ", ".join(category.get("name", "") for category in meta.get("categories") or [])
    described = " ".join(part for part in (meta.get("description") or "", categories) if part)
    return ToolDoc(
        slug=tool["slug"],
        name=tool.get("name") or tool["slug"],
        description=tool.get("description") or "",
        toolkit_slug=tool["toolkit"]["slug"],
        toolkit_name=toolkit.get("name") or tool["toolkit"].get("name") or tool["toolkit"]["slug"],
        toolkit_description=described,
        tags=tuple(tool.get("tags") or ()),
        deprecated=bool(tool.get("is_deprecated")),
    )
