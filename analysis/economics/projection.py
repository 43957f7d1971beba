"""The projection of GRDP, prices, population and GRDP per head in USD to the plan year.

:class:`ProjectionInputs` holds one set of assumptions as fractions (a scenario file hands
them over through :func:`analysis.outlook.inputs.projection_inputs`). The functions
return tables for reports in the long format ``variable, unit, period, value`` (pyam's shape),
with **values in reporting units**: rates in percent (14.5), money in the unit the documents
use (trillion VND, bn USD, USD), population in persons. Only the tables are in percent; every
argument of every function here is a fraction.

Variable names follow the indicator ids of ``data/raw`` where one exists (``grdp_growth``,
``grdp_current_prices``, ``grdp_usd``, ``grdp_per_capita_usd``) so projections can be joined
to baselines and targets.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import KW_ONLY, dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis.economics.checks import (
    N_QUARTERS,
    SUM_TOLERANCE,
    check_growth,
    check_positive,
    check_quarter_weights,
)
from analysis.economics.growth import per_capita_growth
from analysis.economics.quarters import quarterly_from_cumulative, required_remaining_growth

COLUMNS: tuple[str, ...] = ("variable", "unit", "period", "value")
"""Columns of :func:`project_year`; :func:`ytd_path` and :func:`required_path` add ``quarter``."""

QUARTER_WEIGHT_TOLERANCE = 1e-4
"""Quarterly weights may miss 1 by this much (0.01 point, as scenario files allow); they are
then rescaled to sum to 1 exactly."""

GROWTH_AGREEMENT_TOLERANCE = 5e-4
"""How far (0.05 point) ``real_growth`` may differ from the annual growth implied by
``quarterly_growth`` when both are given (rounding of figures written to two decimals)."""

YTD_PERIODS: tuple[str, ...] = ("Q1", "6M", "9M", "FY")
"""Labels of year-to-date periods after 1-4 quarters, as provinces publish them."""

PERCENT = "%"


@dataclass(frozen=True)
class ProjectionInputs:
    """Assumptions for projecting the base year (2023) to the next (2024). Rates are fractions.

    Parameters
    ----------
    grdp_nominal_base : float
        GRDP at current prices in the base year, trillion VND (181.9 for 2023).
    per_capita_usd_base : float
        GRDP per head in the base year, USD (3950 for 2023).
    exchange_rate_base : float
        VND per USD, base-year annual average (23,934 = 181.9 trn VND / 7.6 bn USD).
    real_growth : float or None
        Annual real GRDP growth at constant 2010 prices. May be None when
        ``quarterly_growth`` is given.
    deflator : float
        Change in the GRDP deflator.
    population_growth : float
        Change in average population.
    depreciation : float
        Change in VND per USD (positive: a weaker dong).
    quarterly_weights : sequence of 4 floats
        Base-year real GRDP by quarter as shares of the year: positive, summing to 1 within
        ``QUARTER_WEIGHT_TOLERANCE``; stored rescaled to sum to exactly 1.
    quarterly_growth : sequence of 4 floats, optional
        Single-quarter year-on-year real growth. When given, the annual real growth is the
        one it implies, ``Σ φ_q g_q``; a ``real_growth`` given as well must agree with it
        within ``GROWTH_AGREEMENT_TOLERANCE`` (else ValueError). When not given, every
        quarter grows at ``real_growth``.
    base_year : int
        The base year (keyword only, required; the plan pack's ``base_year``); the
        projection is for ``base_year + 1``.

    Raises
    ------
    ValueError
        Naming the field and the rule: levels not positive, rates at or below -1, weights
        not 4 positive values summing to 1, neither growth given, or the two disagreeing.

    Notes
    -----
    Population is derived, not given:
    ``population_base = grdp_nominal_base · 1e12 / (exchange_rate_base · per_capita_usd_base)``
    (about 1.924 million for 2023).
    """

    grdp_nominal_base: float
    per_capita_usd_base: float
    exchange_rate_base: float
    real_growth: float | None
    deflator: float
    population_growth: float
    depreciation: float
    quarterly_weights: Sequence[float]
    quarterly_growth: Sequence[float] | None = None
    _: KW_ONLY
    base_year: int

    def __post_init__(self) -> None:
        for name in ("grdp_nominal_base", "per_capita_usd_base", "exchange_rate_base"):
            object.__setattr__(self, name, float(check_positive(getattr(self, name), name)))
        for name in ("deflator", "population_growth", "depreciation"):
            object.__setattr__(self, name, _scalar_growth(getattr(self, name), name))
        weights = check_quarter_weights(
            self.quarterly_weights, "quarterly_weights", tol=QUARTER_WEIGHT_TOLERANCE
        )
        object.__setattr__(self, "quarterly_weights", tuple(weights.tolist()))
        self._set_growth()
        if isinstance(self.base_year, bool) or not isinstance(self.base_year, int):
            raise ValueError(f"base_year: must be a whole year, got {self.base_year!r}")

    def _set_growth(self) -> None:
        if self.real_growth is not None:
            object.__setattr__(self, "real_growth", _scalar_growth(self.real_growth, "real_growth"))
        if self.quarterly_growth is None:
            if self.real_growth is None:
                raise ValueError("real_growth: give real_growth or quarterly_growth (or both)")
            return
        quarters = check_growth(self.quarterly_growth, "quarterly_growth")
        if quarters.shape != (N_QUARTERS,):
            raise ValueError(
                f"quarterly_growth: must hold 4 single-quarter rates, got shape {quarters.shape}"
            )
        object.__setattr__(self, "quarterly_growth", tuple(quarters.tolist()))
        implied = self.annual_real_growth
        if self.real_growth is not None and abs(implied - self.real_growth) > (
            GROWTH_AGREEMENT_TOLERANCE
        ):
            raise ValueError(
                f"real_growth: must agree with the annual growth implied by quarterly_growth "
                f"within {GROWTH_AGREEMENT_TOLERANCE:g}, got {self.real_growth:.6g} against "
                f"{implied:.6g}"
            )

    @property
    def quarter_path(self) -> tuple[float, ...]:
        """Single-quarter growth for Q1-Q4 (``real_growth`` four times when none was given)."""
        if self.quarterly_growth is not None:
            return tuple(self.quarterly_growth)
        return (float(self.real_growth),) * N_QUARTERS

    @property
    def annual_real_growth(self) -> float:
        """The annual real growth used: ``Σ φ_q g_q`` of the quarter path."""
        if self.quarterly_growth is None:
            return float(self.real_growth)
        return float(np.dot(self.quarterly_weights, self.quarterly_growth))

    @property
    def population_base(self) -> float:
        """Base-year average population, persons, implied by GRDP, the rate and GRDP per head."""
        return self.grdp_nominal_base * 1e12 / (self.exchange_rate_base * self.per_capita_usd_base)


def _scalar_growth(value: Any, name: str) -> float:
    arr = check_growth(value, name)
    if arr.ndim != 0:
        raise ValueError(f"{name}: must be a single rate, got shape {arr.shape}")
    return float(arr)


def _rows(records: list[tuple[str, str, str, float]]) -> pd.DataFrame:
    frame = pd.DataFrame(records, columns=list(COLUMNS))
    frame["value"] = frame["value"].astype(float)
    return frame


def project_year(inputs: ProjectionInputs) -> pd.DataFrame:
    """Project GRDP, prices, population, the exchange rate and GRDP per head one year ahead.

    Parameters
    ----------
    inputs : ProjectionInputs
        The assumptions (fractions).

    Returns
    -------
    pandas.DataFrame
        Long format, columns ``variable, unit, period, value``; periods ``"2023"`` and
        ``"2024"`` (base year and next). Values in reporting units: rates in percent. Levels
        have both periods; rates (``grdp_growth``, ``grdp_deflator_growth``,
        ``grdp_current_prices_growth``, ``grdp_per_capita_usd_growth``) the projected year only.

        ==========================  ======================  =============================
        variable                    unit                    value
        ==========================  ======================  =============================
        grdp_real_index             index (2023 = 100)      100, 100 (1 + g)
        grdp_growth                 %                       g
        grdp_deflator_growth        %                       π
        grdp_current_prices         trillion VND            Y0, Y0 (1 + g)(1 + π)
        grdp_current_prices_growth  %                       (1 + g)(1 + π) − 1
        grdp_usd                    bn USD                  Y · 1e3 / rate
        population                  persons                 P0, P0 (1 + n)
        exchange_rate               VND/USD                 rate0, rate0 (1 + e)
        grdp_per_capita_usd         USD                     Y · 1e12 / (P · rate)
        grdp_per_capita_usd_growth  %                       per-head growth
        ==========================  ======================  =============================

    Raises
    ------
    ValueError
        If ``inputs`` is not a :class:`ProjectionInputs`.

    Notes
    -----
    GRDP per head in the projected year equals ``y0 · (1 + per_capita_growth(g, π, n, e))``
    (the identity of methodology section 3), computed here from the levels.

    References
    ----------
    Methodology reference, section 3.
    """
    if not isinstance(inputs, ProjectionInputs):
        raise ValueError(f"inputs: must be ProjectionInputs, got {type(inputs).__name__}")
    base, nxt = str(inputs.base_year), str(inputs.base_year + 1)
    g = inputs.annual_real_growth
    nominal = inputs.grdp_nominal_base * (1.0 + g) * (1.0 + inputs.deflator)
    population = inputs.population_base * (1.0 + inputs.population_growth)
    rate = inputs.exchange_rate_base * (1.0 + inputs.depreciation)
    per_head = nominal * 1e12 / (population * rate)
    index_unit = f"index ({base} = 100)"
    return _rows(
        [
            ("grdp_real_index", index_unit, base, 100.0),
            ("grdp_real_index", index_unit, nxt, 100.0 * (1.0 + g)),
            ("grdp_growth", PERCENT, nxt, 100.0 * g),
            ("grdp_deflator_growth", PERCENT, nxt, 100.0 * inputs.deflator),
            ("grdp_current_prices", "trillion VND", base, inputs.grdp_nominal_base),
            ("grdp_current_prices", "trillion VND", nxt, nominal),
            (
                "grdp_current_prices_growth",
                PERCENT,
                nxt,
                100.0 * (nominal / inputs.grdp_nominal_base - 1.0),
            ),
            (
                "grdp_usd",
                "bn USD",
                base,
                inputs.grdp_nominal_base * 1e3 / inputs.exchange_rate_base,
            ),
            ("grdp_usd", "bn USD", nxt, nominal * 1e3 / rate),
            ("population", "persons", base, inputs.population_base),
            ("population", "persons", nxt, population),
            ("exchange_rate", "VND/USD", base, inputs.exchange_rate_base),
            ("exchange_rate", "VND/USD", nxt, rate),
            ("grdp_per_capita_usd", "USD", base, inputs.per_capita_usd_base),
            ("grdp_per_capita_usd", "USD", nxt, per_head),
            (
                "grdp_per_capita_usd_growth",
                PERCENT,
                nxt,
                100.0
                * per_capita_growth(
                    g, inputs.deflator, inputs.population_growth, inputs.depreciation
                ),
            ),
        ]
    )


def _quarter_rows(
    year: int, variable: str, unit: str, quarters: range, values: Any, ytd: bool
) -> list[tuple[str, str, str, int, float]]:
    """Rows for quarters ``quarters`` (1-based); period labels Q1..Q4 or Q1/6M/9M/FY."""
    out = []
    for q, value in zip(quarters, values, strict=True):
        label = YTD_PERIODS[q - 1] if ytd else f"Q{q}"
        out.append((variable, unit, f"{year}-{label}", q, float(value)))
    return out


def _quarter_frame(records: list[tuple[str, str, str, int, float]]) -> pd.DataFrame:
    return pd.DataFrame(records, columns=["variable", "unit", "period", "quarter", "value"])


def ytd_path(inputs: ProjectionInputs) -> pd.DataFrame:
    """The projected year's quarterly path: single-quarter and year-to-date growth, real level.

    Parameters
    ----------
    inputs : ProjectionInputs
        The assumptions; the path is ``inputs.quarter_path`` (every quarter at
        ``real_growth`` unless ``quarterly_growth`` was given).

    Returns
    -------
    pandas.DataFrame
        Long format, columns ``variable, unit, period, quarter, value`` (``quarter``: the last
        quarter, 1-4, a figure covers, so variables with different period labels pivot
        together on it). Values in reporting units:

        - ``grdp_growth_quarter`` (%), periods 2024-Q1 .. 2024-Q4: single-quarter y/y growth;
        - ``grdp_growth_ytd`` (%), periods 2024-Q1, 2024-6M, 2024-9M, 2024-FY: cumulative
          y/y growth (the FY value is the annual growth of :func:`project_year`);
        - ``grdp_real_index_ytd`` (index, base year = 100), the same periods: real GRDP from
          January to the end of the quarter as a share of the whole base year's real GRDP,
          ``100 Σ_{q≤k} φ_q (1 + g_q)``; the FY value equals ``grdp_real_index`` of
          :func:`project_year`.

    Notes
    -----
    ``G_k = Σ_{q≤k} φ_q g_q / Σ_{q≤k} φ_q``.

    References
    ----------
    Methodology reference, section 5.
    """
    if not isinstance(inputs, ProjectionInputs):
        raise ValueError(f"inputs: must be ProjectionInputs, got {type(inputs).__name__}")
    year = inputs.base_year + 1
    phi = np.asarray(inputs.quarterly_weights)
    g = np.asarray(inputs.quarter_path)
    level = np.cumsum(phi * (1.0 + g))
    cumulative = np.cumsum(phi * g) / np.cumsum(phi)
    quarters = range(1, N_QUARTERS + 1)
    index_unit = f"index ({inputs.base_year} = 100)"
    return _quarter_frame(
        _quarter_rows(year, "grdp_growth_quarter", PERCENT, quarters, 100.0 * g, ytd=False)
        + _quarter_rows(year, "grdp_growth_ytd", PERCENT, quarters, 100.0 * cumulative, ytd=True)
        + _quarter_rows(year, "grdp_real_index_ytd", index_unit, quarters, 100.0 * level, ytd=True)
    )


def _published_ytd(ytd_actuals: Mapping[str, float]) -> np.ndarray:
    """Cumulative figures in period order; keys Q1, 6M, 9M without gaps."""
    if not isinstance(ytd_actuals, Mapping):
        raise ValueError(
            f"ytd_actuals: must be a mapping like {{'Q1': 0.089, '6M': 0.10}}, "
            f"got {type(ytd_actuals).__name__}"
        )
    keys = list(ytd_actuals)
    if "FY" in keys:
        raise ValueError(
            "ytd_actuals: 'FY' is published, so the year is complete and no quarter remains"
        )
    unknown = [k for k in keys if k not in YTD_PERIODS[:3]]
    if unknown:
        raise ValueError(f"ytd_actuals: keys must be among Q1, 6M, 9M, got {unknown}")
    expected = list(YTD_PERIODS[: len(keys)])
    if sorted(keys, key=YTD_PERIODS.index) != expected:
        raise ValueError(f"ytd_actuals: give periods in order without gaps {expected}, got {keys}")
    values = [ytd_actuals[k] for k in expected]
    return check_growth(np.asarray(values, dtype=float), "ytd_actuals")


def required_path(
    annual_target: float,
    ytd_actuals: Mapping[str, float],
    weights: Sequence[float],
    *,
    year: int,
    tol: float = SUM_TOLERANCE,
) -> pd.DataFrame:
    """What published year-to-date growth implies, and what the rest of the year needs.

    Parameters
    ----------
    annual_target : float
        Annual real growth target G*, fraction (0.145).
    ytd_actuals : mapping
        Published cumulative y/y growth so far, fractions, keyed ``"Q1"``, ``"6M"``, ``"9M"``
        in order without gaps, e.g. ``{"Q1": 0.089, "6M": 0.10}``; empty before Q1 is out.
        A full year (``"FY"``) is refused: no quarter remains.
    weights : sequence of 4 floats
        The base year's quarterly weights φ, positive, summing to 1 within ``tol``; rescaled
        to sum to exactly 1 (:func:`analysis.economics.checks.check_quarter_weights`), so the
        path reaches the target exactly whatever the tolerance let through.
    year : int
        The year of the figures (the plan year), for the period labels.
    tol : float, default SUM_TOLERANCE
        Tolerance on the sum of ``weights``.

    Returns
    -------
    pandas.DataFrame
        Long format, columns ``variable, unit, period, quarter, value``; values in percent:

        - ``grdp_growth_ytd``: the published cumulative figures;
        - ``grdp_growth_quarter``: the single quarters they imply;
        - ``grdp_growth_quarter_required``: the growth each remaining quarter needs (one rate);
        - ``grdp_growth_ytd_required``: the cumulative path if the remaining quarters grow at
          that rate (its FY value is the target).

    Raises
    ------
    ValueError
        On bad keys or order, growth at or below -1, figures implying a quarter at or below
        -100 %, a full year published, or invalid weights.

    Notes
    -----
    ``g_k = (G_k Σ_{q≤k} φ_q − G_{k−1} Σ_{q<k} φ_q) / φ_k`` and
    ``g_rest = (G* − G_k Σ_{q≤k} φ_q) / Σ_{q>k} φ_q``, with ``Σ φ_q = 1``: the year on the
    required path is ``G_k Σ_{q≤k} φ_q + g_rest Σ_{q>k} φ_q = G*``. Weights summing to
    1.001 and used as they are would end the path at ``G* / 1.001`` (14.486 % for 14.5 %).

    References
    ----------
    Methodology reference, section 5.
    """
    published = _published_ytd(ytd_actuals)
    k = published.size
    phi = check_quarter_weights(weights, "weights", tol=tol)
    target = _scalar_growth(annual_target, "annual_target")
    singles = quarterly_from_cumulative(published, phi, tol=tol) if k else np.empty(0)
    need = required_remaining_growth(target, published[-1] if k else None, k, phi, tol=tol)
    path = np.concatenate([singles, np.full(N_QUARTERS - k, need)])
    cumulative = np.cumsum(phi * path) / np.cumsum(phi)
    done, rest = range(1, k + 1), range(k + 1, N_QUARTERS + 1)
    return _quarter_frame(
        _quarter_rows(year, "grdp_growth_ytd", PERCENT, done, 100.0 * published, ytd=True)
        + _quarter_rows(year, "grdp_growth_quarter", PERCENT, done, 100.0 * singles, ytd=False)
        + _quarter_rows(
            year, "grdp_growth_quarter_required", PERCENT, rest, 100.0 * path[k:], ytd=False
        )
        + _quarter_rows(
            year, "grdp_growth_ytd_required", PERCENT, rest, 100.0 * cumulative[k:], ytd=True
        )
    )
