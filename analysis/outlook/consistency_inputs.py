"""The consistency report composed from a plan's tables: targets, baselines, series, assumptions.

:func:`consistency_report_from_tables` picks the figures the checks need out of the tables
of :mod:`analysis.data.tables` (percent as percent) and hands them, as fractions, to
:func:`analysis.economics.consistency_report.consistency_report`;
:func:`structure_inputs_from_series` gives a notebook the structural inputs the report used.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from analysis.economics.consistency_per_head import implied_deflators
from analysis.economics.consistency_report import consistency_report
from analysis.economics.consistency_rows import as_number
from analysis.economics.sector_growth import historical_baseline, structure_weights

RECORD_FROM = 2022
"""First year of the province's own deflator record used for the reference band.

Implied deflators need nominal GRDP in consecutive years. Before 2021 the published
nominal figures are early estimates of mixed vintages (e.g. 69.06 trillion VND for 2017 is a
December-2017 estimate) whose implied deflators (6–10 %) reflect revisions more than
prices; 2021 is the COVID year."""

THREE_SECTORS: tuple[str, ...] = ("industry_construction", "services", "agriculture")


def _assumption_values(assumptions: Any) -> dict[str, float]:
    """Assumptions as {id: value} in the table's units (percent as percent)."""
    if isinstance(assumptions, pd.DataFrame):
        missing = [c for c in ("assumption_id", "value") if c not in assumptions.columns]
        if missing:
            raise ValueError(f"assumptions: missing column(s) {missing}")
        return dict(
            zip(assumptions["assumption_id"], assumptions["value"].astype(float), strict=True)
        )
    if isinstance(assumptions, Mapping):
        return {str(k): as_number(v, f"assumptions['{k}']") for k, v in assumptions.items()}
    raise ValueError(
        "assumptions: must be the DataFrame of load_assumptions() or a dict of "
        f"assumption_id to value, got {type(assumptions).__name__}"
    )


def _need(values: Mapping[str, float], key: str, table: str) -> float:
    if key not in values or not np.isfinite(values[key]):
        raise ValueError(f"{table}: needs a value for '{key}'")
    return float(values[key])


def _by_id(frame: pd.DataFrame, id_col: str, value_col: str, table: str) -> dict[str, float]:
    missing = [c for c in (id_col, value_col) if c not in frame.columns]
    if missing:
        raise ValueError(f"{table}: missing column(s) {missing}")
    return dict(zip(frame[id_col], pd.to_numeric(frame[value_col], errors="coerce"), strict=True))


def _series_pick(
    series: pd.DataFrame,
    variable: str,
    period: str,
    sectors: tuple[str, ...],
    convention: str | None = None,
) -> pd.Series:
    """One value per sector for a variable and period (percent); refuse gaps and duplicates."""
    rows = series[(series["variable"] == variable) & (series["period"].astype(str) == period)]
    if convention is not None:
        rows = rows[rows["convention"] == convention]
    rows = rows[rows["sector"].isin(sectors)]
    dupes = sorted(rows.loc[rows["sector"].duplicated(), "sector"].unique().tolist())
    missing = [s for s in sectors if s not in set(rows["sector"])]
    if dupes or missing:
        raise ValueError(
            f"series: '{variable}' {period}{' ' + convention if convention else ''} needs one "
            f"figure per sector; missing {missing}, duplicated {dupes}"
        )
    return rows.set_index("sector")["value"].astype(float).reindex(list(sectors))


def _yearly(series: pd.DataFrame, variable: str, sector: str = "total") -> pd.Series:
    rows = series[(series["variable"] == variable) & (series["sector"] == sector)]
    rows = rows[rows["period"].astype(str).str.fullmatch(r"\d{4}")]
    rows = rows.drop_duplicates("period", keep="first")
    return pd.Series(
        rows["value"].astype(float).to_numpy(),
        index=rows["period"].astype(int).to_numpy(),
        dtype=float,
    )


def _deflator_records(series: pd.DataFrame, record_from: int) -> tuple[float | None, pd.Series]:
    """National deflator of the latest year (None if not in the data) and the province's record."""
    national = implied_deflators(
        _yearly(series, "vn_gdp_nominal"), _yearly(series, "vn_gdp_growth") / 100.0
    )
    province = implied_deflators(
        _yearly(series, "grdp_current_prices"), _yearly(series, "grdp_growth") / 100.0
    )
    latest = float(national.iloc[-1]) if not national.empty else None
    return latest, province[province.index >= record_from]


def _plan_midpoints(series: pd.DataFrame) -> pd.Series | None:
    rows = series[(series["variable"] == "plan_growth_avg") & series["sector"].isin(THREE_SECTORS)]
    if len(rows) != len(THREE_SECTORS) or rows["sector"].duplicated().any():
        return None
    high = rows["value_high"].fillna(rows["value"]).astype(float)
    mid = (rows["value"].astype(float) + high) / 200.0
    return pd.Series(mid.to_numpy(), index=rows["sector"].to_numpy()).reindex(list(THREE_SECTORS))


def _three_part_growth_2023(series: pd.DataFrame) -> pd.Series:
    """2023 growth with taxes folded into services: (c_s + c_t)/(w_s + w_t)."""
    four = ("industry_construction", "services", "agriculture", "product_taxes")
    growth = _series_pick(series, "sector_growth", "2023", four) / 100.0
    contrib = _series_pick(series, "contribution", "2023", four) / 100.0
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


def _target_inputs(targets: pd.DataFrame) -> dict[str, Any]:
    t = _by_id(targets, "indicator_id", "target", "targets")
    b = _by_id(targets, "indicator_id", "baseline", "targets")
    labour_ids = [f"labour_share_{k}" for k in THREE_SECTORS]
    labour_2023 = pd.Series(
        {k: b.get(i, np.nan) for k, i in zip(THREE_SECTORS, labour_ids, strict=True)}
    )
    return {
        "target_growth": _need(t, "grdp_growth", "targets") / 100.0,
        "per_capita_target": _need(t, "grdp_per_capita_usd", "targets"),
        "target_shares": pd.Series(
            {k: _need(t, f"share_{k}", "targets") / 100.0 for k in THREE_SECTORS}
        ),
        "labour_shares": pd.Series(
            {
                k: _need(t, i, "targets") / 100.0
                for k, i in zip(THREE_SECTORS, labour_ids, strict=True)
            }
        ),
        "labour_shares_2023": labour_2023 / 100.0 if labour_2023.notna().all() else None,
        "budget_revenue": _need(t, "budget_revenue", "targets"),
        "investment": _need(t, "social_investment", "targets"),
    }


def _baseline_inputs(baselines: pd.DataFrame) -> dict[str, Any]:
    v = _by_id(baselines, "indicator_id", "value", "baselines")
    return {
        "grdp_2023": _need(v, "grdp_current_prices", "baselines"),
        "per_capita_2023": _need(v, "grdp_per_capita_usd", "baselines"),
        "budget_revenue_2023": v.get("budget_revenue"),
        "investment_2023": v.get("social_investment"),
    }


def _series_inputs(series: pd.DataFrame, record_from: int) -> dict[str, Any]:
    four = ("industry_construction", "services", "agriculture", "product_taxes")
    national, province = _deflator_records(series, record_from)
    plan = _plan_midpoints(series)
    return {
        "shares_2023": _series_pick(
            series, "structure_share", "2023", THREE_SECTORS, "taxes_in_services"
        )
        / 100.0,
        "weights_2023": structure_weights(
            _series_pick(series, "contribution", "2023", four) / 100.0,
            _series_pick(series, "sector_growth", "2023", four) / 100.0,
        ),
        "baseline": historical_baseline(series),
        "sector_growth_2023": _three_part_growth_2023(series),
        "provincial_deflators": province,
        "national_deflator": national,
        "sector_growth_plan": plan,
        "plan_label": ""
        if plan is None
        else "given growth: midpoints of the 2021–2030 master plan's average sector growth",
    }


def consistency_report_from_tables(
    targets: pd.DataFrame,
    baselines: pd.DataFrame,
    series: pd.DataFrame,
    assumptions: Any,
    *,
    record_from: int = RECORD_FROM,
    **options: Any,
) -> pd.DataFrame:
    """The consistency report with its inputs read from the project's tables.

    Parameters
    ----------
    targets, baselines, series : DataFrame
        As returned by :func:`analysis.data.tables.load_targets`, ``load_baselines`` and
        ``load_series`` (percent as percent).
    assumptions : DataFrame or dict
        The table of :func:`analysis.data.tables.load_assumptions`, or a dict of assumption id to
        value in that table's units. Used: ``population_growth`` and
        ``depreciation`` (%), ``national_deflator_base`` (%; only when the series lack
        Viet Nam's nominal GDP and growth), ``stretched_threshold_sd`` (optional).
    record_from : int, default RECORD_FROM
        First year of the province's deflator record in the reference band.
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
        When a figure the checks need is missing, duplicated or invalid.

    Notes
    -----
    Read from the tables: targets ``grdp_growth``, ``share_*``, ``grdp_per_capita_usd``,
    ``budget_revenue``, ``social_investment``, ``labour_share_*``; baselines
    ``grdp_current_prices`` and ``grdp_per_capita_usd`` 2023; series: the 2023 structure in
    the ``taxes_in_services`` convention (the targets' convention), the 2023 contributions
    and sector growth (weights: :func:`analysis.economics.sector_growth.structure_weights`, taxes
    folded into services and rolled forward to 2023), sector growth 2016–2019 and 2023 (baseline),
    nominal and real GRDP of the province and of Viet Nam (deflators) and the master plan's
    sector growth ranges (closure B at their midpoints).

    References
    ----------
    Methodology reference, sections 1–4 and 8.
    """
    values = _assumption_values(assumptions)
    inputs = {
        **_target_inputs(targets),
        **_baseline_inputs(baselines),
        **_series_inputs(series, record_from),
    }
    if inputs["national_deflator"] is None:
        inputs["national_deflator"] = _need(values, "national_deflator_base", "assumptions") / 100
    inputs["population_growth"] = _need(values, "population_growth", "assumptions") / 100
    inputs["depreciation"] = _need(values, "depreciation", "assumptions") / 100
    if "stretched_threshold_sd" in values:
        inputs["z_limit"] = values["stretched_threshold_sd"]
    return consistency_report(**{**inputs, **options})


def structure_inputs_from_series(series: pd.DataFrame, *, record_from: int = RECORD_FROM) -> dict:
    """The structural inputs the report derives from the published series, for notebooks.

    Returns a dict with ``shares_2023`` and ``weights_2023`` (taxes in services, fractions),
    ``baseline`` (:class:`~analysis.economics.sector_growth.GrowthBaseline`), ``sector_growth_2023``
    (three parts, fractions), ``provincial_deflators``, ``national_deflator``,
    ``sector_growth_plan`` (master plan midpoints or None) and ``plan_label``: the same figures
    :func:`consistency_report_from_tables` uses, so a notebook shows what the report checked.
    """
    return _series_inputs(series, record_from)
