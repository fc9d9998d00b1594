"""Words: tokens, stop words, the stemmer and the synonym table."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"[A-Za-z0-9]+")


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# "new" is in half the descriptions and tells tools apart by nothing; times of day say when, not what.
STOPWORDS = word_set(
    """a about above after again all also am an and any anyone anything are as at be been before being below
    between both but by can could did do does doing done down during each either else ever every few for from
    further had has have having he her here hers him his how i if in into is it its itself just let me more
    most my myself no nor not of off on once only or other our ours out over own please same she should so
    some someone somebody something such than that the their theirs them themselves then there these they
    this those through to too under until up us very via was we were what whenever when where whether which
    while who whom why will with within without would you your yours automatically using use make sure
    whatever whoever per new want need
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


@dataclass(frozen=True)
class Token:
    text: str  # as written
    lower: str
    stem: str


def tokenize(text: str) -> list[Token]:
    return [Token(raw, raw.lower(), stem(raw.lower())) for raw in _TOKEN.findall(text)]
