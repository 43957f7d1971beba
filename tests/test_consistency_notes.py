"""The consistency report's technical notes in the report's language
(analysis.report.consistency_notes).

The figures are the default plan's (2024 targets, scenario ``target``): investment 103,500
billion VND against a GRDP increase at current prices of 181.9 × (1.145 × 1.02888 − 1) =
32.391 trillion, i.e. "103.500 / 32.391 tỷ đồng" in Vietnamese and "103,500 / 32,391 billion
VND" in English.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from language_check import foreign_sentences

from analysis import consistency_report_from_tables, load_plan
from analysis.economics.closures import equal_prices
from analysis.economics.consistency_ratios import icor_check
from analysis.economics.consistency_structure import structure_check
from analysis.economics.sector_growth import GrowthBaseline
from analysis.report.consistency_notes import NOTE_WRITERS, note_text
from analysis.report.consistency_page import notes_table

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def report():
    pack = load_plan("")
    sc = pack.scenario("")
    values = pack.assumptions.set_index("assumption_id")["value"].to_dict()
    values["population_growth"] = sc.population_growth
    values["depreciation"] = sc.exchange_rate.depreciation
    return consistency_report_from_tables(
        pack.targets,
        pack.baselines,
        pack.series,
        values,
        base_year=pack.base_year,
        plan_year=pack.plan_year,
    ).set_index("check")


def _note_ids_in_the_economics() -> set[str]:
    """The ``note_id`` (7th argument) of every ``report_row`` call of the economics."""
    ids = set()
    for path in (ROOT / "analysis" / "economics").glob("consistency_*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "report_row":
                assert len(node.args) >= 7, f"{path.name}:{node.lineno}: a row without note_id"
                assert isinstance(node.args[6], ast.Constant), f"{path.name}:{node.lineno}"
                ids.add(node.args[6].value)
    return ids


def test_every_note_id_of_the_economics_has_words():
    ids = _note_ids_in_the_economics()
    assert len(ids) >= 16
    assert ids <= set(NOTE_WRITERS), ids - set(NOTE_WRITERS)


def test_every_row_of_the_report_has_a_note_id(report):
    assert report["note_id"].isin(list(NOTE_WRITERS)).all()


def test_icor_note_in_the_reports_number_format(report):
    vi = notes_table(report, "vi").set_index("Kiểm tra")["Cách tính"]
    en = notes_table(report, "en").set_index("Check")["How it is computed"]
    assert vi["ICOR hàm ý (giá hiện hành)"].startswith("103.500 / 32.391 tỷ đồng (")
    assert en["Implied ICOR (current prices)"].startswith("103,500 / 32,391 billion VND (")
    assert "2,89 %" in vi["ICOR hàm ý (giá hiện hành)"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_notes_are_in_one_language(report, lang):
    table = notes_table(report, lang)
    text = "\n".join(" | ".join(row) for row in table.astype(str).to_numpy())
    assert foreign_sentences(text, lang) == []


def test_the_english_record_is_english(report):
    # The checker can fail: the economics' record (the note column) is English.
    assert foreign_sentences("\n".join(report["note"]), "vi")


def test_icor_by_hand():
    # 181.9 × (1.145 × 1.03 − 1) = 32.6238 trillion; 100,000 / 32,624 = 3.07.
    rows = icor_check(
        investment=100_000.0,
        grdp_base=181.9,
        target_growth=0.145,
        deflator=0.03,
        base_year=2023,
        plan_year=2024,
    ).set_index("check")
    row = rows.loc["icor.current_prices"]
    vi = note_text(row["note_id"], row["figures"], "vi")
    assert vi == (
        "100.000 / 32.624 tỷ đồng (GRDP tăng thêm theo giá hiện hành, giảm phát 3,00 %); "
        "khoảng tham chiếu 3,0 – 7,0"
    )


def test_a_stretched_closure_names_its_sector_and_limit():
    base = GrowthBaseline(
        pd_series(0.21568, 0.07172, 0.02154), pd_series(0.03730009, 0.00803194, 0.02915661), {}
    )
    sol = equal_prices(
        pd_series(0.657, 0.213, 0.130),
        pd_series(0.712354, 0.177486, 0.110160),
        pd_series(0.680, 0.206, 0.114),
        target_growth=0.145,
        deflator=0.0289,
        baseline=base,
    )
    row = structure_check(sol).set_index("check").loc["structure.equal_prices"]
    vi = note_text(row["note_id"], row["figures"], "vi")
    assert "Dịch vụ: tăng trưởng cần có cách bình quân lịch sử +3,7 độ lệch chuẩn (ngưỡng 2)" in vi
    en = note_text(row["note_id"], row["figures"], "en")
    assert "Services: required growth lies +3.7 historical standard deviations" in en


def test_an_unknown_note_is_refused():
    with pytest.raises(KeyError, match="no words for 'mystery'"):
        note_text("mystery", {}, "vi")


def pd_series(a: float, b: float, c: float):
    import pandas as pd

    return pd.Series([a, b, c], index=["industry_construction", "services", "agriculture"])
