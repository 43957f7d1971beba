"""The targets table against the resolution's own words, figure by figure.

The expected list below was typed from section I.2 of the resolution (Nghị quyết của Ban Chấp
hành Đảng bộ tỉnh về nhiệm vụ lãnh đạo năm 2024), not from the CSV file.
"""

import math

import numpy as np
import pandas as pd
import pytest

from analysis import load_targets
from analysis.data.tables import FIXED_TARGET_IDS

# (group, comparator, target or (low, high) or None, unit) per indicator, from the resolution text.
RESOLUTION_I2 = {
    # (1) Tốc độ tăng trưởng GRDP đạt 14,5%. Cơ cấu kinh tế: CN-XD 68%; DV 20,6%; NLTS 11,4%.
    "grdp_growth": (1, "at_least", 14.5, "% growth"),
    "share_industry_construction": (1, "equal", 68.0, "%"),
    "share_services": (1, "equal", 20.6, "%"),
    "share_agriculture": (1, "equal", 11.4, "%"),
    # (2) GRDP bình quân đầu người đạt 4.500 USD.
    "grdp_per_capita_usd": (2, "at_least", 4500.0, "USD"),
    # (3) Thu ngân sách trên địa bàn đạt trên 16.000 tỷ đồng.
    "budget_revenue": (3, "at_least", 16000.0, "billion VND"),
    # (4) Huy động vốn đầu tư phát triển toàn xã hội đạt trên 103.500 tỷ đồng.
    "social_investment": (4, "at_least", 103500.0, "billion VND"),
    # (5) Thu hút trên 2,3 triệu lượt khách du lịch.
    "tourist_arrivals": (5, "at_least", 2.3, "million arrivals"),
    # (6) 34,4 giường/10.000 dân; BHYT trên 99,32%; trên 42,5% lao động tham gia BHXH.
    "hospital_beds_per_10k": (6, "at_least", 34.4, "beds per 10,000 people"),
    "health_insurance_coverage": (6, "at_least", 99.32, "%"),
    "social_insurance_coverage": (6, "at_least", 42.5, "%"),
    # (7) Hộ nghèo dưới 1,8%; xã ĐBKK dưới 19%; xoá 100% nhà tạm;
    #     hỗ trợ 100% gia đình người có công.
    "poverty_rate": (7, "at_most", 1.8, "%"),
    "poverty_rate_difficult_communes": (7, "at_most", 19.0, "%"),
    "temporary_housing_cleared": (7, "equal", 100.0, "%"),
    "merit_families_housing_support": (7, "equal", 100.0, "%"),
    # (8) Qua đào tạo trên 78%; có văn bằng, chứng chỉ trên 34%; thất nghiệp thành thị dưới 2,5%;
    #     cơ cấu lao động NLTS 22,7%; CN-XD 46,1%; DV 31,2%.
    "trained_labour_share": (8, "at_least", 78.0, "%"),
    "certified_labour_share": (8, "at_least", 34.0, "%"),
    "urban_unemployment": (8, "at_most", 2.5, "%"),
    "labour_share_agriculture": (8, "equal", 22.7, "%"),
    "labour_share_industry_construction": (8, "equal", 46.1, "%"),
    "labour_share_services": (8, "equal", 31.2, "%"),
    # (9) Trường đạt chuẩn quốc gia mức độ 1 đạt 95,2%, mức độ 2 đạt 26,6%.
    "schools_standard_level1": (9, "at_least", 95.2, "%"),
    "schools_standard_level2": (9, "at_least", 26.6, "%"),
    # (10) Nine figures: 86,7 (thành thị 97,5; nông thôn 80,6); KCN 100; CCN 65,8; cơ sở ô nhiễm
    #      100; nước sạch 63,8 (thành thị 94; nông thôn 57,5).
    "solid_waste_treated": (10, "at_least", 86.7, "%"),
    "solid_waste_treated_urban": (10, "at_least", 97.5, "%"),
    "solid_waste_treated_rural": (10, "at_least", 80.6, "%"),
    "industrial_parks_wastewater": (10, "equal", 100.0, "%"),
    "industrial_clusters_wastewater": (10, "at_least", 65.8, "%"),
    "serious_polluters_treated": (10, "equal", 100.0, "%"),
    "clean_water_population": (10, "at_least", 63.8, "%"),
    "clean_water_urban": (10, "at_least", 94.0, "%"),
    "clean_water_rural": (10, "at_least", 57.5, "%"),
    # (11) Đô thị trên 33,3%; nông thôn mới trên 87,36%; thôn văn hoá trên 82%; văn minh đô thị
    #      trên 92,6%; thiết chế văn hóa trên 88%.
    "urban_population_share": (11, "at_least", 33.3, "%"),
    "new_rural_communes_share": (11, "at_least", 87.36, "%"),
    "cultural_villages_share": (11, "at_least", 82.0, "%"),
    "civilised_wards_share": (11, "at_least", 92.6, "%"),
    "communes_cultural_facilities_share": (11, "at_least", 88.0, "%"),
    # (12) Hoàn thành việc sáp nhập hành chính cấp huyện, cấp xã.
    "administrative_merger": (12, "done", None, "done"),
    # (13) Tỷ lệ che phủ rừng đạt trên 37,7%.
    "forest_cover": (13, "at_least", 37.7, "%"),
    # (14) 100% vụ việc được đối thoại; khiếu kiện giảm so với 2023; không phát sinh điểm nóng;
    #      100% trụ sở công an xã.
    "complaints_dialogue_share": (14, "equal", 100.0, "%"),
    "protracted_complaints_reduced": (14, "done", None, "done"),
    "no_security_hotspots": (14, "done", None, "done"),
    "commune_police_hq_built": (14, "equal", 100.0, "%"),
    # (15) TCCS đảng hoàn thành tốt trên 90%; đảng viên trên 85%; kết nạp 3-4%; ít nhất 200.
    "party_orgs_good_share": (15, "at_least", 90.0, "%"),
    "party_members_good_share": (15, "at_least", 85.0, "%"),
    "new_party_members_rate": (15, "range", (3.0, 4.0), "%"),
    "new_party_members_private_enterprises": (15, "at_least", 200.0, "persons"),
}


# The figures built up during the year (accumulates true): an in-year value is a year-to-date
# amount on its way to the annual one. From the resolution's words: money collected and
# mobilised, arrivals attracted, members admitted (a count, and "kết nạp 3-4%" of members in
# the year), and the year's programmes "xoá 100% nhà tạm", "hỗ trợ 100% gia đình người có
# công", "hoàn thành ... 100% trụ sở công an xã". Every other figure is a level or a rate
# observed at a date (shares, coverage, poverty and unemployment rates, forest cover, per
# head, growth): accumulates false.
ACCUMULATES = {
    "budget_revenue",
    "social_investment",
    "tourist_arrivals",
    "temporary_housing_cleared",
    "merit_families_housing_support",
    "commune_police_hq_built",
    "new_party_members_rate",
    "new_party_members_private_enterprises",
}


@pytest.fixture(scope="module")
def targets() -> pd.DataFrame:
    return load_targets().set_index("indicator_id")


def test_every_figure_of_section_i2_is_present_and_nothing_else(targets):
    assert set(targets.index) == set(RESOLUTION_I2)


@pytest.mark.parametrize("indicator_id", sorted(RESOLUTION_I2))
def test_figure_matches_the_resolution(targets, indicator_id):
    group, comparator, value, unit = RESOLUTION_I2[indicator_id]
    row = targets.loc[indicator_id]
    assert row["group"] == group
    assert row["comparator"] == comparator
    assert row["unit"] == unit
    if isinstance(value, tuple):
        assert (row["target_low"], row["target_high"]) == value
        assert math.isnan(row["target"])
    elif value is None:
        assert math.isnan(row["target"])
    else:
        assert row["target"] == value


def test_all_fifteen_groups_and_group_10_has_nine_figures(targets):
    assert sorted(targets["group"].unique()) == list(range(1, 16))
    assert sorted(targets.loc[targets["group"] == 10, "target"]) == sorted(
        [86.7, 97.5, 80.6, 100, 65.8, 100, 63.8, 94, 57.5]
    )


def test_fixed_ids_present(targets):
    assert set(FIXED_TARGET_IDS) <= set(targets.index)


def test_structure_targets_sum_to_100(targets):
    shares = ["share_industry_construction", "share_services", "share_agriculture"]
    assert targets.loc[shares, "target"].sum() == pytest.approx(100.0)
    labour = [
        "labour_share_agriculture",
        "labour_share_industry_construction",
        "labour_share_services",
    ]
    assert targets.loc[labour, "target"].sum() == pytest.approx(100.0)


def test_baselines_stated_by_the_resolution(targets):
    # "Tốc độ tăng trưởng GRDP ước đạt 13,45%"; "GRDP bình quân đầu người ước đạt 3.950 USD"
    assert targets.loc["grdp_growth", "baseline"] == 13.45
    assert targets.loc["grdp_per_capita_usd", "baseline"] == 3950


def test_every_row_has_a_source_and_kind(targets):
    assert (targets["source"].str.contains("section I.2")).all()
    assert (targets["kind"] == "target").all()


@pytest.mark.parametrize("indicator_id", sorted(RESOLUTION_I2))
def test_accumulates_flag(targets, indicator_id):
    flag = targets.loc[indicator_id, "accumulates"]
    assert isinstance(flag, (bool, np.bool_))
    assert bool(flag) is (indicator_id in ACCUMULATES)
