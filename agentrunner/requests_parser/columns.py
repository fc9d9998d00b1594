"""Matching the words of a prompt to the columns of a table, forgivingly.

A phrase matches a column when their words are equal after lower-casing, treating `_`, `-` and spaces alike and
making plurals singular ("departure times" -> departure_time). Failing that, a column whose name holds all the
phrase's words is taken when it is the only one ("departure" -> departure_time), and then a small table of
concepts: "cost", "fare" or "cheapest" mean a price|cost|amount|fare column, "newest" a date|time|created one,
and so on. When the columns are not known, phrases are used as given (snake_cased) and a concept by its name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_SEPARATORS = re.compile(r"[\s_\-]+")

# concept -> the column words that stand for it, in order of preference
CONCEPTS: dict[str, tuple[str, ...]] = {
    "price": ("price", "cost", "fare", "amount", "total", "value"),
    "date": ("date", "datetime", "timestamp", "created", "updated", "time", "day"),
    "rating": ("rating", "score", "stars", "star", "rate"),
    "size": ("size", "amount", "total", "quantity", "count", "volume", "value"),
    "duration": ("duration", "length", "elapsed", "runtime", "time"),
    "origin": ("origin", "from", "source", "src", "orig"),
    "destination": ("destination", "dest", "to", "arrival", "dst"),
    "name": ("name", "title", "label"),
    "text": ("text", "message", "description", "title", "name", "subject", "body", "content", "summary", "comment"),
    "status": ("status", "state", "stage"),
    "carrier": ("carrier", "airline", "operator"),
    "customer": ("customer", "client", "buyer", "user"),
    "popularity": ("popularity", "views", "plays", "downloads", "sales", "count"),
    "percent": ("percent", "pct", "percentage", "change", "discount", "rate"),
    "distance": ("distance", "miles", "km", "length"),
    "weight": ("weight", "mass", "kg", "lbs"),
    "email": ("email", "mail", "email_address"),
    "phone": ("phone", "phone_number", "mobile", "tel", "telephone"),
    "revenue": ("revenue", "sales", "income", "amount", "total"),
    "quantity": ("quantity", "qty", "count", "units", "amount"),
    "category": ("category", "type", "kind", "group", "class"),
    "product": ("product", "item", "sku"),
    "temperature": ("temperature", "temp"),
    "age": ("age",),
    "place": ("country", "city", "location", "region", "place"),
    "city": ("city", "town"),
    "country": ("country", "nation"),
}
# a word of the prompt (singular) -> the concept it stands for, tried when no column has that name
SYNONYMS: dict[str, str] = {
    "price": "price", "cost": "price", "fare": "price", "priced": "price",
    "date": "date", "time": "date", "when": "date", "created": "date", "timestamp": "date", "datetime": "date",
    "rating": "rating", "rated": "rating", "star": "rating", "score": "rating",
    "size": "size", "duration": "duration", "length": "duration",
    "origin": "origin", "source": "origin", "destination": "destination", "dest": "destination",
    "name": "name", "title": "name", "status": "status", "state": "status",
    "airline": "carrier", "carrier": "carrier", "customer": "customer", "client": "customer", "buyer": "customer",
    "popularity": "popularity", "percent": "percent", "percentage": "percent", "distance": "distance",
    "weight": "weight", "email": "email", "mail": "email", "email address": "email", "e mail": "email",
    "phone": "phone", "phone number": "phone", "telephone": "phone", "mobile": "phone", "revenue": "revenue",
    "sale": "revenue", "income": "revenue", "quantity": "quantity", "qty": "quantity", "category": "category",
    "type": "category", "kind": "category", "product": "product", "item": "product", "temperature": "temperature",
    "temp": "temperature", "city": "city", "town": "city", "country": "country", "nation": "country",
}  # fmt: skip


def singular(word: str) -> str:
    word = word.lower()
    if len(word) <= 2 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes", "uses")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


def column_words(name: str) -> tuple[str, ...]:
    return tuple(singular(word) for word in _SEPARATORS.split(name.strip()) if word)


# An identifier column is named by "id", not by its entity: "orders" is the rows, not order_id.
_IDENTIFIER_WORDS = frozenset({"id", "key", "uuid", "pk", "no", "num", "number", "code", "ref"})


# Words that join two phrases: "price and name" is two columns, not a name of something's price.
_GLUE = frozenset(
    ["and", "or", "but", "then", "by", "per", "of", "for", "with", "to", "from", "in", "on", "at", "as", "than"]
    + ["the", "a", "an"]
)


def _holds(parts: tuple[str, ...], wanted: tuple[str, ...]) -> bool:
    rest = set(parts) - set(wanted)
    return set(wanted) <= set(parts) and not (rest and rest <= _IDENTIFIER_WORDS)


def snake(words: Sequence[str]) -> str:
    return "_".join(word.lower() for word in words)


class ColumnMatcher:
    """Columns of the table being asked about, or None when they are not known."""

    def __init__(self, columns: Sequence[str] | None):
        self.columns = list(columns) if columns is not None else None
        self._words = {column: column_words(column) for column in self.columns or []}

    @property
    def known(self) -> bool:
        return self.columns is not None

    def match(self, words: Sequence[str]) -> str | None:
        """The column a phrase names, or None (always None when the columns are not known)."""
        wanted = tuple(part for word in words for part in column_words(word))
        if not self.known or not wanted:
            return None
        for column, parts in self._words.items():
            if parts == wanted or "".join(parts) == "".join(wanted):
                return column
        holders = [column for column, parts in self._words.items() if _holds(parts, wanted)]
        if len(holders) == 1:
            return holders[0]
        concept = SYNONYMS.get(" ".join(wanted))
        if concept is not None:
            return self.concept(concept)
        # "order amount" -> amount: the last words may be the column, the first ones what it belongs to.
        return self.match(words[1:]) if len(words) > 1 and not _GLUE & set(wanted) else None

    def concept(self, concept: str) -> str | None:
        """The column standing for a concept: one named by a concept word, else one starting or ending with it."""
        candidates = CONCEPTS[concept]
        for candidate in candidates:
            for column, parts in self._words.items():
                if parts == column_words(candidate):
                    return column
        for candidate in candidates:
            for column, parts in self._words.items():
                if parts and singular(candidate) in (parts[0], parts[-1]):
                    return column
        return None
