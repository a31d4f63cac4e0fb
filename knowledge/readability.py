"""LIX, the Scandinavian readability index: below 40 reads easily, the seeds read at 50-66."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.!?:]+(?:\s|$)")
_WORD = re.compile(r"[A-Za-zÆØÅæøåéü0-9]+")
LONG_WORD = 6


def lix(text: str) -> float:
    """LIX = words per sentence + 100 * share of words longer than six letters.

    Args:
        text: Danish text.

    Returns:
        The LIX score (0 for empty text).
    """
    words = _WORD.findall(text)
    if not words:
        return 0.0
    sentences = max(1, len(_SENTENCE_END.findall(text.strip() + " ")))
    long_words = sum(1 for word in words if len(word) > LONG_WORD)
    return len(words) / sentences + 100 * long_words / len(words)
