"""Structure against growth (methodology §4): rows for the structure solver's closures.

:func:`structure_check` writes one closure of :mod:`analysis.economics.closures` (equal prices,
given growth, least deviation) as rows of the consistency report: the largest deviation from
history in standard deviations, each sector's required growth with its z-score, and the
relative sector prices the target structure needs. Every verdict is the solution's own
(:func:`analysis.economics.structure_solution.structure_verdicts`, the rule the
structural-shift report shows too), judged with the threshold the closure was given.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from analysis.economics.consistency_rows import percent, report_row, report_table
from analysis.economics.structure_solution import (
    StructureSolution,
    StructureVerdicts,
    structure_verdicts,
)

SECTOR_LABELS = {
    "industry_construction": "industry-construction",
    "services": "services",
    "agriculture": "agriculture",
    "product_taxes": "product taxes",
}


def _optional(value: float) -> float | None:
    return None if not np.isfinite(value) else float(value)


def _sector_growth_row(
    solution: StructureSolution, verdicts: StructureVerdicts, sector: str, g_base: float
) -> dict:
    z = float(solution.z[sector])
    note = (
        f"{SECTOR_LABELS.get(sector, sector)}: z = {z:+.2f} against baseline "
        f"{percent(solution.baseline_growth[sector])} ± {100 * solution.baseline_sd[sector]:.2f} pt"
    )
    return report_row(
        f"structure.{solution.closure}.{sector}",
        100 * solution.growth[sector],
        "% growth",
        100 * g_base,
        str(verdicts.growth[sector]),
        note,
        "sector_growth_z",
        {
            "sector": sector,
            "z": z,
            "baseline": float(solution.baseline_growth[sector]),
            "sd": float(solution.baseline_sd[sector]),
            "z_limit": verdicts.z_limit,
        },
    )


def _price_row(solution: StructureSolution, verdicts: StructureVerdicts, sector: str) -> dict:
    price_sd = None if solution.price_sd is None else float(solution.price_sd[sector])
    return report_row(
        f"structure.{solution.closure}.relative_price.{sector}",
        100 * solution.relative_price[sector],
        "% vs GRDP deflator",
        np.nan,
        str(verdicts.prices[sector]),
        f"(1 + p_i)/(1 + π) − 1 that brings {SECTOR_LABELS.get(sector, sector)} to its "
        f"target share {percent(solution.target_shares[sector])}",
        "relative_price",
        {
            "sector": sector,
            "target_share": float(solution.target_shares[sector]),
            "price_z": _optional(float(verdicts.price_z[sector])),
            "price_sd": price_sd,
            "z_limit": verdicts.z_limit,
        },
    )


def closure_figures(
    solution: StructureSolution, verdicts: StructureVerdicts, source: Mapping[str, Any] | None
) -> dict[str, Any]:
    """The figures of a closure's summary note: its own (``details``), the sectors and prices
    beyond the threshold, and for closure B the sector plan against the target.

    Keys: ``closure``, ``z_limit``, ``deflator`` (π), ``stretched_growth`` and
    ``stretched_prices`` (sector → z), ``relative_prices`` (sector → ρ), ``price_sd`` (τ by
    sector, closure C), ``aggregate``, ``target`` and ``gap`` (closure B, with a target),
    ``source`` (where given growth comes from), and the solution's ``details``.
    """
    far_growth = verdicts.growth_z[verdicts.growth == "stretched"]
    far_prices = verdicts.price_z[verdicts.prices == "stretched"]
    figures: dict[str, Any] = {
        "closure": solution.closure,
        "z_limit": verdicts.z_limit,
        "deflator": _optional(solution.deflator),
        "stretched_growth": {str(k): float(v) for k, v in far_growth.items()},
        "stretched_prices": {str(k): float(v) for k, v in far_prices.items()},
        "relative_prices": {
            str(k): float(v) for k, v in solution.relative_price.items() if np.isfinite(v)
        },
        "price_sd": None
        if solution.price_sd is None
        else {str(k): float(v) for k, v in solution.price_sd.items()},
        "aggregate": _optional(solution.aggregate_growth),
        "target": _optional(solution.target_growth),
        "gap": _optional(solution.growth_gap),
        "source": dict(source or {}),
    }
    return {**figures, **dict(solution.details)}


def structure_check(
    solution: StructureSolution,
    *,
    sector_growth_base: pd.Series | None = None,
    label: str = "",
    source: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """Rows for one closure of the structure solver.

    The verdicts are the solution's own, judged with the threshold its closure was given
    (``solution.z_limit``; a plan pack's ``stretched_threshold_sd``).

    Parameters
    ----------
    solution : StructureSolution
        A result of :func:`analysis.economics.closures.equal_prices`, ``given_growth`` or
        ``min_deviation``.
    sector_growth_base : Series, optional
        The base year's sector growth in the same convention, fractions (for
        ``value_base``).
    label : str, optional
        Words added to the summary note (e.g. where given growth came from).
    source : mapping, optional
        The same as data, for the reports (``{"kind": "master_plan", "start": ..., "end":
        ...}`` or ``{"kind": "year_plan", "year": ...}``; :mod:`analysis.outlook`).

    Returns
    -------
    DataFrame
        ``structure.<closure>`` (max |z|, the closure's verdict), one
        ``structure.<closure>.<sector>`` row per sector (growth, % ) and, except for
        closure A where every sector's relative price is the same, one
        ``structure.<closure>.relative_price.<sector>`` row per sector (verdict
        'information' where the closure does not judge prices, i.e. but for closure C).

    Notes
    -----
    z = (g_i − g_i0)/σ_i; verdicts by
    :func:`analysis.economics.structure_solution.judge_structure`.

    References
    ----------
    Methodology reference, section 4.
    """
    if not isinstance(solution, StructureSolution):
        raise ValueError(f"solution: must be a StructureSolution, got {type(solution).__name__}")
    verdicts = structure_verdicts(solution)
    notes = "; ".join(((label,) if label else ()) + solution.notes)
    max_z = solution.summary()["max_abs_z"]
    rows = [
        report_row(
            f"structure.{solution.closure}",
            max_z,
            "standard deviations",
            np.nan,
            verdicts.closure,
            notes,
            "structure_closure",
            closure_figures(solution, verdicts, source),
        )
    ]
    if verdicts.closure == "inconsistent":
        return report_table(rows)
    g_base = pd.Series(dtype=float) if sector_growth_base is None else sector_growth_base
    rows += [
        _sector_growth_row(solution, verdicts, k, g_base.get(k, np.nan))
        for k in solution.growth.index
    ]
    if solution.closure != "equal_prices":
        rows += [_price_row(solution, verdicts, k) for k in solution.growth.index]
    return report_table(rows)
