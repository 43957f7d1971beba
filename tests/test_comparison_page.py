"""The scenario comparison's tables (analysis.report.comparison_page).

The target scenario's year, by hand (tests/test_report_figures.py): growth 14.5 %, deflator
2.89 %, GRDP 181.9 × 1.145 × 1.0289 = 214.29 trillion VND, 8.80 bn USD, 4,500 USD per head.
"""

import pandas as pd

from analysis.report.comparison_page import probability_table, year_table

ANNUAL = pd.DataFrame(
    {
        "grdp_growth": [14.5, 11.0],
        "grdp_deflator_growth": [2.89, 2.3],
        "grdp_current_prices": [181.9 * 1.145 * 1.0289, 205.1],
        "grdp_usd": [8.8039, 8.43],
        "grdp_per_capita_usd": [4500.07, 4292.4],
        "probability_grdp_growth_target": [54.34, 3.1],
        "probability_grdp_growth_target_standard_error": [0.11, 0.04],
        "probability_grdp_per_capita_target": [50.2, 0.0],
        "probability_grdp_per_capita_target_standard_error": [0.11, 0.0],
        "probability_structure_target": [20.0, 18.0],
        "probability_structure_target_standard_error": [0.09, 0.09],
        "probability_all_macro_targets": [12.5, 0.0],
        "probability_all_macro_targets_standard_error": [0.07, 0.0],
    },
    index=pd.Index(["target", "low"], name="scenario"),
)
LABELS = {"target": "Resolution target", "low": "Low"}


def test_year_table_with_the_targets_last():
    table = year_table(ANNUAL, LABELS, (14.5, 4500.0), "vi")
    assert list(table.columns) == [
        "Kịch bản",
        "Tăng trưởng GRDP (giá so sánh)",
        "Chỉ số giảm phát GRDP",
        "GRDP giá hiện hành",
        "GRDP quy đổi USD",
        "GRDP bình quân đầu người",
    ]
    assert table.values.tolist() == [
        ["Resolution target", "14,50 %", "2,89 %", "214,3", "8,80", "4.500"],
        ["Low", "11,00 %", "2,30 %", "205,1", "8,43", "4.292"],
        ["Mục tiêu", "14,5 %", "", "", "", "4.500"],
    ]


def test_probability_table_with_standard_errors():
    table = probability_table(ANNUAL, LABELS, "en")
    assert list(table.columns) == ["Scenario", "Growth", "GRDP per head", "Structure", "All three"]
    assert table.values.tolist() == [
        [
            "Resolution target",
            "54.3 % (± 0.1)",
            "50.2 % (± 0.1)",
            "20.0 % (± 0.1)",
            "12.5 % (± 0.1)",
        ],
        ["Low", "3.1 % (± 0.0)", "0.0 % (± 0.0)", "18.0 % (± 0.1)", "0.0 % (± 0.0)"],
    ]
    assert probability_table(ANNUAL, LABELS, "vi").columns[-1] == "Cả ba cùng đạt"
