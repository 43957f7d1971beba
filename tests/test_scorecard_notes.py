"""The scorecard's fixed explanations say what the code does (analysis.report.scorecard_notes).

Each text explains a rule of the package: the tests hold the text to the rule, so a rule that
changes without its explanation fails here.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.data import paths
from analysis.data.actuals import ACTUAL_KINDS, ACTUALS_COLUMNS, write_actuals_template
from analysis.data.plans import load_plan
from analysis.economics.scorecard import group_results
from analysis.economics.scorecard_measures import AMBER, GREEN
from analysis.report import scorecard_notes as notes

ROOT = Path(__file__).resolve().parents[1]


def test_reading_guide_states_the_thresholds_of_the_lights():
    # GREEN = 0.95 of the calendar's pace, AMBER = 0.60 of the gap closed.
    assert (GREEN, AMBER) == (0.95, 0.60)
    vi = notes.reading_guide(2023, "vi")
    assert "(số liệu trong năm đạt từ 95 % tiến độ thời gian)" in vi
    assert "không đạt nhưng đã thu hẹp từ 60 % khoảng cách trở lên" in vi
    assert "thu hẹp dưới 60 %" in vi
    en = notes.reading_guide(2023, "en")
    assert "in-year figures at 95 % or more of the pace" in en
    assert "not met with 60 % or more of the\ngap closed" in en


def test_reading_guide_names_the_tables_columns_and_the_base_year():
    en = notes.reading_guide(2023, "en")
    assert en.startswith("### How to read the tables\n\nColumn **Assessment** states")
    assert "**Gap closed (%)** = (actual − 2023) / (target − 2023)" in en
    vi = notes.reading_guide(2019, "vi")
    assert "**Khoảng cách đã thu hẹp (%)** = (thực hiện − năm 2019) / (mục tiêu − năm 2019)" in vi
    assert "2023" not in vi
    with pytest.raises(ValueError, match="lang"):
        notes.reading_guide(2023, "fr")


def test_reading_guide_says_why_a_year_to_date_amount_has_no_gap_closed():
    # assess leaves the gap closed of an in-year figure that accumulates undefined
    # (analysis.economics.scorecard_measures): the guide says so, in each language.
    en = notes.reading_guide(2023, "en").replace("\n", " ")
    assert "or where the figure is a year-to-date amount of a target built up over the year" in en
    assert "(part of a year is not compared with the whole of 2023)" in en
    vi = notes.reading_guide(2023, "vi").replace("\n", " ")
    assert "hoặc khi số liệu là số lũy kế từ đầu năm của chỉ tiêu thực hiện dần trong năm" in vi


def test_no_actuals_text_names_the_place_looked_in_and_the_counts():
    en = notes.no_actuals_text(ROOT / "data" / "raw" / "actuals", 47, 15, "en")
    assert en.startswith(
        "## No actual results yet\n\nNo actual results were found (data/raw/actuals:"
    )
    assert "the resolution's 47 main targets for 2024 in their 15\ngroups" in en
    vi = notes.no_actuals_text("/elsewhere/a_b.csv", 47, 15, "vi")
    assert "(/elsewhere/a\\_b.csv: không có tệp hoặc tệp chưa điền)" in vi  # escaped for Markdown


def test_no_actuals_text_matches_the_actuals_format():
    en = notes.no_actuals_text("x", 1, 1, "en")
    for column in ("value", "kind", "as_of", "source"):
        assert column in ACTUALS_COLUMNS and f"`{column}`" in en
    assert set(ACTUAL_KINDS) == {"estimate", "actual"}
    assert "(`estimate` or `actual`)" in en
    q1, h1, m9, year = load_plan().periods  # the default pack's: 2024-Q1, ..., 2024
    assert year == "2024"
    assert f"period `{q1}`, `{h1}`, `{m9}`" in en
    assert f"(period `{year}`, column `value` empty)" in en
    vi = notes.no_actuals_text("x", 1, 1, "vi")
    assert f"kỳ `{q1}`, `{h1}`,\n   `{m9}`." in vi


def test_the_template_file_named_is_the_one_the_command_writes(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "data" / "raw", tmp_path / "data" / "raw")
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    written = write_actuals_template()
    assert written.parent == tmp_path / "data" / "raw" / "plans" / "bac-giang-2024" / "actuals"
    assert written.name == notes.template_file_name() == "actuals_2024.csv"
    shown = f"`data/raw/plans/bac-giang-2024/actuals/{written.name}`"
    assert shown in notes.no_actuals_text("x", 1, 1, "en")


def test_the_commands_named_exist():
    text = notes.no_actuals_text("x", 1, 1, "en")
    assert "`python -m analysis actuals-template`" in text
    proc = subprocess.run(
        [sys.executable, "-m", "analysis", "actuals-template", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("check", "report"):
        assert f"`make {target}`" in text
        assert f"\n{target}: " in makefile


def _assessment(statuses: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"group": [1] * len(statuses), "status": statuses})


@pytest.mark.parametrize(
    ("statuses", "verdict"),
    [
        (["met", "met"], "met"),  # every figure has the year's result and all are met
        (["met", "not_met", "no_data"], "not_met"),  # as soon as one of them is not met
        (["met", "no_data"], "open"),  # otherwise it awaits the year's results
        (["met", "on_track"], "open"),  # in-year figures do not complete a group
    ],
)
def test_the_group_rule_is_the_one_group_results_applies(statuses, verdict):
    assert group_results(_assessment(statuses)).loc[1, "status"] == verdict
    assert (
        "is met when every figure in it has the year's\nresult and all are met"
        in (notes.GROUP_RULE["en"])
    )
    assert "not met as soon as one of them is not met" in notes.GROUP_RULE["en"]
    assert "In-year figures do not complete a group." in notes.GROUP_RULE["en"]
    assert "Số liệu\ntrong năm không làm đủ một nhóm." in notes.GROUP_RULE["vi"]
