"""What a run of the scorecard found, in sentences: the overview of results and the watch list.

Presentation layer for notebook 06: takes the assessment of
:func:`analysis.economics.scorecard.assess` and the actual figures of :mod:`analysis.data.actuals`
and writes Markdown in the report's language: the section that opens the scorecard (its headline,
what was compared, the counts by group, by figure and in the year) and the targets missed or to
watch. The fixed explanations (how a group is judged, how to read the tables) are in
:mod:`analysis.report.scorecard_notes`; the tables in :mod:`analysis.report.scorecard_page`; the
in-year GRDP section in :mod:`analysis.report.in_year_growth`. The plan year comes in as an
argument (the plan pack's), never written here.
"""

from __future__ import annotations

import pandas as pd

from analysis.economics.scorecard import summary
from analysis.report.labels import check_lang
from analysis.report.scorecard_notes import GROUP_RULE
from analysis.report.scorecard_page import IN_YEAR_WATCH, date_text, group_counts, listed_targets
from analysis.report.scorecard_view import headline_text

_OVERVIEW: dict[str, str] = {
    "vi": """\
## {headline}

Đối chiếu {n_groups} chỉ tiêu chủ yếu năm {year} của Nghị quyết ({targets} chỉ số) với
{n_figures} số liệu thực hiện ({n_files} tệp, công bố đến ngày {latest}):

- theo nhóm chỉ tiêu: **đạt {groups_met}/{n_groups}**, không đạt {groups_not_met}, chưa đủ kết
  quả cả năm {groups_open} (đủ số liệu cả năm: {groups_complete}/{n_groups} nhóm);
- theo chỉ số: **đạt: {met}**; **không đạt: {not_met}** (kết quả cả năm {year});
- theo số liệu trong năm: đúng tiến độ {on_track}, cần tăng tốc
  {needs_acceleration}, chậm {off_track}, đi ngược {wrong_direction};
- chưa có số liệu: {no_data}.

{rule}""",
    "en": """\
## {headline}

The resolution's {n_groups} main targets for {year} ({targets} figures) against
{n_figures} actual figures ({files}, published up to {latest}):

- by group of targets: **met {groups_met} of {n_groups}**, not met {groups_not_met}, awaiting
  the year's results {groups_open} (full year's data for {groups_complete} of {n_groups}
  groups);
- by figure: **met: {met}**; **not met: {not_met}** (results of the year {year});
- from in-year figures: on track {on_track}, needs acceleration
  {needs_acceleration}, off track {off_track}, wrong direction
  {wrong_direction};
- no data: {no_data}.

{rule}""",
}

#: The lead-in of each list: the targets not met, the in-year figures to watch.
_LISTS: dict[str, tuple[str, str]] = {
    "vi": (
        "**Không đạt** (thực hiện / mục tiêu): ",
        "**Cần chú ý trong năm** (đi ngược, chậm, cần tăng tốc): ",
    ),
    "en": (
        "**Not met** (actual / target): ",
        "**To watch in the year** (wrong direction, off track, needs acceleration): ",
    ),
}


def files_text(n_files: int, lang: str = "vi") -> str:
    """How many actuals files: ``1 tệp``, ``2 tệp`` / ``1 file``, ``2 files``."""
    if check_lang(lang) == "vi":
        return f"{n_files} tệp"
    return f"{n_files} file" + ("s" if n_files > 1 else "")


def results_overview(
    assessment: pd.DataFrame, figures: pd.DataFrame, year: int, lang: str = "vi"
) -> str:
    """The section that opens the scorecard once results are in.

    Its headline (:func:`analysis.report.scorecard_view.headline_text`), what was compared (the
    groups, figures, files and the latest publication), the counts by group of targets, by
    figure (results of the year) and from in-year figures, then how a group is judged
    (:data:`analysis.report.scorecard_notes.GROUP_RULE`).

    Parameters
    ----------
    assessment : pandas.DataFrame
        :func:`analysis.economics.scorecard.assess` of the targets and ``figures``.
    figures : pandas.DataFrame
        The actual figures read (columns ``file`` and ``as_of``), not empty.
    year : int
        The plan year (:attr:`analysis.data.plans.Plan.plan_year`).
    """
    lang = check_lang(lang)
    total = {key: int(n) for key, n in summary(assessment).loc["all"].items()}
    groups = group_counts(assessment)
    n_files = int(figures["file"].nunique())
    return _OVERVIEW[lang].format(
        headline=headline_text(assessment, lang),
        year=year,
        n_figures=len(figures),
        n_files=n_files,
        files=files_text(n_files, lang),
        latest=date_text(figures["as_of"].max(), lang),
        n_groups=groups.groups,
        groups_met=groups.met,
        groups_not_met=groups.not_met,
        groups_open=groups.open,
        groups_complete=groups.complete,
        rule=GROUP_RULE[lang],
        **total,
    )


def watch_text(assessment: pd.DataFrame, lang: str = "vi") -> str:
    """The targets not met and the in-year figures to watch, each list a paragraph.

    ``**Không đạt** (thực hiện / mục tiêu): ...`` then ``**Cần chú ý trong năm** ...``
    (:func:`analysis.report.scorecard_page.listed_targets`); a list with no target is left
    out, so the text is empty when nothing is missed or slipping.
    """
    missed_words, watch_words = _LISTS[check_lang(lang)]
    missed = listed_targets(assessment, ("not_met",), lang)
    slipping = listed_targets(assessment, IN_YEAR_WATCH, lang)
    return (f"{missed_words}{missed}.\n\n" if missed else "") + (
        f"{watch_words}{slipping}." if slipping else ""
    )
