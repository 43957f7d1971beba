"""The note a report carries when it uses a figure outside its plausible range.

``python -m analysis check`` and ``run`` refuse a scenario or an actual result outside its
plausible range (:mod:`analysis.outlook.plausibility`) unless ``--allow-implausible`` lets it
through. Planners must then see it on every report that uses it: each notebook checks the
figures it reads (its scenario or scenarios, or the actual results for the scorecard) and
:func:`show_plausibility_note` puts this note under its title; the run's index lists the same
figures from the manifest (:func:`note_items`). Without such a figure nothing is shown, so a
report of plausible inputs is unchanged.

Each text is in one language (``vi`` or ``en``), numbers in that language's format.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.data import paths
from analysis.data.scenarios import Scenario
from analysis.economics.plausibility import shown_value
from analysis.outlook.plausibility import ALLOW_OPTION, Implausible, plan_implausible
from analysis.report.labels import check_lang, format_number, label, period_label

RECORD_WORDS: dict[str, dict[str, str]] = {
    "growth": {
        "vi": "tăng trưởng GRDP thực tế của tỉnh đã công bố",
        "en": "the province's published real GRDP growth",
    },
    "sector_growth": {
        "vi": "tăng trưởng đã công bố của khu vực",
        "en": "the province's published real growth of",
    },
    "deflator": {
        "vi": "chỉ số giảm phát GRDP của cả nước và của tỉnh",
        "en": "the national and provincial GRDP deflators",
    },
    "depreciation": {
        "vi": "biến động tỷ giá VND/USD của cả nước",
        "en": "the national VND per USD rate's changes",
    },
    "population_growth": {
        "vi": "tăng dân số của tỉnh đã công bố",
        "en": "the province's published population growth",
    },
}
"""The record each range of a scenario comes from, in words (the sector's name follows
``sector_growth``)."""

TEXTS: dict[str, dict[str, str]] = {
    "heading": {
        "vi": "Lưu ý: số liệu ngoài khoảng hợp lý",
        "en": "Note: figures outside their plausible range",
    },
    "lead": {
        "vi": "Báo cáo này dùng số liệu nằm ngoài khoảng hợp lý tính từ số liệu đã công bố. "
        "Lệnh kiểm tra từ chối các số liệu này, trừ khi được cho qua bằng tùy chọn "
        "`{option}`. Đề nghị kiểm tra lại trước khi sử dụng kết quả.",
        "en": "This report uses figures outside the plausible range derived from the "
        "published record. The checks refuse them unless `{option}` lets them through. "
        "Check them before using the results.",
    },
    "index_lead": {
        "vi": "Lần chạy này cho qua các số liệu ngoài khoảng hợp lý sau (tùy chọn {option}); "
        "các báo cáo dùng chúng có ghi chú.",
        "en": "This run let the following figures outside their plausible range through "
        "({option}); the reports using them carry a note.",
    },
    "range": {"vi": "khoảng hợp lý từ {low} đến {high}", "en": "plausible range {low} to {high}"},
    "field": {"vi": "mục", "en": "field"},
    "line": {"vi": "dòng", "en": "line"},
    "meant": {"vi": "có lẽ định ghi", "en": "probably meant"},
    "times": {"vi": "gấp {ratio} lần", "en": "{ratio} times"},
    "baseline": {"vi": "số năm cơ sở", "en": "the baseline"},
    "target": {"vi": "mục tiêu", "en": "the target"},
}
"""The note's words in each language."""


def _as_finding(item: Implausible | Mapping[str, Any]) -> Implausible:
    return item if isinstance(item, Implausible) else Implausible(**dict(item))


def _figure(value: float, lang: str) -> str:
    """A figure as written (``0,152``; ``44.000``) in the language's format."""
    written = shown_value(value, decimals=None)
    decimals = len(written.partition(".")[2]) if "e" not in written else 6
    return format_number(value, decimals, lang)


def _ratio(value: float, lang: str) -> str:
    """A ratio to three significant digits: ``11,1``; ``100``; ``0,0104``."""
    written = f"{value:.3g}"
    decimals = len(written.partition(".")[2]) if "e" not in written else 4
    return format_number(value, decimals, lang)


def _bound(value: float, lang: str) -> str:
    """A computed bound: whole from 1,000 up, else to two decimals without trailing zeros."""
    if abs(value) >= 1000:
        return format_number(value, 0, lang)
    text = format_number(value, 2, lang)
    return text.rstrip("0").rstrip(",.") if text[-3] in ",." else text


def _unit(unit: str, lang: str) -> str:
    text = label(unit, lang) if unit not in ("%", "% growth") else "%"
    return f" {text}" if text else ""


def _shown_file(file: str) -> str:
    try:
        return str(Path(file).resolve().relative_to(paths.ROOT))
    except ValueError:
        return file


def _basis(found: Implausible, lang: str) -> str:
    unit = _unit(found.unit, lang)
    if found.ratio is not None and found.reference is not None:
        ratio = TEXTS["times"][lang].format(ratio=_ratio(found.ratio, lang))
        reference = f"{_figure(found.reference, lang)}{unit}"
        return f"{ratio} {TEXTS[found.record][lang]} {reference}"
    if lang == "en":
        return found.basis
    key, _, sector = found.record.partition(".")
    words = RECORD_WORDS.get(key, {}).get(lang, found.record)
    return f"{words} {label(sector, lang)}".strip() if sector else words


def note_items(found: Iterable[Implausible | Mapping[str, Any]], lang: str = "vi") -> list[str]:
    """One plain-text line per figure: file, field, value, plausible range, basis, the value
    probably meant.

    Parameters
    ----------
    found : iterable of Implausible or mapping
        :func:`analysis.outlook.plausibility.implausible_figures`, or their manifest records
        (:meth:`~analysis.outlook.plausibility.Implausible.as_record`).
    lang : {"vi", "en"}
    """
    lang = check_lang(lang)
    lines = []
    for item in found:
        f = _as_finding(item)
        unit = _unit(f.unit, lang)
        where = f"{TEXTS['field'][lang]} {f.field}"
        if f.indicator is not None:
            where = f"{f.indicator} ({period_label(str(f.period), lang)})"
            if f.line is not None:
                where = f"{TEXTS['line'][lang]} {f.line}, {where}"
        line = (
            f"{_shown_file(f.file)}, {where}: "
            f"{_figure(f.value, lang)}{unit}; "
            + TEXTS["range"][lang].format(low=_bound(f.low, lang), high=_bound(f.high, lang))
            + f"{unit} ({_basis(f, lang)})"
        )
        if f.intended is not None:
            line += f"; {TEXTS['meant'][lang]} {_figure(f.intended, lang)}{unit}"
        lines.append(line + ".")
    return lines


def plausibility_note(found: Sequence[Implausible | Mapping[str, Any]], lang: str = "vi") -> str:
    """The note as Markdown (every line from the files escaped); empty without findings."""
    from analysis.report.display import safe  # with matplotlib: not for the runner's index

    lang = check_lang(lang)
    if not found:
        return ""
    lead = TEXTS["lead"][lang].format(option=ALLOW_OPTION)
    items = "\n".join(f"> - {safe(line)}" for line in note_items(found, lang))
    return f"> **{TEXTS['heading'][lang]}.** {lead}\n>\n{items}\n"


def index_note(records: Sequence[Mapping[str, Any]], lang: str = "vi") -> dict[str, Any] | None:
    """What the run's index shows of the figures let through: heading, lead and items (plain
    text; the template escapes), or None when there are none."""
    lang = check_lang(lang)
    if not records:
        return None
    return {
        "heading": TEXTS["heading"][lang],
        "lead": TEXTS["index_lead"][lang].format(option=ALLOW_OPTION),
        "items": note_items(records, lang),
    }


def show_plausibility_note(
    plan: Any,
    scenarios: Sequence[Scenario] = (),
    actuals: pd.DataFrame | None = None,
    lang: str = "vi",
) -> None:
    """Show :func:`plausibility_note` for the figures a report reads, when any is implausible.

    Parameters
    ----------
    plan : Plan
        :func:`analysis.load_plan`: the record and the targets.
    scenarios : sequence of Scenario
        The scenarios the report uses.
    actuals : DataFrame, optional
        The actual results the report uses (the scorecard).
    lang : {"vi", "en"}
    """
    from analysis.report.display import show_markdown

    found = plan_implausible(plan, scenarios, actuals)
    if found:
        show_markdown(plausibility_note(found, lang))
