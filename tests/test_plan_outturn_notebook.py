"""The plan-against-outturn notebook (07): runs on the real pack in both languages, and says
plainly that there is no outturn, showing nothing else, when the actuals lack the year's growth.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_notebooks import _assert_clean_report, _execute

from analysis import load_plan
from analysis.report.titles import report_title

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "07_plan_outturn.ipynb"
N_DRAWS = 20_000  # the fan's figures are tested elsewhere; fewer draws keep the run short


def _shown(nb) -> str:
    """Everything the reader sees: Markdown and HTML outputs, and Markdown cells."""
    parts = [c.source for c in nb.cells if c.cell_type == "markdown"]
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            parts.append(data.get("text/markdown", "") + data.get("text/html", ""))
    return "\n".join(parts)


def _outputs(nb) -> list:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


@pytest.mark.notebook
@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("vi", ["13,85 %", "12,93", "0,22 (phần còn lại)", "phân vị thứ", "-2,93"]),
        ("en", ["13.85 %", "12.93", "0.22 (residual)", "percentile**", "-2.93"]),
    ],
)
def test_plan_outturn_runs_on_the_real_pack(tmp_path, lang, words):
    plan = load_plan()
    nb = _execute(
        NOTEBOOK,
        tmp_path / NOTEBOOK.name,
        {"plan": plan.id, "lang": lang, "seed": plan.seed, "n_draws": N_DRAWS},
    )
    _assert_clean_report(nb)
    shown = _shown(nb)
    for word in words:
        assert word in shown, word
    assert "image/png" in shown or "data:image/png;base64" in shown  # the chart


@pytest.mark.notebook
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_without_the_years_growth_it_says_so_and_shows_nothing_else(tmp_path, lang):
    plan = load_plan()
    folder = tmp_path / "actuals"
    folder.mkdir()
    (folder / "in_year.csv").write_text(
        "indicator_id,period,value,unit,kind,as_of,source\n"
        f"grdp_growth,{plan.in_year_periods[0]},8.9,% growth,estimate,"
        f"{plan.plan_year}-04-05,Provincial press conference\n",
        encoding="utf-8",
    )
    nb = _execute(
        NOTEBOOK,
        tmp_path / NOTEBOOK.name,
        {"plan": plan.id, "lang": lang, "actuals": str(folder), "n_draws": 1000},
    )
    _assert_clean_report(nb)
    outputs = _outputs(nb)
    assert len(outputs) == 2, "the title, one message and nothing else"
    title = outputs[0]["data"]["text/markdown"]
    assert title == report_title("plan_outturn", plan.plan_year, lang).join(["# ", ""])
    message = outputs[1]["data"]["text/markdown"]
    expected = "**Chưa có kết quả cả năm" if lang == "vi" else "**No result for the full year"
    assert message.startswith(f"{expected} {plan.plan_year}")


@pytest.mark.notebook
def test_a_plan_whose_year_has_no_published_growth_gets_the_message(tmp_path):
    # the 2025 pack: no full-year figure is published for the former province after the merger
    nb = _execute(NOTEBOOK, tmp_path / NOTEBOOK.name, {"plan": "bac-giang-2025", "lang": "vi"})
    outputs = _outputs(nb)
    assert len(outputs) == 2
    assert outputs[0]["data"]["text/markdown"] == "# Kế hoạch và kết quả thực hiện năm 2025"
    assert outputs[1]["data"]["text/markdown"].startswith("**Chưa có kết quả cả năm 2025.**")
