"""The titles of the 2024 resolution's fifteen groups of targets (the pack's target_groups.csv).

The expected titles were the scorecard notebook's own lookup table before they moved into the
data; a few are written out here from it, as the reports print them.
"""

import csv
import shutil
from pathlib import Path

import pytest

from analysis import load_targets
from analysis.data import paths
from analysis.data.tables import load_pack_tables, load_target_groups, untitled_groups
from analysis.errors import InputErrors

ROOT = Path(__file__).resolve().parents[1]
PLAN = "bac-giang-2024"
RAW = ROOT / "data" / "raw" / "plans" / PLAN


def _rows() -> list[list[str]]:
    with open(RAW / "target_groups.csv", encoding="utf-8", newline="") as f:
        return [list(r) for r in csv.reader(f)]


def _write(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return path


def test_fifteen_groups_in_the_resolutions_order():
    titles = load_target_groups()
    assert list(titles["group"]) == list(range(1, 16))
    assert list(titles.columns) == ["group", "title_vi", "title_en", "source"]


@pytest.mark.parametrize(
    ("group", "vi", "en"),
    [
        (1, "Tăng trưởng và cơ cấu kinh tế", "Growth and economic structure"),
        (5, "Du lịch", "Tourism"),
        (8, "Lao động, đào tạo và việc làm", "Labour, training and jobs"),
        (12, "Sắp xếp đơn vị hành chính", "Administrative mergers"),
        (14, "Khiếu nại, tố cáo và an ninh trật tự", "Complaints and public order"),
        (15, "Xây dựng Đảng", "Party building"),
    ],
)
def test_titles_as_the_reports_print_them(group, vi, en):
    row = load_target_groups().set_index("group").loc[group]
    assert (row["title_vi"], row["title_en"]) == (vi, en)
    assert row["source"] == f"Resolution on 2024 tasks, section I.2, item ({group})"


def test_every_group_of_the_targets_has_a_title():
    targets = load_targets()
    assert set(targets["group"]) == set(load_target_groups()["group"])
    assert untitled_groups(targets, load_target_groups()) == []


def test_an_untitled_group_is_named_with_the_titles_file(tmp_path):
    shutil.copytree(ROOT / "data" / "raw", tmp_path / "data" / "raw")
    raw = tmp_path / "data" / "raw" / "plans" / PLAN
    _write(raw / "target_groups.csv", [r for r in _rows() if r[0] != "13"])
    with pytest.raises(InputErrors) as info:
        load_pack_tables(paths.plan_paths(PLAN, tmp_path), paths.series_file(tmp_path))
    assert str(info.value) == (
        f"{raw / 'target_groups.csv'}: column 'group': group 13 of the targets table has no title"
    )


@pytest.mark.parametrize(
    ("line", "column", "value", "expected"),
    [
        (4, "group", "2", "line 4, column 'group': duplicate value: ids must be unique (got 2)"),
        (6, "group", "100", "line 6, column 'group': must be a group of the resolution, 1 to 99"),
        (6, "group", "five", "line 6, column 'group': must be a whole number (got 'five')"),
        (6, "title_vi", " ", "line 6, column 'title_vi': must not be empty"),
        (6, "source", "", "line 6, column 'source': must not be empty"),
    ],
)
def test_malformed_titles_are_refused(tmp_path, line, column, value, expected):
    rows = _rows()
    rows[line - 1][rows[0].index(column)] = value
    path = _write(tmp_path / "target_groups.csv", rows)
    with pytest.raises(InputErrors) as info:
        load_target_groups(path)
    assert f"{path}: {expected}" in str(info.value)


def test_an_unknown_column_is_refused(tmp_path):
    rows = [[*r, "x"] for r in _rows()]
    rows[0][-1] = "title_fr"
    path = _write(tmp_path / "target_groups.csv", rows)
    with pytest.raises(InputErrors, match="column 'title_fr': unknown column"):
        load_target_groups(path)
