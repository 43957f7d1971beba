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
from analysis.report.consistency_page import checks_table, flagged_closures, notes_table
from analysis.report.display import pick, safe, say, show_table
from analysis.report.labels import format_number, format_percent, label
from analysis.report.plausibility_note import show_plausibility_note

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
target = targets.set_index("indicator_id")["target"]
values = report["value"].astype(float)

# %%
pi = values["per_head.implied_deflator"]
nominal = values["per_head.nominal_grdp_plan"]
at_national = values["per_head.per_capita_at_national_deflator"]
icor = values["icor.current_prices"]
verdicts = report["verdict"]
# One verdict per closure of the structure solver (rows "structure.<closure>"), not per sector.
closures, closures_flagged = flagged_closures(report)
say(
    lang,
    f"""Kiểm tra với giả định của kịch bản **{safe(sc.label_in("vi"))}** (dân số tăng
{format_percent(sc.population_growth, 2, "vi")}, tỷ giá tăng
{format_percent(sc.exchange_rate.depreciation, 2, "vi")}).

- **Tăng trưởng và GRDP/người.** Để tăng trưởng
  {format_percent(target["grdp_growth"], 1, "vi")} đi cùng
  {format_number(target["grdp_per_capita_usd"], 0, "vi")} USD/người, chỉ số giảm phát
  GRDP phải khoảng **{format_percent(pi, 2, "vi")}**:
  {label(verdicts["per_head.implied_deflator"], "vi").lower()}.
  GRDP giá hiện hành khi đó là {format_number(nominal, 1, "vi")} nghìn tỷ đồng. Nếu giảm phát chỉ
  bằng mức cả nước, GRDP/người đạt {format_number(at_national, 0, "vi")} USD.
- **Vốn đầu tư.** {format_number(target["social_investment"], 0, "vi")} tỷ đồng vốn đầu tư
  toàn xã hội so với phần GRDP tăng thêm cho ICOR
  **{format_number(icor, 2, "vi")}**: {label(verdicts["icor.current_prices"], "vi").lower()}.
- **Cơ cấu.** {len(closures_flagged)} trong {len(closures)} cách khép cơ cấu được đánh giá là
  căng hoặc không nhất quán (chi tiết ở bảng dưới và báo cáo Chuyển dịch cơ cấu).""",
    f"""Checked under the assumptions of scenario **{safe(sc.label_in("en"))}** (population
growth {format_percent(sc.population_growth, 2, "en")}, depreciation
{format_percent(sc.exchange_rate.depreciation, 2, "en")}).

- **Growth and GRDP per head.** For
  {format_percent(target["grdp_growth"], 1, "en")} growth to go with
  {format_number(target["grdp_per_capita_usd"], 0, "en")} USD per head, the GRDP deflator
  must be about **{format_percent(pi, 2, "en")}**:
  {label(verdicts["per_head.implied_deflator"], "en").lower()}.
  GRDP at current prices is then {format_number(nominal, 1, "en")} trillion VND. At the national
  deflator, GRDP per head would reach {format_number(at_national, 0, "en")} USD.
- **Investment.** {format_number(target["social_investment"], 0, "en")} billion VND of social
  investment against the GRDP increase gives an ICOR of **{format_number(icor, 2, "en")}**:
  {label(verdicts["icor.current_prices"], "en").lower()}.
- **Structure.** {len(closures_flagged)} of {len(closures)} closures of the structure solver are
  stretched or inconsistent (table below and the structural-shift report).""",
)

# %%
show_table(
    checks_table(report, pack.base_year, lang),
    pick(
        lang,
        f"Kiểm tra tính nhất quán của các chỉ tiêu {pack.plan_year}",
        f"Consistency checks of the {pack.plan_year} targets",
    ),
)

# %%
say(lang, "### Ghi chú kỹ thuật", "### Technical notes")
show_table(notes_table(report, lang))
