"""Where a prompt names a toolkit: names, slugs, aliases, and everyday words that only sometimes are names."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .words import Token, stem, words

# --- toolkit names -------------------------------------------------------------------------------------

# Well-known short names that are neither a toolkit's name nor its slug.
TOOLKIT_ALIASES = {
    "gsheets": "googlesheets", "gsheet": "googlesheets", "gdrive": "googledrive", "gcal": "googlecalendar",
    "gdocs": "googledocs", "gdoc": "googledocs", "gforms": "googleforms", "ms teams": "microsoft_teams",
    "msteams": "microsoft_teams", "s3": "amazon_s3", "hn": "hackernews", "sfdc": "salesforce",
    "qbo": "quickbooks", "o365 mail": "outlook", "x com": "twitter", "insta": "instagram", "ig": "instagram",
    "fb": "facebook", "yt": "youtube", "gh": "github", "woo": "woocommerce", "woo commerce": "woocommerce",
    "gpt": "openai", "chatgpt": "openai", "dall e": "openai", "openweather": "openweathermap",
    "ms outlook": "outlook", "o365": "outlook",
}  # fmt: skip
# Toolkit names that are everyday words in a workflow prompt ("sales teams", "check the box", "every Monday"):
# alone they name the toolkit only when written with a capital. Rarer ones ("notion", "zoom") need none, since
# prompts are often typed in lower case.
COMMON_WORD_NAMES = frozenset({"x", "box", "monday", "teams", "drive", "sheets", "docs", "forms", "calendar", "news",
                               "pages", "online"})  # fmt: skip
_COMMON_WORD_STEMS = frozenset(stem(name) for name in COMMON_WORD_NAMES)  # "sheet" as well as "sheets"
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_BEFORE_A_DAY = frozenset({"every", "each", "on", "next", "last", "this", "by", "until", "till", "before", "after",
                           "from", "since", "through", "mondays"})  # fmt: skip
_AFTER_A_DAY = frozenset({"morning", "mornings", "afternoon", "evening", "night", "at", "to", "through", "and"})
# After a weekday these make it a product's name: "on our Monday board".
_PRODUCT_NOUNS = frozenset({"board", "boards", "item", "items", "workspace", "column", "columns", "group", "account"})
# In lower case an everyday-word name reads as the product between an article and one of these ("a teams
# meeting"), or after "to"/"on"/"via" at the end of a step ("post it on teams"); not in "our sales teams".
_LOWERCASE_NOUNS = _PRODUCT_NOUNS | {"meeting", "meetings", "channel", "channels", "chat", "chats", "call", "calls",
                                     "message", "messages", "folder", "file", "files"}  # fmt: skip
_LOWERCASE_ARTICLES = frozenset({"a", "an", "the", "our", "my"})
_LOWERCASE_PLACES = frozenset({"on", "in", "to", "via", "into", "using", "through"})  # "post it on teams"
# After a lone letter these make it a quantity: "every X minutes".
_UNITS = frozenset({"minutes", "hours", "days", "weeks", "times", "seconds", "percent", "amount", "number"})
# Vendor prefixes: "Google Drive" is also called "Drive", "Microsoft Teams" "Teams".
VENDORS = frozenset({"google", "microsoft", "amazon", "atlassian", "intuit", "twilio", "meta"})
_GENERIC_SUFFIXES = frozenset({"online", "pages", "com", "app", "api", "hq"})


@dataclass(frozen=True)
class Mention:
    slug: str
    start: int  # token positions in the clause, end exclusive
    end: int


def _name_forms(slug: str, name: str) -> set[tuple[str, ...]]:
    """Ways to write a toolkit's name: as named, by slug, joined up ("googlesheets"), without the vendor."""
    base = re.sub(r"\(.*?\)", " ", name)
    forms = {tuple(words(base)), tuple(words(slug.replace("_", " "))), tuple(words(name))}
    forms |= {tuple(words(inner)) for inner in re.findall(r"\((.*?)\)", name)}  # "Twitter (X)"
    for form in list(forms):
        if len(form) > 1:
            forms.add(("".join(form),))
            if form[0] in VENDORS:
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

    def find(self, tokens: list[Token]) -> list[Mention]:
        mentions, position = [], 0
        while position < len(tokens):
            mention = self._match_at(tokens, position)
            if mention is None:
                position += 1
            else:
                mentions.append(mention)
                position = mention.end
        return mentions

    def _match_at(self, tokens: list[Token], start: int) -> Mention | None:
        for size in range(min(self._longest, len(tokens) - start), 0, -1):
            key = tuple(token.stem for token in tokens[start : start + size])
            slug = self._forms.get(key)
            if slug is not None and (size > 1 or _reads_as_name(tokens, start)):
                return Mention(slug, start, start + size)
        return None


def _reads_as_name(tokens: list[Token], position: int) -> bool:
    token = tokens[position]
    if token.lower not in COMMON_WORD_NAMES and token.stem not in _COMMON_WORD_STEMS:
        return True
    before = tokens[position - 1].lower if position else ""
    after = tokens[position + 1].lower if position + 1 < len(tokens) else ""
    if not token.text[0].isupper():
        return _lowercase_name(token, before, after)
    if token.lower in _WEEKDAYS:
        return after in _PRODUCT_NOUNS or not (before in _BEFORE_A_DAY or after in _AFTER_A_DAY or after[:1].isdigit())
    if len(token.lower) == 1:
        return not (before[:1].isdigit() or after in _UNITS or after[:1].isdigit())
    return True


def _lowercase_name(token: Token, before: str, after: str) -> bool:
    # Weekdays and lone letters in lower case are never names ("every monday", "x minutes").
    if token.lower in _WEEKDAYS or len(token.lower) == 1:
        return False
    if before in _LOWERCASE_PLACES:
        return after in _LOWERCASE_NOUNS or not after
    return before in _LOWERCASE_ARTICLES and after in _LOWERCASE_NOUNS
