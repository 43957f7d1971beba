"""Number formats from Babel's locales (analysis.report.labels.format_number).

Pinned to Python's own formatting with the separators each language writes (Vietnamese: ``.``
for thousands, ``,`` for decimals; English the reverse), for any value and number of decimals,
and to a few figures of the reports.
"""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from analysis.report.labels import format_number


def by_hand(value: float, decimals: int, lang: str) -> str:
    text = f"{value:,.{decimals}f}"
    if lang == "vi":
        text = text.translate(str.maketrans({",": ".", ".": ","}))
    return text


@given(
    st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
    st.integers(min_value=0, max_value=4),
    st.sampled_from(["vi", "en"]),
)
def test_babel_writes_what_the_separators_say(value, decimals, lang):
    expected = by_hand(value, decimals, lang)
    if expected.startswith("-") and not any(ch in "123456789" for ch in expected):
        expected = expected[1:]
    assert format_number(value, decimals, lang) == expected


def test_report_figures():
    assert format_number(181.94, 1, "vi") == "181,9"
    assert format_number(103_500, 0, "vi") == "103.500"
    assert format_number(103_500, 0, "en") == "103,500"
    assert format_number(4500.069893, 0, "vi") == "4.500"
    assert format_number(-0.004, 2, "vi") == "0,00"
    assert format_number(13.845, 2, "vi") == "13,85"  # the float is 13.84500000000000064...
    assert format_number(2.675, 2, "en") == "2.67"  # the float is 2.67499999999999982...
    assert format_number(math.nan, 2, "vi") == "–"
