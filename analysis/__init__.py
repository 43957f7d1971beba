"""Bắc Giang plan-scenario analysis: the resolution as data, planning arithmetic, reports.

The package is in layers, one subpackage each, every import pointing down:

- :mod:`analysis.run`: orchestration: the report runner (planning the jobs, executing,
  exporting, manifest, publishing, the index page), safeguards, PDF copies, the command line;
- :mod:`analysis.report`: what readers see: labels and number formats, charts, tables,
  narrative helpers, the HTML templates;
- :mod:`analysis.outlook`: a plan and a scenario composed into the economics' inputs, and
  the results collected;
- :mod:`analysis.data`: paths; everything read from disk and validated;
- :mod:`analysis.economics`: the pure core (floats, arrays, Series and DataFrames in and out).

This module is the face: the public names below, each loaded from its module on first use
(PEP 562), so that ``import analysis`` and ``python -m analysis --help`` load none of the
libraries the work needs (pandas, scipy, pydantic, pandera, matplotlib, the runner).

Growth rates and shares are fractions inside the code (0.145) and percent in files (14.5).
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# Public name -> the module it lives in. One line per name: when a module moves, change its
# path here (the test of the face checks that every name resolves).
_PUBLIC: dict[str, str] = {
    # errors
    "AnalysisError": "analysis.errors",
    "InputError": "analysis.errors",
    "InputErrors": "analysis.errors",
    "RunError": "analysis.errors",
    # data
    "load_assumptions": "analysis.data.tables",
    "load_baselines": "analysis.data.tables",
    "load_series": "analysis.data.tables",
    "load_targets": "analysis.data.tables",
    "load_actuals": "analysis.data.actuals",
    "load_plan": "analysis.data.plans",
    "Plan": "analysis.data.plans",
    "load_actuals_dir": "analysis.data.actuals",
    "Scenario": "analysis.data.scenarios",
    "check_scenarios": "analysis.data.scenarios",
    "load_scenario": "analysis.data.scenarios",
    "load_scenarios": "analysis.data.scenarios",
    # economics: growth, quarters, structure, projection
    "per_capita_growth": "analysis.economics.growth",
    "required_deflator": "analysis.economics.growth",
    "cumulative_growth": "analysis.economics.quarters",
    "quarterly_from_cumulative": "analysis.economics.quarters",
    "required_remaining_growth": "analysis.economics.quarters",
    "CONVENTIONS": "analysis.economics.structure",
    "SECTORS": "analysis.economics.structure",
    "aggregate_growth": "analysis.economics.structure",
    "contributions": "analysis.economics.structure",
    "convert_structure": "analysis.economics.structure",
    "implied_weights": "analysis.economics.structure",
    "project_shares": "analysis.economics.structure",
    "ProjectionInputs": "analysis.economics.projection",
    "project_year": "analysis.economics.projection",
    "required_path": "analysis.economics.projection",
    "ytd_path": "analysis.economics.projection",
    # economics: consistency
    "REPORT_COLUMNS": "analysis.economics.consistency_rows",
    "REPORT_VERDICTS": "analysis.economics.consistency_rows",
    "consistency_report": "analysis.economics.consistency_report",
    "consistency_report_from_tables": "analysis.outlook.consistency_inputs",
    "sector_plan_check": "analysis.economics.consistency_report",
    "icor_check": "analysis.economics.consistency_ratios",
    "implied_deflators": "analysis.economics.consistency_per_head",
    "per_head_check": "analysis.economics.consistency_per_head",
    "productivity_check": "analysis.economics.consistency_ratios",
    "ratio_check": "analysis.economics.consistency_ratios",
    "relative_productivity": "analysis.economics.consistency_ratios",
    "structure_check": "analysis.economics.consistency_structure",
    # economics: solver
    "GrowthBaseline": "analysis.economics.sector_growth",
    "StructureSolution": "analysis.economics.structure_solution",
    "baseline_years": "analysis.economics.sector_growth",
    "equal_prices": "analysis.economics.closures",
    "given_growth": "analysis.economics.closures",
    "historical_baseline": "analysis.economics.sector_growth",
    "min_deviation": "analysis.economics.closures",
    "structure_weights": "analysis.economics.sector_growth",
    # economics: uncertainty
    "BenchmarkForecast": "analysis.economics.benchmark",
    "Calibration": "analysis.economics.calibration",
    "MacroTargets": "analysis.economics.montecarlo",
    "MonteCarloResult": "analysis.economics.montecarlo",
    "MonteCarloSetup": "analysis.economics.montecarlo",
    "SectorScales": "analysis.economics.calibration",
    "SectorSetup": "analysis.economics.sector_draws",
    "TwoPieceNormal": "analysis.economics.distributions",
    "calibrate_scales": "analysis.economics.calibration",
    "calibrate_sector_scales": "analysis.economics.calibration",
    "fan_quantiles": "analysis.economics.montecarlo",
    "in_year_distribution": "analysis.economics.in_year",
    "narrowed_sigma": "analysis.economics.in_year",
    "quarters_known": "analysis.economics.in_year",
    "random_walk_benchmark": "analysis.economics.benchmark",
    "simulate_targets": "analysis.economics.montecarlo",
    # economics: scorecard
    "assess": "analysis.economics.scorecard",
    "in_year_view": "analysis.economics.scorecard_in_year",
    "summary": "analysis.economics.scorecard",
    "ytd_growth": "analysis.economics.scorecard_in_year",
    # outlook
    "base_levels": "analysis.outlook.inputs",
    "in_year_record": "analysis.outlook.quarter_weights",
    "Exploration": "analysis.outlook.explorer",
    "ExplorerSettings": "analysis.outlook.explorer_settings",
    "explore": "analysis.outlook.explorer",
    "explorer_basis": "analysis.outlook.explorer",
    "outlook_rows": "analysis.outlook.scenario_outlook",
    "plan_outturn": "analysis.outlook.retrospective",
    "plan_summary": "analysis.outlook.summary",
    "record_through": "analysis.outlook.record",
    "scenario_outlook": "analysis.outlook.scenario_outlook",
    "save_settings": "analysis.outlook.scenario_saving",
    "scenario_results": "analysis.outlook.results",
    "settings_from_scenario": "analysis.outlook.explorer_settings",
    # report: the explorer page (ipywidgets, loaded only here)
    "open_explorer": "analysis.report.explorer_widgets",
    # run
    "export_html": "analysis.run.export",
    "run_reports": "analysis.run.runner",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> Any:
    """Load a public name from its module on first use (then keep it here)."""
    try:
        module = _PUBLIC[name]
    except KeyError:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names and the module's own attributes, for completion and ``dir()``."""
    return sorted({*globals(), *_PUBLIC})
