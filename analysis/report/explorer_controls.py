"""The explorer's controls: ipywidgets built, labelled in a language, and set from settings.

:class:`Controls` holds every control of the explorer page (the language, the plan and the
starting scenario, the modes, a slider per assumption, the year-to-date fields, the save
form), each with its label above it and a place for a refusal's rule below it
(:attr:`Controls.rules`). :meth:`Controls.show` sets them from
:class:`~analysis.outlook.explorer_settings.ExplorerSettings` and the plan's ranges;
:meth:`Controls.relabel` writes every label in the page's language. The wiring (what a change
does) is :mod:`analysis.report.explorer_widgets`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import ipywidgets as widgets

from analysis.data.scenarios import SECTORS
from analysis.report.explorer_words import word
from analysis.report.labels import label
from analysis.report.templating import render

if TYPE_CHECKING:
    from analysis.outlook.explorer import ExplorerBasis
    from analysis.outlook.explorer_settings import ExplorerSettings

YTD_PERIODS: tuple[str, ...] = ("Q1", "6M", "9M")
"""The year-to-date figures a scenario records, in order."""

CONTROL_WIDTH = "440px"
EXCHANGE_RATE_SPAN = 0.1
"""The exchange-rate slider moves within ± 10 % of the starting scenario's rate."""

FIELD_CONTROLS: dict[str, str] = {
    "name": "name",
    "label": "name",
    "growth": "growth",
    "growth.aggregate": "growth",
    "quarterly_growth": "growth",
    "prices": "deflator",
    "prices.deflator": "deflator",
    "population_growth": "population_growth",
    "exchange_rate.base": "exchange_rate",
    "exchange_rate.depreciation": "depreciation",
    "ytd_actuals": "ytd",
}
"""The control next to which a refusal of a scenario field is shown (others: the status)."""


def control_for(field: str) -> str:
    """The control key showing a refusal of scenario field ``field`` (``growth.aggregate``)."""
    if field.startswith("growth.sectors."):
        return f"sector:{field.rsplit('.', 1)[-1]}"
    if field.startswith("prices.sectors."):
        return f"price:{field.rsplit('.', 1)[-1]}"
    if field.startswith("ytd_actuals"):
        return "ytd"
    return FIELD_CONTROLS.get(field, "status")


def control_class(key: str) -> str:
    """The CSS class a control carries on the page (``explorer-control-growth``,
    ``explorer-control-sector-agriculture``): what a browser (and its test) finds it by."""
    return "explorer-control-" + key.replace(":", "-").replace("_", "-")


def _slider(step: float = 0.01, fmt: str = ".2f") -> widgets.FloatSlider:
    return widgets.FloatSlider(
        min=-100.0,
        max=100.0,
        step=step,
        readout_format=fmt,
        continuous_update=False,
        layout=widgets.Layout(width=CONTROL_WIDTH),
    )


def _toggle(options: list[tuple[str, str]]) -> widgets.ToggleButtons:
    return widgets.ToggleButtons(options=options, style={"button_width": "140px"})


def parse_percent(text: str) -> float | None:
    """A percent typed in either language (``8,9`` or ``8.9``); None for an empty field.

    Raises
    ------
    ValueError
        Text that is not a number.
    """
    cleaned = text.strip().replace("%", "").strip()
    if not cleaned:
        return None
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    return float(cleaned)


def set_slider(slider: widgets.FloatSlider, low: float, high: float, value: float) -> None:
    """Set a slider's range and value together (the value inside the range)."""
    with slider.hold_trait_notifications():
        if low > slider.max:
            slider.max = high
            slider.min = low
        else:
            slider.min = low
            slider.max = high
        slider.value = min(max(value, low), high)


class Controls:
    """Every control of the explorer, its label and the place of its rule."""

    def __init__(self) -> None:
        self.widgets: dict[str, widgets.Widget] = {
            "lang": _toggle([("Tiếng Việt", "vi"), ("English", "en")]),
            "plan": widgets.Dropdown(layout=widgets.Layout(width=CONTROL_WIDTH)),
            "start": widgets.Dropdown(layout=widgets.Layout(width=CONTROL_WIDTH)),
            "reset": widgets.Button(layout=widgets.Layout(width="200px")),
            "growth_mode": _toggle([("", "aggregate"), ("", "sectors")]),
            "price_mode": _toggle([("", "deflator"), ("", "sectors")]),
            "growth": _slider(),
            "deflator": _slider(),
            "population_growth": _slider(),
            "exchange_rate": _slider(step=1.0, fmt=".0f"),
            "depreciation": _slider(),
            "name": widgets.Text(layout=widgets.Layout(width="220px")),
            "label": widgets.Text(layout=widgets.Layout(width="220px")),
            "overwrite": widgets.Checkbox(value=False, indent=False),
            "save": widgets.Button(button_style="primary", layout=widgets.Layout(width="120px")),
        }
        for sector in SECTORS:
            self.widgets[f"sector:{sector}"] = _slider()
            self.widgets[f"price:{sector}"] = _slider()
        for period in YTD_PERIODS:
            self.widgets[f"ytd:{period}"] = widgets.Text(
                continuous_update=False, layout=widgets.Layout(width="140px")
            )
        for key, widget in self.widgets.items():
            widget.add_class(control_class(key))
        self.labels: dict[str, widgets.HTML] = {}
        self.rules: dict[str, widgets.HTML] = {}
        keys = [k for k in self.widgets if not k.startswith("ytd:")] + ["ytd", "status"]
        for key in keys:
            self.labels[key] = widgets.HTML()
            self.rules[key] = widgets.HTML()
        self.sector_box = widgets.VBox([self.row(f"sector:{s}") for s in SECTORS])
        self.price_box = widgets.VBox([self.row(f"price:{s}") for s in SECTORS])
        self.saved = widgets.HTML()

    def __getitem__(self, key: str) -> widgets.Widget:
        return self.widgets[key]

    def row(self, key: str) -> widgets.VBox:
        """A control with its label above and its rule below."""
        return widgets.VBox([self.labels[key], self.widgets[key], self.rules[key]])

    def ytd_row(self) -> widgets.VBox:
        """The year-to-date fields side by side, with their label and rule."""
        fields = [self.widgets[f"ytd:{p}"] for p in YTD_PERIODS]
        return widgets.VBox([self.labels["ytd"], widgets.HBox(fields), self.rules["ytd"]])

    def save_row(self) -> widgets.VBox:
        """The save form: name, label, overwrite, the button, and what happened."""
        name = widgets.VBox([self.labels["name"], self.widgets["name"]])
        text = widgets.VBox([self.labels["label"], self.widgets["label"]])
        return widgets.VBox(
            [
                widgets.HBox([name, text]),
                widgets.HBox([self.widgets["overwrite"], self.widgets["save"]]),
                self.rules["name"],
                self.saved,
            ]
        )

    def relabel(self, lang: str, plan_year: int, base_year: int) -> None:
        """Write every label in ``lang`` (the years from the plan)."""
        words = {
            "plan": word("plan", lang),
            "start": word("start", lang),
            "growth_mode": word("growth_mode", lang),
            "price_mode": word("price_mode", lang),
            "growth": word("growth", lang),
            "deflator": word("deflator", lang),
            "population_growth": word("population_growth", lang),
            "exchange_rate": word("exchange_rate", lang, base=base_year),
            "depreciation": word("depreciation", lang, year=plan_year),
            "ytd": word("ytd", lang, year=plan_year),
            "name": f"{word('name', lang)} ({word('name_hint', lang)})",
            "label": word("label", lang),
        }
        for sector in SECTORS:
            name = label(sector, lang)
            words[f"sector:{sector}"] = word("sector_growth", lang, sector=name)
            words[f"price:{sector}"] = word("sector_price", lang, sector=name)
        for key, text in words.items():
            self.labels[key].value = text_html(text, "explorer-label")
        for period in YTD_PERIODS:
            self.widgets[f"ytd:{period}"].placeholder = label(period, lang)
            self.widgets[f"ytd:{period}"].description = ""
        self._relabel_buttons(lang)

    def _relabel_buttons(self, lang: str) -> None:
        self.widgets["growth_mode"].options = [
            (word("by_aggregate", lang), "aggregate"),
            (word("by_sectors", lang), "sectors"),
        ]
        self.widgets["price_mode"].options = [
            (word("by_deflator", lang), "deflator"),
            (word("by_sectors", lang), "sectors"),
        ]
        self.widgets["reset"].description = word("reset", lang)
        self.widgets["save"].description = word("save", lang)
        self.widgets["overwrite"].description = word("overwrite", lang)

    def show(self, settings: ExplorerSettings, basis: ExplorerBasis, start_rate: float) -> None:
        """Set every control from ``settings``, each slider within its range for the plan."""
        from analysis.outlook.explorer import slider_range

        def put(key: str, range_key: str, value: float | None) -> None:
            if value is not None:
                set_slider(self.widgets[key], *slider_range(basis, range_key, value), value)

        self.widgets["growth_mode"].value = "sectors" if settings.growth_by_sectors else "aggregate"
        self.widgets["price_mode"].value = "sectors" if settings.prices_by_sectors else "deflator"
        put("growth", "growth", settings.growth)
        put("deflator", "deflator", settings.deflator)
        put("population_growth", "population_growth", settings.population_growth)
        put("depreciation", "depreciation", settings.depreciation)
        for sector in SECTORS:
            put(f"sector:{sector}", f"sector_growth.{sector}", _get(settings.sector_growth, sector))
            put(f"price:{sector}", "deflator", _get(settings.sector_prices, sector))
        span = EXCHANGE_RATE_SPAN * start_rate
        low, high = round(start_rate - span), round(start_rate + span)
        low, high = min(low, settings.exchange_rate), max(high, settings.exchange_rate)
        set_slider(self.widgets["exchange_rate"], low, high, settings.exchange_rate)
        for period in YTD_PERIODS:
            value = settings.ytd_actuals.get(period)
            self.widgets[f"ytd:{period}"].value = "" if value is None else f"{value:g}"
        self.show_modes(settings)

    def show_modes(self, settings: ExplorerSettings) -> None:
        """Show the aggregate or the four parts, the deflator or the parts' prices."""
        by_sectors, prices = settings.growth_by_sectors, settings.prices_by_sectors
        self._display("growth", not by_sectors)
        self.sector_box.layout.display = "" if by_sectors else "none"
        self._display("deflator", not prices)
        self.price_box.layout.display = "" if prices else "none"

    def _display(self, key: str, visible: bool) -> None:
        for part in (self.labels[key], self.widgets[key], self.rules[key]):
            part.layout.display = "" if visible else "none"

    def sector_values(self, kind: str) -> dict[str, float]:
        """The four parts' slider values (``kind``: ``sector`` or ``price``), percent."""
        return {s: float(self.widgets[f"{kind}:{s}"].value) for s in SECTORS}

    def ytd_values(self, lang: str) -> dict[str, float | None]:
        """The year-to-date fields as percent (None: empty).

        Raises
        ------
        ValueError
            A field that is not a number (the message in ``lang``).
        """
        out: dict[str, float | None] = {}
        for period in YTD_PERIODS:
            text = self.widgets[f"ytd:{period}"].value
            try:
                out[period] = parse_percent(text)
            except ValueError:
                raise ValueError(f"{label(period, lang)}: {word('not_a_number', lang)}") from None
        return out

    def show_rules(self, rules: Mapping[str, str]) -> None:
        """Show each rule next to its control; clear the others."""
        for key, place in self.rules.items():
            text = rules.get(key, "")
            place.value = text_html(text, "explorer-rule") if text else ""


def _get(values: Mapping[str, float] | None, key: str) -> float | None:
    return None if values is None else values.get(key)


def text_html(text: str, kind: str) -> str:
    """A line of the page (``explorer_text.html.j2``): ``kind`` is its CSS class
    (``explorer-label``, ``explorer-rule``, ``explorer-ok``)."""
    return render("explorer_text.html.j2", text=text, kind=kind)


__all__ = [
    "CONTROL_WIDTH",
    "FIELD_CONTROLS",
    "YTD_PERIODS",
    "Controls",
    "control_class",
    "control_for",
    "parse_percent",
    "set_slider",
    "text_html",
]
