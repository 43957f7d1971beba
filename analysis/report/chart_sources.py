"""The source line under each chart: ``Nguồn: ...`` from the sources the data carries.

Every figure in ``data/raw`` carries its source. A chart names them in the report's language:
the plan's resolution (its title in ``plan.yaml``) for targets and base-year results, the
publishers of the published series it draws (the host of each source's address: proper names,
the same in both languages), and the scenario whose assumptions the projection computes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import pandas as pd

from analysis.report.labels import check_lang

if TYPE_CHECKING:
    from analysis.data.plans import Plan

SOURCE_WORD = {"vi": "Nguồn", "en": "Source"}
COMPUTED = {
    "vi": "tính toán theo kịch bản {names}",
    "en": "computed under the scenario {names}",
}
COMPUTED_MANY = {
    "vi": "tính toán theo các kịch bản của lần chạy",
    "en": "computed under the run's scenarios",
}
SIMULATED = {"vi": "mô phỏng Monte Carlo", "en": "Monte Carlo simulation"}
ACTUALS = {"vi": "số liệu thực hiện đã công bố", "en": "published results"}
_DOMAIN = re.compile(r"^([a-z0-9-]+\.)+[a-z]{2,}$")


def source_host(source: str) -> str | None:
    """Who published a figure: the host of its address (``bacgiang.gov.vn``), the leading
    domain of a text (``cafef.vn article ...``), else None."""
    text = str(source).strip()
    if "://" in text:
        host = urlparse(text).hostname or ""
    else:
        host = text.split(" ", 1)[0].strip("(),;").lower()
    host = host.removeprefix("www.")
    return host if _DOMAIN.match(host) else None


def series_hosts(
    series: pd.DataFrame, variables: Iterable[str], through: int | None = None
) -> list[str]:
    """The publishers of the published series' rows of ``variables`` (of years up to
    ``through``), sorted."""
    rows = series[series["variable"].isin(list(variables))]
    if through is not None:
        years = pd.to_numeric(rows["period"].astype(str).str[:4], errors="coerce")
        rows = rows[years <= through]
    hosts = {source_host(s) for s in rows["source"]}
    return sorted(h for h in hosts if h)


def computed(names: Sequence[str], lang: str = "vi") -> str:
    """``tính toán theo kịch bản “Mục tiêu”`` for one scenario, the run's for several."""
    lang = check_lang(lang)
    if len(names) == 1:
        return COMPUTED[lang].format(names=f"“{names[0]}”")
    return COMPUTED_MANY[lang]


def actuals_source(actuals: pd.DataFrame, lang: str = "vi") -> str | None:
    """``số liệu thực hiện đã công bố (baobacgiang.vn, ...)``, or None without any."""
    if actuals is None or actuals.empty or "source" not in actuals:
        return None
    hosts = sorted({h for h in (source_host(s) for s in actuals["source"]) if h})
    words = ACTUALS[check_lang(lang)]
    return f"{words} ({', '.join(hosts)})" if hosts else words


def source_line(parts: Iterable[str | None], lang: str = "vi") -> str:
    """``Nguồn: a; b; c.`` from the parts given (empty parts and repeats left out)."""
    seen: list[str] = []
    for part in parts:
        if part and part not in seen:
            seen.append(part)
    return f"{SOURCE_WORD[check_lang(lang)]}: {'; '.join(seen)}." if seen else ""


def chart_source(
    pack: Plan,
    lang: str = "vi",
    *,
    scenarios: Sequence[str] = (),
    series: Iterable[str] = (),
    actuals: pd.DataFrame | None = None,
    simulated: bool = False,
) -> str:
    """The source line of a chart of ``pack``: the resolution, the publishers of the series
    drawn (up to the base year), the actual results, the scenarios computed, the simulation.

    Parameters
    ----------
    pack : Plan
        The plan pack (its document's title names the resolution).
    scenarios : sequence of str
        Labels of the scenarios whose projection the chart draws.
    series : iterable of str
        Variables of the published series the chart draws.
    actuals : DataFrame, optional
        The actual results drawn (their ``source`` column).
    simulated : bool
        The chart draws the Monte Carlo.
    """
    lang = check_lang(lang)
    document = pack.spec.document.title
    names = list(series)
    hosts = series_hosts(pack.series, names, pack.base_year) if names else []
    parts = [
        document.en if lang == "en" else document.vi,
        ", ".join(hosts) if hosts else None,
        actuals_source(actuals, lang) if actuals is not None else None,
        computed(list(scenarios), lang) if scenarios else None,
        SIMULATED[lang] if simulated else None,
    ]
    return source_line(parts, lang)
