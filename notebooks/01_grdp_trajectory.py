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
# # Quỹ đạo GRDP năm 2024 · GRDP trajectory 2024

# %% tags=["parameters"]
scenario: str = "target"  # scenario name in scenarios/ (target, low, ...) or path to a YAML file
lang: str = "vi"  # report language: vi (Vietnamese labels and numbers) or en

# %%
from analysis.report.display import say

say(
    lang,
    (
        "Từ kết quả năm 2023 của Nghị quyết đến năm 2024 theo một kịch bản: GRDP theo giá so "
        "sánh và giá hiện hành, GRDP quy đổi USD và bình quân đầu người, tăng trưởng lũy kế "
        "theo quý. Mọi số liệu được tính từ dữ liệu gốc (`data/raw`) và tệp kịch bản."
    ),
    (
        "From the resolution's 2023 results to 2024 under one scenario: real and nominal "
        "GRDP, GRDP in USD and per head, and the quarterly year-to-date path. Every figure is "
        "computed from the raw data (`data/raw`) and the scenario file."
    ),
)

# %%
import pandas as pd

from analysis import load_baselines, load_targets
from analysis.data.scenarios import load_scenario, scenario_path
from analysis.economics.projection import project_year, required_path, ytd_path
from analysis.outlook.inputs import projection_inputs
from analysis.report.charts import level_comparison_chart, ytd_path_chart
from analysis.report.display import pick, safe, say, show_figure, show_table
from analysis.report.labels import format_number, format_percent, label

sc = load_scenario(scenario_path(scenario))
baselines = load_baselines()
targets = load_targets().set_index("indicator_id")
inputs = projection_inputs(sc, baselines)
projection = project_year(inputs)
path = ytd_path(inputs)


def value(variable: str, period: str = "2024") -> float:
    """One figure of the projection table."""
    rows = projection[(projection["variable"] == variable) & (projection["period"] == period)]
    return float(rows["value"].iloc[0])


growth_target = float(targets.loc["grdp_growth", "target"])
per_head_target = float(targets.loc["grdp_per_capita_usd", "target"])

# %%
g = value("grdp_growth")
nominal = value("grdp_current_prices")
usd = value("grdp_usd")
per_head = value("grdp_per_capita_usd")
per_head_2023 = value("grdp_per_capita_usd", "2023")
deflator = value("grdp_deflator_growth")
say(
    lang,
    f"""## {safe(sc.label_in("vi"))}

{safe(sc.description.vi)}

Theo kịch bản này, GRDP năm 2024 (giá so sánh 2010) tăng **{format_percent(g, 2, "vi")}**
(mục tiêu {format_percent(growth_target, 1, "vi")}); với chỉ số giảm phát
{format_percent(deflator, 2, "vi")}, quy mô GRDP giá hiện hành đạt
**{format_number(nominal, 1, "vi")} nghìn tỷ đồng**, tương đương **{format_number(usd, 2, "vi")}
tỷ USD**. GRDP bình quân đầu người đạt **{format_number(per_head, 0, "vi")} USD**
(năm 2023: {format_number(per_head_2023, 0, "vi")} USD; mục tiêu
{format_number(per_head_target, 0, "vi")} USD).""",
    f"""## {safe(sc.label_in("en"))}

{safe(sc.description.en)}

Under this scenario 2024 GRDP (constant 2010 prices) grows **{format_percent(g, 2, "en")}**
(target {format_percent(growth_target, 1, "en")}); with a deflator of
{format_percent(deflator, 2, "en")}, GRDP at current prices reaches
**{format_number(nominal, 1, "en")} trillion VND**, about
**{format_number(usd, 2, "en")} bn USD**. GRDP per head reaches
**{format_number(per_head, 0, "en")} USD** (2023: {format_number(per_head_2023, 0, "en")} USD;
target {format_number(per_head_target, 0, "en")} USD).""",
)

# %%
ROWS = [
    ("grdp_growth", "real_growth", 2, None),
    ("grdp_deflator_growth", "deflator", 2, None),
    ("grdp_current_prices", "grdp_nominal", 1, None),
    ("grdp_usd", "grdp_usd", 2, None),
    ("population", "population", 1, None),
    ("exchange_rate", "exchange_rate", 0, None),
    ("grdp_per_capita_usd", "per_capita", 0, per_head_target),
]


growth_2023 = float(baselines.set_index("indicator_id").loc["grdp_growth", "value"])


def cell(variable: str, period: str, decimals: int) -> str:
    rows = projection[(projection["variable"] == variable) & (projection["period"] == period)]
    if variable == "grdp_growth" and period == "2023":
        return format_percent(growth_2023, decimals, lang)  # the resolution's 2023 outturn
    if rows.empty:
        return "–"
    unit = rows["unit"].iloc[0]
    number = float(rows["value"].iloc[0])
    if variable == "population":
        number /= 1000  # thousand persons: the base is itself derived, not a count
    return (
        format_percent(number, decimals, lang)
        if unit == "%"
        else format_number(number, decimals, lang)
    )


units = projection.drop_duplicates("variable").set_index("variable")["unit"]
table = [
    {
        pick(lang, "Chỉ tiêu", "Indicator"): label(key, lang),
        pick(lang, "Đơn vị", "Unit"): (
            pick(lang, "nghìn người", "thousand persons")
            if var == "population"
            else (label(units[var], lang) if units[var] != "%" else "%")
        ),
        label("baseline_2023", lang): cell(var, "2023", d),
        label("projection_2024", lang): cell(var, "2024", d),
        label("target", lang): (
            format_number(t, d, lang)
            if t is not None
            else (format_percent(growth_target, 1, lang) if var == "grdp_growth" else "")
        ),
    }
    for var, key, d, t in ROWS
]

show_table(pd.DataFrame(table), pick(lang, "Các chỉ tiêu chính", "Headline figures"))

# %% [markdown]
# ### 2023 → 2024

# %%
show_figure(
    level_comparison_chart(projection, targets={"grdp_per_capita_usd": per_head_target}, lang=lang)
)

# %%
ytd = path[path["variable"] == "grdp_growth_ytd"].set_index("quarter")["value"]
say(
    lang,
    f"""### Tăng trưởng lũy kế theo quý

Tỷ trọng GRDP các quý năm 2023 giả định {
        ", ".join(format_number(w, 1, "vi") for w in sc.quarterly_weights)
    } %. Tăng trưởng lũy kế so cùng kỳ: quý I
{format_percent(ytd[1], 2, "vi")}, 6 tháng {format_percent(ytd[2], 2, "vi")}, 9 tháng
{format_percent(ytd[3], 2, "vi")}, cả năm {format_percent(ytd[4], 2, "vi")}. {
        "Các quý có cùng tốc độ theo giả định (kịch bản không nêu tăng trưởng từng quý); năm 2022 "
        "và 2023 quý I đều thấp nhất, nên quý I năm 2024 thấp hơn đường này chưa hẳn là chệch "
        "hướng."
        if sc.quarterly_growth is None
        else "Tăng trưởng từng quý theo kịch bản."
    }""",
    f"""### Year-to-date growth by quarter

Assumed 2023 quarterly weights {
        ", ".join(format_number(w, 1, "en") for w in sc.quarterly_weights)
    } %. Cumulative growth on the same period of 2023: Q1
{format_percent(ytd[1], 2, "en")}, 6 months {format_percent(ytd[2], 2, "en")}, 9 months
{format_percent(ytd[3], 2, "en")}, full year {format_percent(ytd[4], 2, "en")}. {
        "Every quarter grows at the same rate by assumption (the scenario gives no quarterly "
        "path); the first quarter was the weakest in both 2022 and 2023, so a 2024 first quarter "
        "below this line is not by itself a slip."
        if sc.quarterly_growth is None
        else "Quarterly growth as the scenario sets it."
    }""",
)

# %%
published = dict(zip(("Q1", "6M", "9M"), (v / 100 for v in sc.ytd_actuals.given()), strict=False))
need = (
    required_path(growth_target / 100, published, inputs.quarterly_weights) if published else None
)
show_figure(ytd_path_chart(path, target=growth_target, required=need, lang=lang))

# %%
if need is None:
    say(
        lang,
        "Chưa có số liệu lũy kế năm 2024 trong kịch bản (trường `ytd_actuals`).",
        "No 2024 year-to-date figures in the scenario yet (field `ytd_actuals`).",
    )
else:
    rest = need[need["variable"] == "grdp_growth_quarter_required"]["value"]
    say(
        lang,
        f"""Với số liệu lũy kế đã công bố, để đạt mục tiêu
{format_percent(growth_target, 1, "vi")} cả năm, mỗi quý còn lại cần tăng
**{format_percent(float(rest.iloc[0]), 2, "vi")}** so cùng kỳ.""",
        f"""Given the published year-to-date figures, reaching
{format_percent(growth_target, 1, "en")} for the year needs each remaining quarter to grow
**{format_percent(float(rest.iloc[0]), 2, "en")}** on the same quarter of 2023.""",
    )
