"""Vietnamese and English labels and number formats for reports.

Leadership reads Vietnamese: reports default to Vietnamese labels and number format
(``181,9 nghìn tỷ đồng``, ``13,45 %``, ``3.950 USD``); ``lang="en"`` gives English
(``181.9 trillion VND``, ``13.45 %``, ``3,950 USD``). Numbers take their separators from
Babel's ``vi`` and ``en`` locales (CLDR), never from hand-swapped characters.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Literal

from babel.numbers import format_decimal

Lang = Literal["vi", "en"]
LANGS: tuple[str, ...] = ("vi", "en")

SECTOR_LABELS: dict[str, dict[str, str]] = {
    "industry_construction": {"vi": "Công nghiệp - xây dựng", "en": "Industry and construction"},
    "industry": {"vi": "Công nghiệp", "en": "Industry"},
    "construction": {"vi": "Xây dựng", "en": "Construction"},
    "services": {"vi": "Dịch vụ", "en": "Services"},
    "agriculture": {"vi": "Nông, lâm nghiệp, thuỷ sản", "en": "Agriculture, forestry, fishery"},
    "product_taxes": {
        "vi": "Thuế sản phẩm trừ trợ cấp sản phẩm",
        "en": "Product taxes less subsidies",
    },
    "total": {"vi": "Tổng GRDP", "en": "GRDP total"},
}

UNIT_LABELS: dict[str, dict[str, str]] = {
    "trillion VND": {"vi": "nghìn tỷ đồng", "en": "trillion VND"},
    "billion VND": {"vi": "tỷ đồng", "en": "billion VND"},
    "bn USD": {"vi": "tỷ USD", "en": "bn USD"},
    "USD": {"vi": "USD", "en": "USD"},
    "VND per USD": {"vi": "đồng/USD", "en": "VND per USD"},
    "persons": {"vi": "người", "en": "persons"},
    "million arrivals": {"vi": "triệu lượt", "en": "million arrivals"},
    "%": {"vi": "%", "en": "%"},
    "% growth": {"vi": "%", "en": "%"},
    "pp": {"vi": "điểm %", "en": "points"},
    "beds per 10,000 people": {"vi": "giường/vạn dân", "en": "beds per 10,000 people"},
    "done": {"vi": "", "en": ""},  # done / not-done targets carry no unit
    "index": {"vi": "", "en": ""},
}

TEXT: dict[str, dict[str, str]] = {
    "scenario": {"vi": "Kịch bản", "en": "Scenario"},
    "target": {"vi": "Mục tiêu", "en": "Target"},
    "base_year": {"vi": "Năm {year}", "en": "{year}"},
    "projection": {"vi": "Dự báo {year}", "en": "{year} projection"},
    "real_growth": {"vi": "Tăng trưởng GRDP (giá so sánh)", "en": "Real GRDP growth"},
    "grdp_nominal": {"vi": "GRDP giá hiện hành", "en": "GRDP at current prices"},
    "grdp_usd": {"vi": "GRDP quy đổi USD", "en": "GRDP in USD"},
    "per_capita": {"vi": "GRDP bình quân đầu người", "en": "GRDP per head"},
    "deflator": {"vi": "Chỉ số giảm phát GRDP", "en": "GRDP deflator"},
    "population": {"vi": "Dân số trung bình", "en": "Average population"},
    "exchange_rate": {"vi": "Tỷ giá bình quân", "en": "Average exchange rate"},
    "ytd_growth": {"vi": "Tăng trưởng lũy kế so cùng kỳ", "en": "Year-to-date growth, y/y"},
    "quarter_growth": {"vi": "Tăng trưởng từng quý so cùng kỳ", "en": "Single-quarter growth, y/y"},
    "share": {"vi": "Tỷ trọng", "en": "Share"},
    "contribution": {"vi": "Đóng góp (điểm %)", "en": "Contribution (points)"},
    "sector": {"vi": "Khu vực", "en": "Sector"},
    "consistent": {"vi": "Nhất quán", "en": "Consistent"},
    "stretched": {"vi": "Căng", "en": "Stretched"},
    "inconsistent": {"vi": "Không nhất quán", "en": "Inconsistent"},
    "information": {"vi": "Tham khảo", "en": "Information"},
}

PERIOD_LABELS: dict[str, dict[str, str]] = {
    "Q1": {"vi": "Quý I", "en": "Q1"},
    "Q2": {"vi": "Quý II", "en": "Q2"},
    "Q3": {"vi": "Quý III", "en": "Q3"},
    "Q4": {"vi": "Quý IV", "en": "Q4"},
    "6M": {"vi": "6 tháng", "en": "6 months"},
    "9M": {"vi": "9 tháng", "en": "9 months"},
    "FY": {"vi": "Cả năm", "en": "Full year"},
}


def check_lang(lang: str) -> Lang:
    """Return ``lang`` if it is a supported report language, else raise ValueError."""
    if lang not in LANGS:
        raise ValueError(f"lang: must be one of {', '.join(LANGS)}, got {lang!r}")
    return lang  # type: ignore[return-value]


def label(key: str, lang: str = "vi", **values: object) -> str:
    """The report label of ``key`` (a text key, sector, unit or period) in ``lang``.

    Labels that name a year take it as a value: ``label("base_year", "vi", year=2023)`` is
    ``Năm 2023``.
    Unknown keys are returned unchanged so a new variable still shows, under its id.

    Raises
    ------
    KeyError
        The label names a value (``{year}``) that was not given.
    """
    lang = check_lang(lang)
    for table in (TEXT, SECTOR_LABELS, UNIT_LABELS, PERIOD_LABELS):
        if key in table:
            return (
                table[key][lang].format(**values) if "{" in table[key][lang] else table[key][lang]
            )
    return key


def period_label(period: str, lang: str = "vi") -> str:
    """A period id as reports write it: ``2024-Q1`` → ``Quý I/2024`` / ``2024 Q1`` (Q2–Q4
    alike),
    ``2024-6M`` → ``6 tháng 2024`` / ``2024, 6 months``, ``2024`` → ``Năm 2024`` / ``2024``.

    Ids that are not a year or a year-to-date period of :data:`PERIOD_LABELS` come back as given.
    """
    lang = check_lang(lang)
    year, _, part = str(period).partition("-")
    if not year.isdigit() or (part and part not in PERIOD_LABELS):
        return str(period)
    if not part:
        return f"Năm {year}" if lang == "vi" else year
    words = PERIOD_LABELS[part][lang]
    quarter = part.startswith("Q")
    if lang == "en":
        return f"{year} {words}" if quarter else f"{year}, {words}"
    return f"{words}/{year}" if quarter else f"{words} {year}"


def format_number(value: float | None, decimals: int = 1, lang: str = "vi") -> str:
    """Format a number with the separators of Babel's ``vi`` or ``en`` locale.

    Vietnamese uses ``.`` for thousands and ``,`` for decimals (``3.950``; ``181,9``); English
    the reverse (``3,950``; ``181.9``). Missing or non-finite values show as an en dash.

    Notes
    -----
    The float is rounded half to even at its exact binary value (as Python's ``f"{x:.1f}"``
    does: 2.675 → ``2,67``), then written by :func:`babel.numbers.format_decimal` with the
    pattern ``#,##0.0…``; a value that rounds to zero carries no sign (no ``-0,0``).

    Examples
    --------
    >>> format_number(181.9, 1, "vi"), format_number(3950, 0, "vi"), format_number(3950, 0, "en")
    ('181,9', '3.950', '3,950')
    """
    lang = check_lang(lang)
    if value is None or not math.isfinite(float(value)):
        return "–"
    rounded = Decimal(float(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_EVEN)
    if rounded == 0:
        rounded = abs(rounded)  # no "-0,0" for a value that rounds to zero
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(rounded, format=pattern, locale=lang)


def format_percent(value: float | None, decimals: int = 2, lang: str = "vi") -> str:
    """A percent figure (already in percent) with a thin space before ``%``: ``13,45 %``."""
    return f"{format_number(value, decimals, lang)} %"


def format_fraction_as_percent(value: float | None, decimals: int = 2, lang: str = "vi") -> str:
    """A fraction (0.1345) shown as percent (``13,45 %``): the code-to-report boundary."""
    return format_percent(None if value is None else 100.0 * float(value), decimals, lang)


def format_fraction_as_points(value: float | None, decimals: int = 2, lang: str = "vi") -> str:
    """A difference of fractions (0.0123) as percentage points, without a unit: ``1,23``."""
    return format_number(None if value is None else 100.0 * float(value), decimals, lang)


def format_quantity(value: float | None, unit: str, decimals: int = 1, lang: str = "vi") -> str:
    """A figure with its unit label: ``181,9 nghìn tỷ đồng`` / ``181.9 trillion VND``."""
    if unit in ("%", "% growth"):
        return format_percent(value, decimals, lang)
    unit_text = label(unit, lang)
    number = format_number(value, decimals, lang)
    return f"{number} {unit_text}".rstrip()


CLOSURE_LABELS: dict[str, dict[str, str]] = {
    "equal_prices": {"vi": "Giá các ngành tăng như nhau", "en": "Equal sector prices"},
    "given_growth": {
        "vi": "Tăng trưởng ngành cho trước",
        "en": "Given sector growth",
    },
    "min_deviation": {"vi": "Độ lệch nhỏ nhất", "en": "Minimum deviation"},
}

CHECK_LABELS: dict[str, dict[str, str]] = {
    "per_head.implied_deflator": {
        "vi": "Chỉ số giảm phát cần có để tăng trưởng và GRDP/người khớp nhau",
        "en": "Deflator that reconciles the growth and per-head targets",
    },
    "per_head.nominal_grdp_plan": {
        "vi": "GRDP giá hiện hành năm kế hoạch mà hai mục tiêu hàm ý",
        "en": "GRDP at current prices in the plan year the two targets imply",
    },
    "per_head.per_capita_at_national_deflator": {
        "vi": "GRDP/người nếu giảm phát bằng mức cả nước",
        "en": "GRDP per head at the national deflator",
    },
    "icor.current_prices": {
        "vi": "ICOR hàm ý (giá hiện hành)",
        "en": "Implied ICOR (current prices)",
    },
    "icor.constant_prices": {
        "vi": "ICOR hàm ý (giá so sánh)",
        "en": "Implied ICOR (constant prices)",
    },
    "icor.statistics_office": {
        "vi": "ICOR hàm ý (cách tính của cơ quan thống kê)",
        "en": "Implied ICOR (statistics office's definition)",
    },
    "ratio.budget_revenue_to_grdp": {
        "vi": "Thu ngân sách / GRDP",
        "en": "Budget revenue / GRDP",
    },
    "ratio.investment_to_grdp": {
        "vi": "Vốn đầu tư toàn xã hội / GRDP",
        "en": "Social investment / GRDP",
    },
    "sector_plan.aggregate": {
        "vi": "Tăng trưởng chung mà kế hoạch các ngành cộng lại",
        "en": "Growth the sector plans add up to",
    },
    "quarterly_plan.annual": {
        "vi": "Tăng trưởng cả năm mà kịch bản từng quý của kế hoạch hàm ý",
        "en": "Annual growth the plan's quarterly scenario implies",
    },
    "no_target.structure": {
        "vi": "Không có chỉ tiêu cơ cấu kinh tế",
        "en": "No structure target",
    },
    "no_target.labour_shares": {
        "vi": "Không có chỉ tiêu cơ cấu lao động",
        "en": "No labour structure target",
    },
    "no_target.budget_revenue": {
        "vi": "Không có chỉ tiêu thu ngân sách",
        "en": "No budget revenue target",
    },
    "no_target.investment": {
        "vi": "Không có chỉ tiêu vốn đầu tư toàn xã hội",
        "en": "No social investment target",
    },
}

CHECK_UNITS: dict[str, dict[str, str]] = {
    "standard deviations": {"vi": "độ lệch chuẩn", "en": "standard deviations"},
    "% vs GRDP deflator": {"vi": "% so với giảm phát GRDP", "en": "% vs GRDP deflator"},
    "ratio": {"vi": "lần", "en": "ratio"},
    "× provincial average": {"vi": "lần bình quân tỉnh", "en": "× provincial average"},
    "% of GRDP": {"vi": "% GRDP", "en": "% of GRDP"},
}


def check_label(check: str, lang: str = "vi") -> str:
    """The report wording of a consistency-report check id (e.g. ``structure.equal_prices``).

    Ids follow :mod:`analysis.economics.consistency_report`: ``per_head.*``,
    ``structure.<closure>[.<sector>]``,
    ``structure.<closure>.relative_price.<sector>``, ``icor.*``, ``productivity.<sector>``,
    ``ratio.*``, ``sector_plan.aggregate`` and ``no_target.<target>``. An id not described here
    is returned unchanged.
    """
    lang = check_lang(lang)
    if check in CHECK_LABELS:
        return CHECK_LABELS[check][lang]
    parts = check.split(".")
    if parts[0] == "productivity" and len(parts) == 2:
        word = "Năng suất lao động tương đối" if lang == "vi" else "Relative labour productivity"
        return f"{word}: {label(parts[1], lang)}"
    if parts[0] == "structure" and len(parts) >= 2 and parts[1] in CLOSURE_LABELS:
        return _structure_check_label(parts[1:], lang)
    return check


def _structure_check_label(parts: list[str], lang: str) -> str:
    closure = CLOSURE_LABELS[parts[0]][lang]
    if len(parts) == 1:
        word = (
            "độ lệch lớn nhất so với lịch sử" if lang == "vi" else "largest distance from history"
        )
        return f"{closure}: {word}"
    if parts[1] == "relative_price" and len(parts) == 3:
        word = "giá tương đối" if lang == "vi" else "relative price"
        return f"{closure}: {word}, {label(parts[2], lang)}"
    word = "tăng trưởng cần có" if lang == "vi" else "required growth"
    return f"{closure}: {word}, {label(parts[1], lang)}"


def unit_label(unit: str, lang: str = "vi") -> str:
    """A unit as reports show it (``trillion VND`` → ``nghìn tỷ đồng``)."""
    lang = check_lang(lang)
    if unit in CHECK_UNITS:
        return CHECK_UNITS[unit][lang]
    return label(unit, lang)


RESULT_LABELS: dict[str, dict[str, str]] = {
    "grdp_real_index": {"vi": "Chỉ số GRDP giá so sánh", "en": "Real GRDP index"},
    "grdp_real_index_ytd": {
        "vi": "Chỉ số GRDP giá so sánh, lũy kế từ đầu năm",
        "en": "Real GRDP index, year to date",
    },
    "grdp_growth": {"vi": "Tăng trưởng GRDP (giá so sánh)", "en": "Real GRDP growth"},
    "grdp_current_prices": {"vi": "GRDP giá hiện hành", "en": "GRDP at current prices"},
    "grdp_current_prices_growth": {
        "vi": "Tăng trưởng GRDP giá hiện hành",
        "en": "Growth of GRDP at current prices",
    },
    "grdp_deflator_growth": {
        "vi": "Thay đổi chỉ số giảm phát GRDP",
        "en": "Change of the GRDP deflator",
    },
    "grdp_usd": {"vi": "GRDP quy đổi USD", "en": "GRDP in USD"},
    "grdp_per_capita_usd": {"vi": "GRDP bình quân đầu người", "en": "GRDP per head"},
    "grdp_per_capita_usd_growth": {
        "vi": "Tăng trưởng GRDP bình quân đầu người (USD)",
        "en": "Growth of GRDP per head (USD)",
    },
    "population": {"vi": "Dân số trung bình", "en": "Average population"},
    "exchange_rate": {"vi": "Tỷ giá bình quân", "en": "Average exchange rate"},
    "grdp_growth_quarter": {
        "vi": "Tăng trưởng từng quý so cùng kỳ",
        "en": "Single-quarter growth, year on year",
    },
    "grdp_growth_ytd": {
        "vi": "Tăng trưởng lũy kế so cùng kỳ",
        "en": "Year-to-date growth, year on year",
    },
    "grdp_growth_quarter_published": {
        "vi": "Tăng trưởng từng quý so cùng kỳ, số công bố",
        "en": "Single-quarter growth, year on year, published",
    },
    "grdp_growth_ytd_published": {
        "vi": "Tăng trưởng lũy kế so cùng kỳ, số công bố",
        "en": "Year-to-date growth, year on year, published",
    },
    "grdp_growth_quarter_required": {
        "vi": "Tăng trưởng từng quý cần đạt trong các quý còn lại",
        "en": "Single-quarter growth the remaining quarters need",
    },
    "grdp_growth_ytd_required": {
        "vi": "Tăng trưởng lũy kế cần đạt",
        "en": "Year-to-date growth needed",
    },
    "probability_grdp_growth_target": {
        "vi": "Xác suất đạt mục tiêu tăng trưởng",
        "en": "Probability of meeting the growth target",
    },
    "probability_grdp_per_capita_target": {
        "vi": "Xác suất đạt mục tiêu GRDP bình quân đầu người",
        "en": "Probability of meeting the per-head target",
    },
    "probability_structure_target": {
        "vi": "Xác suất đạt mục tiêu cơ cấu kinh tế",
        "en": "Probability of meeting the structure target",
    },
    "probability_all_macro_targets": {
        "vi": "Xác suất đạt đồng thời các mục tiêu",
        "en": "Probability of meeting all targets together",
    },
}
"""The variables of a scenario's results table (``results.csv``), for the workbook; a
variable ending ``_standard_error`` or ``_q<NN>`` (a percentile) is worded from its base."""

_PERCENTILE = re.compile(r"^(?P<base>.+)_q(?P<q>\d{2})$")
_INDEX_UNIT = re.compile(r"^index \((?P<year>\d{4}) = 100\)$")


def result_label(variable: str, lang: str = "vi") -> str:
    """A results variable as readers see it: ``grdp_growth_q05`` → ``Tăng trưởng GRDP (giá so
    sánh): phân vị 5 %`` / ``Real GRDP growth: 5th percentile``; unknown ids unchanged."""
    lang = check_lang(lang)
    if variable in RESULT_LABELS:
        return RESULT_LABELS[variable][lang]
    if variable.endswith("_standard_error"):
        base = variable.removesuffix("_standard_error")
        if base in RESULT_LABELS:
            word = "sai số chuẩn" if lang == "vi" else "standard error"
            return f"{RESULT_LABELS[base][lang]}: {word}"
    match = _PERCENTILE.match(variable)
    if match and match["base"] in RESULT_LABELS:
        q = int(match["q"])
        word = f"phân vị {q} %" if lang == "vi" else f"{q}th percentile"
        return f"{RESULT_LABELS[match['base']][lang]}: {word}"
    return variable


def result_unit(unit: str, lang: str = "vi") -> str:
    """A results unit as readers see it: ``index (2023 = 100)`` → ``chỉ số (2023 = 100)``,
    ``VND/USD`` → ``đồng/USD``, ``trillion VND`` → ``nghìn tỷ đồng``."""
    lang = check_lang(lang)
    match = _INDEX_UNIT.match(unit)
    if match:
        return f"{'chỉ số' if lang == 'vi' else 'index'} ({match['year']} = 100)"
    if unit == "VND/USD":
        return label("VND per USD", lang)
    return label(unit, lang) or unit
