"""Executing the jobs: each notebook run by papermill in a worker process, failures described.

Notebooks run in ``spawn`` worker processes (papermill is not thread-safe and changes the
working directory), up to ``jobs`` at once, each exported to HTML without code in the worker
that ran it. Each notebook has a kernel of its own: forked from the run's warm kernel template
(:mod:`analysis.run.warm_kernels`), or with ``--isolated`` started from scratch. After a
failure no new notebook starts. A kernel that dies counts as a failure of the cell it was
running. A worker records the files each notebook run wrote (:func:`written_files`), so that a
later run can reuse them (:mod:`analysis.run.reuse`). :class:`Progress` prints one line per
finished notebook.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import multiprocessing.util
import os
import sys
import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from analysis.run.conventions import KERNEL_LOG, KERNEL_NAME
from analysis.run.digests import sha256_of
from analysis.run.export import export_html
from analysis.run.jobs import Job, Run, reads_run_results
from analysis.run.kernel_template import kernel_environment
from analysis.run.safeguards import die_with_parent, stop_children


@dataclass
class Outcome:
    """What became of a :class:`~analysis.run.jobs.Job`: ``ok``, ``failed`` or ``not run``.

    ``files`` are the files the job wrote (its notebook, its page and whatever it wrote in its
    results folder) with their SHA-256; ``inputs_key`` is the digest of its inputs
    (:mod:`analysis.run.reuse`); ``reused_from`` names the published run its files were copied
    from (None when it was executed in this run) and ``executed_in`` the run that executed it.
    """

    scenario: str
    notebook: str
    output: str
    status: str
    seconds: float = 0.0
    cell: str | None = None
    detail: str = ""
    inputs_key: str = ""
    files: dict[str, str] = field(default_factory=dict)
    reused_from: str | None = None
    executed_in: str | None = None


# --- the worker processes -------------------------------------------------------------------


def prepare_worker(
    environment: dict[str, str],
    log: Path,
    parent: int | None = None,
    template: str | None = None,
) -> None:
    """Initialise a worker process: environment, quiet logs and warnings, a quick exit
    (:func:`leave_at_once`), and, given the socket of the run's kernel template, kernels forked
    from it (:mod:`analysis.run.warm_kernels`).

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
    multiprocessing.util.Finalize(None, leave_at_once, exitpriority=LAST_FINALIZER)
    if template is not None:
        from analysis.run.warm_kernels import use_template

        use_template(template, str(log))


LAST_FINALIZER = -100
"""Priority of :func:`leave_at_once` among a worker's exit finalizers: after all others."""


def leave_at_once() -> None:
    """End a worker without the interpreter's teardown (its kernels are shut down and its
    files closed by then; freeing its modules one by one would take a third of a second)."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    os._exit(0)


def execute_jobs(
    jobs: Sequence[Job],
    run: Run,
    done: Mapping[int, Outcome] | None = None,
    meanwhile: Callable[[], object] | None = None,
    expected: Sequence[float | None] | None = None,
) -> list[Outcome]:
    """Execute ``jobs`` in separate processes; stop starting new ones after a failure.

    Parameters
    ----------
    jobs : sequence of Job
        Every job of the run.
    run : Run
        The run (its job count, its kernels warm or isolated, its progress stream).
    done : mapping, optional
        Index in ``jobs`` -> outcome of the jobs already done (reused from an earlier run):
        reported, not executed.
    meanwhile : callable, optional
        Called in this process once the jobs that do not read the run's results tables are
        submitted (:func:`analysis.run.jobs.reads_run_results`): the run's results tables are
        made then, while the workers start and run the first notebooks; the comparison and the
        summary, which read them, are submitted after it returns. What it raises stops the
        notebooks.
    expected : sequence, optional
        Seconds each job took when last executed (None: not known): the longest start first,
        those not known before them, so that no long notebook is left to run alone at the end.

    Returns
    -------
    list of Outcome
        One per job, in the order of ``jobs``.
    """
    outcomes = dict(done or {})
    pending = longest_first([i for i in range(len(jobs)) if i not in outcomes], expected)
    progress = Progress(len(jobs), run.stream)
    progress.start(run, len(pending))
    for index in sorted(outcomes):
        progress.done(outcomes[index])
    if not pending:
        if run.template is not None:
            run.template.close()  # nothing to run: stop its imports
        if meanwhile is not None:
            meanwhile()
        return [outcomes[i] for i in range(len(jobs))]
    pool = ProcessPoolExecutor(
        max_workers=max(1, min(run.jobs, len(pending))),
        mp_context=multiprocessing.get_context("spawn"),
        initializer=prepare_worker,
        initargs=(
            kernel_environment(run.folders.root),
            run.staging / KERNEL_LOG,
            os.getpid(),
            run.template.address if run.template is not None else None,
        ),
    )
    try:
        later = [
            i for i in pending if meanwhile is not None and reads_run_results(jobs[i].notebook)
        ]
        futures = {pool.submit(execute_job, jobs[i]): i for i in pending if i not in later}
        if meanwhile is not None:
            meanwhile()
        futures.update({pool.submit(execute_job, jobs[i]): i for i in later})
        outcomes.update(wait_for_jobs(futures, jobs, progress))
    except BaseException:  # interrupted (or a fault here): stop the notebooks before waiting
        stop_children()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return [outcomes[i] for i in range(len(jobs))]


def longest_first(indices: list[int], expected: Sequence[float | None] | None) -> list[int]:
    """``indices`` with the jobs expected to take longest first (not known: first of all, in
    their order)."""
    if expected is None:
        return indices
    return sorted(indices, key=lambda i: -(expected[i] if expected[i] is not None else math.inf))


def wait_for_jobs(
    futures: Mapping[Future, int], jobs: Sequence[Job], progress: Progress
) -> dict[int, Outcome]:
    """Collect the outcomes of the submitted ``futures`` (future -> index in ``jobs``); cancel
    the rest after a failure."""
    outcomes: dict[int, Outcome] = {}
    for future in as_completed(futures):
        index = futures[future]
        outcomes[index] = collect_outcome(future, jobs[index])
        progress.done(outcomes[index])
        if outcomes[index].status == "failed":
            for other in futures:
                other.cancel()
    return outcomes


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

    from analysis.run.warm_kernels import engine_options

    start = time.perf_counter()
    job.output.parent.mkdir(parents=True, exist_ok=True)
    results_dir = Path(job.parameters.get("results_dir", job.output.parent))
    before = folder_state(results_dir)

    def execute(options: dict[str, Any]) -> None:
        pm.execute_notebook(
            job.notebook,
            job.output,
            parameters=job.parameters,
            kernel_name=KERNEL_NAME,
            progress_bar=False,
            request_save_on_cell_execute=True,  # keeps the cells run so far if the kernel dies
            cwd=job.cwd,
            execution_timeout=job.cell_timeout,
            # Every output is in once the last cell is done: the kernel is stopped then, not
            # asked to exit (a kernel asked takes 2.6-3.4 s to go once in four or five times).
            shutdown_kernel="immediate",
            **options,
        )

    try:
        options = engine_options()
        try:
            execute(options)
        except RuntimeError as exc:
            if not (options and kernel_did_not_start(exc)):
                raise
            # A forked kernel that never answered (no cell ran): the notebook runs again in a
            # kernel started the ordinary way, which gives the same report.
            execute({})
        export_html(job.output, job.output.with_suffix(".html"), job.lang, job.title, job.masthead)
    except Exception as exc:
        cell, detail = describe_failure(exc, job.output)
        return _outcome(
            job, "failed", seconds=time.perf_counter() - start, cell=cell, detail=detail
        )
    files = written_files(results_dir, before)
    return _outcome(job, "ok", seconds=time.perf_counter() - start, files=files)


def kernel_did_not_start(exc: BaseException) -> bool:
    """True for nbclient's error when a kernel does not answer its first request in time."""
    return isinstance(exc, RuntimeError) and str(exc).startswith("Kernel didn't respond")


def folder_state(folder: Path) -> dict[str, tuple[int, int]]:
    """Size and modification time of every file below ``folder``, by path."""
    state = {}
    for path in folder.rglob("*") if folder.is_dir() else ():
        try:
            info = path.stat()
        except OSError:  # removed meanwhile by another notebook
            continue
        if path.is_file():
            state[str(path)] = (info.st_size, info.st_mtime_ns)
    return state


def written_files(folder: Path, before: dict[str, tuple[int, int]]) -> dict[str, str]:
    """The files below ``folder`` made or changed since ``before``, with their SHA-256."""
    after = folder_state(folder)
    return {
        path: sha256_of(Path(path))
        for path, state in sorted(after.items())
        if before.get(path) != state
    }


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

    def start(self, run: Run, pending: int | None = None) -> None:
        """Announce the run (``pending`` of its notebooks to execute, the others reused)."""
        pending = self.total if pending is None else pending
        workers = max(1, min(run.jobs, pending)) if pending else 0
        reused = f", {self.total - pending} reused unchanged" if pending < self.total else ""
        self._say(
            f"running {pending} notebook(s) for {len(run.scenarios)} scenario(s) "
            f"in {workers} process(es){reused}; building {run.staging}"
        )

    def done(self, outcome: Outcome) -> None:
        """Report one finished (or skipped) notebook."""
        self.finished += 1
        width = len(str(self.total))
        status = "reused" if outcome.reused_from else outcome.status
        line = (
            f"[{self.finished:>{width}}/{self.total}] {status:<7} "
            f"{outcome.seconds:6.1f} s  {outcome.scenario} / {outcome.notebook}"
        )
        if outcome.reused_from:
            line += f"  (from {outcome.reused_from})"
        if outcome.status == "failed":
            line += f"\n    {outcome.cell or 'no cell'}: {outcome.detail}"
        self._say(line)

    def _say(self, text: str) -> None:
        print(text, file=self.stream, flush=True)
