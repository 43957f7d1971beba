"""Report 00, the one-page summary, executed (papermill) for the 2025 plan pack.

The lines it shows and writes beside the index are those :mod:`analysis.report.summary_page`
gives for the same figures; its one chart has a title and alt text. The 2024 pack's summary is
executed by the browser test's run and compared there with reports 02, 04 and 06; here, in
English, it holds no Vietnamese word.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import papermill as pm
import pytest

from analysis import load_plan
from analysis.outlook.results import run_tables
from analysis.outlook.summary import plan_summary
from analysis.report.summary_page import summary_text
from analysis.run.export import export_html

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "00_summary.ipynb"


@pytest.mark.notebook
def test_the_2025_summary_executes_and_writes_what_it_shows(tmp_path):
    out = tmp_path / "00_summary.ipynb"
    pm.execute_notebook(
        NOTEBOOK,
        out,
        parameters={"plan": "bac-giang-2025", "lang": "vi", "results_dir": str(tmp_path)},
        kernel_name="python3",
        progress_bar=False,
        cwd=str(ROOT / "notebooks"),
    )
    pack = load_plan("bac-giang-2025")
    summary = plan_summary(pack, run_tables(pack, pack.scenarios, pack.seed), pack.scenario())
    names = {s.name: s.label_in("vi") for s in pack.scenarios}
    written = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert written == summary_text(summary, names, "vi") + "\n"
    page = export_html(out, tmp_path / "00_summary.html", "vi", "t").read_text(encoding="utf-8")
    assert "Tóm tắt kế hoạch năm 2025" in page
    assert page.count("<img") == 1
    assert 'alt="Tăng trưởng GRDP năm 2025: các kịch bản và mục tiêu (%)' in page
    assert "Cơ cấu kinh tế" not in page, "the 2025 plan states no structure target"


VI_LETTERS = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)


@pytest.mark.notebook
def test_the_2024_summary_in_english_has_no_vietnamese_word(tmp_path):
    out = tmp_path / "00_summary.ipynb"
    pm.execute_notebook(
        NOTEBOOK,
        out,
        parameters={"plan": "bac-giang-2024", "lang": "en", "scenarios": ["target", "high"]},
        kernel_name="python3",
        progress_bar=False,
        cwd=str(ROOT / "notebooks"),
    )
    block = {"province": "Bắc Giang province", "document": "Resolution"}
    page = export_html(out, tmp_path / "00_summary.html", "en", "t", block).read_text("utf-8")
    body = page.split("<body", 1)[1]
    text = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", body, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text)).replace("Bắc Giang", "")  # a name
    assert "Summary of the 2024 plan" in text
    assert "the scenarios range from 14.50 % (“Resolution target”) to 16.00 % (“High case”)" in text
    assert not VI_LETTERS.search(text), VI_LETTERS.search(text)
