"""The structural-shift report's phrases and solver table (analysis.report.structure_page)."""

from types import SimpleNamespace

import pandas as pd

from analysis.report.structure_page import (
    contributions_text,
    points_text,
    shares_text,
    solution_rows,
    solutions_table,
)


def test_shares_as_the_province_writes_them():
    # The 2023 structure of the province's report: 65.7 / 21.3 / 13.0 %.
    shares = pd.Series({"industry_construction": 0.657, "services": 0.213, "agriculture": 0.13})
    assert shares_text(shares, "vi") == "65,7 % / 21,3 % / 13,0 %"
    assert shares_text([0.68, 0.206, 0.114], "en") == "68.0 % / 20.6 % / 11.4 %"


def test_gaps_in_points():
    # 2024 projected minus target: 66.8 − 68 = −1.2; 20.9 − 20.6 = 0.3; 12.3 − 11.4 = 0.9.
    gaps = pd.Series([66.8 - 68.0, 20.9 - 20.6, 12.3 - 11.4])
    assert points_text(gaps, "vi") == "-1,2 / 0,3 / 0,9"
    assert points_text(gaps, "en") == "-1.2 / 0.3 / 0.9"


def test_contributions_in_points():
    contrib = pd.Series({"industry_construction": 11.734, "services": 1.45, "agriculture": 0.3})
    assert contributions_text(contrib, "vi") == (
        "Công nghiệp - xây dựng 11,73; Dịch vụ 1,45; Nông, lâm nghiệp, thuỷ sản 0,30"
    )
    assert contributions_text(contrib, "en").startswith("Industry and construction 11.73; ")


def _solution(closure: str, verdict: str) -> SimpleNamespace:
    frame = pd.DataFrame(
        {
            "sector": ["industry_construction", "services"],
            "growth": [0.2012, 0.0655],
            "baseline_growth": [0.1734, 0.0712],
            "z": [1.26, -0.4],
            "relative_price": [-0.0153, 0.0],
        }
    )
    return SimpleNamespace(closure=closure, verdict=verdict, to_frame=lambda: frame)


def test_solution_rows_one_per_sector():
    rows = solution_rows(_solution("equal_prices", "stretched"), "en")
    assert rows == [
        {
            "Closure": "Equal sector prices",
            "Sector": "Industry and construction",
            "Required growth": "20.12 %",
            "Historical mean": "17.34 %",
            "Standard deviations": "1.3",
            "Relative price": "-1.53 %",
            "Verdict": "Stretched",
        },
        {
            "Closure": "Equal sector prices",
            "Sector": "Services",
            "Required growth": "6.55 %",
            "Historical mean": "7.12 %",
            "Standard deviations": "-0.4",
            "Relative price": "0.00 %",
            "Verdict": "Stretched",
        },
    ]


def test_solutions_table_stacks_the_closures():
    table = solutions_table(
        [_solution("equal_prices", "stretched"), _solution("min_deviation", "consistent")], "vi"
    )
    assert len(table) == 4
    assert table["Cách khép"].tolist() == [
        "Giá các ngành tăng như nhau",
        "Giá các ngành tăng như nhau",
        "Độ lệch nhỏ nhất",
        "Độ lệch nhỏ nhất",
    ]
    assert table["Đánh giá"].tolist()[-1] == "Nhất quán"
    assert table.iloc[0]["Tăng trưởng cần có"] == "20,12 %"
