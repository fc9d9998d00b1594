"""A prompt as tokens: words normalised for matching, literals (quoted text, e-mail addresses, URLs, #channels)
and numbers kept whole, and the user's own spelling kept beside each token for names and free-text values.

Words are compared by `concept`: a light stem ("waits", "waiting" -> "wait"; "messages" -> "messag") mapped
through a few synonym groups (mail -> email; alert, message, notification -> notify; pause, delay, sleep ->
wait; http, post, call -> webhook), so that a request and a tool description meet on the same vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from agentrunner.wording import expand_contractions

WORD = "word"
NUMBER = "number"
OPERATOR = "op"
COMMA = "comma"
QUOTED = "quoted"
EMAIL = "email"
URL = "url"
CHANNEL = "channel"
LITERALS = (QUOTED, EMAIL, URL, CHANNEL)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str  # the normalised word, the operator, or the literal's value
    raw: str  # as typed: a node name such as "fetch_prices" keeps its underscore here
    number: float | None = None
    unit: str = ""  # "%", "s", "min", "h" or "ms" for numbers written with one


_LITERAL = re.compile(
    r'"(?P<dq>[^"]*)"|`(?P<bq>[^`]*)`|(?<![\w])\'(?P<sq>[^\']*)\'(?![\w])'
    r"|(?P<url>https?://[^\s\"'<>]+[^\s\"'<>.,;:!?)])"
    r"|(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    r"|(?<![\w#])(?P<channel>#[\w-]+)"
)
_OPERATORS = re.compile(r"(<=|>=|==|!=|=>|=<|<|>|=)")
_SEPARATORS = re.compile(r"[,;:?]|!(?!=)|(?<!\d)\.|\.(?!\d)")
_NUMBER = re.compile(
    r"^\$?(-?\d+(?:\.\d+)?)(k|%|ms|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)?$", re.IGNORECASE
)
_UNITS = {"s": "s", "m": "min", "h": "h", "d": "d"}
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_TYPOS = {
    "alwyas": "always", "alwasy": "always", "whenver": "whenever", "evry": "every", "sned": "send",
    "notifcation": "notification", "notif": "notification", "msg": "message", "pls": "please", "plz": "please",
    "remvoe": "remove", "delte": "delete", "secs": "seconds", "sec": "seconds", "mins": "minutes",
    "min": "minutes", "everytime": "every time", "anytime": "any time", "isnt": "is not", "arent": "are not",
    "dont": "do not", "doesnt": "does not",
}  # fmt: skip

# Light stems that differ from a synonym's stem, mapped onto one concept per group.
_SYNONYMS = {
    "mail": "email", "gmail": "email", "emails": "email",
    "notification": "notify", "alert": "notify", "messag": "notify", "ping": "notify", "inform": "notify",
    "warn": "notify", "notif": "notify",
    "paus": "wait", "delay": "wait", "sleep": "wait", "hold": "wait",
    "http": "webhook", "post": "webhook", "call": "webhook", "request": "webhook", "hook": "webhook",
    "endpoint": "webhook",
    "retriev": "fetch", "download": "fetch", "pull": "fetch",
    "summary": "report", "summariz": "report", "summaris": "report",
}  # fmt: skip


def tokenize(prompt: str) -> list[Token]:
    text = prompt.replace("\u201c", '"').replace("\u201d", '"').replace("\u2018", "'").replace("\u2019", "'")
    tokens: list[Token] = []
    position = 0
    for match in _LITERAL.finditer(text):
        tokens += _plain(text[position : match.start()])
        tokens.append(_literal(match))
        position = match.end()
    return tokens + _plain(text[position:])


def _literal(match: re.Match[str]) -> Token:
    for group, kind in (("dq", QUOTED), ("bq", QUOTED), ("sq", QUOTED), ("url", URL), ("email", EMAIL)):
        if match.group(group) is not None:
            return Token(kind, match.group(group), match.group(0))
    return Token(CHANNEL, match.group("channel"), match.group(0))


def _plain(text: str) -> list[Token]:
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)  # 1,000 is one number, not two
    text = _OPERATORS.sub(r" \1 ", text)
    text = _SEPARATORS.sub(" , ", text)
    tokens: list[Token] = []
    for chunk in text.split():
        tokens += _chunk(chunk)
    return tokens


def _chunk(chunk: str) -> list[Token]:
    if _OPERATORS.fullmatch(chunk):
        return [Token(OPERATOR, {"=>": ">=", "=<": "<="}.get(chunk, chunk), chunk)]
    if chunk == ",":
        return [Token(COMMA, ",", chunk)]
    number = _NUMBER.match(chunk)
    if number:
        return [_number(chunk, number)]
    lowered = _CAMEL.sub(" ", chunk).lower().replace("e-mail", "email")
    lowered = expand_contractions(lowered)
    words = [word for word in re.split(r"[^a-z0-9]+", lowered) if word]
    if len(words) == 1:  # "min" alone is "minutes", but "min_price" keeps its "min"
        words = _TYPOS.get(words[0], words[0]).split()
    return [Token(WORD, word, chunk) for word in words]


def _number(chunk: str, match: re.Match[str]) -> Token:
    value = float(match.group(1))
    suffix = (match.group(2) or "").lower()
    if suffix == "k":
        return Token(NUMBER, match.group(1), chunk, number=value * 1000)
    unit = suffix if suffix in ("%", "ms") else _UNITS.get(suffix[:1], "")
    return Token(NUMBER, match.group(1), chunk, number=value, unit=unit)


def word_set(text: str) -> frozenset[str]:
    """The words of a space-separated list: vocabularies read better as one string than as fifty literals."""
    return frozenset(text.split())


def stem(word: str) -> str:
    """A light suffix-stripping stem: enough for waits/waiting/waited and emails/emailed to meet."""
    word = word.lower()
    if len(word) > 5 and word.endswith("ing"):
        word = _undouble(word[:-3])
    elif len(word) > 4 and word.endswith("ed"):
        word = _undouble(word[:-2])
    elif len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us")):
        word = word[:-1]
    return word[:-1] if len(word) > 3 and word.endswith("e") else word


def _undouble(word: str) -> str:
    # "stopped" -> "stop", but "called" keeps "call" and "passed" keeps "pass".
    if len(word) > 2 and word[-1] == word[-2] and word[-1] not in "lsz":
        return word[:-1]
    return word


_GENERIC = frozenset(stem(word) for word in word_set("send do make run use create perform execute trigger get have go"))


def is_generic(word: str) -> bool:
    """Verbs that say little about what a step does: "send" fits an e-mail, a Slack post and an SMS alike."""
    return stem(word) in _GENERIC


def concept(word: str) -> str:
    stemmed = stem(word)
    return _SYNONYMS.get(stemmed, stemmed)


def name_words(name: str) -> list[str]:
    """The words of an identifier such as "fetch_prices", "fetchPrices" or "Fetch prices"."""
    return [word for word in re.split(r"[^a-z0-9]+", _CAMEL.sub(" ", name).lower()) if word]


def snake_case(words: Iterable[str]) -> str:
    return "_".join(word for part in words for word in name_words(part))


def words_of(tokens: Sequence[Token]) -> list[str]:
    return [token.text for token in tokens if token.kind == WORD]


def raw_text(tokens: Sequence[Token]) -> str:
    """The tokens as the user typed them; a chunk split into several word tokens is written once."""
    chunks: list[str] = []
    previous: Token | None = None
    for token in tokens:
        if previous is None or token.raw != previous.raw or token.kind != WORD:
            chunks.append(token.text if token.kind in LITERALS else token.raw)
        previous = token
    return " ".join(chunks).replace(" ,", ",")


def find_phrase(tokens: Sequence[Token], phrase: str, start: int = 0) -> int:
    """Index of the first run of word tokens spelling `phrase` at or after `start`, or -1."""
    wanted = phrase.split()
    for index in range(start, len(tokens) - len(wanted) + 1):
        if all(_is_word(tokens[index + offset], word) for offset, word in enumerate(wanted)):
            return index
    return -1


def starts_with(tokens: Sequence[Token], phrase: str, index: int = 0) -> bool:
    wanted = phrase.split()
    if index + len(wanted) > len(tokens):
        return False
    return all(_is_word(tokens[index + offset], word) for offset, word in enumerate(wanted))


def _is_word(token: Token, word: str) -> bool:
    return token.kind == WORD and token.text == word
