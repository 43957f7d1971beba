"""The text Chromium prints into a PDF, read back for the browser tests (no PDF library needed).

Chromium (Skia) writes each page's content as a Flate-compressed stream whose text shows glyph
ids (``<0014> Tj``) of fonts that carry a ToUnicode CMap. :func:`page_texts` decompresses every
stream, maps the glyph ids back to characters with each CMap, and returns, per content stream,
the text blocks (``BT ... ET``) in the order they are drawn. Enough to find what the print
stylesheet puts in the page margin (the page numbers), which Chromium draws first on each page.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator

_STREAM = re.compile(rb"<<(.*?)>>\s*stream\r?\n", re.S)
_PAIR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_GLYPH = re.compile(rb"<([0-9A-Fa-f]{4})> Tj")


def streams(data: bytes) -> Iterator[bytes]:
    """Every Flate-compressed stream of the file, decompressed (others skipped)."""
    for match in _STREAM.finditer(data):
        start = match.end()
        end = data.index(b"endstream", start)
        try:
            yield zlib.decompress(data[start:end])
        except zlib.error:
            continue


def cmaps(data: bytes) -> list[dict[int, str]]:
    """Each ToUnicode CMap of the file: glyph id -> text."""
    out = []
    for stream in streams(data):
        if b"begincmap" not in stream:
            continue
        table: dict[int, str] = {}
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", stream, re.S):
            for source, target in _PAIR.findall(block):
                table[int(source, 16)] = bytes.fromhex(target.decode()).decode("utf-16-be")
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", stream, re.S):
            for low, high, target in _RANGE.findall(block):
                first = int(target, 16)
                for i, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                    table[code] = chr(first + i)
        out.append(table)
    return out


def page_texts(data: bytes) -> list[list[list[str]]]:
    """For each content stream, its text blocks decoded with each CMap (one list per CMap)."""
    tables = cmaps(data)
    out = []
    for stream in streams(data):
        if b" Tj" not in stream or b"begincmap" in stream:
            continue
        blocks = re.findall(rb"BT(.*?)ET", stream, re.S)
        out.append(
            [
                ["".join(t.get(int(g, 16), "\ufffd") for g in _GLYPH.findall(b)) for b in blocks]
                for t in tables
            ]
        )
    return out


def page_numbers(data: bytes) -> list[tuple[int, int]]:
    """The ``k / n`` each page shows first (the print stylesheet's footer), as (k, n)."""
    found = []
    for decodings in page_texts(data):
        for blocks in decodings:
            first = [b.strip() for b in blocks[:3]]
            if len(first) == 3 and first[1] == "/" and all(x.isdigit() for x in first[::2]):
                found.append((int(first[0]), int(first[2])))
                break
    return sorted(found)


def page_count(data: bytes) -> int:
    """How many pages the file has."""
    return len(re.findall(rb"/Type\s*/Page\b", data))
