"""The cue families of the intent classifier (weights and rules: see the package docstring)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agentrunner.intent.vocabulary import (
    _ACTION_VERBS,
    _COUNT,
    _DATA_TIME_UNITS,
    _DAYS,
    _DETERMINERS,
    _EDIT_VERBS,
    _GROUPS,
    _IT_OR_ITS_OUTPUT,
    _NOT_A_QUESTION,
    _NOT_A_TIME,
    _NOT_IMMEDIATE,
    _NOTICES,
    _ONE_OFF_RUN,
    _PAST,
    _PERIODS,
    _POLITE_PREFIX,
    _PRAISE,
    _PRODUCED,
    _QUESTION_HEAD,
    _RETRIEVAL_VERBS,
    _STRUCTURE,
    _WORKFLOW_OBJECTS,
    EXECUTE,
    PATCH,
    Intent,
    normalise,
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
