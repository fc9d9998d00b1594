"""Wording shared by the prompt readers (the intent classifier, the patch builder): contractions spelt out."""

from __future__ import annotations

import re

CONTRACTIONS = [
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bcan't\b"), "cannot"),
    (re.compile(r"\blet's\b"), "let us"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"'d\b"), " would"),
    (re.compile(r"'m\b"), " am"),
    (re.compile(r"\b(what|where|who|how|when|that|there|it|here)'s\b"), r"\1 is"),
    (re.compile(r"'s\b"), ""),
]


def expand_contractions(text: str) -> str:
    """Lower-case text with "don't", "what's", "won't"... written out ("do not", "what is", "will not")."""
    for pattern, replacement in CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return text
