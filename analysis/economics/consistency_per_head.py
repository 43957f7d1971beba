"""Per head against growth (methodology §3): the deflator a pair of targets needs.

A growth target and a GRDP-per-head target in USD together fix the GRDP deflator change the
plan assumes: :func:`per_head_check` works it out, with the nominal GRDP it implies, and sets
it against the national deflator and the province's own record (:func:`implied_deflators`).
Rows in the table of :mod:`analysis.economics.consistency_rows`.
"""

from __future__ import annotations

import pandas as pd

from analysis.economics.checks import check_growth, check_positive
from analysis.economics.consistency_rows import (
    as_level,
    as_rate,
    as_year,
    percent,
    report_row,
    report_table,
)
from analysis.economics.growth import per_capita_growth, required_deflator

DEFLATOR_TOLERANCE = 0.01
"""Half-width added around the deflator reference band (fraction: one point).

In 2023 the province's implied deflator (2.86 %) and the national one (2.28 %) differed by
0.6 point; one point either side of the references allows for a year's drift."""


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


def _deflator_band(
    national: float, record: pd.Series | None, tolerance: float, national_word: str
) -> tuple[float, float, str]:
    refs = [national] + ([] if record is None else [float(v) for v in record.to_numpy()])
    low, high = min(refs) - tolerance, max(refs) + tolerance
    basis = f"national {percent(national)}{national_word}"
    if record is not None and not record.empty:
        years = ", ".join(f"{y}: {percent(v)}" for y, v in record.items())
        basis += f"; province {years}"
    return low, high, basis


def _record_figures(record: pd.Series | None) -> dict[int, float]:
    """The province's deflators by year as plain numbers (for a note's figures)."""
    if record is None:
        return {}
    return {int(y): float(v) for y, v in record.items()}


def _deflator_verdict(pi: float, low: float, high: float) -> tuple[str, str, str]:
    """The verdict, the words of the note and where π* lies (``above``, ``below``,
    ``inside``)."""
    if pi > high:
        why = "the per-head target needs prices to rise faster than the references"
        return "stretched", why, "above"
    if pi < low:
        why = "below the band: at a usual deflator the per-head target is exceeded"
        return "consistent", why, "below"
    return "consistent", "inside the band", "inside"


def per_head_check(
    *,
    target_growth: float,
    per_capita_target: float,
    per_capita_base: float,
    grdp_base: float,
    base_year: int,
    population_growth: float,
    depreciation: float,
    national_deflator: float,
    provincial_deflators: pd.Series | None = None,
    tolerance: float = DEFLATOR_TOLERANCE,
    national_year: int | None = None,
) -> pd.DataFrame:
    """Per head against growth: the deflator the targets need and the nominal GRDP it gives.

    Parameters
    ----------
    target_growth : float
        Real growth target g*, fraction (0.145).
    per_capita_target, per_capita_base : float
        GRDP per head y* (plan year) and y0 (base year), USD (4500, 3950).
    grdp_base : float
        GRDP of the base year at current prices, trillion VND (181.9 for 2023).
    base_year : int
        The plan's base year (named in the notes).
    population_growth, depreciation : float
        n and e, fractions (assumptions).
    national_deflator : float
        Viet Nam's GDP deflator change, fraction (2023: 0.0228).
    provincial_deflators : Series, optional
        The province's recent implied deflators by year, fractions (:func:`implied_deflators`).
    tolerance : float, default DEFLATOR_TOLERANCE
        Added either side of the span of the references to make the band.
    national_year : int, optional
        The year of ``national_deflator`` when it is not the base year's (an earlier year
        stands in); named in the notes.

    Returns
    -------
    DataFrame
        Rows ``per_head.implied_deflator`` (verdict against the band),
        ``per_head.nominal_grdp_plan`` (the plan year's nominal GRDP) and
        ``per_head.per_capita_at_national_deflator`` (information); ``value_base`` holds the
        base year's figure (the province's latest deflator of the record, GRDP, per head).

    Raises
    ------
    ValueError
        On rates at or below −1, non-positive levels or a negative tolerance.

    Notes
    -----
    ``π* = (y*/y0)(1 + n)(1 + e)/(1 + g*) − 1``
    (:func:`analysis.economics.growth.required_deflator`);
    nominal GRDP of the plan year ``= GRDP_base (1 + g*)(1 + π*)``. Band: from the lowest to
    the highest of the national deflator and the province's record, widened by ``tolerance``.
    π* above the band is 'stretched'; below it the per-head target is undemanding
    ('consistent').
    Worked: g* 14.5 %, 3950 → 4500 USD, n 1.68 %, e 1.7 % → π* = 2.89 %; nominal GRDP
    181.9 × 1.145 × 1.02889 = 214.3 trillion VND.

    References
    ----------
    Methodology reference, section 3; published_series.csv (vn_gdp_nominal, vn_gdp_growth).
    """
    g, n, e = (
        as_rate(v, k)
        for v, k in (
            (target_growth, "target_growth"),
            (population_growth, "population_growth"),
            (depreciation, "depreciation"),
        )
    )
    ref = as_rate(national_deflator, "national_deflator")
    y1, y0 = (
        as_level(per_capita_target, "per_capita_target"),
        as_level(per_capita_base, "per_capita_base"),
    )
    grdp = as_level(grdp_base, "grdp_base")
    year = as_year(base_year, "base_year")
    if not tolerance >= 0:
        raise ValueError(f"tolerance: must be non-negative, got {tolerance!r}")
    pi = required_deflator(g, y0, y1, n, e)
    nat_year = None if national_year is None else as_year(national_year, "national_year")
    national_word = "" if nat_year is None else f" ({nat_year})"
    low, high, basis = _deflator_band(ref, provincial_deflators, tolerance, national_word)
    verdict, why, position = _deflator_verdict(pi, low, high)
    last = (
        ref
        if provincial_deflators is None or provincial_deflators.empty
        else float(provincial_deflators.iloc[-1])
    )
    at_ref = y0 * (1.0 + per_capita_growth(g, ref, n, e))
    return report_table(
        [
            report_row(
                "per_head.implied_deflator",
                100 * pi,
                "%",
                100 * last,
                verdict,
                f"π* = (y*/y0)(1+n)(1+e)/(1+g*) − 1 with n {percent(n)}, e {percent(e)}; band "
                f"{percent(low)} to {percent(high)} ({basis}, ± {100 * tolerance:.2f} pt); {why}",
                "deflator_band",
                {
                    "population_growth": n,
                    "depreciation": e,
                    "low": low,
                    "high": high,
                    "national": ref,
                    "national_year": nat_year,
                    "province": _record_figures(provincial_deflators),
                    "tolerance": tolerance,
                    "position": position,
                },
            ),
            report_row(
                "per_head.nominal_grdp_plan",
                grdp * (1 + g) * (1 + pi),
                "trillion VND",
                grdp,
                "information",
                f"GRDP {year} × (1 + g*)(1 + π*) = {grdp:g} × {1 + g:.4f} × {1 + pi:.4f}",
                "nominal_grdp",
                {"year": year, "grdp": grdp, "growth": g, "deflator": pi},
            ),
            report_row(
                "per_head.per_capita_at_national_deflator",
                at_ref,
                "USD",
                y0,
                "information",
                f"GRDP per head if the deflator were the national {percent(ref)}{national_word}; "
                f"target {y1:,.0f} USD",
                "per_capita_at_national",
                {"national": ref, "national_year": nat_year, "target": y1},
            ),
        ]
    )
