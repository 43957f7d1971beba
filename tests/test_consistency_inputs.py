"""The consistency report composed from a plan's tables (analysis.outlook.consistency_inputs).

Small tables in the layout of data/raw, and the project's own files; every expected number is
worked out by hand in the comment above its assertion (the arithmetic of each check is tested
in tests/test_consistency.py).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.economics.consistency_rows import REPORT_COLUMNS, REPORT_VERDICTS
from analysis.errors import InputError
from analysis.outlook.consistency_inputs import (
    DEFLATOR_RECORD_YEARS,
    consistency_report_from_tables,
    services_growth_conventions,
    structure_inputs_from_series,
)
from analysis.report.structure_page import services_convention_text

IC, SV, AG, TX = "industry_construction", "services", "agriculture", "product_taxes"
YEARS = {"base_year": 2023, "plan_year": 2024}


def _value(report: pd.DataFrame, check: str, column: str = "value"):
    rows = report.loc[report["check"] == check, column]
    assert len(rows) == 1, f"expected one row '{check}', got {len(rows)}"
    return rows.iloc[0]


def _tables():
    """Small tables in the layout of data/raw (only the columns the report reads)."""
    targets = pd.DataFrame(
        [
            ("grdp_growth", 14.5, 13.45),
            ("share_industry_construction", 68.0, 65.7),
            ("share_services", 20.6, 21.3),
            ("share_agriculture", 11.4, 13.0),
            ("grdp_per_capita_usd", 4500.0, 3950.0),
            ("budget_revenue", 16000.0, np.nan),
            ("social_investment", 103500.0, np.nan),
            ("labour_share_industry_construction", 46.1, np.nan),
            ("labour_share_services", 31.2, np.nan),
            ("labour_share_agriculture", 22.7, np.nan),
        ],
        columns=["indicator_id", "target", "baseline"],
    )
    baselines = pd.DataFrame(
        [("grdp_current_prices", 181.9), ("grdp_per_capita_usd", 3950.0)],
        columns=["indicator_id", "value"],
    )
    rows = [
        ("sector_growth", k, str(y), v, np.nan, "")
        for k, values in {
            IC: (17.86, 23.23, 24.4, 25.1, 17.25),
            SV: (6.7, 7.88, 6.52, 8.2, 6.56),
            AG: (2.5, -1.34, 6.48, 0.5, 2.63),
        }.items()
        for y, v in zip((2016, 2017, 2018, 2019, 2023), values, strict=True)
    ]
    rows += [
        ("sector_growth", TX, "2023", 7.14, np.nan, ""),
        ("contribution", IC, "2023", 11.88, np.nan, ""),
        ("contribution", SV, "2023", 1.10, np.nan, ""),
        ("contribution", AG, "2023", 0.32, np.nan, ""),
        ("contribution", TX, "2023", 0.15, np.nan, ""),
        ("structure_share", IC, "2023", 65.7, np.nan, "taxes_in_services"),
        ("structure_share", SV, "2023", 21.3, np.nan, "taxes_in_services"),
        ("structure_share", AG, "2023", 13.0, np.nan, "taxes_in_services"),
        ("structure_share", SV, "2022", 20.7, np.nan, "gso4"),
    ]
    series = pd.DataFrame(
        rows, columns=["variable", "sector", "period", "value", "value_high", "convention"]
    ).assign(kind="actual")
    assumptions = pd.DataFrame(
        [
            ("population_growth", 1.5, "%"),
            ("depreciation", 1.7, "%"),
            ("national_deflator_base", 2.3, "%"),
        ],
        columns=["assumption_id", "value", "unit"],
    )
    return targets, baselines, series, assumptions


def test_from_small_tables():
    report = consistency_report_from_tables(*_tables(), **YEARS)
    # n = 1.5 %, e = 1.7 %: π* = 2.70626 % (test_per_head_by_hand); national 2.3 % from the
    # assumptions since the series hold no Viet Nam GDP; no provincial nominal record
    assert _value(report, "per_head.implied_deflator") == pytest.approx(2.70626, abs=1e-4)
    assert _value(report, "per_head.implied_deflator", "value_base") == pytest.approx(2.3)
    # weights from the contributions rolled to 2023 with taxes in services (test_solver):
    # closure A services growth +10.126 %, stretched
    assert _value(report, "structure.equal_prices.services") == pytest.approx(10.1263, abs=1e-3)
    assert _value(report, "structure.equal_prices", "verdict") == "stretched"
    # 2023 services incl. taxes: (1.10 + 0.15)/(0.16768293 + 0.0210084) = 1.25/0.18869133
    #                           = 6.62457 %
    assert _value(report, "structure.equal_prices.services", "value_base") == pytest.approx(
        6.62457, abs=1e-4
    )
    assert not report["check"].str.startswith("structure.given_growth").any()  # no plan rows


def test_from_tables_accepts_a_dict_of_assumptions_and_options():
    targets, baselines, series, _ = _tables()
    assumptions = {
        "population_growth": 1.5,
        "depreciation": 1.7,
        "national_deflator_base": 2.3,
        "stretched_threshold_sd": 4.0,
    }
    report = consistency_report_from_tables(
        targets, baselines, series, assumptions, icor_band=(1.0, 2.0), **YEARS
    )
    # z-limit 4: services z = 3.68 is no longer stretched
    assert _value(report, "structure.equal_prices", "verdict") == "consistent"
    assert _value(report, "icor.current_prices", "verdict") == "information"


def test_from_tables_refuses_missing_figures():
    targets, baselines, series, assumptions = _tables()
    with pytest.raises(ValueError, match="assumptions: needs a value for 'population_growth'"):
        consistency_report_from_tables(targets, baselines, series, assumptions.iloc[1:], **YEARS)
    with pytest.raises(ValueError, match="targets: needs a value for 'share_services'"):
        consistency_report_from_tables(
            targets[targets["indicator_id"] != "share_services"],
            baselines,
            series,
            assumptions,
            **YEARS,
        )
    no_structure = series[series["variable"] != "structure_share"]
    with pytest.raises(InputError, match=r"'structure_share' 2023 taxes_in_services: the base"):
        consistency_report_from_tables(targets, baselines, no_structure, assumptions, **YEARS)
    one_missing = series[(series["variable"] != "structure_share") | (series["sector"] != AG)]
    with pytest.raises(InputError, match=r"needs one figure per sector; missing \['agriculture'\]"):
        consistency_report_from_tables(targets, baselines, one_missing, assumptions, **YEARS)
    with pytest.raises(ValueError, match="assumptions: must be the DataFrame"):
        consistency_report_from_tables(targets, baselines, series, [1.5, 1.7], **YEARS)
    with pytest.raises(TypeError, match="base_year"):
        consistency_report_from_tables(targets, baselines, series, assumptions)


def test_from_the_project_files():
    from analysis.data.tables import load_assumptions, load_baselines, load_series, load_targets

    report = consistency_report_from_tables(
        load_targets(), load_baselines(), load_series(), load_assumptions(), **YEARS
    )
    assert list(report.columns) == list(REPORT_COLUMNS)
    assert set(report["verdict"]) <= set(REPORT_VERDICTS)
    # assumptions n = 1.68 %, e = 1.7 %: π* = 1.1392405 × 1.0168 × 1.017 / 1.145 - 1
    #                                      = 1.1780723 / 1.145 - 1 = 2.88841 %
    assert _value(report, "per_head.implied_deflator") == pytest.approx(2.88841, abs=1e-4)
    # value_base: the province's 2023 deflator 181.9/155.876/1.1345 - 1 = 2.86057 %
    assert _value(report, "per_head.implied_deflator", "value_base") == pytest.approx(
        2.86057, abs=1e-4
    )
    # the band's record: the base year and the year before it (2022: 155.876/130/1.193 - 1
    # = 1.1990462/1.193 - 1 = 0.50680 %), not 2018 or 2019; national 2023: 2.28 %
    note = _value(report, "per_head.implied_deflator", "note")
    assert "(national 2.28 %; province 2022: 0.51 %, 2023: 2.86 %, ± 1.00 pt)" in note
    assert _value(report, "per_head.implied_deflator", "verdict") == "consistent"
    # closure A: services needs about +10.13 % against 7.17 ± 0.80 -> stretched
    assert _value(report, "structure.equal_prices.services") == pytest.approx(10.126, abs=2e-3)
    assert _value(report, "structure.equal_prices", "verdict") == "stretched"
    # ICOR: 103,500 / (181,900 × 0.1780723) = 103,500 / 32,391.35 = 3.195298
    assert _value(report, "icor.current_prices") == pytest.approx(3.195298, abs=1e-4)
    assert _value(report, "productivity.agriculture") == pytest.approx(0.502203, abs=1e-6)
    # master plan 2021-2030 midpoints (17.5, 10.5, 2.5 %) drive closure B
    assert _value(report, "structure.given_growth.services") == pytest.approx(10.5)


def test_services_growth_both_ways():
    from analysis.data.tables import load_series

    own, folded = services_growth_conventions(load_series(), 2023)
    assert own == 6.56  # published services growth 2023 (published_series.csv)
    # With taxes on products (published 2023: services 6.56 % contributing 1.1 points, taxes
    # 7.14 % contributing 0.15): weights 1.1/6.56 = 0.167683, 0.15/7.14 = 0.021008;
    # (1.1 + 0.15) / (0.167683 + 0.021008) = 1.25 / 0.188691 = 6.6246 %
    assert folded == pytest.approx(6.6246, abs=1e-4)
    assert services_growth_conventions(load_series(), 2016) is None  # no contributions then
    assert services_convention_text(own, folded, 2023, "vi").startswith(
        "Khu vực dịch vụ trong các bảng cơ cấu gồm cả thuế sản phẩm"
    )
    assert "năm 2023 tăng 6,62 %; riêng ngành dịch vụ tăng 6,56 %" in services_convention_text(
        own, folded, 2023, "vi"
    )
    assert "6.62 % growth in 2023; the services sector alone grew 6.56 %" in (
        services_convention_text(own, folded, 2023, "en")
    )


def _master_plan(period: str = "2021-2030") -> pd.DataFrame:
    """The master plan's average sector growth ranges, as the series hold them (kind plan)."""
    return pd.DataFrame(
        [
            ("plan_growth_avg", IC, period, 17.0, 18.0, ""),
            ("plan_growth_avg", SV, period, 10.0, 11.0, ""),
            ("plan_growth_avg", AG, period, 2.0, 3.0, ""),
        ],
        columns=["variable", "sector", "period", "value", "value_high", "convention"],
    ).assign(kind="plan")


def test_the_base_years_structure_from_the_assumptions_when_unpublished():
    targets, baselines, series, assumptions = _tables()
    published = consistency_report_from_tables(targets, baselines, series, assumptions, **YEARS)
    unpublished = series[series["variable"] != "structure_share"]
    stated = pd.concat(
        [
            assumptions,
            pd.DataFrame(
                [
                    ("base_share_industry_construction", 65.7, "%"),
                    ("base_share_services", 21.3, "%"),
                    ("base_share_agriculture", 13.0, "%"),
                ],
                columns=["assumption_id", "value", "unit"],
            ),
        ],
        ignore_index=True,
    )
    report = consistency_report_from_tables(targets, baselines, unpublished, stated, **YEARS)
    pd.testing.assert_frame_equal(report, published)
    inputs = structure_inputs_from_series(unpublished, base_year=2023, assumptions=stated)
    assert inputs["shares_base"].to_dict() == pytest.approx({IC: 0.657, SV: 0.213, AG: 0.13})


def test_a_plan_with_only_growth_and_per_head_targets_from_tables():
    # The 2025 pack's kind of targets: growth, per head and GRDP at current prices only; a
    # series without the base year's structure (not needed without a structure target).
    targets, baselines, series, assumptions = _tables()
    targets = pd.DataFrame(
        [
            ("grdp_growth", 14.5, 13.45),
            ("grdp_per_capita_usd", 4500.0, 3950.0),
            ("grdp_current_prices", 214.0, 181.9),
        ],
        columns=["indicator_id", "target", "baseline"],
    )
    series = pd.concat(
        [series[series["variable"] != "structure_share"], _master_plan()], ignore_index=True
    )
    report = consistency_report_from_tables(targets, baselines, series, assumptions, **YEARS)
    assert list(report["check"]) == [
        "per_head.implied_deflator",
        "per_head.nominal_grdp_plan",
        "per_head.per_capita_at_national_deflator",
        "no_target.structure",
        "sector_plan.aggregate",
        "no_target.labour_shares",
        "no_target.budget_revenue",
        "no_target.investment",
    ]
    assert _value(report, "per_head.implied_deflator") == pytest.approx(2.70626, abs=1e-4)
    # midpoints 17.5 / 10.5 / 2.5 % with the 2023 weights 0.712354 / 0.177486 / 0.110160:
    # 0.124662 + 0.018636 + 0.002754 = 14.6052 %, 0.11 pt above 14.5 % -> consistent
    assert _value(report, "sector_plan.aggregate") == pytest.approx(14.6052, abs=1e-3)
    assert _value(report, "sector_plan.aggregate", "verdict") == "consistent"
    assert _value(report, "sector_plan.aggregate", "note").startswith(
        "given growth: midpoints of the 2021–2030 master plan's average sector growth: "
    )
    missing = report[report["check"].str.startswith("no_target.")]
    assert set(missing["verdict"]) == {"information"}


def test_the_master_plan_must_cover_the_plan_year():
    targets, baselines, series, assumptions = _tables()
    for period, covered in (("2021-2030", True), ("2016-2020", False)):
        with_plan = pd.concat([series, _master_plan(period)], ignore_index=True)
        report = consistency_report_from_tables(targets, baselines, with_plan, assumptions, **YEARS)
        has_b = report["check"].str.startswith("structure.given_growth").any()
        assert has_b == covered, period


def test_the_deflator_record_ends_with_the_base_year():
    # Nominal GRDP 2021-2023 and growth 2022-2023: deflators 2022 (0.50680 %) and 2023
    # (2.86057 %). Base year 2023 keeps both (DEFLATOR_RECORD_YEARS = 2); base year 2022 only
    # 2022, whose deflator then stands in value_base.
    assert DEFLATOR_RECORD_YEARS == 2
    targets, baselines, series, assumptions = _tables()
    levels = pd.DataFrame(
        [
            ("grdp_current_prices", "total", "2021", 130.0),
            ("grdp_current_prices", "total", "2022", 155.876),
            ("grdp_current_prices", "total", "2023", 181.9),
            ("grdp_growth", "total", "2022", 19.3),
            ("grdp_growth", "total", "2023", 13.45),
        ],
        columns=["variable", "sector", "period", "value"],
    ).assign(value_high=np.nan, convention="", kind="actual")
    series = pd.concat([series, levels], ignore_index=True)
    inputs = structure_inputs_from_series(series, base_year=2023)
    assert inputs["provincial_deflators"].to_dict() == pytest.approx(
        {2022: 0.0050680, 2023: 0.0286057}, abs=1e-7
    )
    # base year 2022 (growth and per-head targets only, so no structure is read)
    growth_only = targets[targets["indicator_id"].isin(["grdp_growth", "grdp_per_capita_usd"])]
    report = consistency_report_from_tables(
        growth_only, baselines, series, assumptions, base_year=2022, plan_year=2023
    )
    assert _value(report, "per_head.implied_deflator", "value_base") == pytest.approx(
        0.50680, abs=1e-4
    )
    note = _value(report, "per_head.implied_deflator", "note")
    assert "province 2022: 0.51 %," in note and "2023" not in note


def test_the_national_deflator_rule():
    # Viet Nam 2022 and 2023 in the series: 2023's deflator 10221.8/9513.3/1.0505 - 1
    # = 2.28222 %. Base year 2023 reads it; base year 2024 (no 2024 figure) reads the pack's
    # national_deflator_base when stated, else 2023's, named in the notes.
    targets, baselines, series, assumptions = _tables()
    national = pd.DataFrame(
        [
            ("vn_gdp_nominal", "total", "2022", 9513.3),
            ("vn_gdp_nominal", "total", "2023", 10221.8),
            ("vn_gdp_growth", "total", "2023", 5.05),
        ],
        columns=["variable", "sector", "period", "value"],
    ).assign(value_high=np.nan, convention="", kind="actual")
    series = pd.concat([series, national], ignore_index=True)
    growth_only = targets[targets["indicator_id"].isin(["grdp_growth", "grdp_per_capita_usd"])]

    def note(base_year: int, table: pd.DataFrame) -> str:
        report = consistency_report_from_tables(
            growth_only, baselines, series, table, base_year=base_year, plan_year=base_year + 1
        )
        return _value(report, "per_head.implied_deflator", "note")

    assert "(national 2.28 %, ± 1.00 pt)" in note(2023, assumptions)
    assert "(national 2.30 %, ± 1.00 pt)" in note(2024, assumptions)  # the stated 2.3 %
    unstated = assumptions[assumptions["assumption_id"] != "national_deflator_base"]
    assert "(national 2.28 % (2023), ± 1.00 pt)" in note(2024, unstated)
    with pytest.raises(ValueError, match="needs a value for 'national_deflator_base'"):
        note(2022, unstated)  # no national deflator up to 2022 in these series
