"""The explorer's panels: an :class:`~analysis.outlook.explorer.Exploration` as HTML, in a language.

Four panels, each a small table and a sentence or two, rendered from the template
``explorer_section.html.j2`` (autoescaped): the headline figures (:func:`figures_html`), the
remaining quarters (:func:`quarters_html`), the structure against its targets with the
solver's verdicts (:func:`structure_html`) and the probabilities of the macro targets
(:func:`probabilities_html`). Numbers are formatted as the reports format them
(:mod:`analysis.report.labels`) and to the same decimals as report 01, so a figure on the page
reads as it does in the report. Each row carries its key (``data-row="per_capita"``) for the
tests and the browser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from analysis.report.explorer_words import word
from analysis.report.labels import (
    CLOSURE_LABELS,
    format_fraction_as_percent,
    format_number,
    format_percent,
    format_quantity,
    label,
)
from analysis.report.templating import render

if TYPE_CHECKING:
    from analysis.economics.structure_solution import StructureSolution
    from analysis.outlook.explorer import Exploration


def section_html(
    key: str,
    title: str,
    header: list[str] | None = None,
    rows: list[dict[str, Any]] | None = None,
    lines: list[dict[str, str]] | None = None,
) -> str:
    """One panel: ``rows`` are ``{"key": ..., "cells": [...]}``, ``lines`` ``{"text", "kind"}``."""
    return render(
        "explorer_section.html.j2",
        key=key,
        title=title,
        header=header or [],
        rows=rows or [],
        lines=lines or [],
    )


def _signed(value: float, decimals: int, lang: str) -> str:
    text = format_number(value, decimals, lang)
    return text if text.startswith("-") or text.strip("0,.") == "" else f"+{text}"


def figures_html(x: Exploration, lang: str = "vi") -> str:
    """Growth, the deflator, GRDP at current prices and in USD, per head against its target,
    and the two deflators of methodology section 3."""
    per_head_gap = x.per_capita_usd - x.per_capita_target
    rows = [
        (
            "grdp_growth",
            format_fraction_as_percent(x.growth, 2, lang),
            format_fraction_as_percent(x.growth_target, 1, lang),
        ),
        ("grdp_deflator", format_fraction_as_percent(x.deflator, 2, lang), ""),
        (
            "grdp_current_prices",
            format_quantity(x.grdp_current_prices, "trillion VND", 1, lang),
            "",
        ),
        ("grdp_usd", format_quantity(x.grdp_usd, "bn USD", 2, lang), ""),
        (
            "per_capita",
            format_quantity(x.per_capita_usd, "USD", 0, lang),
            format_quantity(x.per_capita_target, "USD", 0, lang),
        ),
        ("required_deflator", format_fraction_as_percent(x.required_deflator, 2, lang), ""),
        ("target_deflator", format_fraction_as_percent(x.target_deflator, 2, lang), ""),
    ]
    gap = word("gap_to_target", lang, gap=f"{_signed(per_head_gap, 0, lang)} USD")
    return section_html(
        "figures",
        word("figures", lang, year=x.plan_year),
        [word("indicator", lang), word("scenario_value", lang), word("target", lang)],
        [{"key": key, "cells": [word(key, lang), value, target]} for key, value, target in rows],
        [{"text": f"{word('per_capita', lang)}: {gap}", "kind": "note"}],
    )


def quarters_html(x: Exploration, lang: str = "vi") -> str:
    """What the remaining quarters need once year-to-date figures are published."""
    title = word("quarters", lang)
    if x.remaining_growth is None:
        return section_html(
            "quarters", title, lines=[{"text": word("no_ytd", lang, year=x.plan_year), "kind": ""}]
        )
    published = ", ".join(
        f"{label(period, lang)} {format_percent(value, 2, lang)}"
        for period, value in x.settings.ytd_actuals.items()
    )
    text = word(
        "remaining",
        lang,
        published=published,
        target=format_fraction_as_percent(x.growth_target, 1, lang),
        need=format_fraction_as_percent(x.remaining_growth, 2, lang),
    )
    return section_html("quarters", title, lines=[{"text": text, "kind": "verdict"}])


def verdict_text(solution: StructureSolution, lang: str = "vi") -> str:
    """A closure's verdict and the sector furthest from its record (what it needs, in σ)."""
    closure = CLOSURE_LABELS[solution.closure][lang]
    if solution.z.isna().all():
        return word("no_solution", lang, closure=closure)
    worst = solution.z.abs().idxmax()
    return word(
        "verdict_line",
        lang,
        closure=closure,
        verdict=label(solution.verdict, lang).lower(),
        sector=label(worst, lang).lower(),
        need=format_fraction_as_percent(solution.growth[worst], 2, lang),
        z=format_number(solution.z[worst], 1, lang),
    )


def structure_html(x: Exploration, lang: str = "vi") -> str:
    """The plan year's shares against the targets, and each closure's verdict."""
    title = word("structure", lang, year=x.plan_year)
    s = x.structure
    if s is None:
        return section_html(
            "structure", title, lines=[{"text": word("no_structure", lang), "kind": "note"}]
        )
    rows = [
        {
            "key": sector,
            "cells": [
                label(sector, lang),
                format_fraction_as_percent(s.base_shares[sector], 1, lang),
                format_fraction_as_percent(s.shares[sector], 1, lang),
                format_fraction_as_percent(s.target_shares[sector], 1, lang),
                _signed(100 * s.gap[sector], 1, lang),
            ],
        }
        for sector in s.shares.index
    ]
    header = [
        label("sector", lang),
        word("base_share", lang, base=x.base_year),
        word("plan_share", lang, year=x.plan_year),
        word("target", lang),
        word("gap_points", lang),
    ]
    path = (
        word("path_scenario", lang)
        if s.by_scenario
        else word("path_pattern", lang, base=x.base_year)
    )
    lines = [{"text": path, "kind": "note"}, {"text": word("solver", lang), "kind": ""}]
    lines += [{"text": verdict_text(solution, lang), "kind": "verdict"} for solution in s.solutions]
    return section_html("structure", title, header, rows, lines)


def _event_name(event: str, x: Exploration, lang: str) -> str:
    if event == "growth":
        return word(
            "event_growth", lang, target=format_fraction_as_percent(x.growth_target, 1, lang)
        )
    if event == "per_capita":
        target = format_quantity(x.per_capita_target, "USD", 0, lang)
        return word("event_per_capita", lang, target=target)
    if event == "structure":
        tolerance = format_number(100 * (x.targets.share_tolerance or 0.0), 1, lang)
        return word("event_structure", lang, tolerance=tolerance)
    return word("event_joint", lang)


def probabilities_html(x: Exploration, lang: str = "vi") -> str:
    """The probability of each macro target and of all jointly, with standard errors."""
    table = x.probabilities
    rows = [
        {
            "key": event,
            "cells": [
                _event_name(str(event), x, lang),
                format_fraction_as_percent(values["probability"], 1, lang),
                f"{format_number(100 * values['standard_error'], 2, lang)} {label('pp', lang)}",
            ],
        }
        for event, values in table.iterrows()
    ]
    draws = format_number(x.outlook.n_draws, 0, lang)
    return section_html(
        "probabilities",
        word("probabilities", lang, year=x.plan_year),
        [word("event", lang), word("probability", lang), word("standard_error", lang)],
        rows,
        [{"text": word("draws", lang, draws=draws, seed=x.outlook.seed), "kind": "note"}],
    )


def style_html() -> str:
    """The page's styles (shown once)."""
    return render("explorer_style.html.j2")


__all__ = [
    "figures_html",
    "probabilities_html",
    "quarters_html",
    "section_html",
    "structure_html",
    "style_html",
    "verdict_text",
]
