"""What relative sector prices add to the structure outlook (analysis.outlook.relative_prices)."""

from dataclasses import replace

import pytest

from analysis import load_baselines, load_series, load_targets
from analysis.data.scenarios import load_scenario, scenario_path
from analysis.economics.montecarlo import simulate_targets
from analysis.outlook import scenario_outlook as outlook
from analysis.outlook.relative_prices import SHARE_SECTOR, added_spread, relative_price_effect

N_DRAWS, SEED = 4000, 11


@pytest.mark.parametrize(
    ("with_source", "without", "added"),
    [
        (0.5, 0.3, 0.4),  # √(0.25 − 0.09) = √0.16
        (0.013, 0.005, 0.012),  # √(0.000169 − 0.000025) = √0.000144
        (0.05, 0.0, 0.05),
        (0.3, 0.5, 0.0),  # sampling noise: nothing added, never an imaginary spread
    ],
)
def test_added_spread(with_source, without, added):
    assert added_spread(with_source, without) == pytest.approx(added, abs=1e-15)


@pytest.fixture(scope="module")
def target_outlook():
    sc = load_scenario(scenario_path("target"))
    series, baselines = load_series(), load_baselines()
    targets = outlook.macro_targets(load_targets(), sc.structure_convention)
    calibration = outlook.scenario_calibration(sc, series, base_year=2023)
    setup = outlook.outlook_setup(
        sc, baselines=baselines, series=series, calibration=calibration, base_year=2023
    )
    result = outlook.scenario_outlook(
        sc,
        n_draws=N_DRAWS,
        seed=SEED,
        baselines=baselines,
        series=series,
        targets=targets,
        base_year=2023,
    )
    return setup, targets, result


def test_prices_held_fixed_reuse_the_draws(target_outlook):
    setup, targets, result = target_outlook
    effect = relative_price_effect(setup, targets, result)
    assert effect.tau == float(setup.sectors.relative_price_sd) > 0
    assert (effect.fixed.seed, effect.fixed.n_draws) == (SEED, N_DRAWS)
    # Relative prices do not touch growth or the draws drawn before them.
    assert (effect.fixed.annual_growth == result.annual_growth).all()
    assert effect.probability_fixed("growth") == result.table.loc["growth", "probability"]
    sd_with = result.shares[SHARE_SECTOR].std()
    sd_without = effect.fixed.shares[SHARE_SECTOR].std()
    assert sd_without < sd_with
    assert effect.share_sd == pytest.approx((sd_with**2 - sd_without**2) ** 0.5, rel=1e-12)
    assert effect.probability_fixed("structure") == float(
        effect.fixed.table.loc["structure", "probability"]
    )


def test_without_relative_prices_they_add_nothing(target_outlook):
    setup, targets, _ = target_outlook
    still = replace(setup, sectors=replace(setup.sectors, relative_price_sd=0.0))

    result = simulate_targets(still, targets, n_draws=N_DRAWS, seed=SEED)
    effect = relative_price_effect(still, targets, result)
    assert effect.tau == 0.0
    assert effect.share_sd == 0.0
    for event in ("structure", "joint"):
        assert effect.probability_fixed(event) == result.table.loc[event, "probability"]
