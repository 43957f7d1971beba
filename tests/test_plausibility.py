"""Plausible ranges and unit slips (analysis.economics.plausibility), pinned to hand calculations.

Every expected number is worked out beside it from the figures of
data/raw/published_series.csv or from round numbers, not with the code under test.
"""

from __future__ import annotations

import math

import pytest

from analysis.economics.plausibility import (
    PlausibleRange,
    probable_slip,
    ratio_range,
    record_range,
    shown_value,
)

# Bắc Giang real GRDP growth 2016-2023, percent (published_series.csv, grdp_growth).
GROWTH = [10.73, 13.33, 15.96, 16.1, 13.0, 7.82, 19.3, 13.45]


def _growth_range() -> PlausibleRange:
    return record_range(
        [g / 100 for g in GROWTH], sd_multiple=2, min_margin=0.05, what="real growth 2016-2023"
    )


def test_growth_range_is_the_record_widened_by_two_standard_deviations():
    # mean 109.69 / 8 = 13.71125; deviations -2.98125, -0.38125, 2.24875, 2.38875, -0.71125,
    # -5.89125, 5.58875, -0.26125; squares sum to 86.311288; / 7 = 12.330184;
    # s = 3.511436 points; 2 s = 7.022872 points > 5 points, so M = 7.022872 points.
    # low 7.82 - 7.022872 = 0.797128 %; high 19.3 + 7.022872 = 26.322872 %.
    r = _growth_range()
    assert r.low == pytest.approx(0.00797128, abs=1e-8)
    assert r.high == pytest.approx(0.26322872, abs=1e-8)
    assert r.margin == pytest.approx(0.07022872, abs=1e-8)
    assert (r.record_low, r.record_high, r.count) == (0.0782, 0.193, 8)
    assert r.shown() == "0.8..26.32 %"
    assert r.basis == (
        "real growth 2016-2023 (8 figures, 7.82..19.3 %), widened by 7.02 points each side, "
        "the larger of 2 standard deviations of the record (7.02 points) and 5 points"
    )


def test_the_minimum_margin_wins_over_a_small_spread():
    # Services growth 6.7, 7.88, 6.52, 8.2, 6.56 %: mean 35.86 / 5 = 7.172; squares of the
    # deviations 0.222784 + 0.501264 + 0.425104 + 1.056784 + 0.374544 = 2.58048; / 4 = 0.64512;
    # s = 0.803193; 2 s = 1.606386 points < 5 points: M = 5 points, range 1.52..13.2 %.
    r = record_range(
        [0.067, 0.0788, 0.0652, 0.082, 0.0656], sd_multiple=2, min_margin=0.05, what="services"
    )
    assert r.margin == 0.05
    assert (r.low, r.high) == pytest.approx((0.0152, 0.132))
    assert "the larger of 2 standard deviations of the record (1.61 points) and 5 points" in r.basis


def test_one_figure_has_no_standard_deviation_so_the_minimum_margin_applies():
    # Depreciation 2023: 23,772 / 23,260 - 1 = 2.2 %, one figure: 2.2 -/+ 5 points.
    r = record_range([0.022], sd_multiple=2, min_margin=0.05, what="depreciation 2023")
    assert (r.low, r.high) == pytest.approx((-0.028, 0.072))
    assert r.basis == (
        "depreciation 2023 (one figure, 2.2 %), widened by 5 points each side "
        "(one figure gives no standard deviation)"
    )


@pytest.mark.parametrize(
    ("record", "k", "m", "message"),
    [
        ([], 2, 0.05, "record: needs at least one figure"),
        ([0.1, float("nan")], 2, 0.05, "record: must be finite numbers, got nan"),
        ([0.1], -1, 0.05, "margin: k and m must be >= 0"),
        ([0.1], 2, -0.01, "margin: k and m must be >= 0"),
    ],
)
def test_record_range_refuses_bad_inputs(record, k, m, message):
    with pytest.raises(ValueError, match=message):
        record_range(record, sd_multiple=k, min_margin=m, what="x")


def test_growth_written_as_a_fraction_is_read_back_as_percent():
    # 0.152 % = 0.00152: x10 -> 1.52 % and x100 -> 15.2 % both fall in 0.8..26.32 %; the
    # record's middle is (7.82 + 19.3) / 2 = 13.56 %: 15.2 / 13.56 = 1.12 against
    # 13.56 / 1.52 = 8.9 -> 15.2 %, a factor of 100.
    slip = probable_slip(0.00152, _growth_range())
    assert slip is not None
    assert slip.intended == pytest.approx(0.152)
    assert slip.factor == 100
    assert slip.words() == "written 100 times too small"


def test_a_deflator_of_31_percent_is_read_as_3_1():
    # Deflator record 0.51..10.21 % widened to -7.2..17.92 %, middle 5.36 %: 31 / 10 = 3.1 %
    # (5.36 / 3.1 = 1.73) is nearer than 31 / 100 = 0.31 % (17.3 times smaller).
    r = record_range(
        [0.022822, 0.102121, 0.062898, 0.005068, 0.028606],
        sd_multiple=2,
        min_margin=0.05,
        what="deflators",
    )
    slip = probable_slip(0.31, r)
    assert slip is not None
    assert slip.intended == pytest.approx(0.031)
    assert slip.words() == "written 10 times too large"


def test_a_depreciation_of_40_percent_is_read_as_4():
    # -2.8..7.2 % around 2.2 %: 40 / 10 = 4 % (1.8 times 2.2) against 40 / 100 = 0.4 %
    # (2.2 / 0.4 = 5.5 times) -> 4 %.
    r = record_range([0.022], sd_multiple=2, min_margin=0.05, what="depreciation")
    slip = probable_slip(0.40, r)
    assert slip is not None and slip.intended == pytest.approx(0.04)


def test_ratio_range_of_a_level_and_its_slip():
    # GRDP per head, baseline 3,950 USD: 1/5 x 3,950 = 790, 5 x 3,950 = 19,750.
    r = ratio_range(3950.0, "the baseline 3,950 USD (2023)", unit=" USD")
    assert (r.low, r.high) == (790.0, 19750.0)
    assert r.basis == "1/5 to 5 times the baseline 3,950 USD (2023)"
    assert not r.contains(44000.0)
    # 44,000 / 10 = 4,400 inside; / 100 = 440 and / 1000 = 44 below 790.
    slip = probable_slip(44000.0, r)
    assert slip is not None
    assert (slip.intended, slip.factor) == pytest.approx((4400.0, 0.1))


def test_a_share_range_stops_at_100_and_reads_a_fraction_back():
    # Share of industry and construction, baseline 65.7 %: 13.14..328.5, cut at 100.
    r = ratio_range(65.7, "the baseline 65.7 % (2023)", ceiling=100.0, unit=" %")
    assert (r.low, r.high) == pytest.approx((13.14, 100.0))
    assert r.basis.endswith(", at most 100 %")
    # 0.68 x 100 = 68 inside; x 10 = 6.8 and x 1000 = 680 outside.
    slip = probable_slip(0.68, r)
    assert slip is not None and slip.intended == pytest.approx(68.0)


def test_a_year_to_date_amount_may_start_from_zero():
    r = ratio_range(16000.0, "the target 16,000 billion VND", floor=0.0, unit=" billion VND")
    assert (r.low, r.high) == (0.0, 80000.0)
    assert r.basis == "0 billion VND to 5 times the target 16,000 billion VND"
    assert r.contains(100.0)


def test_budget_a_hundred_times_the_target():
    # 1,600,000 against 16,000: 3,200..80,000; / 100 = 16,000 inside, / 10 = 160,000 and
    # / 1000 = 1,600 outside.
    r = ratio_range(16000.0, "the target 16,000 billion VND")
    slip = probable_slip(1_600_000.0, r)
    assert slip is not None and slip.intended == pytest.approx(16000.0)


def test_no_slip_when_no_power_of_ten_lands_inside():
    r = ratio_range(3950.0, "the baseline")
    assert probable_slip(0.0, r) is None
    # 200,000,000 / 1000 = 200,000, still above 19,750.
    assert probable_slip(2e8, r) is None
    assert probable_slip(float("nan"), r) is None


@pytest.mark.parametrize(
    ("reference", "bounds", "message"),
    [
        (0.0, (0.2, 5.0), "reference: must be a positive finite number"),
        (math.inf, (0.2, 5.0), "reference: must be a positive finite number"),
        (10.0, (1.2, 5.0), "bounds: must satisfy 0 <= low < 1 < high"),
    ],
)
def test_ratio_range_refuses_bad_inputs(reference, bounds, message):
    with pytest.raises(ValueError, match=message):
        ratio_range(reference, "x", bounds=bounds)


@pytest.mark.parametrize(
    ("value", "percent", "decimals", "shown"),
    [
        (0.00152, True, None, "0.152"),
        (0.263229, True, 2, "26.32"),
        (44000.0, False, None, "44,000"),
        (19750.0, False, 2, "19,750"),
        (0.68, False, None, "0.68"),
        (-0.0001, True, 2, "-0.01"),
        (-0.00001, True, 2, "0"),
    ],
)
def test_figures_in_messages(value, percent, decimals, shown):
    assert shown_value(value, percent, decimals) == shown
