"""Structure against growth (methodology §4): rows for the structure solver's closures.

:func:`structure_check` writes one closure of :mod:`analysis.economics.closures` (equal prices,
given growth, least deviation) as rows of the consistency report: the largest deviation from
history in standard deviations, each sector's required growth with its z-score, and the
relative sector prices the target structure needs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.economics.consistency_rows import percent, report_row, report_table
from analysis.economics.structure_solution import Z_LIMIT, StructureSolution

SECTOR_LABELS = {
    "industry_construction": "industry-construction",
    "services": "services",
    "agriculture": "agriculture",
    "product_taxes": "product taxes",
}


def _sector_growth_row(
    solution: StructureSolution, sector: str, g_base: float, z_limit: float
) -> dict:
    z = float(solution.z[sector])
    verdict = "stretched" if abs(z) > z_limit else "consistent"
    note = (
        f"{SECTOR_LABELS.get(sector, sector)}: z = {z:+.2f} against baseline "
        f"{percent(solution.baseline_growth[sector])} ± {100 * solution.baseline_sd[sector]:.2f} pt"
    )
    return report_row(
        f"structure.{solution.closure}.{sector}",
        100 * solution.growth[sector],
        "% growth",
        100 * g_base,
        verdict,
        note,
    )


def _price_row(solution: StructureSolution, sector: str) -> dict:
    return report_row(
        f"structure.{solution.closure}.relative_price.{sector}",
        100 * solution.relative_price[sector],
        "% vs GRDP deflator",
        np.nan,
        "information",
        f"(1 + p_i)/(1 + π) − 1 that brings {SECTOR_LABELS.get(sector, sector)} to its "
        f"target share {percent(solution.target_shares[sector])}",
    )


def structure_check(
    solution: StructureSolution,
    *,
    sector_growth_base: pd.Series | None = None,
    z_limit: float = Z_LIMIT,
    label: str = "",
) -> pd.DataFrame:
    """Rows for one closure of the structure solver.

    Parameters
    ----------
    solution : StructureSolution
        A result of :func:`analysis.economics.closures.equal_prices`, ``given_growth`` or
        ``min_deviation``.
    sector_growth_base : Series, optional
        The base year's sector growth in the same convention, fractions (for
        ``value_base``).
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
        report_row(
            f"structure.{solution.closure}",
            max_z,
            "standard deviations",
            np.nan,
            solution.verdict,
            notes,
        )
    ]
    if solution.verdict == "inconsistent":
        return report_table(rows)
    g_base = pd.Series(dtype=float) if sector_growth_base is None else sector_growth_base
    rows += [
        _sector_growth_row(solution, k, g_base.get(k, np.nan), z_limit)
        for k in solution.growth.index
    ]
    if solution.closure != "equal_prices":
        rows += [_price_row(solution, k) for k in solution.growth.index]
    return report_table(rows)
