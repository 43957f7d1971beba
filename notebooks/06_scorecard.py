# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% tags=["parameters"]
# The scorecard judges actual results, not the scenario: the scenario gives only the report's
# label and the base year's quarterly weights of the in-year view.
plan: str = ""  # plan pack in data/raw/plans/; empty: the default (data/raw/plans/default.yaml)
scenario: str = ""  # scenario name in scenarios/<plan>/ or a YAML path; empty: the plan's own
lang: str = "vi"  # report language: vi (Vietnamese labels and numbers) or en
# Actual results: a CSV file or a folder of CSV files (format in analysis/data/actuals.py). Empty
# means every *.csv in the plan pack's actuals/ folder; when there is none, the report lists the
# targets.
actuals: str = ""  # actuals CSV file or folder; empty means data/raw/plans/<plan>/actuals/

# %%
from pathlib import Path

from analysis import load_plan
from analysis.report import scorecard_page as page
from analysis.report.display import say, show_title

pack = load_plan(plan)  # the plan pack: its year, the base year gaps are measured from, periods
show_title("scorecard", pack.plan_year, lang)
source = Path(actuals) if actuals else pack.paths.actuals
where = page.shown_path(source)
say(
    lang,
    (
        f"Mọi chỉ tiêu của Nghị quyết so với kết quả thực hiện ghi trong `{where}`: đạt hay "
        "không đạt với kết quả cả năm, đúng tiến độ hay chậm với số liệu trong năm, phần khoảng "
        f"cách đã thu hẹp so với năm {pack.base_year}, và mức tăng trưởng GRDP các quý còn lại "
        "cần đạt. Khi chưa có số liệu thực hiện, báo cáo chỉ liệt kê các chỉ tiêu; không ước "
        "tính thay."
    ),
    (
        f"Every target of the resolution against the actual results recorded in `{where}`: met "
        "or not met for results of the year, on track or slipping for in-year figures, the gap "
        f"closed since {pack.base_year}, and what the remaining quarters must deliver for GRDP "
        "growth. Without actual results it lists the targets and where the figures go; nothing "
        "is estimated in their place."
    ),
)

# %%
from analysis import assess, in_year_record, in_year_view, ytd_growth
from analysis.data.actuals import load_actuals_given
from analysis.report import in_year_growth as growth
from analysis.report import scorecard_findings as findings
from analysis.report import scorecard_notes as notes
from analysis.report.chart_sources import chart_source
from analysis.report.display import pick, show_figure, show_html, show_markdown, show_table
from analysis.report.plausibility_note import show_plausibility_note

sc = pack.scenario(scenario)
targets, titles = pack.targets, pack.target_groups
figures = load_actuals_given(actuals, targets, plan=pack)
show_plausibility_note(pack, actuals=figures, lang=lang)  # let through by --allow-implausible
assessment = assess(targets, figures)
has_results = not figures.empty
groups = sorted(int(g) for g in targets["group"].unique())

# %%
if has_results:
    show_markdown(findings.results_overview(assessment, figures, pack.plan_year, lang))
else:
    show_markdown(
        notes.no_actuals_text(
            source, len(assessment), len(groups), lang, periods=pack.periods, plan=pack
        )
    )

# %%
if has_results:
    show_table(
        page.group_results_table(assessment, titles, lang),
        pick(lang, "Kết quả theo nhóm chỉ tiêu", "Results by group of targets"),
    )
    show_markdown(findings.watch_text(assessment, lang))
else:
    show_table(
        page.targets_list_table(assessment, titles, pack.base_year, lang),
        pick(
            lang,
            f"Các chỉ tiêu chủ yếu năm {pack.plan_year}",
            f"The main targets for {pack.plan_year}",
        ),
    )

# %%
if has_results:
    show_markdown(notes.reading_guide(pack.base_year, lang))

# %%
if has_results:
    say(lang, "## Đánh giá từng chỉ tiêu theo nhóm", "## Each target, by group")
    for g in groups:
        show_markdown(f"### {page.group_title(titles, g, lang)}")
        show_html(page.group_table_html(assessment, g, lang))

# %%
grdp = growth.growth_row(assessment)  # the resolution's growth target and result, percent
growth_target = float(grdp["target"])
ytd = ytd_growth(figures)
# The weights of the plan year (the scenario's) and the record the required growth is judged
# against: the single quarters of the base year (or of the latest year before it whose quarters
# are published), those not published implied by its year-to-date figures and the weights of
# the year before it (an assumption of the pack, named in the text).
known = in_year_record(pack, sc)
view = in_year_view(
    ytd, growth_target / 100, known.weights, reference_quarters=known.record["growth"]
)
show_markdown(growth.in_year_text(view, known.record, grdp, sc, pack.periods, lang, known=known))

# %%
if not ytd.empty:
    show_table(growth.in_year_table(view, lang), growth.in_year_caption(growth_target, lang))
    source = chart_source(pack, lang, actuals=figures, series=["grdp_growth_quarter"])
    show_figure(growth.in_year_figure(view, growth_target, lang, source=source))

# %%
if has_results:
    show_table(
        page.sources_table(figures, lang),
        pick(lang, "Nguồn số liệu thực hiện", "Sources of the actual results"),
    )
    show_markdown(notes.LATEST_FIGURE_RULE[lang])
