"""Copies of the project for the hardening tests (corpus, faults, reproducibility, browser).

A copy holds the raw data, scenario files and chosen notebooks (the project's own or the fixture
notebooks of ``tests/fixtures/notebooks``) in a temporary folder; the command line runs on it
in a subprocess with ``BACGIANG_PLAN_ROOT`` pointing at the copy, as a scheduled run would.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
FIXTURE_NOTEBOOKS = PROJECT / "tests" / "fixtures" / "notebooks"
PLAN = "bac-giang-2024"
"""The default plan pack (data/raw/plans/default.yaml): its scenarios and reports folders."""
PACK = Path("data") / "raw" / "plans" / PLAN
"""The default pack's folder, relative to a project root."""
OLD_RUN = "2000-01-01_000000"
"""The published run every copy starts with (``reports/latest`` points at it)."""
OLD_INDEX = "the earlier run, still readable"


def make_copy(
    base: Path,
    notebooks: Iterable[str] = (),
    fixtures: Iterable[str] = (),
    scenarios: Iterable[str] | None = None,
) -> Path:
    """A project root under ``base``: data/raw, the default pack's scenarios, chosen notebooks.

    Parameters
    ----------
    notebooks : names of the project's notebooks (``01_grdp_trajectory.ipynb``) to copy.
    fixtures : names of fixture notebooks to copy.
    scenarios : scenario names of the default pack to copy; default every one.
    """
    root = base / "project"
    shutil.copytree(PROJECT / "data" / "raw", root / "data" / "raw")
    (root / "scenarios" / PLAN).mkdir(parents=True)
    names = list(scenarios) if scenarios is not None else None
    for path in sorted((PROJECT / "scenarios" / PLAN).glob("*.yaml")):
        if names is None or path.stem in names:
            shutil.copy(path, root / "scenarios" / PLAN / path.name)
    (root / "notebooks").mkdir()
    for name in notebooks:
        shutil.copy(PROJECT / "notebooks" / name, root / "notebooks" / name)
    for name in fixtures:
        shutil.copy(FIXTURE_NOTEBOOKS / name, root / "notebooks" / name)
    return root


def reports_of(root: Path) -> Path:
    """Where the default pack's runs are published: ``reports/<plan-id>/``."""
    return root / "reports" / PLAN


def add_previous_run(root: Path) -> Path:
    """An earlier published run and ``latest`` pointing at it; returns ``reports/<plan-id>``."""
    reports = reports_of(root)
    (reports / OLD_RUN).mkdir(parents=True)
    (reports / OLD_RUN / "index.html").write_text(OLD_INDEX, encoding="utf-8")
    os.symlink(OLD_RUN, reports / "latest")
    return reports


def latest_is_the_old_run(reports: Path) -> bool:
    """``reports/latest`` still points at the earlier run, which still reads as before."""
    return (
        os.readlink(reports / "latest") == OLD_RUN
        and (reports / "latest" / "index.html").read_text(encoding="utf-8") == OLD_INDEX
    )


def tree_state(folder: Path) -> dict[str, str]:
    """Every entry below ``folder``: links with their target, folders, files with their hash."""
    state = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            state[key] = f"link -> {os.readlink(path)}"
        elif path.is_dir():
            state[key] = "folder"
        else:
            state[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return state


def cli_environment(root: Path, path: str | None = None) -> dict[str, str]:
    """This process's environment with ``BACGIANG_PLAN_ROOT`` (and optionally ``PATH``) set."""
    env = dict(os.environ)
    env["BACGIANG_PLAN_ROOT"] = str(root)
    if path is not None:
        env["PATH"] = path
    return env


def command(*arguments: str) -> list[str]:
    """``python -m analysis <arguments>`` with this interpreter."""
    return [sys.executable, "-m", "analysis", *arguments]


def run_cli(
    root: Path, *arguments: str, timeout: float = 900, path: str | None = None
) -> subprocess.CompletedProcess:
    """Run the command line on the copy at ``root`` (working directory ``root``) and wait."""
    return subprocess.run(
        command(*arguments),
        cwd=root,
        env=cli_environment(root, path),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def start_cli(root: Path, *arguments: str, new_session: bool = False) -> subprocess.Popen:
    """Start the command line on the copy at ``root`` without waiting (``new_session``: in a
    session and process group of its own, as a service manager or ``timeout`` starts it)."""
    return subprocess.Popen(
        command(*arguments),
        cwd=root,
        env=cli_environment(root),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=new_session,
    )


def wait_for(condition: Callable[[], object], what: str, deadline: float = 300) -> object:
    """Poll ``condition`` until it returns something true; fail if it never does.

    The deadline is generous (a slow shared machine); it bounds a wait, it measures nothing.
    """
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        found = condition()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"{what}: did not happen within {deadline:g} s")


def processes_of(root: Path) -> list[int]:
    """Process ids whose environment names the copy at ``root`` (runner, workers, kernels)."""
    marker = f"BACGIANG_PLAN_ROOT={root}".encode() + b"\0"
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker in environ + b"\0" and state != "Z":
            found.append(int(entry.name))
    return found
