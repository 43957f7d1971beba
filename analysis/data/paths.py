"""Where the project's files are: one module of path constants.

``BACGIANG_PLAN_ROOT`` overrides the project root (tests use it to run in a temporary copy).
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def project_root() -> Path:
    """The project root: ``$BACGIANG_PLAN_ROOT`` if set, else the folder above the package."""
    env = os.environ.get("BACGIANG_PLAN_ROOT")
    return Path(env).resolve() if env else PACKAGE_DIR.parent


ROOT = project_root()
DATA_RAW = ROOT / "data" / "raw"
DATA_PROCESSED = ROOT / "data" / "processed"
ACTUALS_DIR = DATA_RAW / "actuals"
SCENARIOS_DIR = ROOT / "scenarios"
NOTEBOOKS_DIR = ROOT / "notebooks"
REPORTS_DIR = ROOT / "reports"

TARGETS_FILE = DATA_RAW / "targets_2024.csv"
TARGET_GROUPS_FILE = DATA_RAW / "target_groups.csv"
BASELINES_FILE = DATA_RAW / "baselines_2023.csv"
SERIES_FILE = DATA_RAW / "published_series.csv"
ASSUMPTIONS_FILE = DATA_RAW / "assumptions.csv"
