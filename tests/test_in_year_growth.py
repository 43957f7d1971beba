"""GRDP growth in the year, as the scorecard writes it (analysis.report.in_year_growth).

Hand calculations, with the target scenario's 2023 quarterly weights 21 / 25 / 26.5 / 27.5 %,
the 14.5 % target and the illustrative year-to-date figures 8.0 % (Q1), 10.0 % (6M), 12.0 % (9M):

- single quarters: Q1 8.00 %; Q2 (10.0 × 0.46 − 8.0 × 0.21) / 0.25 = 2.92 / 0.25 = 11.68 %;
  Q3 (12.0 × 0.725 − 10.0 × 0.46) / 0.265 = 4.1 / 0.265 = 15.47 %.
- each remaining quarter needs: at the start 14.50 %; after Q1 (14.5 − 1.68) / 0.79 = 16.23 %;
  after 6M (14.5 − 4.6) / 0.54 = 18.33 %; after 9M (14.5 − 8.7) / 0.275 = 21.09 %.
- the 2023 record: Q1 8.4 % (cumulative), Q2 13.5 %, Q3 14.59 %; Q4 implied
  (13.45 − 0.21 × 8.4 − 0.25 × 13.5 − 0.265 × 14.59) / 0.275 = 16.16 %, the best.
"""

import math
from types import SimpleNamespace

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import in_year_view
from analysis.data.scenarios import load_scenario, scenario_path
from analysis.report import in_year_growth as growth

PERIODS = ("2024-Q1", "2024-6M", "2024-9M", "2024")
WEIGHTS = [0.21, 0.25, 0.265, 0.275]
Q4_2023 = (0.1345 - 0.21 * 0.084 - 0.25 * 0.135 - 0.265 * 0.1459) / 0.275
RECORD = pd.DataFrame(
    {
        "growth": [0.084, 0.135, 0.1459, Q4_2023],
        "basis": ["published_cumulative", "published", "published", "implied_by_weights"],
    },
    index=pd.Index(["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"], name="period"),
)
YTD = pd.Series({"2024-Q1": 0.08, "2024-6M": 0.10, "2024-9M": 0.12})


@pytest.fixture(scope="module")
def view() -> pd.DataFrame:
    return in_year_view(YTD, 0.145, WEIGHTS, reference_quarters=RECORD["growth"])


def test_quarter_names():
    assert growth.quarter_name("2023-Q4", "vi") == "quý IV/2023"
    assert growth.quarter_name("2023-Q1", "en") == "2023 Q1"


@pytest.mark.parametrize(
    ("period", "vi", "en"),
    [
        ("2024-Q1", "quý I", "Q1"),
        ("2024-6M", "6 tháng", "the first half"),
        ("2024-9M", "9 tháng", "9 months"),
    ],
)
def test_period_in_a_sentence(period, vi, en):
    assert growth.period_words(period, "vi") == vi
    assert growth.period_words(period, "en") == en


def test_record_with_how_each_quarter_is_known():
    assert growth.record_text(RECORD, "vi") == (
        "quý I/2023 8,40 % (đã công bố, lũy kế quý I); quý II/2023 13,50 % (đã công bố); "
        "quý III/2023 14,59 % (đã công bố); "
        "quý IV/2023 16,16 % (suy ra từ tăng trưởng cả năm và tỷ trọng quý giả định)"
    )
    assert (
        growth.record_text(RECORD.iloc[:1], "en") == "2023 Q1 8.40 % (published, Q1 year to date)"
    )


def test_year_result_only_once_the_year_is_in():
    # GRDP growth on levels: 13.6 / 14.5 = 0.938 of the gap closed.
    grdp = pd.Series(
        {"period": "2024", "actual": 13.6, "status": "not_met", "gap_closed": 13.6 / 14.5}
    )
    assert growth.year_result_text(grdp, 14.5, "en") == (
        "The year's result: GRDP grew **13.60 %** (target 14.5 %): **Not met**, with 93.8 % of "
        "the gap closed. The table shows what the remaining quarters needed at each point of "
        "the year.\n\n"
    )
    assert growth.year_result_text(grdp, 14.5, "vi").startswith(
        "Kết quả cả năm 2024: GRDP tăng **13,60 %** (mục tiêu 14,5 %): **Không đạt**, đã thu hẹp "
        "93,8 % khoảng cách."
    )
    assert growth.year_result_text(grdp.replace({"2024": "2024-9M"}), 14.5, "vi") == ""
    assert growth.year_result_text(grdp.replace({"2024": math.nan}), 14.5, "en") == ""


def test_verdict_beyond_the_record(view):
    now = view.iloc[-1]
    assert now["verdict"] == "beyond_reference"
    assert growth.verdict_phrase(now, "en") == (
        "above every quarter so far (15.47 %) and above every quarter of 2023 "
        "(the best, 2023 Q4: 16.16 %): implausible"
    )
    assert growth.verdict_phrase(now, "vi") == (
        "cao hơn mọi quý năm nay (15,47 %) và cao hơn mọi quý năm 2023 "
        "(cao nhất quý IV/2023: 16,16 %): khó khả thi"
    )


def test_verdict_within_this_year_and_within_the_record():
    now = pd.Series(
        {
            "best_quarter_so_far": 0.17,
            "reference_best": 0.1616,
            "reference_best_period": "2023-Q4",
            "verdict": "within_this_year",
        }
    )
    assert (
        growth.verdict_phrase(now, "en")
        == "no more than the best quarter so far (17.00 %): plausible"
    )
    start = now.copy()
    start["best_quarter_so_far"], start["verdict"] = math.nan, "within_reference"
    assert (
        growth.verdict_phrase(start, "en") == "no quarter of this year has reached it yet; "
        "still within 2023's best quarter (2023 Q4: 16.16 %): stretching"
    )
    assert growth.verdict_phrase(start, "vi") == (
        "chưa có quý nào năm nay đạt mức này; "
        "vẫn dưới quý cao nhất năm 2023 (quý IV/2023: 16,16 %): khó"
    )
    above = start.copy()
    above["best_quarter_so_far"] = 0.08
    assert growth.verdict_phrase(above, "en") == (
        "above every quarter so far (8.00 %) and "
        "still within 2023's best quarter (2023 Q4: 16.16 %): stretching"
    )


def test_last_quarter_when_it_is_known(view):
    assert growth.last_quarter_text(view.iloc[-1], "en") == " (the last quarter alone 15.47 %)"
    assert growth.last_quarter_text(view.iloc[-1], "vi") == " (riêng quý vừa qua 15,47 %)"
    assert growth.last_quarter_text(view.iloc[0], "vi") == ""


def test_in_year_table(view):
    table = growth.in_year_table(view, "en")
    assert list(table.columns) == [
        "Period",
        "Year to date, y/y",
        "Last quarter",
        "Best quarter so far",
        "Each remaining quarter needs",
        "Assessment",
    ]
    assert table.values.tolist() == [
        ["Start of year", "–", "–", "–", "14.50 %", "Stretching: only within 2023's best quarter"],
        ["Q1", "8.00 %", "8.00 %", "8.00 %", "16.23 %", "Implausible: above 2023's best"],
        [
            "First half",
            "10.00 %",
            "11.68 %",
            "11.68 %",
            "18.33 %",
            "Implausible: above 2023's best",
        ],
        ["9 months", "12.00 %", "15.47 %", "15.47 %", "21.09 %", "Implausible: above 2023's best"],
    ]
    vi = growth.in_year_table(view, "vi")
    assert vi.iloc[2].tolist()[0] == "6 tháng"
    assert vi.iloc[0].tolist()[-1] == "Khó: chỉ trong mức quý cao nhất 2023"


def test_in_year_figure_draws_the_published_and_the_needed_quarters(view):
    fig = growth.in_year_figure(view, 14.5, "en")
    bars = [p.get_height() for p in fig.axes[0].patches]
    assert bars == pytest.approx([8.0, 11.68, 4.1 / 0.265, 5.8 / 0.275], abs=1e-9)
    target = [line for line in fig.axes[0].lines if list(line.get_ydata()) == [14.5, 14.5]]
    assert target, "the 14.5 % target line"
    plt.close(fig)


# The GRDP growth row of the assessment: 9 months in, and once the year's 13.6 % is in.
GRDP_9M = pd.Series({"target": 14.5, "period": "2024-9M", "actual": 12.0, "status": "off_track"})
GRDP_YEAR = pd.Series(
    {"target": 14.5, "period": "2024", "actual": 13.6, "status": "not_met", "gap_closed": 0.938}
)


@pytest.fixture(scope="module")
def target_scenario():
    return load_scenario(scenario_path("target"))  # weights 21 / 25 / 26.5 / 27.5 %


def test_growth_row_of_the_assessment():
    assessment = pd.DataFrame(
        {"indicator_id": ["budget_revenue", "grdp_growth"], "target": [16000.0, 14.5]}
    )
    assert growth.growth_row(assessment)["target"] == 14.5


def test_weights_and_the_tables_caption():
    assert growth.weights_text([21.0, 25.0, 26.5, 27.5], "vi") == "21,0; 25,0; 26,5; 27,5"
    assert growth.weights_text([21.0, 25.0, 26.5, 27.5], "en") == "21.0; 25.0; 26.5; 27.5"
    assert growth.in_year_caption(14.5, "vi") == (
        "Tăng trưởng các quý còn lại cần đạt để cả năm tăng 14,5 %"
    )
    assert growth.in_year_caption(14.5, "en") == (
        "Growth the remaining quarters need for 14.5 % in the year"
    )


def test_in_year_text_before_any_quarter(target_scenario):
    # Nothing published: each quarter needs the year's 14.50 %.
    start = in_year_view({}, 0.145, WEIGHTS, reference_quarters=RECORD["growth"])
    assert growth.in_year_text(start, RECORD, GRDP_9M, target_scenario, PERIODS, "en") == (
        "## GRDP growth in the year\n"
        "\n"
        "No 2024 year-to-date GRDP growth recorded (periods `2024-Q1`, `2024-6M`, `2024-9M`).\n"
        "For 14.5 % in the year, each quarter needs **14.50 %** on\n"
        "the same quarter of 2023."
    )
    # The year and its periods come from ``periods``; growth in 2031 is compared with the same
    # quarters of 2030, whatever year the record of quarters (here 2023) belongs to.
    periods = ("2031-Q1", "2031-6M", "2031-9M", "2031")
    assert growth.in_year_text(start, RECORD, GRDP_9M, target_scenario, periods, "vi") == (
        "## Tăng trưởng GRDP trong năm\n"
        "\n"
        "Chưa có số liệu tăng trưởng GRDP lũy kế năm 2031 (kỳ `2031-Q1`, `2031-6M`, `2031-9M`).\n"
        "Để cả năm đạt 14,5 %, mỗi quý cần tăng **14,50 %** so với\n"
        "cùng kỳ năm 2030."
    )


def test_in_year_text_after_nine_months(view, target_scenario):
    # After 9M at 12.0 %: the third quarter alone 15.47 %, the fourth needs 21.09 %.
    assert growth.in_year_text(view, RECORD, GRDP_9M, target_scenario, PERIODS, "en") == (
        "## GRDP growth in the year\n"
        "\n"
        "After 9 months, GRDP grew **12.00 %** on the same period of\n"
        "2023 (the last quarter alone 15.47 %). For 14.5 % in the year, each remaining quarter "
        "needs\n"
        "**21.09 %** year on year: above every quarter so far (15.47 %) and above every quarter "
        "of 2023 (the best, 2023 Q4: 16.16 %): implausible. Quarterly weights of 2023\n"
        "GRDP used (scenario: Resolution target): 21.0; 25.0; 26.5; 27.5 %. The quarters of "
        "2023 the\n"
        "requirement is compared with: 2023 Q1 8.40 % (published, Q1 year to date); 2023 Q2 "
        "13.50 % (published); 2023 Q3 14.59 % (published); 2023 Q4 16.16 % (implied by the "
        "year's growth and the assumed quarterly weights)."
    )


def test_in_year_text_once_the_year_is_in(view, target_scenario):
    vi = growth.in_year_text(view, RECORD, GRDP_YEAR, target_scenario, PERIODS, "vi")
    assert vi.startswith(
        "## Tăng trưởng GRDP trong năm\n"
        "\n"
        "Kết quả cả năm 2024: GRDP tăng **13,60 %** (mục tiêu 14,5 %): **Không đạt**, đã thu "
        "hẹp 93,8 % khoảng cách. Bảng dưới cho biết, tại mỗi kỳ trong năm, các quý còn lại đã "
        "cần tăng bao nhiêu.\n"
        "\n"
        "Sau 9 tháng, GRDP tăng **12,00 %** so cùng kỳ (riêng quý vừa qua 15,47 %). Để cả\n"
        "năm đạt 14,5 %, mỗi quý còn lại khi đó cần tăng **21,09 %**\n"
        "so cùng kỳ: cao hơn mọi quý năm nay (15,47 %) và cao hơn mọi quý năm 2023 (cao nhất "
        "quý IV/2023: 16,16 %): khó khả thi. Tỷ trọng GRDP các quý năm 2023 dùng để tính (theo\n"
        "Kịch bản mục tiêu Nghị quyết): 21,0; 25,0; 26,5; 27,5 %. Các quý năm 2023 dùng làm mốc "
        "so sánh:\n"
        "quý I/2023 8,40 % (đã công bố, lũy kế quý I);"
    )
    en = growth.in_year_text(view, RECORD, GRDP_YEAR, target_scenario, PERIODS, "en")
    assert "each remaining quarter then needed\n**21.09 %** year on year" in en


def test_in_year_text_with_the_year_in_and_no_quarter_recorded(target_scenario):
    # The year's result (13.60 % against 14.5 %) with no year-to-date figure: the result, and
    # no advice on what quarters that are over "need", nor a table that is not shown.
    start = in_year_view({}, 0.145, WEIGHTS, reference_quarters=RECORD["growth"])
    vi = growth.in_year_text(start, RECORD, GRDP_YEAR, target_scenario, PERIODS, "vi")
    assert vi == (
        "## Tăng trưởng GRDP trong năm\n"
        "\n"
        "Kết quả cả năm 2024: GRDP tăng **13,60 %** (mục tiêu 14,5 %): **Không đạt**, đã thu "
        "hẹp 93,8 % khoảng cách.\n"
        "\n"
        "Không có số liệu tăng trưởng GRDP lũy kế trong năm 2024 (kỳ `2024-Q1`, `2024-6M`, "
        "`2024-9M`) được ghi,\n"
        "nên báo cáo không dựng lại tiến độ từng quý."
    )
    en = growth.in_year_text(start, RECORD, GRDP_YEAR, target_scenario, PERIODS, "en")
    assert "needs" not in en and "table" not in en
    assert en.startswith("## GRDP growth in the year\n\nThe year's result: GRDP grew **13.60 %**")


def test_in_year_text_escapes_the_scenarios_label(view):
    hostile = SimpleNamespace(label_in=lambda lang: "*x*", quarterly_weights=[25.0] * 4)
    text = growth.in_year_text(view, RECORD, GRDP_9M, hostile, PERIODS, "en")
    assert "(scenario: \\*x\\*): 25.0; 25.0; 25.0; 25.0 %." in text
