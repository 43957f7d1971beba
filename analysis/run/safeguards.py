"""Safeguards of a report run: the project boundary, the inputs checked before anything is
written, and a clean stop when the run is interrupted.

The project boundary
--------------------
A run reads and writes only inside the project folder (:data:`analysis.data.paths.ROOT`, or the
``root`` given to :func:`analysis.run.runner.run_reports`). *Inside* is judged on the real path,
after ``..`` and symbolic links are followed (:func:`is_inside`):

- the reports folder (``--out``, default ``reports/``) must resolve to a folder below the
  project root, neither the root itself nor a folder in or under one of the
  :data:`INPUT_FOLDERS` (data, scenarios, notebooks, the package, the tests, git, the
  virtual environment): ``--out ../../etc`` and ``--out data/raw`` are refused;
- every scenario file (named on the command line or found in ``scenarios/``), every notebook
  and every raw data file (``data/raw``, ``data/raw/actuals``) must resolve inside the root:
  a scenario argument ``../../etc/passwd``, or a symbolic link in ``scenarios/`` or
  ``data/raw/`` that points outside the project, is refused before the file is opened.

Symbolic links that stay inside the project are followed. To publish the reports somewhere
else (a shared drive), copy ``reports/latest/`` after the run, or mount the share at
``reports/`` (a mount point lies inside the root; a symbolic link to elsewhere does not).

Interruptions
-------------
:func:`handle_signals` turns SIGTERM, SIGINT and SIGHUP into
:class:`~analysis.errors.Interrupted` in the runner's main thread, so that the run stops its
notebook processes (:func:`stop_children`), removes its staging folder and releases the lock
on the way out. While the run is being published (a rename and a link) the signal waits
(:meth:`SignalGuard.deferring`): a run is published whole or not at all. Worker processes ask
the kernel to kill them when the runner dies (:func:`die_with_parent`), so that even a runner
killed by SIGKILL leaves no worker writing into a staging folder; the next run removes that
folder when it starts.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from analysis.errors import InputError, Interrupted

INPUT_FOLDERS = ("data", "scenarios", "notebooks", "analysis", "tests", ".git", ".venv")
"""Folders of the project root a run must never write into."""

TERMINATING_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
"""Signals that stop a run cleanly (exit status 128 + the signal number)."""

PR_SET_PDEATHSIG = 1
"""Linux ``prctl`` option: the signal a process receives when its parent dies."""


# --- the project boundary ----------------------------------------------------------------


def is_inside(path: str | Path, root: Path) -> bool:
    """True when ``path`` resolves (``..`` and symbolic links followed) to ``root`` or below."""
    resolved = Path(path).resolve()
    root = Path(root).resolve()
    return resolved == root or root in resolved.parents


def check_inside_project(
    path: str | Path, root: Path, where: str, shown: str | Path | None = None
) -> Path:
    """Return the resolved ``path``; refuse it when it leads outside the project ``root``.

    Raises
    ------
    InputError
        Naming ``path`` (or ``shown``, the path as the user wrote it), ``where`` it came
        from, and where it really leads.
    """
    resolved = Path(path).resolve()
    if not is_inside(resolved, root):
        raise InputError(
            str(shown if shown is not None else path),
            where,
            f"must lie inside the project folder {Path(root).resolve()}; "
            f"it leads to {resolved} (after '..' and symbolic links)",
        )
    return resolved


def check_reports_folder(reports: str | Path, root: Path, given: str | Path | None) -> Path:
    """Return the resolved reports folder; refuse one outside the project or among its inputs.

    Parameters
    ----------
    reports : str or Path
        The reports folder the run would use.
    root : Path
        The project root.
    given : str or Path, optional
        The ``--out`` argument as typed (None when the default folder is used).
    """
    where = "--out" if given is not None else "reports folder"
    shown = given if given is not None else reports
    root = Path(root).resolve()
    resolved = check_inside_project(reports, root, where, shown)
    parts = resolved.relative_to(root).parts
    if not parts or parts[0] in INPUT_FOLDERS:
        raise InputError(
            str(shown),
            where,
            f"must be a folder below the project root {root} outside its input folders "
            f"({', '.join(INPUT_FOLDERS)}); it leads to {resolved}",
        )
    return resolved


def check_files_inside(files: Sequence[str | Path], root: Path, where: str) -> None:
    """Refuse the first of ``files`` that leads outside the project ``root``."""
    for file in files:
        check_inside_project(file, root, where)


def check_data_files_inside(raw: Path, root: Path) -> None:
    """Refuse a raw data folder, or a file in it, that leads outside the project ``root``."""
    if not raw.exists() and not raw.is_symlink():
        return
    check_inside_project(raw, root, "data folder")
    files = sorted(p for p in raw.rglob("*") if p.is_symlink() or not p.is_dir())
    check_files_inside(files, root, "data file")


# --- interruptions -------------------------------------------------------------------------


@dataclass
class SignalGuard:
    """The signal handler of a run: the first signal raises :class:`Interrupted`.

    Later signals are ignored (the run is already stopping); while :meth:`deferring`, the
    signal is only recorded in ``received``.
    """

    received: int | None = None
    deferred: bool = False

    def __call__(self, signal_number: int, frame: FrameType | None) -> None:
        """Record the signal; raise :class:`Interrupted` unless deferring or already stopping."""
        if self.received is not None:
            return
        self.received = signal_number
        if not self.deferred:
            raise Interrupted(signal_number)

    @contextlib.contextmanager
    def deferring(self) -> Iterator[SignalGuard]:
        """Hold signals back while the block runs (it completes; ``received`` tells)."""
        self.deferred = True
        try:
            yield self
        finally:
            self.deferred = False


@contextlib.contextmanager
def handle_signals(guard: SignalGuard | None = None) -> Iterator[SignalGuard]:
    """Route :data:`TERMINATING_SIGNALS` to ``guard`` while the block runs.

    Outside the main thread (where Python cannot install handlers) nothing is installed.
    """
    guard = guard or SignalGuard()
    if threading.current_thread() is not threading.main_thread():
        yield guard
        return
    previous = {number: signal.signal(number, guard) for number in TERMINATING_SIGNALS}
    try:
        yield guard
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _is_resource_tracker(command: Sequence[str]) -> bool:
    return any("multiprocessing.resource_tracker" in part for part in command)


def stop_children(grace: float = 10.0) -> list[int]:
    """Kill every process this one started, and theirs (notebook workers, kernels, Chromium).

    Python's own multiprocessing resource tracker is spared (it cleans up after the run).

    Returns
    -------
    list of int
        The process ids killed.
    """
    import psutil

    children = []
    for child in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.Error):
            if not _is_resource_tracker(child.cmdline()):
                children.append(child)
    for child in children:
        with contextlib.suppress(psutil.Error):
            child.kill()
    psutil.wait_procs(children, timeout=grace)
    return [child.pid for child in children]


def die_with_parent(parent: int) -> None:
    """Have Linux kill this process (SIGKILL) when its parent ``parent`` dies; elsewhere no-op.

    Called first thing in each notebook worker: a runner killed by SIGKILL cannot stop its
    workers itself. Their kernels notice a dead parent and exit on their own (ipykernel's
    parent poller).
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
