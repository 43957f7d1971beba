"""The scorecard's fixed explanations: how to read it, how a group is judged, how to add results.

Texts that explain the package's own rules live beside the rules rather than in the notebook:
the thresholds of the lights (:data:`analysis.economics.scorecard_measures.GREEN` and
``AMBER``), the rule that judges a group (:func:`analysis.economics.scorecard.group_results`),
which figure of a target is used (:func:`analysis.economics.scorecard.assess`), and the actuals
file's columns, periods and commands (:mod:`analysis.data.actuals`). The tests check that each
text states the rule the code applies, so a rule changed without its explanation fails there.
The texts that state what a run found are in :mod:`analysis.report.scorecard_findings`.

Each text is Markdown in one language (``vi`` or ``en``); figures are formatted in that language.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from analysis.data.plan_spec import plan_year_of
from analysis.data.tables import pack_file
from analysis.economics.periods import plan_periods
from analysis.economics.scorecard_measures import AMBER, GREEN
from analysis.report.display import safe
from analysis.report.labels import check_lang
from analysis.report.scorecard_page import shown_path
from analysis.report.scorecard_view import COLUMNS, figure_text

#: How a group of targets is judged (:func:`analysis.economics.scorecard.group_results`).
GROUP_RULE: dict[str, str] = {
    "vi": """\
Một nhóm chỉ tiêu (một mục của Nghị quyết) đạt khi mọi chỉ số của nhóm có kết quả cả năm và
đều đạt; không đạt khi có một chỉ số không đạt; còn lại là chưa đủ kết quả cả năm. Số liệu
trong năm không làm đủ một nhóm.""",
    "en": """\
A group of targets (one item of the resolution) is met when every figure in it has the year's
result and all are met; not met as soon as one of them is not met; otherwise it awaits the
year's results. In-year figures do not complete a group.""",
}

#: Which figure of a target is judged (:func:`analysis.economics.scorecard.assess`).
LATEST_FIGURE_RULE: dict[str, str] = {
    "vi": "Mỗi chỉ tiêu được đánh giá theo số liệu của kỳ mới nhất; trong cùng kỳ, theo lần "
    "công bố mới nhất. Nguồn của từng số liệu ghi ở cột `source` của tệp.",
    "en": "Each target is judged on its latest period's figure and, within it, the latest "
    "publication. Each figure's source is in the file's `source` column.",
}

_READING_GUIDE: dict[str, str] = {
    "vi": """### Cách đọc bảng

Cột **{light}** ghi kết quả bằng chữ và tô màu: **xanh** – đạt, hoặc đúng tiến độ
(số liệu trong năm đạt từ {green} % tiến độ thời gian); **vàng** – cần tăng tốc, hoặc
không đạt nhưng đã thu hẹp từ {amber} % khoảng cách trở lên; **đỏ** – chậm, hoặc
không đạt và thu hẹp dưới {amber} %; **đỏ sẫm** – đi ngược (xa mục tiêu hơn năm
{base}); **xám** – chưa có số liệu.

**{gap}** = (thực hiện − năm {base}) / (mục tiêu − năm {base}): phần khoảng
cách từ năm {base} tới mục tiêu đã đi được; trên 100 là vượt mục tiêu, âm là đi ngược. Chỉ tiêu
tăng trưởng so trên quy mô GRDP (tăng trưởng thực hiện / tăng trưởng mục tiêu). Ô để trống
(–) khi chưa có số liệu năm {base}, khi năm {base} đã đạt mục tiêu, hoặc khi số liệu là số lũy
kế từ đầu năm của chỉ tiêu thực hiện dần trong năm (một phần năm không so với cả năm {base});
khi đó đánh giá theo tỷ lệ so với kế hoạch (số liệu trong năm: so với thời gian đã qua).""",
    "en": """### How to read the tables

Column **{light}** states the result in words and in colour: **green** – met,
or on track (in-year figures at {green} % or more of the pace the calendar
asks); **amber** – needs acceleration, or not met with {amber} % or more of the
gap closed; **red** – off track, or not met with less than {amber} % of the gap
closed; **dark red** – wrong direction (further from the target than in {base}); **grey** – no
data.

**{gap}** = (actual − {base}) / (target − {base}): the share of the
distance from {base} to the target covered; above 100 the target is exceeded, below 0 the
figure moved away. Growth targets are compared on GRDP levels (actual growth / target
growth). Empty (–) where there is no {base} figure, where {base} already met the target, or
where the figure is a year-to-date amount of a target built up over the year (part of a year is
not compared with the whole of {base}); the assessment then uses the ratio to the plan (for
in-year figures, against the share of the year elapsed).""",
}

_NO_ACTUALS: dict[str, str] = {
    "vi": """## Chưa có số liệu thực hiện

Chưa có số liệu thực hiện nào ({where}: không có tệp hoặc tệp chưa điền).
Dưới đây chỉ liệt kê {n_targets} chỉ tiêu chủ yếu năm {year} của Nghị quyết theo
{n_groups} nhóm; chưa đánh giá chỉ tiêu nào.

Để có bảng đánh giá:

1. Chạy `python -m analysis actuals-template`: tạo tệp `{folder}/{file}`
   liệt kê mọi chỉ tiêu (kỳ `{year}`, cột `value` để trống).
2. Điền số liệu đã công bố: `value` (đơn vị như của chỉ tiêu, dấu chấm thập phân), `kind`
   (`estimate`: ước tính, `actual`: chính thức), `as_of` (ngày công bố, YYYY-MM-DD) và
   `source` (văn bản, mục). Số liệu trong năm: thêm dòng với kỳ `{q1}`, `{h1}`,
   `{m9}`.
3. Chạy `make check` để kiểm tra tệp, rồi `make report`: mọi tệp `*.csv` trong
   `{folder}/` được đưa vào báo cáo này.""",
    "en": """## No actual results yet

No actual results were found ({where}: no file, or no value filled in).
Below are the resolution's {n_targets} main targets for {year} in their {n_groups}
groups; none is assessed.

To get the scorecard:

1. Run `python -m analysis actuals-template`: it writes `{folder}/{file}`
   listing every target (period `{year}`, column `value` empty).
2. Fill in the published figures: `value` (in the target's unit, decimal point), `kind`
   (`estimate` or `actual`), `as_of` (publication date, YYYY-MM-DD) and `source` (document
   and item). In-year figures: add lines with period `{q1}`, `{h1}`, `{m9}`.
3. Run `make check` to check the file, then `make report`: every `*.csv` in
   `{folder}/` is read into this report.""",
}


def _periods(periods: Sequence[str] | None) -> Sequence[str]:
    """The periods given, or those of the default plan pack's year."""
    return periods if periods is not None else plan_periods(plan_year_of(None))


def template_file_name(periods: Sequence[str] | None = None) -> str:
    """The file ``python -m analysis actuals-template`` writes: ``actuals_<year>.csv``."""
    return f"actuals_{_periods(periods)[-1]}.csv"


def reading_guide(base_year: int, lang: str = "vi") -> str:
    """How to read the scorecard: the lights in words and colours, and the gap closed.

    ``base_year`` is the year the gap is measured from (the resolution's last results).
    """
    lang = check_lang(lang)
    return _READING_GUIDE[lang].format(
        light=COLUMNS["light"][lang],
        gap=COLUMNS["gap_closed"][lang],
        green=figure_text(100 * GREEN, lang),
        amber=figure_text(100 * AMBER, lang),
        base=base_year,
    )


def no_actuals_text(
    source: Path | str,
    n_targets: int,
    n_groups: int,
    lang: str = "vi",
    periods: Sequence[str] | None = None,
    plan: object = None,
) -> str:
    """The section shown before any result is in: where none was found, and how to add them.

    Parameters
    ----------
    source : path-like
        Where actual results were looked for (a file or folder), shown relative to the project.
    n_targets, n_groups : int
        The targets listed below the text, and their groups.
    periods : sequence of str
        The actuals' periods, in-year first and the year last (default: the default plan
        pack's, :attr:`analysis.data.plans.Plan.periods`).
    plan : plan id, Plan or None
        The pack whose ``actuals/`` folder the text names (default: the default pack).
    """
    lang = check_lang(lang)
    periods = _periods(periods)
    q1, h1, m9 = periods[:-1]
    folder = shown_path(pack_file(plan, "actuals"))
    return _NO_ACTUALS[lang].format(
        folder=safe(folder),
        where=safe(shown_path(source)),
        n_targets=n_targets,
        n_groups=n_groups,
        year=periods[-1],
        file=template_file_name(periods),
        q1=q1,
        h1=h1,
        m9=m9,
    )
