"""A plan pack loaded: one resolution as data, validated, with its scenarios and actual results.

:func:`load_plan` reads ``data/raw/plans/<plan-id>/`` (the default pack when no id is given)
and returns a :class:`Plan`: the validated ``plan.yaml`` (:class:`PlanSpec`), the targets, the
groups' titles, the baselines, the assumptions, the pack's actual results (possibly empty) and
the scenarios of ``scenarios/<plan-id>/``. Everything the reports need to know about the year
comes from here: the plan year, the base year and the periods of the year.

>>> plan = load_plan()                      # doctest: +SKIP
>>> plan.id, plan.plan_year, plan.periods   # doctest: +SKIP
('bac-giang-2024', 2024, ('2024-Q1', '2024-6M', '2024-9M', '2024'))
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import pandas as pd

from analysis.data import paths
from analysis.data.actuals import load_actuals_dir
from analysis.data.plan_spec import PlanSpec, plan_ids, read_plan_spec, resolve_plan_id
from analysis.data.scenarios import Scenario, load_scenario, load_scenarios, scenario_path
from analysis.data.tables import load_pack_tables, load_series
from analysis.economics.periods import in_year_periods, plan_periods
from analysis.errors import InputError


class Plan:
    """One plan pack, validated: the resolution's targets and everything needed to judge them.

    Attributes
    ----------
    spec : PlanSpec
        ``plan.yaml``.
    paths : PlanPaths
        The pack's files and folders (its scenarios and processed tables too).
    targets, target_groups, baselines, assumptions : DataFrame
        The pack's tables (:mod:`analysis.data.tables`).
    actuals : DataFrame
        The pack's actual results, validated against its targets and its year (possibly empty).
    series : DataFrame
        The published series shared by every pack.
    """

    def __init__(self, spec: PlanSpec, plan_paths: paths.PlanPaths, tables: dict) -> None:
        self.spec = spec
        self.paths = plan_paths
        self.targets: pd.DataFrame = tables["targets"]
        self.target_groups: pd.DataFrame = tables["target_groups"]
        self.baselines: pd.DataFrame = tables["baselines"]
        self.assumptions: pd.DataFrame = tables["assumptions"]
        self.series: pd.DataFrame = tables["published_series"]
        self.actuals: pd.DataFrame = load_actuals_dir(None, self.targets, plan=self)

    def __repr__(self) -> str:
        return f"Plan({self.id!r}, plan_year={self.plan_year}, base_year={self.base_year})"

    @property
    def id(self) -> str:
        """The pack's id (its folder name)."""
        return self.spec.id

    @property
    def plan_year(self) -> int:
        """The year the resolution plans."""
        return self.spec.plan_year

    @property
    def base_year(self) -> int:
        """The year whose results the plan starts from (the year before the plan year)."""
        return self.spec.base_year

    @property
    def periods(self) -> tuple[str, ...]:
        """The plan year's periods: ``<year>-Q1``, ``-6M``, ``-9M`` to date, then ``<year>``."""
        return plan_periods(self.plan_year)

    @property
    def in_year_periods(self) -> tuple[str, ...]:
        """The plan year's year-to-date periods (``<year>-Q1``, ``-6M``, ``-9M``)."""
        return in_year_periods(self.plan_year)

    @property
    def final_period(self) -> str:
        """The period of the year's result (``<year>``)."""
        return str(self.plan_year)

    @property
    def default_scenario(self) -> str:
        """The scenario stating the resolution's own plan (``plan.yaml``)."""
        return self.spec.default_scenario

    @property
    def seed(self) -> int:
        """The Monte Carlo seed of this pack's reports."""
        return self.spec.seed

    def title(self, lang: str = "vi") -> str:
        """The resolution's title in ``lang``."""
        return self.spec.title.en if lang == "en" else self.spec.title.vi

    def province(self, lang: str = "vi") -> str:
        """The province's name in ``lang``."""
        return self.spec.province.en if lang == "en" else self.spec.province.vi

    def scenario_path(self, name_or_path: str | Path | None = None) -> Path:
        """The file of a scenario of this pack (by name), or the path given; default scenario."""
        return scenario_path(name_or_path or self.default_scenario, self.paths.scenarios)

    def scenario(self, name_or_path: str | Path | None = None) -> Scenario:
        """A scenario of this pack, validated (by name or path; default the pack's own)."""
        return load_scenario(self.scenario_path(name_or_path))

    @cached_property
    def scenarios(self) -> list[Scenario]:
        """Every scenario of ``scenarios/<plan-id>/``, validated, sorted by file name."""
        return load_scenarios(None, self.paths.scenarios)


def load_plan(plan_id: str | None = None, root: str | Path | None = None) -> Plan:
    """Load and validate a plan pack (the default pack when ``plan_id`` is None or empty).

    Parameters
    ----------
    plan_id : str, optional
        A folder of ``data/raw/plans/`` (``bac-giang-2024``); not a path.
    root : path-like, optional
        The project root (default: this project, or ``$BACGIANG_PLAN_ROOT``).

    Returns
    -------
    Plan

    Raises
    ------
    InputError, InputErrors
        No such pack (or a path, or a name reaching outside ``data/raw/plans/``), a pack
        without ``plan.yaml`` or one of its tables, or any rule broken by them (file, field or
        line, and the rule), or the default scenario missing.
    """
    plan_id = resolve_plan_id(plan_id, root)
    spec = read_plan_spec(plan_id, root)
    files = paths.plan_paths(plan_id, root)
    tables = load_pack_tables(files, paths.series_file(root))
    plan = Plan(spec, files, tables)
    default = plan.scenario_path()
    if not default.is_file():
        raise InputError(
            str(files.plan_file),
            "default_scenario",
            f"names no scenario file: {default} does not exist",
        )
    return plan


def plan_summaries(root: str | Path | None = None) -> list[dict[str, object]]:
    """One line per pack for ``python -m analysis plans``: id, years, title, default or not."""
    try:
        default = resolve_plan_id(None, root)
    except InputError:
        default = None
    out = []
    for plan_id in plan_ids(root):
        spec = read_plan_spec(plan_id, root)
        out.append(
            {
                "id": spec.id,
                "plan_year": spec.plan_year,
                "base_year": spec.base_year,
                "title_vi": spec.title.vi,
                "title_en": spec.title.en,
                "default": plan_id == default,
            }
        )
    return out


__all__ = ["Plan", "PlanSpec", "load_plan", "load_series", "plan_summaries"]
