"""One language per report: a stop-word check over the words a reader sees.

A Vietnamese page holds no English sentence and an English page no Vietnamese one. Sentences
are found by their function words (stop words), which no unit, id or proper name uses:
``the``, ``of``, ``and`` ... in English; ``và``, ``của``, ``các`` ... in Vietnamese. Units
(USD, GRDP, ICOR), formulas and names such as *Bắc Giang* have none of them.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

ENGLISH_STOP_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "is",
        "are",
        "with",
        "for",
        "from",
        "by",
        "against",
        "than",
        "this",
        "that",
        "which",
        "its",
        "their",
        "these",
        "those",
        "was",
        "were",
        "will",
        "would",
        "should",
        "must",
        "has",
        "have",
        "been",
        "not",
        "no",
        "at",
        "as",
        "or",
        "be",
        "into",
        "each",
        "every",
        "per",
        "when",
        "where",
        "while",
        "between",
        "below",
        "above",
        "under",
        "over",
        "only",
        "also",
        "can",
        "could",
        "if",
        "then",
        "there",
        "what",
        "how",
        "why",
        "because",
    ]
)
"""English words a Vietnamese report never writes (``a``, ``in``, ``to``, ``do``, ``an``
are left out: they are Vietnamese syllables or symbols too)."""

VIETNAMESE_STOP_WORDS = frozenset(
    [
        "và",
        "của",
        "các",
        "những",
        "được",
        "là",
        "không",
        "trong",
        "với",
        "theo",
        "này",
        "khi",
        "cần",
        "cho",
        "năm",
        "tăng",
        "trưởng",
        "mục",
        "tiêu",
        "kịch",
        "bản",
        "báo",
        "cáo",
        "giá",
        "khu",
        "vực",
        "người",
    ]
)
"""Vietnamese words an English report never writes."""

_WORD = re.compile(r"[^\W\d]+", re.UNICODE)
"""Words; one holding ``_`` is a machine id (``as_of``, ``grdp_growth``), not a word."""
_SENTENCE = re.compile(r"[^.;:!?\n|]+")


def stop_words(text: str, lang: str) -> list[str]:
    """The other language's stop words in ``text`` (a report in ``lang``), in order."""
    words = ENGLISH_STOP_WORDS if lang == "vi" else VIETNAMESE_STOP_WORDS
    return [w for w in _WORD.findall(text) if "_" not in w and w.lower() in words]


def foreign_sentences(text: str, lang: str, limit: int = 5) -> list[str]:
    """Up to ``limit`` stretches of ``text`` (between punctuation) that hold a stop word of the
    other language: what a reader of ``lang`` would find written in the other one."""
    found = []
    for piece in _SENTENCE.findall(text):
        if stop_words(piece, lang):
            found.append(piece.strip()[:160])
            if len(found) == limit:
                break
    return found


class _Visible(HTMLParser):
    """The text a browser shows: everything but scripts, styles and the head's metadata."""

    HIDDEN = frozenset({"script", "style", "head"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []
        self.alts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.depth += 1
        for name, value in attrs:
            if name in ("alt", "title") and value:
                self.alts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.parts.append(data)


def visible_text(html: str, title: bool = True) -> str:
    """The visible text of an HTML page, with its alt texts and (``title``) its <title>."""
    parser = _Visible()
    parser.feed(html)
    head = re.search(r"<title>(.*?)</title>", html, re.S) if title else None
    extra = [head.group(1)] if head else []
    return "\n".join(parser.parts + parser.alts + extra)
