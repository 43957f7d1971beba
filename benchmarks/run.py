"""``make bench``: time the start-up, the default report, the same work by hand, the Monte Carlo,
the explorer.

0. Start-up: ``import pandas``, ``import analysis`` and ``python -m analysis --help`` in fresh
   interpreters, median of several runs, with the ratio import analysis / import pandas
   (``benchmarks/bench_imports.py``; ``python benchmarks/run.py --start-up`` times this alone).
1. The full default report: ``python -m analysis run`` (every scenario, every notebook, HTML,
   results, manifest) into a temporary folder.
2. The same notebooks run one at a time with the ``papermill`` and ``jupyter nbconvert``
   command lines, as a planner would script it without the runner.
3. The Monte Carlo of the 2024 targets (``benchmarks/bench_uncertainty.py``).
4. The what-if explorer (``benchmarks/bench_explorer.py``): the median time from a control's
   change to the updated panels and chart, in-process, and the page's first paint under Voilà
   in headless Chromium (``python benchmarks/run.py --explorer`` times this alone).

Prints seconds and the ratio; asserts nothing (timings belong here, never in tests). Results
are also written to ``benchmarks/results/latest.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bench_explorer  # beside this script, so on the path when it runs
import bench_imports

from analysis.run.jobs import is_comparison, is_once_per_run

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _timed(cmd: list[str], **kwargs) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, **kwargs)
    return time.perf_counter() - start


def _scenarios() -> list[str]:
    return sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml"))


def _notebooks() -> list[Path]:
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def time_runner(out: Path) -> float:
    """The whole default report through the runner."""
    return _timed(
        [sys.executable, "-m", "analysis", "run", "--out", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _by_hand_jobs(out: Path) -> list[tuple[Path, list[str], Path]]:
    """The runner's notebook runs: the comparison and the scorecard once, the rest per scenario."""
    jobs = []
    for nb in _notebooks():
        if is_comparison(nb):
            params = ["-y", json.dumps({"scenarios": _scenarios()})]
            jobs.append((nb, params, out / "all" / nb.name))
            continue
        if is_once_per_run(nb):
            jobs.append((nb, ["-p", "scenario", "target"], out / "all" / nb.name))
            continue
        for scenario in _scenarios():
            jobs.append((nb, ["-p", "scenario", scenario], out / scenario / nb.name))
    return jobs


def time_by_hand(out: Path) -> tuple[float, int]:
    """The same notebooks one by one with the papermill and nbconvert command lines."""
    total, count = 0.0, 0
    for nb, params, target in _by_hand_jobs(out):
        target.parent.mkdir(parents=True, exist_ok=True)
        total += _timed(
            [
                str(BIN / "papermill"),
                str(nb),
                str(target),
                "-k",
                "python3",
                "--cwd",
                str(ROOT / "notebooks"),
                "--no-progress-bar",
                *params,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        total += _timed(
            [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(target)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        count += 1
    return total, count


def time_monte_carlo() -> str:
    """The Monte Carlo benchmark's own report (200,000 draws)."""
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_uncertainty.py")],
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return proc.stdout.strip()


def time_start_up(repeat: int = 7) -> tuple[dict[str, float], str]:
    """Start-up medians (``bench_imports``) and their printed table."""
    times = bench_imports.median_times(repeat)
    return times, bench_imports.report(times, repeat)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start-up", action="store_true", help="time the start-up only")
    parser.add_argument("--explorer", action="store_true", help="time the explorer only")
    args = parser.parse_args(argv)
    if args.explorer:
        changes, page = bench_explorer.time_changes(), bench_explorer.time_page()
        print(bench_explorer.report(changes, page))
        _write({"explorer": {"changes": changes, "page": page}})
        return 0
    start_up, start_up_text = time_start_up()
    print(start_up_text)
    if args.start_up:
        return 0
    # The runner writes only inside the project (analysis.run.safeguards): time it in reports/.
    (ROOT / "reports").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".bench-", dir=ROOT / "reports") as tmp:
        tmp_path = Path(tmp)
        runner = time_runner(tmp_path / "runner")
        by_hand, count = time_by_hand(tmp_path / "by_hand")
    mc = time_monte_carlo()
    changes, page = bench_explorer.time_changes(), bench_explorer.time_page()
    machine = f"{platform.machine()}, {os.cpu_count()} cores"
    result = {
        "machine": f"{machine}, Python {platform.python_version()}",
        "start_up_seconds": {name: round(t, 3) for name, t in start_up.items()},
        "import_ratio_analysis_to_pandas": round(
            start_up["import analysis"] / start_up["import pandas"], 2
        ),
        "notebook_runs": count,
        "runner_seconds": round(runner, 1),
        "by_hand_seconds": round(by_hand, 1),
        "speed_up": round(by_hand / runner, 2),
        "monte_carlo": mc,
        "explorer": {"changes": changes, "page": page},
    }
    print(f"machine                      {result['machine']}")
    print(f"notebook runs                {count}")
    print(f"make report (runner)         {runner:7.1f} s")
    print(f"papermill + nbconvert CLIs   {by_hand:7.1f} s  (one at a time)")
    print(f"speed-up                     {by_hand / runner:7.2f} x")
    print(mc)
    print(bench_explorer.report(changes, page))
    _write(result)
    return 0


def _write(result: dict) -> None:
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
