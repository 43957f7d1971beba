"""Periods read from their names: quarters covered, share of the year elapsed, the final figure."""

import pytest

from analysis.economics.periods import (
    elapsed_share,
    in_year_periods,
    is_full_year,
    is_period,
    parse_period,
    period_year,
    plan_periods,
    quarters_covered,
)


def test_plan_periods_follow_the_year():
    assert plan_periods(2025) == ("2025-Q1", "2025-6M", "2025-9M", "2025")
    assert in_year_periods(2024) == ("2024-Q1", "2024-6M", "2024-9M")


@pytest.mark.parametrize(
    ("period", "year", "quarters", "elapsed", "final"),
    [
        ("2024-Q1", 2024, 1, 0.25, False),
        ("2024-6M", 2024, 2, 0.5, False),
        ("2025-9M", 2025, 3, 0.75, False),
        ("2025", 2025, 4, 1.0, True),
    ],
)
def test_a_period_says_its_year_quarters_and_elapsed_share(period, year, quarters, elapsed, final):
    assert parse_period(period) == (year, quarters)
    assert period_year(period) == year
    assert quarters_covered(period) == quarters
    assert elapsed_share(period) == elapsed
    assert is_full_year(period) is final


@pytest.mark.parametrize("bad", ["2024-Q4", "2024-Q2", "24", "2024-12M", "", None, 2024, " 2024"])
def test_other_names_are_not_periods(bad):
    assert not is_period(bad)
    with pytest.raises(ValueError, match="period: must be '<year>-Q1'"):
        parse_period(bad)
