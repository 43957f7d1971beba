"""Faults in the middle of a run: the last good report survives and the next run starts clean.

Each test runs ``python -m analysis run`` in a subprocess on a copy of the project that already
has a published run (``reports/latest``), with fixture notebooks (tests/fixtures/notebooks):
``02_raises`` fails in a cell, ``05_kernel_dies`` kills its own kernel with SIGKILL, ``06_waits``
writes ``started`` in its results folder and then waits for a file ``release`` in the project
root (so that a test can act while a kernel is busy). After every fault:

- ``reports/latest`` still points at the earlier run, which still reads as before;
- no staging folder is left, or, after SIGKILL (which no program can handle), the next run
  removes it when it starts;
- no process of the run is left (runner, workers, kernels);
- the exit status says what happened: 1 a notebook failed, 3 another run holds the lock,
  128 + N stopped by signal N (143 SIGTERM, 130 SIGINT), -9 killed by SIGKILL.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import nbformat
import pytest
from project_copies import (
    OLD_RUN,
    add_previous_run,
    latest_is_the_old_run,
    make_copy,
    processes_of,
    run_cli,
    start_cli,
    wait_for,
)

from analysis.errors import Interrupted
from analysis.run.safeguards import SignalGuard, handle_signals, is_inside


def _staging(reports: Path) -> list[Path]:
    return sorted(reports.glob(".staging-*"))


def _published(reports: Path) -> list[str]:
    return sorted(
        p.name
        for p in reports.iterdir()
        if p.is_dir() and p.name[:1].isdigit() and p.name != OLD_RUN
    )


def _started_marker(reports: Path) -> Path | None:
    found = sorted(reports.glob(".staging-*/*/started"))
    return found[0] if found else None


def _no_processes_left(root: Path) -> None:
    wait_for(lambda: not processes_of(root), f"every process of the run on {root} to end", 120)


def _lock_is_free(reports: Path) -> bool:
    fd = os.open(reports / ".lock", os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
    return True


def _next_run_publishes(root: Path, reports: Path) -> str:
    """Let waiting notebooks go, run again, and return the new published run."""
    (root / "release").write_text("go", encoding="utf-8")
    done = run_cli(root, "run", "--jobs", "2")
    assert done.returncode == 0, done.stderr
    assert not _staging(reports)
    (published,) = _published(reports)
    assert os.readlink(reports / "latest") == published
    return published


# --- a notebook that raises, a kernel that dies ---------------------------------------------


@pytest.mark.notebook
@pytest.mark.parametrize(
    ("fixture", "cell_words", "detail"),
    [
        (
            "02_raises.ipynb",
            ["raise ValueError('deliberate failure in the fixture')"],
            "ValueError: deliberate failure in the fixture",
        ),
        (
            "05_kernel_dies.ipynb",
            ["cell #4", "`import os`"],  # "In [4]" too, if the number reached the runner
            "the kernel died while this cell ran (killed by a signal, out of memory, or os._exit)",
        ),
    ],
)
def test_a_failing_notebook_keeps_latest_and_exits_1(tmp_path, fixture, cell_words, detail):
    root = make_copy(tmp_path, fixtures=["01_ok.ipynb", fixture], scenarios=["target"])
    reports = add_previous_run(root)
    done = run_cli(root, "run", "--jobs", "2")
    assert done.returncode == 1, done.stderr
    stem = fixture.removesuffix(".ipynb")
    assert f"run failed: scenario 'target', notebook '{stem}', cell " in done.stderr
    assert all(words in done.stderr for words in cell_words) and detail in done.stderr
    assert latest_is_the_old_run(reports)
    assert not _staging(reports)
    assert not _published(reports)
    (kept,) = reports.glob("failed-*")
    executed = nbformat.read(kept / "target" / fixture, as_version=4)
    outputs = [o for c in executed.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert outputs, "the cells run before the failure are kept with their outputs"
    assert json.loads((kept / "manifest.json").read_text(encoding="utf-8"))["status"] == "failed"
    _no_processes_left(root)
    (root / "notebooks" / fixture).unlink()  # the planner fixes the notebook
    published = _next_run_publishes(root, reports)
    assert (reports / published / "target" / "01_ok.html").is_file()
    assert kept.is_dir()  # the failed run stays for inspection


# --- signals -----------------------------------------------------------------------------------


@pytest.mark.notebook
@pytest.mark.parametrize(
    ("signal_number", "status", "whole_group"),
    [(signal.SIGTERM, 143, False), (signal.SIGINT, 130, False), (signal.SIGTERM, 143, True)],
    ids=["SIGTERM", "SIGINT", "SIGTERM-to-the-process-group"],
)
def test_a_signal_stops_the_run_cleanly(tmp_path, signal_number, status, whole_group):
    root = make_copy(tmp_path, fixtures=["01_ok.ipynb", "06_waits.ipynb"], scenarios=["target"])
    reports = add_previous_run(root)
    runner = start_cli(root, "run", "--jobs", "2", new_session=whole_group)
    try:
        wait_for(lambda: _started_marker(reports), "the waiting notebook to start")
        assert processes_of(root)  # runner, workers and kernels are alive
        if whole_group:  # as `timeout` or a shell's job control would
            os.killpg(runner.pid, signal_number)
        else:
            runner.send_signal(signal_number)
        _, stderr = runner.communicate(timeout=300)
    finally:
        runner.kill()
    name = signal.Signals(signal_number).name
    assert runner.returncode == status, stderr
    assert f"interrupted by {name}: the run was stopped" in stderr
    assert "reports/bac-giang-2024/latest is unchanged" in stderr
    assert "Traceback" not in stderr
    assert latest_is_the_old_run(reports)
    assert not _staging(reports)
    assert not _published(reports) and not list(reports.glob("failed-*"))
    assert _lock_is_free(reports)
    _no_processes_left(root)
    _next_run_publishes(root, reports)


@pytest.mark.notebook
def test_sigkill_leaves_latest_and_the_next_run_cleans_up(tmp_path):
    root = make_copy(tmp_path, fixtures=["01_ok.ipynb", "06_waits.ipynb"], scenarios=["target"])
    reports = add_previous_run(root)
    runner = start_cli(root, "run", "--jobs", "2")
    try:
        marker = wait_for(lambda: _started_marker(reports), "the waiting notebook to start")
        runner.send_signal(signal.SIGKILL)
        runner.communicate(timeout=300)
    finally:
        runner.kill()
    assert runner.returncode == -signal.SIGKILL
    assert latest_is_the_old_run(reports)
    # Workers die with the runner and kernels with their worker: nothing writes any more
    # into the staging folder the killed run left behind.
    _no_processes_left(root)
    (left,) = _staging(reports)
    assert marker.is_relative_to(left)
    assert _lock_is_free(reports)
    published = _next_run_publishes(root, reports)
    assert not left.exists()
    assert (reports / published / "target" / "06_waits.html").is_file()


@pytest.mark.notebook
def test_two_runs_at_once_one_waits_for_nothing(tmp_path):
    root = make_copy(tmp_path, fixtures=["06_waits.ipynb"], scenarios=["target"])
    reports = add_previous_run(root)
    first, second = start_cli(root, "run"), start_cli(root, "run")
    results: dict[str, tuple[int, str]] = {}
    try:
        wait_for(lambda: _started_marker(reports), "one run to start its notebook")
        loser = wait_for(
            lambda: next((p for p in (first, second) if p.poll() is not None), None),
            "the second run to give up",
        )
        winner = second if loser is first else first
        results["loser"] = (loser.returncode, loser.communicate(timeout=60)[1])
        assert winner.poll() is None  # still waiting in its notebook
        assert len(_staging(reports)) == 1  # the loser made no staging folder of its own
        (root / "release").write_text("go", encoding="utf-8")
        _, stderr = winner.communicate(timeout=300)
        results["winner"] = (winner.returncode, stderr)
    finally:
        first.kill()
        second.kill()
    status, message = results["loser"]
    assert status == 3, message
    assert "locked: another report run is in progress" in message
    assert results["winner"][0] == 0, results["winner"][1]
    (published,) = _published(reports)
    assert os.readlink(reports / "latest") == published
    assert not _staging(reports)
    _no_processes_left(root)


# --- the parts -----------------------------------------------------------------------------


def test_signal_guard_raises_once_and_defers_while_publishing():
    guard = SignalGuard()
    with guard.deferring():
        guard(signal.SIGTERM, None)  # recorded, not raised
    assert guard.received == signal.SIGTERM
    guard(signal.SIGINT, None)  # already stopping: ignored
    assert guard.received == signal.SIGTERM
    fresh = SignalGuard()
    with pytest.raises(Interrupted) as info:
        fresh(signal.SIGHUP, None)
    assert info.value.signal_number == signal.SIGHUP
    assert str(info.value) == "interrupted by SIGHUP"


def test_handle_signals_turns_sigterm_into_interrupted():
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signal handlers can only be installed in the main thread")
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(Interrupted) as info, handle_signals():
        os.kill(os.getpid(), signal.SIGTERM)
        threading.Event().wait(30)  # the handler raises long before this ends
    assert info.value.signal_number == signal.SIGTERM
    assert signal.getsignal(signal.SIGTERM) is before


STOP_CHILDREN_SCRIPT = """
import json, subprocess, sys, time
import psutil
from analysis.run.safeguards import stop_children
nap = "import time; time.sleep(300)"
sleeper = f"import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', {nap!r}]); {nap}"
child = subprocess.Popen([sys.executable, "-c", sleeper])
while not psutil.Process(child.pid).children():
    time.sleep(0.05)
grandchild = psutil.Process(child.pid).children()[0].pid
killed = stop_children()
print(json.dumps({"child": child.pid, "grandchild": grandchild, "killed": killed,
                  "child_left": psutil.pid_exists(child.pid)}))
"""


def test_stop_children_kills_the_whole_tree():
    # In a process of its own: stop_children kills every descendant of its caller.
    done = subprocess.run(
        [sys.executable, "-c", STOP_CHILDREN_SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    found = json.loads(done.stdout)
    assert found["child"] in found["killed"] and found["grandchild"] in found["killed"]
    assert not found["child_left"]  # killed and reaped
    wait_for(lambda: not Path(f"/proc/{found['grandchild']}").exists(), "the grandchild to go", 60)


def test_is_inside_follows_dots_and_links(tmp_path):
    root = tmp_path / "project"
    (root / "reports").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", root / "out")
    os.symlink(root / "reports", root / "to-reports")
    assert is_inside(root / "reports" / "x", root)
    assert is_inside(root / "to-reports", root)
    assert is_inside(root, root)
    assert not is_inside(root / ".." / "elsewhere", root)
    assert not is_inside(root / "out" / "x", root)
    assert not is_inside(tmp_path / "project-sibling", root)
