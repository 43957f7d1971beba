"""The 2023 baselines and the published series: figures as the documents state them."""

import pytest

from analysis import load_assumptions, load_baselines, load_series
from analysis.data.tables import baseline_value, series_values


@pytest.fixture(scope="module")
def baselines():
    return load_baselines()


@pytest.fixture(scope="module")
def series():
    return load_series()


# From the resolution's opening paragraph, typed from its text.
OPENING = {
    "grdp_growth": 13.45,  # "ước đạt 13,45%"
    "grdp_current_prices": 181.9,  # "khoảng 181,9 nghìn tỷ đồng"
    "grdp_usd": 7.6,  # "khoảng 7,6 tỷ USD"
    "grdp_scale_rank": 12,  # "đứng thứ 12 cả nước"
    "grdp_per_capita_usd": 3950,  # "3.950 USD"
    "grdp_per_capita_rank": 23,  # "đứng thứ 23 cả nước"
    "iip_growth": 20,  # "tăng trên 20%"
    "trade_total": 52.4,  # "52,4 tỷ USD"
    "trade_growth": 20.9,  # "tăng 20,9%"
    "pci_rank": 2,  # "PCI năm 2022 ... thứ 2"
    "investment_attraction": 3.2,  # "trên 3,2 tỷ USD"
    "fdi_attraction_rank": 4,  # "FDI đứng thứ 4"
    "main_targets_met": 14,  # "14/15 chỉ tiêu"
}


@pytest.mark.parametrize("indicator_id", sorted(OPENING))
def test_opening_figures(baselines, indicator_id):
    assert baseline_value(baselines, indicator_id) == OPENING[indicator_id]


def test_every_baseline_names_its_source(baselines):
    assert baselines["source"].str.len().gt(0).all()
    assert set(baselines["kind"]) <= {"actual", "estimate"}


def test_published_2023_contributions_reveal_weights_that_sum_to_one(series):
    # The tax line's 0.15 point is the residual 13.45 - 11.88 - 1.10 - 0.32, so the points sum
    # to 13.45 whatever they are. The weights they reveal with the separately published sector
    # growth (methodology §2, w_i = c_i / g_i) do not: 11.88 / 17.25 = 0.688696,
    # 1.10 / 6.56 = 0.167683, 0.32 / 2.63 = 0.121673, 0.15 / 7.14 = 0.021008; sum 0.999060.
    rows = series[series["period"].eq("2023")].set_index(["variable", "sector"])["value"]
    parts = ["industry_construction", "services", "agriculture", "product_taxes"]
    weights = [rows["contribution", p] / rows["sector_growth", p] for p in parts]
    assert weights == pytest.approx([0.688696, 0.167683, 0.121673, 0.021008], abs=1e-6)
    assert sum(weights) == pytest.approx(0.999060, abs=1e-6)
    taxes = series[series["variable"].eq("contribution") & series["sector"].eq("product_taxes")]
    assert taxes.loc[taxes["period"].eq("2023"), "kind"].tolist() == ["estimate"]


def test_annual_growth_record_2016_2024(series):
    # 2024: the Statistics Office's figure of 09/01/2025 (outturn of the 2024 plan)
    g = series_values(series, "grdp_growth")
    assert g.to_dict() == {
        "2016": 10.73,
        "2017": 13.33,
        "2018": 15.96,
        "2019": 16.10,
        "2020": 13.0,
        "2021": 7.82,
        "2022": 19.3,
        "2023": 13.45,
        "2024": 13.85,
    }


def test_structures_carry_their_convention(series):
    s = series[series["variable"] == "structure_share"]
    by_year = s.groupby("period")["convention"].unique().map(list).to_dict()
    assert by_year == {"2019": ["gva_only"], "2022": ["gso4"], "2023": ["taxes_in_services"]}
    # gso4 2022: 62.3 + 20.7 + 14.9 + 2.1 = 100
    assert s[s["period"] == "2022"]["value"].sum() == pytest.approx(100.0)


def test_national_quarters_are_the_published_ones(series):
    q = series_values(series, "vn_gdp_growth_quarter")
    assert list(q) == [3.41, 4.25, 5.47, 6.72]


def test_assumptions_are_derived_as_stated():
    a = load_assumptions().set_index("assumption_id")["value"]
    weights = [a[f"quarter_weight_q{i}"] for i in range(1, 5)]
    assert sum(weights) == pytest.approx(100.0)
    # 2022 by quarter from the 2023 assumption and the 2023 quarters (8.4 / 13.5 / 14.59 %,
    # the year 13.45 %): 21 x 1.1345 / 1.084 = 21.978; 25 x 1.1345 / 1.135 = 24.989;
    # 26.5 x 1.1345 / 1.1459 = 26.236; the rest 100 - 73.204 = 26.796; to two decimals
    # 21.98 / 24.99 / 26.24 / 26.80, summing to 100.01
    before = [a[f"quarter_weight_2022_q{i}"] for i in range(1, 5)]
    assert before == [21.98, 24.99, 26.24, 26.80]
    # the population and the rate are derived from the baselines, not assumed
    assert not {"population_base", "exchange_rate_base"} & set(a.index)


def test_the_base_years_rate_and_population_are_derived_once(baselines):
    from analysis.outlook.inputs import base_levels

    # the resolution's own pair: 181.9 trillion VND ≈ 7.6 bn USD, 3,950 USD per head:
    # 181.9e12 / 7.6e9 = 23,934.2105 VND per USD; 7.6e9 / 3,950 = 1,924,050.63 persons (not
    # 181.9e12 / (23,934 x 3,950) = 1,924,067.56 with the rate rounded to the dong)
    levels = base_levels(baselines)
    assert levels.exchange_rate == pytest.approx(23934.2105, abs=1e-4)
    assert levels.population == pytest.approx(1924050.63, abs=0.01)


def test_unknown_baseline_id_is_a_clear_key_error(baselines):
    with pytest.raises(KeyError, match="no_such_figure"):
        baseline_value(baselines, "no_such_figure")
