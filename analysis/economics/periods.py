"""Periods of a plan year, read from their names.

A period is the year to date after one, two or three quarters, written ``<year>-Q1``,
``<year>-6M``, ``<year>-9M``, or the whole year, written ``<year>``. The plan pack says which
year is planned; everything else (how many quarters a period covers, the share of the year
elapsed, whether it is the final figure) follows from the name.
"""

from __future__ import annotations

import re

#: Suffixes of the in-year periods, by the number of quarters they cover.
IN_YEAR_SUFFIXES: dict[int, str] = {1: "Q1", 2: "6M", 3: "9M"}
QUARTERS_IN_YEAR = 4

_PATTERN = re.compile(r"^(\d{4})(?:-(Q1|6M|9M))?$")
_QUARTERS = {suffix: k for k, suffix in IN_YEAR_SUFFIXES.items()}


def plan_periods(year: int) -> tuple[str, ...]:
    """The periods of ``year`` in time order: ``Q1``, ``6M``, ``9M`` to date, then the year."""
    return (*in_year_periods(year), str(int(year)))


def in_year_periods(year: int) -> tuple[str, ...]:
    """The year-to-date periods of ``year``: after one, two and three quarters."""
    return tuple(f"{int(year)}-{suffix}" for suffix in IN_YEAR_SUFFIXES.values())


def parse_period(period: object) -> tuple[int, int]:
    """``(year, quarters covered)`` of a period name; ``ValueError`` if it is not one.

    >>> parse_period("2024-6M")
    (2024, 2)
    >>> parse_period("2024")
    (2024, 4)
    """
    match = _PATTERN.match(str(period)) if isinstance(period, str) else None
    if match is None:
        raise ValueError(
            f"period: must be '<year>-Q1', '<year>-6M', '<year>-9M' or '<year>', got {period!r}"
        )
    year, suffix = match.groups()
    return int(year), _QUARTERS[suffix] if suffix else QUARTERS_IN_YEAR


def is_period(period: object) -> bool:
    """Whether ``period`` is a period name (any year)."""
    try:
        parse_period(period)
    except ValueError:
        return False
    return True


def period_year(period: str) -> int:
    """The year a period belongs to."""
    return parse_period(period)[0]


def quarters_covered(period: str) -> int:
    """Quarters a period covers: 1, 2, 3 for the year to date, 4 for the year."""
    return parse_period(period)[1]


def elapsed_share(period: str) -> float:
    """Share of the year elapsed at the end of a period (0.25, 0.5, 0.75, 1.0)."""
    return quarters_covered(period) / QUARTERS_IN_YEAR


def is_full_year(period: str) -> bool:
    """Whether a period is the whole year (its figure is the final result)."""
    return quarters_covered(period) == QUARTERS_IN_YEAR
