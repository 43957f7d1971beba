"""A plan's quarterly scenario against its annual target (methodology §5).

A plan that states its growth quarter by quarter (single quarters, year on year) implies an
annual figure: ``g = Σ φ_q g_q`` with the previous year's GRDP shares by quarter ``φ``. The
row ``quarterly_plan.annual`` sets that figure beside the annual target.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.economics.checks import check_growth, check_quarter_weights
from analysis.economics.consistency_rows import as_rate, as_year, percent, report_row, report_table

QUARTER_PLAN_TOLERANCE = 0.0005
"""|Σ φ_q g_q − g*| up to half a tenth of a point is 'consistent': a quarterly scenario stated
to one decimal cannot match an annual target more closely (the scenario files' own rule)."""


def quarterly_plan_check(
    quarter_growth: Sequence[float],
    weights: Sequence[float],
    *,
    target_growth: float,
    plan_year: int,
    tolerance: float = QUARTER_PLAN_TOLERANCE,
) -> pd.DataFrame:
    """Row ``quarterly_plan.annual``: the annual growth a quarterly scenario adds up to.

    Parameters
    ----------
    quarter_growth : sequence of 4 floats
        The plan's single-quarter growth, year on year, fractions (Q1 first).
    weights : sequence of 4 floats
        The base year's GRDP by quarter at constant prices, fractions summing to 1.
    target_growth : float
        The annual target g*, fraction.
    plan_year : int
        The plan year (named in the note).
    tolerance : float, default QUARTER_PLAN_TOLERANCE
        |annual − g*| up to this is 'consistent'; beyond it 'inconsistent'.

    Returns
    -------
    DataFrame
        One row of :data:`analysis.economics.consistency_rows.REPORT_COLUMNS`, the annual
        figure in percent.

    Notes
    -----
    ``g = Σ φ_q g_q`` (methodology §5). Worked, the 2025 plan: 0.21 × 13.0 + 0.25 × 12.7
    + 0.265 × 14.1 + 0.275 × 14.3 = 13.574 % against 13.6 % (gap −0.026 point): consistent.
    """
    g = np.asarray(check_growth(list(quarter_growth), "quarter_growth"), dtype=float)
    if g.shape != (4,):
        raise ValueError(f"quarter_growth: must be 4 quarters, got {len(g)}")
    phi = check_quarter_weights(list(weights), "weights")
    g_star = as_rate(target_growth, "target_growth")
    year = as_year(plan_year, "plan_year")
    if not tolerance >= 0:
        raise ValueError(f"tolerance: must be non-negative, got {tolerance!r}")
    annual = float(np.dot(phi, g))
    gap = annual - g_star
    verdict = "consistent" if abs(gap) <= tolerance else "inconsistent"
    quarters = " + ".join(f"{w:.3g} × {100 * q:.4g}" for w, q in zip(phi, g, strict=True))
    note = (
        f"the {year} quarterly scenario: Σ φ_q g_q = {quarters} = {percent(annual)} against "
        f"the target {percent(g_star)} (gap {100 * gap:+.3f} pt, tolerance "
        f"± {100 * tolerance:.2f} pt)"
    )
    return report_table(
        [
            report_row(
                "quarterly_plan.annual",
                100 * annual,
                "% growth",
                np.nan,
                verdict,
                note,
                "quarterly_plan",
                {
                    "year": year,
                    "weights": [float(w) for w in phi],
                    "quarters": [float(q) for q in g],
                    "annual": annual,
                    "target": g_star,
                    "gap": gap,
                    "tolerance": tolerance,
                },
            )
        ]
    )
