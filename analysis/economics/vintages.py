"""The vintage rule: of two published figures for the same period, read the later one.

Provinces publish estimates before a period ends and revise them later (methodology §1). Every
reader of the data (the published series, the actual results) picks among the figures of one
period with :func:`latest_vintage`, so that a report, the scorecard, the consistency checks, the
calibration, the plausibility ranges and the plan against its outturn all read the same figure.

The dates are the ones the files hold: ``as_of`` of the actual results (ISO ``2025-01-09``, read
as timestamps) and ``source_date`` of the published series, written as the sources allow:
``09/01/2025``, ``~12/2024``, ``~2024``, ``~early 2019``, ``19/06/2024 (content ~2019)``,
``n.d.``. :func:`publication_date` turns each into one day, and the order of those days is the
order of the vintages.

It sits in the economics core (pure: text and tables in, a table out) because the scorecard's
arithmetic reads actual results itself; the data and composing layers import it from here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

import numpy as np
import pandas as pd

DATE_COLUMNS: tuple[str, ...] = ("as_of", "source_date")
"""The columns a publication date is read from, in this order of preference."""

#: A qualified year (``early 2019``) is placed at the first day of its part of the year.
PART_OF_YEAR_MONTH: dict[str, int] = {"early": 1, "mid": 5, "late": 9}

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WRITTEN = re.compile(
    r"^~?\s*(?:(early|mid|late)\s+)?(?:(\d{1,2})/)?(?:(\d{1,2})/)?(\d{4})(?![\d/])",
    re.IGNORECASE,
)


def _day(year: int, month: int, day: int) -> pd.Timestamp:
    try:
        return pd.Timestamp(year, month, day)
    except ValueError:
        return pd.NaT


def publication_date(value: object) -> pd.Timestamp:
    """The day a publication date stands for in the vintage order; NaT when it names none.

    Parameters
    ----------
    value : str, date, datetime or Timestamp
        An ``as_of`` (a timestamp, or ISO text ``YYYY-MM-DD``) or a ``source_date`` as the
        series write it.

    Returns
    -------
    pandas.Timestamp
        A day, or NaT (no date: ``n.d.``, empty, or not a date such as ``31/02/2024``).

    Notes
    -----
    A written date names a span of days; it is placed at the **first day of its span**:

    ======================================  ==============================================
    written                                 day
    ======================================  ==============================================
    ``09/01/2025`` (day/month/year)         9 January 2025
    ``2025-01-09`` (ISO, as ``as_of``)      9 January 2025
    ``~12/2024``, ``12/2024`` (month)       1 December 2024
    ``~2024``, ``2024`` (year)              1 January 2024
    ``~early 2019`` / ``mid`` / ``late``    1 January / 1 May / 1 September 2019
    ``19/06/2024 (content ~2019)``          19 June 2024 (text after the date is a note)
    ``n.d.``, empty, ``31/02/2024``         NaT: before every date
    ======================================  ==============================================

    A leading ``~`` (approximate) does not move the day. Placing a span at its first day means
    a vaguely dated figure counts as later than a dated one only when it cannot have been
    published before it: ``~12/2024`` (1 December) comes before ``09/01/2025`` and before
    ``06/12/2024``; ``~2025`` (1 January 2025) before ``09/01/2025``.
    """
    if isinstance(value, (pd.Timestamp, datetime, date, np.datetime64)):
        stamp = pd.Timestamp(value)
        return pd.NaT if pd.isna(stamp) else stamp.normalize()
    text = "" if value is None else str(value).strip()
    iso = _ISO.match(text)
    if iso:
        return _day(*(int(g) for g in iso.groups()))
    written = _WRITTEN.match(text)
    if not written:
        return pd.NaT
    part, first, second, year = written.groups()
    if second is not None:  # day/month/year
        return _day(int(year), int(second), int(first))
    if first is not None:  # month/year
        return _day(int(year), int(first), 1)
    month = PART_OF_YEAR_MONTH[part.lower()] if part else 1
    return _day(int(year), month, 1)


def _date_column(rows: pd.DataFrame, date_column: str | None) -> str | None:
    if date_column is not None:
        if date_column not in rows.columns:
            raise ValueError(f"rows: no date column {date_column!r}")
        return date_column
    return next((c for c in DATE_COLUMNS if c in rows.columns), None)


def vintage_order(rows: pd.DataFrame, date_column: str | None = None) -> pd.Series:
    """Each row's place in the vintage order: its :func:`publication_date`, NaT first.

    ``date_column`` defaults to ``as_of`` when the table has it, else ``source_date``; a table
    with neither has no dates (every row NaT).
    """
    column = _date_column(rows, date_column)
    if column is None:
        return pd.Series(pd.NaT, index=rows.index, dtype="datetime64[ns]")
    return rows[column].map(publication_date).astype("datetime64[ns]")


def latest_vintage(
    rows: pd.DataFrame, keys: Sequence[str] = (), *, date_column: str | None = None
) -> pd.DataFrame:
    """One row per figure: the latest publication among the rows that give it.

    Parameters
    ----------
    rows : pandas.DataFrame
        Published figures: series rows (``source_date``) or actual results (``as_of``).
    keys : sequence of str, default ()
        The columns that say which figure a row gives (``("variable", "sector", "period")``;
        ``("period",)`` for rows of one variable); empty: all rows give the same figure.
    date_column : str, optional
        The column holding the publication date (default ``as_of``, else ``source_date``).

    Returns
    -------
    pandas.DataFrame
        The rows kept, one per value of ``keys``, in the order they have in ``rows``.

    Raises
    ------
    ValueError
        A key or the date column is not in ``rows``.

    Notes
    -----
    The rule: the row with the latest :func:`publication_date`; a row without a date comes
    before every dated one; among rows of the same day (or all undated) the one further down
    the table wins, the line entered last. Two vintages of Bắc Giang's 2024 GRDP, 209.15
    trillion VND of 27/11/2024 and 207 of 06/12/2024, give 207 in either order of the lines.
    """
    missing = [k for k in keys if k not in rows.columns]
    if missing:
        raise ValueError(f"rows: no key column(s) {missing}")
    if rows.empty:
        return rows
    order = pd.DataFrame(
        {"date": vintage_order(rows, date_column).to_numpy(), "line": np.arange(len(rows))},
        index=rows.index,
    )
    groups = [rows[k].astype(str).to_numpy() for k in keys]
    ranked = order.assign(**{f"_k{i}": g for i, g in enumerate(groups)})
    ranked = ranked.sort_values(["date", "line"], na_position="first", kind="stable")
    if keys:
        chosen = ranked.groupby([f"_k{i}" for i in range(len(keys))], sort=False).tail(1)
    else:
        chosen = ranked.tail(1)
    return rows.iloc[np.sort(chosen["line"].to_numpy())]


__all__ = [
    "DATE_COLUMNS",
    "PART_OF_YEAR_MONTH",
    "latest_vintage",
    "publication_date",
    "vintage_order",
]
