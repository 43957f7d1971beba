"""The plan-against-outturn report's tables, chart and paragraphs (retrospective_page, _text).

Paragraphs are pinned word for word on the real pack; the fan's figures come from a fixed
table here (the Monte Carlo's own numbers are tested in test_retrospective_outlook.py).
"""

from __future__ import annotations

import dataclasses
import re

import pandas as pd
import pytest
from matplotlib.figure import Figure

from analysis import load_plan
from analysis.outlook.retrospective import plan_outturn
from analysis.report import retrospective_page as page
from analysis.report import retrospective_text as text

# The ex-ante fan of the target scenario as report 05 showed it before the year (rounded).
FAN = pd.DataFrame(
    {
        "planned": [0.145, 4500.07],
        "q05": [0.0731, 4179.2],
        "q50": [0.1366, 4463.6],
        "q95": [0.1889, 4729.3],
        "outcome": [0.1385, 4370.0],
        "percentile": [0.5213, 0.2912],
        "standard_error": [0.0011, 0.001],
    },
    index=["grdp_growth", "grdp_per_capita_usd"],
)


@pytest.fixture(scope="module")
def result():
    return dataclasses.replace(plan_outturn(load_plan(), n_draws=1000), fan=FAN)


# --- tables -------------------------------------------------------------------------------------


def test_contributions_table_vi(result):
    table = page.contributions_table(result.contributions, "vi")
    assert list(table.columns) == [
        "Khu vực",
        "Tăng trưởng kế hoạch",
        "Tăng trưởng công bố",
        "Đóng góp kế hoạch (điểm %)",
        "Đóng góp công bố (điểm %)",
        "Chênh lệch (điểm %)",
    ]
    rows = table.set_index("Khu vực")
    assert rows.loc["Nông, lâm nghiệp, thuỷ sản"].tolist() == [
        "3,30 %",
        "-3,32 %",
        "0,36",
        "-0,35",
        "-0,71",
    ]
    assert rows.loc["Thuế sản phẩm trừ trợ cấp sản phẩm", "Đóng góp công bố (điểm %)"] == (
        "0,22 (phần còn lại)"
    )
    assert rows.loc["Tổng GRDP"].tolist() == ["14,50 %", "13,85 %", "14,50", "13,85", "-0,65"]
    assert rows.loc["Công nghiệp - xây dựng", "Chênh lệch (điểm %)"] == "+0,09"


def test_contributions_table_en(result):
    table = page.contributions_table(result.contributions, "en").set_index("Sector")
    assert table.loc["Product taxes less subsidies", "Published (points)"] == "0.22 (residual)"
    assert table.loc["Industry and construction", "Published (points)"] == "12.93"


def test_per_head_table(result):
    table = page.per_head_table(result, "vi")
    assert table["Tác động lên GRDP/người (%, log)"].tolist() == [
        "-0,57",
        "-2,89",
        "-1,17",
        "+1,70",
        "-2,93",
    ]
    assert table["Kế hoạch"].tolist() == ["14,50 %", "2,89 %", "1,68 %", "1,70 %", "13,93 %"]
    assert table["Thực hiện"].tolist() == ["13,85 %", "-0,04 %", "2,88 %", "-0,01 %", "10,63 %"]
    assert table["Yếu tố"].iloc[-1] == "GRDP bình quân đầu người (USD), so với năm 2023"


def test_derivations_table_states_every_derivation(result):
    table = page.derivations_table(result, "vi").set_index("Số liệu")
    assert table.loc["Chỉ số giảm phát GRDP"].tolist() == [
        "-0,04 %",
        "207,0 nghìn tỷ đồng (06/12/2024) / 181,9 nghìn tỷ đồng (2023) / "
        "(1 + 13,85 % (09/01/2025)) − 1",
    ]
    assert table.loc["Tỷ giá bình quân", "Giá trị"] == (
        "23.931 đồng/USD (-0,01 % so với năm 2023: 23.934 đồng/USD)"
    )
    assert table.loc["Dân số trung bình"].tolist() == [
        "1.979,4 nghìn người (+2,88 % so với năm 2023: 1.924,1 nghìn người)",
        "8,65 tỷ USD / 4.370 USD (06/12/2024); 2023: 181,9 nghìn tỷ đồng / "
        "(23.934 đồng/USD × 3.950 USD)",
    ]
    residual = "Đóng góp của khu vực thuế sản phẩm trừ trợ cấp sản phẩm"
    assert table.loc[residual].tolist() == ["0,22 điểm %", "13,85 − 12,93 − 1,05 + 0,35 = 0,22"]


def test_derivations_table_without_published_levels_is_empty():
    bare = dataclasses.replace(
        plan_outturn(load_plan(), n_draws=1000), levels=None, contributions=None
    )
    assert page.derivations_table(bare, "en").empty


def test_fan_table(result):
    assert page.fan_table(FAN, "en").to_dict("records") == [
        {
            "Indicator": "Real GRDP growth",
            "Plan": "14.50 %",
            "5 %": "7.31 %",
            "Median": "13.66 %",
            "95 %": "18.89 %",
            "Outturn": "13.85 %",
            "Percentile of the outturn": "52 (± 0.1)",
        },
        {
            "Indicator": "GRDP per head",
            "Plan": "4,500 USD",
            "5 %": "4,179 USD",
            "Median": "4,464 USD",
            "95 %": "4,729 USD",
            "Outturn": "4,370 USD",
            "Percentile of the outturn": "29 (± 0.1)",
        },
    ]


def test_captions_carry_the_years(result):
    assert page.contributions_caption(result, "en") == (
        "Contributions to GRDP growth in 2024: plan and published (2023 constant-price weights)"
    )
    assert "2024" in page.per_head_caption(result, "vi")
    assert "2024" in page.derivations_caption(result, "vi")
    assert page.fan_caption(result, "vi") == (
        "Kết quả năm 2024 trong quạt dự báo lập trước năm (Kịch bản mục tiêu Nghị quyết)"
    )


# --- the chart ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_contributions_figure(result, lang):
    fig = page.contributions_figure(result.contributions, lang, 2024, "Nguồn: x.")
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    planned, published = ax.containers
    assert [round(b.get_width(), 2) for b in published] == [12.93, 1.05, -0.35, 0.22]
    assert [round(b.get_width(), 2) for b in planned] == [12.84, 1.14, 0.36, 0.16]
    # planned dotted, published solid, the derived one hatched: apart in black and white
    assert [b.get_hatch() for b in published] == [None, None, None, "//"]
    assert {b.get_hatch() for b in planned} == {".."}
    assert fig.get_suptitle() == (
        "Đóng góp của các khu vực vào tăng trưởng năm 2024 (điểm %)"
        if lang == "vi"
        else "Contributions of the sectors to 2024 growth (points)"
    )
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == ("Công nghiệp - xây dựng" if lang == "vi" else "Industry and construction")
    assert ax.get_xlabel() == ("Đóng góp (điểm %)" if lang == "vi" else "Contribution (points)")


# --- paragraphs, word for word -------------------------------------------------------------------


def test_headline_text(result):
    assert text.headline_text(result, "vi") == (
        "Năm 2024, GRDP tăng **13,85 %** (ước tính công bố ngày 09/01/2025), thấp hơn mức "
        "14,50 % của kế hoạch (Kịch bản mục tiêu Nghị quyết) **0,65 điểm %**. GRDP bình quân "
        "đầu người đạt **4.370 USD** (06/12/2024), thấp hơn mức 4.500 USD của kế hoạch (chênh "
        "130 USD, -2,89 %)."
    )
    assert text.headline_text(result, "en") == (
        "In 2024 GRDP grew **13.85 %** (estimate published 2025-01-09), 0.65 points below the "
        "plan's 14.50 % (Resolution target). GRDP per head reached **4,370 USD** (2024-12-06), "
        "below the plan's 4,500 USD (a gap of 130 USD, -2.89 %)."
    )


def test_contributions_text(result):
    assert text.contributions_text(result.contributions, "vi") == (
        "Tăng trưởng thấp hơn kế hoạch 0,65 điểm %. Phần hụt lớn nhất ở khu vực **nông, lâm "
        "nghiệp, thuỷ sản**: đóng góp -0,35 điểm % so với 0,36 điểm % kế hoạch (-0,71 điểm %); "
        "tăng trưởng của khu vực -3,32 % so với 3,30 % kế hoạch. Đóng góp của khu vực thuế sản "
        "phẩm trừ trợ cấp sản phẩm không được công bố; báo cáo tính bằng phần còn lại của tổng: "
        "13,85 − 12,93 − 1,05 + 0,35 = 0,22 điểm %, nên các đóng góp cộng lại đúng 13,85 %."
    )
    assert text.contributions_text(result.contributions, "en") == (
        "Growth came in 0.65 points below the plan. The largest shortfall is in **agriculture, "
        "forestry, fishery**: -0.35 points against 0.36 planned (-0.71 points); its growth was "
        "-3.32 % against 3.30 % planned. The contribution of product taxes less subsidies is not "
        "published; it is derived as the residual of the total: 13.85 − 12.93 − 1.05 + 0.35 = "
        "0.22 points, so the contributions add up to 13.85 % exactly."
    )


def test_weights_text(result):
    # at the plan's weights: 0.7124 × 17.94 + 0.1576 × 6.83 − 0.1102 × 3.32 + 0.0199 × 11.66
    assert text.weights_text(result, "en") == (
        "Contributions divided by published growth reveal the 2023 weights the release used: "
        "72.1 % / 15.4 % / 10.5 % / 1.9 % (in the table's order), against the plan's "
        "71.2 % / 15.8 % / 11.0 % / 2.0 %. At the plan's weights the published sector growth "
        "adds up to 13.72 %; the other +0.13 points come from the different weights, not from "
        "growth."
    )
    assert "13,72 %" in text.weights_text(result, "vi")
    assert text.weights_text(dataclasses.replace(result, contributions=None), "vi") == ""


def test_per_head_text(result):
    assert text.per_head_text(result, "vi") == (
        "Theo đẳng thức GRDP/người = GRDP giá hiện hành / (dân số × tỷ giá), mức chênh -2,93 % "
        "(log) tách đúng thành: tăng trưởng thực -0,57, giá -2,89, dân số -1,17, tỷ giá +1,70. "
        "Kéo xuống nhiều nhất: **giá** (-0,04 % so với 2,89 % kế hoạch). Bù lại nhiều nhất: "
        "tỷ giá (-0,01 % so với 1,70 % kế hoạch). Lưu ý: chỉ số giá, dân số và tỷ giá năm 2024 "
        "không được công bố trực tiếp mà suy ra từ GRDP giá hiện hành, GRDP bình quân đầu người "
        "và tốc độ tăng trưởng đã công bố (bảng dưới); dân số suy ra tăng 2,88 % so với 1,68 % "
        "giả định, chênh hơn 1 điểm %, dấu hiệu các số liệu đó thuộc những lần công bố khác "
        "nhau: cần đọc cách tách này thận trọng."
    )
    assert text.per_head_text(result, "en") == (
        "From GRDP per head = GRDP at current prices / (population × exchange rate), the miss "
        "of -2.93 % (log) splits exactly into: real growth -0.57, prices -2.89, population "
        "-1.17, the exchange rate +1.70. The largest drag: **prices** (-0.04 % against 2.89 % "
        "planned). The largest offset: the exchange rate (-0.01 % against 1.70 % planned). "
        "Note: the 2024 deflator, population and exchange rate are not published directly but "
        "implied by the published GRDP at current prices, GRDP per head and growth (table "
        "below); the implied population grows 2.88 % against 1.68 % assumed, more than 1 point "
        "apart, a sign that those figures come from different releases: read this split with "
        "care."
    )
    # Implied population growth 2.6 %, 0.92 point from the plan's 1.68 %: no caution.
    near = dataclasses.replace(
        result,
        actual_factors=dataclasses.replace(result.actual_factors, population_growth=0.026),
    )
    assert "Note:" not in text.per_head_text(near, "en")
    assert "Lưu ý" not in text.per_head_text(near, "vi")


def test_fan_text(result):
    assert text.fan_text(result, "vi") == (
        "Trong quạt dự báo lập trước năm 2024 (mô phỏng Monte Carlo của kịch bản kế hoạch, "
        "Kịch bản mục tiêu Nghị quyết, hiệu chỉnh trên số liệu công bố đến năm 2023): tăng "
        "trưởng 13,85 % nằm ở **phân vị thứ 52** (trung vị 13,66 %); GRDP bình quân đầu người "
        "4.370 USD nằm ở **phân vị thứ 29** (trung vị 4.464 USD). Kết quả nằm trong khoảng "
        "90 % của quạt: mức chênh so với kế hoạch nằm trong độ bất định đã lường trước khi lập "
        "kế hoạch."
    )
    assert text.fan_text(result, "en") == (
        "In the fan drawn before 2024 (the Monte Carlo of the plan's scenario, Resolution "
        "target, calibrated on figures published up to 2023): growth 13.85 % fell at the "
        "**52nd percentile** (median 13.66 %); GRDP per head 4,370 USD fell at the **29th "
        "percentile** (median 4,464 USD). The outturn fell inside the fan's 90 % band: the "
        "misses lie within the uncertainty foreseen when the plan was made."
    )


def test_fan_text_names_an_outturn_outside_the_band(result):
    fan = FAN.copy()
    fan.loc["grdp_per_capita_usd", ["outcome", "percentile"]] = [4100.0, 0.021]
    outside = text.fan_text(dataclasses.replace(result, fan=fan), "en")
    assert "**2nd percentile**" in outside
    assert outside.endswith(
        "Outside the fan's 90 % band: GRDP per head; the uncertainty foreseen when the plan was "
        "made did not cover this outturn."
    )


@pytest.mark.parametrize(
    ("share", "words"), [(0.01, "1st"), (0.11, "11th"), (0.22, "22nd"), (0.43, "43rd")]
)
def test_english_ordinals(result, share, words):
    fan = FAN.copy()
    fan.loc["grdp_growth", "percentile"] = share
    assert f"**{words} percentile**" in text.fan_text(dataclasses.replace(result, fan=fan), "en")


def test_no_outturn_and_missing_parts(result):
    assert text.no_outturn_text(2025, "vi").startswith("**Chưa có kết quả cả năm 2025.**")
    assert "(indicator `grdp_growth`, period `2025`)" in text.no_outturn_text(2025, "en")
    assert text.missing_text("contributions", 2024, "en") == (
        "Not published yet: the sectors' contributions to growth in 2024. This part cannot be "
        "computed; nothing is estimated."
    )
    assert "không ước tính thay" in text.missing_text("per_head", 2024, "vi")


def test_vietnamese_paragraphs_hold_no_english(result):
    paragraphs = [
        text.intro_text(result, "vi"),
        text.headline_text(result, "vi"),
        text.contributions_text(result.contributions, "vi"),
        text.weights_text(result, "vi"),
        text.per_head_text(result, "vi"),
        text.fan_text(result, "vi"),
        text.no_outturn_text(2024, "vi"),
    ]
    words = [re.sub(r"`[^`]*`", "", p) for p in paragraphs]  # ids and folders aside
    for english in ("points", "growth", "plan", "percentile", "the ", " and "):
        assert not any(english in p for p in words), english


def test_scenario_labels_are_escaped(result):
    hostile = result.scenario.model_copy(
        update={"label": result.scenario.label.model_copy(update={"en": "<b>*x*</b>"})}
    )
    shown = text.headline_text(dataclasses.replace(result, scenario=hostile), "en")
    assert "<b>" not in shown and "&lt;b&gt;" in shown
