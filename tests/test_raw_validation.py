"""Malformed raw files are refused with one message naming the file, the line and the rule."""

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import load_baselines, load_series, load_targets
from analysis.errors import InputError, InputErrors
from analysis.run.check import check_all

ROOT = Path(__file__).resolve().parents[1]
PLAN = "bac-giang-2024"
RAW = ROOT / "data" / "raw"
PACK = RAW / "plans" / PLAN


def _project_copy(tmp_path: Path) -> Path:
    """A copy of the project's inputs (raw data and scenarios) to run the command line on."""
    root = tmp_path / "project"
    shutil.copytree(RAW, root / "data" / "raw")
    shutil.copytree(ROOT / "scenarios", root / "scenarios")
    return root


def _rows(name: str) -> list[list[str]]:
    folder = RAW if name == "published_series.csv" else PACK
    with open(folder / name, encoding="utf-8", newline="") as f:
        return [list(r) for r in csv.reader(f)]


def _write(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return path


def _set(rows, line: int, column: str, value: str):
    rows[line - 1][rows[0].index(column)] = value
    return rows


def _refusal(loader, path) -> str:
    with pytest.raises((InputError, InputErrors)) as info:
        loader(path)
    return str(info.value)


@pytest.mark.parametrize(
    ("line", "column", "value", "expected"),
    [
        (3, "target", "abc", "line 3, column 'target': must be a number (got 'abc')"),
        (4, "target", "120", "line 4: a share in % must lie between 0 and 100"),
        (5, "comparator", "greater", "line 5, column 'comparator': must be one of"),
        (6, "indicator_id", "share_services", "column 'indicator_id': duplicate value"),
        (7, "target", "nan", "line 7, column 'target': must be a number or left empty"),
        (7, "target", "1e400", "line 7, column 'target': must be a finite number"),
        (7, "group", "100", "line 7, column 'group': must be a group of the resolution"),
        (7, "group", "0", "line 7, column 'group': must be a group of the resolution"),
        (2, "indicator_id", "GRDP Growth", "line 2, column 'indicator_id': must be snake_case"),
        (7, "target", "", "line 7: comparator at_least/at_most/equal needs a target value"),
    ],
)
def test_bad_target_cell_is_named(tmp_path, line, column, value, expected):
    path = _write(tmp_path / "targets.csv", _set(_rows("targets.csv"), line, column, value))
    message = _refusal(load_targets, path)
    assert str(path) in message
    assert expected in message


def test_missing_column_is_named(tmp_path):
    rows = _rows("targets.csv")
    k = rows[0].index("comparator")
    path = _write(tmp_path / "t.csv", [r[:k] + r[k + 1 :] for r in rows])
    assert "column 'comparator': required column is missing" in _refusal(load_targets, path)


def test_unknown_column_is_named(tmp_path):
    rows = _rows("baselines.csv")
    path = _write(tmp_path / "b.csv", [[*r, "x"] for r in rows[:1]] + [[*r, "1"] for r in rows[1:]])
    assert "column 'x': unknown column" in _refusal(load_baselines, path)


def test_fixed_id_missing_is_named(tmp_path):
    # every pack must hold the macro targets the reports read; others are optional
    rows = [r for r in _rows("targets.csv") if r[0] != "grdp_per_capita_usd"]
    path = _write(tmp_path / "t.csv", rows)
    assert "fixed id missing: 'grdp_per_capita_usd'" in _refusal(load_targets, path)
    without_forest = [r for r in _rows("targets.csv") if r[0] != "forest_cover"]
    assert "forest_cover" not in set(
        load_targets(_write(tmp_path / "f.csv", without_forest))["indicator_id"]
    )


@pytest.mark.parametrize(
    ("line", "value", "expected"),
    [
        (5, "yes", "line 5, column 'accumulates': must be true or false (got 'yes')"),
        (6, "", "line 6, column 'accumulates': must be true or false (got '')"),
        (7, "1", "line 7, column 'accumulates': must be true or false (got '1')"),
        (8, "nan", "line 8, column 'accumulates': must be true or false (got 'nan')"),
        # line 2 is grdp_growth (% growth), line 13 poverty_rate (at_most): never built up.
        (2, "true", "line 2: accumulates true needs comparator at_least, equal or range"),
        (13, "true", "(indicator_id 'poverty_rate')"),
    ],
)
def test_bad_accumulates_cell_is_refused(tmp_path, line, value, expected):
    rows = _set(_rows("targets.csv"), line, "accumulates", value)
    path = _write(tmp_path / "targets.csv", rows)
    message = _refusal(load_targets, path)
    assert str(path) in message
    assert expected in message
    assert "dtype" not in message and "must be a number" not in message


def test_accumulates_is_read_as_true_or_false_in_any_case(tmp_path):
    # A spreadsheet writes TRUE / FALSE; line 7 is budget_revenue, line 6 grdp_per_capita_usd.
    rows = _set(_rows("targets.csv"), 7, "accumulates", "TRUE")
    _set(rows, 6, "accumulates", " False ")
    table = load_targets(_write(tmp_path / "t.csv", rows)).set_index("indicator_id")
    assert table["accumulates"].dtype == bool
    assert table.loc["budget_revenue", "accumulates"]
    assert not table.loc["grdp_per_capita_usd", "accumulates"]


def test_range_needs_ordered_bounds(tmp_path):
    rows = _rows("targets.csv")
    line = next(i for i, r in enumerate(rows, 1) if r[0] == "new_party_members_rate")
    path = _write(tmp_path / "t.csv", _set(rows, line, "target_low", "5"))
    assert f"line {line}: comparator range needs target_low < target_high" in _refusal(
        load_targets, path
    )


def test_empty_file(tmp_path):
    path = tmp_path / "published_series.csv"
    path.write_text("", encoding="utf-8")
    assert "is empty" in _refusal(load_series, path)


def test_wrong_encoding(tmp_path):
    path = tmp_path / "baselines.csv"
    path.write_bytes((PACK / "baselines.csv").read_text(encoding="utf-8").encode("utf-16"))
    assert "must be UTF-8 text" in _refusal(load_baselines, path)


def test_duplicate_series_figure(tmp_path):
    rows = _rows("published_series.csv")
    path = _write(tmp_path / "s.csv", [*rows, rows[1]])
    assert f"line {len(rows) + 1}: duplicate figure" in _refusal(load_series, path)


def test_every_problem_is_reported_at_once(tmp_path):
    rows = _set(_rows("targets.csv"), 3, "target", "abc")
    _set(rows, 5, "comparator", "bigger")
    message = _refusal(load_targets, _write(tmp_path / "t.csv", rows))
    assert "line 3" in message and "line 5" in message


def test_check_all_names_the_file_across_tables(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(RAW, root / "data" / "raw")
    shutil.copytree(ROOT / "scenarios", root / "scenarios")
    raw = root / "data" / "raw" / "plans" / PLAN
    _write(raw / "baselines.csv", _set(_rows("baselines.csv"), 4, "value", "x"))
    with pytest.raises(
        InputErrors, match=r"plans/bac-giang-2024/baselines.csv: line 4, column 'value'"
    ):
        check_all(PLAN, write=False, root=root)


def test_check_command_exits_2_on_a_corrupted_copy(tmp_path):
    root = _project_copy(tmp_path)
    rows = _set(_rows("targets.csv"), 9, "comparator", "roughly")
    _write(root / "data" / "raw" / "plans" / PLAN / "targets.csv", rows)
    env = {"BACGIANG_PLAN_ROOT": str(root), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [sys.executable, "-m", "analysis", "check"], capture_output=True, text=True, env=env
    )
    assert proc.returncode == 2
    assert "plans/bac-giang-2024/targets.csv: line 9, column 'comparator'" in proc.stderr
    assert not (root / "data" / "processed").exists()


def test_check_command_writes_processed_tables(tmp_path):
    root = _project_copy(tmp_path)
    env = {"BACGIANG_PLAN_ROOT": str(root), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [sys.executable, "-m", "analysis", "check"], capture_output=True, text=True, env=env
    )
    assert proc.returncode == 0, proc.stderr
    written = sorted(p.name for p in (root / "data" / "processed" / PLAN).iterdir())
    assert written == [
        "assumptions.csv",
        "baselines.csv",
        "published_series.csv",
        "target_groups.csv",
        "targets.csv",
    ]


def test_unknown_comparator_on_an_accumulating_target_is_reported_once(tmp_path):
    # budget_revenue accumulates; a misspelt comparator must be the only complaint, not also a
    # follow-on "accumulates needs comparator ..." on the same line.
    rows = _rows("targets.csv")
    line = next(i for i, r in enumerate(rows, 1) if r[0] == "budget_revenue")
    message = _refusal(
        load_targets, _write(tmp_path / "t.csv", _set(rows, line, "comparator", "more"))
    )
    assert f"line {line}, column 'comparator': must be one of" in message
    assert "accumulates" not in message
