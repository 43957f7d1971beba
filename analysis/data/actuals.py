"""Actual results against a plan's targets: the actuals file format, its checks and loading.

A planner records what the province has published (a December estimate, the final figure, a
9-month figure) in a CSV file under the plan pack's ``actuals/`` folder
(``data/raw/plans/<plan-id>/actuals/``); every ``*.csv`` there is read by
:func:`load_actuals_dir` and judged against the resolution by :mod:`analysis.economics.scorecard`.

File format (UTF-8, one figure per line, header on line 1), in the 2024 pack::

    indicator_id,period,value,unit,kind,as_of,source[,name_vi][,note]
    budget_revenue,2024,15200,billion VND,actual,2025-03-15,"Provincial finance report 2024"
    grdp_growth,2024-6M,12.6,% growth,estimate,2024-06-28,"Provincial press conference"
    administrative_merger,2024,done,done,actual,2024-12-31,"Provincial resolution ..."

- ``indicator_id``: an id of the pack's targets table (``targets.csv``).
- ``period``: the plan year (``2024``), or the year to date (``2024-Q1``, ``2024-6M``,
  ``2024-9M``); a period of another year is refused.
  For targets that accumulate over the year (column ``accumulates`` of the targets table:
  budget revenue, investment, arrivals, housing and police-station programmes, new members) an
  in-year value is the year-to-date amount; in-year growth is cumulative year-on-year growth;
  other in-year figures are the level at that date.
- ``value``: a number with a decimal point and no thousands separator, in the target's unit
  (percent as percent: ``13.6``). For a done / not-done target (unit ``done``) the words
  ``done`` or ``not_done``; the loaded table holds them as 1.0 and 0.0
  (:data:`DONE_WORDS`). An empty value means "no data yet": the row is checked (id, unit,
  period) and then left out, so the template loads before anything is filled in.
- ``unit``: exactly the target's unit (``billion VND``, ``%``, ``% growth``, ``done`` ...).
- ``kind``: ``estimate`` (published before the period's figures are final) or ``actual``.
- ``as_of``: the publication date, ISO ``YYYY-MM-DD``. Later vintages of the same figure are
  kept as separate lines; the scorecard uses the latest.
- ``source``: the document and item, or a URL.
- ``name_vi``, ``note``: optional reference columns, not read.

``kind``, ``as_of`` and ``source`` are required once a value is given. The same indicator,
period and ``as_of`` twice is refused (within a file and across the files of the folder).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from analysis.data.csv_input import read_raw_csv, validate_frame
from analysis.data.plan_spec import plan_year_of
from analysis.data.tables import ID_PATTERN, MAX_ABS_VALUE, PlanSource, load_targets, pack_file
from analysis.economics.periods import is_period, period_year, plan_periods
from analysis.economics.scorecard_measures import COUNT_UNITS, GROWTH_UNIT
from analysis.errors import InputError, InputErrors

ACTUAL_KINDS: tuple[str, ...] = ("estimate", "actual")
#: How done / not-done results are written in the file, and the value each loads as.
DONE_WORDS: dict[str, float] = {"done": 1.0, "not_done": 0.0}
DONE_UNIT = "done"
PERCENT_UNIT = "%"

ACTUALS_COLUMNS: tuple[str, ...] = (
    "indicator_id",
    "period",
    "value",
    "unit",
    "kind",
    "as_of",
    "source",
)
REFERENCE_COLUMNS: tuple[str, ...] = ("name_vi", "note")
#: Columns of a loaded actuals table: the file's columns, then where each figure came from.
LOADED_COLUMNS: tuple[str, ...] = (*ACTUALS_COLUMNS, "file", "line")

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LINE = re.compile(r"line (\d+)")


# --- the schema: the format of each column ------------------------------------------------


def _is_iso_date(text: str) -> bool:
    text = text.strip()
    if not _ISO_DATE.match(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _blank_or(test, error: str) -> pa.Check:
    """An element-wise check that passes empty cells and cells passing ``test``."""
    return pa.Check(lambda cell: cell.strip() == "" or test(cell), element_wise=True, error=error)


def _text(*checks: pa.Check, required: bool = True) -> pa.Column:
    return pa.Column(str, checks=list(checks), required=required)


_NOT_BLANK = pa.Check(lambda s: s.str.strip().ne(""), error="must not be empty")

ACTUALS_SCHEMA = pa.DataFrameSchema(
    {
        "indicator_id": _text(
            pa.Check.str_matches(ID_PATTERN, error="must be snake_case: a-z, 0-9 and _")
        ),
        "period": _text(
            pa.Check(
                lambda cell: is_period(cell.strip()),
                element_wise=True,
                error="must be a period: '<year>-Q1', '<year>-6M', '<year>-9M' or '<year>'",
            )
        ),
        "value": _text(),
        "unit": _text(_NOT_BLANK),
        "kind": _text(
            _blank_or(lambda c: c.strip() in ACTUAL_KINDS, "must be 'estimate' or 'actual'")
        ),
        "as_of": _text(_blank_or(_is_iso_date, "must be a date written YYYY-MM-DD")),
        "source": _text(),
        "name_vi": _text(required=False),
        "note": _text(required=False),
    },
    strict=True,
    name="actuals",
)


# --- checks against the targets table -------------------------------------------------------


def _parse_number(text: str) -> float | None:
    """The number written in ``text`` (decimal point, no separators), or None."""
    return float(text) if _NUMBER.match(text) else None


def _range_problem(number: float, unit: str) -> str | None:
    if abs(number) > MAX_ABS_VALUE:
        return f"must be at most {MAX_ABS_VALUE:g} in size (got {number:g})"
    if unit == GROWTH_UNIT:
        return None if number > -100 else f"growth must be above -100 % (got {number:g})"
    if unit == PERCENT_UNIT and not 0 <= number <= 100:
        return f"a share in % must lie between 0 and 100 (got {number:g})"
    if unit in COUNT_UNITS and number != int(number):
        return f"a count of {unit} must be a whole number (got {number:g})"
    if number < 0:
        return f"must not be negative (got {number:g})"
    return None


def _value_problem(text: str, unit: str, ident: str) -> str | None:
    """Why ``text`` is not a valid value for target ``ident`` in ``unit`` (None if it is)."""
    text = text.strip()
    if text == "":
        return None
    if unit == DONE_UNIT:
        if text in DONE_WORDS:
            return None
        return (
            f"'{ident}' is a done / not-done target: write 'done' or 'not_done', "
            f"or leave empty (got {text!r})"
        )
    number = _parse_number(text)
    if number is None:
        return (
            "must be a number written with a decimal point and no thousands separator, "
            f"or left empty (got {text!r})"
        )
    return _range_problem(number, unit)


def _filled_row_problems(row: pd.Series, line: str, path: Path) -> list[InputError]:
    """A row with a value must also say its kind, date and source."""
    return [
        InputError(str(path), f"{line}, column '{col}'", "must not be empty when a value is given")
        for col in ("kind", "as_of", "source")
        if row[col].strip() == ""
    ]


def _period_problem(text: str, plan_year: int) -> str | None:
    """Why ``text`` is not a period of the plan year (None if it is, or is no period at all)."""
    text = text.strip()
    if not is_period(text) or period_year(text) == plan_year:
        return None  # a malformed period is the schema's to report
    shown = ", ".join(repr(p) for p in plan_periods(plan_year))
    return f"must be a period of the plan year {plan_year}: {shown} (got {text!r})"


def _row_problems(
    row: pd.Series, index: int, units: dict[str, str], path: Path, plan_year: int
) -> list[InputError]:
    line = f"line {index + 2}"  # the header is line 1
    period_rule = _period_problem(row["period"], plan_year)
    period = [InputError(str(path), f"{line}, column 'period'", period_rule)] if period_rule else []
    ident = row["indicator_id"].strip()
    if ident not in units:
        if not re.match(ID_PATTERN, ident):
            return []  # the schema reports the malformed id
        rule = f"unknown indicator: not an id of the targets table (got {ident!r})"
        return [*period, InputError(str(path), f"{line}, column 'indicator_id'", rule)]
    problems = period
    unit = units[ident]
    if row["unit"].strip() != unit:
        rule = f"must be the target's unit {unit!r} for '{ident}' (got {row['unit']!r})"
        problems.append(InputError(str(path), f"{line}, column 'unit'", rule))
    value_rule = _value_problem(row["value"], unit, ident)
    if value_rule:
        problems.append(InputError(str(path), f"{line}, column 'value'", value_rule))
    if row["value"].strip() != "":
        problems.extend(_filled_row_problems(row, line, path))
    return problems


def _duplicate_problems(frame: pd.DataFrame, path: Path) -> list[InputError]:
    """The same indicator, period and date twice (rows with a value only)."""
    filled = frame[frame["value"].str.strip().ne("")]
    keys = filled[["indicator_id", "period", "as_of"]].apply(lambda s: s.str.strip())
    first: dict[tuple[str, ...], int] = {}
    problems = []
    for index, key in zip(keys.index, map(tuple, keys.to_numpy()), strict=True):
        if key in first:
            rule = (
                "duplicate figure: same indicator_id, period and as_of as "
                f"line {first[key] + 2} (indicator_id {key[0]!r})"
            )
            problems.append(InputError(str(path), f"line {index + 2}", rule))
        else:
            first[key] = index
    return problems


def _target_problems(
    frame: pd.DataFrame, targets: pd.DataFrame, path: Path, plan_year: int
) -> list[InputError]:
    if any(col not in frame for col in ACTUALS_COLUMNS):
        return []  # the schema reports the missing column
    units = dict(zip(targets["indicator_id"], targets["unit"], strict=True))
    problems = []
    for index, row in frame.iterrows():
        problems.extend(_row_problems(row, int(index), units, path, plan_year))
    return problems + _duplicate_problems(frame, path)


def _line_of(error: InputError) -> int:
    found = _LINE.search(error.where)
    return int(found.group(1)) if found else 0


# --- typed table ----------------------------------------------------------------------------


def empty_actuals() -> pd.DataFrame:
    """An actuals table with no rows (the columns and types of :func:`load_actuals`)."""
    return pd.DataFrame(
        {
            "indicator_id": pd.Series(dtype=str),
            "period": pd.Series(dtype=str),
            "value": pd.Series(dtype=float),
            "unit": pd.Series(dtype=str),
            "kind": pd.Series(dtype=str),
            "as_of": pd.Series(dtype="datetime64[ns]"),
            "source": pd.Series(dtype=str),
            "file": pd.Series(dtype=str),
            "line": pd.Series(dtype=int),
        }
    )


def _to_value(text: str) -> float:
    return DONE_WORDS[text] if text in DONE_WORDS else float(text)


def _typed(frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    out = frame[list(ACTUALS_COLUMNS)].apply(lambda s: s.str.strip())
    out["line"] = frame.index.astype(int) + 2
    out = out[out["value"].ne("")]
    if out.empty:
        return empty_actuals()
    out["value"] = out["value"].map(_to_value).astype(float)
    out["as_of"] = pd.to_datetime(out["as_of"], format="%Y-%m-%d").astype("datetime64[ns]")
    out["file"] = str(path)
    return out[list(LOADED_COLUMNS)].reset_index(drop=True)


# --- public loaders -------------------------------------------------------------------------


def load_actuals(
    path: Path | str, targets: pd.DataFrame | None = None, *, plan: PlanSource = None
) -> pd.DataFrame:
    """Read and check one actuals CSV file; return its figures.

    Parameters
    ----------
    path : path-like
        The CSV file (format in the module docstring).
    targets : pandas.DataFrame, optional
        The targets table the ids and units are checked against; default the targets of
        ``plan`` (:func:`analysis.data.tables.load_targets`).
    plan : plan id, Plan or None
        The plan pack whose year the periods must belong to (default: the default pack).

    Returns
    -------
    pandas.DataFrame
        Columns ``indicator_id, period, value, unit, kind, as_of, source, file, line``: one row
        per figure given; rows with an empty value ("no data") are left out. ``value`` is a
        float in the target's unit (done 1.0, not done 0.0); ``as_of`` a timestamp; ``line`` the
        line of the file.

    Raises
    ------
    InputError
        The file is missing, empty, not UTF-8 or not CSV.
    InputErrors
        One line per problem, each naming the file, the line and column, and the rule: an
        unknown column or a missing one, an id not in the targets table, a unit other than the
        target's, a value that is not a number (or not ``done`` / ``not_done`` for a done
        target) or out of range, a bad period, kind or date, a value without kind, date or
        source, the same indicator, period and date twice.
    """
    path = Path(path)
    targets = load_targets(plan) if targets is None else targets
    frame = read_raw_csv(path)
    problems: list[InputError] = []
    try:
        validate_frame(frame, ACTUALS_SCHEMA, path)
    except InputErrors as exc:
        problems.extend(exc.errors)
    problems.extend(_target_problems(frame, targets, path, plan_year_of(plan)))
    if problems:
        raise InputErrors(sorted(problems, key=_line_of))
    return _typed(frame, path)


def _cross_file_duplicates(tables: list[pd.DataFrame]) -> list[InputError]:
    if not tables:
        return []
    both = pd.concat(tables, ignore_index=True)
    dupes = both[both.duplicated(["indicator_id", "period", "as_of"], keep=False)]
    problems = []
    for _, group in dupes.groupby(["indicator_id", "period", "as_of"], sort=False):
        first, *rest = list(group.itertuples(index=False))
        for row in rest:
            rule = (
                f"duplicate figure: same indicator_id, period and as_of as line {first.line} "
                f"of {first.file} (indicator_id {row.indicator_id!r})"
            )
            problems.append(InputError(row.file, f"line {row.line}", rule))
    return problems


def load_actuals_dir(
    directory: Path | str | None = None,
    targets: pd.DataFrame | None = None,
    *,
    plan: PlanSource = None,
) -> pd.DataFrame:
    """Read every ``*.csv`` actuals file of a folder (default: the pack's ``actuals/``).

    Parameters
    ----------
    directory : path-like, optional
        The folder; default the ``actuals/`` folder of ``plan``. When the default folder does
        not exist or holds no CSV file the result is an empty table (no results yet).
    targets : pandas.DataFrame, optional
        As in :func:`load_actuals`.
    plan : plan id, Plan or None
        As in :func:`load_actuals`.

    Returns
    -------
    pandas.DataFrame
        The files' figures, in file-name order, columns as :func:`load_actuals`.

    Raises
    ------
    InputError
        A folder given explicitly does not exist.
    InputErrors
        Every problem of every file (as :func:`load_actuals`), and the same figure (indicator,
        period, date) in two files.
    """
    if directory is None:
        directory = pack_file(plan, "actuals")
        if not directory.is_dir():
            return empty_actuals()
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError(str(directory), "folder", "does not exist")
    files = sorted(directory.glob("*.csv"))
    if not files:
        return empty_actuals()
    targets = load_targets(plan) if targets is None else targets
    tables, problems = [], []
    for file in files:
        try:
            tables.append(load_actuals(file, targets, plan=plan))
        except InputErrors as exc:
            problems.extend(exc.errors)
        except InputError as exc:
            problems.append(exc)
    problems.extend(_cross_file_duplicates(tables))
    if problems:
        raise InputErrors(problems)
    return pd.concat(tables, ignore_index=True) if tables else empty_actuals()


# --- the template ---------------------------------------------------------------------------

TEMPLATE_COLUMNS: tuple[str, ...] = (*ACTUALS_COLUMNS, "name_vi")


def load_actuals_given(
    source: Path | str | None, targets: pd.DataFrame | None = None, *, plan: PlanSource = None
) -> pd.DataFrame:
    """The actual results a report is given: a CSV file, a folder of them, or the pack's folder.

    ``source`` empty (``""`` or None) reads the ``actuals/`` folder of ``plan`` with
    :func:`load_actuals_dir` (no folder or no file: an empty table); a folder is read with
    :func:`load_actuals_dir`, anything else as one file with :func:`load_actuals`.
    """
    if not source:
        return load_actuals_dir(None, targets, plan=plan)
    path = Path(source)
    if path.is_dir():
        return load_actuals_dir(path, targets, plan=plan)
    return load_actuals(path, targets, plan=plan)


def actuals_template(targets: pd.DataFrame, plan_year: int) -> pd.DataFrame:
    """An actuals table to fill in: one row per target, period the plan year, value empty.

    ``unit`` is the target's unit and ``name_vi`` its Vietnamese name (a reference column the
    loader does not read). Add lines for in-year periods (``2024-Q1``, ``2024-6M``,
    ``2024-9M`` for the 2024 plan) and for later vintages as figures are published.
    """
    for col in ("indicator_id", "unit", "name_vi"):
        if col not in targets:
            raise ValueError(f"targets: must have a column '{col}'")
    n = len(targets)
    return pd.DataFrame(
        {
            "indicator_id": targets["indicator_id"].to_numpy(),
            "period": [str(int(plan_year))] * n,
            "value": [""] * n,
            "unit": targets["unit"].to_numpy(),
            "kind": [""] * n,
            "as_of": [""] * n,
            "source": [""] * n,
            "name_vi": targets["name_vi"].to_numpy(),
        },
        columns=list(TEMPLATE_COLUMNS),
    )


def template_path(plan: PlanSource = None) -> Path:
    """Where ``actuals-template`` writes by default: ``actuals/actuals_<plan year>.csv``."""
    return pack_file(plan, "actuals") / f"actuals_{plan_year_of(plan)}.csv"


def write_actuals_template(
    path: Path | str | None = None,
    targets: pd.DataFrame | None = None,
    *,
    plan: PlanSource = None,
    overwrite: bool = False,
) -> Path:
    """Write :func:`actuals_template` as CSV; return the path written.

    The file is UTF-8 with a byte-order mark, so that spreadsheet programs show the
    Vietnamese names correctly; :func:`load_actuals` reads it as it is, before and after the
    values are filled in. Default path :func:`template_path` (``actuals/actuals_2024.csv`` in the
    2024 pack).

    Raises
    ------
    InputError
        The file exists and ``overwrite`` is false.
    """
    path = Path(path) if path is not None else template_path(plan)
    if path.exists() and not overwrite:
        raise InputError(str(path), "file", "already exists; choose another --out or add --force")
    targets = load_targets(plan) if targets is None else targets
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    actuals_template(targets, plan_year_of(plan)).to_csv(
        tmp, index=False, encoding="utf-8-sig", lineterminator="\n"
    )
    tmp.replace(path)
    return path
