"""How one scorecard target is judged: its rule, its measures, its status and its light.

The arithmetic of methodology §7 for a single figure; :mod:`analysis.economics.scorecard`
applies it to the whole targets table. Target, baseline and actual stay in the target's unit
(percent as percent, as in the files); the ratios (attainment, gap closed, progress, pace)
are fractions.

How each target is judged
-------------------------
With baseline b (``baseline``), actual a and target T:

=============  ====================  ==========================  ==========================
rule           met when              attainment                  gap closed
=============  ====================  ==========================  ==========================
``at_least``   a ≥ T                 a / T                       (a − b) / (T − b)
``count``      a ≥ T (a count)       a / T                       (a − b) / (T − b)
``at_most``    a ≤ T                 T / a                       (b − a) / (b − T)
``growth``     g_a ≥ g_T             (1 + g_a) / (1 + g_T)       g_a / g_T (levels)
``equal``      |a − T| ≤ tolerance   min(a, T) / max(a, T)       (a − b) / (T − b)
``range``      L ≤ a ≤ H             1 inside; a / L; H / a      to the bound nearest b
``done``       a is done             1 done, 0 not done          undefined
=============  ====================  ==========================  ==========================

- ``count`` is ``at_least`` on a count unit (:data:`COUNT_UNITS`);
  ``growth`` is ``at_least`` on unit ``% growth``, compared on levels: the 2023 level is the
  starting point (index 1), the target level is 1 + g_T, the actual 1 + g_a, so the gap closed
  is g_a / g_T. ``baseline`` shows the 2023 growth for reference only.
- Gap closed is defined only when the baseline is known and misses the target (else there is
  no gap to close): it is NaN, for example, for budget revenue (no baseline in the table).
- ``miss``: how far the actual is from the nearest value that meets the target, in the
  target's unit (points for % and % growth), signed (negative = short), 0 when met.
- ``progress`` is the ratio the light is read from: 1 when met; otherwise the share of the
  baseline's distance to the target that is closed, ``1 − d(a) / d(b)`` (equal to the gap
  closed below the target; an overshoot of an ``equal`` or ``range`` target counts as
  distance again) when the gap is defined (``measure`` ``gap_closed``); otherwise the
  attainment, capped at 1 (``measure`` ``attainment``: with no baseline the distance is
  measured from zero, which flatters, and the table says so); for done targets 1 or 0.

Final result and in-year status
-------------------------------
For the year (period ``2024``, kind actual or estimate) ``achieved`` says whether the target
was met. Status ``met`` (green) or ``not_met`` with a light from the progress: ≥ 0.60 amber,
0–0.60 red, below 0 dark red (moving the wrong way). A target that is not met is never green,
even when 95 % or more of the gap was closed (the Open SDG "≥ 0.95" band is kept for in-year
paces, where it means "close enough to the path").

For an in-year period (``2024-Q1``, ``2024-6M``, ``2024-9M``; elapsed share of the year 0.25,
0.5, 0.75) ``achieved`` is missing and the status compares progress with the time elapsed.
Whether a figure is scaled by time is a property of the data, the targets table's column
``accumulates``, not a guess from its unit:

- ``accumulates`` true: the figure is built up during the year, so an in-year value is a
  year-to-date amount on its way to the annual one: money collected or invested, arrivals,
  members admitted (flows in money or counts), and programme shares completed during the
  year (temporary houses replaced, merit families supported, commune police headquarters
  built, new members as a share of all members). Pace = attainment (the year-to-date amount
  over the annual target, uncapped) / elapsed share: a straight path from zero at the start
  of the year to the target at its end, whether or not the row has a baseline. The baseline
  is the whole of the previous year, which a year-to-date amount is not comparable with: the
  gap closed of an in-year figure that accumulates is undefined (NaN), and its progress is the
  attainment. Examples: temporary houses 50 % replaced after 6 months, target 100 %:
  attainment 0.5, pace 0.5 / 0.5 = 1, on track; budget revenue 8,000 billion VND collected
  after 6 months, target 16,000, baseline 14,000 (the previous year): pace
  (8,000 / 16,000) / 0.5 = 1, on track (the gap closed (8,000 − 14,000) / (16,000 − 14,000)
  = −3 would say "wrong direction"). A year-to-date figure already above a ceiling (the top
  of a range, ``equal`` beyond its tolerance: ``miss`` > 0) cannot come back down by
  waiting, so its attainment is not scaled (pace = the attainment itself, below 1). A
  programme share carried over from the previous year (60 % done at its end) is a level,
  not a year-to-date amount: mark it ``accumulates`` false.
- ``accumulates`` false: a level or rate observed at a date (structure and labour shares,
  coverage rates, poverty and unemployment rates, forest cover, per-head figures). Levels
  with a defined gap: pace = gap closed / elapsed share (a straight path from the baseline
  to the target over the year); without a baseline: pace = attainment (capped at 1), since
  a level says nothing about how much of the year's work is done.
- growth: the year-to-date growth is already a rate for the elapsed part of the year, so
  pace = progress (g_ytd / g_T); the in-year view
  (:func:`analysis.economics.scorecard_in_year.in_year_view`) adds what the remaining
  quarters need, judged against the single quarters of 2023
  (:func:`analysis.economics.scorecard_in_year.reference_quarters`: three published, the
  fourth implied by the year's growth and the quarterly weights). A growth target never
  accumulates.
- done targets: done is on track; not yet done is ``needs_acceleration`` (the task remains).

Status by pace (Open SDG / Statistics Canada thresholds): ≥ 0.95 ``on_track`` (green),
0.60–0.95 ``needs_acceleration`` (amber), 0–0.60 ``off_track`` (red), below 0
``wrong_direction`` (dark red). A boundary value belongs to the better band. No figure:
status ``no_data``, light grey, ``achieved`` missing; nothing is guessed.

References
----------
Methodology reference, section 7. Open SDG progress status (UN SDG reporting platform,
thresholds 0.95 / 0.60 / 0 after Statistics Canada).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from analysis.economics.periods import elapsed_share, is_full_year

#: The unit of growth targets (``% growth``) and the units whose values are counts.
GROWTH_UNIT = "% growth"
COUNT_UNITS: tuple[str, ...] = ("persons",)
#: Light thresholds (Open SDG): green at or above, amber at or above, red at or above.
GREEN, AMBER, RED = 0.95, 0.60, 0.0
#: Allowance added to an ``equal`` target's tolerance for floating-point representation.
TOLERANCE_ALLOWANCE = 1e-9

STATUSES: tuple[str, ...] = (
    "met",
    "not_met",
    "on_track",
    "needs_acceleration",
    "off_track",
    "wrong_direction",
    "no_data",
)
LIGHTS: tuple[str, ...] = ("green", "amber", "red", "dark_red", "grey")
_NAN = float("nan")


# --- one target ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One target as it is judged: its rule and figures, in the target's unit.

    Attributes
    ----------
    rule : str
        The comparator, or ``count`` / ``growth`` (:func:`rule_of`).
    target, low, high : float
        The target value and, for ``range``, its bounds (NaN when unused).
    tolerance : float
        The allowance of an ``equal`` target (0 otherwise).
    baseline : float
        The 2023 baseline b, NaN when none is published.
    unit : str
        The target's unit.
    accumulates : bool
        The figure is built up during the year (see the module notes on in-year pace).
    """

    rule: str
    target: float
    low: float
    high: float
    tolerance: float
    baseline: float
    unit: str
    accumulates: bool


@dataclass(frozen=True)
class Measures:
    """What one figure shows against its target (see the module table).

    Attributes
    ----------
    attainment, gap_closed : float
        Fractions; the gap closed is NaN when the baseline leaves no gap to close.
    miss : float
        Signed distance to the nearest value meeting the target, in the target's unit.
    met : bool
        The figure meets the target.
    progress : float
        The ratio the light is read from (1 when met).
    measure : str
        Which measure the progress is: ``gap_closed``, ``attainment`` or ``done``.
    """

    attainment: float
    gap_closed: float
    miss: float
    met: bool
    progress: float
    measure: str


def rule_of(comparator: str, unit: str) -> str:
    """The rule a target is judged by: its comparator, or ``count`` / ``growth`` for
    ``at_least`` on a count unit / on unit ``% growth``."""
    if comparator == "at_least" and unit == GROWTH_UNIT:
        return "growth"
    if comparator == "at_least" and unit in COUNT_UNITS:
        return "count"
    return comparator


def _ratio(num: float, den: float) -> float:
    return num / den if den > 0 else _NAN


def _distance(t: Target, x: float) -> float:
    """Distance from ``x`` to the values meeting the target (an ``equal`` target: to T)."""
    if math.isnan(x):
        return _NAN
    if t.rule in ("at_least", "count"):
        return max(t.target - x, 0.0)
    if t.rule == "at_most":
        return max(x - t.target, 0.0)
    if t.rule == "equal":
        return abs(x - t.target)
    if t.rule == "growth":
        return max(t.target - x, 0.0) / 100.0
    return max(t.low - x, x - t.high, 0.0)  # range


def _baseline_distance(t: Target) -> float:
    """The baseline's distance to the target; 0 when the baseline already meets it."""
    if t.rule == "growth":
        return _distance(t, 0.0)  # levels: the 2023 level is growth 0
    d = _distance(t, t.baseline)
    if t.rule == "equal" and d <= t.tolerance + TOLERANCE_ALLOWANCE:
        return 0.0
    return d


def _gap_closed(t: Target, a: float) -> float:
    """Methodology §7 gap closed (uncapped), NaN when there is no gap to close."""
    d_b = _baseline_distance(t)
    if not d_b > 0:
        return _NAN
    b = t.baseline
    if t.rule == "growth":
        return a / t.target
    if t.rule == "at_most":
        return (b - a) / (b - t.target)
    if t.rule == "range":
        bound = t.low if b < t.low else t.high
        return (a - b) / (bound - b)
    return (a - b) / (t.target - b)


def _attainment(t: Target, a: float) -> float:
    if t.rule in ("at_least", "count"):
        return _ratio(a, t.target)
    if t.rule == "at_most":
        return _ratio(t.target, a)
    if t.rule == "growth":
        return (1 + a / 100.0) / (1 + t.target / 100.0)
    if t.rule == "equal":
        return _ratio(min(a, t.target), max(a, t.target))
    if t.rule == "done":
        return a
    if a < t.low:
        return _ratio(a, t.low)
    return _ratio(t.high, a) if a > t.high else 1.0


def _met(t: Target, a: float) -> bool:
    if t.rule == "done":
        return a == 1.0
    if t.rule == "equal":
        return abs(a - t.target) <= t.tolerance + TOLERANCE_ALLOWANCE
    return _distance(t, a) == 0.0


def _miss(t: Target, a: float, met: bool) -> float:
    if met:
        return 0.0
    if t.rule == "done":
        return _NAN
    if t.rule == "range":
        return a - t.low if a < t.low else a - t.high
    return a - t.target


def target_measures(t: Target, a: float, year_to_date: bool = False) -> Measures:
    """Attainment, gap closed, miss, met and progress of the actual ``a`` against ``t``.

    Parameters
    ----------
    t : Target
        The target.
    a : float
        The actual figure in the target's unit (done 1.0, not done 0.0).
    year_to_date : bool, default False
        ``a`` is an in-year figure of a target that accumulates: a year-to-date amount, which
        the baseline (a whole year) does not measure a gap for.

    Returns
    -------
    Measures

    Notes
    -----
    Gap closed ``(a − b)/(T − b)`` (higher is better), ``(b − a)/(b − T)`` (lower is better),
    ``g_a / g_T`` for growth; attainment ``a/T``, ``T/a`` or ``(1 + g_a)/(1 + g_T)``;
    progress 1 when met, else ``1 − d(a)/d(b)`` when the gap is defined, else the attainment
    capped at 1 (the module table gives every rule). A year-to-date amount has no gap closed
    (NaN): its progress is the attainment.

    References
    ----------
    Methodology reference, section 7.
    """
    attainment = _attainment(t, a)
    met = _met(t, a)
    gap = _NAN if t.rule == "done" or year_to_date else _gap_closed(t, a)
    if t.rule == "done":
        progress, measure = a, "done"
    elif met:
        progress, measure = 1.0, "gap_closed" if not math.isnan(gap) else "attainment"
    elif not math.isnan(gap):
        progress, measure = 1.0 - _distance(t, a) / _baseline_distance(t), "gap_closed"
    else:
        progress, measure = min(attainment, 1.0), "attainment"
    return Measures(attainment, gap, _miss(t, a, met), met, progress, measure)


# --- status and light -----------------------------------------------------------------------


def _band(ratio: float) -> int:
    """0 green, 1 amber, 2 red, 3 dark red, by the Open SDG thresholds."""
    if ratio >= GREEN:
        return 0
    if ratio >= AMBER:
        return 1
    return 2 if ratio >= RED else 3


_IN_YEAR = (
    ("on_track", "green"),
    ("needs_acceleration", "amber"),
    ("off_track", "red"),
    ("wrong_direction", "dark_red"),
)


def _pace(t: Target, m: Measures, elapsed: float) -> float:
    """In-year progress relative to the time elapsed (see the module notes on in-year status).

    Notes
    -----
    With e the elapsed share of the year (0.25, 0.5, 0.75):

    - growth: ``g_ytd / g_T`` (a rate for the elapsed part of the year already);
    - ``accumulates``: ``(a / T) / e``, the year-to-date amount over the annual target
      against the calendar, with or without a baseline (the baseline is a whole year's
      amount); ``a / T`` unscaled when the amount is already beyond a ceiling (``miss`` > 0);
    - a level with a gap to close: ``gap closed / e`` (a straight path from the baseline);
    - a level without a baseline: the attainment, capped at 1.

    Budget revenue, target 16,000 billion VND, baseline 14,000, 8,000 collected after 6
    months: (8,000 / 16,000) / 0.5 = 1.0, on track.
    """
    if t.rule == "growth":
        return m.progress
    if t.accumulates:
        return m.attainment if m.miss > 0 else m.attainment / elapsed
    if m.measure == "attainment":
        return m.progress
    return m.progress / elapsed


def target_status(t: Target, m: Measures, period: str) -> tuple[str, str, float]:
    """The status (:data:`STATUSES`), the light (:data:`LIGHTS`) and the in-year pace.

    Parameters
    ----------
    t : Target
        The target.
    m : Measures
        Its measures (:func:`target_measures`).
    period : str
        The figure's period: the year (a final result) or ``<year>-Q1``, ``-6M``, ``-9M``.

    Returns
    -------
    (str, str, float)
        Status, light and pace; the pace is NaN for a final result and for done targets.

    Notes
    -----
    Final result: ``met`` (green), else ``not_met`` with a light from the progress (never
    green). In year: the pace read against 0.95 / 0.60 / 0: attainment over the elapsed share
    for figures that accumulate (with or without a baseline), gap closed over the elapsed
    share for levels with a gap, the progress otherwise.

    References
    ----------
    Methodology reference, section 7; Open SDG progress status.
    """
    if is_full_year(period):
        if m.met:
            return "met", "green", _NAN
        light = ("amber", "amber", "red", "dark_red")[_band(m.progress)]
        return "not_met", light, _NAN
    if t.rule == "done":  # not a quantity: done is on track, not yet done needs doing
        status, light = _IN_YEAR[0 if m.met else 1]
        return status, light, _NAN
    pace = _pace(t, m, elapsed_share(period))
    status, light = _IN_YEAR[_band(pace)]
    return status, light, pace
