"""Tests of analysis.economics.montecarlo (with analysis.economics.sector_draws): the
probabilities of meeting the targets, the year-to-date paths, sector growth and relative prices,
and the fan-chart quantiles.

Expected numbers are worked by hand in the comments (or come from scipy.stats.norm, numerical
integration, or the published record), never from the code under test.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import norm

from analysis.economics.distributions import TwoPieceNormal
from analysis.economics.montecarlo import (
    MacroTargets,
    MonteCarloSetup,
    fan_quantiles,
    simulate_targets,
)
from analysis.economics.sector_draws import SectorSetup

PHI = (0.21, 0.25, 0.265, 0.275)  # Bắc Giang quarterly weights, methodology section 5


def _setup(**changes) -> MonteCarloSetup:
    base = MonteCarloSetup(
        growth=TwoPieceNormal(0.13, 0.04, 0.03),
        deflator=0.027,
        population_growth=0.0168,
        depreciation=0.017,
        per_capita_base_usd=3950.0,
        quarterly_weights=PHI,
    )
    return dataclasses.replace(base, **changes)


TARGETS = MacroTargets(growth=0.145, per_capita_usd=4500.0)


def test_monte_carlo_growth_probability_matches_the_closed_form():
    result = simulate_targets(_setup(), TARGETS, n_draws=200_000, seed=11)
    row = result.table.loc["growth"]
    # P(G ≥ 0.145) = 2σ2/(σ1+σ2) Φ̄((0.145 − 0.13)/0.03) = 0.8571429 × Φ̄(0.5)
    #              = 0.8571429 × 0.3085375 = 0.2644607.
    assert row["standard_error"] == pytest.approx(
        math.sqrt(row["probability"] * (1 - row["probability"]) / 200_000)
    )
    assert abs(row["probability"] - 0.2644607) < 3 * row["standard_error"]


def test_monte_carlo_per_head_and_joint_match_the_closed_form():
    result = simulate_targets(_setup(), TARGETS, n_draws=200_000, seed=12)
    # With the deflator, population and exchange rate fixed, per head ≥ 4500 ⇔ G ≥ g*:
    # 1 + g* = (4500/3950)(1.0168)(1.017)/1.027 = 1.1392405 × 1.0168 × 1.017 / 1.027
    #        = 1.1471005 → g* = 0.1471005.
    g_star = 4500 / 3950 * 1.0168 * 1.017 / 1.027 - 1
    assert g_star == pytest.approx(0.1471005, abs=1e-7)
    # P = 0.8571429 × Φ̄((g* − 0.13)/0.03), from the closed form above.
    expected = 2 * 0.03 / 0.07 * norm.sf((g_star - 0.13) / 0.03)
    per_head = result.table.loc["per_capita"]
    assert abs(per_head["probability"] - expected) < 3 * per_head["standard_error"]
    # Jointly: both hold exactly when G ≥ max(0.145, g*) = g*, the same event.
    joint = result.table.loc["joint"]
    assert joint["probability"] == pytest.approx(per_head["probability"], abs=1e-12)
    assert joint["covers"] == "growth+per_capita"
    assert math.isnan(result.table.loc["structure", "probability"])


def test_same_seed_gives_the_same_table_and_draws():
    setup = _setup(deflator=TwoPieceNormal.symmetric(0.027, 0.015))
    a = simulate_targets(setup, TARGETS, n_draws=20_000, seed=2024)
    b = simulate_targets(setup, TARGETS, n_draws=20_000, seed=2024)
    pd.testing.assert_frame_equal(a.table, b.table)
    np.testing.assert_array_equal(a.per_capita_usd, b.per_capita_usd)
    pd.testing.assert_frame_equal(a.ytd_path, b.ytd_path)
    c = simulate_targets(setup, TARGETS, n_draws=20_000, seed=2025)
    assert not np.array_equal(a.annual_growth, c.annual_growth)


def test_unseeded_run_reports_a_seed_that_repeats_it():
    first = simulate_targets(_setup(), TARGETS, n_draws=5_000)
    again = simulate_targets(_setup(), TARGETS, n_draws=5_000, seed=first.seed)
    pd.testing.assert_frame_equal(first.table, again.table)


def test_table_shape_and_columns():
    result = simulate_targets(_setup(), TARGETS, n_draws=1_000, seed=1)
    assert list(result.table.index) == ["growth", "per_capita", "structure", "joint"]
    assert list(result.table.columns) == [
        "probability",
        "standard_error",
        "threshold",
        "covers",
        "n_draws",
    ]
    assert result.table.loc["growth", "threshold"] == 0.145
    assert (result.table["n_draws"] == 1_000).all()
    assert result.n_draws == 1_000
    assert result.ytd_path.shape == (1_000, 4)
    assert list(result.ytd_path.columns) == ["Q1", "6M", "9M", "FY"]


def test_ytd_path_ends_at_the_annual_draws():
    result = simulate_targets(_setup(), TARGETS, n_draws=10_000, seed=3)
    np.testing.assert_allclose(result.ytd_path["FY"], result.annual_growth, atol=1e-12)
    # Single quarters vary more than the year: the Q1 fan is wider than the annual one.
    assert result.ytd_path["Q1"].std() > result.ytd_path["FY"].std()


def test_ytd_actuals_fix_the_known_quarters_and_narrow_the_year():
    setup = _setup(ytd_actuals={"Q1": 0.089, "6M": 0.12})
    result = simulate_targets(setup, TARGETS, n_draws=100_000, seed=4)
    np.testing.assert_allclose(result.ytd_path["Q1"], 0.089)
    np.testing.assert_allclose(result.ytd_path["6M"], 0.12)
    assert result.quarters_known == 2
    # Mode 0.12 × 0.46 + 0.54 × 0.13 = 0.0552 + 0.0702 = 0.1254; scales × 0.7600909.
    s1, s2 = 0.04 * 0.7600909, 0.03 * 0.7600909
    assert result.annual_distribution.mode == pytest.approx(0.1254, abs=1e-12)
    # P(G ≥ 0.145) = 2 s2/(s1+s2) Φ̄((0.145 − 0.1254)/s2).
    expected = 2 * s2 / (s1 + s2) * norm.sf((0.145 - 0.1254) / s2)
    row = result.table.loc["growth"]
    assert abs(row["probability"] - expected) < 3 * row["standard_error"]


def test_full_year_known_gives_certain_events():
    result = simulate_targets(_setup(ytd_actuals={"FY": 0.15}), TARGETS, n_draws=1_000, seed=5)
    np.testing.assert_allclose(result.annual_growth, 0.15)
    assert result.table.loc["growth", "probability"] == 1.0
    assert result.table.loc["growth", "standard_error"] == 0.0
    assert result.annual_distribution == pytest.approx(0.15)


# Sector fixture: three parts in the targets' convention (services include product taxes).
SECTOR_GROWTH = {"industry_construction": 0.18, "services": 0.08, "agriculture": 0.03}
SECTOR_WEIGHTS = {"industry_construction": 0.689, "services": 0.189, "agriculture": 0.122}
SECTOR_SHARES = {"industry_construction": 0.657, "services": 0.213, "agriculture": 0.130}
# Aggregate: 0.689 × 0.18 + 0.189 × 0.08 + 0.122 × 0.03 = 0.12402 + 0.01512 + 0.00366 = 0.1428.
AGGREGATE = 0.1428
TARGET_SHARES = {"industry_construction": 0.68, "services": 0.206, "agriculture": 0.114}


def _sectors(**changes) -> SectorSetup:
    base = SectorSetup(
        growth=SECTOR_GROWTH,
        weights=SECTOR_WEIGHTS,
        shares=SECTOR_SHARES,
        loadings={"industry_construction": 1.34, "services": 0.12, "agriculture": 0.30},
        idiosyncratic_sigma={
            "industry_construction": 0.026,
            "services": 0.009,
            "agriculture": 0.033,
        },
        price_change=0.027,
        convention="taxes_in_services",
    )
    return dataclasses.replace(base, **changes)


@pytest.mark.parametrize(("tolerance", "expected"), [(0.005, 1.0), (0.004, 0.0), (0.0, 0.0)])
def test_structure_with_a_near_certain_year_matches_the_hand_shares(tolerance, expected):
    setup = _setup(
        growth=TwoPieceNormal(AGGREGATE, 1e-9, 1e-9),
        sectors=_sectors(idiosyncratic_sigma=dict.fromkeys(SECTOR_GROWTH, 0.0)),
    )
    targets = MacroTargets(0.145, 4500.0, TARGET_SHARES, tolerance)
    result = simulate_targets(setup, targets, n_draws=2_000, seed=6)
    # s(1+g): 0.657 × 1.18 = 0.77526, 0.213 × 1.08 = 0.23004, 0.130 × 1.03 = 0.1339;
    # sum 1.1392 → shares 0.680530, 0.201931, 0.117539 (a common price change cancels).
    np.testing.assert_allclose(
        result.shares.iloc[0].to_numpy(), [0.680530, 0.201931, 0.117539], atol=1e-6
    )
    # Distances to 68 / 20.6 / 11.4: 0.00053, 0.00407, 0.00354 → within 0.005, not 0.004 or 0.
    assert result.table.loc["structure", "probability"] == expected
    assert result.table.loc["structure", "threshold"] == tolerance


def test_sectors_do_not_change_the_aggregate_draws():
    plain = simulate_targets(_setup(growth=TwoPieceNormal(AGGREGATE, 0.04, 0.03)), TARGETS, seed=8)
    with_sectors = simulate_targets(
        _setup(growth=TwoPieceNormal(AGGREGATE, 0.04, 0.03), sectors=_sectors()),
        MacroTargets(0.145, 4500.0, TARGET_SHARES, 0.005),
        seed=8,
    )
    # Σ w λ is rescaled to 1 and Σ w η = 0, so aggregate_growth(w, g) reproduces G.
    np.testing.assert_allclose(with_sectors.annual_growth, plain.annual_growth, atol=1e-12)
    table = with_sectors.table
    assert table.loc["joint", "covers"] == "growth+per_capita+structure"
    # Counted here from the draws: every share within 0.5 point of its target, and the joint
    # event with growth >= 14.5 % and GRDP per head >= 4,500 USD.
    gaps = (with_sectors.shares[list(TARGET_SHARES)] - list(TARGET_SHARES.values())).abs()
    structure = (gaps <= 0.005).all(axis=1).to_numpy()
    joint = (
        structure & (with_sectors.annual_growth >= 0.145) & (with_sectors.per_capita_usd >= 4500.0)
    )
    assert 0.01 < structure.mean() < 0.99  # both outcomes occur
    assert table.loc["structure", "probability"] == pytest.approx(structure.mean(), abs=1e-12)
    assert table.loc["joint", "probability"] == pytest.approx(joint.mean(), abs=1e-12)


def test_gso4_sectors_are_converted_to_the_target_convention():
    sectors = _sectors(
        growth={**SECTOR_GROWTH, "services": 0.0656, "product_taxes": 0.0714},
        weights={**SECTOR_WEIGHTS, "services": 0.168, "product_taxes": 0.021},
        shares={**SECTOR_SHARES, "services": 0.192, "product_taxes": 0.021},
        loadings={
            "industry_construction": 1.34,
            "services": 0.12,
            "agriculture": 0.3,
            "product_taxes": 1.0,
        },
        idiosyncratic_sigma={
            "industry_construction": 0.0,
            "services": 0.0,
            "agriculture": 0.0,
            "product_taxes": 0.0,
        },
        convention="gso4",
    )
    # Aggregate: 0.12402 + 0.168 × 0.0656 + 0.00366 + 0.021 × 0.0714
    #          = 0.12402 + 0.0110208 + 0.00366 + 0.0014994 = 0.1402002.
    setup = _setup(growth=TwoPieceNormal(0.1402002, 1e-9, 1e-9), sectors=sectors)
    result = simulate_targets(
        setup, MacroTargets(0.145, 4500.0, TARGET_SHARES, 0.01), n_draws=100, seed=1
    )
    # s(1+g): 0.77526, 0.192 × 1.0656 = 0.2045952, 0.1339, 0.021 × 1.0714 = 0.0224994;
    # sum 1.1362546; services incl. taxes (0.2045952 + 0.0224994) / 1.1362546 = 0.199862.
    assert list(result.shares.columns) == list(TARGET_SHARES)
    assert result.shares["services"].iloc[0] == pytest.approx(0.199862, abs=1e-6)


def test_monte_carlo_refuses_inconsistent_input():
    with pytest.raises(ValueError, match=r"sectors\.growth"):
        simulate_targets(_setup(sectors=_sectors()), TARGETS, n_draws=10, seed=1)
    setup = _setup(growth=TwoPieceNormal(AGGREGATE, 0.04, 0.03), sectors=_sectors())
    with pytest.raises(ValueError, match="share_tolerance"):
        simulate_targets(setup, MacroTargets(0.145, 4500.0, TARGET_SHARES), n_draws=10, seed=1)
    with pytest.raises(ValueError, match=r"targets\.shares"):
        simulate_targets(setup, MacroTargets(0.145, 4500.0, {"product_taxes": 0.02}, 0.01), seed=1)
    with pytest.raises(ValueError, match=r"sectors\.loadings"):
        bad = _setup(
            growth=TwoPieceNormal(AGGREGATE, 0.04, 0.03),
            sectors=_sectors(loadings={"services": 1.0}),
        )
        simulate_targets(bad, TARGETS, n_draws=10, seed=1)
    with pytest.raises(ValueError, match="n_draws"):
        simulate_targets(_setup(), TARGETS, n_draws=0)
    with pytest.raises(ValueError, match="seed"):
        simulate_targets(_setup(), TARGETS, seed=-1)
    with pytest.raises(ValueError, match="deflator"):
        simulate_targets(_setup(deflator=-2.0), TARGETS, n_draws=10, seed=1)


def test_fan_quantiles():
    draws = pd.DataFrame({"Q1": np.arange(101.0), "FY": 2 * np.arange(101.0)})
    bands = fan_quantiles(draws, probabilities=[0.1, 0.5, 0.9])
    # Quantiles of 0..100 (linear interpolation) are 10, 50, 90; doubled for FY.
    assert bands.loc["Q1"].tolist() == pytest.approx([10.0, 50.0, 90.0])
    assert bands.loc["FY"].tolist() == pytest.approx([20.0, 100.0, 180.0])
    single = fan_quantiles(np.arange(101.0), [0.5], labels=["growth"])
    assert single.loc["growth", 0.5] == pytest.approx(50.0)
    with pytest.raises(ValueError, match="probabilities"):
        fan_quantiles(np.arange(3.0), [1.5])
    with pytest.raises(ValueError, match="labels"):
        fan_quantiles(np.arange(3.0), [0.5], labels=["a", "b"])


# --- relative sector prices -------------------------------------------------------------------

# A year known in full (FY published at the sectors' own aggregate): growth, sector growth and
# every other draw are fixed, so only the relative prices move the shares.
KNOWN_YEAR = {"ytd_actuals": {"FY": AGGREGATE}}
STRUCTURE = MacroTargets(0.145, 4500.0, TARGET_SHARES, 0.005)


def _known_year(**sector_changes) -> MonteCarloSetup:
    still = dict.fromkeys(SECTOR_GROWTH, 0.0)
    return _setup(
        growth=TwoPieceNormal(AGGREGATE, 0.04, 0.03),
        sectors=_sectors(idiosyncratic_sigma=still, **sector_changes),
        **KNOWN_YEAR,
    )


def test_zero_relative_price_spread_changes_nothing():
    setup = _setup(growth=TwoPieceNormal(AGGREGATE, 0.04, 0.03), sectors=_sectors())
    default = simulate_targets(setup, STRUCTURE, n_draws=20_000, seed=31)
    for zero in (0.0, dict.fromkeys(SECTOR_GROWTH, 0.0)):
        explicit = dataclasses.replace(
            setup, sectors=dataclasses.replace(setup.sectors, relative_price_sd=zero)
        )
        again = simulate_targets(explicit, STRUCTURE, n_draws=20_000, seed=31)
        pd.testing.assert_frame_equal(again.table, default.table)
        pd.testing.assert_frame_equal(again.shares, default.shares)


def test_relative_prices_move_only_the_shares():
    base = _setup(growth=TwoPieceNormal(AGGREGATE, 0.04, 0.03), sectors=_sectors())
    spread = dataclasses.replace(
        base, sectors=dataclasses.replace(base.sectors, relative_price_sd=0.05)
    )
    plain = simulate_targets(base, STRUCTURE, n_draws=20_000, seed=32)
    moved = simulate_targets(spread, STRUCTURE, n_draws=20_000, seed=32)
    # Drawn after the sectors' own growth on the sector stream: every other draw is kept.
    np.testing.assert_array_equal(moved.annual_growth, plain.annual_growth)
    np.testing.assert_array_equal(moved.per_capita_usd, plain.per_capita_usd)
    pd.testing.assert_frame_equal(moved.ytd_path, plain.ytd_path)
    for event in ("growth", "per_capita"):
        assert moved.table.loc[event, "probability"] == plain.table.loc[event, "probability"]
    assert moved.shares["industry_construction"].std() > plain.shares["industry_construction"].std()
    # Shares still add up to 1 in every draw.
    np.testing.assert_allclose(moved.shares.sum(axis=1), 1.0, atol=1e-12)


def test_share_spread_from_relative_prices_matches_the_delta_method():
    n, tau = 200_000, 0.05
    result = simulate_targets(_known_year(relative_price_sd=tau), STRUCTURE, n_draws=n, seed=33)
    np.testing.assert_allclose(result.annual_growth, AGGREGATE, atol=1e-12)
    # Central shares (prices alike): s(1+g) = 0.77526, 0.23004, 0.1339; sum 1.1392 →
    # s' = 0.680530, 0.201931, 0.117539. With s_i'' = s_i' e^{ρ_i} / Σ_j s_j' e^{ρ_j}, to first
    # order d s_i ≈ s_i'(ρ_i − Σ_j s_j' ρ_j), so with equal τ and independent ρ:
    # Var(s_ind) ≈ s'² τ² [(1 − s')² + s_serv'² + s_agr'²]
    #            = 0.463121 × 0.0025 × (0.102061 + 0.040776 + 0.013815)
    #            = 0.463121 × 0.0025 × 0.156652 = 0.00018137 → sd 0.013467 (1.35 points).
    # Services: (1 − 0.201931)² + 0.680530² + 0.117539² = 0.636914 + 0.463121 + 0.013815
    # = 1.113850; × 0.201931² × 0.0025 = 0.040776 × 0.0025 × 1.113850 = 0.00011355
    # → sd 0.010656.
    # Monte Carlo error of a standard deviation: sd / √(2(N − 1)), 0.16 % of it here; the
    # neglected second-order terms are about 0.1 % at τ = 5 %.
    for sector, expected in (("industry_construction", 0.013467), ("services", 0.010656)):
        drawn = result.shares[sector].std()
        assert abs(drawn - expected) < 4 * expected / math.sqrt(2 * (n - 1)) + 0.002 * expected
    # The centre stays at the central shares (mean of s e^ρ / Σ s e^ρ moves only at order τ²).
    assert result.shares["industry_construction"].median() == pytest.approx(0.680530, abs=5e-4)


def test_relative_price_spread_per_sector():
    # Only agriculture's price moves: d s_ind ≈ s_ind(−s_agr ρ_agr), so
    # sd ≈ 0.680530 × 0.117539 × 0.05 = 0.0039995.
    n = 100_000
    tau = {"industry_construction": 0.0, "services": 0.0, "agriculture": 0.05}
    result = simulate_targets(_known_year(relative_price_sd=tau), STRUCTURE, n_draws=n, seed=34)
    drawn = result.shares["industry_construction"].std()
    assert abs(drawn - 0.0039995) < 4 * 0.0039995 / math.sqrt(2 * (n - 1)) + 0.002 * 0.0039995


@settings(max_examples=20, deadline=None)
@given(common=st.floats(min_value=-0.5, max_value=0.5))
def test_a_common_price_change_leaves_the_share_draws_alone(common):
    # (1 + p)(e^{ρ_i}) scaled by any common factor gives the same shares.
    reference = simulate_targets(
        _known_year(relative_price_sd=0.05, price_change=None), STRUCTURE, n_draws=500, seed=35
    )
    shifted = simulate_targets(
        _known_year(relative_price_sd=0.05, price_change=common), STRUCTURE, n_draws=500, seed=35
    )
    np.testing.assert_allclose(shifted.shares, reference.shares, atol=1e-12)


def test_relative_prices_lower_the_structure_probability():
    setup = _setup(growth=TwoPieceNormal(AGGREGATE, 0.04, 0.03), sectors=_sectors())
    spread = dataclasses.replace(
        setup, sectors=dataclasses.replace(setup.sectors, relative_price_sd=0.05)
    )
    plain = simulate_targets(setup, STRUCTURE, n_draws=50_000, seed=36).table
    moved = simulate_targets(spread, STRUCTURE, n_draws=50_000, seed=36).table
    gap = plain.loc["structure", "probability"] - moved.loc["structure", "probability"]
    se = math.hypot(
        plain.loc["structure", "standard_error"], moved.loc["structure", "standard_error"]
    )
    assert gap > 3 * se


@pytest.mark.parametrize(
    "value",
    [-0.01, True, math.nan, "0.05", {"industry_construction": 0.05}, {**SECTOR_GROWTH, "x": 0.1}],
)
def test_relative_price_spread_refused(value):
    with pytest.raises(ValueError, match=r"sectors\.relative_price_sd"):
        simulate_targets(_known_year(relative_price_sd=value), STRUCTURE, n_draws=10, seed=1)
