"""The check command: every input of a plan pack validated together, the processed tables written.

A pack's ``plan.yaml``, its tables, its actuals files and its scenario files, and the shared
published series, are each validated by their own loader in :mod:`analysis.data`; this module
runs them all, collects every problem before raising, and refuses any file that leads outside
the project. The runner calls :func:`check_plan` (without writing) before a run starts.
"""

from __future__ import annotations

from pathlib import Path

from analysis.data import paths
from analysis.data.actuals import load_actuals_dir
from analysis.data.plan_spec import PlanSpec, plan_ids, read_plan_spec, resolve_plan_id
from analysis.data.scenarios import check_scenarios, scenario_files
from analysis.data.tables import load_pack_tables, write_processed
from analysis.errors import InputError, InputErrors
from analysis.run.safeguards import check_data_files_inside, check_files_inside


def check_all(
    plan: str | None = None, *, write: bool = True, root: str | Path | None = None
) -> list[str]:
    """Validate the pack ``plan`` (every pack when None); then write the processed tables.

    Nothing is written unless every pack checked is valid. Returns the summary lines; raises
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
            found, tables = _check_pack(plan_id, root)
        except InputErrors as exc:
            problems.extend(exc.errors)
            continue
        except InputError as exc:
            problems.append(exc)
            continue
        lines += found
        checked.append((paths.plan_paths(plan_id, root), tables))
    if problems:
        raise InputErrors(problems)
    if write:
        for files, tables in checked:
            lines += [f"wrote {path}" for path in write_processed(tables, files.processed)]
    return lines


def check_plan(plan_id: str, *, root: str | Path | None = None) -> list[str]:
    """Validate one pack: boundary, ``plan.yaml``, tables, series, actuals, scenarios.

    Writes nothing (the runner calls it before a run starts).

    Raises
    ------
    InputError, InputErrors
        A file outside the project, or every problem found (file, line or field, rule).
    """
    return _check_pack(plan_id, root)[0]


def _check_pack(plan_id: str, root: str | Path | None) -> tuple[list[str], dict]:
    """The summary lines and the validated tables of one pack."""
    base = Path(root).resolve() if root else paths.ROOT
    files = paths.plan_paths(plan_id, root)
    check_data_files_inside(files.folder, base)
    check_data_files_inside(paths.series_file(root), base)
    check_files_inside(scenario_files(files.scenarios), base, "scenario file")
    spec = read_plan_spec(plan_id, root)
    tables = load_pack_tables(files, paths.series_file(root))
    lines = [f"ok  plan {plan_id}: {spec.title.en} (plan year {spec.plan_year})"]
    lines += [f"ok  {plan_id} {name}: {len(t)} rows" for name, t in tables.items()]
    lines += _check_actuals(files, tables, spec)
    lines += _check_scenarios(files, spec)
    return lines, tables


def _check_actuals(files: paths.PlanPaths, tables: dict, spec: PlanSpec) -> list[str]:
    """Check every ``*.csv`` of the pack's ``actuals/`` against its targets and its year."""
    folder = files.actuals
    if not folder.is_dir():
        return []
    figures = load_actuals_dir(folder, tables["targets"], plan=spec)
    n_files = len(list(folder.glob("*.csv")))
    return [f"ok  {spec.id} actuals: {len(figures)} figures from {n_files} CSV file(s)"]


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
