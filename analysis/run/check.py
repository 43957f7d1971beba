"""The check command: every input of a plan pack validated together, the processed tables written.

A pack's ``plan.yaml``, its tables, its actuals files and its scenario files, and the shared
published series, are each validated by their own loader in :mod:`analysis.data`; this module
runs them all, collects every problem before raising, and refuses any file that leads outside
the project. Once every file is well formed, the scenarios and actual results are set against
the published record (:mod:`analysis.outlook.plausibility`): an implausible figure is refused
too, unless ``allow_implausible`` (``--allow-implausible``) lets it through, in which case it
is listed. Nothing is written unless every pack checked is valid. The runner calls
:func:`inspect_plan` (which writes nothing) before a run starts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.data import paths
from analysis.data.actuals import load_actuals_dir
from analysis.data.plan_spec import PlanSpec, plan_ids, read_plan_spec, resolve_plan_id
from analysis.data.scenarios import Scenario, check_scenarios, load_scenarios, scenario_files
from analysis.data.tables import load_pack_tables, write_processed
from analysis.errors import InputError, InputErrors
from analysis.outlook.plausibility import Implausible, implausible_figures
from analysis.run.safeguards import check_data_files_inside, check_files_inside

LET_THROUGH = "let through by --allow-implausible"
"""How a figure outside its plausible range is announced when the override is given."""


@dataclass
class PlanCheck:
    """What checking a pack found: the summary lines and the implausible figures let through."""

    lines: list[str] = field(default_factory=list)
    implausible: list[Implausible] = field(default_factory=list)


def check_all(
    plan: str | None = None,
    *,
    write: bool = True,
    root: str | Path | None = None,
    allow_implausible: bool = False,
) -> list[str]:
    """Validate the pack ``plan`` (every pack when None); then write the processed tables.

    Nothing is written unless every pack checked is valid. Returns the summary lines (with one
    line per implausible figure let through by ``allow_implausible``); raises
    :class:`InputErrors` listing every problem found.
    """
    ids = [resolve_plan_id(plan, root)] if plan else plan_ids(root)
    if not ids:
        raise InputError(str(paths.plans_dir(root)), "(folder)", "holds no plan pack")
    lines: list[str] = []
    checked: list[tuple[paths.PlanPaths, dict]] = []
    problems: list[InputError] = []
    for plan_id in ids:
        try:
            found, tables = _check_pack(plan_id, root, allow_implausible)
        except InputErrors as exc:
            problems.extend(exc.errors)
            continue
        except InputError as exc:
            problems.append(exc)
            continue
        lines += found.lines
        checked.append((paths.plan_paths(plan_id, root), tables))
    if problems:
        raise InputErrors(problems)
    if write:
        for files, tables in checked:
            lines += [f"wrote {path}" for path in write_processed(tables, files.processed)]
    return lines


def check_plan(
    plan_id: str, *, root: str | Path | None = None, allow_implausible: bool = False
) -> list[str]:
    """Validate one pack: boundary, ``plan.yaml``, tables, series, actuals, scenarios, and the
    plausibility of the scenarios and actual results; the summary lines
    (:func:`inspect_plan`). Writes nothing."""
    return inspect_plan(plan_id, root=root, allow_implausible=allow_implausible).lines


def inspect_plan(
    plan_id: str,
    *,
    root: str | Path | None = None,
    allow_implausible: bool = False,
    scenarios: Sequence[Scenario] = (),
) -> PlanCheck:
    """Validate one pack and say what was let through; write nothing (the runner calls it
    before a run starts).

    Parameters
    ----------
    plan_id : str
        The pack.
    root : str or Path, optional
        Project root (default :data:`analysis.data.paths.ROOT`).
    allow_implausible : bool
        Let figures outside their plausible range through (listed, not refused).
    scenarios : sequence of Scenario
        Scenarios checked for plausibility beside the pack's own (a run's scenario files
        named outside ``scenarios/<plan-id>/``).

    Returns
    -------
    PlanCheck
        The summary lines and the implausible figures let through (empty unless
        ``allow_implausible``).

    Raises
    ------
    InputError, InputErrors
        A file outside the project, or every problem found (file, line or field, rule); with
        no other problem, every implausible figure unless ``allow_implausible``.
    """
    return _check_pack(plan_id, root, allow_implausible, scenarios)[0]


def _check_pack(
    plan_id: str,
    root: str | Path | None,
    allow_implausible: bool = False,
    scenarios: Sequence[Scenario] = (),
) -> tuple[PlanCheck, dict]:
    """What checking one pack found, and its validated tables."""
    base = Path(root).resolve() if root else paths.ROOT
    files = paths.plan_paths(plan_id, root)
    check_data_files_inside(files.folder, base)
    check_data_files_inside(paths.series_file(root), base)
    check_files_inside(scenario_files(files.scenarios), base, "scenario file")
    spec = read_plan_spec(plan_id, root)
    tables = load_pack_tables(files, paths.series_file(root))
    lines = [f"ok  plan {plan_id}: {spec.title.en} (plan year {spec.plan_year})"]
    lines += [f"ok  {plan_id} {name}: {len(t)} rows" for name, t in tables.items()]
    actual_lines, figures = _check_actuals(files, tables, spec)
    lines += actual_lines + _check_scenarios(files, spec)
    found = implausible_figures(
        tables["published_series"],
        spec.base_year,
        scenarios=[*load_scenarios(None, files.scenarios), *scenarios],
        actuals=figures,
        targets=tables["targets"],
    )
    if found and not allow_implausible:
        raise InputErrors([f.error() for f in found])
    lines += [f"{LET_THROUGH}: {f.file}: {f.field}: {f.finding()}" for f in found]
    return PlanCheck(lines=lines, implausible=found), tables


def _check_actuals(
    files: paths.PlanPaths, tables: dict, spec: PlanSpec
) -> tuple[list[str], pd.DataFrame | None]:
    """Check every ``*.csv`` of the pack's ``actuals/`` against its targets and its year;
    the summary line and the figures (None without a folder)."""
    folder = files.actuals
    if not folder.is_dir():
        return [], None
    figures = load_actuals_dir(folder, tables["targets"], plan=spec)
    n_files = len(list(folder.glob("*.csv")))
    return [f"ok  {spec.id} actuals: {len(figures)} figures from {n_files} CSV file(s)"], figures


def _check_scenarios(files: paths.PlanPaths, spec: PlanSpec) -> list[str]:
    """Validate the pack's scenario files; the default scenario must be one of them."""
    lines = check_scenarios(files.scenarios)
    default = files.scenarios / f"{spec.default_scenario}.yaml"
    if not default.is_file():
        raise InputError(
            str(files.plan_file),
            "default_scenario",
            f"names no scenario file: {default} does not exist",
        )
    return lines
