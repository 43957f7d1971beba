"""A table validated once per process (analysis.data.tables.VALIDATED): the same bytes are not
parsed and validated again, a changed file is, each caller gets a copy of its own, and a file
that breaks a rule is refused every time it is read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis.data import tables
from analysis.data.tables import load_assumptions
from analysis.errors import InputErrors

PACK = Path(__file__).resolve().parents[1] / "data" / "raw" / "plans" / "bac-giang-2024"


@pytest.fixture
def assumptions(tmp_path):
    path = tmp_path / "assumptions.csv"
    shutil.copy(PACK / "assumptions.csv", path)
    return path


def _value(table, assumption_id):
    return float(table.set_index("assumption_id").loc[assumption_id, "value"])


def test_the_same_bytes_are_validated_once(assumptions, monkeypatch):
    calls = []
    validate = tables.validate_frame
    monkeypatch.setattr(
        tables, "validate_frame", lambda *a, **k: calls.append(a[2]) or validate(*a, **k)
    )
    first = load_assumptions(assumptions)
    second = load_assumptions(assumptions)
    assert calls == [assumptions]  # validated once
    assert first.equals(second)
    assert _value(second, "population_growth") == 1.68  # the pack's figure (assumptions.csv)


def test_a_changed_file_is_read_again_even_with_the_same_size_at_once(assumptions):
    assert _value(load_assumptions(assumptions), "population_growth") == 1.68
    text = assumptions.read_text(encoding="utf-8")
    edited = text.replace("population_growth,1.68,", "population_growth,1.86,", 1)
    assert len(edited) == len(text)  # same size, written within the same clock tick
    assumptions.write_text(edited, encoding="utf-8")
    assert _value(load_assumptions(assumptions), "population_growth") == 1.86


def test_each_caller_gets_a_copy_of_its_own(assumptions):
    first = load_assumptions(assumptions)
    first.loc[:, "value"] = -1.0
    assert _value(load_assumptions(assumptions), "population_growth") == 1.68


def test_a_file_breaking_a_rule_is_refused_every_time(assumptions):
    text = assumptions.read_text(encoding="utf-8")
    assumptions.write_text(text.replace(",assumption,", ",guess,", 1), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(InputErrors, match="must be 'assumption'"):
            load_assumptions(assumptions)
