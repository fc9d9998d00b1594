"""Light typo tolerance: a long word the index has never seen is read as the one known word a single edit away.

Prompts are typed fast ("spreadhseet", "attachmnets", "requets"). A word of five letters or more that is
neither in the index's vocabulary nor a stop word is replaced by a vocabulary word at Damerau-Levenshtein
distance one (one letter inserted, dropped, changed, or two neighbours swapped), the most frequent one when
several are. Shorter words are left alone: at three or four letters one edit turns most words into others.
Capitalised words after the first are left alone too: they are names ("Lisbon", "Acme"), not typos.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from .words import STOPWORDS

MIN_LENGTH = 5
_WORD = re.compile(r"[A-Za-z]+")


def _deletes(word: str) -> set[str]:
    return {word[:at] + word[at + 1 :] for at in range(len(word))}


def _one_edit_apart(one: str, other: str) -> bool:
    """Damerau-Levenshtein distance exactly one (the delete index also pairs some words two edits apart)."""
    if abs(len(one) - len(other)) > 1 or one == other:
        return False
    if len(one) == len(other):
        differ = [at for at in range(len(one)) if one[at] != other[at]]
        if len(differ) == 1:
            return True
        first, second = differ[0], differ[-1]
        return len(differ) == 2 and second == first + 1 and one[first] == other[second] and one[second] == other[first]
    shorter, longer = sorted((one, other), key=len)
    return shorter in _deletes(longer)


class Speller:
    """Corrects the words of a prompt against a vocabulary (the index's words and the reader's own)."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        counts = Counter(word.lower() for word in vocabulary)
        self._known = frozenset(counts) | STOPWORDS
        self._counts = counts
        self._by_delete: dict[str, set[str]] = {}
        for word in counts:
            if len(word) >= MIN_LENGTH - 1:
                for key in _deletes(word) | {word}:
                    self._by_delete.setdefault(key, set()).add(word)

    def correct_word(self, word: str) -> str:
        lower = word.lower()
        if len(lower) < MIN_LENGTH or lower in self._known:
            return word
        found = set()
        for key in _deletes(lower) | {lower}:
            found |= self._by_delete.get(key, set())
        found = {candidate for candidate in found if _one_edit_apart(lower, candidate)}
        if not found:
            return word
        return max(sorted(found), key=lambda candidate: self._counts[candidate])

    def correct(self, text: str) -> str:
        def fix(match: re.Match[str]) -> str:
            word = match.group(0)
            if match.start() > 0 and word[0].isupper():
                return word
            return self.correct_word(word)

        return _WORD.sub(fix, text)
