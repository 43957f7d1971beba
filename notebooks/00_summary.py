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
# Runs once per run: the runner gives every scenario of the run and the reference scenario.
plan: str = ""  # plan pack in data/raw/plans/; empty: the default (data/raw/plans/default.yaml)
scenarios: list = []  # names in scenarios/<plan>/ or YAML paths; empty: every scenario of the plan
scenario: str = ""  # the reference scenario; empty: the plan's own when in the run, else the first
lang: str = "vi"  # report language: vi (Vietnamese labels and numbers) or en
seed: int | None = None  # seed of the Monte Carlo; None: the plan pack's (plan.yaml)
# Actual results: a CSV file or a folder of CSV files (format in analysis/data/actuals.py). Empty
# means every *.csv in the plan pack's actuals/ folder.
actuals: str = ""  # actuals CSV file or folder; empty means data/raw/plans/<plan>/actuals/
results_dir: str = ""  # the run's folder (set by the runner): its results.csv are read from it

# %%
from analysis import load_plan
from analysis.report.display import show_title

pack = load_plan(plan)
seed = pack.seed if seed is None else seed
show_title("summary", pack.plan_year, lang)

# %%
from pathlib import Path

from analysis.data.actuals import load_actuals_given
from analysis.data.scenarios import load_scenarios
from analysis.outlook.results import run_tables
from analysis.outlook.summary import plan_summary, reference_of
from analysis.report.chart_sources import chart_source
from analysis.report.display import show_figure, show_markdown
from analysis.report.plausibility_note import show_plausibility_note
from analysis.report.summary_page import summary_chart, summary_text
from analysis.run.conventions import RESULTS_FILE, SUMMARY_FILE

loaded = load_scenarios(scenarios, pack.paths.scenarios) if scenarios else pack.scenarios
reference = reference_of(pack, loaded, scenario)
figures = load_actuals_given(actuals, pack.targets, plan=pack)
show_plausibility_note(pack, loaded, figures, lang=lang)  # figures let through, if any
# The run's own results tables (the figures the index and reports 01 and 04 show).
tables = run_tables(pack, loaded, seed, results_dir, RESULTS_FILE)
summary = plan_summary(pack, tables, reference, figures)
names = {s.name: s.label_in(lang) for s in loaded}
text = summary_text(summary, names, lang)
show_markdown(text)
if results_dir:  # the index shows the same lines under its heading "Tóm tắt"
    Path(results_dir, SUMMARY_FILE).write_text(text + "\n", encoding="utf-8")

# %%
has_outturn = summary.growth_outturn is not None
source = chart_source(
    pack,
    lang,
    scenarios=[names[s.name] for s in loaded],
    actuals=figures if has_outturn else None,
)
show_figure(summary_chart(summary, names, lang, source=source))
