"""Loading and validating the raw tables (``data/raw``) and writing the processed ones.

Every raw file is read as UTF-8 text and validated with a pandera schema. A file that breaks a
rule is refused with :class:`~analysis.errors.InputErrors`, one line per problem, each naming the
file, the line (the header is line 1) and column, and the rule. Nothing downstream ever sees an
unvalidated table.

The processed tables written by :func:`analysis.run.check.check_all` are the same tables,
typed and tidy, under ``data/processed/`` (never edited by hand).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa

from analysis.data import paths
from analysis.data.csv_input import read_raw_csv, validate_frame
from analysis.data.plan_spec import check_plan_id, default_plan_id
from analysis.economics.vintages import latest_vintage
from analysis.errors import InputError, InputErrors

COMPARATORS = ("at_least", "at_most", "equal", "range", "done")
KINDS = ("actual", "estimate", "target", "plan", "assumption")
#: A targets table holds targets, and figures a plan states (its GRDP, say): plan.
TARGET_KINDS = ("target", "plan")
QUALIFIERS = ("", "approx", "above", "below")
CONVENTIONS = ("", "gso4", "taxes_in_services", "gva_only")
PERCENT_UNITS = ("%",)
ID_PATTERN = r"^[a-z][a-z0-9_]*$"
MAX_ABS_VALUE = 1e13  # larger than any figure the province publishes, in any unit used here

#: The indicator ids every plan pack's targets table must hold: the macro targets every report
#: reads. Others (the structure shares, budget, investment...) are read where a pack has them.
FIXED_TARGET_IDS = ("grdp_growth", "grdp_per_capita_usd")


def _text(*checks: pa.Check, nullable: bool = False, unique: bool = False) -> pa.Column:
    return pa.Column(str, checks=list(checks), nullable=nullable, unique=unique)


def _number(*checks: pa.Check, nullable: bool = True) -> pa.Column:
    finite = pa.Check(
        lambda s: s.isna() | s.abs().le(MAX_ABS_VALUE),
        element_wise=False,
        error=f"must be a finite number of at most {MAX_ABS_VALUE:g} in size",
    )
    return pa.Column(float, checks=[finite, *checks], nullable=nullable, coerce=True)


def _one_of(values: tuple[str, ...]) -> pa.Check:
    shown = ", ".join(repr(v) for v in values if v)
    return pa.Check.isin(list(values), error=f"must be one of {shown}")


#: How a true/false cell may be written (any letter case, as spreadsheets write TRUE / FALSE).
TRUTH_WORDS: dict[str, bool] = {"true": True, "false": False}


def _truth_value(cell: object) -> object:
    """``true`` / ``false`` text (any case, spaces around ignored) as a bool; else unchanged."""
    if isinstance(cell, str):
        return TRUTH_WORDS.get(cell.strip().lower(), cell)
    return cell


def _is_bool(cell: object) -> bool:
    return isinstance(cell, bool)


def _parse_flags(column: pd.Series) -> pd.Series:
    """Read ``true`` / ``false`` cells as bools; other cells stay as written, to be refused."""
    parsed = column.map(_truth_value)
    return parsed.astype(bool) if parsed.map(_is_bool).all() else parsed


def _flag() -> pa.Column:
    """A true/false column: the text ``true`` or ``false`` read as a bool, anything else refused."""
    return pa.Column(
        bool,
        parsers=pa.Parser(_parse_flags),
        checks=pa.Check(lambda s: s.map(_is_bool), error="must be true or false"),
    )


def _group(unique: bool = False) -> pa.Column:
    """A group of the resolution's targets: the item number of its list of targets, from 1."""
    check = pa.Check.in_range(1, 99, error="must be a group of the resolution, 1 to 99")
    return pa.Column(int, check, coerce=True, unique=unique)


_SNAKE_ID = pa.Check.str_matches(ID_PATTERN, error="must be snake_case: a-z, 0-9 and _")
_NOT_BLANK = pa.Check(lambda s: s.str.strip().ne(""), error="must not be empty")
_SOURCE = _text(_NOT_BLANK)


def _rows(frame: pd.DataFrame, mask: pd.Series) -> pd.Series:
    """A frame-level check result: True where the row passes."""
    return ~mask.fillna(False).astype(bool)


def _needs_target(d: pd.DataFrame) -> pd.Series:
    single = d["comparator"].isin(["at_least", "at_most", "equal"])
    return _rows(d, single & d["target"].isna())


def _range_bounds(d: pd.DataFrame) -> pd.Series:
    is_range = d["comparator"].eq("range")
    bad = is_range & (
        d["target_low"].isna() | d["target_high"].isna() | (d["target_low"] >= d["target_high"])
    )
    return _rows(d, bad)


def _done_has_no_value(d: pd.DataFrame) -> pd.Series:
    is_done = d["comparator"].eq("done")
    return _rows(d, is_done & (d["target"].notna() | d["unit"].ne("done")))


#: Comparators a figure built up over the year (``accumulates`` true) may have.
ACCUMULATING_COMPARATORS = ("at_least", "equal", "range")


def _accumulates_builds_up(d: pd.DataFrame) -> pd.Series:
    """``accumulates`` true only for a build-up towards a floor: not at_most, done, or growth."""
    flagged = d["accumulates"].eq(True)
    known = d["comparator"].isin(COMPARATORS)  # an unknown comparator is reported on its own
    wrong_kind = ~d["comparator"].isin(ACCUMULATING_COMPARATORS) | d["unit"].eq("% growth")
    return _rows(d, flagged & known & wrong_kind)


def _percent_in_0_100(d: pd.DataFrame) -> pd.Series:
    pct = d["unit"].isin(PERCENT_UNITS)
    bad = pd.Series(False, index=d.index)
    for col in ("target", "target_low", "target_high", "baseline"):
        bad |= pct & d[col].notna() & ~d[col].between(0, 100)
    return _rows(d, bad)


TARGETS_SCHEMA = pa.DataFrameSchema(
    {
        "indicator_id": _text(_SNAKE_ID, unique=True),
        "group": _group(),
        "item": _text(_NOT_BLANK),
        "name_vi": _text(_NOT_BLANK),
        "name_en": _text(_NOT_BLANK),
        "unit": _text(_NOT_BLANK),
        "comparator": _text(_one_of(COMPARATORS)),
        "target": _number(),
        "target_low": _number(),
        "target_high": _number(),
        "tolerance": _number(pa.Check.ge(0, error="must not be negative")),
        "accumulates": _flag(),
        "baseline": _number(),
        "baseline_source": _text(),
        "kind": _text(_one_of(TARGET_KINDS)),
        "source": _SOURCE,
        "note": _text(),
    },
    checks=[
        pa.Check(_needs_target, error="comparator at_least/at_most/equal needs a target value"),
        pa.Check(_range_bounds, error="comparator range needs target_low < target_high"),
        pa.Check(_done_has_no_value, error="comparator done takes unit 'done' and no target"),
        pa.Check(_percent_in_0_100, error="a share in % must lie between 0 and 100"),
        pa.Check(
            _accumulates_builds_up,
            error="accumulates true needs comparator at_least, equal or range and a unit "
            "other than '% growth' (a figure built up during the year towards its target)",
        ),
    ],
    strict=True,
    ordered=False,
    name="targets",
)

TARGET_GROUPS_SCHEMA = pa.DataFrameSchema(
    {
        "group": _group(unique=True),
        "title_vi": _text(_NOT_BLANK),
        "title_en": _text(_NOT_BLANK),
        "source": _SOURCE,
    },
    strict=True,
    name="target groups",
)

BASELINES_SCHEMA = pa.DataFrameSchema(
    {
        "indicator_id": _text(_SNAKE_ID, unique=True),
        "name_vi": _text(_NOT_BLANK),
        "name_en": _text(_NOT_BLANK),
        "period": _text(_NOT_BLANK),
        "value": _number(nullable=False),
        "qualifier": _text(_one_of(QUALIFIERS)),
        "unit": _text(_NOT_BLANK),
        "kind": _text(_one_of(KINDS)),
        "source": _SOURCE,
        "source_date": _text(_NOT_BLANK),
        "note": _text(),
    },
    strict=True,
    name="baselines",
)


def _series_percent_in_0_100(d: pd.DataFrame) -> pd.Series:
    bad = d["unit"].eq("%") & d["value"].notna() & ~d["value"].between(0, 100)
    return _rows(d, bad)


def _series_unique_keys(d: pd.DataFrame) -> pd.Series:
    keys = ["variable", "sector", "period", "kind", "source"]
    return _rows(d, d.duplicated(keys, keep="first"))


SERIES_SCHEMA = pa.DataFrameSchema(
    {
        "variable": _text(_SNAKE_ID),
        "sector": _text(_SNAKE_ID),
        "period": _text(_NOT_BLANK),
        "value": _number(nullable=False),
        "value_high": _number(),
        "qualifier": _text(_one_of(QUALIFIERS)),
        "unit": _text(_NOT_BLANK),
        "convention": _text(_one_of(CONVENTIONS)),
        "kind": _text(_one_of(KINDS)),
        "source": _SOURCE,
        "source_date": _text(_NOT_BLANK),
        "note": _text(),
    },
    checks=[
        pa.Check(_series_percent_in_0_100, error="a share in % must lie between 0 and 100"),
        pa.Check(
            _series_unique_keys,
            error="duplicate figure: same variable, sector, period, "
            "kind and source as an earlier line",
        ),
    ],
    strict=True,
    name="published series",
)

ASSUMPTIONS_SCHEMA = pa.DataFrameSchema(
    {
        "assumption_id": _text(_SNAKE_ID, unique=True),
        "value": _number(nullable=False),
        "unit": _text(_NOT_BLANK),
        "kind": _text(pa.Check.eq("assumption", error="must be 'assumption'")),
        "basis": _text(_NOT_BLANK),
        "source": _SOURCE,
    },
    strict=True,
    name="assumptions",
)


VALIDATED: dict[tuple[Any, ...], pd.DataFrame] = {}
"""Tables validated in this process, by file and schema (:func:`_load`)."""


def _load(path: Path, schema: pa.DataFrameSchema, extra: Callable | None = None) -> pd.DataFrame:
    """The table of ``path`` validated by ``schema`` (and ``extra``), a copy of its own.

    A file read and validated before in this process, with the same bytes (SHA-256) since, is
    not parsed and validated again: its validated table is copied (validation is most of the
    time a notebook spends loading its plan; the runner's kernel template loads the run's plan
    once for every kernel it forks). The bytes hashed are the bytes parsed. A file that fails
    is read again each time, so that its error is raised each time.
    """
    try:
        resolved = Path(path).resolve()
        data: bytes | None = resolved.read_bytes()
    except OSError:
        data = None  # the reader names the problem
    key = None if data is None else _table_key(resolved, data, schema, extra)
    if key is None or key not in VALIDATED:
        table = validate_frame(read_raw_csv(path, data), schema, path)
        if extra is not None:
            extra(table, path)
        table = table.reset_index(drop=True)
        if key is None:
            return table
        VALIDATED[key] = table
    return VALIDATED[key].copy(deep=True)


def _table_key(
    path: Path, data: bytes, schema: pa.DataFrameSchema, extra: Callable | None
) -> tuple:
    """What identifies a version of ``path`` read with ``schema``: the file, its bytes'
    SHA-256, the schema and the extra check."""
    check = None if extra is None else f"{extra.__module__}.{getattr(extra, '__qualname__', extra)}"
    return (str(path), hashlib.sha256(data).hexdigest(), schema.name, check)


def _require_fixed_ids(table: pd.DataFrame, path: Path) -> None:
    missing = [i for i in FIXED_TARGET_IDS if i not in set(table["indicator_id"])]
    if missing:
        raise InputErrors(
            [
                InputError(str(path), "column 'indicator_id'", f"fixed id missing: '{m}'")
                for m in missing
            ]
        )


# --- public loaders ------------------------------------------------------------------------

PlanSource = Any
"""Where a pack's table comes from: None (the default plan pack), a plan id (``"bac-giang-2024"``),
a :class:`~analysis.data.plans.Plan`, or the path of the file itself (a ``Path``, or text with
a ``/`` or ending in ``.csv``)."""


def pack_file(source: PlanSource, name: str) -> Path:
    """The file ``name`` (``"targets"``, ``"baselines"``, ...) of the pack ``source`` means.

    See :data:`PlanSource`. A plan id is checked (:func:`analysis.data.plan_spec.check_plan_id`).
    """
    if source is None:
        return getattr(paths.plan_paths(default_plan_id()), name)
    if hasattr(source, "paths"):
        return getattr(source.paths, name)
    if isinstance(source, Path):
        return source
    text = str(source)
    if "/" in text or text.endswith(".csv"):
        return Path(text)
    return getattr(paths.plan_paths(check_plan_id(text)), name)


def load_targets(source: PlanSource = None) -> pd.DataFrame:
    """A plan's targets, one row per figure, validated (``source``: :data:`PlanSource`).

    Columns: ``indicator_id, group, item, name_vi, name_en, unit, comparator, target,
    target_low, target_high, tolerance, accumulates, baseline, baseline_source, kind,
    source, note``. Values in the units the resolution uses (percent as percent); ``baseline``
    is the base year's figure where one is published. ``accumulates`` (bool; ``true`` /
    ``false`` in the file) says whether the figure is built up during the year, so that an
    in-year value is a year-to-date amount that starts the year from where the programme stood
    (money collected, arrivals, members admitted, houses replaced); false for levels and rates
    observed at a date (shares, coverage, poverty rate, forest cover, per head, growth). The
    scorecard scales only accumulating figures by the share of the year elapsed
    (:mod:`analysis.economics.scorecard_measures`).
    """
    return _load(pack_file(source, "targets"), TARGETS_SCHEMA, _require_fixed_ids)


def load_target_groups(source: PlanSource = None) -> pd.DataFrame:
    """The titles of the resolution's groups of targets, validated.

    Columns ``group``, ``title_vi``, ``title_en``, ``source``. A table of its own rather than
    columns of the targets table: a title belongs to the group, not to each of its figures
    (group 8 of the 2024 resolution has six), so it is stated once and cannot disagree with
    itself; :func:`load_pack_tables` checks that every group of the targets table has one.
    """
    return _load(pack_file(source, "target_groups"), TARGET_GROUPS_SCHEMA)


def untitled_groups(
    targets: pd.DataFrame, groups: pd.DataFrame, path: Path | str | None = None
) -> list[InputError]:
    """One problem per group of ``targets`` that has no title in ``groups`` (the titles' file)."""
    missing = sorted(set(targets["group"].astype(int)) - set(groups["group"].astype(int)))
    where = str(path or pack_file(None, "target_groups"))
    return [
        InputError(where, "column 'group'", f"group {g} of the targets table has no title")
        for g in missing
    ]


def load_baselines(source: PlanSource = None) -> pd.DataFrame:
    """The base year's results the resolution starts from, validated, one row per figure."""
    return _load(pack_file(source, "baselines"), BASELINES_SCHEMA)


def load_series(path: Path | str | None = None) -> pd.DataFrame:
    """The published series the analyses use (long format, one figure per row, with sources).

    Shared by every plan pack: ``data/raw/published_series.csv``.
    """
    return _load(Path(path) if path else paths.series_file(), SERIES_SCHEMA)


def load_assumptions(source: PlanSource = None) -> pd.DataFrame:
    """A pack's documented assumptions (figures not published, each with its basis)."""
    return _load(pack_file(source, "assumptions"), ASSUMPTIONS_SCHEMA)


def baseline_value(baselines: pd.DataFrame, indicator_id: str) -> float:
    """The value of one baseline figure; KeyError naming the id if it is absent."""
    rows = baselines.loc[baselines["indicator_id"] == indicator_id, "value"]
    if rows.empty:
        raise KeyError(f"baselines: no figure with indicator_id '{indicator_id}'")
    return float(rows.iloc[0])


def series_values(
    series: pd.DataFrame, variable: str, sector: str = "total", kinds: tuple[str, ...] = KINDS
) -> pd.Series:
    """One variable of the published series as a Series indexed by period.

    Where a period has several figures (an estimate and its revision), the latest publication
    (:func:`analysis.economics.vintages.latest_vintage`, by ``source_date``).
    """
    sel = series[
        (series["variable"] == variable) & (series["sector"] == sector) & series["kind"].isin(kinds)
    ]
    out = latest_vintage(sel, ["period"]).set_index("period")["value"].astype(float)
    out.name = f"{variable}:{sector}"
    if out.empty:
        raise KeyError(f"published series: no '{variable}' for sector '{sector}'")
    if not all(math.isfinite(v) for v in out):  # pragma: no cover - schema forbids it
        raise ValueError(f"published series: '{variable}' has non-finite values")
    return out


# --- the check command ---------------------------------------------------------------------

PACK_TABLES: dict[str, Callable[..., pd.DataFrame]] = {
    "targets": load_targets,
    "target_groups": load_target_groups,
    "baselines": load_baselines,
    "assumptions": load_assumptions,
}
"""A plan pack's tables, by the name of their processed file and of their :class:`PlanPaths`
attribute."""


def load_pack_tables(plan_paths: paths.PlanPaths, series_path: Path | None = None) -> dict:
    """Load and validate every table of a pack, and the shared series; collect every problem.

    Returns the tables by name (:data:`PACK_TABLES` and ``published_series``).
    """
    tables: dict[str, pd.DataFrame] = {}
    problems: list[InputError] = []
    loaders = {name: (loader, getattr(plan_paths, name)) for name, loader in PACK_TABLES.items()}
    loaders["published_series"] = (load_series, series_path or paths.series_file())
    for name, (loader, file) in loaders.items():
        try:
            tables[name] = loader(Path(file))
        except InputErrors as exc:
            problems.extend(exc.errors)
        except InputError as exc:
            problems.append(exc)
    if {"targets", "target_groups"} <= tables.keys():
        titles = plan_paths.target_groups
        problems += untitled_groups(tables["targets"], tables["target_groups"], titles)
    if problems:
        raise InputErrors(problems)
    return tables


def write_processed(tables: dict[str, pd.DataFrame], out_dir: Path) -> list[Path]:
    """Write the validated tables as tidy CSV in ``out_dir`` (atomically, per file)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in tables.items():
        target = out_dir / f"{name}.csv"
        tmp = target.with_suffix(".csv.tmp")
        table.to_csv(tmp, index=False, lineterminator="\n")
        tmp.replace(target)
        written.append(target)
    return written
