"""The scorecard (methodology §7): verdicts by comparator, in-year status, the display table.

Every expected number is a hand calculation written beside it. The fixture
tests/fixtures/actuals/illustrative_actuals_2024.csv holds invented figures (marked
ILLUSTRATIVE in its source column) chosen to exercise each rule. The in-year view of growth
is tested in tests/test_scorecard_in_year.py.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import assess, load_actuals, load_targets, summary
from analysis.data.actuals import empty_actuals
from analysis.economics.scorecard import group_results
from analysis.report.scorecard_view import (
    STATUS_WORDS,
    headline_text,
    scorecard_table,
    style_scorecard,
    summary_text,
)

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "actuals" / "illustrative_actuals_2024.csv"
NAN = float("nan")


@pytest.fixture(scope="module")
def targets() -> pd.DataFrame:
    return load_targets()


@pytest.fixture(scope="module")
def actuals() -> pd.DataFrame:
    return load_actuals(FIXTURE)


@pytest.fixture(scope="module")
def card(targets, actuals) -> pd.DataFrame:
    return assess(targets, actuals).set_index("indicator_id")


def _target(**given) -> pd.DataFrame:
    """A one-row targets table for a hand-made target."""
    row = {
        "indicator_id": "x",
        "group": 1,
        "name_vi": "chỉ tiêu x",
        "name_en": "target x",
        "unit": "%",
        "comparator": "at_least",
        "target": NAN,
        "target_low": NAN,
        "target_high": NAN,
        "tolerance": NAN,
        "accumulates": False,
        "baseline": NAN,
    }
    row.update(given)
    return pd.DataFrame([row])


def _actual(value, period="2024", ident="x", as_of="2024-12-31") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": [ident],
            "period": [period],
            "value": [float(value)],
            "kind": ["actual"],
            "as_of": [pd.Timestamp(as_of)],
            "source": ["test"],
        }
    )


def _one(targets: pd.DataFrame, actuals: pd.DataFrame) -> pd.Series:
    out = assess(targets, actuals)
    assert len(out) == 1
    return out.iloc[0]


def _close(value, expected, tol=1e-6) -> bool:
    if isinstance(expected, float) and math.isnan(expected):
        return math.isnan(value)
    return value == pytest.approx(expected, abs=tol)


# --- final results of the year, from the fixture --------------------------------------------

# indicator: (status, light, achieved, attainment, gap_closed, miss), hand-worked:
FINAL = {
    # growth on levels: 14.5 target, 13.6 actual.
    # attainment (1 + 0.136)/(1 + 0.145) = 1.136/1.145 = 0.9921397;
    # gap closed on levels g_a/g_T = 13.6/14.5 = 0.9379310; miss 13.6 - 14.5 = -0.9 points.
    # Not met; 0.60 <= 0.938 -> amber.
    "grdp_growth": ("not_met", "amber", False, 0.9921397, 0.9379310, -0.9),
    # at_least met with a baseline: 4,620 vs 4,500 USD, baseline 3,950.
    # attainment 4620/4500 = 1.0266667; gap (4620-3950)/(4500-3950) = 670/550 = 1.2181818.
    "grdp_per_capita_usd": ("met", "green", True, 1.0266667, 1.2181818, 0.0),
    # at_least missed, no baseline: 15,200 vs 16,000 billion VND (latest vintage and period).
    # attainment 15200/16000 = 0.95; gap closed undefined (no baseline) -> NaN; the light is
    # read from the attainment, 0.95, but a missed target is never green -> amber.
    "budget_revenue": ("not_met", "amber", False, 0.95, NAN, -800.0),
    # at_least missed with a baseline: 76.9 vs 78, baseline 76.
    # attainment 76.9/78 = 0.9858974 (flatters); gap (76.9-76)/(78-76) = 0.9/2 = 0.45 -> red.
    "trained_labour_share": ("not_met", "red", False, 0.9858974, 0.45, -1.1),
    # at_least, moving the wrong way: 32.5 vs 34, baseline 33.
    # attainment 32.5/34 = 0.9558824; gap (32.5-33)/(34-33) = -0.5 -> dark red.
    "certified_labour_share": ("not_met", "dark_red", False, 0.9558824, -0.5, -1.5),
    # at_most met: 1.6 <= 1.8; attainment T/a = 1.8/1.6 = 1.125; no baseline.
    "poverty_rate": ("met", "green", True, 1.125, NAN, 0.0),
    # at_most missed: 2.8 > 2.5; attainment 2.5/2.8 = 0.8928571; miss +0.3 -> amber.
    "urban_unemployment": ("not_met", "amber", False, 0.8928571, NAN, 0.3),
    # equal within tolerance: |46.4 - 46.1| = 0.3 <= 0.5; attainment 46.1/46.4 = 0.9935345.
    "labour_share_industry_construction": ("met", "green", True, 0.9935345, NAN, 0.0),
    # equal at the edge: |31.7 - 31.2| = 0.5 <= 0.5 -> met; attainment 31.2/31.7 = 0.9842271.
    "labour_share_services": ("met", "green", True, 0.9842271, NAN, 0.0),
    # equal outside tolerance: |23.5 - 22.7| = 0.8 > 0.5; attainment 22.7/23.5 = 0.9659574;
    # miss +0.8 (above the target); not met -> amber, not green.
    "labour_share_agriculture": ("not_met", "amber", False, 0.9659574, NAN, 0.8),
    # equal to 100 with tolerance 0: 100 -> met, attainment 1.
    "temporary_housing_cleared": ("met", "green", True, 1.0, NAN, 0.0),
    # range 3-4 %: 3.5 inside -> met, attainment 1, miss 0.
    "new_party_members_rate": ("met", "green", True, 1.0, NAN, 0.0),
    # count: 230 persons >= 200 -> met; attainment 230/200 = 1.15.
    "new_party_members_private_enterprises": ("met", "green", True, 1.15, NAN, 0.0),
    # done / not done: done -> met, attainment 1.
    "administrative_merger": ("met", "green", True, 1.0, NAN, 0.0),
    # not done -> not met, attainment 0, progress 0 -> red; the miss is not a quantity.
    "no_security_hotspots": ("not_met", "red", False, 0.0, NAN, NAN),
}


@pytest.mark.parametrize("ident", list(FINAL))
def test_final_results_of_the_fixture(card, ident):
    status, light, achieved, attainment, gap, miss = FINAL[ident]
    row = card.loc[ident]
    assert row["period"] == "2024"
    assert (row["status"], row["light"]) == (status, light)
    assert bool(row["achieved"]) is achieved
    assert _close(row["attainment"], attainment)
    assert _close(row["gap_closed"], gap)
    assert _close(row["miss"], miss)


def test_rules_are_read_from_comparator_and_unit(card):
    assert card.loc["grdp_growth", "rule"] == "growth"  # at_least on "% growth"
    assert card.loc["new_party_members_private_enterprises", "rule"] == "count"  # persons
    assert card.loc["budget_revenue", "rule"] == "at_least"
    assert card.loc["new_party_members_rate", "rule"] == "range"


def test_latest_period_then_latest_vintage_is_used(card):
    # budget_revenue: 9M 11,000 (earlier period), 2024 15,000 as of 2024-12-20 (earlier
    # vintage), 2024 15,200 as of 2025-03-15 (the one used).
    row = card.loc["budget_revenue"]
    assert (row["actual"], row["kind"]) == (15200.0, "actual")
    assert row["as_of"] == pd.Timestamp("2025-03-15")
    # grdp_growth has 2024-Q1, 6M, 9M and 2024: the year is assessed.
    assert card.loc["grdp_growth", "actual"] == 13.6


def test_missed_target_closing_most_of_its_gap_is_amber_not_green(card):
    # 0.95 attainment is in the Open SDG green band, but the year's result missed the target.
    row = card.loc["budget_revenue"]
    assert row["progress"] == pytest.approx(0.95)
    assert row["measure"] == "attainment"
    assert row["light"] == "amber"


# --- in-year statuses, from the fixture ------------------------------------------------------

# indicator: (period, status, light, pace), hand-worked:
IN_YEAR = {
    # flow: 55,000 of 103,500 billion VND after 6 months: attainment 0.5314010;
    # pace 0.5314010/0.5 = 1.0628019 >= 0.95 -> on track.
    "social_investment": ("2024-6M", "on_track", "green", 1.0628019),
    # flow: 1.5 of 2.3 million arrivals after 9 months: 0.6521739/0.75 = 0.8695652
    # -> needs acceleration.
    "tourist_arrivals": ("2024-9M", "needs_acceleration", "amber", 0.8695652),
    # level: 67.0 after 6 months, baseline 65.7, target 68: gap (67-65.7)/(68-65.7) = 1.3/2.3
    # = 0.5652174; pace 0.5652174/0.5 = 1.1304348 -> on track.
    "share_industry_construction": ("2024-6M", "on_track", "green", 1.1304348),
    # level: 12.8 after 6 months, baseline 13.0, target 11.4: gap (12.8-13)/(11.4-13)
    # = -0.2/-1.6 = 0.125; pace 0.125/0.5 = 0.25 -> off track.
    "share_agriculture": ("2024-6M", "off_track", "red", 0.25),
    # level: 21.8 after 9 months, baseline 21.3, target 20.6: gap (21.8-21.3)/(20.6-21.3)
    # = 0.5/-0.7 = -0.7142857; pace -0.7142857/0.75 = -0.9523810 -> wrong direction.
    "share_services": ("2024-9M", "wrong_direction", "dark_red", -0.9523810),
    # done / not done, not yet done after 9 months: the task remains -> needs acceleration.
    "protracted_complaints_reduced": ("2024-9M", "needs_acceleration", "amber", NAN),
}


@pytest.mark.parametrize("ident", list(IN_YEAR))
def test_in_year_statuses_of_the_fixture(card, ident):
    period, status, light, pace = IN_YEAR[ident]
    row = card.loc[ident]
    assert row["period"] == period
    assert (row["status"], row["light"]) == (status, light)
    assert pd.isna(row["achieved"])  # the year is not over
    assert _close(row["pace"], pace)


def test_in_year_gap_closed_is_reported(card):
    # share_services: (21.8 - 21.3)/(20.6 - 21.3) = -0.7142857
    assert card.loc["share_services", "gap_closed"] == pytest.approx(-0.7142857, abs=1e-6)
    assert card.loc["share_services", "elapsed"] == 0.75


def test_in_year_growth_is_compared_with_the_annual_target(targets):
    # 10.0 % year to date after 6 months against 14.5 %: progress on levels 10/14.5
    # = 0.6896552, a rate needs no scaling by time -> pace 0.6896552 -> needs acceleration.
    row = _one(
        targets[targets["indicator_id"] == "grdp_growth"],
        _actual(10.0, "2024-6M", "grdp_growth"),
    )
    assert row["status"] == "needs_acceleration"
    assert row["pace"] == pytest.approx(0.6896552, abs=1e-6)
    # attainment on levels (1.10)/(1.145) = 0.9606987
    assert row["attainment"] == pytest.approx(0.9606987, abs=1e-6)


# --- in-year pace of figures built up over the year (column accumulates) -------------------


def _in_year(targets: pd.DataFrame, ident: str, value: float, period: str) -> pd.Series:
    return _one(targets[targets["indicator_id"] == ident], _actual(value, period, ident))


def test_housing_programme_on_schedule_at_six_months_is_on_track(targets):
    # temporary_housing_cleared: 100 % of temporary houses replaced in 2024, built up over the
    # year. 50 % after 6 months: attainment min(50, 100) / max(50, 100) = 0.5; elapsed 0.5;
    # pace 0.5 / 0.5 = 1.0 >= 0.95 -> on track (green), not "off track" at 0.5.
    row = _in_year(targets, "temporary_housing_cleared", 50.0, "2024-6M")
    assert (row["status"], row["light"]) == ("on_track", "green")
    assert row["pace"] == pytest.approx(1.0)
    assert bool(row["accumulates"]) is True


@pytest.mark.parametrize(
    ("ident", "value", "period", "status", "pace"),
    [
        # 60 % of merit families supported after 9 months: 0.6 / 0.75 = 0.8 -> amber.
        ("merit_families_housing_support", 60.0, "2024-9M", "needs_acceleration", 0.8),
        # 20 % of commune police HQs after Q1: 0.2 / 0.25 = 0.8 -> amber.
        ("commune_police_hq_built", 20.0, "2024-Q1", "needs_acceleration", 0.8),
        # 1.5 % of members admitted after 6 months, range 3-4 %: attainment 1.5 / 3 = 0.5;
        # pace 0.5 / 0.5 = 1.0 -> on track.
        ("new_party_members_rate", 1.5, "2024-6M", "on_track", 1.0),
        # 4.5 % after 6 months is already above the 4 % ceiling and can only grow: attainment
        # 4 / 4.5 = 0.8888889, not scaled by time -> needs acceleration (amber).
        ("new_party_members_rate", 4.5, "2024-6M", "needs_acceleration", 0.8888889),
        # 90 members in non-state enterprises after 6 months of 200: 0.45 / 0.5 = 0.9 -> amber.
        ("new_party_members_private_enterprises", 90.0, "2024-6M", "needs_acceleration", 0.9),
        # A level, not built up: 99.0 % insured after 6 months against 99.32 %, no baseline:
        # pace = attainment 99.0 / 99.32 = 0.9967781, not divided by 0.5 -> on track.
        ("health_insurance_coverage", 99.0, "2024-6M", "on_track", 0.9967781),
        # Poverty rate 2.0 % after 9 months against at most 1.8 %, no baseline: a rate observed
        # at a date, attainment 1.8 / 2.0 = 0.9 unscaled -> needs acceleration.
        ("poverty_rate", 2.0, "2024-9M", "needs_acceleration", 0.9),
    ],
)
def test_in_year_pace_follows_the_accumulates_column(targets, ident, value, period, status, pace):
    row = _in_year(targets, ident, value, period)
    assert row["status"] == status
    assert row["pace"] == pytest.approx(pace, abs=1e-6)


def test_the_same_figure_is_scaled_only_when_it_accumulates():
    # Target 100 (equal, tolerance 0), no baseline, 50 after 6 months: attainment 0.5.
    # Built up over the year: pace 0.5 / 0.5 = 1.0 -> on track.
    # A level: pace 0.5 (the level says nothing of the time elapsed) -> off track.
    built = _target(comparator="equal", target=100.0, tolerance=0.0, accumulates=True)
    level = _target(comparator="equal", target=100.0, tolerance=0.0, accumulates=False)
    assert _one(built, _actual(50.0, "2024-6M"))["status"] == "on_track"
    assert _one(level, _actual(50.0, "2024-6M"))["status"] == "off_track"


def test_budget_half_collected_at_mid_year_with_a_baseline_is_on_track():
    # Budget revenue, target 16,000 billion VND, the previous year's 14,000 as baseline,
    # 8,000 collected after 6 months (a year-to-date amount):
    # pace = (8,000 / 16,000) / 0.5 = 0.5 / 0.5 = 1.0 >= 0.95 -> on track (green).
    # The gap closed against the baseline, (8,000 - 14,000) / (16,000 - 14,000) = -3, compares
    # half a year with a whole one: undefined, not "wrong direction".
    t = _target(unit="billion VND", target=16000.0, baseline=14000.0, accumulates=True)
    row = _one(t, _actual(8000.0, "2024-6M"))
    assert row["pace"] == pytest.approx(1.0)
    assert (row["status"], row["light"]) == ("on_track", "green")
    assert math.isnan(row["gap_closed"])
    assert row["measure"] == "attainment"
    assert row["attainment"] == pytest.approx(0.5)


def test_budget_half_collected_at_mid_year_without_a_baseline_is_on_track():
    # The same budget without a baseline: (8,000 / 16,000) / 0.5 = 1.0 -> on track, the same
    # pace as with one.
    t = _target(unit="billion VND", target=16000.0, accumulates=True)
    row = _one(t, _actual(8000.0, "2024-6M"))
    assert row["pace"] == pytest.approx(1.0)
    assert (row["status"], row["light"]) == ("on_track", "green")


@pytest.mark.parametrize(
    ("collected", "period", "pace", "status"),
    [
        # 3,000 after Q1: (3,000 / 16,000) / 0.25 = 0.1875 / 0.25 = 0.75 -> amber.
        (3000.0, "2024-Q1", 0.75, "needs_acceleration"),
        # 6,000 after 9 months: (6,000 / 16,000) / 0.75 = 0.375 / 0.75 = 0.5 -> red.
        (6000.0, "2024-9M", 0.5, "off_track"),
        # 13,000 after 9 months: 0.8125 / 0.75 = 1.0833333 -> on track.
        (13000.0, "2024-9M", 1.0833333, "on_track"),
    ],
)
def test_accumulating_pace_with_a_baseline_ignores_it(collected, period, pace, status):
    t = _target(unit="billion VND", target=16000.0, baseline=14000.0, accumulates=True)
    row = _one(t, _actual(collected, period))
    assert row["pace"] == pytest.approx(pace, abs=1e-6)
    assert row["status"] == status


def test_a_share_carried_over_from_last_year_is_a_level_not_an_accumulating_amount():
    # Programme 60 % done at the end of the base year, target 100 %, 80 % after 6 months.
    # As a level (accumulates false): gap (80 - 60)/(100 - 60) = 0.5; pace 0.5 / 0.5 = 1.0.
    level = _one(_target(target=100.0, baseline=60.0), _actual(80.0, "2024-6M"))
    assert level["measure"] == "gap_closed"
    assert level["gap_closed"] == pytest.approx(0.5)
    assert level["pace"] == pytest.approx(1.0)
    # Marked accumulates, 80 % would be done within this year: (80 / 100) / 0.5 = 1.6.
    built = _one(_target(target=100.0, baseline=60.0, accumulates=True), _actual(80.0, "2024-6M"))
    assert built["pace"] == pytest.approx(1.6)
    # The year's final figure of an accumulating target keeps its gap closed: 80 of 100 from 60.
    final = _one(_target(target=100.0, baseline=60.0, accumulates=True), _actual(80.0, "2024"))
    assert final["gap_closed"] == pytest.approx(0.5)


def test_accumulates_must_be_true_or_false():
    with pytest.raises(ValueError, match="targets: accumulates must be True or False"):
        assess(_target(target=1.0, accumulates="false"), _actual(1.0))
    with pytest.raises(ValueError, match=r"targets: must have the columns .*accumulates"):
        assess(_target(target=1.0).drop(columns="accumulates"), _actual(1.0))


@settings(max_examples=40, deadline=None)
@given(
    a=st.floats(min_value=0.0, max_value=500.0),
    target=st.floats(min_value=1.0, max_value=400.0),
    period=st.sampled_from(["2024-Q1", "2024-6M", "2024-9M"]),
)
def test_accumulating_pace_is_attainment_over_elapsed_share(a, target, period):
    elapsed = {"2024-Q1": 0.25, "2024-6M": 0.5, "2024-9M": 0.75}[period]
    row = _one(_target(unit="billion VND", target=target, accumulates=True), _actual(a, period))
    assert row["pace"] == pytest.approx(a / target / elapsed, rel=1e-9, abs=1e-12)


# --- no data ----------------------------------------------------------------------------------


def test_no_data_stays_no_data(card):
    # forest_cover: no line in the file; hospital beds: a template line with an empty value.
    for ident in ("forest_cover", "hospital_beds_per_10k"):
        row = card.loc[ident]
        assert (row["status"], row["light"]) == ("no_data", "grey")
        assert pd.isna(row["achieved"])
        assert math.isnan(row["actual"]) and math.isnan(row["gap_closed"])
        assert math.isnan(row["attainment"]) and pd.isna(row["period"])


def test_without_actuals_every_target_is_no_data(targets):
    out = assess(targets, empty_actuals())
    assert len(out) == len(targets)
    assert set(out["status"]) == {"no_data"}
    assert out["achieved"].isna().all()
    assert out["indicator_id"].tolist() == targets["indicator_id"].tolist()


def test_missing_value_in_a_hand_made_table_is_no_data():
    row = _one(_target(target=50.0), _actual(NAN))
    assert row["status"] == "no_data"


# --- hand-made targets: range, at_most with a baseline, tolerance, bands --------------------


@pytest.mark.parametrize(
    ("value", "status", "light", "attainment", "miss"),
    [
        # below: 2.5 < 3; attainment 2.5/3 = 0.8333333; miss 2.5 - 3 = -0.5 -> amber
        (2.5, "not_met", "amber", 0.8333333, -0.5),
        # inside: met
        (3.0, "met", "green", 1.0, 0.0),
        (4.0, "met", "green", 1.0, 0.0),
        # above: 4.6 > 4; attainment 4/4.6 = 0.8695652; miss 4.6 - 4 = +0.6 -> amber
        (4.6, "not_met", "amber", 0.8695652, 0.6),
    ],
)
def test_range_below_inside_above(targets, value, status, light, attainment, miss):
    rate = targets[targets["indicator_id"] == "new_party_members_rate"]
    row = _one(rate, _actual(value, ident="new_party_members_rate"))
    assert (row["status"], row["light"]) == (status, light)
    assert row["attainment"] == pytest.approx(attainment, abs=1e-6)
    assert row["miss"] == pytest.approx(miss, abs=1e-9)


@pytest.mark.parametrize(
    ("value", "gap", "light"),
    [
        # baseline 2.0 below the range 3-4: gap to the nearest bound (a - 2)/(3 - 2).
        (2.5, 0.5, "red"),  # 0.5 closed -> red
        # overshoot: 4.5 is past the far bound; gap (4.5 - 2)/1 = 2.5 but the distance left
        # is 4.5 - 4 = 0.5 of the baseline's 1.0 -> progress 1 - 0.5 = 0.5 -> red.
        (4.5, 2.5, "red"),
    ],
)
def test_range_with_a_baseline(value, gap, light):
    t = _target(comparator="range", target_low=3.0, target_high=4.0, baseline=2.0)
    row = _one(t, _actual(value))
    assert row["gap_closed"] == pytest.approx(gap)
    assert row["progress"] == pytest.approx(0.5)
    assert row["light"] == light


def test_at_most_with_a_baseline_uses_the_lower_is_better_gap():
    # baseline 2.4, target 1.8, actual 2.0: gap (b - a)/(b - T) = 0.4/0.6 = 0.6666667 -> amber;
    # attainment T/a = 1.8/2.0 = 0.9; miss 2.0 - 1.8 = +0.2.
    row = _one(_target(comparator="at_most", target=1.8, baseline=2.4), _actual(2.0))
    assert row["gap_closed"] == pytest.approx(0.6666667, abs=1e-6)
    assert row["attainment"] == pytest.approx(0.9)
    assert row["miss"] == pytest.approx(0.2)
    assert (row["status"], row["light"]) == ("not_met", "amber")


def test_baseline_already_meeting_the_target_leaves_no_gap():
    # "maintain above 99.32": baseline 99.5 already meets it; actual 99.4 also does.
    row = _one(_target(target=99.32, baseline=99.5), _actual(99.4))
    assert math.isnan(row["gap_closed"])
    assert row["status"] == "met"


def test_equal_tolerance_allows_for_floating_point():
    # 0.4 - 0.3 is 0.10000000000000003 in binary floating point: within a 0.1 tolerance.
    t = _target(comparator="equal", target=0.3, tolerance=0.1)
    assert _one(t, _actual(0.4))["status"] == "met"
    assert _one(t, _actual(0.41))["status"] == "not_met"


def test_equal_overshoot_counts_as_distance_again():
    # baseline 65.7, target 68 +/- 0.5, actual 70: gap (70 - 65.7)/(68 - 65.7) = 4.3/2.3
    # = 1.8695652 but the target is missed by 2 points of the 2.3 the baseline was away:
    # progress 1 - 2/2.3 = 0.1304348 -> red.
    t = _target(comparator="equal", target=68.0, tolerance=0.5, baseline=65.7)
    row = _one(t, _actual(70.0))
    assert row["gap_closed"] == pytest.approx(1.8695652, abs=1e-6)
    assert row["progress"] == pytest.approx(0.1304348, abs=1e-6)
    assert (row["status"], row["light"], row["miss"]) == ("not_met", "red", pytest.approx(2.0))


@pytest.mark.parametrize(
    ("value", "period", "status"),
    [
        # final, baseline 0, target 100: gap a/100. Boundaries belong to the better band.
        (60.0, "2024", "not_met"),  # 0.60 -> amber
        # flow at 6 months, target 100: 47.5/100/0.5 = 0.95 -> on track
        (47.5, "2024-6M", "on_track"),
        # 30/100/0.5 = 0.60 -> needs acceleration
        (30.0, "2024-6M", "needs_acceleration"),
        # 29/100/0.5 = 0.58 -> off track
        (29.0, "2024-6M", "off_track"),
    ],
)
def test_band_boundaries(value, period, status):
    t = _target(unit="billion VND", target=100.0, baseline=0.0, accumulates=True)
    row = _one(t, _actual(value, period))
    assert row["status"] == status
    if period == "2024":
        assert row["light"] == "amber"


# --- input checks --------------------------------------------------------------------------------


def test_unknown_indicator_in_actuals_is_refused(targets):
    with pytest.raises(ValueError, match=r"actuals: indicator ids must be in the targets table"):
        assess(targets, _actual(1.0, ident="no_such_target"))


def test_bad_period_is_refused(targets):
    with pytest.raises(ValueError, match=r"actuals: period must be '<year>-Q1'.*2024-Q4"):
        assess(targets, _actual(1.0, "2024-Q4", "poverty_rate"))


def test_periods_of_two_years_are_refused(targets):
    mixed = pd.concat(
        [_actual(1.6, "2024", "poverty_rate"), _actual(1.2, "2025-6M", "poverty_rate")],
        ignore_index=True,
    )
    with pytest.raises(ValueError, match=r"one plan year, got \[2024, 2025\]"):
        assess(targets, mixed)


def test_repeated_figure_is_refused(targets):
    twice = pd.concat([_actual(1.6, ident="poverty_rate")] * 2, ignore_index=True)
    with pytest.raises(ValueError, match="must not repeat"):
        assess(targets, twice)


def test_done_value_other_than_one_or_zero_is_refused(targets):
    with pytest.raises(ValueError, match=r"must be 1\.0 or 0\.0"):
        assess(targets, _actual(0.5, ident="administrative_merger"))


def test_missing_columns_are_named(targets):
    with pytest.raises(ValueError, match=r"actuals: must have the columns .* missing \['as_of'\]"):
        assess(targets, _actual(1.0, ident="poverty_rate").drop(columns="as_of"))
    with pytest.raises(ValueError, match=r"targets: must have the columns"):
        assess(targets.drop(columns="comparator"), empty_actuals())


# --- properties -------------------------------------------------------------------------------

values = st.floats(min_value=0.0, max_value=200.0, allow_nan=False)
BAND = {"green": 0, "amber": 1, "red": 2, "dark_red": 3}


@settings(max_examples=60, deadline=None)
@given(a=values, target=st.floats(min_value=1.0, max_value=150.0), base=values)
def test_at_least_final_verdict_is_consistent(a, target, base):
    row = _one(_target(unit="USD", target=target, baseline=base), _actual(a))
    met = a >= target
    assert bool(row["achieved"]) is met
    assert bool(row["light"] == "green") == met
    assert bool(row["miss"] == 0.0) == met
    assert row["miss"] <= 0.0
    assert row["progress"] <= 1.0


@settings(max_examples=40, deadline=None)
@given(a1=values, a2=values, period=st.sampled_from(["2024-Q1", "2024-6M", "2024-9M", "2024"]))
def test_a_higher_actual_never_gets_a_worse_light(a1, a2, period):
    t = _target(unit="%", target=80.0, baseline=60.0)
    low, high = sorted((a1, a2))
    low, high = min(low, 100.0), min(high, 100.0)
    light_low = _one(t, _actual(low, period))["light"]
    light_high = _one(t, _actual(high, period))["light"]
    assert BAND[light_high] <= BAND[light_low]


@settings(max_examples=40, deadline=None)
@given(g=st.floats(min_value=-20.0, max_value=40.0), target=st.floats(min_value=0.5, max_value=30))
def test_growth_on_levels_agrees_with_points(g, target):
    t = _target(unit="% growth", target=target, baseline=5.0)
    row = _one(t, _actual(g))
    assert bool(row["attainment"] >= 1.0) == (g >= target)
    assert bool(row["achieved"]) == (g >= target)
    # on levels the shortfall is smaller than in points: (1+g)/(1+T) > g/T when g < T, T > 0
    if g < target:
        assert row["attainment"] > row["gap_closed"]


# --- summary ------------------------------------------------------------------------------------


def test_summary_counts_of_the_fixture(targets, actuals):
    table = summary(assess(targets, actuals))
    # Counted by hand from FINAL and IN_YEAR above: met 8 (per head, poverty, housing,
    # labour industry, labour services, party rate, party count, merger); not met 7 (growth,
    # budget, trained, certified, unemployment, labour agriculture, hotspots); on track 2;
    # needs acceleration 2; off track 1; wrong direction 1; no data 47 - 21 = 26.
    assert table.loc["all"].to_dict() == {
        "targets": 47,
        "met": 8,
        "not_met": 7,
        "on_track": 2,
        "needs_acceleration": 2,
        "off_track": 1,
        "wrong_direction": 1,
        "no_data": 26,
    }
    # Group 8 (labour): trained, certified, unemployment, three labour shares -> 2 met, 4 not.
    assert table.loc[8, ["targets", "met", "not_met", "no_data"]].tolist() == [6, 2, 4, 0]
    # Group 1: growth not met; industry share on track; agriculture off; services wrong way.
    assert table.loc[
        1, ["targets", "not_met", "on_track", "off_track", "wrong_direction"]
    ].tolist() == [
        4,
        1,
        1,
        1,
        1,
    ]
    assert (table.drop(columns="targets").sum(axis=1) == table["targets"]).all()
    assert list(table.index[:-1]) == list(range(1, 16))


# Groups from the fixture, by hand (figures per group from data/raw/targets_2024.csv):
#   1 growth not met (year) + three shares in year        -> not met, incomplete
#   2 per head met (its only figure)                      -> met, complete
#   3 budget not met (its only figure)                    -> not met, complete
#   4 social investment in year                           -> open
#   5 tourist arrivals in year                            -> open
#   6 beds, health and social insurance without data      -> open
#   7 poverty met, housing met, two figures without data  -> open
#   8 six labour figures with the year's result, 2 met    -> not met, complete
#   9, 10, 11, 13 without data                            -> open
#   12 merger done (its only figure)                      -> met, complete
#   14 hotspots not done (year), complaints in year       -> not met, incomplete
#   15 rate and count met, two shares without data        -> open
GROUP_STATUS = {
    1: "not_met",
    2: "met",
    3: "not_met",
    4: "open",
    5: "open",
    6: "open",
    7: "open",
    8: "not_met",
    9: "open",
    10: "open",
    11: "open",
    12: "met",
    13: "open",
    14: "not_met",
    15: "open",
}


def test_group_results_of_the_fixture(targets, actuals):
    groups = group_results(assess(targets, actuals))
    assert groups["status"].to_dict() == GROUP_STATUS
    assert sorted(groups.index[groups["complete"]]) == [2, 3, 8, 12]
    # Group 7: poverty rate and temporary housing met of four figures.
    assert groups.loc[7, ["figures", "with_result", "met_figures"]].tolist() == [4, 2, 2]
    assert groups["figures"].sum() == 47


def test_a_group_is_not_met_on_part_of_its_figures():
    # Two figures in group 1: one met, one without data -> open, not met; both met -> met.
    both = pd.concat([_target(target=1.0), _target(indicator_id="y", target=1.0)])
    one = assess(both, _actual(2.0))
    assert group_results(one).loc[1, "status"] == "open"
    two = assess(both, pd.concat([_actual(2.0), _actual(2.0, ident="y")]))
    assert group_results(two).loc[1, ["status", "complete"]].tolist() == ["met", True]
    # An in-year figure does not complete a group.
    partial = assess(both, pd.concat([_actual(2.0), _actual(2.0, "2024-6M", ident="y")]))
    assert group_results(partial).loc[1, "status"] == "open"


def test_summary_refuses_a_table_without_status():
    with pytest.raises(ValueError, match="assessment: must have the columns"):
        summary(pd.DataFrame({"group": [1]}))


# --- the display table ---------------------------------------------------------------------------


def test_scorecard_table_in_vietnamese(targets, actuals):
    out = assess(targets, actuals)
    table = scorecard_table(out, "vi")
    assert list(table.columns) == [
        "Nhóm",
        "Chỉ tiêu",
        "Đơn vị",
        "Mục tiêu",
        "Kỳ",
        "Thực hiện",
        "Khoảng cách đã thu hẹp (%)",
        "Đánh giá",
        "Nguồn số liệu",
    ]
    by_id = table.set_axis(out.loc[table.index, "indicator_id"])
    # the fixture's row: estimate, "ILLUSTRATIVE test figure - not a published result", 2024-12-20
    assert by_id.loc["grdp_per_capita_usd", "Nguồn số liệu"] == (
        "Ước tính · ILLUSTRATIVE test figure - not a published result, 20/12/2024"
    )
    assert by_id.loc["forest_cover", "Nguồn số liệu"] == "–"
    per_head = by_id.loc["grdp_per_capita_usd"]
    # 4,620 USD; target >= 4,500; gap 670/550 = 121.8 %
    assert per_head[
        ["Mục tiêu", "Thực hiện", "Khoảng cách đã thu hẹp (%)", "Đánh giá"]
    ].tolist() == [
        "≥ 4.500",
        "4.620",
        "121,8",
        "Đạt",
    ]
    assert by_id.loc["budget_revenue", "Đơn vị"] == "tỷ đồng"
    assert by_id.loc["budget_revenue", "Khoảng cách đã thu hẹp (%)"] == "–"
    assert by_id.loc["share_services", "Mục tiêu"] == "20,6 ± 0,5"
    assert by_id.loc["share_services", "Kỳ"] == "9 tháng 2024"
    assert by_id.loc["new_party_members_rate", "Mục tiêu"] == "3–4"
    assert by_id.loc["administrative_merger", "Thực hiện"] == "Hoàn thành"
    assert by_id.loc["no_security_hotspots", "Thực hiện"] == "Chưa hoàn thành"
    words = dict(zip(out["indicator_id"], table.loc[out.index, "Đánh giá"], strict=True))
    assert words["tourist_arrivals"] == "Cần tăng tốc"
    assert words["share_agriculture"] == "Chậm"
    assert words["share_services"] == "Đi ngược"
    assert words["social_investment"] == "Đúng tiến độ"
    assert words["forest_cover"] == "Chưa có số liệu"
    assert words["budget_revenue"] == "Không đạt"
    assert table["Nhóm"].is_monotonic_increasing


def test_scorecard_table_in_english(targets, actuals):
    out = assess(targets, actuals)
    table = scorecard_table(out, "en")
    row = table.loc[out.index[out["indicator_id"] == "budget_revenue"][0]]
    assert row[["Indicator", "Target", "Actual", "Assessment"]].tolist() == [
        "State budget revenue collected in the province",
        "≥ 16,000",
        "15,200",
        "Not met",
    ]
    assert set(table["Assessment"]) <= {w["en"] for w in STATUS_WORDS.values()}


def test_status_words_cover_every_status():
    assert [STATUS_WORDS[s]["en"] for s in STATUS_WORDS] == [
        "Met",
        "Not met",
        "On track",
        "Needs acceleration",
        "Off track",
        "Wrong direction",
        "No data",
    ]


def test_styled_table_colours_the_light_and_keeps_the_word(targets, actuals):
    html = style_scorecard(assess(targets, actuals), "vi").to_html()
    assert "#67001f" in html  # dark red: share_services
    assert "Đi ngược" in html


def test_summary_text(targets, actuals):
    out = assess(targets, actuals)
    # Groups from GROUP_STATUS: met 2 (2, 12), not met 4 (1, 3, 8, 14), open 15 - 6 = 9,
    # complete 4 (2, 3, 8, 12). Figures from test_summary_counts_of_the_fixture: 8 met of 47,
    # 7 not met, 2+2+1+1 = 6 in-year, 26 without data.
    assert headline_text(out, "vi") == (
        "Nhóm chỉ tiêu đạt: 2/15 (8/47 chỉ số); 4 nhóm không đạt; 9 nhóm chưa đủ kết quả cả năm"
    )
    assert headline_text(out, "en") == (
        "Groups of targets met: 2 of 15 (8 of 47 figures); 4 groups not met; 9 groups awaiting "
        "the year's results"
    )
    assert summary_text(out, "en") == (
        "Groups of targets met: 2 of 15 (8 of 47 figures); 4 groups not met; 9 groups awaiting "
        "the year's results (full year's data for 4 of 15 groups). Figures: 8 met; 7 not met; "
        "6 in progress (in-year figures); 26 without data"
    )
    assert summary_text(out, "vi") == (
        "Nhóm chỉ tiêu đạt: 2/15 (8/47 chỉ số); 4 nhóm không đạt; 9 nhóm chưa đủ kết quả cả "
        "năm (đủ số liệu cả năm: 4/15 nhóm). Chỉ số: 8 đạt; 7 không đạt; 6 đang thực hiện "
        "(số liệu trong năm); 26 chưa có số liệu"
    )


def test_headline_leaves_out_the_counts_that_are_nought(targets, actuals):
    # No actual figure yet: no group met or missed, all 15 awaiting (47 figures, none met).
    out = assess(targets, actuals.iloc[0:0])
    assert headline_text(out, "vi") == (
        "Nhóm chỉ tiêu đạt: 0/15 (0/47 chỉ số); 15 nhóm chưa đủ kết quả cả năm"
    )
    assert headline_text(out, "en") == (
        "Groups of targets met: 0 of 15 (0 of 47 figures); 15 groups awaiting the year's results"
    )


def test_headline_says_one_group_in_english(targets, actuals):
    # Only the fixture's growth figure (group 1, not met in GROUP_STATUS): 1 missed, 14 open.
    out = assess(targets, actuals[actuals["indicator_id"].eq("grdp_growth")])
    assert headline_text(out, "en").endswith(
        "; 1 group not met; 14 groups awaiting the year's results"
    )


def test_view_refuses_an_unknown_language(targets):
    with pytest.raises(ValueError, match="lang: must be one of"):
        scorecard_table(assess(targets, empty_actuals()), "fr")
