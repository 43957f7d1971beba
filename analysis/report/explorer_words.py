"""The explorer's words in Vietnamese and English: its controls, headings and sentences.

Words shared with the reports (sector names, units, periods, verdicts, closures) come from
:mod:`analysis.report.labels`; the ones only the explorer uses are here, one entry per key,
both languages side by side. Values (years, numbers already formatted) are filled in by
:func:`word`.
"""

from __future__ import annotations

import re

from analysis.report.labels import check_lang, format_number

WORDS: dict[str, dict[str, str]] = {
    # the page
    "title": {
        "vi": "Khám phá kịch bản năm {year}",
        "en": "Explore a scenario for {year}",
    },
    "intro": {
        "vi": "Di chuyển các thanh trượt: mọi số liệu, xác suất và biểu đồ cập nhật ngay.",
        "en": "Move the sliders: every figure, probability and the chart update at once.",
    },
    "language": {"vi": "Ngôn ngữ", "en": "Language"},
    "plan": {"vi": "Kế hoạch", "en": "Plan"},
    "start": {"vi": "Bắt đầu từ kịch bản", "en": "Start from scenario"},
    "reset": {"vi": "Về kịch bản gốc", "en": "Back to the scenario"},
    # the controls
    "assumptions": {"vi": "Giả định", "en": "Assumptions"},
    "growth_mode": {"vi": "Tăng trưởng theo", "en": "Growth by"},
    "price_mode": {"vi": "Giá theo", "en": "Prices by"},
    "by_aggregate": {"vi": "Tổng GRDP", "en": "Total GRDP"},
    "by_sectors": {"vi": "Bốn khu vực", "en": "Four parts"},
    "by_deflator": {"vi": "Chỉ số giảm phát", "en": "Deflator"},
    "growth": {"vi": "Tăng trưởng GRDP (%)", "en": "Real GRDP growth (%)"},
    "sector_growth": {"vi": "Tăng trưởng: {sector} (%)", "en": "Growth: {sector} (%)"},
    "sector_price": {"vi": "Giá: {sector} (%)", "en": "Prices: {sector} (%)"},
    "deflator": {"vi": "Chỉ số giảm phát GRDP (%)", "en": "GRDP deflator (%)"},
    "population_growth": {"vi": "Tăng dân số (%)", "en": "Population growth (%)"},
    "exchange_rate": {
        "vi": "Tỷ giá năm {base} (đồng/USD)",
        "en": "{base} exchange rate (VND per USD)",
    },
    "depreciation": {"vi": "Tỷ giá tăng năm {year} (%)", "en": "Change in VND per USD, {year} (%)"},
    "ytd": {
        "vi": "Tăng trưởng lũy kế đã công bố năm {year} (%, để trống nếu chưa có)",
        "en": "Year-to-date growth published in {year} (%, empty if not yet)",
    },
    "not_a_number": {
        "vi": "phải là một số (ví dụ 8,9), hoặc để trống",
        "en": "must be a number (e.g. 8.9), or empty",
    },
    "prices_need_sectors": {
        "vi": "Giá theo khu vực cần tăng trưởng theo bốn khu vực.",
        "en": "Prices by part need growth by the four parts.",
    },
    "no_sector_weights": {
        "vi": "Chuỗi số liệu không có tỷ trọng khu vực năm {base}.",
        "en": "The series hold no {base} sector weights.",
    },
    "refused": {"vi": "Không nhận: {rule}", "en": "Refused: {rule}"},
    # the rules of a refusal in Vietnamese (the scenario model words them in English)
    "rule_name": {
        "vi": "tên chỉ gồm chữ thường không dấu, chữ số, dấu gạch dưới và gạch ngang ([a-z0-9_-]+)",
        "en": "must use only lower-case letters, digits, '_' and '-' ([a-z0-9_-]+)",
    },
    "rule_name_taken": {
        "vi": "đã có kịch bản mang tên này; đánh dấu ô “Ghi đè nếu đã có” để thay thế",
        "en": "a scenario of that name exists already: tick overwrite to replace it",
    },
    "rule_within": {
        "vi": "giá trị phải nằm trong khoảng {low}..{high}",
        "en": "must lie within {low}..{high}",
    },
    "rule_plausible": {
        "vi": "giá trị nằm ngoài khoảng hợp lý {low}..{high} theo số liệu đã công bố",
        "en": "outside the plausible range {low}..{high} of the published record",
    },
    "rule_finite": {"vi": "giá trị phải là một số", "en": "must be a number"},
    "rule_other": {
        "vi": "giá trị không hợp lệ theo quy tắc của tệp kịch bản",
        "en": "a value the scenario rules refuse",
    },
    "stale": {
        "vi": "Các số liệu bên phải là của lần thay đổi hợp lệ trước.",
        "en": "The figures show the last valid settings.",
    },
    # saving
    "save_heading": {"vi": "Lưu thành kịch bản", "en": "Save as a scenario"},
    "name": {"vi": "Tên tệp", "en": "File name"},
    "name_hint": {"vi": "chữ thường, số, - và _", "en": "lower-case, digits, - and _"},
    "label": {"vi": "Tên hiển thị", "en": "Label"},
    "overwrite": {"vi": "Ghi đè nếu đã có", "en": "Overwrite if it exists"},
    "save": {"vi": "Lưu", "en": "Save"},
    "saved": {
        "vi": "Đã lưu {path}: chạy make check rồi make report để có báo cáo.",
        "en": "Saved {path}: run make check, then make report for its reports.",
    },
    "description": {
        "vi": (
            "Lưu từ công cụ khám phá, xuất phát từ kịch bản «{start}»: tăng trưởng {growth}, "
            "chỉ số giảm phát {deflator}, dân số tăng {population}, tỷ giá tăng {depreciation}."
        ),
        "en": (
            "Saved from the explorer, starting from scenario '{start}': growth {growth}, "
            "deflator {deflator}, population growth {population}, depreciation {depreciation}."
        ),
    },
    # the figures
    "figures": {"vi": "Các chỉ tiêu năm {year}", "en": "Headline figures, {year}"},
    "indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "scenario_value": {"vi": "Kịch bản", "en": "Scenario"},
    "target": {"vi": "Mục tiêu", "en": "Target"},
    "grdp_growth": {"vi": "Tăng trưởng GRDP", "en": "Real GRDP growth"},
    "grdp_deflator": {"vi": "Chỉ số giảm phát GRDP", "en": "GRDP deflator"},
    "grdp_current_prices": {"vi": "GRDP giá hiện hành", "en": "GRDP at current prices"},
    "grdp_usd": {"vi": "GRDP quy đổi USD", "en": "GRDP in USD"},
    "per_capita": {"vi": "GRDP bình quân đầu người", "en": "GRDP per head"},
    "required_deflator": {
        "vi": "Chỉ số giảm phát để đạt mục tiêu GRDP/người với tăng trưởng này",
        "en": "Deflator that reaches the per-head target at this growth",
    },
    "target_deflator": {
        "vi": "Chỉ số giảm phát để hai mục tiêu tăng trưởng và GRDP/người khớp nhau",
        "en": "Deflator that reconciles the growth and per-head targets",
    },
    "gap_to_target": {"vi": "{gap} so với mục tiêu", "en": "{gap} against the target"},
    # the quarters
    "quarters": {"vi": "Các quý còn lại", "en": "The remaining quarters"},
    "no_ytd": {
        "vi": "Chưa nhập tăng trưởng lũy kế năm {year}: đường lũy kế theo kịch bản.",
        "en": "No {year} year-to-date growth entered: the path follows the scenario.",
    },
    "remaining": {
        "vi": (
            "Với số liệu lũy kế đã công bố ({published}), để đạt mục tiêu {target} cả năm, mỗi "
            "quý còn lại cần tăng {need} so cùng kỳ."
        ),
        "en": (
            "Given the year-to-date figures published ({published}), reaching {target} for the "
            "year needs each remaining quarter to grow {need} on the same quarter a year before."
        ),
    },
    # the structure
    "structure": {"vi": "Cơ cấu kinh tế năm {year}", "en": "Economic structure, {year}"},
    "no_structure": {
        "vi": "Kế hoạch không nêu chỉ tiêu cơ cấu kinh tế.",
        "en": "The plan states no structure target.",
    },
    "base_share": {"vi": "Năm {base}", "en": "{base}"},
    "plan_share": {"vi": "Năm {year}", "en": "{year}"},
    "gap_points": {"vi": "Chênh lệch (điểm %)", "en": "Gap (points)"},
    "path_scenario": {
        "vi": "Các khu vực tăng như kịch bản, giá các ngành tăng như nhau.",
        "en": "Sectors grow as the scenario sets, with equal sector prices.",
    },
    "path_pattern": {
        "vi": "Các khu vực tăng theo tương quan năm {base}, giá các ngành tăng như nhau.",
        "en": "Sectors grow in their {base} pattern, with equal sector prices.",
    },
    "solver": {"vi": "Điều kiện để đạt cơ cấu mục tiêu", "en": "What the target structure needs"},
    "verdict_line": {
        "vi": "{closure}: {verdict} (khu vực xa lịch sử nhất: {sector}, cần tăng {need}, "
        "{z} độ lệch chuẩn)",
        "en": "{closure}: {verdict} (sector furthest from its record: {sector}, needs {need}, "
        "{z} standard deviations)",
    },
    "no_solution": {"vi": "{closure}: không có lời giải", "en": "{closure}: no solution"},
    # the probabilities
    "probabilities": {
        "vi": "Khả năng đạt mục tiêu năm {year}",
        "en": "Chance of meeting the {year} targets",
    },
    "event": {"vi": "Mục tiêu", "en": "Target"},
    "probability": {"vi": "Xác suất", "en": "Probability"},
    "standard_error": {"vi": "Sai số chuẩn", "en": "Standard error"},
    "event_growth": {"vi": "Tăng trưởng ≥ {target}", "en": "Growth ≥ {target}"},
    "event_per_capita": {"vi": "GRDP/người ≥ {target}", "en": "Per head ≥ {target}"},
    "event_structure": {
        "vi": "Cơ cấu trong khoảng ± {tolerance} điểm",
        "en": "Structure within ± {tolerance} points",
    },
    "event_joint": {"vi": "Tất cả cùng đạt", "en": "All together"},
    "draws": {
        "vi": "Mô phỏng Monte Carlo {draws} lượt (báo cáo: 200.000), hạt giống {seed}.",
        "en": "Monte Carlo of {draws} draws (the reports: 200,000), seed {seed}.",
    },
    # the chart
    "chart_title": {"vi": "Tăng trưởng lũy kế năm {year}", "en": "Year-to-date growth, {year}"},
    "chart_path": {"vi": "Kịch bản", "en": "Scenario"},
    "chart_band90": {"vi": "Khoảng 90 %", "en": "90 % band"},
    "chart_band50": {"vi": "Khoảng 50 %", "en": "50 % band"},
    "chart_published": {"vi": "Đã công bố", "en": "Published"},
    "chart_required": {"vi": "Cần có để đạt mục tiêu", "en": "Needed for the target"},
    "chart_target": {"vi": "Mục tiêu {target}", "en": "Target {target}"},
}


def word(key: str, lang: str = "vi", **values: object) -> str:
    """The explorer's word for ``key`` in ``lang``, with ``values`` filled in.

    Raises
    ------
    KeyError
        An unknown key, or a value the words name that was not given.
    """
    text = WORDS[key][check_lang(lang)]
    return text.format(**values) if values or "{" in text else text


_RANGES = (
    ("rule_plausible", re.compile(r"plausible range (-?[\d,]*\.?\d+)\.\.(-?[\d,]*\.?\d+)")),
    ("rule_within", re.compile(r"within (-?[\d,]*\.?\d+)\.\.(-?[\d,]*\.?\d+)")),
)


def _number_in(text: str, lang: str) -> str:
    """A number written in English (``1,000.5``) rewritten in ``lang``'s format."""
    plain = text.replace(",", "")
    decimals = len(plain.split(".")[1]) if "." in plain else 0
    return format_number(float(plain), decimals, lang)


def refusal_text(field: str, rule: str, lang: str = "vi") -> str:
    """What the page shows next to a control when a value is refused.

    English shows the rule as the scenario model, the writer or the plausibility check words
    it (as ``make check`` does). Vietnamese gives the same rule in Vietnamese for what the page
    can refuse: a name that is not ``[a-z0-9_-]+`` or is taken, a value outside the model's
    range or the plausible range (the range in Vietnamese format), a value that is not a
    number; any other rule is said to be a scenario rule, never shown in English.
    """
    if check_lang(lang) == "en":
        return word("refused", "en", rule=rule)
    if field == "name":
        key = "rule_name_taken" if "exists already" in rule else "rule_name"
        return word("refused", "vi", rule=word(key, "vi"))
    for key, pattern in _RANGES:
        found = pattern.search(rule)
        if found:
            low, high = (_number_in(v, "vi") for v in found.groups())
            return word("refused", "vi", rule=word(key, "vi", low=low, high=high))
    key = "rule_finite" if "finite number" in rule else "rule_other"
    return word("refused", "vi", rule=word(key, "vi"))


__all__ = ["WORDS", "refusal_text", "word"]
