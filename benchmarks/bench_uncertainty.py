"""Time the Monte Carlo of the 2024 macro targets: 200,000 draws, with and without sectors.

Prints seconds per run (best of a few repeats); asserts nothing. Run from the project root:
``.venv/bin/python benchmarks/bench_uncertainty.py [n_draws]``.

Inputs are illustrative, in the shape a scenario gives them (fractions): growth calibrated on
the published 2016–2023 record and the 2023 plan miss, 2023 weights revealed by the
contributions, the province's 2023 shares (taxes in services) and the resolution's targets.
"""

from __future__ import annotations

import sys
import time

import pandas as pd

from analysis.economics.calibration import calibrate_scales
from analysis.economics.distributions import TwoPieceNormal
from analysis.economics.montecarlo import MacroTargets, MonteCarloSetup, simulate_targets
from analysis.economics.sector_draws import SectorSetup
from analysis.economics.structure import aggregate_growth

RECORD = (
    pd.Series([10.73, 13.33, 15.96, 16.10, 13.0, 7.82, 19.30, 13.45], index=range(2016, 2024)) / 100
)
SECTOR_GROWTH = {"industry_construction": 0.18, "services": 0.08, "agriculture": 0.03}
WEIGHTS = {"industry_construction": 0.689, "services": 0.189, "agriculture": 0.122}
SHARES = {"industry_construction": 0.657, "services": 0.213, "agriculture": 0.130}
TARGETS = MacroTargets(
    growth=0.145,
    per_capita_usd=4500.0,
    shares={"industry_construction": 0.68, "services": 0.206, "agriculture": 0.114},
    share_tolerance=0.005,
)


def _setup(with_sectors: bool) -> MonteCarloSetup:
    cal = calibrate_scales(RECORD, pd.Series({2023: 0.145}))
    sectors = SectorSetup(
        growth=SECTOR_GROWTH,
        weights=WEIGHTS,
        shares=SHARES,
        loadings={"industry_construction": 1.34, "services": 0.12, "agriculture": 0.30},
        idiosyncratic_sigma={
            "industry_construction": 0.026,
            "services": 0.009,
            "agriculture": 0.033,
        },
        price_change=0.027,
        convention="taxes_in_services",
    )
    return MonteCarloSetup(
        growth=cal.growth_distribution(float(aggregate_growth(WEIGHTS, SECTOR_GROWTH))),
        deflator=TwoPieceNormal.symmetric(0.027, cal.deflator_sigma),
        population_growth=TwoPieceNormal.symmetric(0.0168, cal.population_sigma),
        depreciation=TwoPieceNormal.symmetric(0.017, cal.depreciation_sigma),
        per_capita_base_usd=3950.0,
        quarterly_weights=(0.21, 0.25, 0.265, 0.275),
        sectors=sectors if with_sectors else None,
    )


def _best_of(setup: MonteCarloSetup, n_draws: int, repeats: int = 3) -> float:
    times = []
    for seed in range(repeats):
        start = time.perf_counter()
        simulate_targets(setup, TARGETS, n_draws=n_draws, seed=seed)
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str]) -> None:
    n_draws = int(argv[0]) if argv else 200_000
    for label, with_sectors in (("aggregate only", False), ("with sectors", True)):
        seconds = _best_of(_setup(with_sectors), n_draws)
        print(f"uncertainty Monte Carlo, {n_draws:,} draws, {label}: {seconds:.3f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
