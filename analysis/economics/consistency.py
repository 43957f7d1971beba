"""Consistency report for a whole target set: do the 2024 targets hold together?

Each check returns rows of one table with the columns of :data:`REPORT_COLUMNS`:
``check`` (a stable id such as ``"per_head.implied_deflator"``), ``value`` and ``value_2023``
in the report's units (percent as percent, like every report), ``unit``, ``verdict`` (one of
:data:`REPORT_VERDICTS`) and ``note`` (the formula or the band used).

- per head against growth (methodology §3): the deflator the pair of targets needs and the
  nominal GRDP it implies, against the national deflator and the province's own record;
- structure against growth (§4): the sector growth the target structure needs under the
  solver's closures (:mod:`analysis.economics.closures`), against history;
- ICOR (§8): planned investment over the GRDP increase the targets imply;
- relative labour productivity (§8): output shares over labour shares;
- budget revenue and investment as shares of nominal GRDP (§8).

:func:`consistency_report` takes plain numbers and Series (fractions in, percent out);
:func:`consistency_report_from_tables` reads them from the project's raw tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from analysis.economics.checks import (
    ROUNDED_TOLERANCE,
    check_finite,
    check_growth,
    check_positive,
    check_sector_series,
    check_sector_shares,
)
from analysis.economics.closures import DEFAULT_PRICE_SD, equal_prices, given_growth, min_deviation
from analysis.economics.growth import per_capita_growth, required_deflator
from analysis.economics.sector_growth import GrowthBaseline, historical_baseline, structure_weights
from analysis.economics.structure_solution import Z_LIMIT, StructureSolution

REPORT_COLUMNS: tuple[str, ...] = ("check", "value", "unit", "value_2023", "verdict", "note")
REPORT_VERDICTS: tuple[str, ...] = ("consistent", "stretched", "inconsistent", "information")

DEFLATOR_TOLERANCE = 0.01
"""Half-width added around the deflator reference band (fraction: one point).

In 2023 the province's implied deflator (2.86 %) and the national one (2.28 %) differed by
0.6 point; one point either side of the references allows for a year's drift."""

ICOR_BAND: tuple[float, float] = (3.0, 7.0)
"""Assumed reference band for the plan's ICOR (investment / increase in nominal GRDP).

The data hold no provincial investment series, so the band is an assumption: the upper end
is of the order of Viet Nam's national ICOR in normal years, the lower end allows for a
fast-growing, FDI-led province whose industrial investment pays off quickly. Below it the
growth target needs unusually productive investment; above it the investment is large for
the growth. Replace it with the province's record when investment series are loaded."""

RECORD_FROM = 2022
"""First year of the province's own deflator record used for the reference band.

Implied deflators need nominal GRDP in consecutive years. Before 2021 the published
nominal figures are early estimates of mixed vintages (e.g. 69.06 trillion VND for 2017 is a
December-2017 estimate) whose implied deflators (6–10 %) reflect revisions more than
prices; 2021 is the COVID year."""

SECTOR_LABELS = {
    "industry_construction": "industry-construction",
    "services": "services",
    "agriculture": "agriculture",
    "product_taxes": "product taxes",
}


# --- small helpers -----------------------------------------------------------------------------


def _number(value: Any, name: str) -> float:
    arr = check_finite(value, name)
    if arr.ndim != 0:
        raise ValueError(f"{name}: must be a single number, got shape {arr.shape}")
    return float(arr)


def _rate(value: Any, name: str) -> float:
    check_growth(value, name)
    return _number(value, name)


def _level(value: Any, name: str) -> float:
    check_positive(value, name)
    return _number(value, name)


def _optional(value: Any, name: str) -> float:
    return np.nan if value is None else _level(value, name)


def _row(check: str, value: float, unit: str, value_2023: float, verdict: str, note: str) -> dict:
    return {
        "check": check,
        "value": float(value),
        "unit": unit,
        "value_2023": float(value_2023),
        "verdict": verdict,
        "note": note,
    }


def _frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(REPORT_COLUMNS))
    return frame.astype({"value": float, "value_2023": float})


def _pct(x: float) -> str:
    return f"{100.0 * x:.2f} %"


def implied_deflators(nominal: pd.Series, real_growth: pd.Series) -> pd.Series:
    """Yearly GRDP deflator changes from nominal levels and real growth.

    Parameters
    ----------
    nominal : Series
        Nominal GRDP by year (int index), any one unit, positive.
    real_growth : Series
        Real growth by year, fractions.

    Returns
    -------
    Series
        π_t by year, for each year t with nominal levels in t and t − 1 and growth in t.

    Raises
    ------
    ValueError
        If levels are not positive or growth is at or below −1.

    Notes
    -----
    ``1 + π_t = (Y_t / Y_{t−1}) / (1 + g_t)``. Bắc Giang 2023: 181.9 / 155.876 = 1.16695,
    / 1.1345 → +2.86 %; Viet Nam 2023: 10,221.8 / 9,513.3 / 1.0505 → +2.28 %.

    References
    ----------
    Methodology reference, sections 1 and 3.
    """
    levels = pd.Series(check_positive(nominal.to_numpy(), "nominal"), index=nominal.index)
    growth = pd.Series(check_growth(real_growth.to_numpy(), "real_growth"), index=real_growth.index)
    levels.index = levels.index.astype(int)
    growth.index = growth.index.astype(int)
    out = {
        year: levels[year] / levels[year - 1] / (1.0 + growth[year]) - 1.0
        for year in sorted(levels.index)
        if year - 1 in levels.index and year in growth.index
    }
    return pd.Series(out, dtype=float, name="deflator")


# --- per head against growth ----------------------------------------------------------------


def _deflator_band(
    national: float, record: pd.Series | None, tolerance: float
) -> tuple[float, float, str]:
    refs = [national] + ([] if record is None else [float(v) for v in record.to_numpy()])
    low, high = min(refs) - tolerance, max(refs) + tolerance
    basis = f"national {_pct(national)}"
    if record is not None and not record.empty:
        years = ", ".join(f"{y}: {_pct(v)}" for y, v in record.items())
        basis += f"; province {years}"
    return low, high, basis


def _deflator_verdict(pi: float, low: float, high: float) -> tuple[str, str]:
    if pi > high:
        return "stretched", "the per-head target needs prices to rise faster than the references"
    if pi < low:
        return "consistent", "below the band: at a usual deflator the per-head target is exceeded"
    return "consistent", "inside the band"


def per_head_check(
    *,
    target_growth: float,
    per_capita_target: float,
    per_capita_2023: float,
    grdp_2023: float,
    population_growth: float,
    depreciation: float,
    national_deflator: float,
    provincial_deflators: pd.Series | None = None,
    tolerance: float = DEFLATOR_TOLERANCE,
) -> pd.DataFrame:
    """Per head against growth: the deflator the targets need and the nominal GRDP it gives.

    Parameters
    ----------
    target_growth : float
        Real growth target g*, fraction (0.145).
    per_capita_target, per_capita_2023 : float
        GRDP per head y* and y0, USD (4500, 3950).
    grdp_2023 : float
        GRDP 2023 at current prices, trillion VND (181.9).
    population_growth, depreciation : float
        n and e, fractions (assumptions).
    national_deflator : float
        Viet Nam's GDP deflator change, fraction (2023: 0.0228).
    provincial_deflators : Series, optional
        The province's recent implied deflators by year, fractions (:func:`implied_deflators`).
    tolerance : float, default DEFLATOR_TOLERANCE
        Added either side of the span of the references to make the band.

    Returns
    -------
    DataFrame
        Rows ``per_head.implied_deflator`` (verdict against the band),
        ``per_head.nominal_grdp_2024`` and ``per_head.per_capita_at_national_deflator``
        (information).

    Raises
    ------
    ValueError
        On rates at or below −1, non-positive levels or a negative tolerance.

    Notes
    -----
    ``π* = (y*/y0)(1 + n)(1 + e)/(1 + g*) − 1``
    (:func:`analysis.economics.growth.required_deflator`);
    nominal GRDP 2024 ``= GRDP_2023 (1 + g*)(1 + π*)``. Band: from the lowest to the highest
    of the national deflator and the province's record, widened by ``tolerance``. π* above
    the band is 'stretched'; below it the per-head target is undemanding ('consistent').
    Worked: g* 14.5 %, 3950 → 4500 USD, n 1.68 %, e 1.7 % → π* = 2.89 %; nominal GRDP
    181.9 × 1.145 × 1.02889 = 214.3 trillion VND.

    References
    ----------
    Methodology reference, section 3; published_series.csv (vn_gdp_nominal, vn_gdp_growth).
    """
    g, n, e = (
        _rate(v, k)
        for v, k in (
            (target_growth, "target_growth"),
            (population_growth, "population_growth"),
            (depreciation, "depreciation"),
        )
    )
    ref = _rate(national_deflator, "national_deflator")
    y1, y0 = (
        _level(per_capita_target, "per_capita_target"),
        _level(per_capita_2023, "per_capita_2023"),
    )
    grdp = _level(grdp_2023, "grdp_2023")
    if not tolerance >= 0:
        raise ValueError(f"tolerance: must be non-negative, got {tolerance!r}")
    pi = required_deflator(g, y0, y1, n, e)
    low, high, basis = _deflator_band(ref, provincial_deflators, tolerance)
    verdict, why = _deflator_verdict(pi, low, high)
    last = (
        ref
        if provincial_deflators is None or provincial_deflators.empty
        else float(provincial_deflators.iloc[-1])
    )
    at_ref = y0 * (1.0 + per_capita_growth(g, ref, n, e))
    return _frame(
        [
            _row(
                "per_head.implied_deflator",
                100 * pi,
                "%",
                100 * last,
                verdict,
                f"π* = (y*/y0)(1+n)(1+e)/(1+g*) − 1 with n {_pct(n)}, e {_pct(e)}; band "
                f"{_pct(low)} to {_pct(high)} ({basis}, ± {100 * tolerance:.2f} pt); {why}",
            ),
            _row(
                "per_head.nominal_grdp_2024",
                grdp * (1 + g) * (1 + pi),
                "trillion VND",
                grdp,
                "information",
                f"GRDP 2023 × (1 + g*)(1 + π*) = {grdp:g} × {1 + g:.4f} × {1 + pi:.4f}",
            ),
            _row(
                "per_head.per_capita_at_national_deflator",
                at_ref,
                "USD",
                y0,
                "information",
                f"GRDP per head if the deflator were the national {_pct(ref)}; "
                f"target {y1:,.0f} USD",
            ),
        ]
    )


# --- structure against growth -----------------------------------------------------------------


def _sector_growth_row(
    solution: StructureSolution, sector: str, g2023: float, z_limit: float
) -> dict:
    z = float(solution.z[sector])
    verdict = "stretched" if abs(z) > z_limit else "consistent"
    note = (
        f"{SECTOR_LABELS.get(sector, sector)}: z = {z:+.2f} against baseline "
        f"{_pct(solution.baseline_growth[sector])} ± {100 * solution.baseline_sd[sector]:.2f} pt"
    )
    return _row(
        f"structure.{solution.closure}.{sector}",
        100 * solution.growth[sector],
        "% growth",
        100 * g2023,
        verdict,
        note,
    )


def _price_row(solution: StructureSolution, sector: str) -> dict:
    return _row(
        f"structure.{solution.closure}.relative_price.{sector}",
        100 * solution.relative_price[sector],
        "% vs GRDP deflator",
        np.nan,
        "information",
        f"(1 + p_i)/(1 + π) − 1 that brings {SECTOR_LABELS.get(sector, sector)} to its "
        f"target share {_pct(solution.target_shares[sector])}",
    )


def structure_check(
    solution: StructureSolution,
    *,
    sector_growth_2023: pd.Series | None = None,
    z_limit: float = Z_LIMIT,
    label: str = "",
) -> pd.DataFrame:
    """Rows for one closure of the structure solver.

    Parameters
    ----------
    solution : StructureSolution
        A result of :func:`analysis.economics.closures.equal_prices`, ``given_growth`` or
        ``min_deviation``.
    sector_growth_2023 : Series, optional
        2023 sector growth in the same convention, fractions (for ``value_2023``).
    z_limit : float, default 2.0
        |z| above which a sector's growth is 'stretched'.
    label : str, optional
        Words added to the summary note (e.g. where given growth came from).

    Returns
    -------
    DataFrame
        ``structure.<closure>`` (max |z|, the closure's verdict), one
        ``structure.<closure>.<sector>`` row per sector (growth, % ) and, except for
        closure A where every sector's relative price is the same, one
        ``structure.<closure>.relative_price.<sector>`` row per sector.

    Notes
    -----
    z = (g_i − g_i0)/σ_i; see :mod:`analysis.economics.structure_solution`.

    References
    ----------
    Methodology reference, section 4.
    """
    if not isinstance(solution, StructureSolution):
        raise ValueError(f"solution: must be a StructureSolution, got {type(solution).__name__}")
    notes = "; ".join(((label,) if label else ()) + solution.notes)
    max_z = solution.summary()["max_abs_z"]
    rows = [
        _row(
            f"structure.{solution.closure}",
            max_z,
            "standard deviations",
            np.nan,
            solution.verdict,
            notes,
        )
    ]
    if solution.verdict == "inconsistent":
        return _frame(rows)
    g2023 = pd.Series(dtype=float) if sector_growth_2023 is None else sector_growth_2023
    rows += [
        _sector_growth_row(solution, k, g2023.get(k, np.nan), z_limit)
        for k in solution.growth.index
    ]
    if solution.closure != "equal_prices":
        rows += [_price_row(solution, k) for k in solution.growth.index]
    return _frame(rows)


# --- ICOR ---------------------------------------------------------------------------------------


def icor_check(
    *,
    investment: float,
    grdp_2023: float,
    target_growth: float,
    deflator: float,
    band: tuple[float, float] = ICOR_BAND,
    icor_2023: float | None = None,
) -> pd.DataFrame:
    """ICOR implied by the investment target: investment over the GRDP increase.

    Parameters
    ----------
    investment : float
        Planned total social investment 2024, billion VND (103,500).
    grdp_2023 : float
        GRDP 2023 at current prices, trillion VND (181.9).
    target_growth, deflator : float
        g* and the deflator change π the targets imply, fractions.
    band : (float, float), default ICOR_BAND
        Reference band (low < high) for the current-price ICOR.
    icor_2023 : float, optional
        The 2023 ICOR on the same basis, when investment 2023 is known.

    Returns
    -------
    DataFrame
        ``icor.current_prices`` (verdict against ``band``), ``icor.constant_prices`` and
        ``icor.statistics_office`` (information).

    Raises
    ------
    ValueError
        On a non-positive investment or GRDP, rates at or below −1, or a bad band.

    Notes
    -----
    The statistics office's definition, ``(I / GRDP_2024) / g*``, is added for comparison with
    its published national ICOR (information; 103,500 / 214,291 = 48.30 % / 14.5 % = 3.33).

    Current prices (the basis of the verdict; investment is counted in current prices):
    ``ICOR = I / (GRDP_2023 ((1 + g*)(1 + π) − 1))`` with GRDP in billion VND. Constant-price
    variant: ``I / (GRDP_2023 g*)``, the real increase valued at 2023 prices (it overstates
    the ratio by the rise in investment prices). Same-year ratio, no lag. Worked, π = 2.7 %:
    181.9 × (1.145 × 1.027 − 1) = 31.999 trillion → 103,500 / 31,999 = 3.23; constant
    prices 103,500 / 26,375.5 = 3.92. Below the band → 'stretched'; above → 'information'
    (investment large for the growth).

    References
    ----------
    Methodology reference, section 8; ICOR_BAND for the band's basis.
    """
    inv, grdp = _level(investment, "investment"), _level(grdp_2023, "grdp_2023")
    g, pi = _rate(target_growth, "target_growth"), _rate(deflator, "deflator")
    low, high = (float(b) for b in band)
    if not 0 < low < high:
        raise ValueError(f"band: must be (low, high) with 0 < low < high, got {band!r}")
    nominal_increase = 1000.0 * grdp * ((1 + g) * (1 + pi) - 1)
    real_increase = 1000.0 * grdp * g
    band_text = f"reference band {low:g}–{high:g}"
    if nominal_increase <= 0:
        current = _row(
            "icor.current_prices",
            np.nan,
            "ratio",
            _opt(icor_2023),
            "inconsistent",
            "nominal GRDP does not grow: no ICOR",
        )
    else:
        icor = inv / nominal_increase
        verdict = "stretched" if icor < low else ("information" if icor > high else "consistent")
        current = _row(
            "icor.current_prices",
            icor,
            "ratio",
            _opt(icor_2023),
            verdict,
            f"{inv:,.0f} / {nominal_increase:,.0f} billion VND (GRDP increase at "
            f"current prices, π {_pct(pi)}); {band_text}",
        )
    constant = _row(
        "icor.constant_prices",
        inv / real_increase if real_increase > 0 else np.nan,
        "ratio",
        np.nan,
        "information",
        f"{inv:,.0f} / {real_increase:,.0f} billion VND (real increase at 2023 prices)",
    )
    return _frame([current, constant, _icor_statistics_office(inv, grdp, g, pi)])


def _icor_statistics_office(inv: float, grdp: float, g: float, pi: float) -> dict:
    """ICOR as the statistics office defines it: (investment / GDP) / real growth."""
    nominal_2024 = 1000.0 * grdp * (1 + g) * (1 + pi)
    share = inv / nominal_2024
    return _row(
        "icor.statistics_office",
        share / g if g > 0 else np.nan,
        "ratio",
        np.nan,
        "information",
        f"investment / GRDP 2024 = {_pct(share)} divided by real growth {_pct(g)}: the "
        "definition of the statistics office's published ICOR, to compare with the national "
        "figure (not in the data)",
    )


def _opt(value: float | None) -> float:
    return np.nan if value is None else _number(value, "icor_2023")


# --- productivity and ratios ------------------------------------------------------------------


def relative_productivity(
    output_shares: Any, labour_shares: Any, *, tol: float = ROUNDED_TOLERANCE
) -> pd.Series:
    """Each sector's output per worker relative to the provincial average.

    Parameters
    ----------
    output_shares, labour_shares : Series or dict
        Shares of output (current prices) and of employment by sector, same keys, fractions
        summing to 1 within ``tol``.
    tol : float, default ROUNDED_TOLERANCE
        Tolerance on the sums.

    Returns
    -------
    Series
        ``output share / labour share`` by sector (1 = the average).

    Raises
    ------
    ValueError
        On different keys, shares that do not sum to 1, or a labour share of zero.

    Notes
    -----
    ``(Y_i/L_i)/(Y/L) = (Y_i/Y)/(L_i/L)``. 2024 targets: 68/46.1 = 1.475, 20.6/31.2 = 0.660,
    11.4/22.7 = 0.502. Output in ``taxes_in_services`` counts product taxes in services.

    References
    ----------
    Methodology reference, section 8.
    """
    out = check_sector_shares(output_shares, "output_shares", None, tol)
    lab = check_sector_shares(labour_shares, "labour_shares", list(out.index), tol)
    check_positive(lab.to_numpy(), "labour_shares")
    return out / lab


def productivity_check(
    output_shares: Any,
    labour_shares: Any,
    *,
    output_shares_2023: Any = None,
    labour_shares_2023: Any = None,
) -> pd.DataFrame:
    """Rows ``productivity.<sector>``: relative labour productivity the targets imply.

    The 2023 value needs both 2023 structures; without them it is NaN. Verdict
    'information'. See :func:`relative_productivity`.
    """
    ratio = relative_productivity(output_shares, labour_shares)
    before = pd.Series(np.nan, index=ratio.index)
    if output_shares_2023 is not None and labour_shares_2023 is not None:
        before = relative_productivity(output_shares_2023, labour_shares_2023).reindex(ratio.index)
    out = check_sector_series(output_shares, "output_shares")
    lab = check_sector_series(labour_shares, "labour_shares")
    return _frame(
        [
            _row(
                f"productivity.{k}",
                ratio[k],
                "× provincial average",
                before[k],
                "information",
                f"output share {_pct(out[k] / out.sum())} / "
                f"labour share {_pct(lab[k] / lab.sum())}",
            )
            for k in ratio.index
        ]
    )


def ratio_check(
    *,
    budget_revenue: float,
    investment: float,
    nominal_grdp_2024: float,
    grdp_2023: float,
    budget_revenue_2023: float | None = None,
    investment_2023: float | None = None,
) -> pd.DataFrame:
    """Budget revenue and investment as shares of nominal GRDP, 2024 and 2023.

    Parameters
    ----------
    budget_revenue, investment : float
        2024 targets, billion VND (16,000 and 103,500).
    nominal_grdp_2024, grdp_2023 : float
        Nominal GRDP, trillion VND.
    budget_revenue_2023, investment_2023 : float, optional
        2023 outturns, billion VND, when known.

    Returns
    -------
    DataFrame
        Rows ``ratio.budget_revenue_to_grdp`` and ``ratio.investment_to_grdp`` in percent,
        verdict 'information'.

    Notes
    -----
    ``ratio = X / (1000 · GRDP)``; 16,000 / 214,300 = 7.5 %, 103,500 / 214,300 = 48.3 %.

    References
    ----------
    Methodology reference, section 8.
    """
    y24, y23 = _level(nominal_grdp_2024, "nominal_grdp_2024"), _level(grdp_2023, "grdp_2023")
    items = (
        (
            "budget_revenue",
            _level(budget_revenue, "budget_revenue"),
            _optional(budget_revenue_2023, "budget_revenue_2023"),
        ),
        (
            "investment",
            _level(investment, "investment"),
            _optional(investment_2023, "investment_2023"),
        ),
    )
    return _frame(
        [
            _row(
                f"ratio.{name}_to_grdp",
                100 * x / (1000 * y24),
                "% of GRDP",
                100 * x23 / (1000 * y23),
                "information",
                f"{x:,.0f} billion VND / nominal GRDP {1000 * y24:,.0f} billion VND"
                + ("" if np.isfinite(x23) else "; no 2023 figure in the data"),
            )
            for name, x, x23 in items
        ]
    )


# --- the whole report -----------------------------------------------------------------------


def consistency_report(
    *,
    target_growth: float,
    per_capita_target: float,
    target_shares: Any,
    labour_shares: Any,
    budget_revenue: float,
    investment: float,
    grdp_2023: float,
    per_capita_2023: float,
    shares_2023: Any,
    weights_2023: Any,
    baseline: GrowthBaseline,
    population_growth: float,
    depreciation: float,
    national_deflator: float,
    provincial_deflators: pd.Series | None = None,
    sector_growth_2023: pd.Series | None = None,
    sector_growth_plan: Any = None,
    plan_label: str = "",
    labour_shares_2023: Any = None,
    budget_revenue_2023: float | None = None,
    investment_2023: float | None = None,
    deflator_tolerance: float = DEFLATOR_TOLERANCE,
    icor_band: tuple[float, float] = ICOR_BAND,
    z_limit: float = Z_LIMIT,
    price_sd: Any = DEFAULT_PRICE_SD,
    price_weight: float = 1.0,
) -> pd.DataFrame:
    """Every consistency check of a target set, one row per check.

    Parameters
    ----------
    target_growth : float
        Real growth target g*, fraction.
    per_capita_target : float
        GRDP per head target, USD.
    target_shares : Series or dict
        Target structure, fractions, in the convention of ``shares_2023`` and ``weights_2023``.
    labour_shares : Series or dict
        Target labour structure, fractions.
    budget_revenue, investment : float
        Budget revenue and social investment targets, billion VND.
    grdp_2023 : float
        GRDP 2023 at current prices, trillion VND.
    per_capita_2023 : float
        GRDP per head 2023, USD.
    shares_2023, weights_2023 : Series or dict
        2023 current-price shares and constant-price weights (same convention as targets).
    baseline : GrowthBaseline
        Historical sector growth (:func:`analysis.economics.sector_growth.historical_baseline`).
    population_growth, depreciation : float
        Assumptions n and e, fractions.
    national_deflator : float
        National GDP deflator change, fraction (reference).
    provincial_deflators : Series, optional
        The province's recent deflators by year, fractions.
    sector_growth_2023 : Series, optional
        2023 sector growth in the targets' convention, fractions (for ``value_2023``).
    sector_growth_plan : Series or dict, optional
        Given sector growth for closure B; omitted when None.
    plan_label : str, optional
        Where ``sector_growth_plan`` comes from (shown in the note).
    labour_shares_2023 : Series or dict, optional
        2023 labour structure, fractions.
    budget_revenue_2023, investment_2023 : float, optional
        2023 outturns, billion VND.
    deflator_tolerance, icor_band, z_limit, price_sd, price_weight
        See :func:`per_head_check`, :func:`icor_check` and
        :func:`analysis.economics.closures.min_deviation`.

    Returns
    -------
    DataFrame
        Columns :data:`REPORT_COLUMNS`; values in report units (percent as percent).

    Raises
    ------
    ValueError
        On any input the individual checks refuse.

    Notes
    -----
    The deflator that reconciles growth and per head (π*) prices every nominal figure:
    nominal GRDP 2024, the ICOR at current prices, the ratios and the sector price changes.

    References
    ----------
    Methodology reference, sections 3, 4 and 8.
    """
    per_head = per_head_check(
        target_growth=target_growth,
        per_capita_target=per_capita_target,
        per_capita_2023=per_capita_2023,
        grdp_2023=grdp_2023,
        population_growth=population_growth,
        depreciation=depreciation,
        national_deflator=national_deflator,
        provincial_deflators=provincial_deflators,
        tolerance=deflator_tolerance,
    )
    pi = required_deflator(
        target_growth, per_capita_2023, per_capita_target, population_growth, depreciation
    )
    common = {"deflator": pi, "baseline": baseline, "z_limit": z_limit}
    solutions = [
        (
            equal_prices(
                shares_2023, weights_2023, target_shares, target_growth=target_growth, **common
            ),
            "",
        ),
        (
            min_deviation(
                shares_2023,
                weights_2023,
                target_shares,
                target_growth=target_growth,
                price_sd=price_sd,
                price_weight=price_weight,
                **common,
            ),
            "",
        ),
    ]
    if sector_growth_plan is not None:
        solutions.append(
            (
                given_growth(
                    shares_2023,
                    weights_2023,
                    target_shares,
                    sector_growth=sector_growth_plan,
                    target_growth=target_growth,
                    **common,
                ),
                plan_label,
            )
        )
    nominal_2024 = float(
        per_head.loc[per_head["check"] == "per_head.nominal_grdp_2024", "value"].iloc[0]
    )
    parts = [per_head]
    parts += [
        structure_check(s, sector_growth_2023=sector_growth_2023, z_limit=z_limit, label=lab)
        for s, lab in solutions
    ]
    parts.append(
        icor_check(
            investment=investment,
            grdp_2023=grdp_2023,
            target_growth=target_growth,
            deflator=pi,
            band=icor_band,
        )
    )
    parts.append(
        productivity_check(
            target_shares,
            labour_shares,
            output_shares_2023=shares_2023,
            labour_shares_2023=labour_shares_2023,
        )
    )
    parts.append(
        ratio_check(
            budget_revenue=budget_revenue,
            investment=investment,
            nominal_grdp_2024=nominal_2024,
            grdp_2023=grdp_2023,
            budget_revenue_2023=budget_revenue_2023,
            investment_2023=investment_2023,
        )
    )
    return pd.concat(parts, ignore_index=True)


# --- from the project's tables --------------------------------------------------------------


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
        return {str(k): _number(v, f"assumptions['{k}']") for k, v in assumptions.items()}
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
    b = _by_id(targets, "indicator_id", "baseline_2023", "targets")
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
        value in that table's units. Used: ``population_growth_2024`` and
        ``depreciation_2024`` (%), ``national_deflator_2023`` (%; only when the series lack
        Viet Nam's nominal GDP and growth), ``stretched_threshold_sd`` (optional).
    record_from : int, default RECORD_FROM
        First year of the province's deflator record in the reference band.
    **options
        Passed to :func:`consistency_report` (``icor_band``, ``price_sd``, ...).

    Returns
    -------
    DataFrame
        As :func:`consistency_report`.

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
        inputs["national_deflator"] = _need(values, "national_deflator_2023", "assumptions") / 100
    inputs["population_growth"] = _need(values, "population_growth_2024", "assumptions") / 100
    inputs["depreciation"] = _need(values, "depreciation_2024", "assumptions") / 100
    if "stretched_threshold_sd" in values:
        inputs["z_limit"] = values["stretched_threshold_sd"]
    return consistency_report(**{**inputs, **options})


def structure_inputs_from_series(series: pd.DataFrame, *, record_from: int = 2022) -> dict:
    """The structural inputs the report derives from the published series, for notebooks.

    Returns a dict with ``shares_2023`` and ``weights_2023`` (taxes in services, fractions),
    ``baseline`` (:class:`~analysis.economics.sector_growth.GrowthBaseline`), ``sector_growth_2023``
    (three parts,
    fractions), ``provincial_deflators``, ``national_deflator``, ``sector_growth_plan`` (master
    plan midpoints or None) and ``plan_label``: the same figures
    :func:`consistency_report_from_tables` uses, so a notebook shows what the report checked.
    """
    return _series_inputs(series, record_from)
