"""Cross-references between reports name the other report by its real title.

A report that sends the reader to another writes that report's title as
:func:`analysis.report.titles.report_title` gives it, never typed by hand: every quoted title
in the package's report code and the notebooks is a placeholder filled from ``report_title``,
and every key the notebooks ask for is a report's.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis.report.titles import REPORT_TITLES, report_title

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "analysis" / "report").glob("*.py")) + sorted(
    (ROOT / "notebooks").glob("[0-9][0-9]_*.py")
)
QUOTED = re.compile(r"«([^»]*)»")
ASKED = re.compile(r"report_title\(\s*\"([a-z_0-9]+)\"")


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_no_title_is_typed_by_hand(path):
    text = path.read_text(encoding="utf-8")
    typed = [q for q in QUOTED.findall(text) if not re.fullmatch(r"\{[a-z_]+\}", q)]
    assert not typed, f"{path.name}: a report named by hand, not by report_title: {typed}"


def test_the_notebooks_ask_for_real_reports():
    asked = {
        key
        for path in SOURCES
        if path.parent.name == "notebooks"
        for key in ASKED.findall(path.read_text(encoding="utf-8"))
    }
    # Reports 02, 03 and 04 send the reader to 03, 02 and 05.
    assert {"structural_shift", "target_consistency", "uncertainty"} <= asked
    assert asked <= set(REPORT_TITLES)


def test_reports_02_and_03_point_at_each_other():
    shift = (ROOT / "notebooks" / "02_structural_shift.py").read_text(encoding="utf-8")
    consistency = (ROOT / "notebooks" / "03_target_consistency.py").read_text(encoding="utf-8")
    assert 'report_title("target_consistency"' in shift
    assert 'report_title("structural_shift"' in consistency
    assert "verdict_rule_text(" in shift and "verdict_rule_text(" in consistency


def test_quoted_titles_in_a_text_are_real(tmp_path):
    # The checker the HTML test uses: a title that exists passes, one that does not fails.
    real = report_title("structural_shift", 2024, "vi")
    assert quoted_titles_not_real(f"xem báo cáo «{real}».", 2024) == []
    assert quoted_titles_not_real("xem báo cáo «Cơ cấu kinh tế 2024».", 2024) == [
        "Cơ cấu kinh tế 2024"
    ]


def quoted_titles_not_real(text: str, year: int) -> list[str]:
    """The «quoted» report names in ``text`` that are no report's title for ``year``."""
    titles = {report_title(k, year, lang) for k in REPORT_TITLES for lang in ("vi", "en")}
    return [q for q in QUOTED.findall(text) if q not in titles]
