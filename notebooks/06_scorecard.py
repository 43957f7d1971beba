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
# # Đánh giá thực hiện các chỉ tiêu năm 2024 · Scorecard of the 2024 targets

# %% tags=["parameters"]
# The scorecard judges actual results, not the scenario: the scenario gives only the report's
# label and the 2023 quarterly weights of the in-year view.
scenario: str = "target"  # scenario name in scenarios/ (target, low, ...) or path to a YAML file
lang: str = "vi"  # report language: vi (Vietnamese labels and numbers) or en
# Actual results: a CSV file or a folder of CSV files (format in analysis/data/actuals.py). Empty
# means every *.csv in data/raw/actuals/; when there is none, the report lists the targets.
actuals: str = ""  # actuals CSV file or folder; empty means data/raw/actuals/

# %%
from analysis.report.display import say

say(
    lang,
    (
        "Mọi chỉ tiêu của Nghị quyết so với kết quả thực hiện ghi trong `data/raw/actuals/` "
        "(hoặc tệp được chỉ định): đạt hay không đạt với kết quả cả năm, đúng tiến độ hay "
        "chậm với số liệu trong năm, phần khoảng cách đã thu hẹp so với năm 2023, và mức tăng "
        "trưởng GRDP các quý còn lại cần đạt. Khi chưa có số liệu thực hiện, báo cáo chỉ liệt "
        "kê các chỉ tiêu; không ước tính thay."
    ),
    (
        "Every target of the resolution against the actual results recorded in "
        "`data/raw/actuals/` (or the file given as a parameter): met or not met for results "
        "of the year, on track or slipping for in-year figures, the gap closed since 2023, "
        "and what the remaining quarters must deliver for GRDP growth. Without actual results "
        "it lists the targets and where the figures go; nothing is estimated in their place."
    ),
)

# %%
import math
from pathlib import Path

import pandas as pd
from IPython.display import HTML, display

from analysis import (
    assess,
    in_year_view,
    load_actuals,
    load_actuals_dir,
    load_series,
    load_targets,
    summary,
    ytd_growth,
)
from analysis.data.paths import ACTUALS_DIR, ROOT
from analysis.data.scenarios import load_scenario, scenario_path
from analysis.economics.scorecard import group_results
from analysis.economics.scorecard_in_year import reference_quarters
from analysis.economics.scorecard_measures import AMBER, GREEN
from analysis.report.charts import in_year_chart
from analysis.report.display import TABLE_CLASS, pick, safe, say, show_figure, show_table
from analysis.report.labels import format_fraction_as_percent, format_number, format_percent
from analysis.report.scorecard_view import (
    COLUMNS,
    GROUP_WORDS,
    STATUS_WORDS,
    headline_text,
    scorecard_table,
    style_scorecard,
    target_text,
    unit_text,
)

sc = load_scenario(scenario_path(scenario))
targets = load_targets()
source = Path(actuals) if actuals else ACTUALS_DIR
if not actuals:
    figures = load_actuals_dir(None, targets)
elif source.is_dir():
    figures = load_actuals_dir(source, targets)
else:
    figures = load_actuals(source, targets)
assessment = assess(targets, figures)
counts = summary(assessment)
total = counts.loc["all"]
group_verdicts = group_results(assessment)
n_groups = len(group_verdicts)
groups_by_status = group_verdicts["status"].value_counts()
groups_met = int(groups_by_status.get("met", 0))
groups_missed = int(groups_by_status.get("not_met", 0))
groups_open = int(groups_by_status.get("open", 0))
groups_complete = int(group_verdicts["complete"].sum())
table = scorecard_table(assessment, lang)

#: Short titles of the resolution's fifteen groups of targets (section I.2, items (1)–(15)).
GROUPS: dict[int, tuple[str, str]] = {
    1: ("Tăng trưởng và cơ cấu kinh tế", "Growth and economic structure"),
    2: ("GRDP bình quân đầu người", "GRDP per head"),
    3: ("Thu ngân sách", "Budget revenue"),
    4: ("Vốn đầu tư phát triển toàn xã hội", "Social development investment"),
    5: ("Du lịch", "Tourism"),
    6: ("Y tế, bảo hiểm y tế và bảo hiểm xã hội", "Health, health and social insurance"),
    7: ("Giảm nghèo và nhà ở", "Poverty and housing"),
    8: ("Lao động, đào tạo và việc làm", "Labour, training and jobs"),
    9: ("Trường đạt chuẩn quốc gia", "Schools meeting the national standard"),
    10: ("Môi trường và nước sạch", "Environment and clean water"),
    11: ("Đô thị, nông thôn mới và văn hoá", "Urbanisation, new rural areas and culture"),
    12: ("Sắp xếp đơn vị hành chính", "Administrative mergers"),
    13: ("Che phủ rừng", "Forest cover"),
    14: ("Khiếu nại, tố cáo và an ninh trật tự", "Complaints and public order"),
    15: ("Xây dựng Đảng", "Party building"),
}


def group_title(group: int) -> str:
    vi, en = GROUPS.get(int(group), ("", ""))
    return f"({int(group)}) {pick(lang, vi, en)}".strip()


def shown_path(path: Path) -> str:
    """A path as the reader sees it: relative to the project when it lies inside it."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def date_text(stamp: pd.Timestamp) -> str:
    return stamp.strftime("%d/%m/%Y") if lang == "vi" else stamp.strftime("%Y-%m-%d")


def with_unit(text: str, unit: str) -> str:
    """A formatted figure with its unit (``13,6 %``, ``15.200 tỷ đồng``, ``Hoàn thành``)."""
    if unit in ("%", "% growth"):
        return f"{text} %"
    words = unit_text(unit, lang)
    return f"{text} {words}" if words else text


def number(value: float) -> str:
    """A figure with as many decimals as it carries (up to two)."""
    if value is None or not math.isfinite(float(value)):
        return "–"
    decimals = next((d for d in (0, 1) if abs(value - round(value, d)) < 1e-9), 2)
    return format_number(float(value), decimals, lang)


def pct(fraction: float, decimals: int = 2, language: str | None = None) -> str:
    """A fraction as percent (``14,50 %``); a dash where there is no figure."""
    if fraction is None or not math.isfinite(float(fraction)):
        return "–"
    return format_fraction_as_percent(fraction, decimals, language or lang)


def word(status: str) -> str:
    return STATUS_WORDS[status][lang]


has_results = not figures.empty
groups = sorted(int(g) for g in targets["group"].unique())
growth_target = float(targets.set_index("indicator_id").loc["grdp_growth", "target"])

# %%
if has_results:
    n_files = figures["file"].nunique()
    files_en = f"{n_files} file" + ("s" if n_files > 1 else "")
    latest = date_text(figures["as_of"].max())
    say(
        lang,
        f"""## {headline_text(assessment, "vi")}

Đối chiếu {n_groups} chỉ tiêu chủ yếu năm 2024 của Nghị quyết ({total["targets"]} chỉ số) với
{len(figures)} số liệu thực hiện ({n_files} tệp, công bố đến ngày {latest}):

- theo nhóm chỉ tiêu: **đạt {groups_met}/{n_groups}**, không đạt {groups_missed}, chưa đủ kết
  quả cả năm {groups_open} (đủ số liệu cả năm: {groups_complete}/{n_groups} nhóm);
- theo chỉ số: **đạt: {total["met"]}**; **không đạt: {total["not_met"]}** (kết quả cả năm 2024);
- theo số liệu trong năm: đúng tiến độ {total["on_track"]}, cần tăng tốc
  {total["needs_acceleration"]}, chậm {total["off_track"]}, đi ngược {total["wrong_direction"]};
- chưa có số liệu: {total["no_data"]}.

Một nhóm chỉ tiêu (một mục của Nghị quyết) đạt khi mọi chỉ số của nhóm có kết quả cả năm và
đều đạt; không đạt khi có một chỉ số không đạt; còn lại là chưa đủ kết quả cả năm. Số liệu
trong năm không làm đủ một nhóm.""",
        f"""## {headline_text(assessment, "en")}

The resolution's {n_groups} main targets for 2024 ({total["targets"]} figures) against
{len(figures)} actual figures ({files_en}, published up to {latest}):

- by group of targets: **met {groups_met} of {n_groups}**, not met {groups_missed}, awaiting
  the year's results {groups_open} (full year's data for {groups_complete} of {n_groups}
  groups);
- by figure: **met: {total["met"]}**; **not met: {total["not_met"]}** (results of the year 2024);
- from in-year figures: on track {total["on_track"]}, needs acceleration
  {total["needs_acceleration"]}, off track {total["off_track"]}, wrong direction
  {total["wrong_direction"]};
- no data: {total["no_data"]}.

A group of targets (one item of the resolution) is met when every figure in it has the year's
result and all are met; not met as soon as one of them is not met; otherwise it awaits the
year's results. In-year figures do not complete a group.""",
    )
else:
    say(
        lang,
        f"""## Chưa có số liệu thực hiện

Chưa có số liệu thực hiện nào ({safe(shown_path(source))}: không có tệp hoặc tệp chưa điền).
Dưới đây chỉ liệt kê {total["targets"]} chỉ tiêu chủ yếu năm 2024 của Nghị quyết theo
{len(groups)} nhóm; chưa đánh giá chỉ tiêu nào.

Để có bảng đánh giá:

1. Chạy `python -m analysis actuals-template`: tạo tệp `data/raw/actuals/actuals_2024.csv`
   liệt kê mọi chỉ tiêu (kỳ `2024`, cột `value` để trống).
2. Điền số liệu đã công bố: `value` (đơn vị như của chỉ tiêu, dấu chấm thập phân), `kind`
   (`estimate`: ước tính, `actual`: chính thức), `as_of` (ngày công bố, YYYY-MM-DD) và
   `source` (văn bản, mục). Số liệu trong năm: thêm dòng với kỳ `2024-Q1`, `2024-6M`,
   `2024-9M`.
3. Chạy `make check` để kiểm tra tệp, rồi `make report`: mọi tệp `*.csv` trong
   `data/raw/actuals/` được đưa vào báo cáo này.""",
        f"""## No actual results yet

No actual results were found ({safe(shown_path(source))}: no file, or no value filled in).
Below are the resolution's {total["targets"]} main targets for 2024 in their {len(groups)}
groups; none is assessed.

To get the scorecard:

1. Run `python -m analysis actuals-template`: it writes `data/raw/actuals/actuals_2024.csv`
   listing every target (period `2024`, column `value` empty).
2. Fill in the published figures: `value` (in the target's unit, decimal point), `kind`
   (`estimate` or `actual`), `as_of` (publication date, YYYY-MM-DD) and `source` (document
   and item). In-year figures: add lines with period `2024-Q1`, `2024-6M`, `2024-9M`.
3. Run `make check` to check the file, then `make report`: every `*.csv` in
   `data/raw/actuals/` is read into this report.""",
    )

# %%
STATUS_ORDER = (
    "met",
    "not_met",
    "on_track",
    "needs_acceleration",
    "off_track",
    "wrong_direction",
    "no_data",
)


def listed(statuses: tuple[str, ...]) -> str:
    """The targets with these statuses: name (actual; target), in the resolution's order."""
    rows = assessment[assessment["status"].isin(statuses)].sort_values("group", kind="stable")
    names = rows["name_vi" if lang == "vi" else "name_en"]
    return "; ".join(
        f"{safe(names[i])} ({with_unit(table.loc[i, COLUMNS['actual'][lang]], rows.loc[i, 'unit'])}"
        f" / {with_unit(target_text(rows.loc[i], lang), rows.loc[i, 'unit'])})"
        for i in rows.index
    )


if has_results:
    by_group = pd.DataFrame(
        {
            pick(lang, "Nhóm chỉ tiêu", "Group of targets"): [group_title(g) for g in groups],
            pick(lang, "Kết quả nhóm", "Group result"): [
                GROUP_WORDS[group_verdicts.loc[g, "status"]][lang] for g in groups
            ],
            pick(lang, "Số chỉ số", "Figures"): [int(counts.loc[g, "targets"]) for g in groups],
            **{word(s): [int(counts.loc[g, s]) for g in groups] for s in STATUS_ORDER},
        }
    )
    show_table(by_group, pick(lang, "Kết quả theo nhóm chỉ tiêu", "Results by group of targets"))
    missed = listed(("not_met",))
    slipping = listed(("wrong_direction", "off_track", "needs_acceleration"))
    say(
        lang,
        (f"**Không đạt** (thực hiện / mục tiêu): {missed}.\n\n" if missed else "")
        + (
            f"**Cần chú ý trong năm** (đi ngược, chậm, cần tăng tốc): {slipping}."
            if slipping
            else ""
        ),
        (f"**Not met** (actual / target): {missed}.\n\n" if missed else "")
        + (
            "**To watch in the year** (wrong direction, off track, needs acceleration): "
            f"{slipping}."
            if slipping
            else ""
        ),
    )
else:
    listing = assessment.sort_values("group", kind="stable")
    first = ~listing["group"].duplicated()
    show_table(
        pd.DataFrame(
            {
                pick(lang, "Nhóm chỉ tiêu", "Group of targets"): [
                    group_title(g) if f else ""
                    for g, f in zip(listing["group"], first, strict=True)
                ],
                COLUMNS["indicator"][lang]: listing["name_vi" if lang == "vi" else "name_en"],
                COLUMNS["unit"][lang]: [unit_text(u, lang) for u in listing["unit"]],
                COLUMNS["target"][lang]: [
                    target_text(r, lang).replace(" ", "\u00a0") for _, r in listing.iterrows()
                ],
                pick(lang, "Năm 2023", "2023"): [number(b) for b in listing["baseline"]],
            }
        ),
        pick(lang, "Các chỉ tiêu chủ yếu năm 2024", "The main targets for 2024"),
    )

# %%
if has_results:
    say(
        lang,
        f"""### Cách đọc bảng

Cột **{COLUMNS["light"]["vi"]}** ghi kết quả bằng chữ và tô màu: **xanh** – đạt, hoặc đúng tiến độ
(số liệu trong năm đạt từ {number(100 * GREEN)} % tiến độ thời gian); **vàng** – cần tăng tốc, hoặc
không đạt nhưng đã thu hẹp từ {number(100 * AMBER)} % khoảng cách trở lên; **đỏ** – chậm, hoặc
không đạt và thu hẹp dưới {number(100 * AMBER)} %; **đỏ sẫm** – đi ngược (xa mục tiêu hơn năm
2023); **xám** – chưa có số liệu.

**{COLUMNS["gap_closed"]["vi"]}** = (thực hiện − năm 2023) / (mục tiêu − năm 2023): phần khoảng
cách từ năm 2023 tới mục tiêu đã đi được; trên 100 là vượt mục tiêu, âm là đi ngược. Chỉ tiêu
tăng trưởng so trên quy mô GRDP (tăng trưởng thực hiện / tăng trưởng mục tiêu). Ô để trống
(–) khi chưa có số liệu năm 2023 hoặc năm 2023 đã đạt mục tiêu; khi đó đánh giá theo tỷ lệ so
với kế hoạch.""",
        f"""### How to read the tables

Column **{COLUMNS["light"]["en"]}** states the result in words and in colour: **green** – met,
or on track (in-year figures at {number(100 * GREEN)} % or more of the pace the calendar
asks); **amber** – needs acceleration, or not met with {number(100 * AMBER)} % or more of the
gap closed; **red** – off track, or not met with less than {number(100 * AMBER)} % of the gap
closed; **dark red** – wrong direction (further from the target than in 2023); **grey** – no
data.

**{COLUMNS["gap_closed"]["en"]}** = (actual − 2023) / (target − 2023): the share of the
distance from 2023 to the target covered; above 100 the target is exceeded, below 0 the
figure moved away. Growth targets are compared on GRDP levels (actual growth / target
growth). Empty (–) where there is no 2023 figure or 2023 already met the target; the
assessment then uses the ratio to the plan.""",
    )

# %%
LEFT = [COLUMNS[c][lang] for c in ("indicator", "unit", "period", "light", "source")]
TABLE_STYLES = [
    {"selector": "", "props": "border-collapse: collapse; width: 100%; table-layout: fixed;"},
    {"selector": "th, td", "props": "padding: 3px 8px; text-align: right;"},
    {"selector": "th", "props": "border-bottom: 1px solid #444;"},
    {"selector": "td", "props": "border-bottom: 1px solid #ddd;"},
]


#: Column widths (%), the same in every group's table so that the tables line up.
WIDTHS = {
    "indicator": 25,
    "unit": 7,
    "target": 9,
    "period": 9,
    "actual": 9,
    "gap_closed": 10,
    "light": 12,
    "source": 19,
}
ALIGN = {True: "left", False: "right"}
COLUMN_STYLES = {
    COLUMNS[key][lang]: [
        {
            "selector": "th, td",
            "props": f"width: {width}%; text-align: {ALIGN[COLUMNS[key][lang] in LEFT]};",
        }
    ]
    for key, width in WIDTHS.items()
}


def group_table(group: int) -> str:
    """The group's scorecard as escaped HTML: lights coloured and written as words."""
    styler = style_scorecard(assessment[assessment["group"] == group], lang)
    return (
        styler.hide([COLUMNS["group"][lang]], axis="columns")
        .set_uuid(f"scorecard-{lang}-{group}")
        .set_table_attributes(f'class="{TABLE_CLASS}"')
        .set_table_styles(TABLE_STYLES)
        .set_table_styles(COLUMN_STYLES, overwrite=False)
        .set_properties(subset=[COLUMNS["light"][lang]], **{"font-weight": "bold"})
        .to_html()
    )


if has_results:
    say(lang, "## Đánh giá từng chỉ tiêu theo nhóm", "## Each target, by group")
    for g in groups:
        say(lang, f"### {group_title(g)}", f"### {group_title(g)}")
        display(HTML(group_table(g)))

# %%
weights = [w / 100 for w in sc.quarterly_weights]
ytd = ytd_growth(figures)
# The record the required growth is judged against: 2023's single quarters, the fourth implied
# by the year's growth and the weights above (an assumption, not a published figure).
record = reference_quarters(load_series(), weights, year=2023)
view = in_year_view(ytd, growth_target / 100, weights, reference_quarters=record["growth"])
now = view.iloc[-1]
grdp = assessment.set_index("indicator_id").loc["grdp_growth"]
#: In-year periods in a sentence ("Sau 6 tháng" / "After the first half") and in a table.
PERIOD_WORDS = {
    "2024-Q1": ("quý I", "Q1"),
    "2024-6M": ("6 tháng", "the first half"),
    "2024-9M": ("9 tháng", "9 months"),
}
PERIOD_ROWS = {
    "2024-Q1": ("Quý I", "Q1"),
    "2024-6M": ("6 tháng", "First half"),
    "2024-9M": ("9 tháng", "9 months"),
}
weights_text = "; ".join(format_number(w, 1, lang) for w in sc.quarterly_weights)
QUARTER_NAMES = {1: ("I", "Q1"), 2: ("II", "Q2"), 3: ("III", "Q3"), 4: ("IV", "Q4")}
BASIS_WORDS = {
    "published": ("đã công bố", "published"),
    "published_cumulative": ("đã công bố, lũy kế quý I", "published, Q1 year to date"),
    "implied_by_weights": (
        "suy ra từ tăng trưởng cả năm và tỷ trọng quý giả định",
        "implied by the year's growth and the assumed quarterly weights",
    ),
}


def quarter_name(period: str, language: str) -> str:
    """``2023-Q4`` as ``quý IV/2023`` or ``2023 Q4``."""
    year, quarter = period.split("-Q")
    vi, en = QUARTER_NAMES[int(quarter)]
    return f"quý {vi}/{year}" if language == "vi" else f"{year} {en}"


def record_text(language: str) -> str:
    """The record's quarters with how each is known: ``quý I/2023 8,40 % (đã công bố); ...``."""
    return "; ".join(
        f"{quarter_name(p, language)} {pct(row['growth'], 2, language)} "
        f"({BASIS_WORDS[row['basis']][0 if language == 'vi' else 1]})"
        for p, row in record.iterrows()
    )


target_pct = format_percent(growth_target, 1, lang)

final = grdp["period"] == "2024"
if final:
    year_vi = (
        f"Kết quả cả năm 2024: GRDP tăng **{format_percent(grdp['actual'], 2, 'vi')}** (mục tiêu "
        f"{format_percent(growth_target, 1, 'vi')}): **{STATUS_WORDS[grdp['status']]['vi']}**, "
        f"đã thu hẹp {pct(grdp['gap_closed'], 1, 'vi')} khoảng cách. Bảng dưới cho biết, tại "
        "mỗi kỳ trong năm, các quý còn lại đã cần tăng bao nhiêu.\n\n"
    )
    year_en = (
        f"The year's result: GRDP grew **{format_percent(grdp['actual'], 2, 'en')}** (target "
        f"{format_percent(growth_target, 1, 'en')}): **{STATUS_WORDS[grdp['status']]['en']}**, "
        f"with {pct(grdp['gap_closed'], 1, 'en')} of the gap closed. The table shows what the "
        "remaining quarters needed at each point of the year.\n\n"
    )
else:
    year_vi = year_en = ""
need_vi, need_en = ("khi đó cần", "then needed") if final else ("cần", "needs")

if ytd.empty:
    say(
        lang,
        f"""## Tăng trưởng GRDP trong năm

{year_vi}Chưa có số liệu tăng trưởng GRDP lũy kế năm 2024 (kỳ `2024-Q1`, `2024-6M`, `2024-9M`).
Để cả năm đạt {target_pct}, mỗi quý cần tăng **{pct(now["required_growth"], 2, "vi")}** so với
cùng kỳ năm 2023.""",
        f"""## GRDP growth in the year

{year_en}No 2024 year-to-date GRDP growth recorded (periods `2024-Q1`, `2024-6M`, `2024-9M`).
For {target_pct} in the year, each quarter needs **{pct(now["required_growth"], 2, "en")}** on
the same quarter of 2023.""",
    )
else:
    best = now["best_quarter_so_far"]
    ref_vi = (
        f"{quarter_name(now['reference_best_period'], 'vi')}: {pct(now['reference_best'], 2, 'vi')}"
    )
    ref_en = (
        f"{quarter_name(now['reference_best_period'], 'en')}: {pct(now['reference_best'], 2, 'en')}"
    )
    above_vi = f"cao hơn mọi quý năm nay ({pct(best, 2, 'vi')}) và " if math.isfinite(best) else ""
    above_en = (
        f"above every quarter so far ({pct(best, 2, 'en')}) and " if math.isfinite(best) else ""
    )
    judged_vi, judged_en = {
        "within_this_year": (
            f"không vượt quý tốt nhất năm nay ({pct(best, 2, 'vi')}): khả thi",
            f"no more than the best quarter so far ({pct(best, 2, 'en')}): plausible",
        ),
        "within_reference": (
            f"{above_vi}không vượt quý cao nhất năm 2023 ({ref_vi}): khó",
            f"{above_en}within 2023's best quarter ({ref_en}): stretching",
        ),
        "beyond_reference": (
            f"{above_vi}cao hơn mọi quý năm 2023 (cao nhất {ref_vi}): khó khả thi",
            f"{above_en}above every quarter of 2023 (the best, {ref_en}): implausible",
        ),
    }[now["verdict"]]
    vi_p, en_p = PERIOD_WORDS[now["period"]]
    single = now["quarter_growth"]
    single_vi = f" (riêng quý vừa qua {pct(single, 2, 'vi')})" if math.isfinite(single) else ""
    single_en = f" (the last quarter alone {pct(single, 2, 'en')})" if math.isfinite(single) else ""
    say(
        lang,
        f"""## Tăng trưởng GRDP trong năm

{year_vi}Sau {vi_p}, GRDP tăng **{pct(now["ytd_growth"], 2, "vi")}** so cùng kỳ{single_vi}. Để cả
năm đạt {target_pct}, mỗi quý còn lại {need_vi} tăng **{pct(now["required_growth"], 2, "vi")}**
so cùng kỳ: {judged_vi}. Tỷ trọng GRDP các quý năm 2023 dùng để tính (theo
{safe(sc.label_in("vi"))}): {weights_text} %. Các quý năm 2023 dùng làm mốc so sánh:
{record_text("vi")}.""",
        f"""## GRDP growth in the year

{year_en}After {en_p}, GRDP grew **{pct(now["ytd_growth"], 2, "en")}** on the same period of
2023{single_en}. For {target_pct} in the year, each remaining quarter {need_en}
**{pct(now["required_growth"], 2, "en")}** year on year: {judged_en}. Quarterly weights of 2023
GRDP used (scenario: {safe(sc.label_in("en"))}): {weights_text} %. The quarters of 2023 the
requirement is compared with: {record_text("en")}.""",
    )

# %%
VERDICT_WORDS = {
    "within_this_year": ("Khả thi: không vượt quý tốt nhất năm nay", "Plausible: within this year"),
    "within_reference": (
        "Khó: chỉ trong mức quý cao nhất 2023",
        "Stretching: only within 2023's best quarter",
    ),
    "beyond_reference": ("Khó khả thi: vượt quý cao nhất 2023", "Implausible: above 2023's best"),
}
if not ytd.empty:
    show_table(
        pd.DataFrame(
            {
                COLUMNS["period"][lang]: [
                    pick(lang, *PERIOD_ROWS[p])
                    if isinstance(p, str)
                    else pick(lang, "Đầu năm", "Start of year")
                    for p in view["period"]
                ],
                pick(lang, "Lũy kế so cùng kỳ", "Year to date, y/y"): [
                    pct(v) for v in view["ytd_growth"]
                ],
                pick(lang, "Quý vừa qua", "Last quarter"): [pct(v) for v in view["quarter_growth"]],
                pick(lang, "Quý cao nhất năm nay", "Best quarter so far"): [
                    pct(v) for v in view["best_quarter_so_far"]
                ],
                pick(lang, "Mỗi quý còn lại cần", "Each remaining quarter needs"): [
                    pct(v) for v in view["required_growth"]
                ],
                pick(lang, "Đánh giá", "Assessment"): [
                    pick(lang, *VERDICT_WORDS[v]) for v in view["verdict"]
                ],
            }
        ),
        pick(
            lang,
            f"Tăng trưởng các quý còn lại cần đạt để cả năm tăng {target_pct}",
            f"Growth the remaining quarters need for {target_pct} in the year",
        ),
    )
    done = view[view["quarters_done"] > 0].set_index("quarters_done")
    k = int(done.index.max())
    quarter_no = range(1, k + 1)
    show_figure(
        in_year_chart(
            [100 * done["quarter_growth"].get(q, math.nan) for q in quarter_no],
            [100 * done["ytd_growth"].get(q, math.nan) for q in quarter_no],
            100 * float(now["required_growth"]),
            growth_target,
            100 * float(now["reference_best"]),
            lang,
        )
    )

# %%
if has_results:
    files = figures.groupby("file", sort=True)
    show_table(
        pd.DataFrame(
            {
                pick(lang, "Tệp số liệu", "File"): [shown_path(Path(f)) for f in files.groups],
                pick(lang, "Số liệu", "Figures"): [str(len(g)) for _, g in files],
                pick(lang, "Trong đó ước tính", "Of which estimates"): [
                    str(int((g["kind"] == "estimate").sum())) for _, g in files
                ],
                pick(lang, "Công bố đến ngày", "Published up to"): [
                    date_text(g["as_of"].max()) for _, g in files
                ],
            }
        ),
        pick(lang, "Nguồn số liệu thực hiện", "Sources of the actual results"),
    )
    say(
        lang,
        "Mỗi chỉ tiêu được đánh giá theo số liệu của kỳ mới nhất; trong cùng kỳ, theo lần công bố "
        "mới nhất. Nguồn của từng số liệu ghi ở cột `source` của tệp.",
        "Each target is judged on its latest period's figure and, within it, the latest "
        "publication. Each figure's source is in the file's `source` column.",
    )
