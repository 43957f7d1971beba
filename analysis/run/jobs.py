"""Planning a run: its folders, its checked arguments, the notebooks, and one job per report.

A notebook is ``notebooks/NN_name.ipynb``; the notebooks run in name order. One whose name ends
in ``scenario_comparison`` runs once per run with the parameter ``scenarios`` (the list of
scenario files); one ending in ``summary`` runs once per run with both ``scenarios`` and
``scenario`` (the reference scenario, below); one ending in ``scorecard`` or ``plan_outturn``
runs once per run with ``scenario`` set to the reference scenario (the plan's default scenario
when the run has it);
every other notebook runs once per scenario with ``scenario`` (its file). All receive ``plan``
(the plan pack's id), ``lang``, ``results_dir`` (the folder of their outputs) and ``seed``.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from analysis.data import paths
from analysis.data.plan_spec import PlanSpec
from analysis.data.scenarios import Scenario, scenario_files, scenario_path
from analysis.errors import InputError
from analysis.report.titles import has_title, masthead, report_title
from analysis.run.conventions import DEFAULT_SEED, LANGUAGES, MAX_SEED, STAGING_PREFIX
from analysis.run.safeguards import SignalGuard

if TYPE_CHECKING:
    import pandas as pd

    from analysis.run.kernel_template import KernelTemplate

COMPARISON_SUFFIX = "scenario_comparison"
"""A notebook whose name ends in this runs once over all scenarios (parameter ``scenarios``)."""

SUMMARY_SUFFIX = "summary"
"""A notebook whose name ends in this (``00_summary``) runs once over all scenarios and is given
the reference scenario too (parameters ``scenarios`` and ``scenario``)."""

ONCE_PER_RUN_SUFFIXES = (COMPARISON_SUFFIX, SUMMARY_SUFFIX, "scorecard", "plan_outturn")
"""Notebooks whose name ends in one of these run once per run, not once per scenario: the
summary, the comparison, the scorecard (actual results do not depend on the scenario; it
receives the run's reference scenario, the plan's default one when the run has it, for labels
and weights) and the plan against its outturn (the plan is the pack's own scenario, whatever
the run's)."""

NOTEBOOK_PATTERN = re.compile(r"\d{2}_[A-Za-z0-9_-]+\.ipynb")
"""Notebook file names the runner picks up: two digits, an underscore, a name."""

ResultsFunction = Callable[[Scenario], "pd.DataFrame"]
"""Scenario -> its tidy results table (``analysis.outlook.results.scenario_results``)."""


@dataclass(frozen=True)
class Folders:
    """The folders a run reads from and writes to."""

    root: Path
    plan: paths.PlanPaths
    scenarios: Path
    notebooks: Path
    reports: Path
    series: Path


@dataclass(frozen=True)
class Job:
    """One notebook execution: input, output, parameters (plain data, sent to a worker)."""

    scenario: str
    notebook: Path
    output: Path
    parameters: dict[str, Any]
    cwd: Path
    lang: str
    title: str
    cell_timeout: float | None
    masthead: dict[str, str] = field(default_factory=dict)
    """The page's title block: province and resolution (:func:`analysis.report.titles.masthead`)."""


@dataclass
class Run:
    """Everything a run needs once its inputs are validated."""

    plan: PlanSpec
    scenarios: list[Scenario]
    notebooks: list[Path]
    folders: Folders
    lang: str
    jobs: int
    seed: int
    cell_timeout: float | None
    results: ResultsFunction
    stream: TextIO
    pdf: bool = False
    isolated: bool = False
    fresh: bool = False
    results_reusable: bool = True
    allow_implausible: bool = False
    stamp: str = ""
    started: float = field(default_factory=time.time)
    guard: SignalGuard = field(default_factory=SignalGuard)
    pdf_status: dict[str, Any] = field(default_factory=lambda: {"requested": False})
    results_record: dict[str, dict[str, Any]] = field(default_factory=dict)
    workbook_record: dict[str, Any] = field(default_factory=dict)
    template: KernelTemplate | None = None
    implausible: list[dict[str, Any]] = field(default_factory=list)
    """The figures outside their plausible range let through (``allow_implausible``), as
    :meth:`analysis.outlook.plausibility.Implausible.as_record`."""

    @property
    def staging(self) -> Path:
        """The folder the run is built in."""
        return self.folders.reports / f"{STAGING_PREFIX}{self.stamp}"


# --- checking the inputs ------------------------------------------------------------------


def resolve_folders(
    root: str | Path | None,
    plan_id: str,
    scenarios_dir: str | Path | None,
    notebooks_dir: str | Path | None,
    out_dir: str | Path | None,
) -> Folders:
    """The run's folders: explicit arguments first, then ``root``, then
    :mod:`analysis.data.paths`. By default a plan's scenarios are ``scenarios/<plan-id>/`` and
    its runs are published in ``reports/<plan-id>/``."""
    base = Path(root).resolve() if root else paths.ROOT
    pack = paths.plan_paths(plan_id, root)
    notebooks = paths.NOTEBOOKS_DIR if root is None else base / "notebooks"
    reports = (paths.REPORTS_DIR if root is None else base / "reports") / plan_id
    return Folders(
        root=base,
        plan=pack,
        scenarios=Path(scenarios_dir or pack.scenarios),
        notebooks=Path(notebooks_dir or notebooks),
        reports=Path(out_dir or reports).absolute(),
        series=paths.series_file(root),
    )


def scenario_files_named(scenarios: Sequence[str | Path] | None, folders: Folders) -> list[Path]:
    """The scenario files a run would read: those named (names or paths), else every
    ``*.yaml`` of the scenarios folder (as :func:`analysis.data.scenarios.load_scenarios`)."""
    named = [scenario_path(s, folders.scenarios) for s in scenarios or []]
    return named or scenario_files(folders.scenarios)


def check_run_arguments(
    jobs: int | None, lang: str, cell_timeout: float | None, seed: int = DEFAULT_SEED
) -> None:
    """Refuse a bad job count, language, timeout or seed with an :class:`InputError`."""
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise InputError("command line", "--jobs", f"must be a whole number >= 1, got {jobs!r}")
    if lang not in LANGUAGES:
        raise InputError("command line", "--lang", f"must be one of {LANGUAGES}, got {lang!r}")
    if cell_timeout is not None and not (math.isfinite(cell_timeout) and cell_timeout > 0):
        raise InputError(
            "command line", "--timeout", f"must be a finite number > 0 seconds, got {cell_timeout}"
        )
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise InputError(
            "command line", "--seed", f"must be a whole number from 0 to {MAX_SEED}, got {seed!r}"
        )


# --- the notebooks --------------------------------------------------------------------------


def find_notebooks(notebooks_dir: Path, selected: Sequence[str] | None = None) -> list[Path]:
    """The notebooks to run (``NN_name.ipynb`` in ``notebooks_dir``), in name order.

    ``selected`` narrows them down by file name, stem or two-digit number.
    """
    found = sorted(
        p for p in Path(notebooks_dir).glob("*.ipynb") if NOTEBOOK_PATTERN.fullmatch(p.name)
    )
    if not found:
        raise InputError(str(notebooks_dir), "(folder)", "holds no notebooks named NN_name.ipynb")
    if not selected:
        return found
    unknown = [s for s in selected if not any(_names_notebook(s, p) for p in found)]
    if unknown:
        names = ", ".join(p.stem for p in found)
        raise InputError("command line", "--notebooks", f"unknown {unknown}; available: {names}")
    return [p for p in found if any(_names_notebook(s, p) for s in selected)]


def _names_notebook(word: str, notebook: Path) -> bool:
    return word in (notebook.name, notebook.stem, notebook.stem[:2])


def notebook_title(notebook: Path, year: int | None = None, lang: str = "vi") -> str:
    """A report's title for the plan ``year`` in ``lang`` (:mod:`analysis.report.titles`);
    for another notebook, its first Markdown heading (without ``#``), else its file stem."""
    if year is not None and has_title(notebook.stem):
        return report_title(notebook.stem, year, lang)
    import nbformat  # here: a second's import the titled reports do without

    try:
        nb = nbformat.read(notebook, as_version=4)
    except Exception:  # an unreadable notebook fails later, with its own message
        return notebook.stem
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if line.startswith("#"):
                return line.lstrip("#").strip() or notebook.stem
    return notebook.stem


def is_comparison(notebook: Path) -> bool:
    """True for the notebook that compares all scenarios."""
    return notebook.stem.endswith(COMPARISON_SUFFIX)


def is_summary(notebook: Path) -> bool:
    """True for the one-page summary (:data:`SUMMARY_SUFFIX`)."""
    return notebook.stem.endswith(SUMMARY_SUFFIX)


def reads_run_results(notebook: Path) -> bool:
    """True for the notebooks that read the run's results tables (``<scenario>/results.csv``):
    the comparison and the summary. The runner starts them once the tables are written."""
    return is_comparison(notebook) or is_summary(notebook)


def is_once_per_run(notebook: Path) -> bool:
    """True for notebooks that run once per run (:data:`ONCE_PER_RUN_SUFFIXES`)."""
    return notebook.stem.endswith(ONCE_PER_RUN_SUFFIXES)


# --- jobs -----------------------------------------------------------------------------------


def plan_jobs(run: Run) -> list[Job]:
    """One job per (scenario, notebook), one per once-per-run notebook; those first."""
    once = [_run_level_job(run, nb) for nb in run.notebooks if is_once_per_run(nb)]
    singles = [
        _scenario_job(run, s, nb)
        for s in run.scenarios
        for nb in run.notebooks
        if not is_once_per_run(nb)
    ]
    return once + singles


def reference_scenario(run: Run) -> Scenario:
    """The scenario a once-per-run notebook other than the comparison is given."""
    named = [s for s in run.scenarios if s.name == run.plan.default_scenario]
    return named[0] if named else run.scenarios[0]


def _common_parameters(run: Run, results_dir: Path) -> dict[str, Any]:
    return {
        "plan": run.plan.id,
        "lang": run.lang,
        "results_dir": str(results_dir),
        "seed": run.seed,
    }


def _title(run: Run, notebook: Path) -> str:
    return notebook_title(notebook, run.plan.plan_year, run.lang)


def run_masthead(run: Run) -> dict[str, str]:
    """The title block of the run's pages: the plan's province and its document's title."""
    lang = run.lang
    return masthead(getattr(run.plan.province, lang), getattr(run.plan.document.title, lang), lang)


def _scenario_job(run: Run, scenario: Scenario, notebook: Path) -> Job:
    folder = run.staging / scenario.name
    parameters = {
        "scenario": str(Path(scenario.path).resolve()),
        **_common_parameters(run, folder),
    }
    return Job(
        scenario=scenario.name,
        notebook=notebook.resolve(),
        output=folder / notebook.name,
        parameters=parameters,
        cwd=notebook.parent.resolve(),
        lang=run.lang,
        title=f"{_title(run, notebook)} · {scenario.label_in(run.lang)}",
        cell_timeout=run.cell_timeout,
        masthead=run_masthead(run),
    )


def _run_level_job(run: Run, notebook: Path) -> Job:
    every = {"scenarios": [str(Path(s.path).resolve()) for s in run.scenarios]}
    reference = {"scenario": str(Path(reference_scenario(run).path).resolve())}
    if is_comparison(notebook):
        chosen: dict[str, Any] = every
    elif is_summary(notebook):
        chosen = {**every, **reference}
    else:
        chosen = reference
    return Job(
        scenario="(all)",
        notebook=notebook.resolve(),
        output=run.staging / notebook.name,
        parameters={**chosen, **_common_parameters(run, run.staging)},
        cwd=notebook.parent.resolve(),
        lang=run.lang,
        title=_title(run, notebook),
        cell_timeout=run.cell_timeout,
        masthead=run_masthead(run),
    )
