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

# %%
from analysis import load_plan
from analysis.report.display import say, show_title

pack = load_plan(plan)
base, year = pack.base_year, pack.plan_year
show_title("grdp_trajectory", year, lang)
say(
    lang,
    (
        f"Từ kết quả năm {base} của Nghị quyết đến năm {year} theo một kịch bản: GRDP theo giá "
        "so sánh và giá hiện hành, GRDP quy đổi USD và bình quân đầu người, tăng trưởng lũy kế "
        "theo quý. Mọi số liệu được tính từ dữ liệu gốc (`data/raw`) và tệp kịch bản."
    ),
    (
        f"From the resolution's {base} results to {year} under one scenario: real and nominal "
        "GRDP, GRDP in USD and per head, and the quarterly year-to-date path. Every figure is "
        "computed from the raw data (`data/raw`) and the scenario file."
    ),
)

# %%
from analysis.economics.projection import project_year, required_path, ytd_path
from analysis.outlook.inputs import projection_inputs
from analysis.report.chart_sources import chart_source
from analysis.report.charts import level_comparison_chart, ytd_path_chart
from analysis.report.display import pick, safe, show_figure, show_table
from analysis.report.labels import format_number, format_percent
from analysis.report.plausibility_note import show_plausibility_note
from analysis.report.trajectory_page import headline_table, projection_value

sc = pack.scenario(scenario)
show_plausibility_note(pack, [sc], lang=lang)  # figures let through by --allow-implausible
targets = pack.targets.set_index("indicator_id")
inputs = projection_inputs(
    sc, pack.baselines, pack.series, base_year=pack.base_year, assumptions=pack.assumptions
)
projection = project_year(inputs)
path = ytd_path(inputs)
growth_target = float(targets.loc["grdp_growth", "target"])
per_head_target = float(targets.loc["grdp_per_capita_usd", "target"])

# %%
g = projection_value(projection, "grdp_growth", str(year))
nominal = projection_value(projection, "grdp_current_prices", str(year))
usd = projection_value(projection, "grdp_usd", str(year))
per_head = projection_value(projection, "grdp_per_capita_usd", str(year))
per_head_base = projection_value(projection, "grdp_per_capita_usd", str(base))
deflator = projection_value(projection, "grdp_deflator_growth", str(year))
say(
    lang,
    f"""## {safe(sc.label_in("vi"))}

{safe(sc.description.vi)}

Theo kịch bản này, GRDP năm {year} (giá so sánh) tăng **{format_percent(g, 2, "vi")}**
(mục tiêu {format_percent(growth_target, 1, "vi")}); với chỉ số giảm phát
{format_percent(deflator, 2, "vi")}, quy mô GRDP giá hiện hành đạt
**{format_number(nominal, 1, "vi")} nghìn tỷ đồng**, tương đương **{format_number(usd, 2, "vi")}
tỷ USD**. GRDP bình quân đầu người đạt **{format_number(per_head, 0, "vi")} USD**
(năm {base}: {format_number(per_head_base, 0, "vi")} USD; mục tiêu
{format_number(per_head_target, 0, "vi")} USD).""",
    f"""## {safe(sc.label_in("en"))}

{safe(sc.description.en)}

Under this scenario {year} GRDP (constant prices) grows **{format_percent(g, 2, "en")}**
(target {format_percent(growth_target, 1, "en")}); with a deflator of
{format_percent(deflator, 2, "en")}, GRDP at current prices reaches
**{format_number(nominal, 1, "en")} trillion VND**, about
**{format_number(usd, 2, "en")} bn USD**. GRDP per head reaches
**{format_number(per_head, 0, "en")} USD** ({base}: {format_number(per_head_base, 0, "en")} USD;
target {format_number(per_head_target, 0, "en")} USD).""",
)

# %%
growth_base = float(pack.baselines.set_index("indicator_id").loc["grdp_growth", "value"])
table = headline_table(projection, growth_base, (growth_target, per_head_target), lang)
show_table(table, pick(lang, "Các chỉ tiêu chính", "Headline figures"))

# %%
say(lang, f"### {base} → {year}", f"### {base} → {year}")
source = chart_source(pack, lang, scenarios=[sc.label_in(lang)])
show_figure(
    level_comparison_chart(
        projection, targets={"grdp_per_capita_usd": per_head_target}, lang=lang, source=source
    )
)

# %%
ytd = path[path["variable"] == "grdp_growth_ytd"].set_index("quarter")["value"]
say(
    lang,
    f"""### Tăng trưởng lũy kế theo quý

Tỷ trọng GRDP các quý năm {base} giả định {
        ", ".join(format_number(w, 1, "vi") for w in sc.quarterly_weights)
    } %. Tăng trưởng lũy kế so cùng kỳ: quý I
{format_percent(ytd[1], 2, "vi")}, 6 tháng {format_percent(ytd[2], 2, "vi")}, 9 tháng
{format_percent(ytd[3], 2, "vi")}, cả năm {format_percent(ytd[4], 2, "vi")}. {
        "Các quý có cùng tốc độ theo giả định (kịch bản không nêu tăng trưởng từng quý): đây "
        "không phải dự báo từng quý, nên một quý thấp hơn đường này chưa hẳn là chệch hướng."
        if sc.quarterly_growth is None
        else "Tăng trưởng từng quý theo kịch bản."
    }""",
    f"""### Year-to-date growth by quarter

Assumed {base} quarterly weights {
        ", ".join(format_number(w, 1, "en") for w in sc.quarterly_weights)
    } %. Cumulative growth on the same period of {base}: Q1
{format_percent(ytd[1], 2, "en")}, 6 months {format_percent(ytd[2], 2, "en")}, 9 months
{format_percent(ytd[3], 2, "en")}, full year {format_percent(ytd[4], 2, "en")}. {
        "Every quarter grows at the same rate by assumption (the scenario gives no quarterly "
        "path): this is no forecast of each quarter, so a quarter below this line is not by "
        "itself a slip."
        if sc.quarterly_growth is None
        else "Quarterly growth as the scenario sets it."
    }""",
)

# %%
published = sc.ytd_fractions()  # Q1, 6M, 9M as published so far
need = (
    required_path(growth_target / 100, published, inputs.quarterly_weights, year=year)
    if published
    else None
)
show_figure(ytd_path_chart(path, target=growth_target, required=need, lang=lang, source=source))

# %%
if need is None:
    say(
        lang,
        f"Chưa có số liệu lũy kế năm {year} trong kịch bản (trường `ytd_actuals`).",
        f"No {year} year-to-date figures in the scenario yet (field `ytd_actuals`).",
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
**{format_percent(float(rest.iloc[0]), 2, "en")}** on the same quarter of {base}.""",
    )
