"""The vintage rule (analysis.economics.vintages) and every reader that applies it.

Hand cases: two vintages of Bắc Giang's 2024 GRDP at current prices, 209.15 trillion VND of
27/11/2024 (daibieunhandan.vn) and 207 of 06/12/2024 (vietnam.vn), give 207; "~12/2024"
(1 December 2024) against "09/01/2025" gives the latter.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.data.tables import load_series, series_values
from analysis.economics.scorecard import latest_actuals
from analysis.economics.scorecard_in_year import reference_quarters, ytd_growth
from analysis.economics.sector_growth import historical_baseline
from analysis.economics.vintages import latest_vintage, publication_date
from analysis.outlook.consistency_inputs import quarterly_plan_rows
from analysis.outlook.published_record import deflator_record
from analysis.outlook.record import series_pick
from analysis.outlook.retrospective import latest_actual, latest_published


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("09/01/2025", "2025-01-09"),
        ("06/12/2024", "2024-12-06"),
        ("2025-01-09", "2025-01-09"),
        ("~12/2024", "2024-12-01"),
        ("12/2024", "2024-12-01"),
        ("~2024", "2024-01-01"),
        ("2025", "2025-01-01"),
        ("~early 2019", "2019-01-01"),
        ("mid 2019", "2019-05-01"),
        ("~late 2019", "2019-09-01"),
        ("19/06/2024 (content ~2019)", "2024-06-19"),
        (pd.Timestamp("2025-03-15 10:30"), "2025-03-15"),
        ("n.d.", None),
        ("", None),
        (None, None),
        ("31/02/2024", None),
        ("13/2024", None),
    ],
)
def test_publication_dates(text, day):
    got = publication_date(text)
    if day is None:
        assert pd.isna(got)
    else:
        assert got == pd.Timestamp(day)


def _rows(*pairs: tuple[float, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "variable": "grdp_current_prices",
            "sector": "total",
            "period": "2024",
            "value": [v for v, _ in pairs],
            "kind": "estimate",
            "source": [f"s{i}" for i in range(len(pairs))],
            "source_date": [d for _, d in pairs],
        }
    )


@pytest.mark.parametrize(
    ("pairs", "value"),
    [
        # 209.15 of 27/11/2024 and 207 of 06/12/2024: 207, in either order
        (((209.15, "27/11/2024"), (207.0, "06/12/2024")), 207.0),
        (((207.0, "06/12/2024"), (209.15, "27/11/2024")), 207.0),
        # a month (1 December 2024) against a day in January 2025: the January figure
        (((1.0, "09/01/2025"), (2.0, "~12/2024")), 1.0),
        # a month against a day inside it: the day (6 December is after 1 December)
        (((1.0, "~12/2024"), (2.0, "06/12/2024")), 2.0),
        # a year against a day of the same year: the day
        (((1.0, "06/12/2024"), (2.0, "~2024")), 1.0),
        # undated before dated; two of the same day: the line entered last
        (((1.0, "n.d."), (2.0, "~2019")), 2.0),
        (((1.0, "01/12/2024"), (2.0, "~12/2024")), 2.0),
        (((1.0, "n.d."), (2.0, "n.d.")), 2.0),
    ],
)
def test_the_latest_publication_is_kept(pairs, value):
    kept = latest_vintage(_rows(*pairs), ["variable", "sector", "period"])
    assert kept["value"].tolist() == [value]


def test_one_row_per_figure_in_table_order():
    rows = pd.concat(
        [
            _rows((209.15, "27/11/2024"), (207.0, "06/12/2024")),
            _rows((181.9, "~03/2024")).assign(period="2023"),
        ],
        ignore_index=True,
    )
    kept = latest_vintage(rows, ["period"])
    assert kept.index.tolist() == [1, 2]
    assert kept["value"].tolist() == [207.0, 181.9]
    assert latest_vintage(rows.iloc[:0], ["period"]).empty
    with pytest.raises(ValueError, match=r"rows: no key column\(s\) \['year'\]"):
        latest_vintage(rows, ["year"])
    with pytest.raises(ValueError, match="rows: no date column 'as_of'"):
        latest_vintage(rows, ["period"], date_column="as_of")


def test_actuals_are_ordered_by_as_of():
    actuals = pd.DataFrame(
        {
            "indicator_id": ["grdp_growth"] * 2,
            "period": ["2024"] * 2,
            "value": [13.85, 13.87],
            "as_of": pd.to_datetime(["2025-01-09", "2024-11-27"]),
        }
    )
    assert latest_vintage(actuals, ["indicator_id", "period"])["value"].tolist() == [13.85]


# --- every reader picks the same figure -----------------------------------------------------------


@pytest.fixture(scope="module")
def reversed_series() -> pd.DataFrame:
    """The published series with the rows in reverse order: 209.15 (27/11/2024) now after 207."""
    return load_series().iloc[::-1].reset_index(drop=True)


def test_the_series_readers_take_the_later_2024_gdp(reversed_series):
    for series in (load_series(), reversed_series):
        assert series_values(series, "grdp_current_prices")["2024"] == 207.0
        pick = series_pick(series, "grdp_current_prices", 2024, ["total"])
        assert pick.tolist() == [207.0]
        assert float(latest_published(series, "grdp_current_prices", "2024")["value"]) == 207.0
        # the plausibility record: 2024's deflator (207 / 181.9) / 1.1385 - 1 = -0.045 %
        province = deflator_record(series, 2024)["province"]
        assert province[2024] == pytest.approx(207 / 181.9 / 1.1385 - 1, abs=1e-12)


def _quarters(*rows: tuple[str, str, float, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "variable": v,
                "sector": "total",
                "period": p,
                "value": x,
                "source": f"source {d}",
                "source_date": d,
                "kind": "estimate",
            }
            for v, p, x, d in rows
        ]
    )


def test_the_in_year_record_reads_the_later_estimate():
    # 2020 Q1: 9 % (~04/2020) revised to 10 % (~07/2020), listed after it: Q1 10 %; then
    # Q2 from 6M 12 % with equal weights 0.25: (12 x 0.5 - 10 x 0.25) / 0.25 = 14 %.
    series = _quarters(
        ("grdp_growth_ytd", "2020-Q1", 10.0, "~07/2020"),
        ("grdp_growth_ytd", "2020-6M", 12.0, "~07/2020"),
        ("grdp_growth_ytd", "2020-Q1", 9.0, "~04/2020"),
    )
    record = reference_quarters(series, (0.25,) * 4, 2020)
    np.testing.assert_allclose(record["growth"], [0.10, 0.14], atol=1e-12)
    assert record["source"].tolist() == ["source ~07/2020", "source ~07/2020"]


def test_the_quarterly_plan_reads_the_later_statement():
    # Q1 of the plan stated 12 % then 13 % (later): 0.25 x (13 + 12.7 + 14.1 + 14.3) = 13.525 %
    series = _quarters(
        ("grdp_growth_quarter_plan", "2025-Q1", 13.0, "~12/2024"),
        ("grdp_growth_quarter_plan", "2025-Q1", 12.0, "~11/2024"),
        ("grdp_growth_quarter_plan", "2025-Q2", 12.7, "~12/2024"),
        ("grdp_growth_quarter_plan", "2025-Q3", 14.1, "~12/2024"),
        ("grdp_growth_quarter_plan", "2025-Q4", 14.3, "~12/2024"),
    )
    weights = {f"quarter_weight_q{q}": 25.0 for q in range(1, 5)}
    row = quarterly_plan_rows(series, weights, target_growth=0.136, plan_year=2025).iloc[0]
    assert row["value"] == pytest.approx(13.525, abs=1e-9)


def test_the_actuals_readers_take_the_latest_as_of():
    actuals = pd.DataFrame(
        {
            "indicator_id": ["grdp_growth"] * 4,
            "period": ["2024-6M", "2024-6M", "2024", "2024"],
            "value": [10.5, 10.2, 13.85, 13.87],
            "as_of": pd.to_datetime(["2024-07-20", "2024-07-05", "2025-01-09", "2024-11-27"]),
        }
    )
    assert ytd_growth(actuals).tolist() == pytest.approx([0.105])
    assert latest_actuals(actuals).loc["grdp_growth", "value"] == 13.85
    assert latest_actual(actuals, "grdp_growth", "2024")["value"] == 13.85
    assert latest_actual(actuals, "grdp_growth", "2024-6M")["value"] == 10.5


def test_the_sector_baseline_reads_the_later_vintage():
    # 2018 industry 24.4 % (10/2019) revised to 25 % (12/2020): 2016-2018 17.86, 23.23, 25
    # -> mean 66.09 / 3 = 22.03 %
    rows = pd.DataFrame(
        {
            "variable": "sector_growth",
            "sector": "industry_construction",
            "period": ["2016", "2017", "2018", "2018"],
            "value": [17.86, 23.23, 25.0, 24.4],
            "source_date": ["22/10/2019", "22/10/2019", "~12/2020", "22/10/2019"],
        }
    )
    base = historical_baseline(rows, years=[2016, 2017, 2018], sectors=["industry_construction"])
    assert base.growth["industry_construction"] == pytest.approx(0.2203, abs=1e-12)
