"""The report runner: every notebook for every scenario, code-free HTML, published atomically.

:func:`run_reports` is what ``python -m analysis run`` calls. In order, it

1. validates the arguments, every scenario, the raw data and the actuals files, and keeps
   every path inside the project (:mod:`analysis.run.safeguards`); a refusal raises ``InputError``
   and nothing is written;
2. takes the lock ``reports/.lock`` (a second run raises :class:`~analysis.errors.LockedError`)
   and removes what a killed run left behind (``reports/.staging-*``);
3. builds the run in ``reports/.staging-<stamp>/``: the tidy results of each scenario, then each
   notebook executed by papermill in its own process (``spawn``; papermill is not thread-safe and
   changes the working directory), up to ``jobs`` at once, each exported to HTML without code;
4. with ``pdf=True``, prints each HTML report to PDF with headless Chromium
(:mod:`analysis.run.pdf`);
5. writes ``manifest.json`` and ``index.html``, renames the staging folder to
   ``reports/<YYYY-MM-DD_HHMMSS>/`` and only then points ``reports/latest`` at it.

On any failure it keeps the failed executed notebooks in ``reports/failed-<stamp>/`` with the
manifest, removes the staging folder, leaves ``reports/latest`` alone and raises
:class:`~analysis.errors.RunError` naming the scenario, the notebook and the failing cell.
A kernel that dies counts as a failure of the cell it was running. SIGTERM, SIGINT or SIGHUP
stop the notebook processes, remove the staging folder, release the lock and raise
:class:`~analysis.errors.Interrupted`; ``reports/latest`` is untouched.

Notebooks are ``notebooks/NN_name.ipynb``, run in name order. A notebook whose name ends in
``scenario_comparison`` runs once per run with the parameter ``scenarios`` (the list of scenario
files); one ending in ``scorecard`` runs once per run with ``scenario`` set to the reference
scenario (``target`` when the run has it); every other notebook runs once per scenario with
``scenario`` (its file). All receive ``lang``, ``results_dir`` (the folder of their outputs) and
``seed``.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import html
import json
import logging
import math
import multiprocessing
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

import pandas as pd

from analysis.data import paths
from analysis.data.scenarios import Scenario, load_scenarios, scenario_files, scenario_path
from analysis.errors import InputError, LockedError, RunError
from analysis.outlook.scenario_outlook import DEFAULT_SEED
from analysis.run.safeguards import (
    SignalGuard,
    check_data,
    check_files_inside,
    check_reports_folder,
    die_with_parent,
    handle_signals,
    stop_children,
)

KERNEL_NAME = "python3"
"""Every notebook runs on this kernel, whatever its metadata says."""

COMPARISON_SUFFIX = "scenario_comparison"
"""A notebook whose name ends in this runs once over all scenarios (parameter ``scenarios``)."""

ONCE_PER_RUN_SUFFIXES = (COMPARISON_SUFFIX, "scorecard")
"""Notebooks whose name ends in one of these run once per run, not once per scenario: the
comparison, and the scorecard (actual results do not depend on the scenario; it receives the
run's reference scenario, ``target`` when the run has it, for labels and quarterly weights)."""

REFERENCE_SCENARIO = "target"

NOTEBOOK_PATTERN = re.compile(r"\d{2}_[A-Za-z0-9_-]+\.ipynb")
"""Notebook file names the runner picks up: two digits, an underscore, a name."""

LANGUAGES = ("vi", "en")

MAX_SEED = 2**32 - 1
"""Largest seed: every numpy generator (legacy ``np.random.seed`` included) accepts 0..2**32-1."""

KERNEL_HASH_SEED = "0"
"""``PYTHONHASHSEED`` of the kernels: set and dict orders, hence outputs, repeat run to run."""

DEFAULT_CELL_TIMEOUT = 900
"""Seconds a single cell may run before the notebook counts as failed."""

RESULTS_FILE = "results.csv"
WORKBOOK_FILE = "results.xlsx"
MANIFEST_FILE = "manifest.json"
INDEX_FILE = "index.html"
KERNEL_LOG = "kernels.log"
LATEST = "latest"
LOCK_FILE = ".lock"
STAGING_PREFIX = ".staging-"
FAILED_PREFIX = "failed-"

PACKAGES = (
    "pandas", "numpy", "scipy", "statsmodels", "matplotlib", "seaborn", "papermill",
    "nbconvert", "nbclient", "nbformat", "ipykernel", "jupytext", "pydantic", "pandera",
    "PyYAML", "openpyxl",
)  # fmt: skip
"""Distributions whose versions the manifest records."""

LEADERSHIP_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""
"""nbconvert's lab template without the scripts it loads from the internet (require.js,
MathJax, mermaid): the reports use none of them, and must open and print complete offline."""

REMOVED_CELL_TAGS = frozenset({"remove-cell", "remove_cell", "parameters", "injected-parameters"})
"""Cells with one of these tags are left out of the HTML entirely."""

ResultsFunction = Callable[[Scenario], pd.DataFrame]


# --- the plan of a run --------------------------------------------------------------------


@dataclass(frozen=True)
class Folders:
    """The folders a run reads from and writes to."""

    root: Path
    scenarios: Path
    notebooks: Path
    reports: Path
    raw: Path


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


@dataclass
class Outcome:
    """What became of a :class:`Job`: ``ok``, ``failed`` or ``not run``."""

    scenario: str
    notebook: str
    output: str
    status: str
    seconds: float = 0.0
    cell: str | None = None
    detail: str = ""


@dataclass
class RunPlan:
    """Everything a run needs once its inputs are validated."""

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
    stamp: str = ""
    started: float = field(default_factory=time.time)
    guard: SignalGuard = field(default_factory=SignalGuard)
    pdf_status: dict[str, Any] = field(default_factory=lambda: {"requested": False})

    @property
    def staging(self) -> Path:
        """The folder the run is built in."""
        return self.folders.reports / f"{STAGING_PREFIX}{self.stamp}"


# --- entry point --------------------------------------------------------------------------


def run_reports(
    scenarios: Sequence[str | Path] | None = None,
    *,
    jobs: int | None = None,
    lang: str = "vi",
    notebooks: Sequence[str] | None = None,
    root: str | Path | None = None,
    scenarios_dir: str | Path | None = None,
    notebooks_dir: str | Path | None = None,
    out_dir: str | Path | None = None,
    seed: int = DEFAULT_SEED,
    cell_timeout: float | None = DEFAULT_CELL_TIMEOUT,
    results: ResultsFunction | None = None,
    stream: TextIO | None = None,
    pdf: bool = False,
) -> Path:
    """Run every notebook for every scenario and publish ``reports/<stamp>/``.

    Parameters
    ----------
    scenarios : sequence of str or Path, optional
        Scenario names (looked up in ``scenarios_dir``) or files; default every
        ``scenarios/*.yaml``.
    jobs : int, optional
        Notebooks executed at once, each in its own process; default ``os.cpu_count()``.
    lang : {"vi", "en"}
        Language of the reports.
    notebooks : sequence of str, optional
        Run only these notebooks (file name, stem or two-digit number); default all.
    root : str or Path, optional
        Project root; default :data:`analysis.data.paths.ROOT`. The folders below default to
        ``root/scenarios``, ``root/notebooks`` and ``root/reports``.
    scenarios_dir, notebooks_dir, out_dir : str or Path, optional
        Override one folder.
    seed : int
        Seed handed to the notebooks and recorded in the manifest.
    cell_timeout : float, optional
        Seconds a cell may run; None for no limit.
    results : callable, optional
        Scenario -> tidy results table; default :func:`analysis.outlook.results.scenario_results`.
    stream : text stream, optional
        Where progress goes; default ``sys.stderr``.
    pdf : bool
        Also print each HTML report to PDF with headless Chromium (skipped, with a warning on
        ``stream`` and in the manifest, when Chromium is not installed).

    Returns
    -------
    Path
        The published run folder.

    Raises
    ------
    InputError, InputErrors
        Refused input (arguments, scenarios, raw data, actuals, a path leading outside the
        project); nothing was written.
    LockedError
        Another run holds the lock.
    RunError
        A notebook (or the results table) failed; ``reports/latest`` is untouched.
    Interrupted
        SIGTERM, SIGINT or SIGHUP arrived; the run was stopped and its staging folder removed;
        ``reports/latest`` is untouched.
    """
    folders = resolve_folders(root, scenarios_dir, notebooks_dir, out_dir)
    check_run_arguments(jobs, lang, cell_timeout, seed)
    folders = replace(folders, reports=check_reports_folder(folders.reports, folders.root, out_dir))
    check_files_inside(scenario_files_named(scenarios, folders), folders.root, "scenario file")
    plan = RunPlan(
        scenarios=load_scenarios(scenarios, folders.scenarios),
        notebooks=find_notebooks(folders.notebooks, notebooks),
        folders=folders,
        lang=lang,
        jobs=jobs or os.cpu_count() or 1,
        seed=seed,
        cell_timeout=cell_timeout,
        results=results or _default_results(seed),
        stream=stream or sys.stderr,
        pdf=pdf,
    )
    check_files_inside(plan.notebooks, folders.root, "notebook")
    check_data(folders.raw, folders.root)
    check_latest_is_link(folders.reports)
    folders.reports.mkdir(parents=True, exist_ok=True)
    with handle_signals(plan.guard), hold_lock(folders.reports):
        remove_leftovers(folders.reports)
        plan.stamp = new_stamp(folders.reports)
        return build_and_publish(plan)


def _default_results(seed: int) -> ResultsFunction:
    from functools import partial

    from analysis.outlook.results import scenario_results

    return partial(scenario_results, seed=seed)


def build_and_publish(plan: RunPlan) -> Path:
    """Build the run in its staging folder, then publish it (or keep the failures and raise)."""
    plan.staging.mkdir()
    try:
        tables = write_results(plan)
        outcomes = execute_jobs(plan_jobs(plan), plan)
        failed = [o for o in outcomes if o.status == "failed"]
        if failed:
            write_manifest(plan, outcomes)
            raise_for_failures(failed, keep_failures(plan, failed))
        if plan.pdf:
            print_report_pdfs(plan, outcomes)
        write_manifest(plan, outcomes)
        write_index(plan, tables, outcomes)
        (plan.staging / KERNEL_LOG).unlink(missing_ok=True)
        return publish(plan)
    finally:
        shutil.rmtree(plan.staging, ignore_errors=True)


# --- checking the inputs ------------------------------------------------------------------


def resolve_folders(
    root: str | Path | None,
    scenarios_dir: str | Path | None,
    notebooks_dir: str | Path | None,
    out_dir: str | Path | None,
) -> Folders:
    """The run's folders: explicit arguments first, then ``root``, then
    :mod:`analysis.data.paths`."""
    base = Path(root).resolve() if root else paths.ROOT
    default = paths if root is None else None
    return Folders(
        root=base,
        scenarios=Path(scenarios_dir or (default.SCENARIOS_DIR if default else base / "scenarios")),
        notebooks=Path(notebooks_dir or (default.NOTEBOOKS_DIR if default else base / "notebooks")),
        reports=Path(out_dir or (default.REPORTS_DIR if default else base / "reports")).absolute(),
        raw=base / "data" / "raw",
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


def notebook_title(notebook: Path) -> str:
    """The first Markdown heading of ``notebook`` (without ``#``), else its file stem."""
    import nbformat

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


def is_once_per_run(notebook: Path) -> bool:
    """True for notebooks that run once per run (:data:`ONCE_PER_RUN_SUFFIXES`)."""
    return notebook.stem.endswith(ONCE_PER_RUN_SUFFIXES)


def check_latest_is_link(reports: Path) -> None:
    """Refuse to start when ``reports/latest`` exists but is not a symbolic link."""
    latest = reports / LATEST
    if latest.exists() and not latest.is_symlink():
        raise InputError(
            str(latest), "(file)", "must be the symbolic link the runner made; move it"
        )


# --- lock, stamps, leftovers ----------------------------------------------------------------


@contextlib.contextmanager
def hold_lock(reports: Path) -> Iterator[Path]:
    """Hold an exclusive ``flock`` on ``reports/.lock`` (released when the process ends)."""
    path = reports / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise LockedError(
            f"another report run is in progress (it holds the lock {path}); "
            "try again when it has finished"
        ) from None
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield path
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def remove_leftovers(reports: Path) -> list[Path]:
    """Remove staging folders and temporary links a killed run left (call under the lock)."""
    removed = []
    for item in reports.iterdir():
        if item.name.startswith(STAGING_PREFIX) and item.is_dir() and not item.is_symlink():
            shutil.rmtree(item)
            removed.append(item)
        elif item.name.startswith(".latest-") and item.is_symlink():
            item.unlink()
            removed.append(item)
    return removed


def new_stamp(reports: Path, now: datetime | None = None) -> str:
    """``YYYY-MM-DD_HHMMSS``, with ``-2``, ``-3``... when that folder is already taken."""
    base = (now or datetime.now()).strftime("%Y-%m-%d_%H%M%S")
    stamp, n = base, 1
    while any((reports / name).exists() for name in (stamp, f"{FAILED_PREFIX}{stamp}")):
        n += 1
        stamp = f"{base}-{n}"
    return stamp


# --- jobs -----------------------------------------------------------------------------------


def plan_jobs(plan: RunPlan) -> list[Job]:
    """One job per (scenario, notebook), one per once-per-run notebook; those first."""
    once = [_run_level_job(plan, nb) for nb in plan.notebooks if is_once_per_run(nb)]
    singles = [
        _scenario_job(plan, s, nb)
        for s in plan.scenarios
        for nb in plan.notebooks
        if not is_once_per_run(nb)
    ]
    return once + singles


def reference_scenario(plan: RunPlan) -> Scenario:
    """The scenario a once-per-run notebook other than the comparison is given."""
    named = [s for s in plan.scenarios if s.name == REFERENCE_SCENARIO]
    return named[0] if named else plan.scenarios[0]


def _common_parameters(plan: RunPlan, results_dir: Path) -> dict[str, Any]:
    return {"lang": plan.lang, "results_dir": str(results_dir), "seed": plan.seed}


def _scenario_job(plan: RunPlan, scenario: Scenario, notebook: Path) -> Job:
    folder = plan.staging / scenario.name
    parameters = {
        "scenario": str(Path(scenario.path).resolve()),
        **_common_parameters(plan, folder),
    }
    return Job(
        scenario=scenario.name,
        notebook=notebook.resolve(),
        output=folder / notebook.name,
        parameters=parameters,
        cwd=notebook.parent.resolve(),
        lang=plan.lang,
        title=f"{notebook_title(notebook)} · {scenario.label_in(plan.lang)}",
        cell_timeout=plan.cell_timeout,
    )


def _run_level_job(plan: RunPlan, notebook: Path) -> Job:
    if is_comparison(notebook):
        chosen: dict[str, Any] = {
            "scenarios": [str(Path(s.path).resolve()) for s in plan.scenarios]
        }
    else:
        chosen = {"scenario": str(Path(reference_scenario(plan).path).resolve())}
    return Job(
        scenario="(all)",
        notebook=notebook.resolve(),
        output=plan.staging / notebook.name,
        parameters={**chosen, **_common_parameters(plan, plan.staging)},
        cwd=notebook.parent.resolve(),
        lang=plan.lang,
        title=notebook_title(notebook),
        cell_timeout=plan.cell_timeout,
    )


def kernel_environment(root: Path) -> dict[str, str]:
    """Environment for the worker processes and the kernels they start.

    The kernels see the same project root and import the same ``analysis`` package.
    """
    package_parent = str(paths.PACKAGE_DIR.parent)
    pythonpath = [package_parent, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {
        "BACGIANG_PLAN_ROOT": str(root),
        "PYTHONPATH": os.pathsep.join(dict.fromkeys(pythonpath)),
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        "JUPYTER_PLATFORM_DIRS": "1",
        "PYTHONHASHSEED": KERNEL_HASH_SEED,
    }


def prepare_worker(environment: dict[str, str], log: Path, parent: int | None = None) -> None:
    """Initialise a worker process: environment, quiet logs and warnings.

    The worker's standard error, which the kernels it starts inherit, goes to ``log``: kernel
    start-up chatter stays off the progress display, and a crashing kernel's last words are
    kept beside the failed notebooks. The worker dies with the runner ``parent`` (even one
    killed by SIGKILL) and has its own process group, so that a Ctrl-C at the terminal reaches
    the runner alone, which then stops its workers itself.
    """
    if parent is not None:
        die_with_parent(parent)
    os.setpgid(0, 0)
    handle = open(log, "a", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    os.dup2(handle.fileno(), 2)
    sys.stderr = handle
    os.environ.update(environment)
    logging.getLogger("papermill").setLevel(logging.ERROR)
    logging.getLogger("traitlets").setLevel(logging.ERROR)
    warnings.simplefilter("ignore")


def execute_jobs(jobs: Sequence[Job], plan: RunPlan) -> list[Outcome]:
    """Execute ``jobs`` in separate processes; stop starting new ones after a failure."""
    progress = Progress(len(jobs), plan.stream)
    progress.start(plan)
    workers = max(1, min(plan.jobs, len(jobs)))
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=prepare_worker,
        initargs=(kernel_environment(plan.folders.root), plan.staging / KERNEL_LOG, os.getpid()),
    )
    try:
        return wait_for_jobs(pool, jobs, progress)
    except BaseException:  # interrupted (or a fault here): stop the notebooks before waiting
        stop_children()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def wait_for_jobs(
    pool: ProcessPoolExecutor, jobs: Sequence[Job], progress: Progress
) -> list[Outcome]:
    """Submit ``jobs`` to ``pool`` and collect their outcomes; cancel the rest after a failure."""
    futures = {pool.submit(execute_job, job): i for i, job in enumerate(jobs)}
    outcomes: dict[int, Outcome] = {}
    for future in as_completed(futures):
        index = futures[future]
        outcomes[index] = collect_outcome(future, jobs[index])
        progress.done(outcomes[index])
        if outcomes[index].status == "failed":
            for other in futures:
                other.cancel()
    return [outcomes[i] for i in range(len(jobs))]


def collect_outcome(future: Future, job: Job) -> Outcome:
    """The worker's outcome, or a failure/not-run outcome if the worker itself broke."""
    if future.cancelled():
        return _outcome(job, "not run", detail="not started after an earlier failure")
    try:
        return future.result()
    except Exception as exc:  # a crashed worker process
        return _outcome(job, "failed", detail=f"worker process failed: {type(exc).__name__}: {exc}")


def _outcome(job: Job, status: str, **kwargs: Any) -> Outcome:
    return Outcome(job.scenario, job.notebook.stem, str(job.output), status, **kwargs)


def execute_job(job: Job) -> Outcome:
    """Execute one notebook with papermill and export its HTML (runs in a worker process)."""
    import papermill as pm

    start = time.perf_counter()
    job.output.parent.mkdir(parents=True, exist_ok=True)
    try:
        pm.execute_notebook(
            job.notebook,
            job.output,
            parameters=job.parameters,
            kernel_name=KERNEL_NAME,
            progress_bar=False,
            request_save_on_cell_execute=True,  # keeps the cells run so far if the kernel dies
            cwd=job.cwd,
            execution_timeout=job.cell_timeout,
        )
        export_html(job.output, job.output.with_suffix(".html"), job.lang, job.title)
    except Exception as exc:
        cell, detail = describe_failure(exc, job.output)
        return _outcome(
            job, "failed", seconds=time.perf_counter() - start, cell=cell, detail=detail
        )
    return _outcome(job, "ok", seconds=time.perf_counter() - start)


def describe_failure(exc: BaseException, output: Path | None = None) -> tuple[str | None, str]:
    """The failing cell (if a cell failed) and a one-line account of the error.

    A dead kernel (killed by a signal, out of memory, ``os._exit``) is blamed on the last cell
    papermill started in the partly saved ``output`` notebook.
    """
    from nbclient.exceptions import DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, DeadKernelError):
        return last_started_cell(output), (
            "the kernel died while this cell ran (killed by a signal, out of memory, or "
            f"os._exit); its last words are in {KERNEL_LOG}"
        )
    if not isinstance(exc, PapermillExecutionError):
        return None, f"{type(exc).__name__}: {exc}".strip()
    cell = cell_label(exc.cell_index, exc.exec_count, exc.source)
    return cell, f"{exc.ename}: {_shorten(str(exc.evalue), 300)}"


def cell_label(index: int, count: int | None, source: str | None) -> str:
    """``#3 (In [2]) `first line of code``` : how failures name a cell (no ``In [..]`` when
    the kernel died before numbering it)."""
    lines = [line.strip() for line in (source or "").splitlines() if line.strip()]
    cell = f"#{index}" + (f" (In [{count}])" if count is not None else "")
    if lines:
        cell += f" `{_shorten(lines[0], 60)}`"
    return cell


def last_started_cell(output: Path | None) -> str | None:
    """The last cell papermill started in the saved ``output`` notebook (where a kernel died)."""
    import nbformat

    try:
        nb = nbformat.read(output, as_version=4)
    except Exception:  # no notebook saved (the kernel died at start-up)
        return None
    started = [
        (index, cell)
        for index, cell in enumerate(nb.cells)
        if cell.get("metadata", {}).get("papermill", {}).get("start_time")
    ]
    if not started:
        return None
    index, cell = started[-1]
    return cell_label(index, cell.get("execution_count"), cell.get("source"))


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Progress:
    """One line on ``stream`` per finished notebook: count, status, time, which one."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.finished = 0
        self.stream = stream

    def start(self, plan: RunPlan) -> None:
        """Announce the run."""
        workers = max(1, min(plan.jobs, self.total))
        self._say(
            f"running {self.total} notebook(s) for {len(plan.scenarios)} scenario(s) "
            f"in {workers} process(es); building {plan.staging}"
        )

    def done(self, outcome: Outcome) -> None:
        """Report one finished (or skipped) notebook."""
        self.finished += 1
        width = len(str(self.total))
        line = (
            f"[{self.finished:>{width}}/{self.total}] {outcome.status:<7} "
            f"{outcome.seconds:6.1f} s  {outcome.scenario} / {outcome.notebook}"
        )
        if outcome.status == "failed":
            line += f"\n    {outcome.cell or 'no cell'}: {outcome.detail}"
        self._say(line)

    def _say(self, text: str) -> None:
        print(text, file=self.stream, flush=True)


# --- HTML without code ------------------------------------------------------------------------


def export_html(notebook: Path, target: Path, lang: str = "vi", title: str = "") -> Path:
    """Write ``notebook`` as HTML for leadership: no code, no prompts, no stderr or warnings,
    nothing loaded from the internet (:data:`LEADERSHIP_TEMPLATE`).

    Parameters
    ----------
    notebook : Path
        An executed notebook.
    target : Path
        The HTML file to write.
    lang : {"vi", "en"}
        The page's language attribute.
    title : str
        The page title (nbconvert's template escapes it).
    """
    import jinja2
    import nbformat
    from nbconvert import HTMLExporter

    nb = strip_for_leadership(nbformat.read(notebook, as_version=4))
    exporter = HTMLExporter(
        template_name="lab",
        extra_loaders=[jinja2.DictLoader({"leadership.html.j2": LEADERSHIP_TEMPLATE})],
        template_file="leadership.html.j2",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        language_code=lang,
    )
    resources = {"metadata": {"name": title or notebook.stem}}  # the template escapes it
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    target.write_text(body, encoding="utf-8")
    return target


def strip_for_leadership(nb: Any) -> Any:
    """Drop stderr streams (warnings included), tracebacks of cells allowed to fail, removed
    cells and code cells left empty."""
    kept = []
    for cell in nb.cells:
        if REMOVED_CELL_TAGS & set(cell.get("metadata", {}).get("tags", [])):
            continue
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if not _is_stderr(o)]
            if not cell.outputs:
                continue
        kept.append(cell)
    nb.cells = kept
    return nb


def _is_stderr(output: Any) -> bool:
    kind = output.get("output_type")
    return kind == "error" or (kind == "stream" and output.get("name") == "stderr")


# --- results, manifest, index -----------------------------------------------------------------


def write_results(plan: RunPlan) -> dict[str, pd.DataFrame]:
    """Write ``<scenario>/results.csv`` and the workbook (one sheet per scenario)."""
    from analysis.outlook.results import check_results

    tables: dict[str, pd.DataFrame] = {}
    for scenario in plan.scenarios:
        try:
            table = check_results(plan.results(scenario), scenario.name)
        except Exception as exc:
            raise RunError(
                scenario.name, "results table", None, f"{type(exc).__name__}: {exc}"
            ) from exc
        folder = plan.staging / scenario.name
        folder.mkdir(exist_ok=True)
        table.to_csv(folder / RESULTS_FILE, index=False, lineterminator="\n")
        tables[scenario.name] = table
    write_workbook(tables, plan.staging / WORKBOOK_FILE)
    return tables


def write_workbook(tables: dict[str, pd.DataFrame], target: Path) -> Path:
    """One xlsx workbook, one sheet per scenario (names cut to Excel's 31 characters)."""
    used: set[str] = set()
    with pd.ExcelWriter(target, engine="openpyxl") as writer:
        for name, table in tables.items():
            sheet = _sheet_name(name, used)
            table.to_excel(writer, sheet_name=sheet, index=False)
    return target


def _sheet_name(name: str, used: set[str]) -> str:
    sheet, n = name[:31], 1
    while sheet in used:
        n += 1
        sheet = f"{name[: 31 - len(str(n)) - 1]}~{n}"
    used.add(sheet)
    return sheet


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, hex."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def input_hashes(plan: RunPlan) -> dict[str, str]:
    """SHA-256 of every file in data/raw, the scenarios folder, the scenarios run, the notebooks."""
    root = plan.folders.root
    files = [p for p in (root / "data" / "raw").rglob("*") if p.is_file()]
    files += [p for p in plan.folders.scenarios.glob("*.yaml") if p.is_file()]
    files += [Path(s.path) for s in plan.scenarios] + list(plan.notebooks)
    unique = {p.resolve(): p for p in files}
    return {_relative(p, root): sha256_of(p) for p in sorted(unique)}


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root))
    except ValueError:
        return str(path.resolve())


def package_versions() -> dict[str, str | None]:
    """Versions of Python and the packages a report depends on."""
    versions: dict[str, str | None] = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def git_state(root: Path) -> dict[str, Any]:
    """The commit checked out at ``root`` and whether the tree has uncommitted changes."""

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(
                ["git", "-C", str(root), *args], capture_output=True, text=True, timeout=20
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    status = git("status", "--porcelain") if commit else None
    return {"commit": commit, "dirty": bool(status) if status is not None else None}


def write_manifest(plan: RunPlan, outcomes: Sequence[Outcome]) -> Path:
    """Write ``manifest.json``: parameters, input hashes, versions, commit, timings, statuses."""
    status = "ok" if all(o.status == "ok" for o in outcomes) else "failed"
    manifest = {
        "run": plan.stamp,
        "status": status,
        "started": datetime.fromtimestamp(plan.started).isoformat(timespec="seconds"),
        "seconds": round(time.time() - plan.started, 3),
        "seed": plan.seed,
        "parameters": {
            "scenarios": {
                s.name: _relative(Path(s.path), plan.folders.root) for s in plan.scenarios
            },
            "notebooks": [nb.name for nb in plan.notebooks],
            "lang": plan.lang,
            "jobs": plan.jobs,
            "kernel_name": KERNEL_NAME,
            "cell_timeout": plan.cell_timeout,
            "seed": plan.seed,
            "python_hash_seed": KERNEL_HASH_SEED,
        },
        "inputs_sha256": input_hashes(plan),
        "packages": package_versions(),
        "git": git_state(plan.folders.root),
        "notebooks": [_manifest_entry(o, plan.staging) for o in outcomes],
        "pdf": plan.pdf_status,
    }
    target = plan.staging / MANIFEST_FILE
    target.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target


def _manifest_entry(outcome: Outcome, staging: Path) -> dict[str, Any]:
    entry = asdict(outcome)
    entry["seconds"] = round(outcome.seconds, 3)
    entry["output"] = _relative(Path(outcome.output), staging)
    return entry


HEADLINES: tuple[tuple[str, str, str, int], ...] = (
    ("grdp_growth", "2024", "real_growth", 2),
    ("grdp_deflator_growth", "2024", "deflator", 2),
    ("grdp_current_prices", "2024", "grdp_nominal", 1),
    ("grdp_per_capita_usd", "2024", "per_capita", 0),
)
"""Figures shown beside each scenario in ``index.html``: (variable, period, label key of
:mod:`analysis.report.labels`, decimals), read from the scenario's results table."""

TEXTS = {
    "title": {"vi": "Báo cáo kịch bản năm 2024", "en": "2024 scenario reports"},
    "run": {"vi": "Lần chạy", "en": "Run"},
    "comparison": {
        "vi": "So sánh các kịch bản và đánh giá thực hiện",
        "en": "Scenario comparison and scorecard",
    },
    "scenario": {"vi": "Kịch bản", "en": "Scenario"},
    "reports": {"vi": "Báo cáo", "en": "Reports"},
    "figures": {"vi": "Số liệu chính", "en": "Headline figures"},
    "data": {"vi": "Số liệu (CSV)", "en": "Data (CSV)"},
    "workbook": {
        "vi": "Bảng tính cho các sở, ngành (xlsx)",
        "en": "Workbook for departments (xlsx)",
    },
    "manifest": {"vi": "Thông tin lần chạy (JSON)", "en": "Run manifest (JSON)"},
}


def headline_figures(table: pd.DataFrame, lang: str) -> list[tuple[str, str]]:
    """(label, formatted value with unit) for each :data:`HEADLINES` figure in ``table``."""
    from analysis.report.labels import format_quantity, label

    out = []
    for variable, period, key, decimals in HEADLINES:
        rows = table[(table["variable"] == variable) & (table["period"].astype(str) == period)]
        if rows.empty:
            continue
        value = float(rows["value"].iloc[0])
        out.append((label(key, lang), format_quantity(value, rows["unit"].iloc[0], decimals, lang)))
    return out


def write_index(
    plan: RunPlan, tables: dict[str, pd.DataFrame], outcomes: Sequence[Outcome]
) -> Path:
    """Write ``index.html``: every report, scenario labels and headline figures (all escaped)."""
    lang = plan.lang
    head = f"{TEXTS['title'][lang]} · {TEXTS['run'][lang]} {readable_stamp(plan.stamp, lang)}"
    parts = [_page_start(head, lang), f"<h1>{html.escape(head)}</h1>"]
    once = [nb for nb in plan.notebooks if is_once_per_run(nb)]
    if once:
        links = "".join(_report_item(plan, nb.stem, notebook_title(nb)) for nb in once)
        parts.append(f"<h2>{TEXTS['comparison'][lang]}</h2><ul>{links}</ul>")
    parts.append(_scenario_table(plan, tables))
    parts.append(_footer_links(lang))
    parts.append("</body></html>\n")
    target = plan.staging / INDEX_FILE
    target.write_text("\n".join(parts), encoding="utf-8")
    return target


def _page_start(title: str, lang: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>"
        "body{font-family:system-ui,sans-serif;margin:2em;max-width:75em}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.4em .7em;"
        "vertical-align:top;text-align:left}ul{margin:0;padding-left:1.2em}"
        ".desc{color:#555;font-size:.9em;white-space:pre-line}</style></head><body>"
    )


def _anchor(href: str, text: str) -> str:
    return f'<a href="{html.escape(quote(href))}">{html.escape(text)}</a>'


def _link(href: str, text: str) -> str:
    return f"<li>{_anchor(href, text)}</li>"


def _report_item(plan: RunPlan, base: str, title: str) -> str:
    """A report's link, and its PDF copy's when one was printed."""
    pdf = f"{base}.pdf"
    copy = f" · {_anchor(pdf, 'PDF')}" if (plan.staging / pdf).is_file() else ""
    return f"<li>{_anchor(f'{base}.html', title)}{copy}</li>"


def readable_stamp(stamp: str, lang: str) -> str:
    """A run stamp as people write dates: ``26/11/2026 19:27`` (vi), ``2026-11-26 19:27`` (en)."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})_(\d{2})(\d{2})\d{2}(-\d+)?", stamp)
    if not match:
        return stamp
    year, month, day, hour, minute, _ = match.groups()
    date = f"{day}/{month}/{year}" if lang == "vi" else f"{year}-{month}-{day}"
    return f"{date} {hour}:{minute}"


def _scenario_table(plan: RunPlan, tables: dict[str, pd.DataFrame]) -> str:
    lang = plan.lang
    header = "".join(
        f"<th>{TEXTS[key][lang]}</th>" for key in ("scenario", "figures", "reports", "data")
    )
    # the resolution's own scenario first, then the others in name order
    ordered = sorted(plan.scenarios, key=lambda s: s.name != REFERENCE_SCENARIO)
    rows = [_scenario_row(plan, s, tables.get(s.name)) for s in ordered]
    return f"<table><thead><tr>{header}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _scenario_row(plan: RunPlan, scenario: Scenario, table: pd.DataFrame | None) -> str:
    lang = plan.lang
    description = getattr(scenario.description, lang)
    who = (
        f"<strong>{html.escape(scenario.label_in(lang))}</strong><br><code>"
        f"{html.escape(scenario.name)}</code><div class='desc'>{html.escape(description)}</div>"
    )
    figures = headline_figures(table, lang) if table is not None else []
    figure_items = "".join(
        f"<li>{html.escape(label)}: {html.escape(value)}</li>" for label, value in figures
    )
    reports = "".join(
        _report_item(plan, f"{scenario.name}/{nb.stem}", notebook_title(nb))
        for nb in plan.notebooks
        if not is_once_per_run(nb)
    )
    data = _link(f"{scenario.name}/{RESULTS_FILE}", RESULTS_FILE)
    cells = (who, f"<ul>{figure_items}</ul>", f"<ul>{reports}</ul>", f"<ul>{data}</ul>")
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def _footer_links(lang: str) -> str:
    links = _link(WORKBOOK_FILE, TEXTS["workbook"][lang]) + _link(
        MANIFEST_FILE, TEXTS["manifest"][lang]
    )
    return f"<ul>{links}</ul>"


# --- PDF copies ---------------------------------------------------------------------------


def print_report_pdfs(plan: RunPlan, outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """Print each HTML report of the run to PDF beside it (:mod:`analysis.run.pdf`).

    Records what happened in ``plan.pdf_status`` (for the manifest) and says it on the
    progress stream: the copies printed, those that failed and why, or that Chromium is not
    installed. A missing copy never fails the run.
    """
    from analysis.run import pdf

    chromium = pdf.find_chromium()
    status: dict[str, Any] = {"requested": True, "chromium": None, "printed": [], "failed": {}}
    plan.pdf_status = status
    if chromium is None:
        status["note"] = pdf.not_installed_message()
        plan.stream.write(f"warning: {status['note']}\n")
        return status
    status["chromium"] = pdf.chromium_version(chromium) or chromium
    pages = [Path(o.output).with_suffix(".html") for o in outcomes if o.status == "ok"]
    for page, problem in pdf.print_pdfs(chromium, pages, workers=plan.jobs).items():
        if problem is None:
            status["printed"].append(_relative(page.with_suffix(".pdf"), plan.staging))
        else:
            status["failed"][_relative(page, plan.staging)] = problem
            plan.stream.write(f"warning: no PDF copy of {problem}\n")
    count = len(status["printed"])
    copies = "copy" if count == 1 else "copies"
    plan.stream.write(f"printed {count} PDF {copies} with {status['chromium']}\n")
    return status


# --- publishing and failures ----------------------------------------------------------------


def publish(plan: RunPlan) -> Path:
    """Rename the staging folder to ``reports/<stamp>`` and point ``reports/latest`` at it.

    A signal arriving meanwhile waits until both are done: the run is published whole.
    """
    final = plan.folders.reports / plan.stamp
    with plan.guard.deferring():
        os.rename(plan.staging, final)
        point_latest(plan.folders.reports, final.name)
    plan.stream.write(f"published {final}\n")
    if plan.guard.received is not None:
        name = signal.Signals(plan.guard.received).name
        plan.stream.write(f"{name} arrived while publishing; the run was published whole\n")
    return final


def point_latest(reports: Path, name: str) -> Path:
    """Replace ``reports/latest`` atomically by a relative link to ``name``."""
    temporary = reports / f".latest-{os.getpid()}"
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    os.symlink(name, temporary)
    os.replace(temporary, reports / LATEST)
    return reports / LATEST


def keep_failures(plan: RunPlan, failed: Sequence[Outcome]) -> Path:
    """Move the failed executed notebooks and the manifest to ``reports/failed-<stamp>/``."""
    kept = plan.folders.reports / f"{FAILED_PREFIX}{plan.stamp}"
    kept.mkdir()
    for outcome in failed:
        source = Path(outcome.output)
        if source.exists():
            target = kept / source.relative_to(plan.staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(source, target)
            outcome.output = str(target)
    for name in (MANIFEST_FILE, KERNEL_LOG):
        if (plan.staging / name).exists():
            shutil.move(plan.staging / name, kept / name)
    return kept


def raise_for_failures(failed: Sequence[Outcome], kept: Path) -> None:
    """Raise :class:`RunError` for the first failure (the progress lines list them all)."""
    first = failed[0]
    where = first.output if Path(first.output).exists() else str(kept)
    more = f" (and {len(failed) - 1} more failure(s))" if len(failed) > 1 else ""
    raise RunError(first.scenario, first.notebook, first.cell, first.detail + more, where)
