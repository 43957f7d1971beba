"""The check command: every input validated together, the processed tables written.

Raw tables, the actuals files and the scenario files are each validated by their own loader in
:mod:`analysis.data`; this module runs them all and collects every problem before raising.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.data import paths
from analysis.data.actuals import load_actuals_dir
from analysis.data.scenarios import check_scenarios
from analysis.data.tables import load_all_raw, write_processed


def check_all(write: bool = True, raw_dir: Path | None = None) -> list[str]:
    """Validate all raw data (the actuals files and the scenarios too); write the processed tables.

    Returns the summary lines; raises :class:`InputErrors` listing every problem found.
    """
    tables = load_all_raw(raw_dir)
    lines = [f"ok  {name}: {len(t)} rows" for name, t in tables.items()]
    lines.extend(_check_actuals(tables["targets_2024"], raw_dir))
    lines.extend(check_scenarios())
    if write:
        for path in write_processed(tables):
            lines.append(f"wrote {path}")
    return lines


def _check_actuals(targets: pd.DataFrame, raw_dir: Path | None = None) -> list[str]:
    """Check every ``*.csv`` of ``data/raw/actuals/`` against the targets (if the folder exists)."""
    folder = Path(raw_dir) / "actuals" if raw_dir else Path(paths.ACTUALS_DIR)
    if not folder.is_dir():
        return []
    figures = load_actuals_dir(folder, targets)
    n_files = len(list(folder.glob("*.csv")))
    return [f"ok  actuals: {len(figures)} figures from {n_files} CSV file(s) in {folder}"]
