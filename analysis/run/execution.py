"""Executing the jobs: each notebook run by papermill in a worker process, failures described.

Every notebook runs in its own ``spawn`` process (papermill is not thread-safe and changes the
working directory), up to ``jobs`` at once, and is exported to HTML without code there. After a
failure no new notebook starts. A kernel that dies counts as a failure of the cell it was
running. :class:`Progress` prints one line per finished notebook.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import time
import warnings
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from analysis.data import paths
from analysis.run.conventions import KERNEL_HASH_SEED, KERNEL_LOG, KERNEL_NAME
from analysis.run.export import export_html
from analysis.run.jobs import Job, Run
from analysis.run.safeguards import die_with_parent, stop_children


@dataclass
class Outcome:
    """What became of a :class:`~analysis.run.jobs.Job`: ``ok``, ``failed`` or ``not run``."""

    scenario: str
    notebook: str
    output: str
    status: str
    seconds: float = 0.0
    cell: str | None = None
    detail: str = ""


# --- the worker processes -------------------------------------------------------------------


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


def execute_jobs(jobs: Sequence[Job], run: Run) -> list[Outcome]:
    """Execute ``jobs`` in separate processes; stop starting new ones after a failure."""
    progress = Progress(len(jobs), run.stream)
    progress.start(run)
    workers = max(1, min(run.jobs, len(jobs)))
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=prepare_worker,
        initargs=(kernel_environment(run.folders.root), run.staging / KERNEL_LOG, os.getpid()),
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
        export_html(job.output, job.output.with_suffix(".html"), job.lang, job.title, job.masthead)
    except Exception as exc:
        cell, detail = describe_failure(exc, job.output)
        return _outcome(
            job, "failed", seconds=time.perf_counter() - start, cell=cell, detail=detail
        )
    return _outcome(job, "ok", seconds=time.perf_counter() - start)


# --- describing a failure -------------------------------------------------------------------


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


# --- progress -------------------------------------------------------------------------------


class Progress:
    """One line on ``stream`` per finished notebook: count, status, time, which one."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.finished = 0
        self.stream = stream

    def start(self, run: Run) -> None:
        """Announce the run."""
        workers = max(1, min(run.jobs, self.total))
        self._say(
            f"running {self.total} notebook(s) for {len(run.scenarios)} scenario(s) "
            f"in {workers} process(es); building {run.staging}"
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
