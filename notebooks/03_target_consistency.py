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
# The scenario's population growth and depreciation are the assumptions the checks use.
plan: str = ""  # plan pack in data/raw/plans/; empty: the default (data/raw/plans/default.yaml)
scenario: str = ""  # scenario name in scenarios/<plan>/ or a YAML path; empty: the plan's own
lang: str = "vi"  # report language: vi (Vietnamese labels and numbers) or en

# %%
from analysis import load_plan
from analysis.report.display import show_title

pack = load_plan(plan)
show_title("target_consistency", pack.plan_year, lang)

# %%
from analysis import consistency_report_from_tables
from analysis.outlook.consistency_inputs import services_growth_conventions, structure_thresholds
from analysis.report.consistency_page import checks_table, notes_table, summary_text
from analysis.report.display import pick, safe, say, show_markdown, show_table
from analysis.report.labels import format_percent
from analysis.report.plausibility_note import show_plausibility_note
from analysis.report.structure_page import services_convention_text, verdict_rule_text
from analysis.report.titles import report_title

sc = pack.scenario(scenario)
show_plausibility_note(pack, [sc], lang=lang)  # figures let through by --allow-implausible
assumptions = pack.assumptions.set_index("assumption_id")["value"].to_dict()
# The scenario's own population growth and depreciation replace the shared defaults.
assumptions["population_growth"] = sc.population_growth
assumptions["depreciation"] = sc.exchange_rate.depreciation
targets = pack.targets
report = consistency_report_from_tables(
    targets,
    pack.baselines,
    pack.series,
    assumptions,
    base_year=pack.base_year,
    plan_year=pack.plan_year,
).set_index("check")

# %%
say(
    lang,
    f"""Kiểm tra với giả định của kịch bản **{safe(sc.label_in("vi"))}** (dân số tăng
{format_percent(sc.population_growth, 2, "vi")}, tỷ giá tăng
{format_percent(sc.exchange_rate.depreciation, 2, "vi")}).""",
    f"""Checked under the assumptions of scenario **{safe(sc.label_in("en"))}** (population
growth {format_percent(sc.population_growth, 2, "en")}, depreciation
{format_percent(sc.exchange_rate.depreciation, 2, "en")}).""",
)
shift = report_title("structural_shift", pack.plan_year, lang)
show_markdown(summary_text(report, targets, shift, lang))

# %%
show_table(
    checks_table(report, pack.base_year, lang),
    pick(
        lang,
        f"Kiểm tra tính nhất quán của các chỉ tiêu {pack.plan_year}",
        f"Consistency checks of the {pack.plan_year} targets",
    ),
)
if any(check.startswith("structure.") for check in report.index):
    services = services_growth_conventions(pack.series, pack.base_year)
    if services is not None:  # which services growth the structure rows show
        show_markdown(services_convention_text(*services, pack.base_year, lang))
    rule = structure_thresholds(pack.assumptions)
    show_markdown(verdict_rule_text(rule["z_limit"], rule["price_sd"], shift, lang))

# %%
say(lang, "### Ghi chú kỹ thuật", "### Technical notes")
show_table(notes_table(report, lang))
