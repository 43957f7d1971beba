"""The structural-shift report's phrases and solver table (analysis.report.structure_page)."""

import pandas as pd

from analysis.economics.closures import equal_prices, min_deviation
from analysis.economics.sector_growth import GrowthBaseline
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


def _baseline() -> GrowthBaseline:
    # Two sectors, history 17.34 % ± 2.2 points and 7.12 % ± 1.425 points.
    return GrowthBaseline(
        pd.Series({"industry_construction": 0.1734, "services": 0.0712}),
        pd.Series({"industry_construction": 0.022, "services": 0.01425}),
        {},
    )


def _solution(closure: str):
    # Shares 0.6 / 0.4, weights 0.55 / 0.45, target shares 0.62 / 0.38, growth 14 %, π 2 %.
    # Closure A: s'/s = 1.033333 / 0.95; Σ w s'/s = 0.568333 + 0.4275 = 0.995833;
    # k = 1.14 / 0.995833 = 1.144770; g = k s'/s - 1 = 18.29 % / 8.75 %;
    # z = (18.29 - 17.34)/2.2 = 0.43 and (8.75 - 7.12)/1.425 = 1.14: both consistent.
    # Every sector price: (1.02 × 0.995833) - 1 = 1.575 %; relative to π: -0.42 %.
    args = (
        pd.Series({"industry_construction": 0.6, "services": 0.4}),
        pd.Series({"industry_construction": 0.55, "services": 0.45}),
        pd.Series({"industry_construction": 0.62, "services": 0.38}),
    )
    common = {"target_growth": 0.14, "deflator": 0.02, "baseline": _baseline()}
    if closure == "equal_prices":
        return equal_prices(*args, **common)
    return min_deviation(*args, **common)


def test_solution_rows_one_per_sector():
    rows = solution_rows(_solution("equal_prices"), "en")
    assert rows == [
        {
            "Closure": "Equal sector prices",
            "Sector": "Industry and construction",
            "Required growth": "18.29 %",
            "Historical mean": "17.34 %",
            "Standard deviations": "0.4",
            "Relative price": "-0.42 %",
            "Verdict": "Consistent",
        },
        {
            "Closure": "Equal sector prices",
            "Sector": "Services",
            "Required growth": "8.75 %",
            "Historical mean": "7.12 %",
            "Standard deviations": "1.1",
            "Relative price": "-0.42 %",
            "Verdict": "Consistent",
        },
    ]


def test_a_rows_verdict_is_its_sectors_not_the_closures():
    # A limit of 1 sd: services (z 1.14) is stretched, and so the closure; industry (z 0.43)
    # is not, and its row says so (report 03 judges each sector the same way).
    sol = _solution("equal_prices")
    tight = equal_prices(
        sol.previous_shares,
        sol.weights,
        sol.target_shares,
        target_growth=0.14,
        deflator=0.02,
        baseline=_baseline(),
        z_limit=1.0,
    )
    assert tight.verdict == "stretched"
    verdicts = [r["Đánh giá"] for r in solution_rows(tight, "vi")]
    assert verdicts == ["Nhất quán", "Căng"]


def test_solutions_table_stacks_the_closures():
    table = solutions_table([_solution("equal_prices"), _solution("min_deviation")], "vi")
    assert len(table) == 4
    assert table["Cách khép"].tolist() == [
        "Giá các ngành tăng như nhau",
        "Giá các ngành tăng như nhau",
        "Độ lệch nhỏ nhất",
        "Độ lệch nhỏ nhất",
    ]
    assert table["Đánh giá"].tolist()[-1] == "Nhất quán"
    assert table.iloc[0]["Tăng trưởng cần có"] == "18,29 %"
