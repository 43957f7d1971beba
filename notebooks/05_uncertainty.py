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
# # Độ bất định và khả năng đạt mục tiêu · Uncertainty and the odds of the 2024 targets

# %% tags=["parameters"]
scenario: str = "target"  # scenario name in scenarios/ (target, low, ...) or path to a YAML file
lang: str = "vi"  # report language: vi (Vietnamese labels and numbers) or en
n_draws: int = 200_000  # Monte Carlo draws (200,000: standard errors about 0.1 point)
seed: int = 2024  # seed of the draws: the same seed gives the same table

# %%
from analysis.report.display import say

say(
    lang,
    (
        "Khả năng một kịch bản đạt các mục tiêu tăng trưởng, GRDP bình quân đầu người và cơ "
        "cấu năm 2024, riêng từng chỉ tiêu và đồng thời: mô phỏng Monte Carlo với các thang "
        "đo hiệu chỉnh theo chuỗi tăng trưởng tỉnh đã công bố (2016–2023) và mức hụt kế hoạch "
        "năm 2023, biểu đồ quạt của tăng trưởng lũy kế, và một mô hình thống kê chuẩn so sánh "
        "(bước ngẫu nhiên có xu hướng, statsmodels) đặt cạnh kế hoạch. Mọi số liệu được tính "
        "từ dữ liệu gốc và tệp kịch bản."
    ),
    (
        "How likely one scenario is to meet the 2024 growth, per-head and structure targets, "
        "alone and together: a Monte Carlo whose scales are calibrated on the province's "
        "published growth record (2016–2023) and the 2023 plan miss, a fan chart of the year- "
        "to-date path, and a statistical benchmark (a random walk with drift, statsmodels) "
        "beside the plan. Every figure is computed from the raw data and the scenario file."
    ),
)

# %%
from analysis import load_baselines, load_series, load_targets
from analysis.data.scenarios import load_scenario, scenario_path
from analysis.economics.benchmark import random_walk_benchmark
from analysis.economics.montecarlo import fan_quantiles
from analysis.economics.projection import ytd_path
from analysis.economics.sector_growth import BASELINE_YEARS
from analysis.outlook import scenario_outlook as outlook
from analysis.outlook.inputs import projection_inputs
from analysis.outlook.relative_prices import relative_price_effect
from analysis.report import uncertainty_page as page
from analysis.report.charts import ytd_fan_chart
from analysis.report.display import pick, safe, say, show_figure, show_table
from analysis.report.labels import format_fraction_as_percent as pct_in
from analysis.report.labels import format_fraction_as_points as points_in
from analysis.report.labels import format_number, format_percent

sc = load_scenario(scenario_path(scenario))
series = load_series()
baselines = load_baselines()
target_table = load_targets()
targets = outlook.macro_targets(target_table, sc.structure_convention)
calibration = outlook.scenario_calibration(sc, series)
setup = outlook.outlook_setup(sc, baselines=baselines, series=series, calibration=calibration)
result = outlook.scenario_outlook(
    sc, n_draws=n_draws, seed=seed, baselines=baselines, series=series, targets=targets
)
history = outlook.published_growth(series)
plan = outlook.published_plan(series)
table = result.table
growth_dist = result.annual_distribution  # narrowed by any published quarters
low90, high90 = growth_dist.interval(0.9)
p_growth, p_head, p_structure, p_joint = (
    float(table.loc[e, "probability"]) for e in ("growth", "per_capita", "structure", "joint")
)

# %%
say(
    lang,
    f"""## {safe(sc.label_in("vi"))}

{safe(sc.description.vi)}

Tăng trưởng GRDP năm 2024 được mô tả bằng phân phối chuẩn hai nửa quanh mức trung tâm
**{pct_in(growth_dist.mode, 2, "vi")}** (của kịch bản, cập nhật theo số liệu lũy kế nếu có):
độ lệch phía dưới {points_in(growth_dist.sigma_lower, 2, "vi")} điểm %, phía trên
{points_in(growth_dist.sigma_upper, 2, "vi")} điểm %; khả năng thấp hơn mức trung tâm là
{pct_in(growth_dist.prob_below_mode, 0, "vi")}, kỳ vọng
{pct_in(growth_dist.mean(), 2, "vi")}, khoảng 90 % từ {pct_in(low90, 1, "vi")} đến
{pct_in(high90, 1, "vi")}.

Với {format_number(result.n_draws, 0, "vi")} lần mô phỏng, khả năng đạt mục tiêu tăng trưởng
{pct_in(targets.growth, 1, "vi")} là **{pct_in(p_growth, 1, "vi")}**, GRDP bình quân đầu người
{format_number(targets.per_capita_usd, 0, "vi")} USD là **{pct_in(p_head, 1, "vi")}**, cơ cấu
kinh tế (mỗi khu vực trong phạm vi ± {points_in(targets.share_tolerance, 1, "vi")} điểm % của
mục tiêu) là **{pct_in(p_structure, 1, "vi")}**; đạt **đồng thời cả ba** là
**{pct_in(p_joint, 1, "vi")}**.""",
    f"""## {safe(sc.label_in("en"))}

{safe(sc.description.en)}

2024 GRDP growth is described by a two-piece normal distribution centred on
**{pct_in(growth_dist.mode, 2, "en")}** (the scenario's, updated by any year-to-date figures):
a scale of {points_in(growth_dist.sigma_lower, 2, "en")}
points below and {points_in(growth_dist.sigma_upper, 2, "en")} points above; the chance of
falling short of the centre is {pct_in(growth_dist.prob_below_mode, 0, "en")}, the
mean {pct_in(growth_dist.mean(), 2, "en")}, the 90 % interval {pct_in(low90, 1, "en")} to
{pct_in(high90, 1, "en")}.

Over {format_number(result.n_draws, 0, "en")} draws, the chance of meeting the growth target of
{pct_in(targets.growth, 1, "en")} is **{pct_in(p_growth, 1, "en")}**, GRDP per head of
{format_number(targets.per_capita_usd, 0, "en")} USD **{pct_in(p_head, 1, "en")}**, the economic
structure (each sector within ± {points_in(targets.share_tolerance, 1, "en")} point of its
target) **{pct_in(p_structure, 1, "en")}**; meeting **all three together**
**{pct_in(p_joint, 1, "en")}**.""",
)

# %%
show_table(
    page.probability_table(table, targets, lang),
    pick(
        lang,
        f"Khả năng đạt các mục tiêu năm 2024 ({format_number(result.n_draws, 0, lang)} lần "
        "mô phỏng)",
        f"Probability of meeting the 2024 targets ({format_number(result.n_draws, 0, lang)} draws)",
    ),
)

# %% [markdown]
# ### Tăng trưởng lũy kế 2024 · Year-to-date growth 2024

# %%
ytd_fan = fan_quantiles(result.ytd_path) * 100.0
path = ytd_path(projection_inputs(sc, baselines, series))
central_path = path[path["variable"] == "grdp_growth_ytd"].sort_values("quarter")["value"]
published = sc.ytd_actuals.given()
if published:
    done = page.published_ytd_text(published, lang)
    say(
        lang,
        f"""Số liệu lũy kế đã công bố: {done}. Phần đã biết được giữ cố định; độ bất định của cả
năm thu hẹp còn {points_in(result.annual_distribution.sigma_lower, 2, "vi")} điểm % phía dưới và
{points_in(result.annual_distribution.sigma_upper, 2, "vi")} điểm % phía trên, quanh
{pct_in(result.annual_distribution.mode, 2, "vi")}.""",
        f"""Published year-to-date figures: {done}. The known part is held fixed; the annual
uncertainty narrows to {points_in(result.annual_distribution.sigma_lower, 2, "en")} points below
and {points_in(result.annual_distribution.sigma_upper, 2, "en")} points above, around
{pct_in(result.annual_distribution.mode, 2, "en")}.""",
    )
else:
    say(
        lang,
        f"""Chưa có số liệu lũy kế năm 2024 trong kịch bản (trường `ytd_actuals`). Biểu đồ quạt
cho thấy tăng trưởng lũy kế sau quý I, 6 tháng, 9 tháng và cả năm: một quý riêng lẻ dao động
mạnh hơn cả năm, nên quạt hẹp dần về cuối năm. Dải ngoài cùng chứa 90 % số lần mô phỏng; cả năm
từ {format_percent(ytd_fan.loc["FY", 0.05], 1, "vi")} đến
{format_percent(ytd_fan.loc["FY", 0.95], 1, "vi")}.""",
        f"""No 2024 year-to-date figures in the scenario yet (field `ytd_actuals`). The fan shows
cumulative growth after Q1, six months, nine months and the year: a single quarter moves more
than the year, so the fan narrows towards the year end. The outer band holds 90 % of the draws;
for the full year {format_percent(ytd_fan.loc["FY", 0.05], 1, "en")} to
{format_percent(ytd_fan.loc["FY", 0.95], 1, "en")}.""",
    )

# %%
show_figure(
    ytd_fan_chart(
        ytd_fan,
        central=central_path,
        published=published,
        target=100.0 * targets.growth,
        lang=lang,
    )
)

# %% [markdown]
# ### Kế hoạch và chuẩn so sánh thống kê · The plan beside a statistical benchmark

# %%
benchmarks = {
    m: random_walk_benchmark(history, model=m) for m in ("arima", "unobserved_components")
}
arima = benchmarks["arima"]
show_figure(page.benchmark_figure(history, result.annual_growth, arima, targets.growth, lang))

# %%
plan_year = int(arima.year)
plan_growth = float(plan.get(plan_year, targets.growth))
in80 = arima.interval_80[0] <= plan_growth <= arima.interval_80[1]
above = plan_growth >= arima.point
say(
    lang,
    f"""Mô hình bước ngẫu nhiên có xu hướng trên chỉ số GRDP thực (logarit), ước lượng bằng
statsmodels trên {format_number(arima.n_obs, 0, "vi")} năm tăng trưởng đã công bố
({history.index[0]}–{history.index[-1]}), dự báo năm {plan_year} tăng
**{pct_in(arima.point, 2, "vi")}** (khoảng 80 %: {pct_in(arima.interval_80[0], 1, "vi")} –
{pct_in(arima.interval_80[1], 1, "vi")}; 95 %: {pct_in(arima.interval_95[0], 1, "vi")} –
{pct_in(arima.interval_95[1], 1, "vi")}). Kế hoạch {pct_in(plan_growth, 1, "vi")}
{"nằm trong" if in80 else "nằm ngoài"} khoảng 80 % và {"cao" if above else "thấp"} hơn dự báo
điểm {points_in(abs(plan_growth - arima.point), 2, "vi")} điểm %.

**Giới hạn:** chỉ có {format_number(arima.n_obs, 0, "vi")} quan sát; khoảng dự báo bỏ qua sai
số ước lượng của xu hướng và phương sai, cũng như các thay đổi cấu trúc (dịch bệnh năm 2021,
làn sóng đầu tư mới), nên là **cận dưới** của độ bất định thực. Mô hình không biết gì về kế
hoạch hay các dự án đang triển khai: đây là mốc so sánh, không phải dự báo thay thế.""",
    f"""A random walk with drift on the log real GRDP index, estimated with statsmodels on
{format_number(arima.n_obs, 0, "en")} published growth rates
({history.index[0]}–{history.index[-1]}), forecasts {plan_year} growth of
**{pct_in(arima.point, 2, "en")}** (80 % interval
{pct_in(arima.interval_80[0], 1, "en")} – {pct_in(arima.interval_80[1], 1, "en")};
95 %: {pct_in(arima.interval_95[0], 1, "en")} – {pct_in(arima.interval_95[1], 1, "en")}). The
plan of {pct_in(plan_growth, 1, "en")} lies {"inside" if in80 else "outside"} the 80 % interval,
{points_in(abs(plan_growth - arima.point), 2, "en")} points {"above" if above else "below"} the
point forecast.

**Limits:** {format_number(arima.n_obs, 0, "en")} observations only; the intervals ignore the
uncertainty of the estimated drift and variance and any structural break (the 2021 outbreak, a
new wave of investment), so they are **lower bounds** on the real uncertainty. The model knows
nothing of the plan or of projects under way: it is a yardstick, not a competing forecast.""",
)

# %%
show_table(
    page.benchmark_table(
        benchmarks, growth_dist, len(calibration.years), (plan_year, plan_growth), lang
    ),
    pick(
        lang,
        f"Tăng trưởng GRDP {plan_year}: chuẩn so sánh và kế hoạch",
        f"GRDP growth {plan_year}: benchmarks and the plan",
    ),
)

# %% [markdown]
# ### Cơ cấu kinh tế · Economic structure

# %%
show_table(
    page.sector_table(setup.sectors, sc.sector_growth(), lang),
    pick(lang, "Tăng trưởng các khu vực trong mô phỏng", "Sector growth in the simulation"),
)

# %%
# The same draws with relative sector prices held fixed: how much of the structure outlook
# comes from prices rather than real growth.
prices = relative_price_effect(setup, targets, result)
tau, price_sd = prices.tau, prices.share_sd  # price_sd: the share's spread prices add
p_structure_fixed, p_joint_fixed = (prices.probability_fixed(e) for e in ("structure", "joint"))
record_years = ", ".join(str(y) for y in BASELINE_YEARS)
median_shares = result.shares.median()
share_text = {x: page.median_shares_text(median_shares, targets.shares, x) for x in ("vi", "en")}
say(
    lang,
    f"""Các khu vực không có trong kịch bản đi theo quan hệ lịch sử với tổng GRDP (số liệu công
bố các năm {record_years}), điều chỉnh để cộng lại đúng mức tăng trưởng của kịch bản với quyền số
năm 2023. Tỷ trọng năm 2024 (trung vị): {share_text["vi"]}.

Tỷ trọng tính theo giá hiện hành, nên chúng thay đổi theo cả **giá tương đối** giữa các khu
vực, không chỉ theo tăng trưởng thực: giá mỗi khu vực lệch khỏi chỉ số giảm phát GRDP một cú
sốc ngẫu nhiên độc lập với độ lệch chuẩn {points_in(tau, 1, "vi")} % (giả định, vì tỉnh không
công bố chỉ số giá theo khu vực; xem bảng giả định bên dưới). Riêng yếu tố này làm tỷ trọng công
nghiệp – xây dựng dao động với độ lệch chuẩn khoảng {points_in(price_sd, 1, "vi")} điểm %, trong
khi mục tiêu chỉ cho phép ± {points_in(targets.share_tolerance, 1, "vi")} điểm %. Khả năng cả
ba tỷ trọng cùng nằm trong phạm vi đó: **{pct_in(p_structure, 1, "vi")}** (nếu giá tương đối
giữ nguyên: {pct_in(p_structure_fixed, 1, "vi")}). Giá tương đối được rút độc lập với tăng
trưởng nên cũng làm việc đạt cơ cấu ít gắn với mức tăng trưởng hơn: khả năng đạt đồng thời cả
ba là
{pct_in(p_joint, 1, "vi")} (giá tương đối giữ nguyên: {pct_in(p_joint_fixed, 1, "vi")}).""",
    f"""Sectors the scenario does not give follow their published relation to total GRDP
({record_years}), adjusted to add up to the scenario's growth with the 2023 weights. 2024
shares (median): {share_text["en"]}.

The shares are at current prices, so they move with **relative prices** between the sectors as
well as with real growth: each sector's price departs from the GRDP deflator by an independent
random shock with a standard deviation of {points_in(tau, 1, "en")} % (an assumption: the
province publishes no sector price indices; see the assumptions table below). This alone gives
the industry-construction share a standard deviation of about
{points_in(price_sd, 1, "en")} points, against the target's
± {points_in(targets.share_tolerance, 1, "en")} point. Chance that all three shares
lie within it: **{pct_in(p_structure, 1, "en")}** (with relative prices held fixed:
{pct_in(p_structure_fixed, 1, "en")}). Relative prices are drawn independently of growth, so
they also loosen the link between meeting the structure and the growth targets: the chance of
meeting all three together is {pct_in(p_joint, 1, "en")} (relative prices held fixed:
{pct_in(p_joint_fixed, 1, "en")}).""",
)

# %% [markdown]
# ### Giả định hiệu chỉnh · Calibration assumptions

# %%
show_table(
    page.calibration_table(calibration.to_frame(), sc.uncertainty.given(), lang),
    pick(
        lang,
        "Các thang đo của mô phỏng và cơ sở của chúng",
        "The simulation's scales and their basis",
    ),
)

# %%
note_vi, note_en = (page.stated_scales_note(sc.uncertainty.given(), x) for x in ("vi", "en"))
say(
    lang,
    f"""Tăng trưởng, chỉ số giảm phát, giá tương đối giữa các khu vực, dân số và tỷ giá được
rút ngẫu nhiên độc lập với nhau.
Mức độ bất định của tăng trưởng lấy từ độ lệch chuẩn tăng trưởng
{calibration.years[0]}–{calibration.years[-1]} ({points_in(calibration.sigma, 2, "vi")}
điểm %) và sai lệch giữa kế hoạch và thực hiện
({points_in(calibration.mean_plan_error, 2, "vi")} điểm %,
{format_number(len(calibration.plan_years), 0, "vi")} năm).{note_vi} Hạt giống ngẫu nhiên
{result.seed}: chạy lại với cùng tham số cho cùng kết quả.""",
    f"""Growth, the deflator, relative prices between sectors, population and the exchange
rate are drawn independently of each other. The growth scales come from the spread of growth
{calibration.years[0]}–{calibration.years[-1]} ({points_in(calibration.sigma, 2, "en")} points)
and the gap between plan and outturn ({points_in(calibration.mean_plan_error, 2, "en")} points,
{format_number(len(calibration.plan_years), 0, "en")} year(s)).{note_en} Seed {result.seed}:
a run with the same parameters gives the same figures.""",
)
