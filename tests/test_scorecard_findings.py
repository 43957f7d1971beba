"""What a run of the scorecard found, in sentences (analysis.report.scorecard_findings), on the
illustrative actuals.

Counts worked out by hand from tests/fixtures/actuals/illustrative_actuals_2024.csv and
data/raw/targets_2024.csv, as in tests/test_scorecard_notebook.py:

- groups (15): met 2 ((2) GRDP per head, (12) the merger), not met 4 ((1) growth, (3) budget,
  (8) labour, (14) security hotspots), awaiting the year's results 15 − 2 − 4 = 9; a full
  year's data in groups 2, 3, 8 and 12: 4 of 15.
- figures (47): met 8, not met 7; in year: on track 2 (social investment, industry share),
  needs acceleration 2 (tourists, complaints), off track 1 (agriculture share), wrong
  direction 1 (services share); no data 47 − 8 − 7 − 6 = 26.
- the file: 26 figures in 1 file, the latest published 15/03/2025 (the budget's outturn).
"""

from pathlib import Path

import pandas as pd
import pytest

from analysis import assess, load_actuals, load_targets
from analysis.data.actuals import empty_actuals
from analysis.report import scorecard_findings as findings
from analysis.report.scorecard_notes import GROUP_RULE
from analysis.report.scorecard_page import IN_YEAR_WATCH, listed_targets

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "actuals" / "illustrative_actuals_2024.csv"


@pytest.fixture(scope="module")
def figures() -> pd.DataFrame:
    return load_actuals(FIXTURE, load_targets())


@pytest.fixture(scope="module")
def assessment(figures) -> pd.DataFrame:
    return assess(load_targets(), figures)


def test_files_in_words():
    assert findings.files_text(1, "vi") == "1 tệp"
    assert findings.files_text(2, "vi") == "2 tệp"
    assert findings.files_text(1, "en") == "1 file"
    assert findings.files_text(3, "en") == "3 files"


def test_results_overview_in_english(assessment, figures):
    assert findings.results_overview(assessment, figures, 2024, "en") == (
        "## Groups of targets met: 2 of 15 (8 of 47 figures); 4 groups not met; 9 groups "
        "awaiting the year's results\n"
        "\n"
        "The resolution's 15 main targets for 2024 (47 figures) against\n"
        "26 actual figures (1 file, published up to 2025-03-15):\n"
        "\n"
        "- by group of targets: **met 2 of 15**, not met 4, awaiting\n"
        "  the year's results 9 (full year's data for 4 of 15\n"
        "  groups);\n"
        "- by figure: **met: 8**; **not met: 7** (results of the year 2024);\n"
        "- from in-year figures: on track 2, needs acceleration\n"
        "  2, off track 1, wrong direction\n"
        "  1;\n"
        "- no data: 26.\n"
        "\n" + GROUP_RULE["en"]
    )


def test_results_overview_in_vietnamese(assessment, figures):
    assert findings.results_overview(assessment, figures, 2024, "vi") == (
        "## Nhóm chỉ tiêu đạt: 2/15 (8/47 chỉ số); 4 nhóm không đạt; 9 nhóm chưa đủ kết quả "
        "cả năm\n"
        "\n"
        "Đối chiếu 15 chỉ tiêu chủ yếu năm 2024 của Nghị quyết (47 chỉ số) với\n"
        "26 số liệu thực hiện (1 tệp, công bố đến ngày 15/03/2025):\n"
        "\n"
        "- theo nhóm chỉ tiêu: **đạt 2/15**, không đạt 4, chưa đủ kết\n"
        "  quả cả năm 9 (đủ số liệu cả năm: 4/15 nhóm);\n"
        "- theo chỉ số: **đạt: 8**; **không đạt: 7** (kết quả cả năm 2024);\n"
        "- theo số liệu trong năm: đúng tiến độ 2, cần tăng tốc\n"
        "  2, chậm 1, đi ngược 1;\n"
        "- chưa có số liệu: 26.\n"
        "\n" + GROUP_RULE["vi"]
    )


def test_results_overview_counts_files_and_names_the_year_given(assessment, figures):
    two = figures.assign(file=["a.csv"] * 10 + ["b.csv"] * (len(figures) - 10))
    text = findings.results_overview(assessment, two, 2031, "en")
    assert "main targets for 2031 (47 figures) against\n26 actual figures (2 files," in text
    assert "(results of the year 2031)" in text


def test_watch_text_lists_the_missed_then_the_slipping(assessment):
    missed = listed_targets(assessment, ("not_met",), "en")
    slipping = listed_targets(assessment, IN_YEAR_WATCH, "en")
    assert findings.watch_text(assessment, "en") == (
        f"**Not met** (actual / target): {missed}.\n\n"
        "**To watch in the year** (wrong direction, off track, needs acceleration): "
        f"{slipping}."
    )
    assert missed.startswith("GRDP growth (constant 2010 prices) (13.6 % / ≥ 14.5 %); ")
    assert slipping.startswith("Economic structure: services (21.8 % / 20.6 ± 0.5 %); ")
    vi = findings.watch_text(assessment, "vi")
    assert vi.startswith("**Không đạt** (thực hiện / mục tiêu): Tốc độ tăng trưởng GRDP (13,6 %")
    assert "\n\n**Cần chú ý trong năm** (đi ngược, chậm, cần tăng tốc): Cơ cấu kinh tế" in vi


def test_watch_text_leaves_out_an_empty_list(assessment):
    only_missed = assessment[~assessment["status"].isin(IN_YEAR_WATCH)]
    assert findings.watch_text(only_missed, "en").endswith(".\n\n")
    assert findings.watch_text(only_missed, "en").startswith("**Not met** (actual / target): ")
    only_slipping = assessment[assessment["status"] != "not_met"]
    assert findings.watch_text(only_slipping, "vi").startswith("**Cần chú ý trong năm**")
    nothing = assess(load_targets(), empty_actuals())
    assert findings.watch_text(nothing, "en") == ""


def test_unknown_language_is_refused(assessment, figures):
    with pytest.raises(ValueError, match="lang"):
        findings.results_overview(assessment, figures, 2024, "fr")
    with pytest.raises(ValueError, match="lang"):
        findings.watch_text(assessment, "fr")
