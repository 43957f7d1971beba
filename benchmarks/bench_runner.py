"""The default report four ways, in one copy of the project (``benchmarks/run.py`` calls it).

1. the bare command-line loop: every notebook run of the report, one after another, with the
   ``papermill`` command line (explicit kernel ``python3``) then ``jupyter nbconvert --to html
   --no-input``, the parameters a planner would give by hand (plan, scenario or scenarios,
   language);
2. the cold runner: ``python -m analysis run`` into a reports folder with no earlier run;
3. the runner again with nothing changed (every notebook run and results table copied);
4. the runner after one scenario's growth changes (that scenario's notebooks, the comparison
   and the summary execute, the rest is copied).

Each runner way is measured :data:`REPEAT` times (each cold run in a copy of its own) and its
median reported, with every run's time.

The copy holds ``data/raw``, the default plan's scenarios and the notebooks; the runner and the
kernels find it through ``BACGIANG_PLAN_ROOT`` and import this checkout's package (PYTHONPATH).
Timings only; nothing is asserted.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

GROWTH_LINE = re.compile(r"^(  aggregate: )([0-9.]+)$", re.M)
"""The aggregate growth of a scenario file (percent), the figure the one-scenario rerun edits."""


REPEAT = 3
"""Times each way of running the runner is measured (the median is reported): the machine is
shared, and one run can be seconds slower than the next."""


@dataclass
class RunnerTimes:
    """Seconds of each way of making the report (each runner way measured :data:`REPEAT` times),
    and what the reruns executed."""

    notebook_runs: int
    bare_loop: float
    cold: list[float]
    unchanged: list[float]
    one_scenario: list[float]
    edited_scenario: str
    executed_unchanged: int
    executed_one_scenario: int

    def medians(self) -> dict[str, float]:
        """The median of each runner way."""
        return {
            "cold": statistics.median(self.cold),
            "unchanged": statistics.median(self.unchanged),
            "one_scenario": statistics.median(self.one_scenario),
        }

    def ratios(self) -> dict[str, float]:
        """Bare loop over the cold runner's median; each rerun's median as a share of it."""
        m = self.medians()
        return {
            "cold_speed_up_over_bare_loop": round(self.bare_loop / m["cold"], 2),
            "unchanged_rerun_share_of_cold": round(m["unchanged"] / m["cold"], 3),
            "one_scenario_rerun_share_of_cold": round(m["one_scenario"] / m["cold"], 3),
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


def change_growth(root: Path, plan: str, step: float = 0.5) -> str:
    """Raise by ``step`` points the aggregate growth of the first scenario (by name) that is
    not the plan's own and states one; its name."""
    spec = (ROOT / "data" / "raw" / "plans" / plan / "plan.yaml").read_text(encoding="utf-8")
    own = re.search(r"^default_scenario:\s*(\S+)", spec, re.M)
    for path in sorted((root / "scenarios" / plan).glob("*.yaml")):
        if own is not None and path.stem == own.group(1):
            continue
        text = path.read_text(encoding="utf-8")
        edited, count = GROWTH_LINE.subn(lambda m: f"{m[1]}{float(m[2]) + step:g}", text, count=1)
        if count:
            path.write_text(edited, encoding="utf-8")
            return path.stem
    raise SystemExit(f"no scenario of {plan} states an aggregate growth to change")


def time_runner_four_ways(base: Path, repeat: int = REPEAT) -> RunnerTimes:
    """The bare loop once; then ``repeat`` times each: the cold runner (each in a copy of its
    own, no earlier run), the unchanged rerun, the rerun after one scenario's growth rose by
    half a point (a new value each time, so each executes that scenario again)."""
    plan = default_plan()
    bare, count = time_bare_loop(project_copy(base / "bare", plan), plan)
    cold = []
    for i in range(repeat):
        root = project_copy(base / f"cold-{i}", plan)
        cold.append(time_runner(root))
    unchanged = [time_runner(root) for _ in range(repeat)]
    executed_unchanged = executed_in_latest(root, plan)
    one, edited = [], ""
    for _ in range(repeat):
        edited = change_growth(root, plan)
        one.append(time_runner(root))
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


def _seconds(times: list[float]) -> str:
    return f"{statistics.median(times):7.1f} s (" + ", ".join(f"{t:.1f}" for t in times) + ")"


def report(times: RunnerTimes) -> str:
    """The four timings (runner ways: median, then each run) and their ratios, one per line."""
    ratios = times.ratios()
    return "\n".join(
        [
            f"notebook runs in the report   {times.notebook_runs}",
            f"bare loop (papermill + nbconvert CLIs, one at a time) {times.bare_loop:7.1f} s",
            f"runner, cold                  {_seconds(times.cold)}  "
            f"({ratios['cold_speed_up_over_bare_loop']:.2f} x faster than the bare loop)",
            f"runner, nothing changed       {_seconds(times.unchanged)}  "
            f"({100 * ratios['unchanged_rerun_share_of_cold']:.1f} % of cold; "
            f"{times.executed_unchanged} notebook runs executed)",
            f"runner, '{times.edited_scenario}' growth +0.5    {_seconds(times.one_scenario)}  "
            f"({100 * ratios['one_scenario_rerun_share_of_cold']:.1f} % of cold; "
            f"{times.executed_one_scenario} notebook runs executed)",
        ]
    )
