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
# # Chuyển dịch cơ cấu kinh tế · Structural shift to 68 / 20.6 / 11.4

# %% tags=["parameters"]
scenario: str = "target"  # scenario name in scenarios/ (target, low, ...) or path to a YAML file
lang: str = "vi"  # report language: vi (Vietnamese labels and numbers) or en

# %%
import pandas as pd

from analysis import load_baselines, load_series, load_targets
from analysis.data.scenarios import load_scenario, scenario_path
from analysis.economics.closures import equal_prices, given_growth, min_deviation
from analysis.economics.sector_growth import fold_taxes_into_services, pattern_growth
from analysis.economics.structure import contributions, project_shares
from analysis.outlook.consistency_inputs import structure_inputs_from_series
from analysis.outlook.inputs import projection_inputs, sector_bases
from analysis.report.charts import contributions_chart, structure_shift_chart
from analysis.report.display import pick, safe, say, show_figure, show_table
from analysis.report.labels import format_number, format_percent, label
from analysis.report.structure_page import (
    contributions_text,
    points_text,
    shares_text,
    solutions_table,
)

sc = load_scenario(scenario_path(scenario))
targets = load_targets().set_index("indicator_id")
inputs = projection_inputs(sc, load_baselines())
struct = structure_inputs_from_series(load_series())
shares_2023, weights = struct["shares_2023"], struct["weights_2023"]
sectors = list(shares_2023.index)
target_shares = pd.Series({s: targets.loc[f"share_{s}", "target"] / 100 for s in sectors})
g, deflator = inputs.annual_real_growth, inputs.deflator

say(
    lang,
    f"""Mục tiêu năm 2024 của Nghị quyết: cơ cấu Công nghiệp - xây dựng / Dịch vụ / Nông, lâm
nghiệp, thuỷ sản là **{shares_text(target_shares, "vi")}** (giá hiện hành, thuế sản phẩm tính vào
dịch vụ như báo cáo năm 2023 của tỉnh: {shares_text(shares_2023, "vi")}). Kịch bản
**{safe(sc.label_in("vi"))}**: tăng trưởng {format_percent(100 * g, 2, "vi")}, chỉ số giảm phát
{format_percent(100 * deflator, 2, "vi")}.""",
    f"""The resolution's 2024 structure, industry and construction / services / agriculture,
forestry and fishery: **{shares_text(target_shares, "en")}** (current prices, product taxes in
services as in the province's 2023 report: {shares_text(shares_2023, "en")}). Scenario
**{safe(sc.label_in("en"))}**: growth {format_percent(100 * g, 2, "en")}, deflator
{format_percent(100 * deflator, 2, "en")}.""",
)

# %% [markdown]
# ## 2023 → 2024

# %%
given = sc.growth.sectors.given()
if len(given) == 4:
    # The scenario's own sector plan, product taxes folded into services with the 2023 weights.
    path_growth = fold_taxes_into_services(sc.sector_growth(), sector_bases().weights)
    path_note = pick(
        lang, "các ngành tăng như kịch bản đặt ra", "sectors grow as the scenario sets"
    )
else:
    path_growth = pattern_growth(weights, struct["sector_growth_2023"], g)
    path_note = pick(
        lang,
        "các ngành tăng theo tương quan năm 2023, quy về tăng trưởng của kịch bản",
        "sectors grow in their 2023 pattern, scaled to the scenario's growth",
    )
projected = project_shares(shares_2023, path_growth)
compare = pd.DataFrame(
    {"2023": 100 * shares_2023, "2024": 100 * projected, "target": 100 * target_shares}
)
show_figure(structure_shift_chart(compare, lang))
gap = 100 * (projected - target_shares)
say(
    lang,
    f"""Nếu {path_note} và giá các ngành tăng như nhau, cơ cấu năm 2024 là
**{shares_text(projected, "vi")}**; chênh lệch so với mục tiêu
{points_text(gap, "vi")} điểm %.""",
    f"""If {path_note} with equal sector prices, the 2024 structure is
**{shares_text(projected, "en")}**; the gap to the target is
{points_text(gap, "en")} points.""",
)

# %%
contrib = contributions(path_growth, weights) * 100
show_figure(contributions_chart(contrib, lang))
say(
    lang,
    f"""Đóng góp vào tăng trưởng {format_percent(100 * g, 2, "vi")} năm 2024 (điểm %):
{contributions_text(contrib, "vi")}.""",
    f"""Contributions to 2024 growth of {format_percent(100 * g, 2, "en")} (points):
{contributions_text(contrib, "en")}.""",
)

# %% [markdown]
# ## Điều kiện để đạt cơ cấu mục tiêu · What the target structure needs

# %%
common = {"target_growth": g, "deflator": deflator, "baseline": struct["baseline"]}
solutions = [
    equal_prices(shares_2023, weights, target_shares, **common),
    min_deviation(shares_2023, weights, target_shares, **common),
]
if len(given) == 4:
    solutions.append(
        given_growth(
            shares_2023,
            weights,
            target_shares,
            sector_growth=path_growth,
            deflator=deflator,
            baseline=struct["baseline"],
            target_growth=g,
        )
    )

show_table(
    solutions_table(solutions, lang),
    pick(
        lang,
        "Tăng trưởng và giá ngành mà cơ cấu mục tiêu cần",
        "Sector growth and prices the target structure needs",
    ),
)

# %%
a, c = solutions[0], solutions[1]
worst = a.z.abs().idxmax()
say(
    lang,
    f"""**Kết luận.** Nếu giá các ngành tăng như nhau, để vừa tăng trưởng
{format_percent(100 * g, 2, "vi")} vừa đạt cơ cấu mục tiêu, ngành {label(worst, "vi").lower()}
phải tăng {format_percent(100 * a.growth[worst], 2, "vi")}, cách bình quân lịch sử
{format_number(a.z[worst], 1, "vi")} độ lệch chuẩn: **{label(a.verdict, "vi").lower()}**. Cách
khép độ lệch nhỏ nhất cho phép giá tương đối thay đổi: ngành {label(worst, "vi").lower()} tăng
{format_percent(100 * c.growth[worst], 2, "vi")} với giá tương đối
{format_percent(100 * c.relative_price[worst], 2, "vi")}; đánh giá:
**{label(c.verdict, "vi").lower()}**.""",
    f"""**Conclusion.** With equal sector prices, reaching both
{format_percent(100 * g, 2, "en")} growth and the target structure needs
{label(worst, "en").lower()} to grow {format_percent(100 * a.growth[worst], 2, "en")},
{format_number(a.z[worst], 1, "en")} standard deviations from its historical mean:
**{label(a.verdict, "en").lower()}**. The minimum-deviation closure lets relative prices move:
{label(worst, "en").lower()} grows {format_percent(100 * c.growth[worst], 2, "en")} with a
relative price change of {format_percent(100 * c.relative_price[worst], 2, "en")}; verdict:
**{label(c.verdict, "en").lower()}**.""",
)
