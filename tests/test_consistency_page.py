"""The consistency report's figures and tables (analysis.report.consistency_page).

The report rows below are written by hand; the figures are those of the target scenario
(tests/test_report_figures.py): the deflator the two targets need, 2.888 % → "2,89 %"; GRDP
2024 at current prices 214.29 trillion VND → "214,3"; the ICOR 103,500 / 32,391 = 3.1953 → "3,20".
"""

import math

import pandas as pd
import pytest

from analysis.report.consistency_page import (
    check_figure,
    checks_table,
    flagged_closures,
    notes_table,
)

REPORT = pd.DataFrame(
    {
        "value": [2.888, 214.29, 103500 / 32391, 1.2, 2.4, 0.8, 12.3],
        "value_base": [math.nan, 181.9, math.nan, math.nan, math.nan, math.nan, 11.5],
        "unit": [
            "%",
            "trillion VND",
            "ratio",
            "standard deviations",
            "standard deviations",
            "standard deviations",
            "% of GRDP",
        ],
        "verdict": [
            "consistent",
            "information",
            "stretched",
            "consistent",
            "inconsistent",
            "stretched",
            "information",
        ],
        "note": ["pi*", "N", "I / dN", "max |z|", "max |z|", "z of one sector", "R / N"],
        "note_id": ["nominal_grdp"] * 2 + ["icor_current"] + ["no_target"] * 4,
        "figures": [{"year": 2023, "grdp": 181.9, "growth": 0.145, "deflator": 0.02888}] * 2
        + [{"investment": 103500, "increase": 32391, "deflator": 0.02888, "low": 3, "high": 7}]
        + [{"target": "budget_revenue"}] * 4,
    },
    index=pd.Index(
        [
            "per_head.implied_deflator",
            "per_head.nominal_grdp_plan",
            "icor.current_prices",
            "structure.equal_prices",
            "structure.min_deviation",
            "structure.equal_prices.services",
            "ratio.budget_revenue_to_grdp",
        ],
        name="check",
    ),
)


@pytest.mark.parametrize(
    ("value", "unit", "lang", "expected"),
    [
        (2.888, "%", "vi", "2,89 %"),
        (14.5, "% growth", "en", "14.50 %"),
        (12.3, "% of GRDP", "vi", "12,30 % (% GRDP)"),
        (-1.5, "% vs GRDP deflator", "en", "-1.50 % (% vs GRDP deflator)"),
        (214.29, "trillion VND", "vi", "214,3 nghìn tỷ đồng"),
        (103500.0, "billion VND", "vi", "103.500 tỷ đồng"),
        (103500 / 32391, "ratio", "vi", "3,20 lần"),
        (1.26, "standard deviations", "en", "1.26 standard deviations"),
        (4500.07, "USD", "en", "4,500 USD"),
        (0.5, "index", "en", "0.50"),
        (math.nan, "%", "vi", "–"),
        (None, "%", "en", "–"),
    ],
)
def test_check_figure(value, unit, lang, expected):
    assert check_figure(value, unit, lang) == expected


def test_checks_table():
    table = checks_table(REPORT, 2023, "vi")
    assert list(table.columns) == ["Kiểm tra", "Giá trị", "Năm 2023", "Đánh giá"]
    assert table.iloc[0].tolist() == [
        "Chỉ số giảm phát cần có để tăng trưởng và GRDP/người khớp nhau",
        "2,89 %",
        "–",
        "Nhất quán",
    ]
    assert table.iloc[1].tolist()[1:] == ["214,3 nghìn tỷ đồng", "181,9 nghìn tỷ đồng", "Tham khảo"]
    assert table.iloc[2].tolist()[1:] == ["3,20 lần", "–", "Căng"]
    en = checks_table(REPORT, 2023, "en")
    assert en.iloc[4, 0] == "Minimum deviation: largest distance from history"
    assert en.iloc[6].tolist()[1:] == ["12.30 % (% of GRDP)", "11.50 % (% of GRDP)", "Information"]


def test_notes_table():
    table = notes_table(REPORT, "en")
    assert list(table.columns) == ["Check", "How it is computed"]
    assert table.iloc[2].tolist() == [
        "Implied ICOR (current prices)",
        "103,500 / 32,391 billion VND (GRDP increase at current prices, π 2.89 %); "
        "reference band 3.0 – 7.0",
    ]
    assert len(table) == len(REPORT)
    vi = notes_table(REPORT, "vi")
    assert list(vi.columns) == ["Kiểm tra", "Cách tính"]
    assert vi.iloc[2, 1].startswith("103.500 / 32.391 tỷ đồng (GRDP tăng thêm theo giá hiện hành")
    assert vi.iloc[0, 1] == "GRDP 2023 × (1 + g*)(1 + π*) = 181,9 × 1,1450 × 1,0289"


def test_closures_flagged_not_their_sectors():
    closures, flagged = flagged_closures(REPORT)
    assert closures == ["structure.equal_prices", "structure.min_deviation"]
    # structure.equal_prices.services is stretched, but it is a sector row, not a closure.
    assert flagged == ["structure.min_deviation"]
