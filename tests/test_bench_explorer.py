"""``make bench``'s explorer timings run and report (what they measure is never asserted)."""

from __future__ import annotations

import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import bench_explorer  # noqa: E402


def test_in_process_timing_moves_every_control_and_reports():
    changes = bench_explorer.time_changes(changes=10)
    assert changes["change_to_update"]["n"] == 10
    assert changes["growth_14_5_to_15_5"]["n"] == 2
    assert changes["draws"] == 20_000
    text = bench_explorer.report(changes, {"skipped": "Chromium is not installed"})
    assert "a control's change -> updated" in text
    assert "under Voilà: skipped (Chromium is not installed)" in text
