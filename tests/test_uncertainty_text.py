"""The uncertainty report's paragraphs (analysis.report.uncertainty_text), word for word.

Inputs are built by hand, so every figure in the expected text is worked out here:

- a symmetric two-piece normal around 14.5 % with scales of 1 point is N(14.5 %, 1 point):
  half its mass below the mode (50 %), mean 14.50 %, 90 % interval 14.5 ± 1.645 =
  12.855 – 16.145 %, written 12.9 – 16.1 %;
- a two-piece normal around 14.5 % with scales 2 (below) and 1 (above) points puts
  σ₁ / (σ₁ + σ₂) = 2 / 3 of its mass below the mode (67 %); its mean is
  14.5 + √(2/π)(1 − 2) = 14.5 − 0.798 = 13.70 %; its 5 % quantile solves
  (2σ₁ / (σ₁ + σ₂)) Φ(z) = 0.05, Φ(z) = 0.0375, z = −1.7805: 14.5 − 2 × 1.7805 = 10.94 %
  (10.9 %); its 95 % quantile solves (2σ₂ / (σ₁ + σ₂))(1 − Φ(z)) = 0.05, 1 − Φ(z) = 0.075,
  z = 1.4395: 14.5 + 1.4395 = 15.94 % (15.9 %);
- the benchmark forecasts 12.34 % (80 %: 10.1 – 14.62 %; 95 %: 8.91 – 15.88 %) on 8 years;
  a plan of 14.5 % lies inside the 80 % interval, 14.5 − 12.34 = 2.16 points above; 16 % lies
  outside it, 3.66 points above; 9 % outside, 12.34 − 9 = 3.34 points below.
"""

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from analysis.data.scenarios import load_scenario, scenario_path
from analysis.economics.benchmark import BenchmarkForecast
from analysis.economics.distributions import TwoPieceNormal
from analysis.economics.montecarlo import MacroTargets
from analysis.report import uncertainty_text as text

TARGETS = MacroTargets(
    growth=0.145,
    per_capita_usd=4500.0,
    shares={"industry_construction": 0.68, "services": 0.206, "agriculture": 0.114},
    share_tolerance=0.005,
)
TABLE = pd.DataFrame(
    {"probability": [0.543, 0.61, 0.2, 0.125], "standard_error": [0.0011, 0.0011, 0.0009, 0.0007]},
    index=["growth", "per_capita", "structure", "joint"],
)
ARIMA = BenchmarkForecast(
    model="ARIMA(0,1,0) with drift",
    year=2024,
    point=0.1234,
    interval_80=(0.101, 0.1462),
    interval_95=(0.0891, 0.1588),
    n_obs=8,
    drift=0.1164,
    sigma=0.015,
)
HISTORY = pd.Series(
    [0.1073, 0.1333, 0.1596, 0.161, 0.13, 0.0782, 0.193, 0.1345], index=range(2016, 2024)
)
SYMMETRIC = TwoPieceNormal(0.145, 0.01, 0.01)
SKEWED = TwoPieceNormal(0.145, 0.02, 0.01)


def _result(**fields) -> SimpleNamespace:
    return SimpleNamespace(table=TABLE, n_draws=200_000, **fields)


def test_scenario_heading_escapes_the_scenarios_words():
    sc = load_scenario(scenario_path("target"))
    assert text.scenario_heading(sc, "en") == (
        "## Resolution target\n\nGRDP growth of 14.5 % and GRDP per head of 4,500 USD as the "
        "2024 resolution sets them; the deflator is chosen so that the two targets are "
        "consistent with each other."
    )
    assert text.scenario_heading(sc, "vi").startswith("## Kịch bản mục tiêu Nghị quyết\n\n")
    hostile = SimpleNamespace(
        label_in=lambda lang: "<b>*low*</b>",
        description=SimpleNamespace(vi="a_b", en="[link](x)"),
    )
    assert text.scenario_heading(hostile, "en") == (
        "## &lt;b&gt;\\*low\\*&lt;/b&gt;\n\n\\[link\\](x)"
    )


def test_distribution_paragraph_symmetric_in_english():
    assert text.distribution_paragraph(SYMMETRIC, 2024, "en") == (
        "2024 GRDP growth is described by a two-piece normal distribution centred on\n"
        "**14.50 %** (the scenario's, updated by any year-to-date figures):\n"
        "a scale of 1.00\n"
        "points below and 1.00 points above; the chance of\n"
        "falling short of the centre is 50 %, the\n"
        "mean 14.50 %, the 90 % interval 12.9 % to\n"
        "16.1 %."
    )


def test_distribution_paragraph_skewed_in_vietnamese():
    assert text.distribution_paragraph(SKEWED, 2031, "vi") == (
        "Tăng trưởng GRDP năm 2031 được mô tả bằng phân phối chuẩn hai nửa quanh mức trung tâm\n"
        "**14,50 %** (của kịch bản, cập nhật theo số liệu lũy kế nếu có):\n"
        "độ lệch phía dưới 2,00 điểm %, phía trên\n"
        "1,00 điểm %; khả năng thấp hơn mức trung tâm là\n"
        "67 %, kỳ vọng\n"
        "13,70 %, khoảng 90 % từ 10,9 % đến\n"
        "15,9 %."
    )


def test_probability_paragraph():
    assert text.probability_paragraph(_result(), TARGETS, "en") == (
        "Over 200,000 draws, the chance of meeting the growth target of\n"
        "14.5 % is **54.3 %**, GRDP per head of\n"
        "4,500 USD **61.0 %**, the economic\n"
        "structure (each sector within ± 0.5 point of its\n"
        "target) **20.0 %**; meeting **all three together**\n"
        "**12.5 %**."
    )
    assert text.probability_paragraph(_result(), TARGETS, "vi") == (
        "Với 200.000 lần mô phỏng, khả năng đạt mục tiêu tăng trưởng\n"
        "14,5 % là **54,3 %**, GRDP bình quân đầu người\n"
        "4.500 USD là **61,0 %**, cơ cấu\n"
        "kinh tế (mỗi khu vực trong phạm vi ± 0,5 điểm % của\n"
        "mục tiêu) là **20,0 %**; đạt **đồng thời cả ba** là\n"
        "**12,5 %**."
    )


def test_outlook_text_is_the_heading_then_the_two_paragraphs():
    sc = load_scenario(scenario_path("target"))
    result = _result(annual_distribution=SYMMETRIC)
    assert text.outlook_text(sc, result, TARGETS, 2024, "en") == "\n\n".join(
        [
            text.scenario_heading(sc, "en"),
            text.distribution_paragraph(SYMMETRIC, 2024, "en"),
            text.probability_paragraph(result, TARGETS, "en"),
        ]
    )


def test_ytd_paragraph_with_published_figures():
    result = _result(annual_distribution=TwoPieceNormal(0.145, 0.008, 0.006))
    assert text.ytd_paragraph(result, [12.0, 13.1], 2024, "vi") == (
        "Số liệu lũy kế đã công bố: Quý I 12,00 %, 6 tháng 13,10 %. Phần đã biết được giữ cố "
        "định; độ bất định của cả\n"
        "năm thu hẹp còn 0,80 điểm % phía dưới và\n"
        "0,60 điểm % phía trên, quanh\n"
        "14,50 %."
    )
    assert text.ytd_paragraph(result, [12.0], 2024, "en") == (
        "Published year-to-date figures: Q1 12.00 %. The known part is held fixed; the annual\n"
        "uncertainty narrows to 0.80 points below\n"
        "and 0.60 points above, around\n"
        "14.50 %."
    )


def test_ytd_paragraph_without_published_figures_gives_the_years_90_percent_band():
    # The year's draws 10.0, 10.1, ..., 20.0 %: the 5 % and 95 % quantiles (linear) are
    # 10.0 + 0.05 × 10 = 10.5 % and 10.0 + 0.95 × 10 = 19.5 %.
    year_draws = np.linspace(0.10, 0.20, 101)
    path = pd.DataFrame({"Q1": year_draws, "6M": year_draws, "9M": year_draws, "FY": year_draws})
    result = _result(ytd_path=path)
    assert text.ytd_paragraph(result, [], 2024, "en") == (
        "No 2024 year-to-date figures in the scenario yet (field `ytd_actuals`). The fan shows\n"
        "cumulative growth after Q1, six months, nine months and the year: a single quarter "
        "moves more\n"
        "than the year, so the fan narrows towards the year end. The outer band holds 90 % of "
        "the draws;\n"
        "for the full year 10.5 % to\n"
        "19.5 %."
    )
    vi = text.ytd_paragraph(result, [], 2031, "vi")
    assert vi.startswith("Chưa có số liệu lũy kế năm 2031 trong kịch bản (trường `ytd_actuals`).")
    assert vi.endswith("cả năm\ntừ 10,5 % đến\n19,5 %.")


def test_benchmark_paragraph_plan_inside_the_interval_and_above():
    assert text.benchmark_paragraph(ARIMA, HISTORY, 0.145, "en") == (
        "A random walk with drift on the log real GRDP index, estimated with statsmodels on\n"
        "8 published growth rates\n"
        "(2016–2023), forecasts 2024 growth of\n"
        "**12.34 %** (80 % interval\n"
        "10.1 % – 14.6 %;\n"
        "95 %: 8.9 % – 15.9 %). The\n"
        "plan of 14.5 % lies inside the 80 % interval,\n"
        "2.16 points above the\n"
        "point forecast.\n"
        "\n"
        "**Limits:** 8 observations only; the intervals ignore the\n"
        "uncertainty of the estimated drift and variance and any structural break (the COVID-19 "
        "outbreak, a\n"
        "new wave of investment), so they are **lower bounds** on the real uncertainty. The "
        "model knows\n"
        "nothing of the plan or of projects under way: it is a yardstick, not a competing "
        "forecast."
    )


@pytest.mark.parametrize(
    ("plan", "lang", "where"),
    [
        (0.16, "en", "plan of 16.0 % lies outside the 80 % interval,\n3.66 points above the"),
        (0.09, "en", "plan of 9.0 % lies outside the 80 % interval,\n3.34 points below the"),
        (0.145, "vi", "Kế hoạch 14,5 %\nnằm trong khoảng 80 % và cao hơn dự báo\nđiểm 2,16"),
        (0.09, "vi", "Kế hoạch 9,0 %\nnằm ngoài khoảng 80 % và thấp hơn dự báo\nđiểm 3,34"),
    ],
)
def test_benchmark_paragraph_says_where_the_plan_lies(plan, lang, where):
    assert where in text.benchmark_paragraph(ARIMA, HISTORY, plan, lang)


def test_benchmark_paragraph_in_vietnamese_names_the_record():
    vi = text.benchmark_paragraph(ARIMA, HISTORY, 0.145, "vi")
    assert vi.startswith(
        "Mô hình bước ngẫu nhiên có xu hướng trên chỉ số GRDP thực (logarit), ước lượng bằng\n"
        "statsmodels trên 8 năm tăng trưởng đã công bố\n"
        "(2016–2023), dự báo năm 2024 tăng\n"
        "**12,34 %** (khoảng 80 %: 10,1 % –\n"
        "14,6 %; 95 %: 8,9 % –\n"
        "15,9 %)."
    )
    assert "\n\n**Giới hạn:** chỉ có 8 quan sát;" in vi


def _structure_inputs() -> tuple[SimpleNamespace, SimpleNamespace]:
    # Three draws of the shares: the medians are 67.1, 21.5 and 11.4 %.
    shares = pd.DataFrame(
        {
            "industry_construction": [0.66, 0.6712, 0.69],
            "services": [0.2149, 0.20, 0.23],
            "agriculture": [0.1139, 0.11, 0.12],
        }
    )
    fixed = {"structure": 0.31, "joint": 0.052}
    prices = SimpleNamespace(tau=0.05, share_sd=0.0134, probability_fixed=fixed.__getitem__)
    return _result(shares=shares), prices


def test_structure_paragraph_in_english():
    result, prices = _structure_inputs()
    assert text.structure_paragraph(
        result, TARGETS, prices, [2016, 2017, 2018, 2019, 2023], 2024, "en"
    ) == (
        "Sectors the scenario does not give follow their published relation to total GRDP\n"
        "(2016, 2017, 2018, 2019, 2023), adjusted to add up to the scenario's growth with the "
        "2023 weights. 2024\n"
        "shares (median): Industry and construction 67.1 % (target 68.0 %); Services 21.5 % "
        "(target 20.6 %); Agriculture, forestry, fishery 11.4 % (target 11.4 %).\n"
        "\n"
        "The shares are at current prices, so they move with **relative prices** between the "
        "sectors as\n"
        "well as with real growth: each sector's price departs from the GRDP deflator by an "
        "independent\n"
        "random shock with a standard deviation of 5.0 % (an assumption: the\n"
        "province publishes no sector price indices; see the assumptions table below). This "
        "alone gives\n"
        "the industry-construction share a standard deviation of about\n"
        "1.3 points, against the target's\n"
        "± 0.5 point. Chance that all three shares\n"
        "lie within it: **20.0 %** (with relative prices held fixed:\n"
        "31.0 %). Relative prices are drawn independently of growth, so\n"
        "they also loosen the link between meeting the structure and the growth targets: the "
        "chance of\n"
        "meeting all three together is 12.5 % (relative prices held fixed:\n"
        "5.2 %)."
    )


def test_structure_paragraph_in_vietnamese_takes_its_years_from_the_arguments():
    result, prices = _structure_inputs()
    vi = text.structure_paragraph(result, TARGETS, prices, [2026, 2030], 2031, "vi")
    assert vi.startswith(
        "Các khu vực không có trong kịch bản đi theo quan hệ lịch sử với tổng GRDP (số liệu công\n"
        "bố các năm 2026, 2030), điều chỉnh để cộng lại đúng mức tăng trưởng của kịch bản với "
        "quyền số\n"
        "năm 2030. Tỷ trọng năm 2031 (trung vị): Công nghiệp - xây dựng 67,1 % (mục tiêu "
        "68,0 %);"
    )
    assert "độ lệch chuẩn 5,0 % (giả định" in vi
    assert "độ lệch chuẩn khoảng 1,3 điểm %, trong\nkhi mục tiêu chỉ cho phép ± 0,5 điểm %." in vi
    assert vi.endswith(
        "ba tỷ trọng cùng nằm trong phạm vi đó: **20,0 %** (nếu giá tương đối\n"
        "giữ nguyên: 31,0 %). Giá tương đối được rút độc lập với tăng\n"
        "trưởng nên cũng làm việc đạt cơ cấu ít gắn với mức tăng trưởng hơn: khả năng đạt đồng "
        "thời cả\n"
        "ba là\n"
        "12,5 % (giá tương đối giữ nguyên: 5,2 %)."
    )


CALIBRATION = SimpleNamespace(
    years=tuple(range(2016, 2024)), sigma=0.0351, mean_plan_error=-0.0105, plan_years=("2023",)
)


def test_calibration_paragraph_in_english_with_a_scale_the_scenario_sets():
    assert text.calibration_paragraph(CALIBRATION, {"sigma_lower": 1.2}, 2024, "en") == (
        "Growth, the deflator, relative prices between sectors, population and the exchange\n"
        "rate are drawn independently of each other. The growth scales come from the spread of "
        "growth\n"
        "2016–2023 (3.51 points)\n"
        "and the gap between plan and outturn (-1.05 points,\n"
        "1 year(s)). The scenario sets `sigma_lower` itself, replacing the calibrated value. "
        "Seed 2024:\n"
        "a run with the same parameters gives the same figures."
    )


def test_calibration_paragraph_in_vietnamese():
    assert text.calibration_paragraph(CALIBRATION, {"deflator_sigma": 0.5}, 7, "vi") == (
        "Tăng trưởng, chỉ số giảm phát, giá tương đối giữa các khu vực, dân số và tỷ giá được\n"
        "rút ngẫu nhiên độc lập với nhau.\n"
        "Mức độ bất định của tăng trưởng lấy từ độ lệch chuẩn tăng trưởng\n"
        "2016–2023 (3,51\n"
        "điểm %) và sai lệch giữa kế hoạch và thực hiện\n"
        "(-1,05 điểm %,\n"
        "1 năm). Hạt giống ngẫu nhiên\n"
        "7: chạy lại với cùng tham số cho cùng kết quả."
    )


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="lang"):
        text.calibration_paragraph(CALIBRATION, {}, 7, "fr")
    with pytest.raises(ValueError, match="lang"):
        text.distribution_paragraph(SYMMETRIC, 2024, "fr")
