"""``make bench``: time the start-up, the default report four ways, the Monte Carlo and
the explorer.

0. Start-up: ``import pandas``, ``import analysis`` and ``python -m analysis --help`` in fresh
   interpreters, median of several runs, with the ratio import analysis / import pandas
   (``benchmarks/bench_imports.py``; ``python benchmarks/run.py --start-up`` times this alone).
1. The full default report four ways in a copy of the project (``benchmarks/bench_runner.py``):
   the bare command-line loop (each notebook run with the ``papermill`` then the ``jupyter
   nbconvert`` command line, one at a time), the runner cold, the runner again with nothing
   changed, and the runner after one scenario's growth changes; with the ratios.
2. The Monte Carlo of the 2024 targets (``benchmarks/bench_uncertainty.py``).
3. The what-if explorer (``benchmarks/bench_explorer.py``): the median time from a control's
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
from pathlib import Path

import bench_explorer  # beside these scripts, so on the path when it runs
import bench_imports
import bench_runner

ROOT = Path(__file__).resolve().parents[1]


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
    with tempfile.TemporaryDirectory(prefix="bacgiang-bench-") as tmp:
        runner = bench_runner.time_runner_four_ways(Path(tmp))
    mc = time_monte_carlo()
    changes, page = bench_explorer.time_changes(), bench_explorer.time_page()
    machine = f"{platform.machine()}, {os.cpu_count()} cores"
    result = {
        "machine": f"{machine}, Python {platform.python_version()}",
        "start_up_seconds": {name: round(t, 3) for name, t in start_up.items()},
        "import_ratio_analysis_to_pandas": round(
            start_up["import analysis"] / start_up["import pandas"], 2
        ),
        "notebook_runs": runner.notebook_runs,
        "report_seconds": {
            "bare_loop": round(runner.bare_loop, 1),
            **{f"runner_{way}": round(t, 1) for way, t in runner.medians().items()},
        },
        "report_seconds_each_run": {
            "runner_cold": [round(t, 1) for t in runner.cold],
            "runner_unchanged": [round(t, 1) for t in runner.unchanged],
            "runner_one_scenario": [round(t, 1) for t in runner.one_scenario],
        },
        "edited_scenario": runner.edited_scenario,
        "executed_notebook_runs": {
            "unchanged": runner.executed_unchanged,
            "one_scenario": runner.executed_one_scenario,
        },
        **runner.ratios(),
        "monte_carlo": mc,
        "explorer": {"changes": changes, "page": page},
    }
    print(f"machine                       {result['machine']}")
    print(bench_runner.report(runner))
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
