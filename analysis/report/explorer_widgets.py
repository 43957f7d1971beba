"""The explorer page: controls wired to :func:`analysis.outlook.explorer.explore`.

:class:`Explorer` is the whole page as ipywidgets: the controls of
:class:`~analysis.report.explorer_controls.Controls` on the left, the panels of
:mod:`analysis.report.explorer_view` and the chart of :mod:`analysis.report.explorer_chart` on
the right. Every change of a control makes new settings
(:mod:`analysis.outlook.explorer_settings`), computes them (:func:`explore`, on the plan's
:class:`~analysis.outlook.explorer.ExplorerBasis` read once) and rewrites the panels and the
chart in place; :attr:`Explorer.seconds` is the time that took. Settings the scenario model
refuses leave the panels as they were and show the rule next to the control. *Save* writes the
settings as a scenario of the plan (:func:`analysis.outlook.scenario_saving.save_settings`), or
shows why not next to the control concerned.

Nothing here computes a figure; ``notebooks/explore.ipynb`` only calls :func:`open_explorer`
and shows :attr:`Explorer.view`. Tests drive it from Python: set a control's ``value``, read
:attr:`Explorer.exploration` and the panels' HTML.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from analysis.data.plans import Plan, load_plan, plan_summaries
from analysis.data.scenarios import SECTORS, Scenario, scenario_files
from analysis.data.yaml_input import as_list
from analysis.errors import InputError, InputErrors
from analysis.outlook import explorer_settings as moves
from analysis.outlook.explorer import (
    EXPLORER_DRAWS,
    Exploration,
    ExplorerBasis,
    explore,
    explorer_basis,
)
from analysis.outlook.scenario_saving import save_settings
from analysis.report import explorer_view as view
from analysis.report.explorer_chart import chart_svg
from analysis.report.explorer_controls import Controls, control_for, text_html
from analysis.report.explorer_words import refusal_text, word
from analysis.report.labels import check_lang, format_fraction_as_percent, format_percent

PLAN_VARIABLE = "BACGIANG_EXPLORE_PLAN"
"""Environment variable naming the plan pack the page opens on (``make explore PLAN=...``)."""

PANELS: tuple[str, ...] = ("figures", "chart", "quarters", "probabilities", "structure")
"""The output panels, top to bottom."""


class Explorer:
    """The explorer page for a plan pack, starting from one of its scenarios.

    Parameters
    ----------
    plan : str, optional
        A plan pack id; the default pack when empty.
    scenario : str, optional
        A scenario of the pack; the pack's own (``default_scenario``) when empty.
    lang : {"vi", "en"}
        The page's language (a toggle on the page changes it).
    n_draws : int
        Monte Carlo draws per change.
    root : path-like, optional
        The project root (tests use a copy).
    """

    def __init__(
        self,
        plan: str | None = None,
        scenario: str | None = None,
        lang: str = "vi",
        *,
        n_draws: int = EXPLORER_DRAWS,
        root: str | Path | None = None,
    ) -> None:
        self.lang = check_lang(lang)
        self.n_draws = int(n_draws)
        self.root = root
        self.controls = Controls()
        self.panels = {key: widgets.HTML() for key in PANELS}
        self.title = widgets.HTML()
        self.status = widgets.HTML()
        self.seconds: float | None = None
        self.exploration: Exploration | None = None
        self._quiet = False
        self.plan: Plan
        self.basis: ExplorerBasis
        self.start: Scenario
        self.settings: moves.ExplorerSettings
        self.view = self._layout()
        self._wire()
        self._quiet = True  # no plan yet: the toggle only shows the language
        self.controls["lang"].value = self.lang
        self._quiet = False
        self.load(plan, scenario)

    # --- layout and wiring ------------------------------------------------------------------

    def _layout(self) -> widgets.Box:
        c = self.controls
        left = widgets.VBox(
            [
                c["lang"],
                c.row("plan"),
                c.row("start"),
                c["reset"],
                c.row("growth_mode"),
                c.row("growth"),
                c.sector_box,
                c.row("price_mode"),
                c.row("deflator"),
                c.price_box,
                c.row("population_growth"),
                c.row("exchange_rate"),
                c.row("depreciation"),
                c.ytd_row(),
                c.save_row(),
            ],
            layout=widgets.Layout(width="470px", padding="0 16px 0 0"),
        )
        right = widgets.VBox(
            [self.status, *(self.panels[k] for k in PANELS)], layout=widgets.Layout(flex="1")
        )
        style = widgets.HTML(view.style_html())
        return widgets.VBox([style, self.title, widgets.HBox([left, right])])

    def _wire(self) -> None:
        c = self.controls
        handlers: dict[str, Callable[[Any], None]] = {
            "lang": self._on_lang,
            "plan": lambda value: self.load(value, None),
            "start": lambda value: self.load(self.plan.id, value),
            "growth_mode": self._on_growth_mode,
            "price_mode": self._on_price_mode,
            "growth": lambda value: self.change(moves.with_growth(self.settings, value)),
            "deflator": lambda value: self.change(replace(self.settings, deflator=value)),
            "population_growth": lambda v: self.change(replace(self.settings, population_growth=v)),
            "exchange_rate": lambda v: self.change(replace(self.settings, exchange_rate=v)),
            "depreciation": lambda v: self.change(replace(self.settings, depreciation=v)),
        }
        for sector in SECTORS:
            handlers[f"sector:{sector}"] = lambda _value: self._on_sectors()
            handlers[f"price:{sector}"] = lambda _value: self._on_prices()
        for period in ("Q1", "6M", "9M"):
            handlers[f"ytd:{period}"] = lambda _value: self._on_ytd()
        for key, handler in handlers.items():
            c[key].observe(self._guarded(handler), names="value")
        c["reset"].on_click(lambda _button: self.load(self.plan.id, self.start.name))
        c["save"].on_click(lambda _button: self.save())

    def _guarded(self, handler: Callable[[Any], None]) -> Callable[[dict], None]:
        def observe(change: dict) -> None:
            if not self._quiet:
                handler(change["new"])

        return observe

    # --- loading a plan and a scenario ------------------------------------------------------

    def load(self, plan: str | None, scenario: str | None) -> None:
        """Open ``plan`` (its basis read once) on ``scenario`` and show its figures."""
        if not hasattr(self, "plan") or plan != self.plan.id:
            self.plan = load_plan(plan or None, self.root)
            self.basis = explorer_basis(self.plan)
        self.start = self.plan.scenario(scenario or None)
        self._quiet = True
        try:
            self._fill_choices()
            self.controls.show(
                moves.settings_from_scenario(self.start), self.basis, self.start.exchange_rate.base
            )
            self._relabel()
        finally:
            self._quiet = False
        self.change(moves.settings_from_scenario(self.start))

    def _fill_choices(self) -> None:
        c = self.controls
        c["plan"].options = [
            (f"{p['id']}: {p['title_en' if self.lang == 'en' else 'title_vi']}", p["id"])
            for p in plan_summaries(self.root)
        ]
        c["plan"].value = self.plan.id
        c["start"].options = [(s.label_in(self.lang), s.name) for s in self._scenarios()]
        c["start"].value = self.start.name

    def _scenarios(self) -> list[Scenario]:
        out = []
        for file in scenario_files(self.plan.paths.scenarios):
            try:
                out.append(self.plan.scenario(file))
            except (InputError, InputErrors):
                continue  # a file make check refuses is not offered
        return out

    def _relabel(self) -> None:
        self.controls.relabel(self.lang, self.plan.plan_year, self.plan.base_year)
        self.title.value = text_html(
            word("title", self.lang, year=self.plan.plan_year), "explorer-title"
        )
        self.controls["growth_mode"].disabled = self.basis.bases is None

    # --- changes ----------------------------------------------------------------------------

    def change(self, settings: moves.ExplorerSettings) -> bool:
        """Compute ``settings`` and show them; on a refusal show the rule, keep the panels.

        Returns True when the panels show the new settings.
        """
        self.settings = settings
        started = time.perf_counter()
        try:
            exploration = explore(self.plan, settings, n_draws=self.n_draws, basis=self.basis)
        except (InputError, InputErrors) as exc:
            self._refuse(exc)
            return False
        except ValueError as exc:  # a rule of the arithmetic (e.g. growth at or below -100 %)
            self._refuse(InputError("", "status", str(exc)))
            return False
        self.exploration = exploration
        self.render()
        self.seconds = time.perf_counter() - started
        return True

    def render(self) -> None:
        """Rewrite every panel and the chart from :attr:`exploration` in the page's language."""
        x, lang = self.exploration, self.lang
        if x is None:
            return
        self.panels["figures"].value = view.figures_html(x, lang)
        self.panels["chart"].value = chart_svg(x, lang)
        self.panels["quarters"].value = view.quarters_html(x, lang)
        self.panels["probabilities"].value = view.probabilities_html(x, lang)
        self.panels["structure"].value = view.structure_html(x, lang)
        self.controls.show_rules({})
        self.status.value = ""

    def _refuse(self, exc: InputError | InputErrors) -> None:
        rules: dict[str, str] = {}
        for error in as_list(exc):
            key = control_for(error.where)
            rules[key] = refusal_text(error.where, error.rule, self.lang)
        self.controls.show_rules(rules)
        self.status.value = text_html(word("stale", self.lang), "explorer-rule")

    def _on_lang(self, lang: str) -> None:
        self.lang = check_lang(lang)
        self._quiet = True
        try:
            self._fill_choices()
            self._relabel()
        finally:
            self._quiet = False
        self.render()

    def _on_sectors(self) -> None:
        weights = self.basis.bases.weights
        values = self.controls.sector_values("sector")
        self.change(moves.with_sector_growth(self.settings, values, weights))

    def _on_prices(self) -> None:
        prices = self.controls.sector_values("price")
        self.change(replace(self.settings, sector_prices=prices))

    def _on_ytd(self) -> None:
        try:
            values = self.controls.ytd_values(self.lang)
        except ValueError as exc:
            self.controls.show_rules({"ytd": word("refused", self.lang, rule=str(exc))})
            return
        self.change(moves.with_ytd(self.settings, values))

    def _on_growth_mode(self, mode: str) -> None:
        if mode == "sectors":
            settings = moves.growth_by_sectors(self.settings, self._central())
        else:
            settings = self.settings
            if settings.prices_by_sectors:  # prices by part need growth by part
                settings = moves.prices_by_deflator(settings, 100 * self._deflator())
            settings = moves.growth_by_aggregate(settings, self.basis.bases.weights)
        self._show(settings)

    def _on_price_mode(self, mode: str) -> None:
        if mode == "sectors" and not self.settings.growth_by_sectors:
            self.controls.show_rules({"price_mode": word("prices_need_sectors", self.lang)})
            self._quiet = True
            self.controls["price_mode"].value = "deflator"
            self._quiet = False
            return
        if mode == "sectors":
            bases = self.basis.bases
            settings = moves.prices_by_sectors(self.settings, bases.shares, bases.weights)
        else:
            settings = moves.prices_by_deflator(self.settings, 100 * self._deflator())
        self._show(settings)

    def _central(self) -> dict[str, float]:
        try:
            return self.basis.central_sector_growth(self.settings)
        except InputError:  # no sector record: every part at the aggregate
            return dict.fromkeys(SECTORS, float(self.settings.growth))

    def _deflator(self) -> float:
        return self.exploration.deflator if self.exploration is not None else 0.0

    def _show(self, settings: moves.ExplorerSettings) -> None:
        self._quiet = True
        try:
            self.controls.show(settings, self.basis, self.start.exchange_rate.base)
        finally:
            self._quiet = False
        self.change(settings)

    # --- saving -----------------------------------------------------------------------------

    def description(self) -> dict[str, str]:
        """The saved scenario's description in both languages, from the figures shown."""
        x = self.exploration
        out = {}
        for lang in ("vi", "en"):
            out[lang] = word(
                "description",
                lang,
                start=self.start.label_in(lang),
                growth=format_fraction_as_percent(x.growth, 2, lang),
                deflator=format_fraction_as_percent(x.deflator, 2, lang),
                population=format_percent(self.settings.population_growth, 2, lang),
                depreciation=format_percent(self.settings.depreciation, 2, lang),
            )
        return out

    def save(self) -> Path | None:
        """Write the settings as a scenario of the plan, or show why not (nothing written)."""
        c = self.controls
        name = c["name"].value.strip()
        text = c["label"].value.strip() or name
        try:
            path = save_settings(
                self.plan,
                self.settings,
                name,
                label={"vi": text, "en": text},
                description=self.description() if self.exploration is not None else None,
                overwrite=bool(c["overwrite"].value),
                start=self.start,
                basis=self.basis,
            )
        except (InputError, InputErrors) as exc:
            self._refuse(exc)
            c.saved.value = ""
            return None
        c.show_rules({})
        shown = os.path.relpath(path, self.plan.paths.scenarios.parent.parent)
        c.saved.value = text_html(word("saved", self.lang, path=shown), "explorer-ok")
        self._quiet = True
        try:
            self._fill_choices()
        finally:
            self._quiet = False
        return path


def open_explorer(
    plan: str | None = None, scenario: str | None = None, lang: str = "vi", **options: Any
) -> Explorer:
    """The explorer page; an empty ``plan`` reads :data:`PLAN_VARIABLE`, then the default."""
    return Explorer(
        plan or os.environ.get(PLAN_VARIABLE) or None, scenario or None, lang, **options
    )


__all__ = ["PANELS", "PLAN_VARIABLE", "Explorer", "open_explorer"]
