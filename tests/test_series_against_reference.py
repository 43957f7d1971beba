"""Every figure in data/raw/published_series.csv is in the shared reference files as published.

The references (``../shared/reference/published_statistics.csv`` and, for the plan year's
outturn, ``../shared/reference/outturns_2024.csv``, beside the project) are where the figures
were copied from; these tests catch a value, source, date or kind that drifted in the copy.
They are skipped, saying so, where a reference is not beside the project.
"""

import csv
import re
from pathlib import Path

import pytest

from analysis import load_series

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference" / "published_statistics.csv"
OUTTURNS = ROOT.parent / "shared" / "reference" / "outturns_2024.csv"
PLAN_2025 = ROOT.parent / "shared" / "reference" / "plan_2025.csv"

# Figures of the project's file that are not a single value of the reference, and why.
DERIVED = {
    ("population_change", "2023"): "from the note '+31,800 vs 2022' of the 2023 population row",
    ("contribution", "2023", "product_taxes"): "the published residual 13.45 − 11.88 − 1.10 − 0.32",
    ("grdp_usd", "2024"): "the note 'about 8.65 bn USD' of the 207 trillion VND outturn row",
}

# Figures of the series that the outturn reference states in the note of another figure.
FROM_NOTE = {("grdp_usd", "total"): "grdp_current_prices"}


def _numbers(text: str) -> list[float]:
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", text.replace(",", ""))]


def _reference_rows(path: Path = REFERENCE) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _scales(reference_unit: str, unit: str) -> tuple[float, ...]:
    """Unit changes made in the copy: millions of persons to persons, trillion to billion VND."""
    if reference_unit.startswith("million"):
        return (1e6, 1.0)
    if reference_unit == "trillion VND" and unit == "billion VND":
        return (1e3,)
    return (1.0,)


def _matches(row, ref) -> bool:
    if ref["source_url"].strip() != row["source"].strip():
        return False
    wanted = float(row["value"])
    for scale in _scales(ref["unit"], row["unit"]):
        if any(abs(n * scale - wanted) < 1e-6 for n in _numbers(ref["value"])):
            return ref["kind"] == row["kind"]
    return False


@pytest.mark.skipif(
    not REFERENCE.exists(), reason=f"reference file not beside the project: {REFERENCE}"
)
def test_every_series_figure_is_in_the_reference_with_its_source_and_kind():
    reference = _reference_rows()
    for extra in (OUTTURNS, PLAN_2025):
        if extra.exists():
            reference += _reference_rows(extra)
    series = load_series()
    missing = []
    for _, row in series.iterrows():
        keys = {(row["variable"], row["period"]), (row["variable"], row["period"], row["sector"])}
        if keys & set(DERIVED):
            continue
        if not any(_matches(row, ref) for ref in reference):
            missing.append(f"{row['variable']} {row['sector']} {row['period']} = {row['value']}")
    assert not missing, "not in the reference with this value, source and kind: " + "; ".join(
        missing
    )


def _outturn_indicator(variable: str, sector: str) -> str:
    """The outturn reference's name of a series figure (``grdp_growth_services`` ...)."""
    if variable == "sector_growth":
        return f"grdp_growth_{sector}"
    if variable == "contribution":
        return f"contribution_{sector}"
    return variable


def _outturn_matches(row, ref) -> bool:
    """Same source, date and kind; the value as the reference's value (or in its note)."""
    key = (row["variable"], row["sector"])
    indicator = FROM_NOTE.get(key, _outturn_indicator(*key))
    same = (
        ref["indicator"] == indicator
        and ref["period"] == row["period"]
        and ref["source_url"].strip() == row["source"].strip()
        and ref["source_date"].strip() == row["source_date"].strip()
        and ref["kind"] == row["kind"]
    )
    numbers = _numbers(ref["note"]) if key in FROM_NOTE else [float(ref["value"])]
    return same and any(abs(n - float(row["value"])) < 1e-9 for n in numbers)


@pytest.mark.skipif(
    not OUTTURNS.exists(), reason=f"outturn reference not beside the project: {OUTTURNS}"
)
def test_every_plan_year_outturn_figure_is_in_the_outturn_reference():
    from analysis import load_plan

    year = str(load_plan().plan_year)
    reference = _reference_rows(OUTTURNS)
    series = load_series()
    outturn = series[(series["period"] == year) & series["kind"].isin(["actual", "estimate"])]
    assert len(outturn) >= 12, "the plan year's outturn rows are missing from the series"
    missing = [
        f"{row['variable']} {row['sector']} {row['period']} = {row['value']} ({row['source_date']})"
        for _, row in outturn.iterrows()
        if not any(_outturn_matches(row, ref) for ref in reference)
    ]
    assert not missing, "not in the outturn reference with this value, source, date and kind: " + (
        "; ".join(missing)
    )
