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
# The plan is the pack's own scenario (plan.yaml, default_scenario): a run's scenario, which the
# runner passes to every notebook, is not read.
plan: str = ""  # plan pack in data/raw/plans/; empty: the default (data/raw/plans/default.yaml)
lang: str = "vi"  # report language: vi (Vietnamese labels and numbers) or en
n_draws: int = 200_000  # Monte Carlo draws of the ex-ante fan
seed: int | None = None  # seed of the draws; None: the plan pack's (plan.yaml)
# Actual results: a CSV file or a folder of CSV files (format in analysis/data/actuals.py). Empty
# means every *.csv in the plan pack's actuals/ folder.
actuals: str = ""  # actuals CSV file or folder; empty means data/raw/plans/<plan>/actuals/
results_dir: str = ""  # the run's folder for this report (set by the runner; nothing written)

# %%
from analysis import load_plan
from analysis.data.actuals import load_actuals_given
from analysis.outlook.retrospective import plan_outturn
from analysis.report import retrospective_page as page
from analysis.report import retrospective_text as text
from analysis.report.chart_sources import chart_source
from analysis.report.display import say, show_figure, show_markdown, show_table, show_title
from analysis.report.plausibility_note import show_plausibility_note

pack = load_plan(plan)
year = pack.plan_year
show_title("plan_outturn", year, lang)
figures = load_actuals_given(actuals, pack.targets, plan=pack)
show_plausibility_note(pack, [pack.scenario()], figures, lang=lang)  # let through, if any
result = plan_outturn(pack, actuals=figures, n_draws=n_draws, seed=seed)
done = result.has_outturn  # the year's growth is published: without it, nothing else is shown

# %%
if done:
    show_markdown(text.intro_text(result, lang))
    show_markdown(text.headline_text(result, lang))
else:
    show_markdown(text.no_outturn_text(year, lang))

# %%
if done:
    say(lang, "## Tăng trưởng: đóng góp của các khu vực", "## Growth: the sectors' contributions")
    if result.contributions is None:
        show_markdown(text.missing_text("contributions", year, lang))

# %%
if done and result.contributions is not None:
    source = chart_source(
        pack, lang, series=["contribution"], scenarios=[pack.scenario().label_in(lang)]
    )
    show_figure(page.contributions_figure(result.contributions, lang, year, source))
    show_table(
        page.contributions_table(result.contributions, lang),
        page.contributions_caption(result, lang),
    )
    show_markdown(text.contributions_text(result.contributions, lang))
    show_markdown(text.weights_text(result, lang))

# %%
if done:
    say(
        lang,
        "## GRDP bình quân đầu người: tăng trưởng, giá, dân số và tỷ giá",
        "## GRDP per head: growth, prices, population and the exchange rate",
    )
    if result.per_head_split is None:
        show_markdown(text.missing_text("per_head", year, lang))

# %%
if done and result.per_head_split is not None:
    show_table(page.per_head_table(result, lang), page.per_head_caption(result, lang))
    show_markdown(text.per_head_text(result, lang))

# %%
if done:
    say(
        lang,
        "## Kết quả trong quạt dự báo lập trước năm",
        "## The outturn in the fan drawn before the year",
    )
    show_table(page.fan_table(result.fan, lang), page.fan_caption(result, lang))
    show_markdown(text.fan_text(result, lang))

# %%
derived = page.derivations_table(result, lang) if done else None
if derived is not None and not derived.empty:
    say(lang, "## Số liệu suy ra và cách tính", "## Derived figures: how, and from what")
    show_table(derived, page.derivations_caption(result, lang))
