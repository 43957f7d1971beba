"""The figures leadership reads in the reports, pinned to hand calculations.

The target scenario: growth 14.5 %, deflator 2.89 %, population +1.68 %, depreciation +1.7 %,
base 181.9 trillion VND ≈ 7.6 bn USD and 3,950 USD per head (resolution), so 181.9e12 / 7.6e9
= 23,934.21 VND/USD.

- nominal GRDP 2024 = 181.9 × 1.145 × 1.0289 = 214.29 trillion VND → "214,3"
- GRDP in USD = 214.29e12 / (23,934.21 × 1.017 = 24,341.1) = 8.80 bn USD → "8,80"
- per head = 3,950 × 1.145 × 1.0289 / (1.0168 × 1.017) = 4,500.1 USD → "4.500"
- deflator the two targets need = (4500/3950)(1.0168)(1.017)/1.145 − 1 = 2.888 % → "2,89 %"
- ICOR = 103,500 / (214,291 − 181,900 = 32,391 billion VND) = 3.195 → "3,20"

Report 02, the structural shift (the 2023 structure 65.7 / 21.3 / 13.0 %, taxes in services):

- the 2022 weights revealed by the 2023 contributions (methodology §2): 11.88 / 17.25 =
  0.688696, 1.10 / 6.56 = 0.167683, 0.32 / 2.63 = 0.121673, taxes 0.15 / 7.14 = 0.021008;
  rolled to 2023 with the 2023 growth, w (1 + g): 0.807496, 0.178683, 0.124873, 0.022508,
  sum 1.133560 → 2023 weights 0.712354, 0.157630, 0.110160, 0.019856;
- the 2023 pattern scaled to 14.5 %: Σ w (1 + g_2023) = 0.835235 + 0.167971 + 0.113057 +
  0.021274 = 1.137537, k = 1.145 / 1.137537 = 1.006561; industry 1.1725 k − 1 = 18.02 %,
  agriculture 1.0263 k − 1 = 3.30 %, services 7.26 % and taxes 7.85 %;
- contributions: industry 0.712354 × 18.019 = 12.84 points, agriculture 0.110160 × 3.303 =
  0.36, services with taxes 0.157630 × 7.259 + 0.019856 × 7.843 = 1.30;
- shares at equal prices: 65.7 × 1.18019 = 77.538, 21.3 × (1 + 1.300 / 17.749 = 1.07325) =
  22.860, 13.0 × 1.03303 = 13.429; sum 113.827 → 68.1 / 20.1 / 11.8 %;
- closure A (test_closures.test_equal_prices_2024_targets_by_hand): 17.85 / 10.13 / −0.15 %
  against the 2016–2019 and 2023 means 21.57 / 7.17 / 2.15 %, services 3.7 standard
  deviations away: stretched.

Report 04, the four scenarios of 2024 (181.9 × (1 + g)(1 + π); per head 3,950 (1 + g)(1 + π) /
((1 + n)(1 + e)), n = 1.68 %; in USD at 181.9e12 / 7.6e9 × (1 + e) VND per USD):

- continuation 13.75 % / 2.30 % / e 1.7 %: 211.67 trillion VND, 8.70 bn USD, 4,445 USD;
- high 16 % / 3.5 % / 1.7 %: 218.39, 8.97, 4,586; low 11 % / 1.8 % / 2.2 %: 205.54, 8.40, 4,295;
- 2 of 4 reach 4,500 USD (the target scenario's 4,500.07 and the high one's).

Report 05, the uncertainty of the target scenario:

- the scales: growth 2016–2023 (10.73, 13.33, 15.96, 16.1, 13, 7.82, 19.3, 13.45 %) has
  standard deviation 3.5114 points; split so that √(2/π)(σ2 − σ1) = −1.05 (the 2023 plan
  miss): σ2 − σ1 = −1.31597, σ1 = 4.1694 → "4,17", σ2 = 2.8534 → "2,85";
- P(below the mode) = 4.1694 / 7.0229 = 59 %; the mean 14.5 − 1.05 = 13.45 %;
- P(growth ≥ 14.5 %) = σ2 / (σ1 + σ2) = 0.40631 → "40,6 %" (200,000 draws, standard error
  0.11 point: the seeded draw gives the closed form's first decimal);
- the random walk with drift on log GRDP: exp(mean log(1 + g)) − 1 over the eight years =
  13.66 %, 0.84 point below the plan's 14.5 %.
"""

from pathlib import Path

import papermill as pm
import pytest

from analysis.run.export import export_html

ROOT = Path(__file__).resolve().parents[1]


def _report(tmp_path: Path, notebook: str, lang: str) -> str:
    out = tmp_path / f"{notebook}.ipynb"
    pm.execute_notebook(
        str(ROOT / "notebooks" / f"{notebook}.ipynb"),
        str(out),
        parameters={"scenario": "target", "lang": lang},
        kernel_name="python3",
        cwd=str(ROOT / "notebooks"),
        progress_bar=False,
    )
    return export_html(out, tmp_path / f"{notebook}.html", lang).read_text(encoding="utf-8")


@pytest.mark.notebook
def test_trajectory_report_states_the_hand_computed_figures(tmp_path):
    html = _report(tmp_path, "01_grdp_trajectory", "vi")
    assert "<strong>214,3 nghìn tỷ đồng</strong>" in html
    assert "<strong>8,80\ntỷ USD</strong>" in html or "<strong>8,80 tỷ USD</strong>" in html
    assert "<strong>4.500 USD</strong>" in html
    assert "<strong>14,50 %</strong>" in html


@pytest.mark.notebook
def test_trajectory_report_in_english_uses_english_numbers(tmp_path):
    html = _report(tmp_path, "01_grdp_trajectory", "en")
    assert "<strong>214.3 trillion VND</strong>" in html
    assert "<strong>4,500 USD</strong>" in html


@pytest.mark.notebook
def test_consistency_report_states_deflator_and_icor(tmp_path):
    html = _report(tmp_path, "03_target_consistency", "vi")
    assert "<strong>2,89 %</strong>" in html
    assert "<strong>3,20</strong>" in html


def _text(html: str) -> str:
    """The page's visible words on one line (tags dropped, entities read, spaces collapsed)."""
    import html as html_module
    import re

    body = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", body)).split())


@pytest.mark.notebook
def test_structure_report_states_the_hand_computed_figures(tmp_path):
    text = _text(_report(tmp_path, "02_structural_shift", "vi"))
    assert "cơ cấu năm 2024 là 68,1 % / 20,1 % / 11,8 % ; chênh lệch so với mục tiêu" in text
    assert "0,1 / -0,5 / 0,4 điểm %" in text
    assert "Công nghiệp - xây dựng 12,84; Dịch vụ 1,30; Nông, lâm nghiệp, thuỷ sản 0,36" in text
    assert "ngành dịch vụ phải tăng 10,13 %, cách bình quân lịch sử 3,7 độ lệch chuẩn: căng" in text
    for row in (
        "Công nghiệp - xây dựng 17,85 % 21,57 % -1,0",
        "Dịch vụ 10,13 % 7,17 % 3,7",
        "Nông, lâm nghiệp, thuỷ sản -0,15 % 2,15 % -0,8",
    ):
        assert f"Giá các ngành tăng như nhau {row}" in text


@pytest.mark.notebook
def test_comparison_report_states_the_hand_computed_figures(tmp_path):
    out = tmp_path / "04_scenario_comparison.ipynb"
    pm.execute_notebook(
        str(ROOT / "notebooks" / "04_scenario_comparison.ipynb"),
        str(out),
        parameters={"scenarios": ["target", "continuation", "low", "high"], "lang": "vi"},
        kernel_name="python3",
        cwd=str(ROOT / "notebooks"),
        progress_bar=False,
    )
    text = _text(export_html(out, tmp_path / "04.html", "vi").read_text(encoding="utf-8"))
    assert "GRDP bình quân đầu người từ 4.295 USD (Kịch bản thấp) đến 4.586 USD" in text
    assert "2 trong 4 kịch bản đạt mục tiêu 4.500 USD" in text
    for row in (
        "Kịch bản tiếp nối năm 2023 13,75 % 2,30 % 211,7 8,70 4.445",
        "Kịch bản cao 16,00 % 3,50 % 218,4 8,97 4.586",
        "Kịch bản thấp 11,00 % 1,80 % 205,5 8,40 4.295",
        "Kịch bản mục tiêu Nghị quyết 14,50 % 2,89 % 214,3 8,80 4.500",
    ):
        assert row in text
    assert "Kịch bản mục tiêu Nghị quyết 40,6 % (± 0,1)" in text


@pytest.mark.notebook
def test_uncertainty_report_states_the_hand_computed_figures(tmp_path):
    text = _text(_report(tmp_path, "05_uncertainty", "vi"))
    assert "độ lệch phía dưới 4,17 điểm %, phía trên 2,85 điểm %" in text
    assert "khả năng thấp hơn mức trung tâm là 59 %, kỳ vọng 13,45 %" in text
    assert "khả năng đạt mục tiêu tăng trưởng 14,5 % là 40,6 %" in text
    assert "dự báo năm 2024 tăng 13,66 %" in text
    assert "cao hơn dự báo điểm 0,84 điểm %" in text
