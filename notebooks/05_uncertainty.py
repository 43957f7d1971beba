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
scenario: str = ""  # scenario name in scenarios/<plan>/ or a YAML path; empty: the plan's own
lang: str = "vi"  # report language: vi (Vietnamese labels and numbers) or en
n_draws: int = 200_000  # Monte Carlo draws (200,000: standard errors about 0.1 point)
seed: int | None = None  # seed of the draws; None: the plan pack's (plan.yaml)

# %%
from analysis import load_plan
from analysis.report.display import say, show_title

pack = load_plan(plan)
year, base = pack.plan_year, pack.base_year  # the outlook is for the plan year
seed = pack.seed if seed is None else seed
show_title("uncertainty", year, lang)

# %%
from analysis.outlook import scenario_outlook as outlook
from analysis.outlook.inputs import projection_inputs
from analysis.outlook.record import assumption_bases, outlier_years, record_through
from analysis.outlook.relative_prices import relative_price_effect
from analysis.report import uncertainty_page as page
from analysis.report import uncertainty_text as text
from analysis.report.calibration_basis import calibration_basis
from analysis.report.chart_sources import chart_source
from analysis.report.display import pick, show_figure, show_markdown, show_table
from analysis.report.plausibility_note import show_plausibility_note

sc = pack.scenario(scenario)
show_plausibility_note(pack, [sc], lang=lang)  # figures let through by --allow-implausible
# The record as the plan knew it: published figures up to the base year (plans kept).
series, baselines = record_through(pack.series, base), pack.baselines
known = {"base_year": base, "assumptions": pack.assumptions}  # the plan's year and assumptions
targets = outlook.macro_targets(pack.targets, sc.structure_convention)
calibration = outlook.scenario_calibration(sc, series, **known)
setup = outlook.outlook_setup(  # sectors only when the plan states a structure target
    sc,
    baselines=baselines,
    series=series,
    calibration=calibration,
    sectors=targets.shares is not None,
    **known,
)
result = outlook.scenario_outlook(
    sc, n_draws=n_draws, seed=seed, baselines=baselines, series=series, targets=targets, **known
)
history = outlook.published_growth(series, base_year=base)
first, last = int(history.index.min()), int(history.index.max())
say(
    lang,
    (
        "Khả năng một kịch bản đạt các mục tiêu tăng trưởng, GRDP bình quân đầu người và cơ "
        f"cấu năm {year}, riêng từng chỉ tiêu và đồng thời: mô phỏng Monte Carlo với các thang "
        f"đo hiệu chỉnh theo chuỗi tăng trưởng tỉnh đã công bố ({first}–{last}) và mức hụt kế "
        "hoạch các năm trước, biểu đồ quạt của tăng trưởng lũy kế, và một mô hình thống kê "
        "chuẩn so sánh (bước ngẫu nhiên có xu hướng, statsmodels) đặt cạnh kế hoạch. Mọi số "
        "liệu được tính từ dữ liệu gốc và tệp kịch bản."
    ),
    (
        f"How likely one scenario is to meet the {year} growth, per-head and structure targets, "
        "alone and together: a Monte Carlo whose scales are calibrated on the province's "
        f"published growth record ({first}–{last}) and its past plan misses, a fan chart of the "
        "year-to-date path, and a statistical benchmark (a random walk with drift, "
        "statsmodels) beside the plan. Every figure is computed from the raw data and the "
        "scenario file."
    ),
)

# %%
show_markdown(text.outlook_text(sc, result, targets, year, lang))

# %%
show_table(
    page.probability_table(result.table, targets, lang),
    page.probability_caption(result.n_draws, year, lang),
)

# %%
say(lang, f"### Tăng trưởng lũy kế năm {year}", f"### Year-to-date growth, {year}")
published = sc.ytd_actuals.given()  # year-to-date growth the scenario records, percent
show_markdown(text.ytd_paragraph(result, published, year, lang))

# %%
source = chart_source(pack, lang, scenarios=[sc.label_in(lang)], simulated=True)
inputs = projection_inputs(sc, baselines, series, **known)
show_figure(page.ytd_figure(result, inputs, published, targets.growth, lang, source=source))

# %%
say(lang, "### Kế hoạch và chuẩn so sánh thống kê", "### The plan beside a statistical benchmark")
benchmarks = page.benchmarks(history)
arima = benchmarks["arima"]
source = chart_source(
    pack, lang, series=["grdp_growth"], scenarios=[sc.label_in(lang)], simulated=True
)
show_figure(
    page.benchmark_figure(history, result.annual_growth, arima, targets.growth, lang, source)
)

# %%
plan_year, plan_growth = page.planned_growth(
    outlook.published_plan(series), arima.year, targets.growth
)
show_markdown(text.benchmark_paragraph(arima, history, plan_growth, lang))

# %%
show_table(
    page.benchmark_table(
        benchmarks,
        result.annual_distribution,
        len(calibration.years),
        (plan_year, plan_growth),
        lang,
    ),
    page.benchmark_caption(plan_year, lang),
)

# %%
# The structure outlook exists only when the plan states a structure target (and so the
# simulation draws the sectors); the same draws with relative sector prices held fixed show how
# much of it comes from prices rather than real growth.
if setup.sectors is not None:
    say(lang, "### Cơ cấu kinh tế", "### Economic structure")
    show_table(
        page.sector_table(setup.sectors, sc.sector_growth(), lang),
        pick(lang, "Tăng trưởng các khu vực trong mô phỏng", "Sector growth in the simulation"),
    )
    prices = relative_price_effect(setup, targets, result)
    record_years = page.sector_record_years(series)  # the published sector growth's years
    show_markdown(text.structure_paragraph(result, targets, prices, record_years, year, lang))

# %%
say(lang, "### Giả định hiệu chỉnh", "### Calibration assumptions")
show_table(
    page.calibration_table(
        calibration.to_frame(),
        sc.uncertainty.given(),
        lang,
        calibration_basis(
            calibration,
            sc.uncertainty.given(),
            outlier_years(pack.assumptions),
            lang,
            assumption_bases(pack.assumptions),
        ),
    ),
    pick(
        lang,
        "Các thang đo của mô phỏng và cơ sở của chúng",
        "The simulation's scales and their basis",
    ),
)

# %%
show_markdown(text.calibration_paragraph(calibration, sc.uncertainty.given(), result.seed, lang))
