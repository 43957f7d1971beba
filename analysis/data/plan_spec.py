"""A plan pack's ``plan.yaml``: the resolution it holds, its years, its default scenario.

``plan.yaml`` is validated like a scenario file (pydantic, closed and strict): an unknown key,
a wrong type, a plan year not after its base year, an id that differs from the folder name are
refused with the file, the field and the rule. :func:`check_plan_id` resolves a ``--plan``
argument: a pack name that exists under ``data/raw/plans/`` (no path, nothing outside it).
``data/raw/plans/default.yaml`` names the pack used when none is given; it is the one place a
planner changes to move the project to next year's resolution.

The economics never sees this module: the composing layers read the years from the plan and
hand numbers down.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, Field, ValidationError, ValidationInfo, field_validator

from analysis.data import paths
from analysis.data.yaml_input import (
    Bilingual,
    LongBilingual,
    Strict,
    collected,
    input_errors,
    read_mapping,
)
from analysis.errors import InputError

PLAN_ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]*")
"""A plan id: lower-case letters, digits, ``_`` and ``-`` (it names a folder)."""

SCENARIO_NAME_PATTERN = re.compile(r"[a-z0-9_-]+")

DATE_PATTERN = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
"""A document date as precise as its source gives it: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""

YEARS = (1990, 2100)
"""Plan and base years outside this span are refused as slips."""


def _year(value: int) -> int:
    low, high = YEARS
    if not low <= value <= high:
        raise ValueError(f"must be a year within {low}..{high}, got {value}")
    return value


Year = Annotated[int, AfterValidator(_year)]


class Document(Strict):
    """The document a plan pack comes from."""

    title: Bilingual
    issuer: Bilingual
    date: Annotated[str, Field(min_length=4, max_length=10)]
    source: Annotated[str, Field(min_length=1, max_length=500)]

    @field_validator("date")
    @classmethod
    def _date_as_published(cls, value: str) -> str:
        if not DATE_PATTERN.fullmatch(value):
            raise ValueError(f"must be written YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
        return value


class PlanSpec(Strict):
    """One validated ``plan.yaml``."""

    id: str
    province: Bilingual
    title: Bilingual
    plan_year: Year
    base_year: Year
    price_base_year: Year
    document: Document
    default_scenario: str
    seed: Annotated[int, Field(ge=0, le=2**32 - 1)]
    targets_complete: bool
    notes: LongBilingual = LongBilingual()

    @field_validator("id")
    @classmethod
    def _id_is_folder(cls, value: str, info: ValidationInfo) -> str:
        if not PLAN_ID_PATTERN.fullmatch(value):
            raise ValueError(
                "must use only lower-case letters, digits, '_' and '-', starting with a letter "
                f"or digit, got {value!r}"
            )
        folder = (info.context or {}).get("folder")
        if folder is not None and value != folder:
            raise ValueError(f"must equal the pack's folder name ({folder!r}), got {value!r}")
        return value

    @field_validator("base_year")
    @classmethod
    def _base_year_before_plan_year(cls, value: int, info: ValidationInfo) -> int:
        plan_year = info.data.get("plan_year")
        if plan_year is not None and not value < plan_year:
            raise ValueError(
                f"the plan year ({plan_year}) must be after the base year, got base year {value}"
            )
        if plan_year is not None and value != plan_year - 1:
            raise ValueError(
                f"must be the year before the plan year ({plan_year - 1}): the projection "
                f"runs one year from the base year's results, got {value}"
            )
        return value

    @field_validator("default_scenario")
    @classmethod
    def _scenario_name(cls, value: str) -> str:
        if not SCENARIO_NAME_PATTERN.fullmatch(value):
            raise ValueError(f"must be a scenario name ([a-z0-9_-]+), got {value!r}")
        return value


# --- finding packs ------------------------------------------------------------------------------


def plan_ids(root: str | Path | None = None) -> list[str]:
    """The packs under ``data/raw/plans/`` (folders holding a ``plan.yaml``), sorted."""
    folder = paths.plans_dir(root)
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / paths.PLAN_FILE).is_file())


def default_plan_id(root: str | Path | None = None) -> str:
    """The pack named in ``data/raw/plans/default.yaml`` (key ``default_plan``)."""
    file = paths.default_plan_file(root)
    data = read_mapping(file)
    unknown = sorted(set(data) - {"default_plan"})
    if unknown:
        raise InputError(str(file), unknown[0], "unknown key (allowed: default_plan)")
    value = data.get("default_plan")
    if not isinstance(value, str):
        raise InputError(str(file), "default_plan", f"must name a plan pack, got {value!r}")
    return check_plan_id(value, root, where=str(file))


def check_plan_id(
    plan_id: str, root: str | Path | None = None, *, where: str = "command line"
) -> str:
    """Return ``plan_id`` if it names a pack under ``data/raw/plans/``; refuse it otherwise.

    Raises
    ------
    InputError
        Not a pack name (a path, ``..``, an absolute path, upper case), or no such pack, or a
        pack folder without ``plan.yaml``. The message lists the packs there are.
    """
    field = "--plan" if where == "command line" else "default_plan"
    text = str(plan_id)
    if not PLAN_ID_PATTERN.fullmatch(text):
        raise InputError(
            where,
            field,
            "must name a plan pack in data/raw/plans/ (lower-case letters, digits, '_' and '-'; "
            f"no path), got {text!r}",
        )
    known = plan_ids(root)
    folder = paths.plan_paths(text, root).folder
    if folder.is_dir() and not (folder / paths.PLAN_FILE).is_file():
        raise InputError(str(folder), "(folder)", f"a plan pack needs a {paths.PLAN_FILE}")
    if text not in known:
        listed = ", ".join(known) or "none"
        raise InputError(where, field, f"no plan pack {text!r} (packs: {listed})")
    return text


def resolve_plan_id(plan_id: str | None, root: str | Path | None = None) -> str:
    """``plan_id`` checked, or the default pack when it is None or empty."""
    return check_plan_id(plan_id, root) if plan_id else default_plan_id(root)


def read_plan_spec(plan_id: str | None = None, root: str | Path | None = None) -> PlanSpec:
    """Read and validate a pack's ``plan.yaml`` (the default pack when ``plan_id`` is None).

    Raises
    ------
    InputError, InputErrors
        The pack does not exist, or its ``plan.yaml`` breaks a rule (file, field, rule).
    """
    plan_id = resolve_plan_id(plan_id, root)
    file = paths.plan_paths(plan_id, root).plan_file
    data = read_mapping(file)
    try:
        return PlanSpec.model_validate(data, context={"folder": plan_id})
    except ValidationError as exc:
        raise collected(input_errors(str(file), exc, PlanSpec)) from None


def plan_year_of(plan: object = None) -> int:
    """The plan year of ``plan``: a Plan (its ``plan_year``), a plan id, or None (the default)."""
    year = getattr(plan, "plan_year", None)
    if year is not None:
        return int(year)
    return read_plan_spec(None if plan is None else str(plan)).plan_year
