"""Scenario files: the unit a planner edits, validated before anything runs.

A scenario is one YAML file in ``scenarios/`` (percent units, like every file of the project).
:func:`load_scenario` reads it with a safe YAML loader (plain values only: a tag that would
build a Python object is refused), validates it with pydantic (unknown keys, wrong types and
implausible values are refused) and returns a frozen :class:`Scenario`. Any problem raises
:class:`~analysis.errors.InputError` naming the file, the field path (``growth.aggregate``)
and the rule broken; several problems raise :class:`~analysis.errors.InputErrors`.

Percent becomes a fraction here and nowhere else: :func:`analysis.outlook.inputs.projection_inputs`
hands the economics layer fractions (0.145 for 14.5 %).

The schema, with the plausibility rules::

    name: target                  # equals the file stem; [a-z0-9_-]+
    label: {vi: "...", en: "..."}  # 1..200 characters each
    description: {vi: "...", en: "..."}   # optional, up to 4000 characters each
    growth:                       # real growth at constant 2010 prices, %, -50..+60
      aggregate: 14.5             # optional when all four sectors are given
      sectors: {industry_construction: 18.0, services: 7.0, agriculture: 3.0, product_taxes: 7.0}
    prices:                       # % change, -30..+50
      deflator: 2.9               # GRDP deflator; optional when all four sector prices are given
      sectors: {}
    population_growth: 1.68       # %, -5..+10
    exchange_rate:
      base: 23934                 # VND per USD, 2023 average, 10,000..50,000
      depreciation: 1.7           # % change in VND per USD, -50..+50
    quarterly_weights: [21.0, 25.0, 26.5, 27.5]   # % of 2023 GRDP, each >= 0, sum 100 +- 0.01
    quarterly_growth: null        # optional: four single-quarter y/y growth rates, %
    structure_convention: taxes_in_services     # or gso4, gva_only
    ytd_actuals: {}               # optional cumulative y/y growth published: Q1, 6M, 9M (%)
    uncertainty: {}               # optional Monte Carlo scales, points: sigma_lower, sigma_upper
                                  # (0.01..100), deflator_sigma, population_sigma,
                                  # depreciation_sigma, relative_price_sd (0..100)
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from analysis.data import paths
from analysis.data.plan_spec import default_plan_id
from analysis.data.yaml_input import (
    Bilingual,
    LongBilingual,
    Strict,
    as_list,
    collected,
    input_errors,
    raise_collected,
    read_mapping,
    show,
)
from analysis.errors import InputError, InputErrors

SECTORS = ("industry_construction", "services", "agriculture", "product_taxes")
"""The four parts of GRDP a scenario may give growth or prices for (product taxes included)."""

STRUCTURE_CONVENTIONS = ("taxes_in_services", "gso4", "gva_only")
"""How a three-sector structure treats product taxes (methodology section 1)."""

NAME_PATTERN = re.compile(r"[a-z0-9_-]+")
"""A scenario name: lower-case letters, digits, ``_`` and ``-`` (it becomes a folder name)."""

QUARTER_WEIGHT_TOLERANCE = 0.01
"""Quarterly weights (percent) must sum to 100 within this many points."""

QUARTER_GROWTH_TOLERANCE = 0.05
"""A quarterly path and an annual growth given together must agree within this many points."""


# --- plausibility rules -------------------------------------------------------------------


def _within(low: float, high: float, what: str, unit: str = "%") -> AfterValidator:
    """A validator refusing values outside ``low..high`` (inclusive)."""

    def check(value: float) -> float:
        if not low <= value <= high:
            raise ValueError(f"{what} must lie within {low:,g}..{high:,g} {unit}, got {value:,g}")
        return value

    return AfterValidator(check)


GrowthPercent = Annotated[float, _within(-50, 60, "real growth")]
PricePercent = Annotated[float, _within(-30, 50, "price change")]
PopulationPercent = Annotated[float, _within(-5, 10, "population growth")]
VndPerUsd = Annotated[float, _within(10_000, 50_000, "exchange rate", "VND per USD")]
DepreciationPercent = Annotated[float, _within(-50, 50, "depreciation")]
WeightPercent = Annotated[float, _within(0, 100, "quarterly weight")]
ScalePercent = Annotated[float, _within(0, 100, "uncertainty scale")]
GrowthScalePercent = Annotated[float, _within(0.01, 100, "growth scale")]


class SectorGrowth(Strict):
    """Real growth by sector, percent; a sector left out is not given."""

    industry_construction: GrowthPercent | None = None
    services: GrowthPercent | None = None
    agriculture: GrowthPercent | None = None
    product_taxes: GrowthPercent | None = None

    def given(self) -> dict[str, float]:
        """The sectors given, in :data:`SECTORS` order, percent."""
        return {s: getattr(self, s) for s in SECTORS if getattr(self, s) is not None}


class SectorPrices(Strict):
    """Price change by sector, percent; a sector left out is not given."""

    industry_construction: PricePercent | None = None
    services: PricePercent | None = None
    agriculture: PricePercent | None = None
    product_taxes: PricePercent | None = None

    def given(self) -> dict[str, float]:
        """The sectors given, in :data:`SECTORS` order, percent."""
        return {s: getattr(self, s) for s in SECTORS if getattr(self, s) is not None}


class Growth(Strict):
    """Real GRDP growth at constant 2010 prices: the aggregate, by sector, or both."""

    aggregate: GrowthPercent | None = None
    sectors: SectorGrowth = SectorGrowth()

    @model_validator(mode="after")
    def _aggregate_or_every_sector(self) -> Growth:
        if self.aggregate is None and len(self.sectors.given()) < len(SECTORS):
            raise ValueError(
                "give growth.aggregate, or the growth of all four sectors "
                f"({', '.join(SECTORS)}) so that the aggregate is implied"
            )
        return self


class Prices(Strict):
    """Price changes: the GRDP deflator, by sector, or both."""

    deflator: PricePercent | None = None
    sectors: SectorPrices = SectorPrices()

    @model_validator(mode="after")
    def _deflator_or_every_sector(self) -> Prices:
        if self.deflator is None and len(self.sectors.given()) < len(SECTORS):
            raise ValueError(
                "give prices.deflator, or the price change of all four sectors "
                f"({', '.join(SECTORS)}) so that the deflator is implied"
            )
        return self


class ExchangeRate(Strict):
    """The VND per USD annual average of the base year and its change to 2024."""

    base: VndPerUsd
    depreciation: DepreciationPercent


class YtdActuals(Strict):
    """Published cumulative year-on-year growth so far in 2024, percent."""

    model_config = ConfigDict(populate_by_name=False)

    q1: GrowthPercent | None = Field(default=None, alias="Q1")
    h1: GrowthPercent | None = Field(default=None, alias="6M")
    m9: GrowthPercent | None = Field(default=None, alias="9M")

    def given(self) -> list[float]:
        """The cumulative figures published, in order (Q1, 6M, 9M), stopping at the first gap."""
        out: list[float] = []
        for value in (self.q1, self.h1, self.m9):
            if value is None:
                break
            out.append(value)
        return out

    @model_validator(mode="after")
    def _no_gaps(self) -> YtdActuals:
        values = (self.q1, self.h1, self.m9)
        if len(self.given()) != sum(v is not None for v in values):
            raise ValueError("give the published periods in order without gaps: Q1, then 6M, 9M")
        return self


class Uncertainty(Strict):
    """Scales of the Monte Carlo set by the scenario, percent points; each overrides the one
    calibrated from the published record
    (:func:`analysis.outlook.scenario_outlook.scenario_calibration`)."""

    sigma_lower: GrowthScalePercent | None = None
    sigma_upper: GrowthScalePercent | None = None
    deflator_sigma: ScalePercent | None = None
    population_sigma: ScalePercent | None = None
    depreciation_sigma: ScalePercent | None = None
    relative_price_sd: ScalePercent | None = None
    """Spread of each sector's yearly log price change relative to the GRDP deflator, points
    (default :data:`analysis.economics.closures.DEFAULT_PRICE_SD`); 0 holds relative prices
    fixed."""

    def given(self) -> dict[str, float]:
        """The scales given, percent points, keyed by field name."""
        return {k: v for k, v in self.model_dump().items() if v is not None}


def _check_four(values: list[float] | None) -> list[float] | None:
    if values is not None and len(values) != 4:
        raise ValueError(f"must hold 4 values (Q1, Q2, Q3, Q4), got {len(values)}")
    return values


def _check_weights(values: list[float]) -> list[float]:
    _check_four(values)
    total = math.fsum(values)
    if abs(total - 100.0) > QUARTER_WEIGHT_TOLERANCE:
        raise ValueError(
            f"must sum to 100 within {QUARTER_WEIGHT_TOLERANCE:g}, got {total:.6g} "
            f"({' + '.join(f'{v:g}' for v in values)})"
        )
    return values


class Scenario(Strict):
    """One validated scenario (percent units, as in the file).

    :func:`analysis.outlook.inputs.projection_inputs` hands its assumptions to the economics
    layer as fractions.
    ``path`` is the file it was read from (None when built in code).
    """

    name: str
    label: Bilingual
    description: LongBilingual = LongBilingual()
    growth: Growth
    prices: Prices
    population_growth: PopulationPercent
    exchange_rate: ExchangeRate
    quarterly_weights: Annotated[list[WeightPercent], AfterValidator(_check_weights)]
    quarterly_growth: Annotated[list[GrowthPercent] | None, AfterValidator(_check_four)] = None
    structure_convention: Literal["taxes_in_services", "gso4", "gva_only"]
    ytd_actuals: YtdActuals = YtdActuals()
    uncertainty: Uncertainty = Uncertainty()

    _path: Path | None = PrivateAttr(default=None)

    @field_validator("name")
    @classmethod
    def _name_is_stem(cls, value: str, info: ValidationInfo) -> str:
        if not NAME_PATTERN.fullmatch(value):
            raise ValueError(
                "must use only lower-case letters, digits, '_' and '-' ([a-z0-9_-]+), "
                f"got {show(value)}"
            )
        stem = (info.context or {}).get("stem")
        if stem is not None and value != stem:
            raise ValueError(f"must equal the file name without .yaml ({stem!r}), got {value!r}")
        return value

    @field_validator("prices")
    @classmethod
    def _deflator_given_or_implied(cls, value: Prices, info: ValidationInfo) -> Prices:
        growth = info.data.get("growth")
        if value.deflator is None and growth and len(growth.sectors.given()) < len(SECTORS):
            raise ValueError(
                "give prices.deflator: sector prices imply the deflator only when "
                "growth.sectors gives all four sectors"
            )
        return value

    @field_validator("quarterly_growth")
    @classmethod
    def _quarters_agree_with_year(cls, value: list[float] | None, info: ValidationInfo):
        growth, weights = info.data.get("growth"), info.data.get("quarterly_weights")
        if value is None or growth is None or growth.aggregate is None or weights is None:
            return value
        implied = math.fsum(w * g for w, g in zip(weights, value, strict=True)) / 100.0
        if abs(implied - growth.aggregate) > QUARTER_GROWTH_TOLERANCE:
            raise ValueError(
                f"implies annual growth {implied:.4g} % with the quarterly weights, but "
                f"growth.aggregate is {growth.aggregate:g} %: they must agree within "
                f"{QUARTER_GROWTH_TOLERANCE:g} point"
            )
        return value

    @property
    def path(self) -> Path | None:
        """The file the scenario was read from."""
        return self._path

    def label_in(self, lang: str) -> str:
        """The label in ``lang`` ("vi" or "en")."""
        return self.label.en if lang == "en" else self.label.vi

    def sector_growth(self) -> dict[str, float]:
        """Real growth of the sectors given, fractions (0.1725)."""
        return {k: v / 100.0 for k, v in self.growth.sectors.given().items()}

    def sector_prices(self) -> dict[str, float]:
        """Price change of the sectors given, fractions."""
        return {k: v / 100.0 for k, v in self.prices.sectors.given().items()}

    def ytd_fractions(self) -> dict[str, float]:
        """Published cumulative growth so far, fractions, keyed ``Q1``, ``6M``, ``9M``."""
        given = self.ytd_actuals.given()
        return {key: value / 100.0 for key, value in zip(("Q1", "6M", "9M"), given, strict=False)}


# --- public API -------------------------------------------------------------------------------


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate one scenario file.

    Parameters
    ----------
    path : str or Path
        The YAML file; its stem must equal the scenario's ``name``.

    Returns
    -------
    Scenario
        The validated scenario (percent units), with ``path`` set.

    Raises
    ------
    InputError
        One problem: names the file, the field path and the rule.
    InputErrors
        Several problems, one line each.
    """
    path = Path(path)
    data = read_mapping(path)
    try:
        scenario = Scenario.model_validate(data, context={"stem": path.stem})
    except ValidationError as exc:
        raise collected(input_errors(str(path), exc, Scenario)) from None
    scenario._path = path
    return scenario


def default_scenarios_dir() -> Path:
    """``scenarios/<plan-id>/`` of the default plan pack (``data/raw/plans/default.yaml``)."""
    return paths.plan_paths(default_plan_id()).scenarios


def scenario_path(name_or_path: str | Path, scenarios_dir: str | Path | None = None) -> Path:
    """The file for a scenario given by name (``target``) or by path (``x/target.yaml``).

    A bare word without a suffix or a slash is a name looked up in ``scenarios_dir``
    (default: the default plan pack's folder ``scenarios/<plan-id>/``); anything else is a path.
    """
    text = str(name_or_path)
    if isinstance(name_or_path, Path) or "/" in text or text.endswith((".yaml", ".yml")):
        return Path(name_or_path)
    return Path(scenarios_dir or default_scenarios_dir()) / f"{text}.yaml"


def scenario_files(scenarios_dir: str | Path | None = None) -> list[Path]:
    """Every ``*.yaml`` file in ``scenarios_dir``, sorted by name."""
    return sorted(Path(scenarios_dir or default_scenarios_dir()).glob("*.yaml"))


def load_scenarios(
    names_or_paths: Iterable[str | Path] | None = None,
    scenarios_dir: str | Path | None = None,
) -> list[Scenario]:
    """Read and validate several scenarios; report every bad file at once.

    Parameters
    ----------
    names_or_paths : iterable of str or Path, optional
        Scenario names (looked up in ``scenarios_dir``) or file paths. None or empty: every
        ``*.yaml`` file of ``scenarios_dir``.
    scenarios_dir : str or Path, optional
        Default: the default plan pack's scenarios (:func:`default_scenarios_dir`).

    Returns
    -------
    list of Scenario
        In the order given (sorted by file name for the default).

    Raises
    ------
    InputError, InputErrors
        Any file refused, no scenario found, or one name given twice.
    """
    wanted = list(names_or_paths or [])
    files = [scenario_path(w, scenarios_dir) for w in wanted] or scenario_files(scenarios_dir)
    if not files:
        where = str(scenarios_dir or default_scenarios_dir())
        raise InputError(where, "(folder)", "holds no scenario files (*.yaml)")
    scenarios, errors = _load_each(files)
    errors += _duplicate_names(scenarios) + _duplicate_labels(scenarios)
    raise_collected(errors)
    return scenarios


def _load_each(files: Sequence[Path]) -> tuple[list[Scenario], list[InputError]]:
    scenarios: list[Scenario] = []
    errors: list[InputError] = []
    for file in files:
        try:
            scenarios.append(load_scenario(file))
        except (InputError, InputErrors) as exc:
            errors.extend(as_list(exc))
    return scenarios, errors


def _duplicate_names(scenarios: Sequence[Scenario]) -> list[InputError]:
    seen: dict[str, Path | None] = {}
    errors = []
    for s in scenarios:
        if s.name in seen:
            errors.append(
                InputError(str(s.path), "name", f"scenario {s.name!r} is also {seen[s.name]}")
            )
        seen[s.name] = s.path
    return errors


def _label_key(text: str) -> str:
    """A label as readers tell labels apart: case and runs of spaces ignored."""
    return " ".join(text.split()).casefold()


def _duplicate_labels(scenarios: Sequence[Scenario]) -> list[InputError]:
    """Two scenarios of one run with the same label (in either language) cannot be told apart
    in a chart, a table or the index: the second is refused, both files named."""
    seen: dict[tuple[str, str], Scenario] = {}
    errors = []
    for s in scenarios:
        for lang in ("vi", "en"):
            key = (lang, _label_key(s.label_in(lang)))
            first = seen.setdefault(key, s)
            if first is not s and first.name != s.name:
                errors.append(
                    InputError(
                        str(s.path),
                        f"label.{lang}",
                        f"{s.label_in(lang)!r} is also the label of scenario {first.name!r} "
                        f"({first.path}): two scenarios of one run must not share a label, "
                        "or their bars, rows and links cannot be told apart; give this one "
                        "its own label",
                    )
                )
                break
    return errors


def check_scenarios(scenarios_dir: str | Path | None = None) -> list[str]:
    """Validate every scenario file; return one summary line per file.

    ``python -m analysis check`` calls this beside the data checks.

    Raises
    ------
    InputError, InputErrors
        Any file refused (also a ``*.yml`` file, which the runner would silently skip).
    """
    folder = Path(scenarios_dir or default_scenarios_dir())
    stray = [InputError(str(f), "(file)", "use the .yaml extension") for f in folder.glob("*.yml")]
    try:
        scenarios = load_scenarios(None, folder)
    except (InputError, InputErrors) as exc:
        raise collected(stray + as_list(exc)) from None
    raise_collected(stray)
    return [f"ok  scenario {s.name}: {s.path}" for s in scenarios]
