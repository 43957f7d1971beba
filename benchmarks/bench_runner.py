"""The default report four ways, in one copy of the project (``benchmarks/run.py`` calls it).

1. the bare command-line loop: every notebook run of the report, one after another, with the
   ``papermill`` command line (explicit kernel ``python3``) then ``jupyter nbconvert --to html
   --no-input``, the parameters a planner would give by hand (plan, scenario or scenarios,
   language);
2. the cold runner: ``python -m analysis run`` into a reports folder with no earlier run;
3. the runner again with nothing changed (every notebook run and results table copied);
4. the runner after one scenario's growth changes (that scenario's notebooks and the
   once-per-run ones execute, the rest is copied).

The copy holds ``data/raw``, the default plan's scenarios and the notebooks; the runner and the
kernels find it through ``BACGIANG_PLAN_ROOT`` and import this checkout's package (PYTHONPATH).
Timings only; nothing is asserted.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

GROWTH_LINE = re.compile(r"^(  aggregate: )([0-9.]+)$", re.M)
"""The aggregate growth of a scenario file (percent), the figure the one-scenario rerun edits."""


@dataclass
class RunnerTimes:
    """Seconds of each way of making the report, and what the reruns executed."""

    notebook_runs: int
    bare_loop: float
    cold: float
    unchanged: float
    one_scenario: float
    edited_scenario: str
    executed_unchanged: int
    executed_one_scenario: int

    def ratios(self) -> dict[str, float]:
        """Bare loop over cold runner; each rerun as a share of the cold run."""
        return {
            "cold_speed_up_over_bare_loop": round(self.bare_loop / self.cold, 2),
            "unchanged_rerun_share_of_cold": round(self.unchanged / self.cold, 3),
            "one_scenario_rerun_share_of_cold": round(self.one_scenario / self.cold, 3),
        }


def default_plan() -> str:
    """The plan ``python -m analysis run`` runs without ``--plan``."""
    text = (ROOT / "data" / "raw" / "plans" / "default.yaml").read_text(encoding="utf-8")
    return re.search(r"^default_plan:\s*(\S+)", text, re.M).group(1)  # type: ignore[union-attr]


def project_copy(base: Path, plan: str) -> Path:
    """A copy of the project's inputs under ``base`` (no earlier runs)."""
    root = base / "project"
    shutil.copytree(ROOT / "data" / "raw", root / "data" / "raw")
    shutil.copytree(ROOT / "scenarios" / plan, root / "scenarios" / plan)
    shutil.copytree(ROOT / "notebooks", root / "notebooks", ignore=shutil.ignore_patterns("*.py"))
    return root


def environment(root: Path) -> dict[str, str]:
    """The environment of every timed command: the copy as project, this checkout's package."""
    path = os.environ.get("PYTHONPATH", "")
    return {
        **os.environ,
        "BACGIANG_PLAN_ROOT": str(root),
        "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), path) if p),
    }


def _timed(cmd: list[str], root: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        cmd,
        check=True,
        cwd=root,
        env=environment(root),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def bare_jobs(root: Path, plan: str) -> list[tuple[Path, list[str], Path]]:
    """The report's notebook runs as papermill command-line arguments: the comparison once over
    every scenario, the other once-per-run notebooks once with the plan's own scenario, the
    rest once per scenario."""
    from analysis.run.jobs import is_comparison, is_once_per_run

    scenarios = sorted(p.stem for p in (root / "scenarios" / plan).glob("*.yaml"))
    common = ["-p", "plan", plan, "-p", "lang", "vi"]
    out = root / "bare"
    jobs = []
    for notebook in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        if is_comparison(notebook):
            chosen = ["-y", json.dumps({"scenarios": scenarios})]
            jobs.append((notebook, common + chosen, out / notebook.name))
        elif is_once_per_run(notebook):
            jobs.append((notebook, common, out / notebook.name))
        else:
            for name in scenarios:
                chosen = ["-p", "scenario", name]
                jobs.append((notebook, common + chosen, out / name / notebook.name))
    return jobs


def time_bare_loop(root: Path, plan: str) -> tuple[float, int]:
    """Every notebook run with the papermill then the nbconvert command line, one at a time."""
    total, jobs = 0.0, bare_jobs(root, plan)
    for notebook, parameters, target in jobs:
        target.parent.mkdir(parents=True, exist_ok=True)
        papermill = [str(BIN / "papermill"), str(notebook), str(target), "-k", "python3"]
        papermill += ["--cwd", str(notebook.parent), "--no-progress-bar", *parameters]
        total += _timed(papermill, root)
        nbconvert = [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input"]
        total += _timed([*nbconvert, str(target)], root)
    return total, len(jobs)


def time_runner(root: Path) -> float:
    """``python -m analysis run`` in the copy (its reports folder keeps the earlier runs)."""
    return _timed([sys.executable, "-m", "analysis", "run"], root)


def executed_in_latest(root: Path, plan: str) -> int:
    """How many notebook runs the latest published run executed (not copied)."""
    manifest = root / "reports" / plan / "latest" / "manifest.json"
    entries = json.loads(manifest.read_text(encoding="utf-8"))["notebooks"]
    return sum(1 for e in entries if e.get("reused_from") is None)


def change_growth(root: Path, plan: str) -> str:
    """Raise by half a point the aggregate growth of the first scenario (by name) that is not
    the plan's own and states one; its name."""
    spec = (ROOT / "data" / "raw" / "plans" / plan / "plan.yaml").read_text(encoding="utf-8")
    own = re.search(r"^default_scenario:\s*(\S+)", spec, re.M)
    for path in sorted((root / "scenarios" / plan).glob("*.yaml")):
        if own is not None and path.stem == own.group(1):
            continue
        text = path.read_text(encoding="utf-8")
        edited, count = GROWTH_LINE.subn(lambda m: f"{m[1]}{float(m[2]) + 0.5:g}", text, count=1)
        if count:
            path.write_text(edited, encoding="utf-8")
            return path.stem
    raise SystemExit(f"no scenario of {plan} states an aggregate growth to change")


def time_runner_four_ways(base: Path) -> RunnerTimes:
    """The bare loop, the cold runner, the unchanged rerun, the one-scenario rerun."""
    plan = default_plan()
    root = project_copy(base, plan)
    bare, count = time_bare_loop(root, plan)
    cold = time_runner(root)
    unchanged = time_runner(root)
    executed_unchanged = executed_in_latest(root, plan)
    edited = change_growth(root, plan)
    one = time_runner(root)
    return RunnerTimes(
        notebook_runs=count,
        bare_loop=bare,
        cold=cold,
        unchanged=unchanged,
        one_scenario=one,
        edited_scenario=edited,
        executed_unchanged=executed_unchanged,
        executed_one_scenario=executed_in_latest(root, plan),
    )


def report(times: RunnerTimes) -> str:
    """The four timings and their ratios, one per line."""
    ratios = times.ratios()
    return "\n".join(
        [
            f"notebook runs in the report   {times.notebook_runs}",
            f"bare loop (papermill + nbconvert CLIs, one at a time) {times.bare_loop:7.1f} s",
            f"runner, cold                  {times.cold:7.1f} s  "
            f"({ratios['cold_speed_up_over_bare_loop']:.2f} x faster than the bare loop)",
            f"runner, nothing changed       {times.unchanged:7.1f} s  "
            f"({100 * ratios['unchanged_rerun_share_of_cold']:.1f} % of cold; "
            f"{times.executed_unchanged} notebook runs executed)",
            f"runner, '{times.edited_scenario}' growth +0.5    {times.one_scenario:7.1f} s  "
            f"({100 * ratios['one_scenario_rerun_share_of_cold']:.1f} % of cold; "
            f"{times.executed_one_scenario} notebook runs executed)",
        ]
    )
