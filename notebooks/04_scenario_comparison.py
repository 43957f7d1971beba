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
plan: str = ""  # plan pack in data/raw/plans/; empty: the default (data/raw/plans/default.yaml)
scenarios: list = []  # names in scenarios/<plan>/ or YAML paths; empty: every scenario of the plan
lang: str = "vi"  # report language: vi (Vietnamese labels and numbers) or en
seed: int | None = None  # seed of the Monte Carlo; None: the plan pack's (plan.yaml)
results_dir: str = ""  # the run's folder (set by the runner): its results.csv are read from it

# %%
from analysis import load_plan
from analysis.report.display import say, show_title

pack = load_plan(plan)
year = pack.plan_year
seed = pack.seed if seed is None else seed
show_title("scenario_comparison", year, lang)
say(
    lang,
    (
        f"Các kịch bản của lần chạy đặt cạnh nhau: tăng trưởng năm {year}, GRDP giá hiện hành "
        "và quy đổi USD, GRDP bình quân đầu người và khả năng đạt mục tiêu, so với các chỉ "
        "tiêu của Nghị quyết."
    ),
    (
        f"Every scenario of the run side by side: {year} growth, GRDP at current prices and in "
        "USD, GRDP per head and the probability of meeting the targets, against the "
        "resolution's targets."
    ),
)

# %%
import pandas as pd

from analysis.data.scenarios import load_scenarios
from analysis.outlook.results import run_tables
from analysis.report.chart_sources import chart_source
from analysis.report.charts import scenario_comparison_chart
from analysis.report.comparison_page import joint_text, probability_table, year_table
from analysis.report.display import pick, safe, say, show_figure, show_markdown, show_table
from analysis.report.labels import format_number, format_percent
from analysis.report.plausibility_note import show_plausibility_note
from analysis.report.titles import report_title
from analysis.run.conventions import RESULTS_FILE

loaded = load_scenarios(scenarios, pack.paths.scenarios) if scenarios else pack.scenarios
show_plausibility_note(pack, loaded, lang=lang)  # figures let through by --allow-implausible
# The run's own results tables (its results.csv, the figures of the index and the workbook).
tables = run_tables(pack, loaded, seed, results_dir, RESULTS_FILE)
results = pd.concat(tables.values(), ignore_index=True)
labels = {s.name: s.label_in(lang) for s in loaded}
targets = pack.targets.set_index("indicator_id")
growth_target = float(targets.loc["grdp_growth", "target"])
per_head_target = float(targets.loc["grdp_per_capita_usd", "target"])

annual = results[results["period"] == str(year)].pivot_table(
    index="scenario", columns="variable", values="value", sort=False
)

# %%
best = annual["grdp_per_capita_usd"].idxmax()
worst = annual["grdp_per_capita_usd"].idxmin()
meets = [s for s in annual.index if annual.loc[s, "grdp_per_capita_usd"] >= per_head_target - 0.5]
say(
    lang,
    f"""## {len(loaded)} kịch bản

Tăng trưởng GRDP năm {year} trong các kịch bản từ
**{format_percent(annual["grdp_growth"].min(), 2, "vi")}** đến
**{format_percent(annual["grdp_growth"].max(), 2, "vi")}** (mục tiêu
{format_percent(growth_target, 1, "vi")}). GRDP bình quân đầu người từ
**{format_number(annual.loc[worst, "grdp_per_capita_usd"], 0, "vi")} USD**
({safe(labels[worst])}) đến **{format_number(annual.loc[best, "grdp_per_capita_usd"], 0, "vi")}
USD** ({safe(labels[best])}); {len(meets)} trong {len(loaded)} kịch bản đạt mục tiêu
{format_number(per_head_target, 0, "vi")} USD.""",
    f"""## {len(loaded)} scenarios

{year} GRDP growth across the scenarios runs from
**{format_percent(annual["grdp_growth"].min(), 2, "en")}** to
**{format_percent(annual["grdp_growth"].max(), 2, "en")}** (target
{format_percent(growth_target, 1, "en")}). GRDP per head runs from
**{format_number(annual.loc[worst, "grdp_per_capita_usd"], 0, "en")} USD** ({safe(labels[worst])})
to **{format_number(annual.loc[best, "grdp_per_capita_usd"], 0, "en")} USD**
({safe(labels[best])}); {len(meets)} of {len(loaded)} scenarios reach the
{format_number(per_head_target, 0, "en")} USD target.""",
)

# %%
show_table(
    year_table(annual, labels, (growth_target, per_head_target), lang),
    pick(lang, f"Năm {year} theo kịch bản", f"{year} by scenario"),
)

# %%
source = chart_source(pack, lang, scenarios=list(labels.values()))
for variable, goal in (
    ("grdp_growth", growth_target),
    ("grdp_per_capita_usd", per_head_target),
    ("grdp_current_prices", None),
):
    show_figure(scenario_comparison_chart(results, labels, variable, goal, lang, source=source))

# %%
say(lang, "### Khả năng đạt mục tiêu", "### Probability of meeting the targets")
show_table(
    probability_table(annual, labels, lang),
    pick(
        lang,
        f"Xác suất đạt mục tiêu năm {year} (mô phỏng Monte Carlo; ± sai số chuẩn, điểm %)",
        f"Probability of meeting the {year} targets (Monte Carlo; ± standard error, points)",
    ),
)
show_markdown(joint_text(annual, labels, report_title("uncertainty", year, lang), lang))
