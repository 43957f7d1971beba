"""One verdict vocabulary: the structure solver's verdicts, decided by one function.

The structural-shift report (02) and the consistency report (03) both show the verdicts of
:func:`analysis.economics.structure_solution.structure_verdicts`; these tests pin the rule with
hand-worked z-scores and show that the two reports' tables say the same for the same figures.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.economics.closures import equal_prices, given_growth, min_deviation
from analysis.economics.consistency_structure import structure_check
from analysis.economics.sector_growth import GrowthBaseline
from analysis.economics.structure_solution import judge_structure, structure_verdicts
from analysis.report.labels import label
from analysis.report.structure_page import solution_rows, verdict_rule_text

IC, SV, AG = "industry_construction", "services", "agriculture"


def _s(a: float, b: float, c: float) -> pd.Series:
    return pd.Series([a, b, c], index=[IC, SV, AG], dtype=float)


# The record of test_closures: 2016-2019 and 2023 sector growth, means and sample sds.
BASELINE = GrowthBaseline(_s(0.21568, 0.07172, 0.02154), _s(0.03730009, 0.00803194, 0.02915661), {})
SHARES, TARGETS = _s(0.657, 0.213, 0.130), _s(0.680, 0.206, 0.114)
WEIGHTS = _s(0.712354, 0.177486, 0.110160)
COMMON = {"target_growth": 0.145, "deflator": 0.0289, "baseline": BASELINE}


def test_the_rule_by_hand():
    # z = (-1.0, 3.7, -0.8) against a limit of 2: services alone beyond it.
    verdicts = judge_structure(_s(-1.0, 3.7, -0.8), 2.0)
    assert verdicts.growth.tolist() == ["consistent", "stretched", "consistent"]
    assert verdicts.prices.tolist() == ["information"] * 3  # prices not judged
    assert verdicts.sectors.tolist() == ["consistent", "stretched", "consistent"]
    assert verdicts.closure == "stretched"
    # Exactly at the limit is not beyond it.
    assert judge_structure(_s(2.0, -2.0, 0.0), 2.0).closure == "consistent"


def test_a_price_beyond_the_limit_stretches_its_sector_and_the_closure():
    # Growth z all small; agriculture's price 2.5 assumed sds away.
    verdicts = judge_structure(_s(0.5, -0.3, 0.1), 2.0, price_z=_s(0.1, 0.4, -2.5))
    assert verdicts.growth.tolist() == ["consistent"] * 3
    assert verdicts.prices.tolist() == ["consistent", "consistent", "stretched"]
    assert verdicts.sectors.tolist() == ["consistent", "consistent", "stretched"]
    assert verdicts.closure == "stretched"


def test_no_solution_is_inconsistent_throughout():
    nan = _s(np.nan, np.nan, np.nan)
    verdicts = judge_structure(nan, 2.0)
    assert verdicts.closure == "inconsistent"
    assert set(verdicts.sectors) == {"inconsistent"}


def test_closure_a_2024_services_alone_is_stretched():
    # Closure A on the 2024 targets (test_closures): growth 17.85 / 10.13 / -0.15 %;
    # z = (17.85 - 21.568)/3.730 = -1.00, (10.13 - 7.172)/0.803 = +3.68,
    # (-0.15 - 2.154)/2.916 = -0.79.
    sol = equal_prices(SHARES, WEIGHTS, TARGETS, **COMMON)
    verdicts = structure_verdicts(sol)
    assert verdicts.growth_z.to_numpy() == pytest.approx([-1.00, 3.68, -0.79], abs=0.01)
    assert verdicts.sectors.to_dict() == {IC: "consistent", SV: "stretched", AG: "consistent"}
    assert verdicts.closure == sol.verdict == "stretched"


def _report_verdicts(solution) -> dict[str, str]:
    """Report 03's verdict of each sector of a closure (growth, and price where judged)."""
    rows = structure_check(solution).set_index("check")["verdict"]
    out = {}
    for sector in solution.growth.index:
        said = [rows[f"structure.{solution.closure}.{sector}"]]
        price = f"structure.{solution.closure}.relative_price.{sector}"
        if price in rows.index:
            said.append(rows[price])
        out[sector] = "stretched" if "stretched" in said else "consistent"
    return out


@pytest.mark.parametrize("closure", ["equal_prices", "min_deviation", "given_growth"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_reports_02_and_03_say_the_same_of_each_sector(closure, lang):
    if closure == "equal_prices":
        sol = equal_prices(SHARES, WEIGHTS, TARGETS, **COMMON)
    elif closure == "min_deviation":
        sol = min_deviation(SHARES, WEIGHTS, TARGETS, **COMMON)
    else:  # the master plan's midpoints 17.5 / 10.5 / 2.5 %
        sol = given_growth(
            SHARES, WEIGHTS, TARGETS, sector_growth=_s(0.175, 0.105, 0.025), **COMMON
        )
    sector_col, verdict_col = ("Khu vực", "Đánh giá") if lang == "vi" else ("Sector", "Verdict")
    shown = {r[sector_col]: r[verdict_col] for r in solution_rows(sol, lang)}
    said_03 = _report_verdicts(sol)
    words = {"consistent": ("Nhất quán", "Consistent"), "stretched": ("Căng", "Stretched")}
    for sector, verdict in said_03.items():
        assert shown[label(sector, lang)] == words[verdict][0 if lang == "vi" else 1]
    # The old disagreement: closure A's industry row (z -1.00) was 'stretched' in 02 because
    # it showed the closure's verdict on every row; 03 said 'consistent'.
    if closure == "equal_prices":
        assert said_03[IC] == "consistent"


def test_the_structure_row_of_03_carries_the_closure_verdict():
    sol = min_deviation(SHARES, WEIGHTS, TARGETS, **COMMON)
    rows = structure_check(sol).set_index("check")
    assert rows.loc["structure.min_deviation", "verdict"] == structure_verdicts(sol).closure
    # Closure C judges its prices: its price rows carry a verdict, not 'information'.
    prices = rows.loc[[f"structure.min_deviation.relative_price.{k}" for k in (IC, SV, AG)]]
    assert set(prices["verdict"]) <= {"consistent", "stretched"}
    given = given_growth(SHARES, WEIGHTS, TARGETS, sector_growth=_s(0.175, 0.105, 0.025), **COMMON)
    given_rows = structure_check(given).set_index("check")
    assert given_rows.loc[f"structure.given_growth.relative_price.{SV}", "verdict"] == (
        "information"
    )


def test_thresholds_travel_with_the_solution():
    # A limit of 4 sds: closure A's services (z +3.68) is no longer stretched, in both reports.
    sol = equal_prices(SHARES, WEIGHTS, TARGETS, z_limit=4.0, **COMMON)
    assert sol.z_limit == 4.0 and sol.verdict == "consistent"
    rows = structure_check(sol).set_index("check")["verdict"]
    assert rows[f"structure.equal_prices.{SV}"] == "consistent"
    assert math.isclose(structure_verdicts(sol).z_limit, 4.0)


def test_the_rule_is_written_with_the_other_reports_title():
    vi = verdict_rule_text(2.0, 0.05, "Tính nhất quán của các chỉ tiêu năm 2024", "vi")
    assert "«Tính nhất quán của các chỉ tiêu năm 2024»" in vi
    assert "2 độ lệch chuẩn" in vi and "5,0 %" in vi
    en = verdict_rule_text(2.5, 0.05, "Consistency of the 2024 targets", "en")
    assert '"Consistency of the 2024 targets"' in en
    assert "2.5 standard deviations" in en and "5.0 %" in en
