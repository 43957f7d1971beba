"""The scorecard report's tables and phrases (analysis.report.scorecard_page), on the
illustrative actuals.

Expected figures are worked out by hand from tests/fixtures/actuals/illustrative_actuals_2024.csv
and data/raw/targets_2024.csv, as in tests/test_scorecard_notebook.py:

- groups: met (2) GRDP per head and (12) the merger; not met (1) growth, (3) budget, (8) labour,
  (14) security hotspots; open 15 − 2 − 4 = 9; a full year's data in groups 2, 3, 8 and 12.
- group (8), labour: six figures, all results of the year: trained 76.9 < 78, certified
  32.5 < 34, urban unemployment 2.8 > 2.5 and the agriculture labour share 23.5 outside
  22.7 ± 0.5 not met; the industry (46.4) and services (31.7) labour shares met.
- the file: 26 figures (the template row left empty is no figure), 19 of them estimates
  (3 year-to-date growth figures, per head, budget 9M and its first 2024 vintage, 6 labour
  figures, poverty, social investment, tourists, 3 in-year shares, complaints); the latest
  publication is the budget's outturn of 15/03/2025.
"""

from pathlib import Path

import pandas as pd
import pytest

from analysis import assess, load_actuals, load_targets
from analysis.data.actuals import empty_actuals
from analysis.data.tables import load_target_groups
from analysis.report import scorecard_page as page
from analysis.report.scorecard_view import figure_text

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "actuals" / "illustrative_actuals_2024.csv"


@pytest.fixture(scope="module")
def figures() -> pd.DataFrame:
    return load_actuals(FIXTURE, load_targets())


@pytest.fixture(scope="module")
def assessment(figures) -> pd.DataFrame:
    return assess(load_targets(), figures)


@pytest.fixture(scope="module")
def titles() -> pd.DataFrame:
    return load_target_groups()


def test_group_title_from_the_titles_table(titles):
    assert page.group_title(titles, 5, "vi") == "(5) Du lịch"
    assert page.group_title(titles, 12, "en") == "(12) Administrative mergers"


def test_group_without_a_title_shows_its_number():
    titles = pd.DataFrame({"group": [1], "title_vi": ["Một"], "title_en": ["One"]})
    assert page.group_title(titles, 1, "en") == "(1) One"
    assert page.group_title(titles, 16, "vi") == "(16)"
    with pytest.raises(ValueError, match="lang"):
        page.group_title(titles, 1, "fr")


def test_shown_path_relative_inside_the_project_only(tmp_path):
    inside = tmp_path / "data" / "raw" / "actuals"
    assert page.shown_path(inside, root=tmp_path) == "data/raw/actuals"
    outside = Path("/elsewhere/actuals.csv")
    assert page.shown_path(outside, root=tmp_path) == "/elsewhere/actuals.csv"
    assert page.shown_path(FIXTURE) == "tests/fixtures/actuals/illustrative_actuals_2024.csv"


def test_dates_as_each_language_writes_them():
    stamp = pd.Timestamp("2024-12-20")
    assert page.date_text(stamp, "vi") == "20/12/2024"
    assert page.date_text(stamp, "en") == "2024-12-20"


@pytest.mark.parametrize(
    ("text", "unit", "lang", "expected"),
    [
        ("13,6", "% growth", "vi", "13,6 %"),
        ("76.9", "%", "en", "76.9 %"),
        ("15.200", "billion VND", "vi", "15.200 tỷ đồng"),
        ("1.5", "million arrivals", "en", "1.5 million arrivals"),
        ("Hoàn thành", "done", "vi", "Hoàn thành"),
    ],
)
def test_figure_with_its_unit(text, unit, lang, expected):
    assert page.with_unit(text, unit, lang) == expected


def test_figures_carry_their_own_decimals_up_to_two():
    # The resolution writes 16.000 tỷ đồng, 14,5 %, 99,32 %: as many decimals as the figure has.
    assert figure_text(16000.0, "vi") == "16.000"
    assert figure_text(14.5, "vi") == "14,5"
    assert figure_text(99.32, "en") == "99.32"
    assert figure_text(1 / 3, "en") == "0.33"
    assert figure_text(float("nan")) == figure_text(None) == "–"


def test_fraction_as_percent_or_a_bare_dash():
    # 5.8 / 0.275 = 21.0909... %: the fourth quarter's requirement after 9 months at 12 %.
    assert page.fraction_text(5.8 / 27.5, 2, "en") == "21.09 %"
    assert page.fraction_text(0.145, 1, "vi") == "14,5 %"
    assert page.fraction_text(float("nan")) == "–"
    assert page.fraction_text(None) == "–"


def test_group_counts(assessment):
    assert page.group_counts(assessment) == page.GroupCounts(
        groups=15, met=2, not_met=4, open=9, complete=4
    )


def test_group_results_table(assessment, titles):
    table = page.group_results_table(assessment, titles, "en")
    assert list(table.columns) == [
        "Group of targets",
        "Group result",
        "Figures",
        "Met",
        "Not met",
        "On track",
        "Needs acceleration",
        "Off track",
        "Wrong direction",
        "No data",
    ]
    assert len(table) == 15
    labour = table.iloc[7].tolist()
    assert labour == ["(8) Labour, training and jobs", "Not met", 6, 2, 4, 0, 0, 0, 0, 0]
    # (1): growth not met, industry share on track, agriculture off track, services wrong way.
    assert table.iloc[0].tolist()[1:] == ["Not met", 4, 0, 1, 1, 0, 1, 1, 0]
    assert table.iloc[1, 1] == "Met"
    assert table.iloc[4, 1] == "Awaiting the year's results"
    assert table["Figures"].sum() == 47


def test_listed_targets_not_met_in_the_resolutions_order(assessment):
    text = page.listed_targets(assessment, ("not_met",), "en")
    items = text.split("; ")
    assert len(items) == 7
    assert items[0] == "GRDP growth (constant 2010 prices) (13.6 % / ≥ 14.5 %)"
    assert items[1].endswith("(15,200 billion VND / ≥ 16,000 billion VND)")
    assert items[4] == "Urban unemployment rate (2.8 % / ≤ 2.5 %)"
    assert items[-1] == "No security or public-order hotspots arise (Not done / Done)"


def test_listed_targets_to_watch_in_vietnamese(assessment):
    text = page.listed_targets(assessment, page.IN_YEAR_WATCH, "vi")
    assert text.split("; ") == [
        "Cơ cấu kinh tế: Dịch vụ (21,8 % / 20,6 ± 0,5 %)",
        "Cơ cấu kinh tế: Nông, lâm nghiệp, thuỷ sản (12,8 % / 11,4 ± 0,5 %)",
        "Thu hút lượt khách du lịch (1,5 triệu lượt / ≥ 2,3 triệu lượt)",
        "Số vụ khiếu kiện phức tạp, kéo dài trên địa bàn giảm hơn so với năm 2023 "
        "(Chưa hoàn thành / Hoàn thành)",
    ]


def test_listed_names_are_escaped(assessment):
    hostile = assessment.copy()
    hostile.loc[hostile["indicator_id"] == "budget_revenue", "name_en"] = "<b>*Budget*</b>"
    text = page.listed_targets(hostile, ("not_met",), "en")
    assert "&lt;b&gt;\\*Budget\\*&lt;/b&gt; (15,200 billion VND" in text
    assert page.listed_targets(assessment, ("on_track",), "en").count("; ") == 1
    assert page.listed_targets(assessment, (), "en") == ""


def test_targets_list_without_results(titles):
    table = page.targets_list_table(assess(load_targets(), empty_actuals()), titles, 2023, "en")
    assert list(table.columns) == ["Group of targets", "Indicator", "Unit", "Target", "2023"]
    assert len(table) == 47
    assert (table["Group of targets"] != "").sum() == 15
    first = table.iloc[0].tolist()
    assert first == [
        "(1) Growth and economic structure",
        "GRDP growth (constant 2010 prices)",
        "%",
        "≥\u00a014.5",
        "13.45",
    ]
    assert table.iloc[1, 0] == ""
    assert table.iloc[1, 3] == "68\u00a0±\u00a00.5"
    per_head = table[table["Indicator"] == "GRDP per head"].iloc[0].tolist()
    assert per_head == ["(2) GRDP per head", "GRDP per head", "USD", "≥\u00a04,500", "3,950"]
    assert (
        table[table["Indicator"] == "State budget revenue collected in the province"].iloc[0, 4]
        == "–"
    )


def test_column_styles_line_the_group_tables_up():
    styles = page.column_styles("vi")
    assert sum(page.COLUMN_WIDTHS.values()) == 100
    assert styles["Chỉ tiêu"] == [{"selector": "th, td", "props": "width: 25%; text-align: left;"}]
    assert styles["Thực hiện"] == [{"selector": "th, td", "props": "width: 9%; text-align: right;"}]
    assert styles["Nguồn số liệu"][0]["props"] == "width: 19%; text-align: left;"
    assert len(styles) == 8  # every column but the group, which the tables hide


def test_group_table_html(assessment):
    html = page.group_table_html(assessment, 2, "en")
    assert 'id="T_scorecard-en-2"' in html
    assert 'class="report-table"' in html
    assert "td.col1 {\n  width: 25%;\n  text-align: left;\n}" in html  # the indicator
    assert "td.col5 {\n  width: 9%;\n  text-align: right;\n}" in html  # the actual figure
    assert "color: #ffffff;\n  font-weight: bold;" in html  # the light, in bold
    assert ">GRDP per head<" in html and ">Met<" in html and ">121.8<" in html
    assert ">Group<" not in html  # the group column is hidden
    assert "background-color: #1a9850" in html  # green: met
    assert html.count("<tr>") == 2  # the header and the group's one figure


def test_sources_table(figures):
    table = page.sources_table(figures, "vi")
    assert table.to_dict("records") == [
        {
            "Tệp số liệu": "tests/fixtures/actuals/illustrative_actuals_2024.csv",
            "Số liệu": "26",
            "Trong đó ước tính": "19",
            "Công bố đến ngày": "15/03/2025",
        }
    ]


def test_a_source_is_cited_in_the_reports_language():
    from analysis.report.scorecard_view import source_citation

    cited = "Statistics Office figure for the year: https://dantri.com.vn/x-2025.htm"
    assert source_citation(cited, "vi") == "https://dantri.com.vn/x-2025.htm"
    assert source_citation(cited, "en") == cited
    # A source without an address is shown as written.
    assert source_citation("Cục Thống kê", "vi") == "Cục Thống kê"
