"""Steps: the prompt cut into clauses, and what each clause reads, acts on and asks for."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from .synonyms import IMPLIED_WEIGHT, LEADING_VERB_SYNONYMS, SYNONYMS, VERB_GROUPS
from .toolkits import VENDORS, Mention, ToolkitNames
from .words import STOPWORDS, Token, stem, tokenize, word_set

# --- clauses -------------------------------------------------------------------------------------------

EVENT_OPENERS = ("when", "whenever", "once", "if", "as soon as", "each time", "every time", "any time",
                  "anytime", "for each", "for every", "after", "upon", "on every", "on each")  # fmt: skip
OPENER_RE = "|".join(re.escape(opener).replace(r"\ ", r"\s+") for opener in EVENT_OPENERS)
# Verbs that start a new step after "and": "add the customer to HubSpot and send them an email".
STEP_VERBS = ("send|post|create|add|notify|alert|ping|email|text|message|update|upload|save|store|log|"
               "record|share|publish|tweet|schedule|book|assign|label|tag|comment|reply|forward|copy|move|"
               "archive|delete|remove|close|invite|summarize|summarise|generate|transcribe|translate|append|"
               "insert|open|start|run|trigger|get|fetch|list|find|search|look|pull|read|download|export|"
               "mark|attach|charge|refund|invoice|write|draft|file|page|tell|remind|mention|drop|put|sync|"
               "backup|back|import|transfer|push|star|approve|dm|sms|whatsapp|invite|react|like|duplicate|"
               "share|set|change|bump|ack|acknowledge|merge|convert|link|switch|flag|highlight")  # fmt: skip
_EVENT_OPENER = re.compile(rf"^\s*(?:{OPENER_RE})\b", re.IGNORECASE)
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
    apply applies applied rejected decline declines declined trend trends trending raise raises raised break breaks
    broke"""
_EVENT_STEMS = frozenset(stem(word) for word in word_set(_EVENT_VERBS))
# What an event verb implies was created: "a form is submitted" -> read its responses.
_EVENT_NOUNS = {
    "submit": ("response", "submission"), "fill": ("response", "submission"), "sign": ("contact", "subscriber"),
    "subscribe": ("subscriber", "member"), "register": ("registrant", "contact"), "pay": ("payment", "transaction"),
    "book": ("booking", "event", "meeting", "invitee"), "apply": ("response", "submission", "application"),
    "reply": ("reply", "comment"), "respond": ("response", "reply"),
    "ship": ("order", "fulfillment"), "fail": ("error", "failure"), "upload": ("file",), "join": ("member", "user"),
    "mention": ("mention", "search"), "refund": ("refund",), "cancel": ("cancel",), "fire": ("alert",),
    "trigger": ("alert", "incident"), "invite": ("invitee", "attendee"), "merge": ("merge",),
}  # fmt: skip
EVENT_NOUN_WEIGHT = 0.5


def _says_it_happened(token: Token) -> bool:
    # "is booked" says something happened; "a booking" is the thing to read.
    return token.stem in _EVENT_STEMS and not token.lower.endswith("ing")


# A clause that starts with one of these verbs sends something: "email the team", "text me".
_SENDING_VERBS = frozenset({"email", "mail", "text", "message", "dm", "tweet", "notify", "ping", "alert", "tell",
                            "remind", "sms", "forward", "whatsapp"})  # fmt: skip
# Verbs that take items from one place to another: "copy Dropbox files to Box", "send Stripe numbers to Teams".
_MOVING_VERBS = frozenset(
    stem(verb)
    for verb in (*VERB_GROUPS[0], *VERB_GROUPS[6], "copy", "move", "export", "sync", "forward", "import", "push",
                 "transfer", "mirror", "back", "log", "record", "archive")
)  # fmt: skip
# Moving files or records "to" a named place puts them there: "export Box files to OneDrive".
_TRANSFER_VERBS = _MOVING_VERBS - frozenset(stem(verb) for verb in VERB_GROUPS[0])
# "add the customer to HubSpot": adding something to a product creates it there.
_ADDING_VERBS = frozenset({"add", "put", "insert", "push", "save"})
_ADDING_VERBS_STEMS = frozenset(stem(verb) for verb in _ADDING_VERBS)
READ_BOOST = 1.6  # a read tool where the step reads
LIST_WEIGHT = 0.5  # "list" added where a step reads
READING = "(a reading step)"  # the origin of that "list": the reader's word, not the prompt's
NAME_PART_WEIGHT = 0.3  # the generic words of a multiword toolkit name ("sheets" in "Google Sheets")
MARKER_WEIGHT = 0.8  # "channel" for "#dev", "email" for an address
READ_VERBS = frozenset(stem(verb) for verb in ("list", "get", "fetch", "search", "find", "retrieve", "read", "query",
                                                 "look", "download", "select", "export", "pull", "check"))  # fmt: skip
_SENDING_STEMS = frozenset(stem(verb) for verb in VERB_GROUPS[0])
STEP_VERB_STEMS = frozenset(stem(verb) for verb in STEP_VERBS.split("|"))
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
    verbs: frozenset[str] = frozenset()  # the leading verb and its group: a tool named with one fits the step


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
    finds_first: bool = False  # acts on items it must find first: "label every email from X", "move the card 'Y'"
    find_terms: Terms | None = None  # the words that say which items, for that finding step
    carries: bool = False  # the verb carries items from where they are read ("copy Dropbox files to S3")
    put_terms: Terms | None = None  # a reading verb's target is written to: "pull the attendees into a sheet"


def _leading(tokens: list[Token], mentions: list[Mention]) -> int | None:
    """The position of the clause's first content word: its verb, in an imperative."""
    named = {position for mention in mentions for position in range(mention.start, mention.end)}
    for position, token in enumerate(tokens):
        if position not in named and len(token.lower) > 1 and token.lower not in STOPWORDS:
            return position
    return None


def _content(tokens: list[Token], mentions: list[Mention], drop: Collection[int]) -> list[tuple[str, str, float]]:
    """(stem, word, weight) for the clause's own words; toolkit names and the positions in `drop` left out."""
    named = {position: mention for mention in mentions for position in range(mention.start, mention.end)}
    found = []
    for position, token in enumerate(tokens):
        if len(token.lower) < 2 or token.lower in STOPWORDS or position in drop:
            continue
        if position in named:
            mention = named[position]
            if mention.end - mention.start > 1 and token.lower not in VENDORS:
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
    elif re.search(r"(?:^|\s)@\w+", text):
        found.append(("usernam", "(an @handle)", MARKER_WEIGHT))  # "DM @jdoe": look the user up by name
    if _QUESTION.match(text):  # "where's the VPN page?", "what's in the current cycle?": find and read it
        found += [("search", "(a question)", MARKER_WEIGHT), ("list", "(a question)", MARKER_WEIGHT)]
    if re.search(r"\b(?:by|via|over|through)\s+(?:e-?mail|sms|text|dm|direct message)\b", text, re.IGNORECASE):
        found.append(("send", "(by e-mail)", MARKER_WEIGHT))  # "thank them by email"
    return found


def _implied_by_events(tokens: list[Token], events: Collection[int]) -> list[tuple[str, str, float]]:
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
    verbs = frozenset() if leading is None else frozenset({leading, *LEADING_VERB_SYNONYMS.get(leading, {})})
    return Terms(weights, origins, verbs)


def _made_new(tokens: list[Token], position: int) -> int:
    """ "into a new Google Doc" makes one there, where "every new Gmail email" reads them: the target word
    before "new" (articles between) wins."""
    for before in range(position - 1, max(-1, position - 3), -1):
        if tokens[before].lower in _TARGET_MARKERS:
            return before
        if tokens[before].lower not in _DETERMINERS:
            break
    return position


def _marker_at(tokens: list[Token], mention: Mention) -> int | None:
    """Where the word that introduces a toolkit's name is ("new" in "every new Gmail email"); articles and one
    other word ("of closed Jira issues") may come between."""
    skipped = 0
    for position in range(mention.start - 1, max(-1, mention.start - 5), -1):
        word = tokens[position].lower
        if word in _SOURCE_MARKERS or word in _TARGET_MARKERS:
            return _made_new(tokens, position) if word == "new" else position
        if word not in _DETERMINERS:
            skipped += 1
            if skipped > 1:
                break
    return None


def _marker_before(tokens: list[Token], mention: Mention) -> str:
    position = _marker_at(tokens, mention)
    return "" if position is None else tokens[position].lower


def _read_span(tokens: list[Token], mention: Mention) -> range:
    """The words about the items read from a source: from its marker to the next target ("new Mailchimp
    subscribers" in "add new Mailchimp subscribers to Salesforce"); the whole clause when it has none, or
    when the items came before it ("the meeting notes from Zoom")."""
    start = _marker_at(tokens, mention)
    if start is None or tokens[start].lower not in _SOURCE_MARKERS - {"from"}:
        return range(len(tokens))
    end = next((at for at in range(mention.end, len(tokens)) if tokens[at].lower in _TARGET_MARKERS), len(tokens))
    return range(start, end)


def _reading_terms(
    tokens: list[Token], mentions: list[Mention], slugs: frozenset[str], drop: set[int]
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


def _read_from(tokens: list[Token], mentions: list[Mention], lead: Token | None) -> frozenset[str]:
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
    if lead.stem in READ_VERBS:
        found |= {mention.slug for mention, marker in markers.items() if marker not in ("to", "into")}
    elif lead.stem in _TRANSFER_VERBS:
        found |= {mention.slug for mention in mentions if mention.end <= into}
    elif lead.lower in _SENDING_VERBS or (lead.stem in _MOVING_VERBS and len(markers) > 1 and targets):
        found |= {mention.slug for mention in mentions} - targets
    return frozenset(found)


def _lead_terms(tokens: list[Token], mentions: list[Mention], lead: int | None) -> list[tuple[str, str, float]]:
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


# After the verb these say the step acts on items picked by a rule or a name, which a tool must find first:
# "label every email from X", "reply to emails that ask about Y", "move the card 'Z'".
_PICKING = frozenset({"every", "each", "all", "any", "matching", "whose", "that", "which", "who", "where"})
_QUOTED = re.compile(r"(?:^|\s)['\"\u2018\u201c][^'\"\u2019\u201d]{2,}['\"\u2019\u201d](?=\s|$|[.,;:!?])")
_FINDING = [("list", READING, LIST_WEIGHT), ("search", READING, LIST_WEIGHT)]


def _picks_items(text: str, after_verb: list[Token]) -> bool:
    return any(token.lower in _PICKING for token in after_verb) or bool(_QUOTED.search(text))


def _put_terms(tokens: list[Token], mentions: list[Mention], lead: int | None) -> Terms | None:
    """ "pull the attendee list into a google sheet": what a reading verb reads goes into its target, so the
    target is written to (added to) with the words about the items, not read."""
    if lead is None or tokens[lead].stem not in READ_VERBS:
        return None
    if not any(_marker_before(tokens, mention) in ("into", "to") for mention in mentions):
        return None
    added = stem("add")
    return _weigh([*_content(tokens, mentions, {lead}), (added, tokens[lead].lower, 1.0)], added)


def _finding_terms(tokens: list[Token], mentions: list[Mention], lead: int, events: set[int]) -> Terms:
    """The words that pick the items, from after the verb to where they go: "every email I get from X" in
    "forward every email I get from X to my other address"; what happened to them ("get") left out."""
    end = next((at for at in range(lead + 1, len(tokens)) if tokens[at].lower in ("to", "into", "onto")), len(tokens))
    outside = {at for at in range(len(tokens)) if not lead < at < end}
    return _weigh(_content(tokens, mentions, outside | events) + _FINDING, None)


_QUESTION = re.compile(r"^\W*(?:where|what|which|who|how\s+many|is\s+there|are\s+there|show\s+me)\b", re.I)
# Addresses, handles and links name people and places, not products: "from @stripe.com" is no Stripe step.
_ADDRESS = re.compile(r"\S*@[\w.-]+|\bhttps?://\S+")


def analyse_clause(text: str, names: ToolkitNames) -> Clause:
    tokens = tokenize(_ADDRESS.sub(" ", text))
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
    acting = lead_token is not None and lead_token.stem in STEP_VERB_STEMS and lead_token.stem not in READ_VERBS
    read_from = frozenset(toolkits) if is_event else _read_from(tokens, mentions, lead_token)
    drop = {lead} if acting and lead is not None else set()
    acts_elsewhere = bool(toolkits) and acting and not is_event and set(toolkits) <= read_from
    finds_first = acting and not is_event and lead is not None and _picks_items(text, tokens[lead + 1 :])
    return Clause(
        text=text,
        toolkits=toolkits,
        read_from=read_from,
        terms=_weigh(own + _markers(text), None if is_event or lead_token is None else lead_token.stem),
        read_terms={} if is_event else _reading_terms(tokens, mentions, read_from, drop),
        is_event=is_event,
        acts_elsewhere=acts_elsewhere,
        acts_there=acts_elsewhere and lead_token is not None and lead_token.lower not in _SENDING_VERBS,
        finds_first=finds_first,
        put_terms=_put_terms(tokens, mentions, lead) if not is_event else None,
        carries=lead_token is not None and lead_token.stem in _TRANSFER_VERBS | _ADDING_VERBS_STEMS,
        find_terms=_finding_terms(tokens, mentions, lead, events) if finds_first and lead is not None else None,
    )
