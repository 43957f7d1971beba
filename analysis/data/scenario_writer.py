"""Writing a scenario file: the YAML a planner would have written, checked, then put in place.

:func:`scenario_text` writes a validated :class:`~analysis.data.scenarios.Scenario` as a
scenario file in the layout of the hand-written ones (``scenarios/<plan-id>/target.yaml``):
a header of comments, then each field with the comment that says what it is and where its
value comes from (the caller writes those words, :mod:`analysis.outlook.scenario_saving`),
percent units throughout. :func:`write_scenario` reads the text back through the same YAML
loader and pydantic model as every scenario file and refuses it unless it gives the very
scenario intended; then it writes a temporary file beside the target and moves it into place
in one step (``os.link`` for a new name, which fails if the name appeared meanwhile,
``os.replace`` when overwriting), so a reader never sees half a file and nothing is left
behind on a refusal.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path

import yaml
from pydantic import ValidationError

from analysis.data.scenarios import NAME_PATTERN, Scenario
from analysis.data.yaml_input import collected, input_errors, show
from analysis.errors import InputError

LINE_WIDTH = 100
"""Lines of a written file stay within the project's line length."""

COMMENT_KEYS: tuple[str, ...] = (
    "header",
    "growth",
    "prices",
    "population_growth",
    "exchange_rate.base",
    "exchange_rate.depreciation",
    "quarterly_weights",
    "quarterly_growth",
    "structure_convention",
    "ytd_actuals",
    "uncertainty",
)
"""The places a comment may stand in a written file: before the field named."""


# --- values ---------------------------------------------------------------------------------


def yaml_number(value: float) -> str:
    """A number as a file shows it: ``14.5``, ``23934``, ``-0.35`` (at most 6 decimals)."""
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"value: must be a finite number, got {value!r}")
    rounded = round(number, 6)
    if rounded == int(rounded) and abs(rounded) < 1e15:
        return str(int(rounded))
    return repr(rounded)


def yaml_string(text: str) -> str:
    """A one-line string, double-quoted (JSON's escapes are YAML's)."""
    return json.dumps(str(text), ensure_ascii=False)


def _flow_list(values: Sequence[float]) -> str:
    return "[" + ", ".join(yaml_number(v) for v in values) + "]"


def _comment(text: str | None, indent: str = "") -> list[str]:
    if not text:
        return []
    lines = []
    for paragraph in str(text).splitlines():
        wrapped = textwrap.wrap(paragraph, width=LINE_WIDTH - len(indent) - 2) or [""]
        lines += [f"{indent}# {line}".rstrip() for line in wrapped]
    return lines


def _folded(key: str, text: str, indent: str) -> list[str]:
    """``key: >-`` and the text folded on lines within :data:`LINE_WIDTH`."""
    body = textwrap.wrap(" ".join(str(text).split()), width=LINE_WIDTH - len(indent) - 2)
    return [f"{indent}{key}: >-"] + [f"{indent}  {line}" for line in body]


def _numbers(mapping: Mapping[str, float], indent: str) -> list[str]:
    return [f"{indent}{key}: {yaml_number(value)}" for key, value in mapping.items()]


# --- the file -------------------------------------------------------------------------------


def _growth_lines(scenario: Scenario, notes: Mapping[str, str]) -> list[str]:
    lines = ["", "growth:", *_comment(notes.get("growth"), "  ")]
    if scenario.growth.aggregate is not None:
        lines.append(f"  aggregate: {yaml_number(scenario.growth.aggregate)}")
    sectors = scenario.growth.sectors.given()
    if sectors:
        lines += ["  sectors:", *_numbers(sectors, "    ")]
    return lines


def _price_lines(scenario: Scenario, notes: Mapping[str, str]) -> list[str]:
    lines = ["", "prices:", *_comment(notes.get("prices"), "  ")]
    if scenario.prices.deflator is not None:
        lines.append(f"  deflator: {yaml_number(scenario.prices.deflator)}")
    sectors = scenario.prices.sectors.given()
    if sectors:
        lines += ["  sectors:", *_numbers(sectors, "    ")]
    return lines


def _mapping_lines(key: str, values: Mapping[str, float], notes: Mapping[str, str]) -> list[str]:
    lines = ["", *_comment(notes.get(key))]
    if not values:
        return [*lines, f"{key}: {{}}"]
    return [*lines, f"{key}:", *_numbers(values, "  ")]


def scenario_text(scenario: Scenario, notes: Mapping[str, str] | None = None) -> str:
    """The scenario as a commented YAML file (percent units, the hand-written layout).

    Parameters
    ----------
    scenario : Scenario
        A validated scenario.
    notes : mapping, optional
        Comments keyed by :data:`COMMENT_KEYS` (``header`` first in the file, the others
        before their field); lines are wrapped within :data:`LINE_WIDTH`.

    Returns
    -------
    str
        The file's text, ending with a newline.
    """
    notes = dict(notes or {})
    unknown = sorted(set(notes) - set(COMMENT_KEYS))
    if unknown:
        raise ValueError(f"notes: unknown places {unknown}; use {list(COMMENT_KEYS)}")
    ytd = dict(zip(("Q1", "6M", "9M"), scenario.ytd_actuals.given(), strict=False))
    quarters = scenario.quarterly_growth
    lines = [*_comment(notes.get("header")), f"name: {scenario.name}", "label:"]
    lines += [f"  vi: {yaml_string(scenario.label.vi)}", f"  en: {yaml_string(scenario.label.en)}"]
    if scenario.description.vi or scenario.description.en:
        lines += ["description:"]
        lines += _folded("vi", scenario.description.vi, "  ")
        lines += _folded("en", scenario.description.en, "  ")
    lines += _growth_lines(scenario, notes) + _price_lines(scenario, notes)
    lines += ["", *_comment(notes.get("population_growth"))]
    lines += [f"population_growth: {yaml_number(scenario.population_growth)}", "", "exchange_rate:"]
    lines += _comment(notes.get("exchange_rate.base"), "  ")
    lines += [f"  base: {yaml_number(scenario.exchange_rate.base)}"]
    lines += _comment(notes.get("exchange_rate.depreciation"), "  ")
    lines += [f"  depreciation: {yaml_number(scenario.exchange_rate.depreciation)}", ""]
    lines += _comment(notes.get("quarterly_weights"))
    lines += [f"quarterly_weights: {_flow_list(scenario.quarterly_weights)}", ""]
    lines += _comment(notes.get("quarterly_growth"))
    lines += [f"quarterly_growth: {'null' if quarters is None else _flow_list(quarters)}", ""]
    lines += _comment(notes.get("structure_convention"))
    lines += [f"structure_convention: {scenario.structure_convention}"]
    lines += _mapping_lines("ytd_actuals", ytd, notes)
    lines += _mapping_lines("uncertainty", scenario.uncertainty.given(), notes)
    return "\n".join(lines) + "\n"


def read_back(text: str, path: Path) -> Scenario:
    """The scenario a text gives when read as the file ``path`` is (safe YAML, the model, the
    name equal to the stem)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(str(path), "(file)", f"the written YAML does not parse: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(str(path), "(top level)", "the written file holds no mapping")
    try:
        return Scenario.model_validate(data, context={"stem": path.stem})
    except ValidationError as exc:
        raise collected(input_errors(str(path), exc, Scenario)) from None


def check_name(name: str, folder: str | Path) -> Path:
    """The file ``<folder>/<name>.yaml`` for a valid scenario name.

    Raises
    ------
    InputError
        A name that is not ``[a-z0-9_-]+`` (it becomes a file and a folder name).
    """
    path = Path(folder) / f"{name}.yaml"
    if not isinstance(name, str) or not NAME_PATTERN.fullmatch(name):
        raise InputError(
            str(path),
            "name",
            "must use only lower-case letters, digits, '_' and '-' ([a-z0-9_-]+), "
            f"got {show(name)}",
        )
    return path


def _same(written: Scenario, intended: Scenario) -> bool:
    return written.model_dump() == intended.model_dump()


def write_scenario(
    scenario: Scenario,
    folder: str | Path,
    *,
    notes: Mapping[str, str] | None = None,
    overwrite: bool = False,
) -> Path:
    """Write ``scenario`` as ``<folder>/<scenario.name>.yaml``, atomically, or refuse.

    Parameters
    ----------
    scenario : Scenario
        A validated scenario; its name is the file's stem.
    folder : path-like
        The plan's scenarios folder (``scenarios/<plan-id>/``); it must exist.
    notes : mapping, optional
        The comments (:func:`scenario_text`).
    overwrite : bool, default False
        Replace a file of the same name; without it an existing name is refused.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    InputError, InputErrors
        An invalid name, an existing file without ``overwrite``, or a text that would not
        read back as the same scenario. Nothing is written then.
    """
    if not isinstance(scenario, Scenario):
        raise ValueError(f"scenario: must be a Scenario, got {type(scenario).__name__}")
    folder = Path(folder)
    path = check_name(scenario.name, folder)
    if not folder.is_dir():
        raise InputError(str(folder), "(folder)", "the plan's scenarios folder does not exist")
    if path.exists() and not overwrite:
        raise InputError(str(path), "name", _exists_rule(scenario.name))
    text = scenario_text(scenario, notes)
    if not _same(read_back(text, path), scenario):
        raise InputError(str(path), "(file)", "the written text would not read back the same")
    _place(text, path, overwrite)
    return path


def _exists_rule(name: str) -> str:
    return f"a scenario named {name!r} exists already: tick overwrite to replace it"


def _place(text: str, path: Path, overwrite: bool) -> None:
    """Write ``text`` to a temporary file beside ``path``, then move it into place at once."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if overwrite:
            os.replace(temporary, path)
        else:
            try:
                os.link(temporary, path)
            except FileExistsError:
                raise InputError(str(path), "name", _exists_rule(path.stem)) from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


__all__ = [
    "COMMENT_KEYS",
    "LINE_WIDTH",
    "check_name",
    "read_back",
    "scenario_text",
    "write_scenario",
    "yaml_number",
    "yaml_string",
]
