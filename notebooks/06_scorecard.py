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

# %% [markdown]
# # Đánh giá thực hiện các chỉ tiêu năm 2024 · Scorecard of the 2024 targets

# %% tags=["parameters"]
# The scorecard judges actual results, not the scenario: the scenario gives only the report's
# label and the 2023 quarterly weights of the in-year view.
scenario: str = "target"  # scenario name in scenarios/ (target, low, ...) or path to a YAML file
lang: str = "vi"  # report language: vi (Vietnamese labels and numbers) or en
# Actual results: a CSV file or a folder of CSV files (format in analysis/data/actuals.py). Empty
# means every *.csv in data/raw/actuals/; when there is none, the report lists the targets.
actuals: str = ""  # actuals CSV file or folder; empty means data/raw/actuals/

# %%
from analysis.report.display import say

say(
    lang,
    (
        "Mọi chỉ tiêu của Nghị quyết so với kết quả thực hiện ghi trong `data/raw/actuals/` "
        "(hoặc tệp được chỉ định): đạt hay không đạt với kết quả cả năm, đúng tiến độ hay "
        "chậm với số liệu trong năm, phần khoảng cách đã thu hẹp so với năm 2023, và mức tăng "
        "trưởng GRDP các quý còn lại cần đạt. Khi chưa có số liệu thực hiện, báo cáo chỉ liệt "
        "kê các chỉ tiêu; không ước tính thay."
    ),
    (
        "Every target of the resolution against the actual results recorded in "
        "`data/raw/actuals/` (or the file given as a parameter): met or not met for results "
        "of the year, on track or slipping for in-year figures, the gap closed since 2023, "
        "and what the remaining quarters must deliver for GRDP growth. Without actual results "
        "it lists the targets and where the figures go; nothing is estimated in their place."
    ),
)

# %%
from pathlib import Path

from analysis import assess, in_year_view, load_series, load_targets, summary, ytd_growth
from analysis.data.actuals import load_actuals_given
from analysis.data.scenarios import load_scenario, scenario_path
from analysis.data.tables import load_target_groups, pack_file
from analysis.economics.scorecard_in_year import reference_quarters
from analysis.report import in_year_growth as growth
from analysis.report import scorecard_notes as notes
from analysis.report import scorecard_page as page
from analysis.report.display import pick, safe, say, show_figure, show_html, show_table
from analysis.report.labels import format_number, format_percent
from analysis.report.scorecard_view import headline_text

sc = load_scenario(scenario_path(scenario))
targets = load_targets()
titles = load_target_groups()
source = Path(actuals) if actuals else pack_file(None, "actuals")
figures = load_actuals_given(actuals, targets)
assessment = assess(targets, figures)
total = summary(assessment).loc["all"]
n_groups, groups_met, groups_missed, groups_open, groups_complete = page.group_counts(assessment)
has_results = not figures.empty
groups = sorted(int(g) for g in targets["group"].unique())
growth_target = float(targets.set_index("indicator_id").loc["grdp_growth", "target"])
base_year = 2023  # the resolution's last results: gaps are measured from them

# %%
if has_results:
    n_files = figures["file"].nunique()
    files_en = f"{n_files} file" + ("s" if n_files > 1 else "")
    latest = page.date_text(figures["as_of"].max(), lang)
    say(
        lang,
        f"""## {headline_text(assessment, "vi")}

Đối chiếu {n_groups} chỉ tiêu chủ yếu năm 2024 của Nghị quyết ({total["targets"]} chỉ số) với
{len(figures)} số liệu thực hiện ({n_files} tệp, công bố đến ngày {latest}):

- theo nhóm chỉ tiêu: **đạt {groups_met}/{n_groups}**, không đạt {groups_missed}, chưa đủ kết
  quả cả năm {groups_open} (đủ số liệu cả năm: {groups_complete}/{n_groups} nhóm);
- theo chỉ số: **đạt: {total["met"]}**; **không đạt: {total["not_met"]}** (kết quả cả năm 2024);
- theo số liệu trong năm: đúng tiến độ {total["on_track"]}, cần tăng tốc
  {total["needs_acceleration"]}, chậm {total["off_track"]}, đi ngược {total["wrong_direction"]};
- chưa có số liệu: {total["no_data"]}.

{notes.GROUP_RULE["vi"]}""",
        f"""## {headline_text(assessment, "en")}

The resolution's {n_groups} main targets for 2024 ({total["targets"]} figures) against
{len(figures)} actual figures ({files_en}, published up to {latest}):

- by group of targets: **met {groups_met} of {n_groups}**, not met {groups_missed}, awaiting
  the year's results {groups_open} (full year's data for {groups_complete} of {n_groups}
  groups);
- by figure: **met: {total["met"]}**; **not met: {total["not_met"]}** (results of the year 2024);
- from in-year figures: on track {total["on_track"]}, needs acceleration
  {total["needs_acceleration"]}, off track {total["off_track"]}, wrong direction
  {total["wrong_direction"]};
- no data: {total["no_data"]}.

{notes.GROUP_RULE["en"]}""",
    )
else:
    say(
        lang,
        notes.no_actuals_text(source, total["targets"], len(groups), "vi"),
        notes.no_actuals_text(source, total["targets"], len(groups), "en"),
    )

# %%
if has_results:
    show_table(
        page.group_results_table(assessment, titles, lang),
        pick(lang, "Kết quả theo nhóm chỉ tiêu", "Results by group of targets"),
    )
    missed = page.listed_targets(assessment, ("not_met",), lang)
    slipping = page.listed_targets(assessment, page.IN_YEAR_WATCH, lang)
    say(
        lang,
        (f"**Không đạt** (thực hiện / mục tiêu): {missed}.\n\n" if missed else "")
        + (
            f"**Cần chú ý trong năm** (đi ngược, chậm, cần tăng tốc): {slipping}."
            if slipping
            else ""
        ),
        (f"**Not met** (actual / target): {missed}.\n\n" if missed else "")
        + (
            "**To watch in the year** (wrong direction, off track, needs acceleration): "
            f"{slipping}."
            if slipping
            else ""
        ),
    )
else:
    show_table(
        page.targets_list_table(assessment, titles, lang),
        pick(lang, "Các chỉ tiêu chủ yếu năm 2024", "The main targets for 2024"),
    )

# %%
if has_results:
    say(lang, notes.reading_guide(base_year, "vi"), notes.reading_guide(base_year, "en"))

# %%
if has_results:
    say(lang, "## Đánh giá từng chỉ tiêu theo nhóm", "## Each target, by group")
    for g in groups:
        heading = f"### {page.group_title(titles, g, lang)}"
        say(lang, heading, heading)
        show_html(page.group_table_html(assessment, g, lang))

# %%
weights = [w / 100 for w in sc.quarterly_weights]
ytd = ytd_growth(figures)
# The record the required growth is judged against: 2023's single quarters, the fourth implied
# by the year's growth and the weights above (an assumption, not a published figure).
record = reference_quarters(load_series(), weights, year=base_year)
view = in_year_view(ytd, growth_target / 100, weights, reference_quarters=record["growth"])
now = view.iloc[-1]
grdp = assessment.set_index("indicator_id").loc["grdp_growth"]
weights_text = "; ".join(format_number(w, 1, lang) for w in sc.quarterly_weights)
target_pct = format_percent(growth_target, 1, lang)
year = growth.year_result_text(grdp, growth_target, lang)  # empty until the year's result is in
need_vi, need_en = ("khi đó cần", "then needed") if year else ("cần", "needs")
required = page.fraction_text(now["required_growth"], 2, lang)

if ytd.empty:
    say(
        lang,
        f"""## Tăng trưởng GRDP trong năm

{year}Chưa có số liệu tăng trưởng GRDP lũy kế năm 2024 (kỳ `2024-Q1`, `2024-6M`, `2024-9M`).
Để cả năm đạt {target_pct}, mỗi quý cần tăng **{required}** so với
cùng kỳ năm 2023.""",
        f"""## GRDP growth in the year

{year}No 2024 year-to-date GRDP growth recorded (periods `2024-Q1`, `2024-6M`, `2024-9M`).
For {target_pct} in the year, each quarter needs **{required}** on
the same quarter of 2023.""",
    )
else:
    so_far, single = (
        page.fraction_text(now["ytd_growth"], 2, lang),
        growth.last_quarter_text(now, lang),
    )
    period, verdict = growth.period_words(now["period"], lang), growth.verdict_phrase(now, lang)
    say(
        lang,
        f"""## Tăng trưởng GRDP trong năm

{year}Sau {period}, GRDP tăng **{so_far}** so cùng kỳ{single}. Để cả
năm đạt {target_pct}, mỗi quý còn lại {need_vi} tăng **{required}**
so cùng kỳ: {verdict}. Tỷ trọng GRDP các quý năm 2023 dùng để tính (theo
{safe(sc.label_in("vi"))}): {weights_text} %. Các quý năm 2023 dùng làm mốc so sánh:
{growth.record_text(record, lang)}.""",
        f"""## GRDP growth in the year

{year}After {period}, GRDP grew **{so_far}** on the same period of
2023{single}. For {target_pct} in the year, each remaining quarter {need_en}
**{required}** year on year: {verdict}. Quarterly weights of 2023
GRDP used (scenario: {safe(sc.label_in("en"))}): {weights_text} %. The quarters of 2023 the
requirement is compared with: {growth.record_text(record, lang)}.""",
    )

# %%
if not ytd.empty:
    show_table(
        growth.in_year_table(view, lang),
        pick(
            lang,
            f"Tăng trưởng các quý còn lại cần đạt để cả năm tăng {target_pct}",
            f"Growth the remaining quarters need for {target_pct} in the year",
        ),
    )
    show_figure(growth.in_year_figure(view, growth_target, lang))

# %%
if has_results:
    show_table(
        page.sources_table(figures, lang),
        pick(lang, "Nguồn số liệu thực hiện", "Sources of the actual results"),
    )
    say(lang, notes.LATEST_FIGURE_RULE["vi"], notes.LATEST_FIGURE_RULE["en"])
