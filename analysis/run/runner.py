"""The report runner: every notebook for every scenario, code-free HTML, published atomically.

:func:`run_reports` is what ``python -m analysis run`` calls. In order, it

1. validates the arguments, every scenario, the raw data and the actuals files, and keeps
   every path inside the project (:mod:`analysis.run.jobs`, :mod:`analysis.run.safeguards`);
   a refusal raises ``InputError`` and nothing is written;
2. takes the lock ``reports/.lock`` (a second run raises :class:`~analysis.errors.LockedError`)
   and removes what a killed run left behind (``reports/.staging-*``)
   (:mod:`analysis.run.publishing`);
3. builds the run in ``reports/.staging-<stamp>/``: the tidy results of each scenario
   (:mod:`analysis.run.results_files`), then each notebook executed by papermill in its own
   process, up to ``jobs`` at once (:mod:`analysis.run.execution`), each exported to HTML
   without code (:mod:`analysis.run.export`);
4. with ``pdf=True``, prints each HTML report to PDF with headless Chromium
   (:mod:`analysis.run.pdf`);
5. writes ``manifest.json`` (:mod:`analysis.run.manifest`) and ``index.html``
   (:mod:`analysis.run.index_page`), renames the staging folder to
   ``reports/<YYYY-MM-DD_HHMMSS>/`` and only then points ``reports/latest`` at it.

On any failure it keeps the failed executed notebooks in ``reports/failed-<stamp>/`` with the
manifest, removes the staging folder, leaves ``reports/latest`` alone and raises
:class:`~analysis.errors.RunError` naming the scenario, the notebook and the failing cell.
A kernel that dies counts as a failure of the cell it was running. SIGTERM, SIGINT or SIGHUP
stop the notebook processes, remove the staging folder, release the lock and raise
:class:`~analysis.errors.Interrupted`; ``reports/latest`` is untouched.

Which notebooks run, once per run or once per scenario, and with which parameters:
:mod:`analysis.run.jobs`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Sequence
from dataclasses import replace
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from analysis.data.plan_spec import read_plan_spec, resolve_plan_id
from analysis.data.scenarios import load_scenarios
from analysis.run.check import LET_THROUGH, inspect_plan
from analysis.run.conventions import DEFAULT_CELL_TIMEOUT, KERNEL_LOG
from analysis.run.execution import Outcome, execute_jobs, kernel_environment
from analysis.run.index_page import import_renderer_meanwhile, write_index
from analysis.run.jobs import (
    Folders,
    ResultsFunction,
    Run,
    check_run_arguments,
    find_notebooks,
    plan_jobs,
    resolve_folders,
    scenario_files_named,
)
from analysis.run.kernel_template import KernelTemplate, kernel_template
from analysis.run.manifest import relative_name, write_manifest
from analysis.run.publishing import (
    check_latest_is_link,
    hold_lock,
    keep_failures,
    new_stamp,
    publish,
    raise_for_failures,
    remove_leftovers,
)
from analysis.run.results_files import write_results
from analysis.run.reuse import Reuse
from analysis.run.safeguards import (
    check_files_inside,
    check_reports_folder,
    handle_signals,
)

if TYPE_CHECKING:
    import pandas as pd


def run_reports(
    scenarios: Sequence[str | Path] | None = None,
    *,
    jobs: int | None = None,
    lang: str = "vi",
    notebooks: Sequence[str] | None = None,
    plan: str | None = None,
    root: str | Path | None = None,
    scenarios_dir: str | Path | None = None,
    notebooks_dir: str | Path | None = None,
    out_dir: str | Path | None = None,
    seed: int | None = None,
    cell_timeout: float | None = DEFAULT_CELL_TIMEOUT,
    results: ResultsFunction | None = None,
    stream: TextIO | None = None,
    pdf: bool = False,
    isolated: bool = False,
    fresh: bool = False,
    allow_implausible: bool = False,
    template: KernelTemplate | None = None,
) -> Path:
    """Run every notebook for every scenario of a plan and publish ``reports/<plan-id>/<stamp>/``.

    Parameters
    ----------
    scenarios : sequence of str or Path, optional
        Scenario names (looked up in ``scenarios_dir``) or files; default every
        ``scenarios/<plan-id>/*.yaml``.
    jobs : int, optional
        Notebooks executed at once, each in its own process; default ``os.cpu_count()``.
    lang : {"vi", "en"}
        Language of the reports.
    notebooks : sequence of str, optional
        Run only these notebooks (file name, stem or two-digit number); default all.
    plan : str, optional
        The plan pack (``data/raw/plans/<plan-id>/``); default the one named in
        ``data/raw/plans/default.yaml``.
    root : str or Path, optional
        Project root; default :data:`analysis.data.paths.ROOT`. The folders below default to
        ``root/scenarios/<plan-id>``, ``root/notebooks`` and ``root/reports/<plan-id>``.
    scenarios_dir, notebooks_dir, out_dir : str or Path, optional
        Override one folder.
    seed : int, optional
        Seed handed to the notebooks and recorded in the manifest; default the plan's seed.
    cell_timeout : float, optional
        Seconds a cell may run; None for no limit.
    results : callable, optional
        Scenario -> tidy results table; default :func:`analysis.outlook.results.scenario_results`.
    stream : text stream, optional
        Where progress goes; default ``sys.stderr``.
    pdf : bool
        Also print each HTML report to PDF with headless Chromium (skipped, with a warning on
        ``stream`` and in the manifest, when Chromium is not installed).
    isolated : bool
        Start every notebook's kernel the ordinary way (``python -m ipykernel_launcher``)
        instead of forking it from the run's warm kernel template
        (:mod:`analysis.run.warm_kernels`); the reports are the same.
    fresh : bool
        Execute every notebook and make every results table, reusing nothing from earlier
        runs (:mod:`analysis.run.reuse`).
    allow_implausible : bool
        Let figures outside their plausible range through (``--allow-implausible``): each is
        said on ``stream``, recorded in the manifest (``plausibility``) and shown on the index
        and on the reports that use it (:mod:`analysis.outlook.plausibility`).
    template : KernelTemplate, optional
        The run's kernel template, already started for this plan and project
        (:func:`analysis.run.kernel_template.run_template`, as the command line does before it
        imports this module); stopped by its starter. Default: one started here (none with
        ``isolated``).

    Returns
    -------
    Path
        The published run folder.

    Raises
    ------
    InputError, InputErrors
        Refused input (arguments, scenarios, raw data, actuals, a path leading outside the
        project, a figure outside its plausible range without ``allow_implausible``); nothing
        was written.
    LockedError
        Another run holds the lock.
    RunError
        A notebook (or the results table) failed; ``reports/latest`` is untouched.
    Interrupted
        SIGTERM, SIGINT or SIGHUP arrived; the run was stopped and its staging folder removed;
        ``reports/latest`` is untouched.
    """
    plan_id = resolve_plan_id(plan, root)
    folders = resolve_folders(root, plan_id, scenarios_dir, notebooks_dir, out_dir)
    spec = read_plan_spec(plan_id, root)
    seed = spec.seed if seed is None else seed
    check_run_arguments(jobs, lang, cell_timeout, seed)
    folders = replace(folders, reports=check_reports_folder(folders.reports, folders.root, out_dir))
    environment = {**os.environ, **kernel_environment(folders.root)}
    starting = kernel_template(environment, not isolated, plan_id) if template is None else None
    with starting or contextlib.nullcontext(template) as template:  # imports meanwhile
        check_files_inside(scenario_files_named(scenarios, folders), folders.root, "scenario file")
        run = Run(
            plan=spec,
            scenarios=load_scenarios(scenarios, folders.scenarios),
            notebooks=find_notebooks(folders.notebooks, notebooks),
            folders=folders,
            lang=lang,
            jobs=jobs or os.cpu_count() or 1,
            seed=seed,
            cell_timeout=cell_timeout,
            results=results or _default_results(seed, folders, spec.base_year),
            stream=stream or sys.stderr,
            pdf=pdf,
            isolated=isolated,
            fresh=fresh,
            results_reusable=results is None,
            allow_implausible=allow_implausible,
            template=template,
        )
        check_files_inside(run.notebooks, folders.root, "notebook")
        checked = inspect_plan(
            plan_id, root=root, allow_implausible=allow_implausible, scenarios=run.scenarios
        )
        run.implausible = [f.as_record() for f in checked.implausible]
        for found in checked.implausible:
            run.stream.write(
                f"warning: {LET_THROUGH}: {found.file}: {found.field}: {found.finding()}\n"
            )
        check_latest_is_link(folders.reports)
        folders.reports.mkdir(parents=True, exist_ok=True)
        with handle_signals(run.guard), hold_lock(folders.reports):
            remove_leftovers(folders.reports)
            run.stamp = new_stamp(folders.reports)
            return build_and_publish(run)


def _default_results(seed: int, folders: Folders, base_year: int) -> ResultsFunction:
    """The plan's results of a scenario: its baselines, assumptions, targets and base year, the
    shared series, the run's seed.

    The outlook and the tables are loaded on the first call (a run that reuses every results
    table makes none).
    """

    @cache
    def prepared() -> ResultsFunction:
        from analysis.data.tables import (
            load_assumptions,
            load_baselines,
            load_series,
            load_targets,
        )
        from analysis.outlook.results import scenario_results

        return partial(
            scenario_results,
            baselines=load_baselines(folders.plan.baselines),
            series=load_series(folders.series),
            base_year=base_year,
            assumptions=load_assumptions(folders.plan.assumptions),
            targets=load_targets(folders.plan.targets),
            seed=seed,
        )

    return lambda scenario: prepared()(scenario)


RESULTS_WAIT = 20.0
"""Seconds the results tables wait at most for the kernel template to serve: the notebooks
cannot start before it does, so the template's imports get the processor first."""


def build_and_publish(run: Run) -> Path:
    """Build the run in its staging folder, then publish it (or keep the failures and raise)."""
    run.staging.mkdir()
    try:
        jobs = plan_jobs(run)
        reuse = Reuse.start(run, jobs)
        tables: dict[str, pd.DataFrame] = {}

        def make_results() -> None:  # in this process, while the first notebooks run
            if run.template is not None:  # its imports first: the notebooks wait for them
                run.template.wait_until_serving(RESULTS_WAIT)
            tables.update(write_results(run, reuse.results(), reuse.workbook))
            reuse.record_results()

        import_renderer_meanwhile()
        outcomes = execute_jobs(
            jobs, run, reuse.notebooks(), make_results, reuse.expected_seconds()
        )
        reuse.finish(outcomes)
        failed = [o for o in outcomes if o.status == "failed"]
        if failed:
            write_manifest(run, outcomes)
            raise_for_failures(failed, keep_failures(run, failed))
        if run.pdf:
            print_report_pdfs(run, outcomes)
        write_manifest(run, outcomes)
        write_index(run, tables)
        (run.staging / KERNEL_LOG).unlink(missing_ok=True)
        return publish(run)
    finally:
        shutil.rmtree(run.staging, ignore_errors=True)


def print_report_pdfs(run: Run, outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """Print each HTML report of the run to PDF beside it (:mod:`analysis.run.pdf`).

    Records what happened in ``run.pdf_status`` (for the manifest) and says it on the
    progress stream: the copies printed, those that failed and why, or that Chromium is not
    installed. A missing copy never fails the run.
    """
    from analysis.run import pdf

    chromium = pdf.find_chromium()
    status: dict[str, Any] = {"requested": True, "chromium": None, "printed": [], "failed": {}}
    run.pdf_status = status
    if chromium is None:
        status["note"] = pdf.not_installed_message()
        run.stream.write(f"warning: {status['note']}\n")
        return status
    status["chromium"] = pdf.chromium_version(chromium) or chromium
    pages = [Path(o.output).with_suffix(".html") for o in outcomes if o.status == "ok"]
    for page, problem in pdf.print_pdfs(chromium, pages, workers=run.jobs).items():
        if problem is None:
            status["printed"].append(relative_name(page.with_suffix(".pdf"), run.staging))
        else:
            status["failed"][relative_name(page, run.staging)] = problem
            run.stream.write(f"warning: no PDF copy of {problem}\n")
    count = len(status["printed"])
    copies = "copy" if count == 1 else "copies"
    run.stream.write(f"printed {count} PDF {copies} with {status['chromium']}\n")
    return status
