"""The run's ``index.html``: every report, each scenario's label and headline figures, the data.

The page is rendered from ``analysis/report/templates/run_index.html.j2`` (every value
escaped); this module gathers what it shows from the run: the once-per-run reports, then one
row per scenario (the resolution's own first), with links to PDF copies when they were printed.
"""

from __future__ import annotations

import importlib
import re
import threading
from pathlib import Path
from typing import Any

import pandas as pd
from markupsafe import Markup

from analysis.data.scenarios import Scenario
from analysis.report.labels import format_quantity, label
from analysis.report.plausibility_note import index_note
from analysis.report.templating import render
from analysis.run.conventions import (
    INDEX_FILE,
    MANIFEST_FILE,
    RESULTS_FILE,
    SUMMARY_FILE,
    WORKBOOK_FILE,
)
from analysis.run.jobs import Run, is_once_per_run, is_summary, notebook_title, run_masthead

TEMPLATE = "run_index.html.j2"
"""The page's template in ``analysis/report/templates/``."""

HEADLINES: tuple[tuple[str, str, int], ...] = (
    ("grdp_growth", "real_growth", 2),
    ("grdp_deflator_growth", "deflator", 2),
    ("grdp_current_prices", "grdp_nominal", 1),
    ("grdp_per_capita_usd", "per_capita", 0),
)
"""Figures shown beside each scenario in ``index.html``: (variable, label key of
:mod:`analysis.report.labels`, decimals), read for the plan year from the scenario's results."""

TEXTS = {
    "title": {"vi": "Báo cáo kịch bản năm {year}", "en": "{year} scenario reports"},
    "run": {"vi": "Lần chạy", "en": "Run"},
    "comparison": {
        "vi": "So sánh các kịch bản và đánh giá thực hiện",
        "en": "Scenario comparison and scorecard",
    },
    "scenario": {"vi": "Kịch bản", "en": "Scenario"},
    "reports": {"vi": "Báo cáo", "en": "Reports"},
    "figures": {"vi": "Số liệu chính", "en": "Headline figures"},
    "data": {"vi": "Số liệu (CSV)", "en": "Data (CSV)"},
    "workbook": {
        "vi": "Bảng tính cho các sở, ngành (xlsx)",
        "en": "Workbook for departments (xlsx)",
    },
    "manifest": {"vi": "Thông tin lần chạy (JSON)", "en": "Run manifest (JSON)"},
    "summary": {"vi": "Tóm tắt", "en": "Summary"},
    "summary_page": {"vi": "Trang tóm tắt, có biểu đồ", "en": "The summary page, with its chart"},
}
"""The page's words in each language."""


def write_index(run: Run, tables: dict[str, pd.DataFrame]) -> Path:
    """Write ``index.html``: every report, scenario labels and headline figures (all escaped).

    Parameters
    ----------
    run : Run
        The run, its staging folder holding the reports already made.
    tables : dict
        Scenario name -> its results table (for the headline figures).

    Returns
    -------
    Path
        The page written.
    """
    target = run.staging / INDEX_FILE
    target.write_text(render(TEMPLATE, **index_context(run, tables)), encoding="utf-8")
    return target


def index_context(run: Run, tables: dict[str, pd.DataFrame]) -> dict[str, Any]:
    """What the index template shows, as plain data (text unescaped: the template escapes)."""
    lang = run.lang
    texts = {key: words[lang] for key, words in TEXTS.items()}
    texts["title"] = texts["title"].format(year=run.plan.plan_year)
    once = [nb for nb in run.notebooks if is_once_per_run(nb) and not is_summary(nb)]
    summaries = [nb for nb in run.notebooks if is_summary(nb)]
    # the resolution's own scenario first, then the others in name order
    ordered = sorted(run.scenarios, key=lambda s: s.name != run.plan.default_scenario)
    return {
        "lang": lang,
        "title": f"{texts['title']} · {texts['run']} {readable_stamp(run.stamp, lang)}",
        "texts": texts,
        "once_per_run": [_report(run, nb.stem, _title(run, nb)) for nb in once],
        "scenarios": [_scenario_row(run, s, tables.get(s.name)) for s in ordered],
        "files": [(WORKBOOK_FILE, texts["workbook"]), (MANIFEST_FILE, texts["manifest"])],
        "implausible": index_note(run.implausible, lang),
        "masthead": run_masthead(run),
        "summary": summary_section(run, summaries[0]) if summaries else None,
    }


MARKDOWN_RENDERER = "nbconvert.filters.markdown_mistune"
"""The module of nbconvert's Markdown renderer, which the index renders the summary with."""


def import_renderer_meanwhile() -> threading.Thread:
    """Import :data:`MARKDOWN_RENDERER` (nbconvert, half a second) in a thread of its own, so
    that the index, written once the notebooks are done, does not wait for it (the runner
    starts it as the notebooks start; importing the module again waits for this import)."""
    thread = threading.Thread(
        target=importlib.import_module, args=(MARKDOWN_RENDERER,), name="renderer", daemon=True
    )
    thread.start()
    return thread


def summary_section(run: Run, notebook: Path) -> dict[str, Any] | None:
    """The index's "Tóm tắt": the lines report 00 wrote (:data:`SUMMARY_FILE`, the same
    Markdown its page shows, rendered by nbconvert's Markdown renderer) and its page's link;
    None when the report wrote none."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    written = run.staging / SUMMARY_FILE
    if not written.is_file():
        return None
    lines = Markup(markdown2html_mistune(written.read_text(encoding="utf-8")))  # escaped by 00
    return {"html": lines, "report": _report(run, notebook.stem, _title(run, notebook))}


def _title(run: Run, notebook: Path) -> str:
    return notebook_title(notebook, run.plan.plan_year, run.lang)


def _report(run: Run, base: str, title: str) -> dict[str, Any]:
    """A report's link (``base`` without suffix), and whether its PDF copy was printed."""
    return {"base": base, "title": title, "pdf": (run.staging / f"{base}.pdf").is_file()}


def _scenario_row(run: Run, scenario: Scenario, table: pd.DataFrame | None) -> dict:
    lang = run.lang
    reports = [
        _report(run, f"{scenario.name}/{nb.stem}", _title(run, nb))
        for nb in run.notebooks
        if not is_once_per_run(nb)
    ]
    return {
        "label": scenario.label_in(lang),
        "name": scenario.name,
        "description": getattr(scenario.description, lang),
        "figures": headline_figures(table, lang, run.plan.plan_year) if table is not None else [],
        "reports": reports,
        "data": (f"{scenario.name}/{RESULTS_FILE}", RESULTS_FILE),
    }


def headline_figures(table: pd.DataFrame, lang: str, year: int) -> list[tuple[str, str]]:
    """(label, formatted value with unit) for each :data:`HEADLINES` figure of ``year``."""
    out = []
    period = str(year)
    for variable, key, decimals in HEADLINES:
        rows = table[(table["variable"] == variable) & (table["period"].astype(str) == period)]
        if rows.empty:
            continue
        value = float(rows["value"].iloc[0])
        out.append((label(key, lang), format_quantity(value, rows["unit"].iloc[0], decimals, lang)))
    return out


def readable_stamp(stamp: str, lang: str) -> str:
    """A run stamp as people write dates: ``26/11/2026 19:27`` (vi), ``2026-11-26 19:27`` (en)."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})_(\d{2})(\d{2})\d{2}(-\d+)?", stamp)
    if not match:
        return stamp
    year, month, day, hour, minute, _ = match.groups()
    date = f"{day}/{month}/{year}" if lang == "vi" else f"{year}-{month}-{day}"
    return f"{date} {hour}:{minute}"
