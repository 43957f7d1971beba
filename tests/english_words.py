"""Finding English sentences in text a Vietnamese reader sees (the browser tests).

A sentence counts as English when it holds at least two distinct English function words
(:data:`STOP_WORDS`): words no Vietnamese sentence writes, so units (USD, GRDP, %), proper
names (Monte Carlo), file names and web addresses, which a Vietnamese page may show, never
make a sentence English on their own. Addresses are removed first.
"""

from __future__ import annotations

import re

STOP_WORDS = frozenset(
    {
        "the",
        "and",
        "of",
        "is",
        "are",
        "with",
        "for",
        "from",
        "by",
        "this",
        "that",
        "which",
        "not",
        "each",
        "than",
        "its",
        "their",
        "into",
        "after",
        "when",
        "what",
        "will",
        "has",
        "have",
        "was",
        "were",
        "per",
        "under",
    }
)
"""English function words that are not Vietnamese words (``an``, ``to``, ``on`` are)."""

_ADDRESS = re.compile(r"https?://\S+|\b[\w-]+(\.[\w-]+)+/\S*|\b[\w-]+\.(vn|com|org|net|gov)\b")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+|\s·\s")
_WORD = re.compile(r"[A-Za-z']+")


def english_sentences(text: str) -> list[str]:
    """The sentences of ``text`` with two or more distinct :data:`STOP_WORDS`."""
    found = []
    for sentence in _SENTENCE.split(_ADDRESS.sub(" ", text)):
        words = {w.lower().strip("'") for w in _WORD.findall(sentence)}
        if len(words & STOP_WORDS) >= 2:
            found.append(" ".join(sentence.split()))
    return found
