"""Publishing a run: the lock, the run's stamp, the staging folder made public, failures kept.

A run is built in ``reports/.staging-<stamp>/`` under the lock ``reports/.lock``; when every
notebook succeeded the folder is renamed ``reports/<stamp>/`` and only then is
``reports/latest`` pointed at it, so ``latest`` always names a whole run. A failed run's
executed notebooks and manifest are kept in ``reports/failed-<stamp>/``. The next run removes
the staging folders and temporary links a killed run left behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

from analysis.errors import InputError, LockedError, RunError
from analysis.run.conventions import (
    FAILED_PREFIX,
    KERNEL_LOG,
    LATEST,
    LOCK_FILE,
    MANIFEST_FILE,
    STAGING_PREFIX,
)
from analysis.run.execution import Outcome
from analysis.run.jobs import Run

TEMPORARY_LINK_PREFIX = ".latest-"
"""The link made beside ``latest`` and renamed over it (a killed run may leave one)."""


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
        elif item.name.startswith(TEMPORARY_LINK_PREFIX) and item.is_symlink():
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


# --- publishing and failures ----------------------------------------------------------------


def publish(run: Run) -> Path:
    """Rename the staging folder to ``reports/<stamp>`` and point ``reports/latest`` at it.

    A signal arriving meanwhile waits until both are done: the run is published whole.
    """
    final = run.folders.reports / run.stamp
    with run.guard.deferring():
        os.rename(run.staging, final)
        point_latest(run.folders.reports, final.name)
    run.stream.write(f"published {final}\n")
    if run.guard.received is not None:
        name = signal.Signals(run.guard.received).name
        run.stream.write(f"{name} arrived while publishing; the run was published whole\n")
    return final


def point_latest(reports: Path, name: str) -> Path:
    """Replace ``reports/latest`` atomically by a relative link to ``name``."""
    temporary = reports / f"{TEMPORARY_LINK_PREFIX}{os.getpid()}"
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    os.symlink(name, temporary)
    os.replace(temporary, reports / LATEST)
    return reports / LATEST


def keep_failures(run: Run, failed: Sequence[Outcome]) -> Path:
    """Move the failed executed notebooks and the manifest to ``reports/failed-<stamp>/``."""
    kept = run.folders.reports / f"{FAILED_PREFIX}{run.stamp}"
    kept.mkdir()
    for outcome in failed:
        source = Path(outcome.output)
        if source.exists():
            target = kept / source.relative_to(run.staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(source, target)
            outcome.output = str(target)
    for name in (MANIFEST_FILE, KERNEL_LOG):
        if (run.staging / name).exists():
            shutil.move(run.staging / name, kept / name)
    return kept


def raise_for_failures(failed: Sequence[Outcome], kept: Path) -> None:
    """Raise :class:`RunError` for the first failure (the progress lines list them all)."""
    first = failed[0]
    where = first.output if Path(first.output).exists() else str(kept)
    more = f" (and {len(failed) - 1} more failure(s))" if len(failed) > 1 else ""
    raise RunError(first.scenario, first.notebook, first.cell, first.detail + more, where)
