"""Bắc Giang 2024 plan-scenario analysis: the resolution as data, planning arithmetic, reports.

Layers (each imports only those above it in this list):

1. paths and data: :mod:`analysis.data.paths`, :mod:`analysis.data.tables`
2. economics (pure functions, no I/O): :mod:`analysis.economics.growth`,
:mod:`analysis.economics.quarters`,
   :mod:`analysis.economics.structure`, :mod:`analysis.economics.projection`,
   :mod:`analysis.economics.solver`,
   :mod:`analysis.economics.consistency`, :mod:`analysis.economics.uncertainty`,
   :mod:`analysis.economics.scorecard`
3. presentation: :mod:`analysis.report.labels`, :mod:`analysis.report.charts`
4. orchestration: :mod:`analysis.data.scenarios`, :mod:`analysis.run.runner`,
:mod:`analysis.run.cli`

Growth rates and shares are fractions inside the code (0.145) and percent in files (14.5).
"""

from analysis.errors import AnalysisError, InputError, InputErrors, RunError

# --- data -------------------------------------------------------------------------------
from analysis.data.tables import (
    load_assumptions,
    load_baselines,
    load_series,
    load_targets,
)
from analysis.data.actuals import load_actuals, load_actuals_dir

# --- economics: growth, quarters, structure ----------------------------------------------
from analysis.economics.growth import per_capita_growth, required_deflator
from analysis.economics.projection import (
    ProjectionInputs,
    project_year,
    required_path,
    ytd_path,
)
from analysis.economics.quarters import (
    cumulative_growth,
    quarterly_from_cumulative,
    required_remaining_growth,
)
from analysis.economics.structure import (
    CONVENTIONS,
    SECTORS,
    aggregate_growth,
    contributions,
    convert_structure,
    implied_weights,
    project_shares,
)

# --- economics: projection, solver, consistency ----------------------------------------
from analysis.economics.consistency_rows import REPORT_COLUMNS, REPORT_VERDICTS
from analysis.economics.consistency_report import consistency_report
from analysis.economics.consistency_per_head import implied_deflators, per_head_check
from analysis.economics.consistency_structure import structure_check
from analysis.economics.consistency_ratios import (
    icor_check,
    productivity_check,
    ratio_check,
    relative_productivity,
)
from analysis.economics.closures import equal_prices, given_growth, min_deviation
from analysis.economics.sector_growth import (
    GrowthBaseline,
    historical_baseline,
    structure_weights,
)
from analysis.economics.structure_solution import StructureSolution

# --- economics: uncertainty ----------------------------------------------------------------
from analysis.economics.benchmark import BenchmarkForecast, random_walk_benchmark
from analysis.economics.calibration import (
    Calibration,
    SectorScales,
    calibrate_scales,
    calibrate_sector_scales,
)
from analysis.economics.distributions import TwoPieceNormal
from analysis.economics.in_year import in_year_distribution, narrowed_sigma, quarters_known
from analysis.economics.montecarlo import (
    MacroTargets,
    MonteCarloResult,
    MonteCarloSetup,
    fan_quantiles,
    simulate_targets,
)
from analysis.economics.sector_draws import SectorSetup

# --- economics: scorecard ----------------------------------------------------------------
from analysis.economics.scorecard import assess, summary
from analysis.economics.scorecard_in_year import in_year_view, ytd_growth

# --- orchestration -------------------------------------------------------------------------
from analysis.outlook.scenario_outlook import outlook_rows, scenario_outlook
from analysis.outlook.results import scenario_results
from analysis.outlook.consistency_inputs import consistency_report_from_tables
from analysis.run.runner import export_html, run_reports
from analysis.data.scenarios import Scenario, check_scenarios, load_scenario, load_scenarios

__version__ = "0.1.0"
