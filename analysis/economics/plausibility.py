"""Plausible ranges from a published record, and the unit slip that puts a figure outside one.

Numbers in, a range out, with the words that say where it comes from: the arithmetic of the
plausibility checks that run before any report (:mod:`analysis.outlook.plausibility` reads the
record and sets scenarios and actual results against these ranges). No file, no plan, no year:
the record and the margin are arguments.

- :func:`record_range`: the smallest and largest figure of a record, widened on each side by a
  stated margin, the larger of ``k`` standard deviations of the record and a minimum
  (``margin = max(k s, m)``).
- :func:`ratio_range`: a level between ``1/5`` and ``5`` times a reference figure (a baseline or a
  target).
- :func:`probable_slip`: the value multiplied or divided by 10, 100 or 1000 that falls inside a
  range: the figure a planner probably meant (a growth rate of 0.152 % written as a fraction
  for 15.2 %, a deflator of 31 % for 3.1 %).

Growth rates and price changes are fractions here (0.152 for 15.2 %), as everywhere in the
economics layer; ``percent=True`` only says how the basis text shows them.

References
----------
Methodology reference, sections 1 and 3 (the record the ranges are read from).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

LEVEL_RATIO_BOUNDS: tuple[float, float] = (0.2, 5.0)
"""A level is plausible between 1/5 and 5 times its reference figure: a factor of 5 is beyond any
one year's change of a provincial aggregate, and short of the factor of 10 a misplaced decimal
point or a missing zero makes."""

SLIP_FACTORS: tuple[int, ...] = (10, 100, 1000)
"""The slips looked for: a decimal point one place off, a fraction written for a percent (100),
thousands written for units (1000)."""


@dataclass(frozen=True)
class PlausibleRange:
    """A range a figure is expected to fall in, and its basis.

    Attributes
    ----------
    low, high : float
        The plausible range (fractions when ``percent``, else in the figure's unit).
    record_low, record_high : float
        The smallest and largest figure of the record (or the reference figure, twice).
    margin : float
        How far the range reaches beyond the record on each side (0 for a ratio range).
    count : int
        Figures in the record.
    percent : bool
        The figures are fractions shown as percent.
    basis : str
        Where the range comes from, in words, with its numbers.
    """

    low: float
    high: float
    record_low: float
    record_high: float
    margin: float
    count: int
    percent: bool
    basis: str

    def contains(self, value: float) -> bool:
        """Whether ``value`` lies in the range (bounds included)."""
        return self.low <= value <= self.high

    @property
    def middle(self) -> float:
        """The middle of the record: where a slip's candidates are compared."""
        return (self.record_low + self.record_high) / 2.0

    def shown(self) -> str:
        """The range as a reader sees it: ``0.81..26.6 %`` or ``790..19,750``."""
        unit = " %" if self.percent else ""
        low, high = shown_value(self.low, self.percent), shown_value(self.high, self.percent)
        return f"{low}..{high}{unit}"


@dataclass(frozen=True)
class Slip:
    """The probable intended value of a figure outside its range.

    Attributes
    ----------
    intended : float
        The value times ``factor``.
    factor : float
        A power of ten: 100 for a fraction written for a percent, 0.1 for a decimal point one
        place to the right.
    """

    intended: float
    factor: float

    def words(self) -> str:
        """``written 100 times too small`` / ``written 10 times too large``."""
        if self.factor >= 1:
            return f"written {self.factor:,.0f} times too small"
        return f"written {1 / self.factor:,.0f} times too large"


def shown_value(value: float, percent: bool = False, decimals: int | None = 2) -> str:
    """A figure for a message: percent (``15.2``) or a level (``4,400``; ``0.68``).

    ``decimals`` rounds (a computed bound: ``0.8``, ``26.32``); None shows a figure as written,
    to six significant digits (``0.152``, ``0.0168``). From 1,000 up: whole, with thousands
    separators (``44,000``).
    """
    x = 100.0 * value if percent else value
    if abs(x) >= 1000 and (decimals is not None or float(x).is_integer()):
        return f"{x:,.0f}"
    text = f"{x:g}" if decimals is None else f"{round(x, decimals):g}"
    return "0" if text == "-0" else text


def _points(value: float) -> str:
    text = shown_value(value, True)
    return f"{text} point" if text == "1" else f"{text} points"


def _finite(record: Iterable[float], name: str) -> list[float]:
    values = [float(v) for v in record]
    bad = [v for v in values if not math.isfinite(v)]
    if bad:
        raise ValueError(f"{name}: must be finite numbers, got {bad[0]}")
    if not values:
        raise ValueError(f"{name}: needs at least one figure")
    return values


def record_range(
    record: Iterable[float],
    *,
    sd_multiple: float,
    min_margin: float,
    what: str,
    percent: bool = True,
) -> PlausibleRange:
    """The plausible range of a figure: its published record widened by a stated margin.

    Parameters
    ----------
    record : iterable of float
        The published figures (fractions when ``percent``), at least one.
    sd_multiple : float
        k, the standard deviations of the record the range reaches beyond it (>= 0).
    min_margin : float
        m, the least it reaches beyond it, in the record's unit (>= 0; fraction when
        ``percent``: 0.05 for 5 points).
    what : str
        The record in words, with its years (``"the province's real growth 2016-2023"``).
    percent : bool, default True
        The figures are fractions, shown as percent in the basis.

    Returns
    -------
    PlausibleRange

    Raises
    ------
    ValueError
        An empty record, a figure that is not finite, or a negative k or m.

    Notes
    -----
    ``low = min(x) − M``, ``high = max(x) + M`` with ``M = max(k s, m)``, s the sample standard
    deviation of the record (n − 1 in the denominator); with one figure there is no s and
    ``M = m``. Bắc Giang's real growth 2016-2023 (10.73, 13.33, 15.96, 16.1, 13, 7.82, 19.3,
    13.45 %): s = 3.51 points, k = 2, m = 5 points: M = 7.02 points, range 0.8..26.32 %.

    References
    ----------
    Methodology reference, sections 1 and 3.
    """
    values = _finite(record, "record")
    if not (sd_multiple >= 0 and min_margin >= 0):
        raise ValueError(
            f"margin: k and m must be >= 0, got sd_multiple={sd_multiple}, min_margin={min_margin}"
        )
    low, high = min(values), max(values)
    unit = " %" if percent else ""
    if len(values) > 1:
        spread = statistics.stdev(values)
        margin = max(sd_multiple * spread, min_margin)
        span = f"{len(values)} figures, {shown_value(low, percent)}..{shown_value(high, percent)}"
        widened = (
            f"widened by {_shown_margin(margin, percent)} each side, the larger of "
            f"{sd_multiple:g} standard deviations of the record "
            f"({_shown_margin(sd_multiple * spread, percent)}) and "
            f"{_shown_margin(min_margin, percent)}"
        )
    else:
        margin = min_margin
        span = f"one figure, {shown_value(low, percent)}"
        widened = (
            f"widened by {_shown_margin(margin, percent)} each side (one figure gives no "
            "standard deviation)"
        )
    basis = f"{what} ({span}{unit}), {widened}"
    return PlausibleRange(
        low=low - margin,
        high=high + margin,
        record_low=low,
        record_high=high,
        margin=margin,
        count=len(values),
        percent=percent,
        basis=basis,
    )


def _shown_margin(value: float, percent: bool) -> str:
    return _points(value) if percent else shown_value(value)


def ratio_range(
    reference: float,
    what: str,
    *,
    bounds: tuple[float, float] = LEVEL_RATIO_BOUNDS,
    ceiling: float | None = None,
    floor: float | None = None,
    unit: str = "",
) -> PlausibleRange:
    """The plausible range of a level: between ``bounds`` times a reference figure.

    Parameters
    ----------
    reference : float
        The reference figure r (a baseline, a target), > 0, in the level's unit.
    what : str
        The reference in words (``"the baseline 3,950 USD (2023)"``).
    bounds : (float, float), default :data:`LEVEL_RATIO_BOUNDS`
        (ρ_low, ρ_high), 0 <= ρ_low < 1 < ρ_high.
    ceiling : float, optional
        A limit the range never passes (100 for a share in percent).
    floor : float, optional
        The lower end in place of ``ρ_low r`` (0 for a year-to-date amount, which may have
        barely started).
    unit : str, optional
        The level's unit, for the basis (``" %"``, ``" USD"``: with its leading space).

    Returns
    -------
    PlausibleRange
        ``[ρ_low r, min(ρ_high r, ceiling)]`` (``floor`` in place of ``ρ_low r``); not
        ``percent``.

    Raises
    ------
    ValueError
        A reference that is not a positive finite number, or bounds not around 1.

    Notes
    -----
    GRDP per head, baseline 3,950 USD: 790..19,750 USD; 44,000 USD is 11.1 times the baseline.
    """
    if not (math.isfinite(reference) and reference > 0):
        raise ValueError(f"reference: must be a positive finite number, got {reference}")
    low_ratio, high_ratio = bounds
    if not 0 <= low_ratio < 1 < high_ratio:
        raise ValueError(f"bounds: must satisfy 0 <= low < 1 < high, got {bounds}")
    low = low_ratio * reference if floor is None else floor
    high = high_ratio * reference if ceiling is None else min(high_ratio * reference, ceiling)
    share = _ratio_words(low_ratio) if floor is None else f"{shown_value(floor)}{unit}"
    basis = f"{share} to {_ratio_words(high_ratio)} {what}"
    if ceiling is not None and high == ceiling:
        basis += f", at most {shown_value(ceiling)}{unit}"
    return PlausibleRange(
        low=low,
        high=high,
        record_low=reference,
        record_high=reference,
        margin=0.0,
        count=1,
        percent=False,
        basis=basis,
    )


def _ratio_words(ratio: float) -> str:
    if 0 < ratio < 1 and abs(1 / ratio - round(1 / ratio)) < 1e-9:
        return f"1/{round(1 / ratio)}"
    return f"{ratio:g} times"


def probable_slip(
    value: float, plausible: PlausibleRange, factors: Iterable[int] = SLIP_FACTORS
) -> Slip | None:
    """The value a power of ten away that falls inside the range: the figure probably meant.

    Parameters
    ----------
    value : float
        The figure outside the range (same unit as the range).
    plausible : PlausibleRange
        The range.
    factors : iterable of int, default :data:`SLIP_FACTORS`
        The powers of ten tried, each as a multiplier and a divisor.

    Returns
    -------
    Slip or None
        None when no candidate falls inside (a zero, or a figure wrong by more than a slip).

    Notes
    -----
    Candidates ``v f`` and ``v / f``; of those inside the range, the one nearest the middle of
    the record c = ``(min + max)/2`` (the reference of a ratio range) in size, by
    ``|ln(|candidate| / |c|)|`` (a slip is a matter of scale), and on a tie the smaller
    factor. Growth 0.152 % against 0.8..26.32 % (record middle 13.56 %): 1.52 % and 15.2 %
    fall inside; 15.2 % is 1.12 times the middle, 1.52 % a ninth of it: 15.2 %, a fraction
    written for a percent (factor 100).
    """
    v = float(value)
    if not math.isfinite(v) or v == 0:
        return None
    found = []
    for f in factors:
        for factor in (float(f), 1.0 / f):
            candidate = v * factor
            if plausible.contains(candidate):
                found.append((_farness(candidate, plausible.middle), f, candidate, factor))
    if not found:
        return None
    _, _, intended, factor = min(found)
    return Slip(intended=intended, factor=factor)


def _farness(candidate: float, middle: float) -> float:
    """How many times ``candidate`` is from ``middle`` in size (log scale), rounded so that
    ties break on the factor; the plain distance when the middle is 0."""
    if middle == 0:
        return round(abs(candidate), 12)
    return round(abs(math.log(abs(candidate) / abs(middle))), 12)


__all__ = [
    "LEVEL_RATIO_BOUNDS",
    "SLIP_FACTORS",
    "PlausibleRange",
    "Slip",
    "probable_slip",
    "ratio_range",
    "record_range",
    "shown_value",
]
