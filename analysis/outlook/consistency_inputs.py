"""The consistency report composed from a plan's tables: targets, baselines, series, assumptions.

:func:`consistency_report_from_tables` picks the figures the checks need out of the tables
of :mod:`analysis.data.tables` (percent as percent) and hands them, as fractions, to
:func:`analysis.economics.consistency_report.consistency_report`;
:func:`structure_inputs_from_series` gives a notebook the structural inputs the report used.
Every figure of the record is the base year's or earlier
(:func:`analysis.outlook.record.record_through`); the base year and the plan year are the plan
pack's, passed in.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from analysis.economics.closures import DEFAULT_PRICE_SD
from analysis.economics.consistency_per_head import implied_deflators
from analysis.economics.consistency_quarters import quarterly_plan_check
from analysis.economics.consistency_report import consistency_report
from analysis.economics.sector_growth import (
    baseline_years,
    fold_taxes_into_services,
    historical_baseline,
    structure_weights,
)
from analysis.economics.structure_solution import Z_LIMIT
from analysis.economics.vintages import latest_vintage
from analysis.errors import InputError
from analysis.outlook.quarter_weights import plan_quarter_weights
from analysis.outlook.record import (
    FOUR_PARTS,
    THREE_SECTORS,
    assumption_values,
    base_contributions,
    base_shares,
    check_year,
    need_pick,
    outlier_years,
    record_through,
    series_pick,
)

DEFLATOR_RECORD_YEARS = 2
"""Years of the province's own deflator record in the reference band: the base year and the
year before it.

Implied deflators need nominal GRDP in consecutive years. Before 2021 the published
nominal figures are early estimates of mixed vintages (e.g. 69.06 trillion VND for 2017 is a
December-2017 estimate) whose implied deflators (6–10 %) reflect revisions more than
prices, and 2021 is the COVID year; the two latest years are the clean ones (base year 2023:
2022 and 2023, +0.51 % and +2.86 %)."""


def _need(values: Mapping[str, float], key: str, table: str) -> float:
    if key not in values or not np.isfinite(values[key]):
        raise ValueError(f"{table}: needs a value for '{key}'")
    return float(values[key])


def _optional(values: Mapping[str, float], key: str) -> float | None:
    value = values.get(key)
    return float(value) if value is not None and np.isfinite(value) else None


def _by_id(frame: pd.DataFrame, id_col: str, value_col: str, table: str) -> dict[str, float]:
    missing = [c for c in (id_col, value_col) if c not in frame.columns]
    if missing:
        raise ValueError(f"{table}: missing column(s) {missing}")
    return dict(zip(frame[id_col], pd.to_numeric(frame[value_col], errors="coerce"), strict=True))


def _yearly(series: pd.DataFrame, variable: str, sector: str = "total") -> pd.Series:
    rows = series[(series["variable"] == variable) & (series["sector"] == sector)]
    rows = rows[rows["period"].astype(str).str.fullmatch(r"\d{4}")]
    rows = latest_vintage(rows, ["period"])
    return pd.Series(
        rows["value"].astype(float).to_numpy(),
        index=rows["period"].astype(int).to_numpy(),
        dtype=float,
    )


def _national_deflator(
    record: pd.DataFrame, base_year: int, values: Mapping[str, float]
) -> tuple[float | None, int | None]:
    """Viet Nam's deflator for the reference band, and its year when not the base year's.

    Rule: the base year's, implied by the series; else the pack's ``national_deflator_base``;
    else the latest year before the base year in the series (its year then named); else None.
    """
    national = implied_deflators(
        _yearly(record, "vn_gdp_nominal"), _yearly(record, "vn_gdp_growth") / 100.0
    )
    if base_year in national.index:
        return float(national[base_year]), None
    stated = _optional(values, "national_deflator_base")
    if stated is not None:
        return stated / 100.0, None
    earlier = national[national.index < base_year]
    if earlier.empty:
        return None, None
    return float(earlier.iloc[-1]), int(earlier.index[-1])


def _provincial_deflators(record: pd.DataFrame, base_year: int, record_years: int) -> pd.Series:
    """The province's deflators over the last ``record_years`` years up to the base year."""
    province = implied_deflators(
        _yearly(record, "grdp_current_prices"), _yearly(record, "grdp_growth") / 100.0
    )
    first = base_year - record_years + 1
    return province[(province.index >= first) & (province.index <= base_year)]


PlanSource = dict[str, Any]
"""Where a sector plan comes from, as data for the reports' words:
``{"kind": "master_plan", "start": 2021, "end": 2030}`` or ``{"kind": "year_plan", "year":
2025}``; ``{}`` for none."""


def _master_plan(series: pd.DataFrame, plan_year: int) -> tuple[pd.Series | None, str, PlanSource]:
    """Midpoints of a master plan's average sector growth whose period covers the plan year,
    the words saying so, and the same as data."""
    rows = series[(series["variable"] == "plan_growth_avg") & series["sector"].isin(THREE_SECTORS)]
    spans = rows["period"].astype(str).str.extract(r"^(\d{4})-(\d{4})$")
    covers = spans[0].astype(float).le(plan_year) & spans[1].astype(float).ge(plan_year)
    rows = latest_vintage(rows[covers.to_numpy()], ["sector", "period"])
    spans = spans.loc[rows.index]
    if len(rows) != len(THREE_SECTORS) or rows["sector"].duplicated().any():
        return None, "", {}
    high = rows["value_high"].fillna(rows["value"]).astype(float)
    mid = (rows["value"].astype(float) + high) / 200.0
    start, end = spans.iloc[0]
    label = f"given growth: midpoints of the {start}–{end} master plan's average sector growth"
    source = {"kind": "master_plan", "start": int(start), "end": int(end)}
    plan = pd.Series(mid.to_numpy(), index=rows["sector"].to_numpy())
    return plan.reindex(list(THREE_SECTORS)), label, source


def _year_plan(
    series: pd.DataFrame, record: pd.DataFrame, plan_year: int, base_year: int
) -> tuple[pd.Series | None, str, PlanSource]:
    """The plan year's own sector plan (``sector_growth_plan``), three parts, its words and
    the same as data.

    The four parts' planned growth with product taxes folded into services
    (:func:`analysis.economics.sector_growth.fold_taxes_into_services`) at the base year's
    constant-price weights; None when the series hold no sector plan for the plan year, or
    when the base year's weights are not in the data.
    """
    four = series_pick(series, "sector_growth_plan", plan_year, FOUR_PARTS)
    if four is None:
        return None, "", {}
    try:
        weights = structure_weights(
            base_contributions(record, base_year, FOUR_PARTS) / 100.0,
            need_pick(record, "sector_growth", base_year, FOUR_PARTS) / 100.0,
            convention="gso4",
        )
    except InputError:
        return None, "", {}
    label = f"given growth: the {plan_year} plan's sector growth (product taxes in services)"
    plan = fold_taxes_into_services(four / 100.0, weights).reindex(list(THREE_SECTORS))
    return plan, label, {"kind": "year_plan", "year": int(plan_year)}


def quarterly_plan_rows(
    series: pd.DataFrame, assumptions: Any, *, target_growth: float, plan_year: int
) -> pd.DataFrame | None:
    """The row ``quarterly_plan.annual`` when the series hold the plan year's quarterly scenario.

    The quarters ``grdp_growth_quarter_plan`` of ``<plan_year>-Q1..Q4`` (percent) and the
    weights ``quarter_weight_q1..q4`` of the assumptions (percent of the base year's GRDP,
    rescaled to sum to 1: :func:`analysis.outlook.quarter_weights.plan_quarter_weights`);
    None when either is missing
    (:func:`analysis.economics.consistency_quarters.quarterly_plan_check`).
    """
    rows = latest_vintage(series[series["variable"].eq("grdp_growth_quarter_plan")], ["period"])
    by_period = dict(zip(rows["period"].astype(str), rows["value"].astype(float), strict=True))
    quarters = [by_period.get(f"{plan_year}-Q{q}") for q in range(1, 5)]
    weights = plan_quarter_weights(assumptions)
    if any(v is None for v in quarters) or weights is None:
        return None
    return quarterly_plan_check(
        [q / 100.0 for q in quarters],
        weights,
        target_growth=target_growth,
        plan_year=plan_year,
    )


def _three_part_growth(record: pd.DataFrame, year: int) -> pd.Series:
    """A year's growth with taxes folded into services: (c_s + c_t)/(w_s + w_t)."""
    growth = need_pick(record, "sector_growth", year, FOUR_PARTS) / 100.0
    contrib = base_contributions(record, year, FOUR_PARTS) / 100.0
    w = contrib / growth
    services = (contrib["services"] + contrib["product_taxes"]) / (
        w["services"] + w["product_taxes"]
    )
    return pd.Series(
        {
            "industry_construction": growth["industry_construction"],
            "services": services,
            "agriculture": growth["agriculture"],
        }
    )


def _shares_or_none(t: Mapping[str, float], prefix: str, ids: list[str]) -> pd.Series | None:
    """Target shares (fractions) by sector; None when the plan states none of them."""
    values = {k: t.get(f"{prefix}{k}", np.nan) for k in ids}
    if all(not np.isfinite(v) for v in values.values()):
        return None
    return pd.Series({k: _need(t, f"{prefix}{k}", "targets") / 100.0 for k in ids})


def _target_inputs(targets: pd.DataFrame) -> dict[str, Any]:
    t = _by_id(targets, "indicator_id", "target", "targets")
    b = _by_id(targets, "indicator_id", "baseline", "targets")
    sectors = list(THREE_SECTORS)
    labour_base = pd.Series({k: b.get(f"labour_share_{k}", np.nan) for k in sectors})
    return {
        "target_growth": _need(t, "grdp_growth", "targets") / 100.0,
        "per_capita_target": _need(t, "grdp_per_capita_usd", "targets"),
        "target_shares": _shares_or_none(t, "share_", sectors),
        "labour_shares": _shares_or_none(t, "labour_share_", sectors),
        "labour_shares_base": labour_base / 100.0 if labour_base.notna().all() else None,
        "budget_revenue": _optional(t, "budget_revenue"),
        "investment": _optional(t, "social_investment"),
    }


def _baseline_inputs(baselines: pd.DataFrame) -> dict[str, Any]:
    v = _by_id(baselines, "indicator_id", "value", "baselines")
    return {
        "grdp_base": _need(v, "grdp_current_prices", "baselines"),
        "per_capita_base": _need(v, "grdp_per_capita_usd", "baselines"),
        "budget_revenue_base": _optional(v, "budget_revenue"),
        "investment_base": _optional(v, "social_investment"),
    }


def _weights(record: pd.DataFrame, year: int) -> pd.Series:
    return structure_weights(
        base_contributions(record, year, FOUR_PARTS) / 100.0,
        need_pick(record, "sector_growth", year, FOUR_PARTS) / 100.0,
    )


def _series_inputs(
    series: pd.DataFrame,
    base_year: int,
    assumptions: Any,
    record_years: int,
    *,
    structure: bool = True,
) -> dict[str, Any]:
    year = check_year(base_year, "base_year")
    record = record_through(series, year)
    national, national_year = _national_deflator(record, year, assumption_values(assumptions))
    plan, plan_label, plan_source = _year_plan(series, record, year + 1, year)
    if plan is None:
        plan, plan_label, plan_source = _master_plan(record, year + 1)
    out: dict[str, Any] = {
        "provincial_deflators": _provincial_deflators(record, year, record_years),
        "national_deflator": national,
        "national_year": national_year,
        "sector_growth_plan": plan,
        "plan_label": plan_label,
        "plan_source": plan_source,
    }
    if structure:
        exclude = outlier_years(assumptions)
        out |= {
            "shares_base": base_shares(record, year, assumptions),
            "weights_base": _weights(record, year),
            "baseline": historical_baseline(
                record, years=baseline_years(record, year, exclude=exclude)
            ),
            "sector_growth_base": _three_part_growth(record, year),
        }
    elif plan is not None:
        try:
            out["weights_base"] = _weights(record, year)
        except InputError:  # the sector plan's row then says the weights are missing
            out["weights_base"] = None
    return out


def consistency_report_from_tables(
    targets: pd.DataFrame,
    baselines: pd.DataFrame,
    series: pd.DataFrame,
    assumptions: Any,
    *,
    base_year: int,
    plan_year: int,
    record_years: int = DEFLATOR_RECORD_YEARS,
    **options: Any,
) -> pd.DataFrame:
    """The consistency report with its inputs read from a plan's tables.

    Parameters
    ----------
    targets, baselines, series : DataFrame
        As returned by :func:`analysis.data.tables.load_targets`, ``load_baselines`` and
        ``load_series`` (percent as percent).
    assumptions : DataFrame or dict
        The table of :func:`analysis.data.tables.load_assumptions`, or a dict of assumption id to
        value in that table's units. Used: ``population_growth`` and
        ``depreciation`` (%), ``national_deflator_base`` (%; only when the series lack
        Viet Nam's nominal GDP and growth of the base year; without it the latest earlier
        year's stands in, named), ``stretched_threshold_sd``,
        ``relative_price_sd`` (points; else
        :data:`analysis.economics.closures.DEFAULT_PRICE_SD`), ``outlier_year_*`` and
        ``base_share_*`` (:mod:`analysis.outlook.record`), all optional but the first two.
    base_year, plan_year : int
        The plan pack's base year and plan year (``plan.base_year``, ``plan.plan_year``).
    record_years : int, default DEFLATOR_RECORD_YEARS
        Years of the province's deflator record in the reference band, ending with the base
        year.
    **options
        Passed to :func:`analysis.economics.consistency_report.consistency_report`
        (``icor_band``, ``price_sd``, ...).

    Returns
    -------
    DataFrame
        As :func:`analysis.economics.consistency_report.consistency_report`.

    Raises
    ------
    ValueError
        When a figure the checks need is missing, duplicated or invalid (an
        :class:`~analysis.errors.InputError` naming it for the series).

    Notes
    -----
    Read from the tables: targets ``grdp_growth`` and ``grdp_per_capita_usd`` (required);
    ``share_*``, ``labour_share_*``, ``budget_revenue`` and ``social_investment`` where the
    plan states them (a check whose target is absent gives an 'information' row
    ``no_target.<target>`` instead); baselines ``grdp_current_prices`` and
    ``grdp_per_capita_usd`` of the base year. From the series, only figures up to the base
    year (:func:`analysis.outlook.record.record_through`): the base year's structure in the
    ``taxes_in_services`` convention (the targets' convention; else the pack's
    ``base_share_*``), its contributions and sector growth (weights:
    :func:`analysis.economics.sector_growth.structure_weights`, taxes folded into services and
    rolled forward to the base year), the sector growth of
    :func:`analysis.economics.sector_growth.baseline_years` less the pack's outlier years
    (baseline; base year 2023: 2016–2019 and 2023), nominal and real GRDP of the province
    (deflators of the last ``record_years`` years) and of Viet Nam (the base year's deflator),
    and the sector growth of the master plan whose period covers the plan year (closure B at
    the midpoints of its ranges; without a structure target, the row
    ``sector_plan.aggregate``).

    References
    ----------
    Methodology reference, sections 1–4 and 8.
    """
    values = assumption_values(assumptions)
    target_in = _target_inputs(targets)
    inputs = {
        **target_in,
        **_baseline_inputs(baselines),
        **_series_inputs(
            series,
            base_year,
            assumptions,
            record_years,
            structure=target_in["target_shares"] is not None,
        ),
        "base_year": check_year(base_year, "base_year"),
        "plan_year": check_year(plan_year, "plan_year"),
    }
    if inputs["national_deflator"] is None:
        raise ValueError(
            "assumptions: needs a value for 'national_deflator_base' (the series give no "
            f"national deflator up to {base_year})"
        )
    inputs["population_growth"] = _need(values, "population_growth", "assumptions") / 100
    inputs["depreciation"] = _need(values, "depreciation", "assumptions") / 100
    inputs |= structure_thresholds(assumptions)
    report = consistency_report(**{**inputs, **options})
    quarterly = quarterly_plan_rows(
        series, values, target_growth=inputs["target_growth"], plan_year=inputs["plan_year"]
    )
    return report if quarterly is None else pd.concat([report, quarterly], ignore_index=True)


def structure_thresholds(assumptions: Any = None) -> dict[str, float]:
    """The thresholds of the structure verdicts a plan states, for every report that judges.

    ``z_limit``: the pack's ``stretched_threshold_sd`` (standard deviations; else
    :data:`analysis.economics.structure_solution.Z_LIMIT`); ``price_sd``: its
    ``relative_price_sd`` in points as a fraction (else
    :data:`analysis.economics.closures.DEFAULT_PRICE_SD`). The consistency report (03) and
    the structural-shift report (02) both pass these to the closures, so their verdicts
    agree.
    """
    values = assumption_values(assumptions) if assumptions is not None else {}
    return {
        "z_limit": float(values.get("stretched_threshold_sd", Z_LIMIT)),
        "price_sd": float(values.get("relative_price_sd", 100 * DEFAULT_PRICE_SD)) / 100,
    }


def services_growth_conventions(series: pd.DataFrame, base_year: int) -> tuple[float, float] | None:
    """The base year's services growth both ways, percent: the services sector's own as
    published, and with the taxes on products folded in, as the structure targets count
    services (the three sectors adding up to 100 %): 6.56 and 6.62 % for Bắc Giang in 2023.
    None when the record has not both sectors' growth and contributions for the year."""
    year = check_year(base_year, "base_year")
    record = record_through(series, year)
    try:
        own = need_pick(record, "sector_growth", year, ["services"])["services"]
        folded = _three_part_growth(record, year)["services"] * 100.0
    except InputError:
        return None
    return float(own), float(folded)


def structure_inputs_from_series(
    series: pd.DataFrame,
    *,
    base_year: int,
    assumptions: Any = None,
    record_years: int = DEFLATOR_RECORD_YEARS,
) -> dict:
    """The structural inputs the report derives from the published series, for notebooks.

    Returns a dict with ``shares_base`` and ``weights_base`` (taxes in services, fractions),
    ``z_limit`` and ``price_sd`` (:func:`structure_thresholds`),
    ``baseline`` (:class:`~analysis.economics.sector_growth.GrowthBaseline`),
    ``sector_growth_base`` (three parts, fractions), ``provincial_deflators``,
    ``national_deflator`` (and ``national_year``, None when it is the base year's),
    ``sector_growth_plan`` (master plan midpoints or None), ``plan_label`` and
    ``plan_source`` (:data:`PlanSource`): the same figures
    :func:`consistency_report_from_tables` uses for the plan with this ``base_year`` (and
    ``assumptions``: ``base_share_*``, ``outlier_year_*``, the thresholds), so a notebook shows
    what the report checked.
    """
    return _series_inputs(series, base_year, assumptions, record_years) | structure_thresholds(
        assumptions
    )
