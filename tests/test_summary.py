"""The one-page summary (analysis.outlook.summary, analysis.report.summary_page, report 00).

Its figures are those of the reports it summarises: each scenario's results table (reports 01
and 04, the index), the structural-shift report (02: the 2024 structure under the target
scenario, as that report prints it), the scorecard (06: its assessment, headline and lists, and
its in-year requirement computed as notebook 06 computes it, with ``in_year_record``). Its
sentences hold for both plan packs (2024: the year's result published, a structure target;
2025: no actuals, no structure target), for one scenario or several, in both languages.
"""

from __future__ import annotations

import math
import re

import pytest

from analysis import load_plan
from analysis.economics.scorecard import assess
from analysis.economics.scorecard_in_year import in_year_view, ytd_growth
from analysis.outlook.quarter_weights import in_year_record
from analysis.outlook.results import run_tables, scenario_results
from analysis.outlook.summary import plan_summary, reference_of
from analysis.report.scorecard_page import group_counts
from analysis.report.scorecard_view import headline_text
from analysis.report.summary_page import summary_chart, summary_text

PLANS = ("bac-giang-2024", "bac-giang-2025")


@pytest.fixture(scope="module")
def packs():
    return {plan: load_plan(plan) for plan in PLANS}


@pytest.fixture(scope="module")
def tables(packs):
    return {plan: run_tables(pack, pack.scenarios, pack.seed) for plan, pack in packs.items()}


def _summary(packs, tables, plan, names=None):
    pack = packs[plan]
    chosen = [s for s in pack.scenarios if names is None or s.name in names]
    reference = reference_of(pack, chosen)
    return plan_summary(pack, {s.name: tables[plan][s.name] for s in chosen}, reference)


def _value(table, variable, period):
    rows = table.query("variable == @variable and period == @period")
    return float(rows["value"].iloc[0])


@pytest.mark.parametrize("plan", PLANS)
def test_each_scenario_figure_is_the_results_table_figure(packs, tables, plan):
    s = _summary(packs, tables, plan)
    year = str(packs[plan].plan_year)
    assert len(s.scenarios) == len(packs[plan].scenarios)
    for figures in s.scenarios:
        table = tables[plan][figures.name]
        assert figures.growth == _value(table, "grdp_growth", year)
        assert figures.per_head == _value(table, "grdp_per_capita_usd", year)
        assert figures.p_growth == _value(table, "probability_grdp_growth_target", year)
    growth = [f.growth for f in s.scenarios]
    assert growth == sorted(growth), "low to high, as the comparison orders them"


def test_the_tables_are_the_runs_own_results_csv(packs, tmp_path):
    pack = packs["bac-giang-2024"]
    target = pack.scenario("target")
    table = scenario_results(
        target,
        pack.baselines,
        pack.series,
        base_year=pack.base_year,
        assumptions=pack.assumptions,
        targets=pack.targets,
        seed=pack.seed,
    )
    (tmp_path / "target").mkdir()
    written = table.assign(value=table["value"] + 1.0)  # a written table wins over recomputing
    written.to_csv(tmp_path / "target" / "results.csv", index=False)
    read = run_tables(pack, [target], pack.seed, tmp_path, "results.csv")["target"]
    assert read["value"].tolist() == pytest.approx((table["value"] + 1.0).tolist())
    assert run_tables(pack, [target], pack.seed)["target"]["value"].tolist() == pytest.approx(
        table["value"].tolist()
    )


@pytest.mark.parametrize("name", ["null", "2025", "nan"])
def test_a_written_table_of_a_scenario_named_like_a_number_or_nothing_reads_back(
    packs, tmp_path, name
):
    """Scenario names are [a-z0-9_-]+: read back as text, not as a number or a missing value."""
    pack = packs["bac-giang-2024"]
    scenario = pack.scenario().model_copy(update={"name": name})
    table = run_tables(pack, [pack.scenario()], pack.seed)["target"].assign(scenario=name)
    (tmp_path / name).mkdir()
    table.to_csv(tmp_path / name / "results.csv", index=False)
    read = run_tables(pack, [scenario], pack.seed, tmp_path, "results.csv")[name]
    assert set(read["scenario"]) == {name}
    assert read["value"].tolist() == table["value"].tolist()  # to the last digit


def test_2024_against_the_published_figures_and_report_02(packs, tables):
    s = _summary(packs, tables, "bac-giang-2024")
    assert (s.growth_target, s.per_head_target) == (14.5, 4500.0)  # the resolution, I.2
    assert s.growth_outturn.actual == 13.85 and not s.growth_outturn.achieved  # actuals/
    assert s.per_head_outturn.actual == 4370.0 and not s.per_head_outturn.achieved
    assert s.share_targets.tolist() == [68.0, 20.6, 11.4]
    # report 02 for the target scenario prints "68,1 % / 20,1 % / 11,8 %"
    assert s.shares_projected.round(1).tolist() == [68.1, 20.1, 11.8]
    assert s.reference == "target"
    assert math.isnan(s.required_growth), "the year's result is in: nothing is required"


def test_the_scorecard_figures_are_report_06s(packs, tables):
    pack = packs["bac-giang-2024"]
    s = _summary(packs, tables, "bac-giang-2024")
    assessment = assess(pack.targets, pack.actuals)
    counts = group_counts(assessment)
    assert s.groups == {
        "groups": counts.groups,
        "met": counts.met,
        "not_met": counts.not_met,
        "open": counts.open,
    }
    assert s.statuses["not_met"] == ["grdp_growth", "grdp_per_capita_usd"]
    text = summary_text(s, {x.name: x.label_in("vi") for x in pack.scenarios}, "vi")
    assert headline_text(assessment, "vi") in text
    assert "Nhóm chỉ tiêu đạt: 2/15" in text


def test_2025_what_the_quarters_need_is_report_06s(packs, tables):
    pack = packs["bac-giang-2025"]
    s = _summary(packs, tables, "bac-giang-2025")
    known = in_year_record(pack, pack.scenario())  # as notebook 06 takes it
    view = in_year_view(
        ytd_growth(pack.actuals), 0.136, known.weights, reference_quarters=known.record["growth"]
    )
    assert s.required_growth == pytest.approx(float(view["required_growth"].iloc[-1]))
    assert s.required_growth == pytest.approx(0.136)  # no quarter in: each needs the target
    assert s.share_targets is None and s.shares_projected is None
    assert s.growth_outturn is None


VI_STOP_WORDS = re.compile(r"\b(the|and|of|to|is|are|with|scenario|target|growth)\b", re.I)
VI_LETTERS = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)


@pytest.mark.parametrize("plan", PLANS)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_line_in_one_language(packs, tables, plan, lang):
    pack = packs[plan]
    s = _summary(packs, tables, plan)
    names = {x.name: x.label_in(lang) for x in pack.scenarios}
    text = summary_text(s, names, lang)
    for name in names.values():  # labels are the planners' words, in either language
        text = text.replace(name, "")
    if lang == "vi":
        assert not VI_STOP_WORDS.search(text), VI_STOP_WORDS.search(text)
    else:
        text = re.sub(r"\([^()]*≥[^()]*\)", "", text)  # figures with their units
        assert not VI_LETTERS.search(text), VI_LETTERS.search(text)


def test_2024_sentences_say_what_the_figures_say(packs, tables):
    pack = packs["bac-giang-2024"]
    s = _summary(packs, tables, "bac-giang-2024")
    text = summary_text(s, {x.name: x.label_in("vi") for x in pack.scenarios}, "vi")
    assert "từ 11,00 % (“Kịch bản thấp”) đến 16,00 % (“Kịch bản cao”)" in text
    assert "2/4 kịch bản không thấp hơn mục tiêu" in text  # 14.5 and 16.0 of 11, 13.75, 14.5, 16
    assert "Kết quả cả năm đã công bố: 13,85 %, **không đạt** mục tiêu." in text
    assert "mục tiêu 68,0 / 20,6 / 11,4" in text and "68,1 / 20,1 / 11,8" in text
    assert "năm 2024 đã có kết quả cả năm" in text
    assert "“Kịch bản mục tiêu Nghị quyết” (cơ cấu kinh tế dưới đây theo kịch bản này)." in text
    assert "tỷ trọng các quý" not in text, "the year is in: no quarterly weights are used"


def test_2025_leaves_out_what_the_plan_does_not_state(packs, tables):
    pack = packs["bac-giang-2025"]
    s = _summary(packs, tables, "bac-giang-2025")
    text = summary_text(s, {x.name: x.label_in("vi") for x in pack.scenarios}, "vi")
    assert "cơ cấu" not in text.lower(), "no structure target in the 2025 plan"
    assert "(tỷ trọng các quý dưới đây theo kịch bản này)" in text
    assert "Kết quả cả năm" not in text, "no result of 2025 is published"
    assert "chưa có số liệu thực hiện" in text
    assert "mỗi quý cần tăng **13,60 %**" in text


def test_one_scenario_is_not_called_a_range(packs, tables):
    s = _summary(packs, tables, "bac-giang-2024", names=["low"])
    assert s.reference == "low", "without the plan's own scenario, the run's first"
    text = summary_text(s, {"low": "Thấp"}, "vi")
    assert "từ " not in text.split("**Các chỉ tiêu")[0]
    assert "kịch bản “Thấp”: 11,00 %" in text
    assert "0/1" not in text


def test_the_chart_draws_one_bar_per_scenario_with_title_and_source(packs, tables):
    pack = packs["bac-giang-2024"]
    s = _summary(packs, tables, "bac-giang-2024")
    names = {x.name: x.label_in("vi") for x in pack.scenarios}
    fig = summary_chart(s, names, "vi", source="Nguồn: thử.")
    ax = fig.axes[0]
    assert len(ax.patches) == 4
    assert [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()] == [
        names[x.name] for x in s.scenarios
    ]
    assert fig.get_suptitle().startswith("Tăng trưởng GRDP năm 2024")
    assert any(t.get_text() == "Nguồn: thử." for t in fig.texts)


def test_reference_of_follows_the_runner(packs):
    pack = packs["bac-giang-2024"]
    scenarios = pack.scenarios
    assert reference_of(pack, scenarios).name == "target"
    assert reference_of(pack, scenarios, str(pack.scenario("high").path)).name == "high"
    with pytest.raises(ValueError, match="not one of the run's scenarios"):
        reference_of(pack, [pack.scenario("low")], "high")


def test_in_the_year_what_the_remaining_quarters_need_and_what_to_watch(packs, tables):
    # The illustrative actuals of the scorecard's tests without the year's results: growth of
    # 8.0 % after Q1, 10.0 % after 6 months, 12.0 % after 9 months; in-year figures to watch.
    from pathlib import Path

    from analysis.data.actuals import load_actuals

    fixture = Path(__file__).parent / "fixtures" / "actuals" / "illustrative_actuals_2024.csv"
    pack = packs["bac-giang-2024"]
    figures = load_actuals(fixture, pack.targets, plan=pack)
    figures = figures[~figures["period"].astype(str).eq("2024")]
    target = pack.scenario("target")
    s = plan_summary(pack, {"target": tables["bac-giang-2024"]["target"]}, target, figures)
    known = in_year_record(pack, target)  # as notebook 06 takes it
    view = in_year_view(
        ytd_growth(figures), 0.145, known.weights, reference_quarters=known.record["growth"]
    )
    assert s.growth_outturn is None and s.quarters_done == 3
    assert s.required_growth == pytest.approx(float(view["required_growth"].iloc[-1]))
    text = summary_text(s, {"target": "Mục tiêu"}, "vi")
    required = f"{100 * s.required_growth:.2f}".replace(".", ",")
    assert "sau 9 tháng, GRDP tăng 12,00 % so cùng kỳ" in text
    assert f"mỗi quý còn lại cần tăng **{required} %** so cùng kỳ" in text
    assert "Cần chú ý trong năm: " in text
    assert "không còn quý nào" not in text
