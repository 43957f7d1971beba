"""The scenario comparison's tables (analysis.report.comparison_page).

The target scenario's year, by hand (tests/test_report_figures.py): growth 14.5 %, deflator
2.89 %, GRDP 181.9 × 1.145 × 1.0289 = 214.29 trillion VND, 8.80 bn USD, 4,500 USD per head.
"""

import pandas as pd

from analysis.report.comparison_page import joint_text, probability_table, year_table

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
        "GRDP giá hiện hành (nghìn tỷ đồng)",
        "GRDP quy đổi USD (tỷ USD)",
        "GRDP bình quân đầu người (USD)",
    ]
    assert table.values.tolist() == [
        ["Resolution target", "14,50 %", "2,89 %", "214,3", "8,80", "4.500"],
        ["Low", "11,00 %", "2,30 %", "205,1", "8,43", "4.292"],
        ["Mục tiêu", "14,5 %", "", "", "", "4.500"],
    ]


def test_probability_table_with_standard_errors():
    table = probability_table(ANNUAL, LABELS, "en")
    assert list(table.columns) == [
        "Scenario",
        "Growth",
        "GRDP per head",
        "Structure",
        "All together",
    ]
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
    assert probability_table(ANNUAL, LABELS, "vi").columns[-1] == "Cùng đạt"


def test_a_plan_without_a_structure_target_has_no_structure_column():
    two = ANNUAL.drop(
        columns=["probability_structure_target", "probability_structure_target_standard_error"]
    )
    assert list(probability_table(two, LABELS, "en").columns) == [
        "Scenario",
        "Growth",
        "GRDP per head",
        "All together",
    ]
    assert joint_text(two, LABELS, "Report U", "en") == (
        "The probability that the 2 macro targets (growth, GRDP per head) are met together is "
        "highest under Resolution target: **12.5 %**. Assumptions and distributions are in each "
        'scenario\'s report "Report U".'
    )


def test_joint_text_names_the_three_targets():
    assert joint_text(ANNUAL, LABELS, "Báo cáo U", "vi") == (
        "Xác suất 3 chỉ tiêu vĩ mô (tăng trưởng, GRDP bình quân đầu người, cơ cấu) cùng đạt cao "
        "nhất ở Resolution target: **12,5 %**. Chi tiết giả định và phân phối trong báo cáo "
        "«Báo cáo U» của từng kịch bản."
    )
