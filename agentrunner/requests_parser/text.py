"""Preparing a prompt for the request parser, and the vocabulary its rules share.

`prepare()` keeps the user's letter case, because values such as "NYC" are compared as typed, but rewrites
everything else into one canonical form that the rules (all case-insensitive) can rely on:

- URLs are taken out (they become the first pipeline step) and so are quoted strings, which are replaced by
  placeholders `«0»`, `«1»`... so that no rule looks inside them;
- contractions are expanded ("isn't" -> "is not"), "1,000" -> "1000", "5k" -> "5000", "$500" -> "500 dollars",
  "5%" -> "5 percent", "4+" -> "4 or more";
- comparison signs become separate tokens, `, ; : ! ?` and sentence full stops become " , ", a hyphen between
  letters becomes a space ("A-Z" -> "A Z", "departure-time" -> "departure time"), other stray characters go;
- a polite or indirect prefix ("can you", "i would like to") is cut off, so the text starts at the request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


def alternation(*phrases: str) -> str:
    """A regex alternation of phrases, longest first so that "less than" wins over "less"."""
    return "|".join(re.escape(phrase).replace(r"\ ", r"\s+") for phrase in sorted(phrases, key=len, reverse=True))


NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50, "hundred": 100,
    "a dozen": 12, "dozen": 12, "a hundred": 100,
}  # fmt: skip
NUM = rf"(?:\d+(?:\.\d+)?|{alternation(*NUMBER_WORDS)})(?![\w.])"
TIME_UNITS = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|weekends?|months?|quarters?|years?)"
MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"

# Words that never name a column on their own: the parser's own keywords and the glue between them. A known
# column may still be called one of them ("last name", "count"), which the column matcher checks first.
STOP = word_set("""
    a an the all any each every some this that these those its their his her my our your me us i we you it them
    they and or but nor of in on at by per for from to with without into than as over under above below between
    within across via about after before since until during is are was were be been being has have had do does
    did will would can could should shall may might must show list get fetch find give display return see view
    pull retrieve select print output bring grab tell know check look go make use want need like sort sorted
    sorting order ordered ordering rank ranked arrange arranged group grouped count counts counting top bottom
    first last highest lowest most least best worst cheapest priciest newest latest oldest earliest recent
    biggest largest smallest longest shortest greatest fewest fastest slowest expensive high low ascending
    descending asc desc alphabetically alphabetical reverse increasing decreasing chronologically where whose
    which who whom what when how why many much not no only just then also please there here columns column
    fields field rows row results result records record entries entry lines line table tables data dataset
    average avg mean median sum total maximum minimum max min unique distinct different number dollars dollar
    percent equal equals containing contains contain include includes including less more greater fewer higher
    lower bigger smaller larger either one ones none nothing anything something everything if else whether
    excluding except exclude besides minus
    """)
STOP_RX = alternation(*STOP) + r"|zdir\d+"
# Keywords that are also common values ("priority is high", "status is new").
VALUE_STOP_RX = alternation(*(STOP - word_set("high low top bottom first last best worst new one"))) + r"|zdir\d+"
REQUEST_VERBS = (
    r"(?:show|list|get|fetch|find|give|display|return|see|pull(?:\s+up)?|retrieve|view|print|output|"
    r"bring(?:\s+up)?|grab|tell|what\s+(?:are|is|were)|which\s+(?:are|is))(?:\s+(?:me|us))?"
)
# A direction phrase ("newest to oldest") is replaced by the token zdir<N> before the rules run (see ordering).
DIRECTION_TOKEN = re.compile(r"zdir(\d+)")


def is_stop(word: str) -> bool:
    return word.lower() in STOP or DIRECTION_TOKEN.fullmatch(word) is not None


def parse_number(text: str) -> int | float:
    words = " ".join(text.lower().split())
    if words in NUMBER_WORDS:
        return NUMBER_WORDS[words]
    value = float(words)
    return int(value) if value.is_integer() else value


@dataclass(frozen=True)
class Prepared:
    text: str  # canonical text, case kept, single spaces
    urls: list[str]
    quoted: list[str]  # the values behind the placeholders «0», «1»...


_URL = rx(r"https?://[^\s<>\"'`]+")
_QUOTED = re.compile(r"\"([^\"]*)\"|(?<!\w)'([^']*)'(?!\w)|`([^`]*)`")
_CONTRACTIONS = [
    (rx(r"\bwon't\b"), "will not"),
    (rx(r"\bcan't\b"), "cannot"),
    (rx(r"n't\b"), " not"),
    (rx(r"'re\b"), " are"),
    (rx(r"'ve\b"), " have"),
    (rx(r"'ll\b"), " will"),
    (rx(r"'d\b"), " would"),
    (rx(r"'m\b"), " am"),
    (rx(r"\b(what|where|who|how|when|that|there|it|here)'s\b"), r"\1 is"),
    (rx(r"'s\b"), ""),
]
_REWRITES = [
    (rx(r"\be-mail"), "email"),
    (re.compile(r"(?<=\d),(?=\d{3}(?!\d))"), ""),
    (rx(r"(?<![\w.])(\d+(?:\.\d+)?)k\b"), lambda m: str(parse_number(str(float(m.group(1)) * 1000)))),
    (re.compile(r"[$€£]\s?(\d+(?:\.\d+)?)"), r"\1 dollars"),
    (re.compile(r"(\d+(?:\.\d+)?)\s?[$€£]"), r"\1 dollars"),
    (re.compile(r"(\d+(?:\.\d+)?)\s?%"), r"\1 percent"),
    (re.compile(r"(\d)\+"), r"\1 or more"),
    (re.compile(r"&"), " and "),
    (re.compile(r"<=|>=|!=|==|=<|=>|<>|<|>|="), lambda m: f" {_OPERATOR_SPELLING.get(m.group(0), m.group(0))} "),
    (re.compile(r"(?<=[A-Za-z])-(?=[A-Za-z])"), " "),
    (re.compile(r"[,;:?]|!(?!=)|\.(?!\d)|(?<!\d)\."), " , "),
    (re.compile(r"[^\w\s,<>=!«»\-.]"), " "),
]
_OPERATOR_SPELLING = {"=<": "<=", "=>": ">="}
_POLITE = rx(
    r"^(?:please|pls|plz|kindly|hey|hi|hello|ok|okay|so|now|quickly|also|and|then|,|can you|could you|would you|"
    r"will you|can i|could i|may i|can we|could we|i want you to|i would like you to|i need you to|"
    r"i would like to|i would love to|i want to|i need to|we need to|i would like|i want|i need|we need|let me|"
    r"let us|help me|go ahead and|is it possible to|i am looking for|looking for)(?:\s+|$)"
)


def prepare(prompt: str) -> Prepared:
    # Guillemets are quotes too; turning them into " also keeps them from passing for placeholders.
    text = prompt.replace("\u2019", "'").replace("\u2018", "'")
    for mark in "\u201c\u201d\u00ab\u00bb":
        text = text.replace(mark, '"')
    urls = [match.group(0).rstrip(".,;:!?)]}") for match in _URL.finditer(text)]
    text = _URL.sub(" ", text)
    quoted: list[str] = []

    def placeholder(match: re.Match[str]) -> str:
        quoted.append(next(group for group in match.groups() if group is not None))
        return f" «{len(quoted) - 1}» "

    text = _QUOTED.sub(placeholder, text)
    for pattern, replacement in [*_CONTRACTIONS, *_REWRITES]:
        text = pattern.sub(replacement, text)
    text = " ".join(text.split())
    if text.isupper():  # a prompt typed in capitals says nothing about which words are names
        text = text.lower()
    while (match := _POLITE.match(text)) is not None and match.end() > 0:
        text = text[match.end() :]
    return Prepared(text=text, urls=urls, quoted=quoted)


# Standing rules, reminders and actions are not one-time data requests, whatever filter words they contain.
_NOT_A_REQUEST = rx(
    r"\b(?:always|whenever|every\s+time|each\s+time|any\s+time|from\s+now\s+on|going\s+forward|automatically|"
    r"remind\s+(?:me|us)|notify|alert\s+(?:me|us)|email\s+(?:me|us)|text\s+(?:me|us)|keep\s+me\s+posted|"
    r"tell\s+(?:me|us)\s+(?:when|once|as\s+soon\s+as))\b|"
    r"^(?:add|delete|create|update|set|enable|disable|stop|start|change|insert|schedule|email|send|notify|post|"
    r"alert|remind|make|turn|replace|move|run|re\s?run|retry|trigger|execute|restart|deploy)\b|"
    # Asks for what no pipeline step does: prose, comparisons, explanations.
    r"^(?:summari[sz]e|compare|explain|analy[sz]e|translate|describe|predict|forecast|recommend|write|draft|why)\b"
)


def is_not_a_request(text: str) -> bool:
    return _NOT_A_REQUEST.search(text) is not None
