"""The one-page summary (report 00) in sentences: what leadership asks, in a few lines.

Presentation layer over :class:`analysis.outlook.summary.Summary`: will growth reach the target
and with what probability, GRDP per head against its target, the structure against the target
shares (left out when the plan states none), the targets met, missed and to watch (the
scorecard's own words, :mod:`analysis.report.scorecard_view` and
:mod:`analysis.report.scorecard_page`) and what the remaining quarters must deliver (the
scorecard's in-year verdict, :func:`analysis.report.in_year_growth.verdict_phrase`).

Every sentence is chosen by the figures: one scenario or several, a year whose result is
published or not, figures missing or not; a number is never written where the summary holds
none. Numbers are formatted as the reports they come from format them (growth two decimals,
probabilities one, per head none, shares one). Scenario labels stand in curly quotes
(“Kịch bản thấp”): guillemets name reports only, by their real titles.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from matplotlib.figure import Figure

from analysis.economics.scorecard import summary as status_counts
from analysis.outlook.summary import Outturn, Summary
from analysis.report.charts_comparison import summary_growth_chart
from analysis.report.display import safe
from analysis.report.in_year_growth import period_words, verdict_phrase
from analysis.report.labels import check_lang, format_fraction_as_percent, format_number, label
from analysis.report.scorecard_page import IN_YEAR_WATCH, listed_targets
from analysis.report.scorecard_view import headline_text

WORDS: dict[str, dict[str, str]] = {
    "lead": {
        "vi": "Số kịch bản của lần chạy: {n}; kịch bản tham chiếu: “{reference}”{uses}.",
        "en": "Scenarios in the run: {n}; the reference scenario: “{reference}”{uses}.",
    },
    "uses": {
        "vi": " ({parts} dưới đây theo kịch bản này)",
        "en": " ({parts} below: this scenario's)",
    },
    "uses_structure": {"vi": "cơ cấu kinh tế", "en": "the structure"},
    "uses_weights": {"vi": "tỷ trọng các quý", "en": "the quarterly weights"},
    "uses_and": {"vi": " và ", "en": " and "},
    "growth": {"vi": "Tăng trưởng GRDP", "en": "GRDP growth"},
    "per_head": {"vi": "GRDP bình quân đầu người", "en": "GRDP per head"},
    "structure": {"vi": "Cơ cấu kinh tế năm {year}", "en": "Economic structure, {year}"},
    "structure_note": {
        "vi": "{sectors}, % GRDP giá hiện hành",
        "en": "{sectors}, % of GRDP at current prices",
    },
    "targets": {"vi": "Các chỉ tiêu kế hoạch năm {year}", "en": "The {year} plan's targets"},
    "quarters": {"vi": "Các quý còn lại", "en": "The remaining quarters"},
    "target_is": {"vi": "mục tiêu {value}", "en": "target {value}"},
    "outturn": {
        "vi": "Kết quả cả năm đã công bố: {value}, **{verdict}** mục tiêu.",
        "en": "The year's published result: {value}, target **{verdict}**.",
    },
    "met": {"vi": "đạt", "en": "met"},
    "not_met": {"vi": "không đạt", "en": "not met"},
    "one": {"vi": "kịch bản “{name}”: {value}", "en": "scenario “{name}”: {value}"},
    "range": {
        "vi": "các kịch bản từ {low} (“{low_name}”) đến {high} (“{high_name}”); {k}/{n} kịch "
        "bản không thấp hơn mục tiêu; kịch bản tham chiếu “{name}”: {value}",
        "en": "the scenarios range from {low} (“{low_name}”) to {high} (“{high_name}”); {k} of "
        "{n} at or above the target; the reference scenario “{name}”: {value}",
    },
    "chance": {"vi": ", khả năng đạt mục tiêu {p}", "en": ", probability of the target {p}"},
    "chances": {
        "vi": " (từ {low} đến {high} tùy kịch bản)",
        "en": " ({low} to {high} by scenario)",
    },
    "shares": {
        "vi": "mục tiêu {target}; kịch bản “{name}”: {projected} (chênh lệch {gap} điểm %)",
        "en": "target {target}; scenario “{name}”: {projected} (difference {gap} points)",
    },
    "shares_chance": {
        "vi": "; khả năng đạt mục tiêu cơ cấu {p}",
        "en": "; probability of the structure target {p}",
    },
    "shares_outturn": {"vi": "; kết quả đã công bố: {value}", "en": "; published result: {value}"},
    "counts": {
        "vi": "chỉ số đạt {met}, không đạt {not_met}, cần chú ý trong năm {watch}, đang đúng "
        "tiến độ {on_track}, chưa có số liệu {no_data}.",
        "en": "figures met {met}, not met {not_met}, to watch in the year {watch}, on track "
        "{on_track}, no data {no_data}.",
    },
    "no_actuals": {
        "vi": "chưa có số liệu thực hiện: chưa chỉ tiêu nào được đánh giá ({n} chỉ số).",
        "en": "no actual results yet: no target assessed ({n} figures).",
    },
    "missed": {"vi": "Không đạt: {names}.", "en": "Not met: {names}."},
    "watch": {"vi": "Cần chú ý trong năm: {names}.", "en": "To watch in the year: {names}."},
    "year_in": {
        "vi": "năm {year} đã có kết quả cả năm; không còn quý nào phải tính.",
        "en": "the {year} result is in; no quarter remains.",
    },
    "no_ytd": {
        "vi": "chưa có số liệu lũy kế năm {year}; để cả năm đạt {target}, mỗi quý cần tăng "
        "**{required}** so cùng kỳ: {verdict}.",
        "en": "no {year} year-to-date figure yet; for {target} in the year, each quarter needs "
        "**{required}** year on year: {verdict}.",
    },
    "ytd": {
        "vi": "sau {period}, GRDP tăng {so_far} so cùng kỳ; để cả năm đạt {target}, mỗi quý "
        "còn lại cần tăng **{required}** so cùng kỳ: {verdict}.",
        "en": "after {period}, GRDP grew {so_far} year on year; for {target} in the year, each "
        "remaining quarter needs **{required}** year on year: {verdict}.",
    },
}
"""The summary's words, each in Vietnamese and English; ``{...}`` are filled with figures."""


def _w(key: str, lang: str, **values: object) -> str:
    return WORDS[key][lang].format(**values)


def _pct(value: float, decimals: int, lang: str) -> str:
    return f"{format_number(value, decimals, lang)} %"


def _finite(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


def _scenario_line(
    s: Summary,
    names: Mapping[str, str],
    get: str,
    p_get: str,
    target: float,
    fmt,
    lang: str,
) -> str:
    """The projection of one figure: the range of the scenarios, how many reach the target,
    the reference's value and probability."""
    shown = [x for x in s.scenarios if _finite(getattr(x, get))]
    ref = s.reference_figures
    value = fmt(getattr(ref, get))
    if len(shown) <= 1:
        text = _w("one", lang, name=safe(names[ref.name]), value=value)
    else:
        ordered = sorted(shown, key=lambda x: (getattr(x, get), x.name))
        low, high = ordered[0], ordered[-1]
        text = _w(
            "range",
            lang,
            low=fmt(getattr(low, get)),
            low_name=safe(names[low.name]),
            high=fmt(getattr(high, get)),
            high_name=safe(names[high.name]),
            k=sum(getattr(x, get) >= target - 1e-9 for x in shown),
            n=len(shown),
            name=safe(names[ref.name]),
            value=value,
        )
    p = getattr(ref, p_get)
    if _finite(p):
        text += _w("chance", lang, p=_pct(p, 1, lang))
        chances = [getattr(x, p_get) for x in s.scenarios if _finite(getattr(x, p_get))]
        if len(chances) > 1:
            text += _w(
                "chances", lang, low=_pct(min(chances), 1, lang), high=_pct(max(chances), 1, lang)
            )
    return text + "."


def _outturn(outturn: Outturn | None, fmt, lang: str) -> str:
    if outturn is None:
        return ""
    verdict = WORDS["met" if outturn.achieved else "not_met"][lang]
    return " " + _w("outturn", lang, value=fmt(outturn.actual), verdict=verdict)


def _item(title: str, note: str | None, body: str) -> str:
    """A line of the summary: its title in bold, a note in brackets, what it says."""
    return f"- **{title}**" + (f" ({note})" if note else "") + f": {body}"


def growth_item(s: Summary, names: Mapping[str, str], lang: str = "vi") -> str:
    """Growth: the scenarios' projections, the probability, the year's result once in."""

    def fmt(v: float) -> str:
        return _pct(v, 2, lang)

    body = _scenario_line(s, names, "growth", "p_growth", s.growth_target, fmt, lang)
    body += _outturn(s.growth_outturn, fmt, lang)
    target = _w("target_is", lang, value=_pct(s.growth_target, 1, lang))
    return _item(WORDS["growth"][lang], target, body)


def per_head_item(s: Summary, names: Mapping[str, str], lang: str = "vi") -> str:
    """GRDP per head against its target; empty when the plan states none."""
    if s.per_head_target is None:
        return ""

    def fmt(v: float) -> str:
        return f"{format_number(v, 0, lang)} USD"

    body = _scenario_line(s, names, "per_head", "p_per_head", s.per_head_target, fmt, lang)
    body += _outturn(s.per_head_outturn, fmt, lang)
    return _item(WORDS["per_head"][lang], _w("target_is", lang, value=fmt(s.per_head_target)), body)


def _shares(values: Sequence[float], lang: str) -> str:
    return " / ".join(format_number(v, 1, lang) for v in values)


def structure_item(s: Summary, names: Mapping[str, str], lang: str = "vi") -> str:
    """The structure against the target shares; empty when the plan states none."""
    if s.share_targets is None or s.shares_projected is None:
        return ""
    sectors = list(s.share_targets.index)
    projected = s.shares_projected.reindex(sectors)
    gap = [format_number(p - t, 1, lang) for p, t in zip(projected, s.share_targets, strict=True)]
    body = _w(
        "shares",
        lang,
        target=_shares(s.share_targets, lang),
        name=safe(names[s.reference]),
        projected=_shares(projected, lang),
        gap=" / ".join(g if g.startswith("-") else f"+{g}" for g in gap),
    )
    p = s.reference_figures.p_structure
    if _finite(p):
        body += _w("shares_chance", lang, p=_pct(p, 1, lang))
    if s.shares_outturn is not None:
        body += _w("shares_outturn", lang, value=_shares(s.shares_outturn.reindex(sectors), lang))
    title = _w("structure", lang, year=s.plan_year)
    note = _w("structure_note", lang, sectors=" / ".join(label(x, lang) for x in sectors))
    return _item(title, note, body + ".")


def targets_item(s: Summary, lang: str = "vi") -> str:
    """Targets met, missed and to watch, as the scorecard counts and lists them."""
    assessment = s.assessment
    title = _w("targets", lang, year=s.plan_year)
    if assessment is None or (assessment["status"] == "no_data").all():
        n = 0 if assessment is None else len(assessment)
        return _item(title, None, _w("no_actuals", lang, n=n))
    counts = status_counts(assessment).loc["all"]
    body = (
        headline_text(assessment, lang)
        + "; "
        + _w(
            "counts",
            lang,
            met=int(counts["met"]),
            not_met=int(counts["not_met"]),
            watch=int(sum(counts[k] for k in IN_YEAR_WATCH)),
            on_track=int(counts["on_track"]),
            no_data=int(counts["no_data"]),
        )
    )
    missed = listed_targets(assessment, ("not_met",), lang)
    watch = listed_targets(assessment, IN_YEAR_WATCH, lang)
    if missed:
        body += " " + _w("missed", lang, names=missed)
    if watch:
        body += " " + _w("watch", lang, names=watch)
    return _item(title, None, body)


def quarters_item(s: Summary, lang: str = "vi") -> str:
    """What the remaining quarters must deliver for the growth target (the scorecard's view)."""
    title = WORDS["quarters"][lang]
    now = s.in_year
    if s.growth_outturn is not None or now is None or not _finite(s.required_growth):
        return _item(title, None, _w("year_in", lang, year=s.plan_year))
    common = {
        "target": _pct(s.growth_target, 1, lang),
        "required": format_fraction_as_percent(s.required_growth, 2, lang),
        "verdict": verdict_phrase(now, lang),
    }
    if s.quarters_done == 0:
        return _item(title, None, _w("no_ytd", lang, year=s.plan_year, **common))
    body = _w(
        "ytd",
        lang,
        period=period_words(str(now["period"]), lang),
        so_far=format_fraction_as_percent(float(now["ytd_growth"]), 2, lang),
        **common,
    )
    return _item(title, None, body)


def _reference_uses(s: Summary, lang: str) -> str:
    """What below comes from the reference scenario: the structure (when shown) and the
    quarterly weights (when the remaining quarters are computed); empty when nothing does."""
    what = []
    if s.share_targets is not None and s.shares_projected is not None:
        what.append(WORDS["uses_structure"][lang])
    if s.growth_outturn is None and _finite(s.required_growth):
        what.append(WORDS["uses_weights"][lang])
    return _w("uses", lang, parts=WORDS["uses_and"][lang].join(what)) if what else ""


def summary_text(s: Summary, names: Mapping[str, str], lang: str = "vi") -> str:
    """The summary in Markdown: a lead line, then one item per question (those that apply).

    Parameters
    ----------
    s : Summary
        :func:`analysis.outlook.summary.plan_summary` of the run.
    names : mapping
        Scenario id -> its label in ``lang`` (as every report names it).

    The resolution is named in the title block above the page (and the index), not here.
    """
    lang = check_lang(lang)
    lead = _w(
        "lead",
        lang,
        n=len(s.scenarios),
        reference=safe(names[s.reference]),
        uses=_reference_uses(s, lang),
    )
    items = [
        growth_item(s, names, lang),
        per_head_item(s, names, lang),
        structure_item(s, names, lang),
        targets_item(s, lang),
        quarters_item(s, lang),
    ]
    return lead + "\n\n" + "\n".join(i for i in items if i)


def summary_chart(
    s: Summary, names: Mapping[str, str], lang: str = "vi", source: str | None = None
) -> Figure:
    """The summary's one small chart: each scenario's growth (low to high) against the target
    and, once published, the year's result
    (:func:`analysis.report.charts_comparison.summary_growth_chart`)."""
    growth = [(names[x.name], x.growth) for x in s.scenarios]
    outturn = s.growth_outturn.actual if s.growth_outturn is not None else None
    return summary_growth_chart(
        growth,
        s.growth_target,
        s.plan_year,
        outturn=outturn,
        reference=names[s.reference],
        lang=lang,
        source=source,
    )
