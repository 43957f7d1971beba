"""The basis of each scale of the Monte Carlo, in the report's language (report 05).

:func:`analysis.economics.calibration.calibrate_scales` records one English sentence per scale
(``Calibration.assumptions``, with the plan pack's own basis in words). In English the report
shows that record; in Vietnamese this module words the basis from the calibration's figures:
the growth record's years, spread and mean, the plan errors, the named outlier years of the
pack, the assumed scales and what the simulation does with them. The pack's basis text is in
English, so a Vietnamese row points to it (``assumptions.csv``) instead of quoting it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from analysis.report.labels import check_lang, format_number, format_percent

if TYPE_CHECKING:
    from analysis.economics.calibration import Calibration

#: Outlier events of a plan pack (``outlier_year_<event>``) in Vietnamese.
EVENT_WORDS: dict[str, str] = {
    "outbreak": "đợt bùng phát dịch COVID-19 năm {year}",
    "rebound": "sự phục hồi năm {year}",
}

_SIDE_VI: dict[str, str] = {
    "deflator_sigma": "{value} điểm %, giả định{basis}; rút độc lập với tăng trưởng.",
    "population_sigma": "{value} điểm %, giả định{basis}.",
    "depreciation_sigma": ("{value} điểm %, giả định{basis}; rút độc lập với tăng trưởng và giá."),
    "relative_price_sd": (
        "{value} điểm %, giả định{basis}: độ phân tán hằng năm của biến động giá (log) mỗi khu "
        "vực so với chỉ số giảm phát GRDP (bình quân bằng 0, độc lập giữa các khu vực và với "
        "tăng trưởng). Chỉ làm thay đổi tỷ trọng giá hiện hành (chỉ tiêu cơ cấu); GRDP/người "
        "dùng mẫu rút của chỉ số giảm phát."
    ),
}

_PACK_BASIS_VI = " (cơ sở và nguồn ghi trong tệp assumptions.csv của bộ kế hoạch)"


def _points(fraction: float, lang: str) -> str:
    return format_number(100.0 * fraction, 2, lang)


def shock_words(shocks: Mapping[int, str]) -> list[str]:
    """The pack's outlier years ``{2021: "outbreak"}`` in Vietnamese; an event without
    words here is named by its year."""
    return [
        EVENT_WORDS.get(event, "năm {year}").format(year=int(year))
        for year, event in sorted(shocks.items())
    ]


def _joined_vi(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} và {names[-1]}"


def _growth_basis_vi(cal: Calibration, shocks: Mapping[int, str]) -> str:
    years = f"{cal.years[0]}–{cal.years[-1]}" if cal.years else "của chuỗi"
    n = len(cal.years)
    mean = format_percent(100.0 * cal.mean_growth, 2, "vi")
    spread = (
        f"Thang đo bình quân {_points(cal.sigma, 'vi')} điểm %: độ lệch chuẩn (n − 1) của tăng "
        f"trưởng thực {years} quanh mức bình quân {mean} ({n} năm), coi là cú sốc mà kế hoạch "
        "đặt từ đầu năm không lường trước được"
    )
    named = shock_words(shocks)
    spread += f"; đã gồm {_joined_vi(named)}." if named else "."
    if not cal.plan_years:
        return f"{spread} Không có năm nào có cả kế hoạch và thực hiện: không lệch (σ1 = σ2)."
    error = format_number(100.0 * cal.mean_plan_error, 2, "vi")
    error = f"+{error}" if cal.mean_plan_error > 0 else error
    return (
        f"{spread} Độ lệch theo thực hiện trừ kế hoạch (bình quân {error} điểm %, "
        f"{len(cal.plan_years)} năm): hai thang đo được tách sao cho trung bình − mốt bằng sai "
        "lệch kế hoạch bình quân, √(2/π)(σ2 − σ1) = ē; kế hoạch bị hụt thì phía dưới mốt nặng "
        "hơn. Với chỉ một hay hai năm có cả kế hoạch và thực hiện, đây là nhận định dựa trên số "
        "liệu, không phải một ước lượng thống kê."
    )


def _side_basis_vi(scale: str, value: float, has_basis: bool) -> str:
    if scale == "relative_price_sd" and value == 0.0:
        return (
            "0 điểm %: giá các khu vực không được rút; giá mọi khu vực biến động theo chỉ số "
            "giảm phát, nên tỷ trọng giá hiện hành chỉ thay đổi theo tăng trưởng thực."
        )
    basis = _PACK_BASIS_VI if has_basis else " không ghi cơ sở"
    return _SIDE_VI[scale].format(value=_points(value, "vi"), basis=basis)


def calibration_basis(
    calibration: Calibration,
    overridden: Mapping[str, float],
    shocks: Mapping[int, str],
    lang: str = "vi",
    pack_bases: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The basis of each scale of :meth:`Calibration.to_frame`, in ``lang``.

    ``overridden`` holds the scales the scenario sets (points); ``shocks`` the pack's outlier
    years (:func:`analysis.outlook.record.outlier_years`); ``pack_bases`` the pack's basis of
    each assumed scale (only whether one is given matters in Vietnamese). English: the
    calibration's own record.
    """
    if check_lang(lang) == "en":
        return dict(calibration.assumptions)
    bases = dict(pack_bases or {})
    out = {}
    for scale in calibration.to_frame().index:
        value = float(getattr(calibration, scale))
        if scale in overridden:
            out[scale] = (
                f"{_points(value, 'vi')} điểm %, do tệp kịch bản đặt (uncertainty.{scale}) thay "
                "cho giá trị hiệu chỉnh từ số liệu công bố."
            )
        elif scale in ("sigma_lower", "sigma_upper"):
            out[scale] = _growth_basis_vi(calibration, shocks)
        else:
            out[scale] = _side_basis_vi(scale, value, bool(str(bases.get(scale, "")).strip()))
    return out
