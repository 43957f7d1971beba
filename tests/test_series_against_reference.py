"""Every figure in data/raw/published_series.csv is in the shared reference file as published.

The reference (``../shared/reference/published_statistics.csv``, beside the project) is where
the figures were copied from; this test catches a value, source or kind that drifted in the
copy. It is skipped, saying so, where the reference is not beside the project.
"""

import csv
import re
from pathlib import Path

import pytest

from analysis import load_series

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference" / "published_statistics.csv"

# Figures of the project's file that are not a single value of the reference, and why.
DERIVED = {
    ("population_change", "2023"): "from the note '+31,800 vs 2022' of the 2023 population row",
    ("contribution", "2023", "product_taxes"): "the published residual 13.45 − 11.88 − 1.10 − 0.32",
}


def _numbers(text: str) -> list[float]:
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", text.replace(",", ""))]


def _reference_rows() -> list[dict]:
    with open(REFERENCE, encoding="utf-8", newline="") as f:
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
