"""Start-up times: ``import pandas``, ``import analysis`` and ``python -m analysis --help``.

Each is timed in fresh interpreters (wall clock of the whole process, interpreter start-up
included, as a planner feels it), several times, and the median kept. ``import analysis``
loads its public names lazily, so it should stay within 1.5 times ``import pandas``, and the
command line's help under 0.4 s. Prints the table; asserts nothing.

Run alone: ``python benchmarks/bench_imports.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

COMMANDS = {
    "python (start-up only)": ["-c", "pass"],
    "import pandas": ["-c", "import pandas"],
    "import analysis": ["-c", "import analysis"],
    "python -m analysis --help": ["-m", "analysis", "--help"],
}
"""What is timed: arguments to the interpreter."""

RATIO_AIM = 1.5
"""``import analysis`` within this many times ``import pandas``."""

HELP_AIM = 0.4
"""``python -m analysis --help`` under this many seconds."""


def _environment() -> dict[str, str]:
    """The current environment with this checkout first on ``PYTHONPATH``."""
    paths = [str(ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(dict.fromkeys(paths))}


def time_once(arguments: list[str]) -> float:
    """Seconds a fresh interpreter takes to run ``arguments``."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, *arguments],
        check=True,
        cwd=ROOT,
        env=_environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def median_times(repeat: int = 7) -> dict[str, float]:
    """The median seconds of each of :data:`COMMANDS`, timed in turn ``repeat`` times."""
    runs: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(repeat):  # interleaved, so that a busy moment touches every command alike
        for name, arguments in COMMANDS.items():
            runs[name].append(time_once(arguments))
    return {name: statistics.median(times) for name, times in runs.items()}


def report(times: dict[str, float], repeat: int) -> str:
    """The timings as lines of text, with the ratio and the aims."""
    ratio = times["import analysis"] / times["import pandas"]
    help_time = times["python -m analysis --help"]
    lines = [f"start-up, median of {repeat} fresh interpreters:"]
    lines += [f"  {name:<28} {seconds:7.3f} s" for name, seconds in times.items()]
    lines.append(
        f"  import analysis / pandas     {ratio:7.2f} x  (aim <= {RATIO_AIM} x: "
        f"{'met' if ratio <= RATIO_AIM else 'NOT met'})"
    )
    lines.append(
        f"  --help                       {help_time:7.3f} s  (aim < {HELP_AIM} s: "
        f"{'met' if help_time < HELP_AIM else 'NOT met'})"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs per command (default 7)")
    args = parser.parse_args(argv)
    print(report(median_times(args.repeat), args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
