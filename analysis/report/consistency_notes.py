"""The consistency report's technical notes, worded in the report's language.

The economics writes each row of the consistency report with a ``note_id`` and the ``figures``
of its note (:func:`analysis.economics.consistency_rows.report_row`); its ``note`` column is
the English record. This module words the same note from the id and the figures, in Vietnamese
or English, every number in the report's own format (``103.500 / 32.391 tỷ đồng``; ``103,500 /
32,391 billion VND``). Fractions arrive as fractions and are shown as percent.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from analysis.report.labels import check_lang, format_number, format_percent, label

Figures = Mapping[str, Any]


def _pct(x: float | None, lang: str, decimals: int = 2) -> str:
    """A fraction as percent: 0.0289 → ``2,89 %``."""
    return format_percent(None if x is None else 100.0 * float(x), decimals, lang)


def _signed(x: float, decimals: int, lang: str) -> str:
    text = format_number(x, decimals, lang)
    return f"+{text}" if float(x) > 0 and text.strip("0,.") else text


def _pt(x: float, lang: str, decimals: int = 2) -> str:
    """A difference of fractions in points with its sign: 0.00026 → ``+0,03``."""
    return _signed(100.0 * float(x), decimals, lang)


def _num(x: float, decimals: int, lang: str) -> str:
    return format_number(float(x), decimals, lang)


def _limit(z: float, lang: str) -> str:
    return _num(z, 0 if float(z).is_integer() else 1, lang)


def _vi(lang: str) -> bool:
    return check_lang(lang) == "vi"


def _sector(key: str, lang: str) -> str:
    return label(str(key), lang)


# --- per head and nominal GRDP --------------------------------------------------------------


def _national(f: Figures, lang: str) -> str:
    year = f.get("national_year")
    tail = "" if year is None else f" ({int(year)})"
    return f"{'cả nước' if _vi(lang) else 'national'} {_pct(f['national'], lang)}{tail}"


def _deflator_band(f: Figures, lang: str) -> str:
    basis = _national(f, lang)
    province = f.get("province") or {}
    if province:
        years = ", ".join(f"{int(y)}: {_pct(v, lang)}" for y, v in province.items())
        basis += f"; {'tỉnh' if _vi(lang) else 'province'} {years}"
    band = f"{_pct(f['low'], lang)} – {_pct(f['high'], lang)}"
    tol = _num(100.0 * f["tolerance"], 2, lang)
    n, e = _pct(f["population_growth"], lang), _pct(f["depreciation"], lang)
    if _vi(lang):
        why = {
            "above": "mục tiêu GRDP/người cần giá tăng nhanh hơn các mức tham chiếu",
            "below": "dưới khoảng: với mức giảm phát thông thường, mục tiêu GRDP/người vượt",
            "inside": "nằm trong khoảng",
        }[f["position"]]
        return (
            f"π* = (y*/y0)(1+n)(1+e)/(1+g*) − 1 với dân số tăng n {n}, tỷ giá tăng e {e}; "
            f"khoảng tham chiếu {band} ({basis}, ± {tol} điểm %); {why}"
        )
    why = {
        "above": "the per-head target needs prices to rise faster than the references",
        "below": "below the band: at a usual deflator the per-head target is exceeded",
        "inside": "inside the band",
    }[f["position"]]
    return (
        f"π* = (y*/y0)(1+n)(1+e)/(1+g*) − 1 with n {n}, e {e}; band {band} ({basis}, "
        f"± {tol} pt); {why}"
    )


def _nominal_grdp(f: Figures, lang: str) -> str:
    grdp = _num(f["grdp"], 1, lang)
    g, pi = _num(1 + f["growth"], 4, lang), _num(1 + f["deflator"], 4, lang)
    return f"GRDP {int(f['year'])} × (1 + g*)(1 + π*) = {grdp} × {g} × {pi}"


def _per_capita_at_national(f: Figures, lang: str) -> str:
    target = _num(f["target"], 0, lang)
    if _vi(lang):
        return f"GRDP/người nếu giảm phát bằng mức {_national(f, lang)}; mục tiêu {target} USD"
    return f"GRDP per head if the deflator were the {_national(f, lang)}; target {target} USD"


# --- investment and ratios ------------------------------------------------------------------


def _money(x: float, lang: str) -> str:
    return f"{_num(x, 0, lang)} {label('billion VND', lang)}"


def _icor_current(f: Figures, lang: str) -> str:
    ratio = f"{_num(f['investment'], 0, lang)} / {_money(f['increase'], lang)}"
    band = f"{_num(f['low'], 1, lang)} – {_num(f['high'], 1, lang)}"
    if _vi(lang):
        return (
            f"{ratio} (GRDP tăng thêm theo giá hiện hành, giảm phát {_pct(f['deflator'], lang)}); "
            f"khoảng tham chiếu {band}"
        )
    return (
        f"{ratio} (GRDP increase at current prices, π {_pct(f['deflator'], lang)}); "
        f"reference band {band}"
    )


def _icor_constant(f: Figures, lang: str) -> str:
    ratio = f"{_num(f['investment'], 0, lang)} / {_money(f['increase'], lang)}"
    if _vi(lang):
        return f"{ratio} (GRDP tăng thêm theo giá so sánh năm {int(f['year'])})"
    return f"{ratio} (real increase at {int(f['year'])} prices)"


def _icor_statistics_office(f: Figures, lang: str) -> str:
    share, g, year = _pct(f["share"], lang), _pct(f["growth"], lang), int(f["year"])
    if _vi(lang):
        return (
            f"vốn đầu tư / GRDP {year} = {share} chia cho tăng trưởng {g}: cách tính ICOR mà cơ "
            "quan thống kê công bố, để so với số cả nước (không có trong dữ liệu)"
        )
    return (
        f"investment / GRDP {year} = {share} divided by real growth {g}: the definition of the "
        "statistics office's published ICOR, to compare with the national figure (not in the "
        "data)"
    )


def _icor_no_increase(f: Figures, lang: str) -> str:
    if _vi(lang):
        return "GRDP giá hiện hành không tăng: không tính được ICOR"
    return "nominal GRDP does not grow: no ICOR"


def _ratio(f: Figures, lang: str) -> str:
    amount, grdp = _money(f["amount"], lang), _money(f["grdp"], lang)
    year = int(f["base_year"])
    if _vi(lang):
        tail = "" if f["base_known"] else f"; không có số liệu năm {year}"
        return f"{amount} / GRDP giá hiện hành {grdp}{tail}"
    tail = "" if f["base_known"] else f"; no {year} figure in the data"
    return f"{amount} / nominal GRDP {grdp}{tail}"


def _productivity(f: Figures, lang: str) -> str:
    out, lab = _pct(f["output_share"], lang), _pct(f["labour_share"], lang)
    if _vi(lang):
        return f"tỷ trọng GRDP {out} / tỷ trọng lao động {lab}"
    return f"output share {out} / labour share {lab}"


_MISSING = {
    "structure": (
        "kế hoạch không nêu chỉ tiêu cơ cấu kinh tế (tỷ trọng giá hiện hành theo khu vực): bỏ "
        "qua các kiểm tra cơ cấu và năng suất lao động tương đối",
        "the plan states no structure target (current-price shares by sector): the structure "
        "solver's checks and relative labour productivity are left out",
    ),
    "labour_shares": (
        "kế hoạch không nêu chỉ tiêu cơ cấu lao động: bỏ qua năng suất lao động tương đối",
        "the plan states no labour structure target: relative labour productivity is left out",
    ),
    "budget_revenue": (
        "kế hoạch không nêu chỉ tiêu thu ngân sách: bỏ qua tỷ lệ thu ngân sách / GRDP",
        "the plan states no budget revenue target: budget revenue / GRDP is left out",
    ),
    "investment": (
        "kế hoạch không nêu chỉ tiêu vốn đầu tư toàn xã hội: bỏ qua ICOR và tỷ lệ vốn đầu tư "
        "/ GRDP",
        "the plan states no social investment target: the ICOR and investment / GRDP are left out",
    ),
}


def _no_target(f: Figures, lang: str) -> str:
    vi, en = _MISSING[str(f["target"])]
    return vi if _vi(lang) else en


# --- plans ----------------------------------------------------------------------------------


def source_text(source: Figures, lang: str) -> str:
    """Where a sector plan comes from (``{"kind": "master_plan", "start", "end"}`` or
    ``{"kind": "year_plan", "year"}``), as the start of a note; empty for none."""
    kind = source.get("kind") if source else None
    if kind == "master_plan":
        span = f"{int(source['start'])}–{int(source['end'])}"
        if _vi(lang):
            return (
                "tăng trưởng cho trước: điểm giữa tốc độ tăng bình quân các ngành của quy hoạch "
                f"{span}"
            )
        return f"given growth: midpoints of the {span} master plan's average sector growth"
    if kind == "year_plan":
        year = int(source["year"])
        if _vi(lang):
            return (
                f"tăng trưởng cho trước: tăng trưởng các ngành theo kế hoạch năm {year} (thuế sản "
                "phẩm tính vào dịch vụ)"
            )
        return f"given growth: the {year} plan's sector growth (product taxes in services)"
    return ""


def _lead(f: Figures, lang: str) -> str:
    words = source_text(f.get("source") or {}, lang)
    return f"{words}; " if words else ""


def _sector_plan(f: Figures, lang: str) -> str:
    year, agg, target = int(f["year"]), _pct(f["aggregate"], lang), _pct(f["target"], lang)
    gap, tol = _pt(f["gap"], lang), _num(100.0 * f["tolerance"], 2, lang)
    if _vi(lang):
        return (
            f"{_lead(f, lang)}Σ w_i (1 + g_i) − 1 với quyền số năm {year} = {agg} so với mục "
            f"tiêu {target} (chênh {gap} điểm %, dung sai ± {tol} điểm %)"
        )
    return (
        f"{_lead(f, lang)}Σ w_i (1 + g_i) − 1 with the {year} weights = {agg} against the "
        f"target {target} (gap {gap} pt, tolerance ± {tol} pt)"
    )


def _sector_plan_no_weights(f: Figures, lang: str) -> str:
    year = int(f["year"])
    if _vi(lang):
        return (
            f"{_lead(f, lang)}không có quyền số năm {year} trong dữ liệu (đóng góp và tăng "
            "trưởng các ngành năm gốc): chưa cộng được kế hoạch các ngành"
        )
    return (
        f"{_lead(f, lang)}no {year} weights in the data (the base year's contributions and "
        "sector growth): the sector plan is not added up"
    )


def _quarterly_plan(f: Figures, lang: str) -> str:
    terms = " + ".join(
        f"{_num(w, 3, lang)} × {_num(100.0 * q, 1, lang)}"
        for w, q in zip(f["weights"], f["quarters"], strict=True)
    )
    annual, target = _pct(f["annual"], lang), _pct(f["target"], lang)
    gap, tol = _pt(f["gap"], lang, 3), _num(100.0 * f["tolerance"], 2, lang)
    if _vi(lang):
        return (
            f"kịch bản từng quý năm {int(f['year'])}: Σ φ_q g_q = {terms} = {annual} so với mục "
            f"tiêu {target} (chênh {gap} điểm %, dung sai ± {tol} điểm %)"
        )
    return (
        f"the {int(f['year'])} quarterly scenario: Σ φ_q g_q = {terms} = {annual} against the "
        f"target {target} (gap {gap} pt, tolerance ± {tol} pt)"
    )


# --- structure ------------------------------------------------------------------------------


def _sector_growth_z(f: Figures, lang: str) -> str:
    sector, z = _sector(f["sector"], lang), _signed(f["z"], 2, lang)
    base, sd = _pct(f["baseline"], lang), _num(100.0 * f["sd"], 2, lang)
    if _vi(lang):
        return f"{sector}: z = {z} so với bình quân lịch sử {base} ± {sd} điểm %"
    return f"{sector}: z = {z} against baseline {base} ± {sd} pt"


def _relative_price(f: Figures, lang: str) -> str:
    sector, share = _sector(f["sector"], lang), _pct(f["target_share"], lang)
    if _vi(lang):
        text = f"(1 + p_i)/(1 + π) − 1 đưa {sector} tới tỷ trọng mục tiêu {share}"
    else:
        text = f"(1 + p_i)/(1 + π) − 1 that brings {sector} to its target share {share}"
    price_z = f.get("price_z")
    if price_z is None or f.get("price_sd") is None:
        return text
    z, tau = _signed(price_z, 1, lang), _pct(f["price_sd"], lang, 1)
    if _vi(lang):
        return (
            f"{text}; lệch {z} độ lệch chuẩn giả định ({tau}), ngưỡng {_limit(f['z_limit'], lang)}"
        )
    return f"{text}; {z} assumed standard deviations ({tau}), limit {_limit(f['z_limit'], lang)}"


def _no_solution(f: Figures, lang: str) -> str:
    reason = f.get("reason", "")
    vi = _vi(lang)
    if reason == "zero_target_share":
        names = ", ".join(_sector(k, lang) for k in f.get("sectors", []))
        if vi:
            return (
                f"tỷ trọng mục tiêu bằng 0 ở {names}: khu vực đó phải mất hẳn (1 + g_i = 0 hoặc "
                "giá giảm 100 %): không thể đạt"
            )
        return (
            f"a target share of zero for {names} needs the sector's output to vanish "
            "(1 + g_i = 0 or a 100 % price fall): unreachable"
        )
    if reason == "sector_collapse":
        floor = _pct(f["floor"], lang, 0)
        if vi:
            return f"một khu vực sẽ phải giảm từ {floor} trở lên"
        return f"a sector would have to shrink by {floor} or more"
    if reason == "growth_target_missed":
        if vi:
            return "bộ tối ưu dừng mà chưa đạt mục tiêu tăng trưởng"
        return "the optimiser stopped without meeting the growth target"
    return "bộ tối ưu không tìm được lời giải" if vi else "the optimiser found no solution"


def _closure_own(f: Figures, lang: str) -> list[str]:
    vi, closure = _vi(lang), f.get("closure")
    if closure == "equal_prices" and "mix" in f:
        common, pi = _pct(f["common_price_change"], lang), _pct(f["deflator"], lang)
        mix = _num(f["mix"], 5, lang)
        if vi:
            return [
                f"giá mọi khu vực thay đổi {common}; chỉ số giảm phát GRDP {pi} (hiệu ứng cơ "
                f"cấu Σ w s'/s = {mix})"
            ]
        return [
            f"every sector price changes by {common}; the GRDP deflator by {pi} (mix effect "
            f"Σ w s'/s = {mix})"
        ]
    if closure == "given_growth" and f.get("gap") is not None:
        agg, target, gap = _pct(f["aggregate"], lang), _pct(f["target"], lang), _pt(f["gap"], lang)
        if vi:
            return [
                f"kế hoạch các ngành cộng lại thành tăng trưởng {agg} so với mục tiêu {target} "
                f"(chênh {gap} điểm %)"
            ]
        return [
            f"the sector plans add up to {agg} real growth against the target {target} "
            f"(gap {gap} pt)"
        ]
    if closure == "min_deviation" and "price_weight" in f:
        spread = ", ".join(
            _pct(t, lang, 1) for t in sorted(set((f.get("price_sd") or {}).values()))
        )
        moves = ", ".join(
            f"{_sector(k, lang)} {_signed(100.0 * v, 2, lang)} %"
            for k, v in f["relative_prices"].items()
        )
        lam = _num(f["price_weight"], 2 if not float(f["price_weight"]).is_integer() else 0, lang)
        if vi:
            return [
                f"λ = {lam}, độ lệch chuẩn giả định của giá tương đối {spread}; giá so với "
                f"giảm phát GRDP: {moves}"
            ]
        return [
            f"λ = {lam}, relative price spread {spread}; prices against the GRDP deflator: {moves}"
        ]
    return []


def _far(f: Figures, lang: str) -> list[str]:
    limit = _limit(f["z_limit"], lang)
    vi = _vi(lang)
    words = []
    for key, z in (f.get("stretched_growth") or {}).items():
        z_text = _signed(z, 1, lang)
        words.append(
            f"{_sector(key, lang)}: tăng trưởng cần có cách bình quân lịch sử {z_text} độ lệch "
            f"chuẩn (ngưỡng {limit})"
            if vi
            else f"{_sector(key, lang)}: required growth lies {z_text} historical standard "
            f"deviations from its baseline (limit {limit})"
        )
    for key, z in (f.get("stretched_prices") or {}).items():
        z_text = _signed(z, 1, lang)
        words.append(
            f"{_sector(key, lang)}: giá tương đối lệch {z_text} độ lệch chuẩn giả định "
            f"(ngưỡng {limit})"
            if vi
            else f"{_sector(key, lang)}: relative price moves {z_text} assumed standard "
            f"deviations (limit {limit})"
        )
    return words


def _structure_closure(f: Figures, lang: str) -> str:
    lead = source_text(f.get("source") or {}, lang)
    parts = [lead] if lead else []
    if f.get("reason"):
        return "; ".join([*parts, _no_solution(f, lang)])
    return "; ".join([*parts, *_closure_own(f, lang), *_far(f, lang)]) or "–"


NOTE_WRITERS: dict[str, Callable[[Figures, str], str]] = {
    "deflator_band": _deflator_band,
    "nominal_grdp": _nominal_grdp,
    "per_capita_at_national": _per_capita_at_national,
    "icor_current": _icor_current,
    "icor_constant": _icor_constant,
    "icor_statistics_office": _icor_statistics_office,
    "icor_no_increase": _icor_no_increase,
    "ratio": _ratio,
    "productivity": _productivity,
    "no_target": _no_target,
    "sector_plan": _sector_plan,
    "sector_plan_no_weights": _sector_plan_no_weights,
    "quarterly_plan": _quarterly_plan,
    "sector_growth_z": _sector_growth_z,
    "relative_price": _relative_price,
    "structure_closure": _structure_closure,
}
"""One writer per ``note_id`` of :mod:`analysis.economics` consistency rows."""


def note_text(note_id: str, figures: Figures, lang: str = "vi") -> str:
    """The technical note of a consistency-report row in ``lang``.

    Raises
    ------
    KeyError
        ``note_id`` is not one of :data:`NOTE_WRITERS` (a row without worded note).
    """
    lang = check_lang(lang)
    if note_id not in NOTE_WRITERS:
        raise KeyError(f"note_id: no words for {note_id!r}; known {sorted(NOTE_WRITERS)}")
    text = NOTE_WRITERS[note_id](figures, lang)
    if not text or "\u0370" <= text[0] <= "\u03ff":  # π*, λ: symbols keep their case
        return text
    return text[:1].upper() + text[1:]
