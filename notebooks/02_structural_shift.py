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
from analysis.report.display import show_title

pack = load_plan(plan)
base, year = pack.base_year, pack.plan_year
show_title("structural_shift", year, lang)

# %%
import pandas as pd

from analysis.economics.closures import equal_prices, given_growth, min_deviation
from analysis.economics.sector_growth import fold_taxes_into_services, pattern_growth
from analysis.economics.structure import contributions, project_shares
from analysis.outlook.consistency_inputs import (
    services_growth_conventions,
    structure_inputs_from_series,
)
from analysis.outlook.inputs import projection_inputs, sector_bases
from analysis.report.chart_sources import chart_source
from analysis.report.charts import contributions_chart, structure_shift_chart
from analysis.report.display import pick, safe, say, show_figure, show_markdown, show_table
from analysis.report.labels import format_percent
from analysis.report.plausibility_note import show_plausibility_note
from analysis.report.structure_page import (
    conclusion_text,
    contributions_text,
    points_text,
    services_convention_text,
    shares_text,
    solutions_table,
    verdict_rule_text,
)
from analysis.report.titles import report_title

sc = pack.scenario(scenario)
show_plausibility_note(pack, [sc], lang=lang)  # figures let through by --allow-implausible
targets = pack.targets.set_index("indicator_id")
inputs = projection_inputs(
    sc, pack.baselines, pack.series, base_year=pack.base_year, assumptions=pack.assumptions
)
struct = structure_inputs_from_series(
    pack.series, base_year=pack.base_year, assumptions=pack.assumptions
)
shares_base, weights = struct["shares_base"], struct["weights_base"]
sectors = list(shares_base.index)
has_target = all(f"share_{s}" in targets.index for s in sectors)
target_shares = (
    pd.Series({s: targets.loc[f"share_{s}", "target"] / 100 for s in sectors})
    if has_target
    else None
)
g, deflator = inputs.annual_real_growth, inputs.deflator
scenario_vi = (
    f"Kịch bản **{safe(sc.label_in('vi'))}**: tăng trưởng {format_percent(100 * g, 2, 'vi')}, "
    f"chỉ số giảm phát {format_percent(100 * deflator, 2, 'vi')}."
)
scenario_en = (
    f"Scenario **{safe(sc.label_in('en'))}**: growth {format_percent(100 * g, 2, 'en')}, "
    f"deflator {format_percent(100 * deflator, 2, 'en')}."
)
if has_target:
    say(
        lang,
        f"""Mục tiêu năm {year} của Nghị quyết: cơ cấu Công nghiệp - xây dựng / Dịch vụ / Nông,
lâm nghiệp, thuỷ sản là **{shares_text(target_shares, "vi")}** (giá hiện hành, thuế sản phẩm tính
vào dịch vụ như báo cáo năm {base} của tỉnh: {shares_text(shares_base, "vi")}). {scenario_vi}""",
        f"""The resolution's {year} structure, industry and construction / services /
agriculture, forestry and fishery: **{shares_text(target_shares, "en")}** (current prices,
product taxes in services as in the province's {base} report: {shares_text(shares_base, "en")}).
{scenario_en}""",
    )
else:
    say(
        lang,
        f"""Kế hoạch năm {year} không nêu chỉ tiêu cơ cấu kinh tế; báo cáo này cho biết cơ cấu
năm {year} theo kịch bản, từ cơ cấu năm {base} ({shares_text(shares_base, "vi")}, giá hiện hành,
thuế sản phẩm tính vào dịch vụ), và đóng góp của các ngành vào tăng trưởng. {scenario_vi}""",
        f"""The {year} plan states no structure target; this report shows the {year} structure
under the scenario, from the {base} structure ({shares_text(shares_base, "en")}, current prices,
product taxes in services), and the sectors' contributions to growth. {scenario_en}""",
    )

# %%
say(lang, f"## {base} → {year}", f"## {base} → {year}")

# %%
given = sc.growth.sectors.given()
if len(given) == 4:
    # The scenario's own sector plan, product taxes folded into services with the base year's
    # weights.
    bases = sector_bases(pack.series, base_year=base, assumptions=pack.assumptions)
    path_growth = fold_taxes_into_services(sc.sector_growth(), bases.weights)
    path_note = pick(
        lang, "các ngành tăng như kịch bản đặt ra", "sectors grow as the scenario sets"
    )
else:
    path_growth = pattern_growth(weights, struct["sector_growth_base"], g)
    path_note = pick(
        lang,
        f"các ngành tăng theo tương quan năm {base}, quy về tăng trưởng của kịch bản",
        f"sectors grow in their {base} pattern, scaled to the scenario's growth",
    )
projected = project_shares(shares_base, path_growth)
compare = pd.DataFrame({"base": 100 * shares_base, "plan": 100 * projected})
if has_target:
    compare["target"] = 100 * target_shares
source = chart_source(pack, lang, scenarios=[sc.label_in(lang)], series=["structure_share"])
show_figure(structure_shift_chart(compare, (base, year), lang, source=source))
gap_vi, gap_en = "", ""
if has_target:
    gap = 100 * (projected - target_shares)
    gap_vi = f"; chênh lệch so với mục tiêu {points_text(gap, 'vi')} điểm %"
    gap_en = f"; the gap to the target is {points_text(gap, 'en')} points"
say(
    lang,
    f"""Nếu {path_note} và giá các ngành tăng như nhau, cơ cấu năm {year} là
**{shares_text(projected, "vi")}**{gap_vi}.""",
    f"""If {path_note} with equal sector prices, the {year} structure is
**{shares_text(projected, "en")}**{gap_en}.""",
)

# %%
contrib = contributions(path_growth, weights) * 100
show_figure(contributions_chart(contrib, lang, year=year, source=source))
say(
    lang,
    f"""Đóng góp vào tăng trưởng {format_percent(100 * g, 2, "vi")} năm {year} (điểm %):
{contributions_text(contrib, "vi")}.""",
    f"""Contributions to {year} growth of {format_percent(100 * g, 2, "en")} (points):
{contributions_text(contrib, "en")}.""",
)

# %%
# The solver's conditions exist only against a target structure.
if has_target:
    say(
        lang,
        "## Điều kiện để đạt cơ cấu mục tiêu",
        "## What the target structure needs",
    )
    # The pack's thresholds, as report 03 uses them: one rule decides both reports' verdicts.
    common = {
        "target_growth": g,
        "deflator": deflator,
        "baseline": struct["baseline"],
        "z_limit": struct["z_limit"],
    }
    solutions = [
        equal_prices(shares_base, weights, target_shares, **common),
        min_deviation(shares_base, weights, target_shares, price_sd=struct["price_sd"], **common),
    ]
    if len(given) == 4:
        solutions.append(
            given_growth(
                shares_base,
                weights,
                target_shares,
                sector_growth=path_growth,
                **common,
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

    services = services_growth_conventions(pack.series, pack.base_year)
    if services is not None:  # which services growth the table shows
        show_markdown(services_convention_text(*services, pack.base_year, lang))
    show_markdown(conclusion_text(solutions[0], solutions[1], g, lang))
    consistency = report_title("target_consistency", year, lang)
    show_markdown(verdict_rule_text(struct["z_limit"], struct["price_sd"], consistency, lang))
