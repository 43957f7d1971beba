"""More checks planners use (methodology §8): ICOR, relative labour productivity, ratios.

- :func:`icor_check`: planned investment over the GRDP increase the targets imply;
- :func:`relative_productivity` and :func:`productivity_check`: output shares over labour
  shares by sector;
- :func:`ratio_check`: budget revenue and investment as shares of nominal GRDP.

Rows in the table of :mod:`analysis.economics.consistency_rows`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from analysis.economics.checks import (
    ROUNDED_TOLERANCE,
    check_positive,
    check_sector_series,
    check_sector_shares,
)
from analysis.economics.consistency_rows import (
    as_level,
    as_number,
    as_optional_level,
    as_rate,
    as_year,
    percent,
    report_row,
    report_table,
)

ICOR_BAND: tuple[float, float] = (3.0, 7.0)
"""Assumed reference band for the plan's ICOR (investment / increase in nominal GRDP).

The data hold no provincial investment series, so the band is an assumption: the upper end
is of the order of Viet Nam's national ICOR in normal years, the lower end allows for a
fast-growing, FDI-led province whose industrial investment pays off quickly. Below it the
growth target needs unusually productive investment; above it the investment is large for
the growth. Replace it with the province's record when investment series are loaded."""


# --- ICOR ---------------------------------------------------------------------------------------


def icor_check(
    *,
    investment: float,
    grdp_base: float,
    target_growth: float,
    deflator: float,
    base_year: int,
    plan_year: int,
    band: tuple[float, float] = ICOR_BAND,
    icor_base: float | None = None,
) -> pd.DataFrame:
    """ICOR implied by the investment target: investment over the GRDP increase.

    Parameters
    ----------
    investment : float
        Planned total social investment of the plan year, billion VND (103,500 for 2024).
    grdp_base : float
        GRDP of the base year at current prices, trillion VND (181.9 for 2023).
    target_growth, deflator : float
        g* and the deflator change π the targets imply, fractions.
    base_year, plan_year : int
        The plan's base year and plan year (named in the notes).
    band : (float, float), default ICOR_BAND
        Reference band (low < high) for the current-price ICOR.
    icor_base : float, optional
        The base year's ICOR on the same basis, when its investment is known.

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
    The statistics office's definition, ``(I / GRDP_plan) / g*``, is added for comparison with
    its published national ICOR (information; 103,500 / 214,291 = 48.30 % / 14.5 % = 3.33).

    Current prices (the basis of the verdict; investment is counted in current prices):
    ``ICOR = I / (GRDP_base ((1 + g*)(1 + π) − 1))`` with GRDP in billion VND. Constant-price
    variant: ``I / (GRDP_base g*)``, the real increase valued at base-year prices (it overstates
    the ratio by the rise in investment prices). Same-year ratio, no lag. Worked, π = 2.7 %:
    181.9 × (1.145 × 1.027 − 1) = 31.999 trillion → 103,500 / 31,999 = 3.23; constant
    prices 103,500 / 26,375.5 = 3.92. Below the band → 'stretched'; above → 'information'
    (investment large for the growth).

    References
    ----------
    Methodology reference, section 8; ICOR_BAND for the band's basis.
    """
    inv, grdp = as_level(investment, "investment"), as_level(grdp_base, "grdp_base")
    g, pi = as_rate(target_growth, "target_growth"), as_rate(deflator, "deflator")
    base, plan = as_year(base_year, "base_year"), as_year(plan_year, "plan_year")
    low, high = (float(b) for b in band)
    if not 0 < low < high:
        raise ValueError(f"band: must be (low, high) with 0 < low < high, got {band!r}")
    nominal_increase = 1000.0 * grdp * ((1 + g) * (1 + pi) - 1)
    real_increase = 1000.0 * grdp * g
    band_text = f"reference band {low:g}–{high:g}"
    if nominal_increase <= 0:
        current = report_row(
            "icor.current_prices",
            np.nan,
            "ratio",
            _opt(icor_base),
            "inconsistent",
            "nominal GRDP does not grow: no ICOR",
            "icor_no_increase",
        )
    else:
        icor = inv / nominal_increase
        verdict = "stretched" if icor < low else ("information" if icor > high else "consistent")
        current = report_row(
            "icor.current_prices",
            icor,
            "ratio",
            _opt(icor_base),
            verdict,
            f"{inv:,.0f} / {nominal_increase:,.0f} billion VND (GRDP increase at "
            f"current prices, π {percent(pi)}); {band_text}",
            "icor_current",
            {
                "investment": inv,
                "increase": nominal_increase,
                "deflator": pi,
                "low": low,
                "high": high,
            },
        )
    constant = report_row(
        "icor.constant_prices",
        inv / real_increase if real_increase > 0 else np.nan,
        "ratio",
        np.nan,
        "information",
        f"{inv:,.0f} / {real_increase:,.0f} billion VND (real increase at {base} prices)",
        "icor_constant",
        {"investment": inv, "increase": real_increase, "year": base},
    )
    return report_table([current, constant, _icor_statistics_office(inv, grdp, g, pi, plan)])


def _icor_statistics_office(inv: float, grdp: float, g: float, pi: float, plan_year: int) -> dict:
    """ICOR as the statistics office defines it: (investment / GDP) / real growth."""
    nominal_plan = 1000.0 * grdp * (1 + g) * (1 + pi)
    share = inv / nominal_plan
    return report_row(
        "icor.statistics_office",
        share / g if g > 0 else np.nan,
        "ratio",
        np.nan,
        "information",
        f"investment / GRDP {plan_year} = {percent(share)} divided by real growth "
        f"{percent(g)}: the definition of the statistics office's published ICOR, to compare "
        "with the national figure (not in the data)",
        "icor_statistics_office",
        {"year": plan_year, "share": share, "growth": g},
    )


def _opt(value: float | None) -> float:
    return np.nan if value is None else as_number(value, "icor_base")


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
    output_shares_base: Any = None,
    labour_shares_base: Any = None,
) -> pd.DataFrame:
    """Rows ``productivity.<sector>``: relative labour productivity the targets imply.

    The base year's value (``value_base``) needs both of the base year's structures,
    ``output_shares_base`` and ``labour_shares_base``; without them it is NaN. Verdict
    'information'. See :func:`relative_productivity`.
    """
    ratio = relative_productivity(output_shares, labour_shares)
    before = pd.Series(np.nan, index=ratio.index)
    if output_shares_base is not None and labour_shares_base is not None:
        before = relative_productivity(output_shares_base, labour_shares_base).reindex(ratio.index)
    out = check_sector_series(output_shares, "output_shares")
    lab = check_sector_series(labour_shares, "labour_shares")
    return report_table(
        [
            report_row(
                f"productivity.{k}",
                ratio[k],
                "× provincial average",
                before[k],
                "information",
                f"output share {percent(out[k] / out.sum())} / "
                f"labour share {percent(lab[k] / lab.sum())}",
                "productivity",
                {
                    "output_share": float(out[k] / out.sum()),
                    "labour_share": float(lab[k] / lab.sum()),
                },
            )
            for k in ratio.index
        ]
    )


def ratio_check(
    *,
    budget_revenue: float | None,
    investment: float | None,
    nominal_grdp_plan: float,
    grdp_base: float,
    base_year: int,
    budget_revenue_base: float | None = None,
    investment_base: float | None = None,
) -> pd.DataFrame:
    """Budget revenue and investment as shares of nominal GRDP, plan year and base year.

    Parameters
    ----------
    budget_revenue, investment : float or None
        The plan year's targets, billion VND (16,000 and 103,500 for 2024); a target the
        plan does not state (None) has no row.
    nominal_grdp_plan, grdp_base : float
        Nominal GRDP of the plan year (the targets imply it) and of the base year, trillion
        VND.
    base_year : int
        The plan's base year (named in the notes).
    budget_revenue_base, investment_base : float, optional
        The base year's outturns, billion VND, when known.

    Returns
    -------
    DataFrame
        Rows ``ratio.budget_revenue_to_grdp`` and ``ratio.investment_to_grdp`` (those with a
        target) in percent, the base year's ratio in ``value_base``, verdict 'information'.

    Notes
    -----
    ``ratio = X / (1000 · GRDP)``; 16,000 / 214,300 = 7.5 %, 103,500 / 214,300 = 48.3 %.

    References
    ----------
    Methodology reference, section 8.
    """
    y_plan = as_level(nominal_grdp_plan, "nominal_grdp_plan")
    y_base = as_level(grdp_base, "grdp_base")
    year = as_year(base_year, "base_year")
    items = [
        (
            name,
            as_level(target, name),
            as_optional_level(outturn, f"{name}_base"),
        )
        for name, target, outturn in (
            ("budget_revenue", budget_revenue, budget_revenue_base),
            ("investment", investment, investment_base),
        )
        if target is not None
    ]
    return report_table(
        [
            report_row(
                f"ratio.{name}_to_grdp",
                100 * x / (1000 * y_plan),
                "% of GRDP",
                100 * x_base / (1000 * y_base),
                "information",
                f"{x:,.0f} billion VND / nominal GRDP {1000 * y_plan:,.0f} billion VND"
                + ("" if np.isfinite(x_base) else f"; no {year} figure in the data"),
                "ratio",
                {
                    "amount": x,
                    "grdp": 1000 * y_plan,
                    "base_year": year,
                    "base_known": bool(np.isfinite(x_base)),
                },
            )
            for name, x, x_base in items
        ]
    )
