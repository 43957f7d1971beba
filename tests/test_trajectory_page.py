"""The trajectory report's headline table (analysis.report.trajectory_page), pinned to hand
calculations for the target scenario (growth 14.5 %, deflator 2.89 %, population +1.68 %,
depreciation +1.7 %; 2023: 181.9 trillion VND ≈ 7.6 bn USD, so 181.9e12 / 7.6e9 = 23,934.21 VND
per USD, and 3,950 USD per head):

- GRDP 2024 = 181.9 × 1.145 × 1.0289 = 214.29 trillion VND → "214,3";
- in USD: 214.29e12 / (23,934.21 × 1.017 = 24,341.1) = 8.80 bn USD; 2023: 7.60;
- population 2023 = 7.6e9 / 3,950 = 1,924,051 → "1.924,1" thousand;
  2024: × 1.0168 = 1,956,375 → "1.956,4";
- per head 2024 = 3,950 × 1.145 × 1.0289 / (1.0168 × 1.017) = 4,500.1 → "4.500".
"""

import pandas as pd
import pytest

from analysis import load_baselines
from analysis.data.scenarios import load_scenario, scenario_path
from analysis.economics.projection import project_year
from analysis.outlook.inputs import projection_inputs
from analysis.report.trajectory_page import headline_table, projection_cell, projection_value


@pytest.fixture(scope="module")
def projection() -> pd.DataFrame:
    return project_year(
        projection_inputs(load_scenario(scenario_path("target")), load_baselines(), base_year=2023)
    )


def test_projection_value(projection):
    assert projection_value(projection, "grdp_current_prices", "2024") == pytest.approx(
        181.9 * 1.145 * 1.0289
    )
    with pytest.raises(KeyError, match=r"grdp_growth.*2023"):
        projection_value(projection, "grdp_growth", "2023")


def test_headline_table_in_vietnamese(projection):
    table = headline_table(projection, 13.45, (14.5, 4500.0), "vi")
    assert list(table.columns) == ["Chỉ tiêu", "Đơn vị", "Năm 2023", "Dự báo 2024", "Mục tiêu"]
    assert table.values.tolist() == [
        ["Tăng trưởng GRDP (giá so sánh)", "%", "13,45 %", "14,50 %", "14,5 %"],
        ["Chỉ số giảm phát GRDP", "%", "–", "2,89 %", ""],
        ["GRDP giá hiện hành", "nghìn tỷ đồng", "181,9", "214,3", ""],
        ["GRDP quy đổi USD", "tỷ USD", "7,60", "8,80", ""],
        ["Dân số trung bình", "nghìn người", "1.924,1", "1.956,4", ""],
        ["Tỷ giá bình quân", "VND/USD", "23.934", "24.341", ""],
        ["GRDP bình quân đầu người", "USD", "3.950", "4.500", "4.500"],
    ]


def test_headline_table_in_english(projection):
    table = headline_table(projection, 13.45, (14.5, 4500.0), "en")
    assert table.iloc[2].tolist() == [
        "GRDP at current prices",
        "trillion VND",
        "181.9",
        "214.3",
        "",
    ]
    assert table.iloc[4, 1] == "thousand persons"
    assert table.iloc[6].tolist()[2:] == ["3,950", "4,500", "4,500"]


def test_cells_of_a_small_projection():
    small = pd.DataFrame(
        {
            "variable": ["population", "grdp_growth"],
            "unit": ["persons", "%"],
            "period": ["2024", "2024"],
            "value": [1_956_393.0, 14.5],
        }
    )
    assert projection_cell(small, "population", "2024", 1, "en") == "1,956.4"
    assert projection_cell(small, "grdp_growth", "2024", 2, "vi") == "14,50 %"
    assert projection_cell(small, "grdp_growth", "2023", 2, "vi") == "–"
    assert projection_cell(small, "grdp_growth", "2023", 2, "vi", outturn=13.45) == "13,45 %"
