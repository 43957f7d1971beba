"""Bắc Giang 2024 plan-scenario analysis: the resolution as data, planning arithmetic, reports.

Layers (each imports only those above it in this list):

1. paths and data: :mod:`analysis.paths`, :mod:`analysis.data`
2. economics (pure functions, no I/O): :mod:`analysis.growth`, :mod:`analysis.quarters`,
   :mod:`analysis.structure`, :mod:`analysis.projection`, :mod:`analysis.solver`,
   :mod:`analysis.consistency`, :mod:`analysis.uncertainty`, :mod:`analysis.scorecard`
3. presentation: :mod:`analysis.labels`, :mod:`analysis.charts`
4. orchestration: :mod:`analysis.scenarios`, :mod:`analysis.runner`, :mod:`analysis.cli`

Growth rates and shares are fractions inside the code (0.145) and percent in files (14.5).
"""

from analysis.errors import AnalysisError, InputError, InputErrors, RunError

# --- data -------------------------------------------------------------------------------
from analysis.data import (
    load_assumptions,
    load_baselines,
    load_series,
    load_targets,
)
from analysis.actuals import load_actuals, load_actuals_dir

# --- economics: growth, quarters, structure ----------------------------------------------
from analysis.growth import per_capita_growth, required_deflator
from analysis.projection import (
    ProjectionInputs,
    project_year,
    required_path,
    ytd_path,
)
from analysis.quarters import (
    cumulative_growth,
    quarterly_from_cumulative,
    required_remaining_growth,
)
from analysis.structure import (
    CONVENTIONS,
    SECTORS,
    aggregate_growth,
    contributions,
    convert_structure,
    implied_weights,
    project_shares,
)

# --- economics: projection, solver, consistency ----------------------------------------
from analysis.consistency import (
    REPORT_COLUMNS,
    REPORT_VERDICTS,
    consistency_report,
    consistency_report_from_tables,
    icor_check,
    implied_deflators,
    per_head_check,
    productivity_check,
    ratio_check,
    relative_productivity,
    structure_check,
)
from analysis.solver import (
    GrowthBaseline,
    StructureSolution,
    equal_prices,
    given_growth,
    historical_baseline,
    min_deviation,
    structure_weights,
)

# --- economics: uncertainty ----------------------------------------------------------------
from analysis.uncertainty import (
    BenchmarkForecast,
    Calibration,
    MacroTargets,
    MonteCarloResult,
    MonteCarloSetup,
    SectorScales,
    SectorSetup,
    TwoPieceNormal,
    calibrate_scales,
    calibrate_sector_scales,
    fan_quantiles,
    in_year_distribution,
    narrowed_sigma,
    quarters_known,
    random_walk_benchmark,
    simulate_targets,
)

# --- economics: scorecard ----------------------------------------------------------------
from analysis.scorecard import assess, in_year_view, summary, ytd_growth

# --- orchestration -------------------------------------------------------------------------
from analysis.outlook import outlook_rows, scenario_outlook
from analysis.results import scenario_results
from analysis.runner import export_html, run_reports
from analysis.scenarios import Scenario, check_scenarios, load_scenario, load_scenarios

__version__ = "0.1.0"
