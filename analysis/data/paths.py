"""Where the project's files are: one module of path constants, and the files of a plan pack.

A plan pack is one resolution as data: ``data/raw/plans/<plan-id>/`` holds ``plan.yaml``,
``targets.csv``, ``target_groups.csv``, ``baselines.csv``, ``assumptions.csv`` and
``actuals/*.csv``; its scenarios live in ``scenarios/<plan-id>/`` and its processed tables in
``data/processed/<plan-id>/``. Series that span years are shared:
``data/raw/published_series.csv``. ``data/raw/plans/default.yaml`` names the pack used when none
is given.

``BACGIANG_PLAN_ROOT`` overrides the project root (tests use it to run in a temporary copy).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def project_root() -> Path:
    """The project root: ``$BACGIANG_PLAN_ROOT`` if set, else the folder above the package."""
    env = os.environ.get("BACGIANG_PLAN_ROOT")
    return Path(env).resolve() if env else PACKAGE_DIR.parent


ROOT = project_root()
"""The project root. Every path below is derived from it when asked for, so that a test (or a
run on a copy) that points ``ROOT`` elsewhere moves them all."""
NOTEBOOKS_DIR = ROOT / "notebooks"
REPORTS_DIR = ROOT / "reports"

SERIES_FILE = "published_series.csv"
DEFAULT_PLAN_FILE = "default.yaml"
PLAN_FILE = "plan.yaml"
TARGETS_FILE = "targets.csv"
TARGET_GROUPS_FILE = "target_groups.csv"
BASELINES_FILE = "baselines.csv"
ASSUMPTIONS_FILE = "assumptions.csv"
ACTUALS_FOLDER = "actuals"


@dataclass(frozen=True)
class PlanPaths:
    """The files and folders of one plan pack."""

    plan_id: str
    folder: Path
    scenarios: Path
    processed: Path

    @property
    def plan_file(self) -> Path:
        """``plan.yaml``: the resolution, its years and its default scenario."""
        return self.folder / PLAN_FILE

    @property
    def targets(self) -> Path:
        """``targets.csv``: one row per target figure of the resolution."""
        return self.folder / TARGETS_FILE

    @property
    def target_groups(self) -> Path:
        """``target_groups.csv``: the titles of the resolution's groups of targets."""
        return self.folder / TARGET_GROUPS_FILE

    @property
    def baselines(self) -> Path:
        """``baselines.csv``: the base year's results the resolution starts from."""
        return self.folder / BASELINES_FILE

    @property
    def assumptions(self) -> Path:
        """``assumptions.csv``: the figures no document publishes, each with its basis."""
        return self.folder / ASSUMPTIONS_FILE

    @property
    def actuals(self) -> Path:
        """``actuals/``: the results published during and after the plan year."""
        return self.folder / ACTUALS_FOLDER


def plan_paths(plan_id: str, root: str | Path | None = None) -> PlanPaths:
    """The files of the pack ``plan_id`` under ``root`` (default: this project).

    Only joins paths; :func:`analysis.data.plan_spec.check_plan_id` says whether the pack exists
    and lies inside ``data/raw/plans/``.
    """
    base = _base(root)
    return PlanPaths(
        plan_id=plan_id,
        folder=plans_dir(base) / plan_id,
        scenarios=base / "scenarios" / plan_id,
        processed=base / "data" / "processed" / plan_id,
    )


def _base(root: str | Path | None) -> Path:
    return Path(root) if root is not None else ROOT


def raw_dir(root: str | Path | None = None) -> Path:
    """``data/raw`` under ``root`` (default: this project)."""
    return _base(root) / "data" / "raw"


def plans_dir(root: str | Path | None = None) -> Path:
    """``data/raw/plans`` under ``root`` (default: this project)."""
    return raw_dir(root) / "plans"


def default_plan_file(root: str | Path | None = None) -> Path:
    """``data/raw/plans/default.yaml``: the pack used when none is named."""
    return plans_dir(root) / DEFAULT_PLAN_FILE


def series_file(root: str | Path | None = None) -> Path:
    """The shared published series under ``root`` (default: this project)."""
    return raw_dir(root) / SERIES_FILE
