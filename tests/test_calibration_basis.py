"""The basis of the Monte Carlo's scales in the report's language
(analysis.report.calibration_basis).

Default plan, scenario ``target``: growth 2016–2023 (8 years), σ = 3.51 points around a mean of
13.71 % ((10.73 + 13.33 + 15.96 + 16.10 + 13.0 + 7.82 + 19.3 + 13.45) / 8); one plan year
(2023: 13.45 % against 14.5 %, ē = −1.05 points); the outbreak of 2021 and the rebound of 2022
named by the pack; side scales 1.5 / 0.2 / 1.5 points and τ = 5 points.
"""

from __future__ import annotations

import pytest
from language_check import foreign_sentences

from analysis import load_plan
from analysis.outlook import scenario_outlook as outlook
from analysis.outlook.record import assumption_bases, outlier_years, record_through
from analysis.report.calibration_basis import calibration_basis, shock_words


@pytest.fixture(scope="module")
def setting():
    pack = load_plan("")
    sc = pack.scenario("")
    series = record_through(pack.series, pack.base_year)
    cal = outlook.scenario_calibration(
        sc, series, base_year=pack.base_year, assumptions=pack.assumptions
    )
    return pack, sc, cal


def _basis(setting, lang, overridden=None):
    pack, sc, cal = setting
    return calibration_basis(
        cal,
        sc.uncertainty.given() if overridden is None else overridden,
        outlier_years(pack.assumptions),
        lang,
        assumption_bases(pack.assumptions),
    )


def test_growth_basis_from_the_calibrations_figures(setting):
    vi = _basis(setting, "vi")
    growth = vi["sigma_lower"]
    assert growth == vi["sigma_upper"]
    assert growth.startswith("Thang đo bình quân 3,51 điểm %: độ lệch chuẩn (n − 1) của tăng ")
    assert "2016–2023 quanh mức bình quân 13,71 % (8 năm)" in growth
    assert "đợt bùng phát dịch COVID-19 năm 2021 và sự phục hồi năm 2022" in growth
    assert "(bình quân -1,05 điểm %, 1 năm)" in growth


def test_side_scales_in_vietnamese(setting):
    vi = _basis(setting, "vi")
    assert vi["deflator_sigma"].startswith("1,50 điểm %, giả định (cơ sở và nguồn ghi trong")
    assert vi["relative_price_sd"].startswith("5,00 điểm %, giả định")


def test_a_scale_the_scenario_sets(setting):
    vi = _basis(setting, "vi", {"deflator_sigma": 1.0})
    # The calibration passed in is the scenario's own; its deflator scale is what it says.
    assert vi["deflator_sigma"].endswith(
        "do tệp kịch bản đặt (uncertainty.deflator_sigma) thay cho giá trị hiệu chỉnh từ số "
        "liệu công bố."
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_one_language(setting, lang):
    text = "\n".join(_basis(setting, lang).values())
    assert foreign_sentences(text, lang) == []
    # and the other language's check finds it: the test can fail.
    assert foreign_sentences(text, "en" if lang == "vi" else "vi")


def test_unknown_event_named_by_its_year():
    assert shock_words({2021: "outbreak", 2008: "crisis"}) == [
        "năm 2008",
        "đợt bùng phát dịch COVID-19 năm 2021",
    ]
