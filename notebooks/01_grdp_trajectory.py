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
from analysis import load_baselines, load_targets
from analysis.data.scenarios import load_scenario, scenario_path
from analysis.economics.projection import project_year, required_path, ytd_path
from analysis.outlook.inputs import projection_inputs
from analysis.report.charts import level_comparison_chart, ytd_path_chart
from analysis.report.display import pick, safe, say, show_figure, show_table
from analysis.report.labels import format_number, format_percent
from analysis.report.trajectory_page import headline_table, projection_value

sc = load_scenario(scenario_path(scenario))
baselines = load_baselines()
targets = load_targets().set_index("indicator_id")
inputs = projection_inputs(sc, baselines)
projection = project_year(inputs)
path = ytd_path(inputs)
growth_target = float(targets.loc["grdp_growth", "target"])
per_head_target = float(targets.loc["grdp_per_capita_usd", "target"])

# %%
g = projection_value(projection, "grdp_growth", "2024")
nominal = projection_value(projection, "grdp_current_prices", "2024")
usd = projection_value(projection, "grdp_usd", "2024")
per_head = projection_value(projection, "grdp_per_capita_usd", "2024")
per_head_2023 = projection_value(projection, "grdp_per_capita_usd", "2023")
deflator = projection_value(projection, "grdp_deflator_growth", "2024")
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
growth_2023 = float(baselines.set_index("indicator_id").loc["grdp_growth", "value"])
table = headline_table(projection, growth_2023, (growth_target, per_head_target), lang)
show_table(table, pick(lang, "Các chỉ tiêu chính", "Headline figures"))

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
published = sc.ytd_fractions()  # Q1, 6M, 9M as published so far
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
