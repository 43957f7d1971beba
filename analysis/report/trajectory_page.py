"""The trajectory report's figures and headline table (notebook 01).

Presentation layer: reads the long projection table of
:func:`analysis.economics.projection.project_year` (``variable, period, value, unit``; percent
as percent) and writes its figures in the report's language.
"""

from __future__ import annotations

import pandas as pd

from analysis.report.display import pick
from analysis.report.labels import format_number, format_percent, label

#: The headline table's rows: projection variable, label key, decimals, and whether the row
#: shows the per-head target (the growth row shows the growth target).
HEADLINE_ROWS: tuple[tuple[str, str, int, bool], ...] = (
    ("grdp_growth", "real_growth", 2, False),
    ("grdp_deflator_growth", "deflator", 2, False),
    ("grdp_current_prices", "grdp_nominal", 1, False),
    ("grdp_usd", "grdp_usd", 2, False),
    ("population", "population", 1, False),
    ("exchange_rate", "exchange_rate", 0, False),
    ("grdp_per_capita_usd", "per_capita", 0, True),
)

#: Persons are shown in thousands: the base population is itself derived, not a count.
PERSONS_PER_THOUSAND = 1000


def projection_value(projection: pd.DataFrame, variable: str, period: str) -> float:
    """One figure of the projection table (KeyError naming the variable and period if absent)."""
    rows = projection[(projection["variable"] == variable) & (projection["period"] == period)]
    if rows.empty:
        raise KeyError(f"projection: no '{variable}' for period '{period}'")
    return float(rows["value"].iloc[0])


def projection_cell(
    projection: pd.DataFrame,
    variable: str,
    period: str,
    decimals: int,
    lang: str = "vi",
    outturn: float | None = None,
) -> str:
    """One cell of the headline table: a percent or a number, population in thousands.

    ``outturn`` (percent), when given, is shown instead of the projection's figure: the
    resolution's own growth outturn of the base year.
    """
    if outturn is not None:
        return format_percent(outturn, decimals, lang)
    rows = projection[(projection["variable"] == variable) & (projection["period"] == period)]
    if rows.empty:
        return "–"
    unit = rows["unit"].iloc[0]
    number = float(rows["value"].iloc[0])
    if variable == "population":
        number /= PERSONS_PER_THOUSAND
    if unit == "%":
        return format_percent(number, decimals, lang)
    return format_number(number, decimals, lang)


def _unit(variable: str, unit: str, lang: str) -> str:
    if variable == "population":
        return pick(lang, "nghìn người", "thousand persons")
    return label(unit, lang) if unit != "%" else "%"


def headline_table(
    projection: pd.DataFrame,
    growth_outturn: float,
    targets: tuple[float, float],
    lang: str = "vi",
) -> pd.DataFrame:
    """The base year, the projected year and the targets, one row per headline figure.

    Parameters
    ----------
    projection : pandas.DataFrame
        The long projection table: its first period is the base year, its last the year
        projected.
    growth_outturn : float
        The resolution's growth outturn of the base year, percent (shown in the base column).
    targets : (growth, per head)
        The growth target (percent) and the GRDP per head target (USD).
    """
    periods = sorted(projection["period"].unique())
    base, year = periods[0], periods[-1]
    growth_target, per_head_target = targets
    units = projection.drop_duplicates("variable").set_index("variable")["unit"]
    rows = []
    for var, key, d, per_head in HEADLINE_ROWS:
        if per_head:
            target = format_number(per_head_target, d, lang)
        else:
            target = format_percent(growth_target, 1, lang) if var == "grdp_growth" else ""
        outturn = growth_outturn if var == "grdp_growth" else None
        rows.append(
            {
                pick(lang, "Chỉ tiêu", "Indicator"): label(key, lang),
                pick(lang, "Đơn vị", "Unit"): _unit(var, units[var], lang),
                label("base_year", lang, year=base): projection_cell(
                    projection, var, base, d, lang, outturn
                ),
                label("projection", lang, year=year): projection_cell(
                    projection, var, year, d, lang
                ),
                label("target", lang): target,
            }
        )
    return pd.DataFrame(rows)
