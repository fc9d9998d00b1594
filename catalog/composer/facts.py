"""What a prompt gives as values: addresses, #channels, links, quoted text, names, numbers, "owner/repo"."""

from __future__ import annotations

import re
from dataclasses import dataclass

_URL = re.compile(r"\bhttps?://[^\s\"'<>]+[^\s\"'<>.,;:!?)]")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
_QUOTED = re.compile(r"\"([^\"]+)\"|\u201c([^\u201d]+)\u201d|(?<![\w])'([^']{2,}?)'(?![\w])|\u2018([^\u2019]+)\u2019")
_PHONE = re.compile(r"(?<![\w+])\+\d[\d\s().-]{6,}\d\b")
_CHANNEL = re.compile(r"(?<![\w&#/])#([A-Za-z][\w.-]*[\w])")
_REPO = re.compile(r"(?<![\w./@-])([A-Za-z0-9][\w-]*)/([A-Za-z0-9][\w.-]*[\w])(?![\w/])")
_NOT_REPOS = frozenset({"and/or", "ci/cd", "i/o", "a/b", "w/o", "n/a", "24/7", "tcp/ip"})
_NAMED = re.compile(r"\b(?:called|named|titled)\s+([A-Za-z0-9][\w.-]*[\w])", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\w.:/@-])(#?)(\d+(?:\.\d+)?)(?![\w:/@]|\.\d)")
_HINT = re.compile(r"([A-Za-z]+)\W*$")


@dataclass(frozen=True)
class Number:
    value: int | float
    hint: str  # the word just before it: "issue" in "issue #42"
    hashed: bool = False  # written "#42"


@dataclass(frozen=True)
class PromptFacts:
    emails: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()  # "#dev", as written
    phones: tuple[str, ...] = ()  # "+15551234567", written with a leading +
    urls: tuple[str, ...] = ()
    quoted: tuple[str, ...] = ()
    named: tuple[str, ...] = ()  # the word after "called", "named", "titled" when it is not quoted
    numbers: tuple[Number, ...] = ()
    repo: tuple[str, str] | None = None  # ("octocat", "hello-world") from "octocat/hello-world"
    words: frozenset[str] = frozenset()  # every word, in lower case, for enum values


def read_facts(text: str) -> PromptFacts:
    """The values in `text` (a prompt with its schedule's words already blanked out)."""
    urls, text = _take(_URL, text)
    emails, text = _take(_EMAIL, text)
    phones, text = _take(_PHONE, text)
    quoted_matches, text = _take_matches(_QUOTED, text)
    quoted = [next(group for group in match.groups() if group).strip() for match in quoted_matches]
    channels, text = _take(_CHANNEL, text)
    repo, text = _repo(text)
    named = [match.group(1) for match in _NAMED.finditer(text)]
    return PromptFacts(
        emails=tuple(emails),
        channels=tuple(channels),
        phones=tuple(re.sub(r"[\s().-]", "", phone) for phone in phones),
        urls=tuple(urls),
        quoted=tuple(quote for quote in quoted if quote),
        named=tuple(named),
        numbers=tuple(_numbers(text)),
        repo=repo,
        words=frozenset(word.lower() for word in re.findall(r"[\w-]+", text)),
    )


def _take(pattern: re.Pattern[str], text: str) -> tuple[list[str], str]:
    matches, text = _take_matches(pattern, text)
    return [match.group(0) for match in matches], text


def _take_matches(pattern: re.Pattern[str], text: str) -> tuple[list[re.Match[str]], str]:
    """The matches, and the text with them blanked out so that later patterns do not read into them."""
    matches = list(pattern.finditer(text))
    for match in reversed(matches):
        text = text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]
    return matches, text


def _repo(text: str) -> tuple[tuple[str, str] | None, str]:
    for match in _REPO.finditer(text):
        if match.group(0).lower() not in _NOT_REPOS and not match.group(0).replace("/", "").isdigit():
            blanked = text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]
            return (match.group(1), match.group(2)), blanked
    return None, text


def _numbers(text: str) -> list[Number]:
    found = []
    for match in _NUMBER.finditer(text):
        raw = match.group(2)
        value: int | float = float(raw) if "." in raw else int(raw)
        hint = _HINT.search(text[: match.start()])
        found.append(Number(value, hint.group(1).lower() if hint else "", bool(match.group(1))))
    return found
