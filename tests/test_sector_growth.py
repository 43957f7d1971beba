"""Sector growth before the solver: the historical baseline and the weights.

Every expected number is worked out by hand in the comment above its assertion.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.economics.sector_growth import baseline_years, historical_baseline, structure_weights

IC, SV, AG, TX = "industry_construction", "services", "agriculture", "product_taxes"


# --- historical baseline -----------------------------------------------------------------


def _series(rows: list[tuple[str, str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["variable", "sector", "period", "value"])


def test_historical_baseline_small_table():
    # IC 10, 12, 14 % -> mean 12 %, sd sqrt((4 + 0 + 4)/2) = 2 pt; 2020 is not a chosen year.
    # SV 5, 7 % -> mean 6 %, sd sqrt((1 + 1)/1) = 1.4142136 pt
    table = _series(
        [
            ("sector_growth", IC, "2016", 10.0),
            ("sector_growth", IC, "2017", 12.0),
            ("sector_growth", IC, "2018", 14.0),
            ("sector_growth", IC, "2020", 99.0),
            ("sector_growth", SV, "2016", 5.0),
            ("sector_growth", SV, "2023", 7.0),
            ("grdp_growth", IC, "2019", 50.0),
            ("sector_growth", SV, "2023-Q1", 40.0),
        ]
    )
    base = historical_baseline(table, years=(2016, 2017, 2018, 2019, 2023), sectors=[IC, SV])
    assert base.growth.to_numpy() == pytest.approx([0.12, 0.06], abs=1e-12)
    assert base.sd.to_numpy() == pytest.approx([0.02, 0.014142136], abs=1e-9)
    assert base.years == {IC: (2016, 2017, 2018), SV: (2016, 2023)}
    frame = base.to_frame()
    assert list(frame["years"]) == ["2016, 2017, 2018", "2016, 2023"]
    assert list(frame["n_years"]) == [3, 2]


def test_historical_baseline_on_the_published_series():
    from analysis.data.tables import load_series

    series = load_series()
    years = baseline_years(series, 2023)
    assert years == (2016, 2017, 2018, 2019, 2023)
    base = historical_baseline(series, years=years)
    # means and sample sds worked out in _baseline3's comment (tests/test_closures.py)
    assert base.growth.to_numpy() == pytest.approx([0.21568, 0.07172, 0.02154], abs=1e-9)
    assert base.sd.to_numpy() == pytest.approx([0.0373001, 0.00803194, 0.0291566], abs=1e-7)
    assert base.years[IC] == (2016, 2017, 2018, 2019, 2023)


def test_a_year_published_twice_counts_once_at_its_latest_vintage():
    # 2016 published as 10 % (~12/2017, read as 1 December 2017) and 11 % (~2017, 1 January
    # 2017): the December figure is the later vintage whatever the order of the lines, so
    # IC is 10, 12 %: mean 11 %, sd sqrt((1 + 1)/1) = 1.4142136 pt.
    rows = _series(
        [
            ("sector_growth", IC, "2016", 10.0),
            ("sector_growth", IC, "2016", 11.0),
            ("sector_growth", IC, "2017", 12.0),
        ]
    ).assign(source_date=["~12/2017", "~2017", "~12/2018"])
    for table in (rows, rows.iloc[::-1]):
        base = historical_baseline(table, years=[2016, 2017], sectors=[IC])
        assert base.growth[IC] == pytest.approx(0.11, abs=1e-12)
        assert base.sd[IC] == pytest.approx(0.014142136, abs=1e-9)
    # without dates the line entered last wins: 11 and 12 %, mean 11.5 %
    undated = historical_baseline(
        rows.drop(columns="source_date"), years=[2016, 2017], sectors=[IC]
    )
    assert undated.growth[IC] == pytest.approx(0.115, abs=1e-12)


def test_historical_baseline_refusals():
    one_year = _series([("sector_growth", IC, "2016", 10.0)])
    with pytest.raises(ValueError, match="needs 'sector_growth' in at least 2"):
        historical_baseline(one_year, years=[2016, 2017], sectors=[IC])
    with pytest.raises(ValueError, match=r"series: missing column\(s\) \['value'\]"):
        historical_baseline(one_year.drop(columns="value"), years=[2016], sectors=[IC])
    flat = _series([("sector_growth", IC, "2016", 10.0), ("sector_growth", IC, "2017", 10.0)])
    with pytest.raises(ValueError, match=r"baseline\.sd: must be positive"):
        historical_baseline(flat, years=[2016, 2017], sectors=[IC])
    with pytest.raises(TypeError, match="years"):
        historical_baseline(flat, sectors=[IC])


def test_baseline_years_rule():
    # Published sector growth 2016-2019, 2021 and 2023-2024 (industry), 2020 for taxes only:
    # base year 2023 keeps the years up to 2023 with a figure for one of the three sectors;
    # the outbreak year 2021, named, is left out; quarters and other variables do not count.
    table = _series(
        [
            *(("sector_growth", IC, str(y), 10.0) for y in (2016, 2017, 2018, 2019, 2021, 2023)),
            ("sector_growth", IC, "2024", 17.94),
            ("sector_growth", SV, "2016", 6.7),
            ("sector_growth", TX, "2020", 7.0),
            ("sector_growth", AG, "2022-Q1", 1.0),
            ("grdp_growth", "total", "2022", 19.3),
        ]
    )
    assert baseline_years(table, 2023) == (2016, 2017, 2018, 2019, 2021, 2023)
    assert baseline_years(table, 2023, exclude=[2021, 2022]) == (2016, 2017, 2018, 2019, 2023)
    assert baseline_years(table, 2024, exclude=[2021]) == (2016, 2017, 2018, 2019, 2023, 2024)
    assert baseline_years(table, 2019) == (2016, 2017, 2018, 2019)
    assert baseline_years(table, 2023, sectors=[TX]) == (2020,)
    with pytest.raises(ValueError, match="base_year: must be a whole year"):
        baseline_years(table, "2023")
    with pytest.raises(ValueError, match=r"missing column\(s\) \['period'\]"):
        baseline_years(table.drop(columns="period"), 2023)


# --- weights -----------------------------------------------------------------------------

_C2023 = {IC: 0.1188, SV: 0.0110, AG: 0.0032, TX: 0.0015}
_G2023 = {IC: 0.1725, SV: 0.0656, AG: 0.0263, TX: 0.0714}


def test_structure_weights_rolled():
    # w_2022 = c/g: 0.68869565, 0.16768293, 0.12167300, 0.02100840 (sum 0.99905998)
    # × (1 + g): 0.80749565, 0.17868293, 0.12487300, 0.02250840; sum 1.13355998
    # taxes into services: (0.17868293 + 0.02250840) / 1.13355998 = 0.177486
    # industry 0.80749565 / 1.13355998 = 0.712354; agriculture 0.124873 / 1.13355998 = 0.110160
    w = structure_weights(_C2023, _G2023)
    assert list(w.index) == [IC, SV, AG]
    assert w.to_numpy() == pytest.approx([0.712354, 0.177486, 0.110160], abs=1e-6)
    assert w.sum() == pytest.approx(1.0, abs=1e-12)


def test_structure_weights_not_rolled_and_four_part():
    # not rolled: w / 0.99905998: 0.689344; (0.16768293 + 0.0210084)/0.99905998 = 0.188869;
    # 0.121787
    w = structure_weights(_C2023, _G2023, roll_forward=False)
    assert w.to_numpy() == pytest.approx([0.689344, 0.188869, 0.121787], abs=1e-6)
    w4 = structure_weights(_C2023, _G2023, convention="gso4")
    # taxes kept apart: 0.02250840 / 1.13355998 = 0.019856
    assert w4[TX] == pytest.approx(0.019856, abs=1e-6)


def test_structure_weights_refuses_a_bad_release():
    bad = dict(_C2023, services=0.05)  # weights would sum to 1.58
    with pytest.raises(ValueError, match=r"weights: must sum to 1 within 0\.005"):
        structure_weights(bad, _G2023)
