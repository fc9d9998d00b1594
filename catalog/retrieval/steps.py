"""Steps: the prompt cut into clauses, each one step of the workflow, and the clauses that join a neighbour.

Before cutting, typos are corrected and two-word verbs read as one ("spin up" -> create). Two verbs sharing
one object ("create and send a campaign") become two steps with that object each. A toolkit's name used as a
verb ("slack me the report", "gmail it to the client") becomes a sending step through that toolkit.
"""

from __future__ import annotations

import re

from .clauses import OPENER_RE, READING, STEP_VERB_STEMS, STEP_VERBS, Clause, analyse_clause
from .spelling import Speller
from .synonyms import LEADING_VERB_SYNONYMS, rewrite_phrasal
from .toolkits import ToolkitNames
from .words import STOPWORDS, tokenize

# After a verb these are its object; after a toolkit's name they make the name a verb: "slack me", "gmail it".
_OBJECT_WORDS = r"me|us|it|them|him|her|everyone|everybody|the|a|an|our|my|their|this|these|those"
CLAUSE_BREAK = re.compile(
    rf"(?<!\d),|,(?!\d)|:(?!//)|[;!?]|\.(?=\s|$)|\s+-+\s+|\b(?:and\s+then|then|afterwards|after\s+that)\b"
    rf"|\band\b(?=\s+(?:{STEP_VERBS})\b)|\band\b(?=\s+[a-z]+\s+(?:me|us|it|them|him|her)\b)"
    rf"|(?=\b(?:{OPENER_RE})\b)",
    re.IGNORECASE,
)
_ASIDE = re.compile(r"\([^()]*\)")


def split_clauses(text: str) -> list[str]:
    text = _ASIDE.sub(lambda aside: aside.group(0).replace(",", " "), text)  # "(impressions, reach)" is one aside
    return _share_objects([part.strip() for part in CLAUSE_BREAK.split(text) if part and part.strip()])


def _is_verb(word: str) -> bool:
    stemmed = tokenize(word)[0].stem if tokenize(word) else ""
    return stemmed in STEP_VERB_STEMS or stemmed in LEADING_VERB_SYNONYMS


def _share_objects(parts: list[str]) -> list[str]:
    """A lone verb takes the object of the verb after it: "create", "send a campaign" -> "create a campaign"."""
    shared = []
    for number, part in enumerate(parts):
        following = parts[number + 1].split(maxsplit=1) if number + 1 < len(parts) else []
        alone = len(part.split()) == 1 and _is_verb(part)
        if alone and len(following) == 2 and _is_verb(following[0]):
            part = f"{part} {following[1]}"
        shared.append(part)
    return shared


def _channel_verb(text: str, names: ToolkitNames) -> str:
    """ "slack me the open merge requests" -> "send me the open merge requests via slack": a toolkit's name
    leading a step (after stop words and times: "every morning at 9 slack me"), before its object, is the verb
    "send it through that toolkit"."""
    tokens = tokenize(text)
    mentions = names.find(tokens)
    first = next((at for at, token in enumerate(tokens) if not _filler(token.lower)), None)
    if not mentions or first is None or mentions[0].start != first or mentions[0].end >= len(tokens):
        return text
    if re.match(rf"\s*(?:{OPENER_RE})\b", text, re.IGNORECASE):
        return text
    name = [token.text for token in tokens[mentions[0].start : mentions[0].end]]
    pattern = r"\b" + r"\W*".join(map(re.escape, name)) + rf"\s+(?=(?:{_OBJECT_WORDS})\b)"
    match = re.search(pattern, text, re.IGNORECASE)
    if match is None:
        return text
    return f"{text[: match.start()]}send {text[match.end() :]} via {' '.join(name)}"


def _filler(word: str) -> bool:
    return word in STOPWORDS or word[:1].isdigit()


def _has_own_content(clause: Clause) -> bool:
    return any(origin != READING for origin in clause.terms.origins.values())


def analyse(query: str, names: ToolkitNames, speller: Speller | None = None) -> list[Clause]:
    """The prompt's clauses. One with no words of its own joins a neighbour: "in Slack" the step before it,
    "every Monday" the step after it."""
    query = rewrite_phrasal(speller.correct(query) if speller is not None else query)
    clauses: list[Clause] = []
    pending = ""
    for part in split_clauses(query):
        part = _channel_verb(part, names)
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
