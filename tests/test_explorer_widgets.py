"""The explorer page driven from Python: set a control's value, read the panels.

:class:`analysis.report.explorer_widgets.Explorer` is built on the project's own plan packs
(nothing is saved here; ``test_explorer_saving.py`` saves into a copy). A change of a control
runs its handler at once (ipywidgets' observers are synchronous), so every assertion reads
what the page shows after the change.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import jupytext
import nbformat
import papermill as pm
import pytest

from analysis.outlook.explorer import explore
from analysis.outlook.explorer_settings import settings_from_scenario
from analysis.report.explorer_widgets import PANELS, Explorer, open_explorer
from analysis.report.labels import format_quantity

N_DRAWS = 4_000
"""A small draw keeps these tests quick; only the probabilities depend on it."""


def cell(html: str, row: str, column: int = 1) -> str:
    """The text of cell ``column`` of the row ``data-row=row`` of a panel."""
    found = re.search(
        rf'<tr data-row="{re.escape(row)}">.*?<td data-column="{column}">(.*?)</td>', html, re.S
    )
    assert found, f"no row {row!r} in the panel"
    return found.group(1)


@pytest.fixture
def page() -> Explorer:
    return Explorer("bac-giang-2024", "target", n_draws=N_DRAWS)


def test_opens_on_the_scenario_with_its_figures(page):
    assert page.controls["start"].value == "target"
    assert page.controls["growth"].value == pytest.approx(14.5)
    assert page.controls["deflator"].value == pytest.approx(2.89)
    figures = page.panels["figures"].value
    assert cell(figures, "per_capita") == "4.500 USD"  # 4,500.07 in Vietnamese format
    assert cell(figures, "per_capita", 2) == "4.500 USD"  # the target
    assert "Khám phá kịch bản năm 2024" in page.title.value
    for key in PANELS:
        assert page.panels[key].value, key


def test_growth_from_14_5_to_15_5_updates_every_figure(page):
    before = {key: page.panels[key].value for key in PANELS}
    old = page.exploration
    page.controls["growth"].value = 15.5
    x = page.exploration
    assert x is not old and x.growth == pytest.approx(0.155)
    # 3,950 x 1.155 x 1.0289 / 1.034086 = 4,539.37 USD
    assert x.per_capita_usd == pytest.approx(4539.37, abs=0.01)
    figures = page.panels["figures"].value
    assert cell(figures, "per_capita") == "4.539 USD"
    assert cell(figures, "grdp_growth") == "15,50 %"
    assert cell(figures, "grdp_current_prices") == format_quantity(
        x.grdp_current_prices, "trillion VND", 1, "vi"
    )
    for key in ("figures", "chart", "probabilities", "structure"):
        assert page.panels[key].value != before[key], key
    # the same numbers as explore() on the same settings
    again = explore(page.plan, page.settings, n_draws=N_DRAWS, basis=page.basis)
    assert again.per_capita_usd == x.per_capita_usd
    assert (again.probabilities == x.probabilities).all().all()
    assert page.seconds is not None and page.seconds > 0


def test_each_slider_moves_its_figure(page):
    x0 = page.exploration
    page.controls["deflator"].value = 4.0
    assert page.exploration.deflator == pytest.approx(0.04)
    assert page.exploration.grdp_current_prices > x0.grdp_current_prices
    page.controls["population_growth"].value = 3.0
    assert page.exploration.per_capita_usd < x0.per_capita_usd * 1.04 / 1.0289
    usd = page.exploration.grdp_usd
    page.controls["depreciation"].value = 5.0
    assert page.exploration.grdp_usd < usd
    page.controls["exchange_rate"].value = 25000
    assert page.settings.exchange_rate == 25000
    assert page.exploration.grdp_usd < usd


def test_english_by_the_toggle(page):
    page.controls["lang"].value = "en"
    assert "Explore a scenario for 2024" in page.title.value
    assert cell(page.panels["figures"].value, "per_capita") == "4,500 USD"
    page.controls["lang"].value = "vi"
    assert cell(page.panels["figures"].value, "per_capita") == "4.500 USD"


def test_opens_in_english():
    page = Explorer("bac-giang-2024", "target", lang="en", n_draws=N_DRAWS)
    assert page.controls["lang"].value == "en"
    assert "Explore a scenario for 2024" in page.title.value
    assert cell(page.panels["figures"].value, "per_capita") == "4,500 USD"


def test_published_quarters_give_what_the_rest_needs(page):
    page.controls["ytd:Q1"].value = "8,0"  # typed the Vietnamese way
    assert page.settings.ytd_actuals == {"Q1": 8.0}
    # (14.5 - 0.21 x 8.0) / (1 - 0.21) = 16.2278 %
    assert page.exploration.remaining_growth == pytest.approx(0.162278, abs=1e-6)
    assert "16,23 %" in page.panels["quarters"].value
    page.controls["ytd:Q1"].value = ""
    assert page.exploration.remaining_growth is None


def test_text_that_is_not_a_number_is_refused_next_to_its_field(page):
    x = page.exploration
    page.controls["ytd:Q1"].value = "tám"
    assert "Không nhận" in page.controls.rules["ytd"].value
    assert page.exploration is x


def test_a_refused_value_keeps_the_figures_and_shows_the_rule(page):
    figures = page.panels["figures"].value
    assert not page.change(replace(page.settings, growth=250.0))
    assert "Không nhận" in page.controls.rules["growth"].value
    assert page.status.value  # the figures are said to be the last valid ones
    assert page.panels["figures"].value == figures
    page.controls["growth"].value = 15.0
    assert page.controls.rules["growth"].value == ""
    assert page.status.value == ""


def test_growth_by_sector(page):
    page.controls["growth_mode"].value = "sectors"
    assert page.settings.growth_by_sectors
    assert page.controls.sector_box.layout.display == ""
    assert page.exploration.structure.by_scenario
    assert page.exploration.growth == pytest.approx(0.145, abs=1e-4)
    industry = page.controls["sector:industry_construction"]
    industry.value = industry.value + 2.0
    assert page.exploration.growth > 0.145
    page.controls["price_mode"].value = "sectors"
    assert page.settings.prices_by_sectors
    page.controls["growth_mode"].value = "aggregate"
    assert not page.settings.growth_by_sectors and not page.settings.prices_by_sectors


def test_prices_by_sector_need_growth_by_sector(page):
    page.controls["price_mode"].value = "sectors"
    assert page.controls["price_mode"].value == "deflator"
    assert page.controls.rules["price_mode"].value


def test_start_and_reset(page):
    page.controls["start"].value = "high"
    assert page.settings == settings_from_scenario(page.plan.scenario("high"))
    page.controls["growth"].value = 17.0
    page.controls["reset"].click()
    assert page.settings == settings_from_scenario(page.plan.scenario("high"))


def test_another_plan(page):
    page.controls["plan"].value = "bac-giang-2025"
    assert page.plan.id == "bac-giang-2025"
    assert "2025" in page.title.value
    assert page.exploration.plan_year == 2025
    assert page.controls["start"].value == page.plan.scenario(None).name


def test_open_explorer_reads_the_plan_variable(monkeypatch):
    monkeypatch.setenv("BACGIANG_EXPLORE_PLAN", "bac-giang-2025")
    assert open_explorer(n_draws=N_DRAWS).plan.id == "bac-giang-2025"


# --- notebooks/explore.ipynb only shows the page ------------------------------------------

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "explore.ipynb"


def test_explore_notebook_is_paired_clean_and_parameterised():
    stored = nbformat.read(NOTEBOOK, as_version=4)
    script = jupytext.read(NOTEBOOK.with_suffix(".py"))
    code = [c for c in stored.cells if c.cell_type == "code"]
    assert [c.source.strip() for c in code] == [
        c.source.strip() for c in script.cells if c.cell_type == "code"
    ]
    assert all(not c.get("outputs") and not c.get("execution_count") for c in code)
    assert [c for c in code if "parameters" in c.metadata.get("tags", [])] == code[:1]
    assert stored.metadata.kernelspec.name == "python3"
    assert "open_explorer(plan, scenario, lang)" in code[-1].source


@pytest.mark.notebook
def test_explore_notebook_runs_and_shows_the_page(tmp_path):
    out = tmp_path / NOTEBOOK.name
    pm.execute_notebook(
        str(NOTEBOOK),
        str(out),
        parameters={"plan": "bac-giang-2024", "scenario": "high", "lang": "en"},
        kernel_name="python3",
        cwd=str(NOTEBOOK.parent),
        progress_bar=False,
    )
    outputs = [o for c in nbformat.read(out, as_version=4).cells for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("name") == "stderr"]
    views = [o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert len(views) == 1


def _page_text(page: Explorer) -> str:
    """Every word the page shows: title, panels, labels, rules, buttons and choices."""
    from language_check import visible_text

    c = page.controls
    html = [page.title.value, page.status.value, c.saved.value]
    html += [panel.value for panel in page.panels.values()]
    html += [w.value for w in (*c.labels.values(), *c.rules.values())]
    words = [visible_text(text, title=False) for text in html if text]
    for widget in c.widgets.values():
        words.append(str(getattr(widget, "description", "") or ""))
        words.append(str(getattr(widget, "placeholder", "") or ""))
        for option in getattr(widget, "options", ()) or ():
            words.append(str(option[0] if isinstance(option, tuple) else option))
    return "\n".join(words)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_page_is_in_one_language(lang):
    from language_check import foreign_sentences

    page = Explorer("bac-giang-2024", "target", lang=lang, n_draws=N_DRAWS)
    page.controls["ytd:Q1"].value = "8"
    page.controls["growth_mode"].value = "sectors"
    page.change(replace(page.settings, population_growth=float("nan")))  # a rule shown
    text = _page_text(page)
    assert page.controls.rules["population_growth"].value
    assert not foreign_sentences(text, lang), foreign_sentences(text, lang)
