"""The actuals file: format, refusals naming file, line and rule, the folder, the template."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import load_actuals, load_actuals_dir, load_targets
from analysis.data import paths
from analysis.data.actuals import (
    DONE_WORDS,
    LOADED_COLUMNS,
    actuals_template,
    load_actuals_given,
    write_actuals_template,
)
from analysis.errors import InputError, InputErrors
from analysis.run.cli import main

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "actuals" / "illustrative_actuals_2024.csv"
HEADER = ["indicator_id", "period", "value", "unit", "kind", "as_of", "source"]
GOOD = ["budget_revenue", "2024", "15200", "billion VND", "actual", "2025-03-15", "test"]


@pytest.fixture(scope="module")
def targets() -> pd.DataFrame:
    return load_targets()


def _write(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return path


def _refusal(path: Path, targets: pd.DataFrame) -> str:
    with pytest.raises((InputError, InputErrors)) as info:
        load_actuals(path, targets)
    return str(info.value)


# --- the fixture loads ------------------------------------------------------------------------


def test_fixture_loads_with_values_typed(targets):
    table = load_actuals(FIXTURE, targets)
    assert list(table.columns) == list(LOADED_COLUMNS)
    # 28 lines: the header and 27 figures, of which the last (hospital beds) has no value.
    assert len(table) == 26
    assert "hospital_beds_per_10k" not in set(table["indicator_id"])
    assert table["value"].dtype == float
    assert str(table["as_of"].dtype).startswith("datetime64")
    merger = table.set_index("indicator_id").loc["administrative_merger"]
    assert merger["value"] == 1.0  # "done"
    assert merger["line"] == 20
    assert table.set_index("indicator_id").loc["no_security_hotspots", "value"] == 0.0
    first = table.iloc[0]
    assert (first["indicator_id"], first["period"], first["value"]) == (
        "grdp_growth",
        "2024-Q1",
        8.0,
    )
    assert first["as_of"] == pd.Timestamp("2024-03-28")
    assert first["line"] == 2
    assert first["file"] == str(FIXTURE)


def test_done_words_are_the_documented_encoding():
    assert DONE_WORDS == {"done": 1.0, "not_done": 0.0}


def test_fixture_is_marked_illustrative_and_not_in_the_actuals_folder():
    table = load_actuals(FIXTURE)
    assert table["source"].str.startswith("ILLUSTRATIVE").all()
    assert not str(FIXTURE).startswith(str(ROOT / "data"))


# --- refusals: file, line, column and rule ---------------------------------------------------


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            ["tourism_revenue", "2024", "5", "billion VND", "actual", "2025-01-10", "s"],
            "line 2, column 'indicator_id': unknown indicator: not an id of the targets table "
            "(got 'tourism_revenue')",
        ),
        (
            ["budget_revenue", "2024", "15.2", "trillion VND", "actual", "2025-01-10", "s"],
            "line 2, column 'unit': must be the target's unit 'billion VND' for "
            "'budget_revenue' (got 'trillion VND')",
        ),
        (
            ["poverty_rate", "2024", "1,6", "%", "actual", "2025-01-10", "s"],
            "line 2, column 'value': must be a number written with a decimal point",
        ),
        (
            ["budget_revenue", "2024", "15,200", "billion VND", "actual", "2025-01-10", "s"],
            "no thousands separator, or left empty (got '15,200')",
        ),
        (
            ["budget_revenue", "2024", "nan", "billion VND", "actual", "2025-01-10", "s"],
            "line 2, column 'value': must be a number",
        ),
        (
            ["budget_revenue", "2024", "about 15000", "billion VND", "actual", "2025-01-10", "s"],
            "(got 'about 15000')",
        ),
        (
            ["budget_revenue", "2024-Q4", "15200", "billion VND", "actual", "2025-01-10", "s"],
            "line 2, column 'period': must be a period: '<year>-Q1', '<year>-6M', '<year>-9M' or "
            "'<year>' (got '2024-Q4')",
        ),
        (
            ["budget_revenue", "2025-Q1", "4800", "billion VND", "actual", "2025-04-10", "s"],
            "line 2, column 'period': must be a period of the plan year 2024: '2024-Q1', "
            "'2024-6M', '2024-9M', '2024' (got '2025-Q1')",
        ),
        (
            ["budget_revenue", "2024", "15200", "billion VND", "final", "2025-01-10", "s"],
            "line 2, column 'kind': must be 'estimate' or 'actual' (got 'final')",
        ),
        (
            ["budget_revenue", "2024", "15200", "billion VND", "actual", "2025-02-30", "s"],
            "line 2, column 'as_of': must be a date written YYYY-MM-DD (got '2025-02-30')",
        ),
        (
            ["budget_revenue", "2024", "15200", "billion VND", "actual", "15/03/2025", "s"],
            "line 2, column 'as_of': must be a date written YYYY-MM-DD",
        ),
        (
            ["administrative_merger", "2024", "1", "done", "actual", "2025-01-10", "s"],
            "line 2, column 'value': 'administrative_merger' is a done / not-done target: "
            "write 'done' or 'not_done'",
        ),
        (
            ["poverty_rate", "2024", "done", "%", "actual", "2025-01-10", "s"],
            "line 2, column 'value': must be a number",
        ),
        (
            ["forest_cover", "2024", "137.7", "%", "actual", "2025-01-10", "s"],
            "line 2, column 'value': a share in % must lie between 0 and 100 (got 137.7)",
        ),
        (
            ["grdp_growth", "2024", "-100", "% growth", "actual", "2025-01-10", "s"],
            "line 2, column 'value': growth must be above -100 % (got -100)",
        ),
        (
            ["budget_revenue", "2024", "-5", "billion VND", "actual", "2025-01-10", "s"],
            "line 2, column 'value': must not be negative (got -5)",
        ),
        (
            [
                "new_party_members_private_enterprises",
                *("2024", "200.5", "persons", "actual", "2025-01-10", "s"),
            ],
            "line 2, column 'value': a count of persons must be a whole number (got 200.5)",
        ),
        (
            ["budget_revenue", "2024", "15200", "billion VND", "", "2025-01-10", "s"],
            "line 2, column 'kind': must not be empty when a value is given",
        ),
        (
            ["budget_revenue", "2024", "15200", "billion VND", "actual", "", "s"],
            "line 2, column 'as_of': must not be empty when a value is given",
        ),
        (
            ["budget_revenue", "2024", "15200", "billion VND", "actual", "2025-01-10", " "],
            "line 2, column 'source': must not be empty when a value is given",
        ),
        (
            ["Budget Revenue", "2024", "15200", "billion VND", "actual", "2025-01-10", "s"],
            "line 2, column 'indicator_id': must be snake_case",
        ),
    ],
)
def test_bad_line_is_refused_with_file_line_and_rule(tmp_path, targets, row, expected):
    path = _write(tmp_path / "actuals.csv", [HEADER, row])
    message = _refusal(path, targets)
    assert message.startswith(str(path))
    assert expected in message


def test_unit_mismatch_is_named_on_its_own_line(tmp_path, targets):
    # line 2 fine; line 3: GRDP per head given in VND instead of USD.
    bad = ["grdp_per_capita_usd", "2024", "110000000", "VND", "estimate", "2024-12-20", "s"]
    path = _write(tmp_path / "a.csv", [HEADER, GOOD, bad])
    message = _refusal(path, targets)
    assert message == (
        f"{path}: line 3, column 'unit': must be the target's unit 'USD' for "
        "'grdp_per_capita_usd' (got 'VND')"
    )


def test_duplicate_figure_names_both_lines(tmp_path, targets):
    again = ["budget_revenue", "2024", "15300", "billion VND", "actual", "2025-03-15", "other"]
    path = _write(tmp_path / "a.csv", [HEADER, GOOD, again])
    message = _refusal(path, targets)
    assert (
        f"{path}: line 3: duplicate figure: same indicator_id, period and as_of as line 2"
    ) in message


def test_later_vintage_of_the_same_figure_is_accepted(tmp_path, targets):
    later = ["budget_revenue", "2024", "15300", "billion VND", "actual", "2025-04-01", "s"]
    table = load_actuals(_write(tmp_path / "a.csv", [HEADER, GOOD, later]), targets)
    assert table["value"].tolist() == [15200.0, 15300.0]


def test_every_problem_is_reported_in_line_order(tmp_path, targets):
    rows = [
        HEADER,
        ["budget_revenue", "2024", "15200", "trillion VND", "actual", "2025-01-10", "s"],
        GOOD,
        ["no_such_target", "2024", "1", "%", "actual", "2025-01-10", "s"],
        ["poverty_rate", "2024-H1", "x", "%", "actual", "2025-01-10", "s"],
    ]
    with pytest.raises(InputErrors) as info:
        load_actuals(_write(tmp_path / "a.csv", rows), targets)
    wheres = [e.where for e in info.value.errors]
    assert wheres == [
        "line 2, column 'unit'",
        "line 4, column 'indicator_id'",
        "line 5, column 'period'",
        "line 5, column 'value'",
    ]


def test_missing_and_unknown_columns_are_named(tmp_path, targets):
    rows = [[*HEADER[:-1], "comment"], [*GOOD[:-1], "x"]]
    message = _refusal(_write(tmp_path / "a.csv", rows), targets)
    assert "column 'source': required column is missing" in message
    assert "column 'comment': unknown column" in message


def test_unreadable_file_is_refused(tmp_path, targets):
    path = tmp_path / "a.csv"
    path.write_bytes("indicator_id,period\nx,\xff".encode("latin-1"))
    assert "the file must be UTF-8 text" in _refusal(path, targets)
    assert "does not exist" in _refusal(tmp_path / "missing.csv", targets)


def test_empty_value_is_no_data_not_zero(tmp_path, targets):
    rows = [HEADER, ["poverty_rate", "2024", "", "%", "", "", ""], GOOD]
    table = load_actuals(_write(tmp_path / "a.csv", rows), targets)
    assert table["indicator_id"].tolist() == ["budget_revenue"]


# --- the folder -----------------------------------------------------------------------------


def test_folder_without_files_gives_an_empty_table(tmp_path, targets):
    (tmp_path / "readme.txt").write_text("not a table", encoding="utf-8")
    table = load_actuals_dir(tmp_path, targets)
    assert table.empty
    assert list(table.columns) == list(LOADED_COLUMNS)


def _pack_actuals(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the project's data with ROOT pointed at it; returns the default pack's actuals
    folder there (removed: each test makes the one it needs)."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "data" / "raw", root / "data" / "raw")
    monkeypatch.setattr(paths, "ROOT", root)
    folder = root / "data" / "raw" / "plans" / "bac-giang-2024" / "actuals"
    shutil.rmtree(folder, ignore_errors=True)
    return folder


def test_default_folder_missing_gives_an_empty_table(tmp_path, monkeypatch):
    _pack_actuals(tmp_path, monkeypatch)
    assert load_actuals_dir().empty


def test_folder_given_but_missing_is_refused(tmp_path, targets):
    with pytest.raises(InputError, match="does not exist"):
        load_actuals_dir(tmp_path / "nowhere", targets)


def test_folder_reads_every_csv_in_name_order(tmp_path, targets):
    later = ["poverty_rate", "2024", "1.6", "%", "estimate", "2024-12-20", "s"]
    _write(tmp_path / "b.csv", [HEADER, later])
    _write(tmp_path / "a.csv", [HEADER, GOOD])
    table = load_actuals_dir(tmp_path, targets)
    assert table["indicator_id"].tolist() == ["budget_revenue", "poverty_rate"]
    assert table["file"].tolist() == [str(tmp_path / "a.csv"), str(tmp_path / "b.csv")]


def test_the_reports_parameter_names_a_file_a_folder_or_nothing(tmp_path, targets, monkeypatch):
    # The scorecard's `actuals` parameter: empty reads the default folder, a folder every CSV in
    # it, anything else one file.
    later = ["poverty_rate", "2024", "1.6", "%", "estimate", "2024-12-20", "s"]
    _write(tmp_path / "b.csv", [HEADER, later])
    _write(tmp_path / "a.csv", [HEADER, GOOD])
    from_folder = load_actuals_given(str(tmp_path), targets)
    assert from_folder["indicator_id"].tolist() == ["budget_revenue", "poverty_rate"]
    from_file = load_actuals_given(tmp_path / "b.csv", targets)
    assert from_file["indicator_id"].tolist() == ["poverty_rate"]
    folder = _pack_actuals(tmp_path / "copy", monkeypatch)
    assert load_actuals_given("", targets).empty  # the pack has no actuals folder
    shutil.copytree(tmp_path, folder, ignore=shutil.ignore_patterns("copy"))
    files = [str(folder / "a.csv"), str(folder / "b.csv")]
    assert load_actuals_given("", targets)["file"].tolist() == files
    assert load_actuals_given(None, targets)["value"].tolist() == [15200.0, 1.6]
    with pytest.raises(InputError, match="does not exist"):
        load_actuals_given(tmp_path / "nowhere.csv", targets)


def test_same_figure_in_two_files_is_refused_naming_both(tmp_path, targets):
    _write(tmp_path / "a.csv", [HEADER, GOOD])
    _write(
        tmp_path / "b.csv",
        [HEADER, ["poverty_rate", "2024", "1.6", "%", "actual", "2025-01-01", "s"], GOOD],
    )
    with pytest.raises(InputErrors) as info:
        load_actuals_dir(tmp_path, targets)
    assert str(info.value) == (
        f"{tmp_path / 'b.csv'}: line 3: duplicate figure: same indicator_id, period and as_of "
        f"as line 2 of {tmp_path / 'a.csv'} (indicator_id 'budget_revenue')"
    )


def test_problems_of_every_file_are_collected(tmp_path, targets):
    _write(tmp_path / "a.csv", [HEADER, ["x_unknown", *GOOD[1:]]])
    _write(tmp_path / "b.csv", [HEADER, [*GOOD[:3], "VND", *GOOD[4:]]])
    with pytest.raises(InputErrors) as info:
        load_actuals_dir(tmp_path, targets)
    files = [e.file for e in info.value.errors]
    assert files == [str(tmp_path / "a.csv"), str(tmp_path / "b.csv")]


# --- the template ---------------------------------------------------------------------------


def test_template_lists_every_target_once(targets):
    template = actuals_template(targets, 2024)
    assert template["indicator_id"].tolist() == targets["indicator_id"].tolist()
    assert (template["period"] == "2024").all()
    assert template["unit"].tolist() == targets["unit"].tolist()
    assert template["name_vi"].tolist() == targets["name_vi"].tolist()
    assert (template[["value", "kind", "as_of", "source"]] == "").all().all()


def test_template_round_trips_empty_then_filled(tmp_path, targets):
    path = write_actuals_template(tmp_path / "actuals.csv", targets)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets read Vietnamese
    assert load_actuals(path, targets).empty  # nothing filled in: no data, no error
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    for row in rows[1:]:
        if row[0] == "budget_revenue":
            row[header.index("value")] = "15200"
        if row[0] == "administrative_merger":
            row[header.index("value")] = "done"
        if row[0] in ("budget_revenue", "administrative_merger"):
            row[header.index("kind")] = "actual"
            row[header.index("as_of")] = "2025-03-15"
            row[header.index("source")] = "test"
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    table = load_actuals(path, targets)
    assert dict(zip(table["indicator_id"], table["value"], strict=True)) == {
        "budget_revenue": 15200.0,
        "administrative_merger": 1.0,
    }


def test_template_is_not_overwritten_unless_asked(tmp_path, targets):
    path = write_actuals_template(tmp_path / "t.csv", targets)
    path.write_text("kept", encoding="utf-8")
    with pytest.raises(InputError, match="already exists"):
        write_actuals_template(path, targets)
    assert path.read_text(encoding="utf-8") == "kept"
    write_actuals_template(path, targets, overwrite=True)
    assert len(load_actuals_dir(tmp_path, targets)) == 0


def test_template_default_path_is_the_actuals_folder(tmp_path, monkeypatch, targets):
    folder = _pack_actuals(tmp_path, monkeypatch)
    path = write_actuals_template(targets=targets)
    assert path == folder / "actuals_2024.csv"
    assert path.is_file()


def test_cli_writes_the_template_and_refuses_to_overwrite(tmp_path, capsys):
    out = tmp_path / "template.csv"
    assert main(["actuals-template", "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    assert len(actuals_template(load_targets(), 2024)) == len(
        pd.read_csv(out, encoding="utf-8-sig")
    )
    assert main(["actuals-template", "--out", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["actuals-template", "--out", str(out), "--force"]) == 0


def test_cli_end_to_end_in_a_fresh_process(tmp_path):
    out = tmp_path / "sub" / "actuals.csv"
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "actuals-template", "--out", str(out)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(out, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(table.columns) == [*HEADER, "name_vi"]
    assert table.loc[table["indicator_id"] == "grdp_growth", "unit"].item() == "% growth"
    assert load_actuals(out).empty
