"""The record as a plan knew it, and the base year's figures (analysis.outlook.record,
analysis.outlook.inputs.sector_bases).

Small series in the layout of data/raw; every expected number is worked out by hand in the
comment above its assertion.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.errors import InputError
from analysis.outlook.inputs import sector_bases
from analysis.outlook.record import (
    assumption_bases,
    named_shocks,
    outlier_years,
    period_start,
    product_tax_share,
    record_through,
)

IC, SV, AG, TX = "industry_construction", "services", "agriculture", "product_taxes"


def _series(rows: list[tuple]) -> pd.DataFrame:
    """Rows ``(variable, sector, period, value[, convention[, kind]])``."""
    full = [(*r, *("", "actual")[len(r) - 4 :]) for r in rows]
    return pd.DataFrame(
        full, columns=["variable", "sector", "period", "value", "convention", "kind"]
    ).assign(value_high=np.nan)


def _assumptions(rows: list[tuple[str, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        [(k, v, "%", f"basis of {k}") for k, v in rows],
        columns=["assumption_id", "value", "unit", "basis"],
    )


def test_period_start():
    assert [period_start(p) for p in ("2023", "2023-Q1", "2021-2030", "2019-04-01", "n.d.")] == [
        2023,
        2023,
        2021,
        2019,
        None,
    ]


def test_record_through_keeps_the_base_year_and_plans():
    series = _series(
        [
            ("grdp_growth", "total", "2023", 13.45),
            ("grdp_growth", "total", "2024", 13.85, "", "estimate"),
            ("grdp_growth_ytd", "total", "2024-Q1", 12.0),
            ("grdp_growth_plan", "total", "2024", 14.5, "", "target"),
            ("plan_growth_avg", IC, "2021-2030", 17.0, "", "plan"),
            ("plan_structure_share", IC, "2030", 66.0, "", "plan"),
        ]
    )
    kept = record_through(series, 2023)
    assert list(kept["period"]) == ["2023", "2024", "2021-2030", "2030"]
    assert list(kept["kind"]) == ["actual", "target", "plan", "plan"]
    assert len(record_through(series, 2024)) == len(series)
    with pytest.raises(ValueError, match="base_year: must be a whole year"):
        record_through(series, 2023.0)
    with pytest.raises(ValueError, match=r"missing column\(s\) \['kind'\]"):
        record_through(series.drop(columns="kind"), 2023)


def test_outlier_years_are_named_by_their_ids():
    rows = [("outlier_year_rebound", 2022), ("outlier_year_outbreak", 2021), ("depreciation", 1.7)]
    table = _assumptions(rows)
    assert outlier_years(table) == {2021: "outbreak", 2022: "rebound"}
    assert named_shocks(table) == ["the 2021 outbreak", "the 2022 rebound"]
    assert named_shocks({"outlier_year_typhoon_yagi": 2024}) == ["the 2024 typhoon yagi"]
    assert outlier_years(None) == {}
    assert assumption_bases(table)["depreciation"] == "basis of depreciation"
    assert assumption_bases({"depreciation": 1.7}) == {}
    with pytest.raises(InputError, match=r"outlier_year_half: must be a year, got 2021\.5"):
        outlier_years({"outlier_year_half": 2021.5})


def test_product_tax_share_rule():
    # the base year's own four-part share first, else the year before's, else the assumption
    both = _series(
        [
            ("structure_share", TX, "2023", 2.0, "gso4"),
            ("structure_share", TX, "2022", 2.1, "gso4"),
            ("structure_share", TX, "2023", 9.9, "taxes_in_services"),  # not a gso4 figure
        ]
    )
    assert product_tax_share(both, 2023) == pytest.approx(0.020)
    assert product_tax_share(both, 2024) == pytest.approx(0.020)  # 2023 is the year before
    assert product_tax_share(both.iloc[1:], 2023) == pytest.approx(0.021)
    assert product_tax_share(both, 2025, {"base_share_product_taxes": 2.2}) == pytest.approx(0.022)
    with pytest.raises(
        InputError, match=r"state it in the plan's assumptions.csv as base_share_pr"
    ):
        product_tax_share(both, 2025)


# The 2024 outturn (../shared/reference/outturns_2024.csv; the product-tax contribution is the
# residual 13.85 - 12.93 - 1.05 + 0.35 = 0.22 points). No 2024 structure is published.
OUTTURN_2024 = _series(
    [
        ("sector_growth", IC, "2024", 17.94),
        ("sector_growth", SV, "2024", 6.83),
        ("sector_growth", AG, "2024", -3.32),
        ("sector_growth", TX, "2024", 11.66),
        ("contribution", IC, "2024", 12.93),
        ("contribution", SV, "2024", 1.05),
        ("contribution", AG, "2024", -0.35),
        ("contribution", TX, "2024", 0.22),
        ("structure_share", IC, "2023", 65.7, "taxes_in_services"),
        ("structure_share", SV, "2023", 21.3, "taxes_in_services"),
        ("structure_share", AG, "2023", 13.0, "taxes_in_services"),
    ]
)


def test_sector_bases_of_base_year_2024_need_the_structure_stated():
    # The 2025 pack's case: the series hold no 2024 structure, and no four-part structure of
    # 2023 or 2024 for the product-tax share; each missing figure is named.
    with pytest.raises(InputError) as info:
        sector_bases(OUTTURN_2024, base_year=2024)
    assert info.value.where == "'structure_share' 2024 taxes_in_services"
    assert "base_share_industry_construction, base_share_services, base_share_agriculture" in (
        info.value.rule
    )
    three = [
        ("base_share_industry_construction", 67.7),
        ("base_share_services", 19.4),
        ("base_share_agriculture", 12.9),
    ]
    with pytest.raises(InputError, match="base_share_product_taxes"):
        sector_bases(OUTTURN_2024, base_year=2024, assumptions=_assumptions(three))
    stated = _assumptions([*three, ("base_share_product_taxes", 2.1)])
    bases = sector_bases(OUTTURN_2024, base_year=2024, assumptions=stated)
    # shares (illustrative assumptions): taxes out of services, 19.4 - 2.1 = 17.3 %
    assert bases.shares.to_dict() == pytest.approx({IC: 0.677, SV: 0.173, AG: 0.129, TX: 0.021})
    # weights: c/g = 12.93/17.94, 1.05/6.83, -0.35/-3.32, 0.22/11.66 = 0.720736, 0.153734,
    # 0.105422, 0.018868; rolled forward with (1 + g): 0.850036, 0.164234, 0.101922, 0.021068,
    # sum 1.137259 -> 0.747443, 0.144412, 0.089620, 0.018525
    assert bases.weights.to_numpy() == pytest.approx(
        [0.747443, 0.144412, 0.089620, 0.018525], abs=2e-6
    )


def test_sector_bases_of_base_year_2023_from_the_published_series():
    from analysis.data.tables import load_series

    bases = sector_bases(load_series(), base_year=2023)
    # 65.7 / 21.3 / 13.0 with taxes in services; the 2022 product-tax share 2.1 % (2023's is
    # not published) takes services to 21.3 - 2.1 = 19.2 %
    assert bases.shares.to_dict() == pytest.approx({IC: 0.657, SV: 0.192, AG: 0.130, TX: 0.021})
    # weights 0.7124 / 0.1576 / 0.1102 / 0.0199 (tests/test_sector_growth.py)
    assert bases.weights.to_numpy() == pytest.approx([0.7124, 0.1576, 0.1102, 0.0199], abs=1e-4)


def test_an_unpublished_contribution_is_the_residual_of_the_total():
    from analysis import load_series
    from analysis.outlook.record import base_contributions, record_through

    four = ["industry_construction", "services", "agriculture", "product_taxes"]
    # 2024: the release gives 12.93 / 1.05 / -0.35 points of the 13.85 % total, not product
    # taxes: 13.85 - 12.93 - 1.05 + 0.35 = 0.22 points
    got = base_contributions(record_through(load_series(), 2024), 2024, four)
    assert got.to_dict() == pytest.approx(
        {
            "industry_construction": 12.93,
            "services": 1.05,
            "agriculture": -0.35,
            "product_taxes": 0.22,
        }
    )
    # 2023: all four published (11.88 / 1.10 / 0.32 / 0.15), read as they are
    assert base_contributions(record_through(load_series(), 2023), 2023, four).tolist() == [
        11.88,
        1.10,
        0.32,
        0.15,
    ]


def test_two_missing_contributions_are_refused():
    import pandas as pd

    from analysis.errors import InputError
    from analysis.outlook.record import base_contributions

    series = pd.DataFrame(
        {
            "variable": ["contribution", "contribution", "grdp_growth"],
            "sector": ["industry_construction", "services", "total"],
            "period": ["2030", "2030", "2030"],
            "value": [10.0, 2.0, 13.0],
        }
    )
    four = ["industry_construction", "services", "agriculture", "product_taxes"]
    with pytest.raises(InputError, match="missing \\['agriculture', 'product_taxes'\\]"):
        base_contributions(series, 2030, four)
