"""Notebook 6, the scorecard, on the illustrative actuals: the leadership HTML says what was met.

Expected verdicts are worked out by hand from tests/fixtures/actuals/illustrative_actuals_2024.csv
and data/raw/targets_2024.csv (47 targets):

- met (8): GRDP per head 4,620 ≥ 4,500; poverty 1.6 ≤ 1.8; labour share industry 46.4 within
  46.1 ± 0.5; labour share services 31.7 at the edge of 31.2 ± 0.5; temporary housing 100 = 100;
  new party members 3.5 in 3–4; 230 ≥ 200 new members in non-state enterprises; merger done.
- not met (7): GRDP growth 13.6 < 14.5; budget 15,200 < 16,000; trained labour 76.9 < 78;
  certified labour 32.5 < 34; urban unemployment 2.8 > 2.5; labour share agriculture 23.5
  outside 22.7 ± 0.5; security hotspots not done.
- in year (6): social investment 55,000 / 103,500 = 0.531 after half a year, pace 1.06: on
  track; industry share 6M (67 − 65.7) / (68 − 65.7) = 0.565, pace 1.13: on track; tourist
  arrivals 1.5 / 2.3 = 0.652 after 0.75 of the year, pace 0.87: needs acceleration;
  protracted complaints not yet done: needs acceleration; agriculture share 6M
  1 − 1.4 / 1.6 = 0.125, pace 0.25: off track; services share 9M 21.8 is 1.2 from 20.6 while
  2023 (21.3) was 0.7 away: wrong direction.
- no data: 47 − 8 − 7 − 6 = 26.

The headline counts the resolution's 15 main targets (groups), as leadership does: a group is
met when every figure of it has the year's result and all are met, not met when one figure's
result misses. Met: (2) GRDP per head and (12) the merger, each the group's only figure, so
2 of 15. Not met: (1) growth, (3) budget, (8) labour (trained, certified, unemployment,
agriculture share), (14) security hotspots: 4. Open: 15 − 2 − 4 = 9. A full year's data:
groups 2, 3, 8 (all six labour figures are results of the year) and 12: 4 of 15.

The record for the in-year view: 2023 Q1 8.4 %, Q2 13.5 %, Q3 14.59 % published; Q4 implied
by the year's 13.45 % and the weights of the year before, the pack's 2022 weights
21.98 / 24.99 / 26.24 / 26.80 % (sum 100.01, rescaled to 0.2197780 / 0.2498750 / 0.2623738 /
0.2679732): (13.45 − 0.2197780 × 8.4 − 0.2498750 × 13.5 − 0.2623738 × 14.59) / 0.2679732
= (13.45 − 9.0474814) / 0.2679732 = 16.43 % (the plan year's 21 / 25 / 26.5 / 27.5 % would
give 16.16 %). The required growth is still worked with the plan year's weights.
"""

import html
import shutil
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd
import papermill as pm
import pytest

from analysis.economics.scorecard import assess
from analysis.report.scorecard_view import style_scorecard
from analysis.run.export import export_html

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "06_scorecard.ipynb"
FIXTURE = ROOT / "tests" / "fixtures" / "actuals" / "illustrative_actuals_2024.csv"


class _Page(HTMLParser):
    """The visible text of a page and the cells of its table rows."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.rows: list[list[str]] = []
        self._skip = 0
        self._in_cell = False

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self._skip += 1
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th") and self.rows:
            self.rows[-1].append("")
            self._in_cell = True

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip -= 1
        elif tag in ("td", "th"):
            self._in_cell = False

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        if self._in_cell and self.rows and self.rows[-1]:
            self.rows[-1][-1] += data


def _run(tmp_path: Path, actuals: str, lang: str) -> tuple[str, _Page]:
    out = tmp_path / "06_scorecard.ipynb"
    pm.execute_notebook(
        str(NOTEBOOK),
        str(out),
        parameters={"scenario": "target", "lang": lang, "actuals": actuals},
        kernel_name="python3",
        cwd=str(ROOT / "notebooks"),
        progress_bar=False,
    )
    nb = nbformat.read(out, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") in ("stream", "error")]
    page = _Page()
    body = export_html(out, tmp_path / "06_scorecard.html", lang).read_text(encoding="utf-8")
    page.feed(body)
    return body, page


def _row(page: _Page, indicator: str) -> list[str]:
    """Every cell of the scorecard row of ``indicator`` (name as in the targets table)."""
    rows = [[c.strip() for c in r] for r in page.rows if r and r[0].strip() == indicator]
    assert len(rows) == 1, f"{indicator!r}: {len(rows)} rows"
    return rows[0]


def _verdict(page: _Page, indicator: str) -> list[str]:
    """The row up to the assessment word (the last cell, the figure's source, left out)."""
    return _row(page, indicator)[:-1]


def _words(page: _Page) -> str:
    return " ".join("".join(page.text).split())


@pytest.mark.notebook
def test_scorecard_in_english_on_the_illustrative_actuals(tmp_path):
    body, page = _run(tmp_path, str(FIXTURE), "en")
    text = _words(page)
    assert "Groups of targets met: 2 of 15 (8 of 47 figures)" in text
    assert "met 2 of 15, not met 4, awaiting the year's results 9" in text
    assert "full year's data for 4 of 15 groups" in text
    assert "met: 8; not met: 7" in text
    assert "on track 2, needs acceleration 2, off track 1, wrong direction 1" in text
    assert "no data: 26" in text
    # Row: indicator, unit, target, period, actual, gap closed (%), assessment.
    # GRDP per head: (4620 − 3950) / (4500 − 3950) = 670 / 550 = 121.8 % of the gap.
    assert _verdict(page, "GRDP per head") == [
        "GRDP per head",
        "USD",
        "≥ 4,500",
        "2024",
        "4,620",
        "121.8",
        "Met",
    ]
    # The fixture's figure: an estimate, its source text and date, shown beside the verdict.
    assert _row(page, "GRDP per head")[-1] == (
        "Estimate · ILLUSTRATIVE test figure - not a published result, 2024-12-20"
    )
    # GRDP growth on levels: 13.6 / 14.5 = 0.938 of the gap; missed.
    growth = _verdict(page, "GRDP growth (constant 2010 prices)")
    assert growth[4:] == ["13.6", "93.8", "Not met"]
    # Certified labour: (32.5 − 33) / (34 − 33) = −0.5: moved away from the target.
    assert _verdict(page, "Share of workers with diplomas or certificates")[5:] == [
        "-50.0",
        "Not met",
    ]
    assert _verdict(page, "No security or public-order hotspots arise")[-1] == "Not met"
    assert _verdict(page, "Poor-household rate (2021-2025 multidimensional standard)")[-1] == (
        "Met"
    )
    assert _verdict(page, "Tourist arrivals")[-1] == "Needs acceleration"
    assert _verdict(page, "Forest cover")[-1] == "No data"
    # After 9 months at 12.0 %, with 2023 weights 21, 25, 26.5, 27.5 %, the fourth quarter
    # needed (14.5 − 12.0 × 0.725) / 0.275 = 5.8 / 0.275 = 21.09 %.
    assert "each remaining quarter then needed 21.09 %" in text
    # 21.09 % is above every quarter of 2023, whose best is the implied Q4, 16.43 %.
    assert "above every quarter of 2023 (the best, 2023 Q4: 16.43 %): implausible" in text
    assert "2023 Q3 14.59 % (published)" in text
    assert "2023 Q4 16.43 % (implied by the year's growth and the assumed quarterly" in text
    # the weights that split the 2023 record, 2022's, to one decimal
    assert (
        "The 2023 quarters not published as such are implied from its year-to-date figures "
        "with the quarterly weights of 2022 GRDP: 22.0; 25.0; 26.2; 26.8 % (an assumption of "
        "the plan pack)."
    ) in text
    # The fixture's figures appear with the colour of their light.
    assert "#1a9850" in body and "#67001f" in body


@pytest.mark.notebook
def test_scorecard_in_vietnamese_from_a_folder(tmp_path):
    folder = tmp_path / "actuals"
    folder.mkdir()
    shutil.copy(FIXTURE, folder / "illustrative.csv")
    _, page = _run(tmp_path, str(folder), "vi")
    text = _words(page)
    assert "Nhóm chỉ tiêu đạt: 2/15 (8/47 chỉ số)" in text
    assert "quý IV/2023 16,43 % (suy ra từ tăng trưởng cả năm và tỷ trọng quý giả định)" in text
    assert "tỷ trọng GRDP các quý năm 2022: 22,0; 25,0; 26,2; 26,8 %" in text
    assert _verdict(page, "GRDP bình quân đầu người")[4:] == ["4.620", "121,8", "Đạt"]
    assert _verdict(page, "Tỷ lệ lao động thất nghiệp thành thị")[-1] == "Không đạt"
    assert _verdict(page, "Thu hút lượt khách du lịch")[-1] == "Cần tăng tốc"


@pytest.mark.notebook
def test_scorecard_without_actuals_lists_targets_and_invents_nothing(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    _, page = _run(tmp_path, str(folder), "en")
    text = _words(page)
    assert "No actual results yet" in text
    assert "python -m analysis actuals-template" in text
    assert "data/raw/plans/bac-giang-2024/actuals/actuals_2024.csv" in text
    assert "targets met" not in text
    for word in ("Met", "Not met", "On track", "Off track"):
        assert not [r for r in page.rows if r and r[-1].strip() == word]
    # The targets are listed with the resolution's figures: GRDP per head at least 4,500 USD.
    per_head = [r for r in page.rows if len(r) > 1 and r[1].strip() == "GRDP per head"]
    assert per_head and per_head[0][3].strip() == "≥\u00a04,500"


def test_styled_scorecard_escapes_names_from_the_data(targets_and_no_actuals):
    table = targets_and_no_actuals.copy()
    table.loc[table.index[0], "name_en"] = "<script>alert(1)</script> & co"
    out = style_scorecard(table, "en").to_html()
    assert "<script>alert" not in out
    assert html.escape("<script>alert(1)</script> & co") in out


@pytest.fixture
def targets_and_no_actuals() -> pd.DataFrame:
    from analysis import load_targets
    from analysis.data.actuals import empty_actuals

    return assess(load_targets(), empty_actuals())
