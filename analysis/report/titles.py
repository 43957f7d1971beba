"""The reports' titles, one language at a time, with the plan's year.

A report notebook shows its title as its first output (:func:`analysis.report.display.show_title`)
and the runner names its pages and the index with the same words (:func:`report_title`), so a
title never differs between the page, its browser tab and the index. Titles are keyed by the
notebook's name without its two-digit number (``01_grdp_trajectory`` → ``grdp_trajectory``).
"""

from __future__ import annotations

import re

from analysis.report.labels import check_lang

REPORT_TITLES: dict[str, dict[str, str]] = {
    "summary": {"vi": "Tóm tắt kế hoạch năm {year}", "en": "Summary of the {year} plan"},
    "grdp_trajectory": {"vi": "Quỹ đạo GRDP năm {year}", "en": "GRDP trajectory, {year}"},
    "structural_shift": {
        "vi": "Chuyển dịch cơ cấu kinh tế năm {year}",
        "en": "Structural shift of the economy, {year}",
    },
    "target_consistency": {
        "vi": "Tính nhất quán của các chỉ tiêu năm {year}",
        "en": "Consistency of the {year} targets",
    },
    "scenario_comparison": {
        "vi": "So sánh các kịch bản năm {year}",
        "en": "Scenario comparison, {year}",
    },
    "uncertainty": {
        "vi": "Độ bất định và khả năng đạt các mục tiêu năm {year}",
        "en": "Uncertainty and the odds of the {year} targets",
    },
    "scorecard": {
        "vi": "Đánh giá thực hiện các chỉ tiêu năm {year}",
        "en": "Scorecard of the {year} targets",
    },
    "plan_outturn": {
        "vi": "Kế hoạch và kết quả thực hiện năm {year}",
        "en": "Plan against outturn, {year}",
    },
}
"""Each report's title in Vietnamese and English; ``{year}`` is the plan year."""

_NUMBERED = re.compile(r"^\d{2}_")


def report_key(notebook_stem: str) -> str:
    """The title key of a notebook: its name without the two-digit number."""
    return _NUMBERED.sub("", notebook_stem)


def has_title(notebook_stem: str) -> bool:
    """Whether the notebook is one of the reports with a title here."""
    return report_key(notebook_stem) in REPORT_TITLES


def report_title(notebook_stem: str, year: int, lang: str = "vi") -> str:
    """The title of a report (by notebook name or key) for the plan ``year`` in ``lang``.

    >>> report_title("01_grdp_trajectory", 2025, "vi")
    'Quỹ đạo GRDP năm 2025'

    Raises
    ------
    KeyError
        The notebook is not one of the project's reports.
    """
    words = REPORT_TITLES[report_key(notebook_stem)]
    return words[check_lang(lang)].format(year=int(year))


PROVINCE = {"vi": "Tỉnh {name}", "en": "{name} province"}
"""The province as the title block of every page names it."""


def masthead(province: str, document: str, lang: str = "vi") -> dict[str, str]:
    """The title block above every leadership page: the province and the resolution's title.

    >>> masthead("Bắc Giang", "Nghị quyết ...", "vi")["province"]
    'Tỉnh Bắc Giang'
    """
    return {"province": PROVINCE[check_lang(lang)].format(name=province), "document": document}
