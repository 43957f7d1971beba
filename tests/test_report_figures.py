"""The figures leadership reads in the reports, pinned to hand calculations.

The target scenario: growth 14.5 %, deflator 2.89 %, population +1.68 %, depreciation +1.7 %,
base 181.9 trillion VND ≈ 7.6 bn USD and 3,950 USD per head (resolution), so 181.9e12 / 7.6e9
= 23,934.21 VND/USD.

- nominal GRDP 2024 = 181.9 × 1.145 × 1.0289 = 214.29 trillion VND → "214,3"
- GRDP in USD = 214.29e12 / (23,934.21 × 1.017 = 24,341.1) = 8.80 bn USD → "8,80"
- per head = 3,950 × 1.145 × 1.0289 / (1.0168 × 1.017) = 4,500.1 USD → "4.500"
- deflator the two targets need = (4500/3950)(1.0168)(1.017)/1.145 − 1 = 2.888 % → "2,89 %"
- ICOR = 103,500 / (214,291 − 181,900 = 32,391 billion VND) = 3.195 → "3,20"
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
