"""The run's ``manifest.json``: parameters, input hashes, package versions, git state, outcomes.

Enough to tell, months later, what a report was made from and with: every input file's SHA-256,
the versions of Python and the packages a report depends on, the commit checked out and
whether the tree had uncommitted changes, and each notebook's status and time.
"""

from __future__ import annotations

import json
import platform
import subprocess
import time
from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from analysis.run.conventions import KERNEL_HASH_SEED, KERNEL_NAME, MANIFEST_FILE
from analysis.run.digests import sha256_of
from analysis.run.execution import Outcome
from analysis.run.jobs import Run

PACKAGES = (
    "pandas", "numpy", "scipy", "statsmodels", "matplotlib", "seaborn", "papermill",
    "nbconvert", "nbclient", "nbformat", "ipykernel", "jupytext", "pydantic", "pandera",
    "PyYAML", "openpyxl",
)  # fmt: skip
"""Distributions whose versions the manifest records."""


def input_hashes(run: Run) -> dict[str, str]:
    """SHA-256 of the plan pack's files, the shared series, the scenarios folder, the scenarios
    run and the notebooks."""
    root = run.folders.root
    files = [p for p in run.folders.plan.folder.rglob("*") if p.is_file()]
    files += [run.folders.series] if run.folders.series.is_file() else []
    files += [p for p in run.folders.scenarios.glob("*.yaml") if p.is_file()]
    files += [Path(s.path) for s in run.scenarios] + list(run.notebooks)
    unique = {p.resolve(): p for p in files}
    return {relative_name(p, root): sha256_of(p) for p in sorted(unique)}


def relative_name(path: Path, root: Path) -> str:
    """``path`` as the manifest names it: relative to ``root`` if inside it, else absolute."""
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


def write_manifest(run: Run, outcomes: Sequence[Outcome]) -> Path:
    """Write ``manifest.json``: parameters, input hashes, versions, commit, timings, statuses."""
    status = "ok" if all(o.status == "ok" for o in outcomes) else "failed"
    manifest = {
        "run": run.stamp,
        "status": status,
        "started": datetime.fromtimestamp(run.started).isoformat(timespec="seconds"),
        "seconds": round(time.time() - run.started, 3),
        "plan": _plan(run),
        "seed": run.seed,
        "parameters": _parameters(run),
        "inputs_sha256": input_hashes(run),
        "packages": package_versions(),
        "git": git_state(run.folders.root),
        "notebooks": [_manifest_entry(o, run.staging) for o in outcomes],
        "results": run.results_record,
        "workbook": run.workbook_record,
        "pdf": run.pdf_status,
        "plausibility": _plausibility(run),
    }
    target = run.staging / MANIFEST_FILE
    target.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target


def _plan(run: Run) -> dict[str, Any]:
    """The plan pack the run reports on: id, years, title, folder."""
    return {
        "id": run.plan.id,
        "plan_year": run.plan.plan_year,
        "base_year": run.plan.base_year,
        "title": run.plan.title.vi,
        "folder": relative_name(run.folders.plan.folder, run.folders.root),
    }


def _plausibility(run: Run) -> dict[str, Any]:
    """Whether implausible figures were allowed, and each one let through: file, field, value,
    unit, range and basis, the probable intended value, the scenario or period."""
    return {"allow_implausible": run.allow_implausible, "let_through": list(run.implausible)}


def _parameters(run: Run) -> dict[str, Any]:
    return {
        "scenarios": {s.name: relative_name(Path(s.path), run.folders.root) for s in run.scenarios},
        "notebooks": [nb.name for nb in run.notebooks],
        "lang": run.lang,
        "jobs": run.jobs,
        "kernel_name": KERNEL_NAME,
        "cell_timeout": run.cell_timeout,
        "seed": run.seed,
        "python_hash_seed": KERNEL_HASH_SEED,
        "kernels": "isolated" if run.isolated else "warm",
        "fresh": run.fresh,
        "allow_implausible": run.allow_implausible,
    }


def _manifest_entry(outcome: Outcome, staging: Path) -> dict[str, Any]:
    entry = asdict(outcome)
    entry["seconds"] = round(outcome.seconds, 3)
    entry["output"] = relative_name(Path(outcome.output), staging)
    entry["files"] = {relative_name(Path(p), staging): d for p, d in sorted(outcome.files.items())}
    return entry
