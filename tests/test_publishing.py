"""Publishing a run (analysis.run.publishing): stamps, the latest link, leftovers."""

from __future__ import annotations

import os

from analysis.run.publishing import new_stamp, point_latest, remove_leftovers


def test_new_stamp_never_reuses_a_folder(tmp_path):
    from datetime import datetime

    now = datetime(2024, 7, 1, 9, 30, 5)
    assert new_stamp(tmp_path, now) == "2024-07-01_093005"
    (tmp_path / "2024-07-01_093005").mkdir()
    assert new_stamp(tmp_path, now) == "2024-07-01_093005-2"
    (tmp_path / "failed-2024-07-01_093005-2").mkdir()
    assert new_stamp(tmp_path, now) == "2024-07-01_093005-3"


def test_point_latest_replaces_the_link(tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
    point_latest(tmp_path, "a")
    point_latest(tmp_path, "b")
    assert os.readlink(tmp_path / "latest") == "b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b", "latest"]


def test_remove_leftovers_spares_published_runs(tmp_path):
    (tmp_path / ".staging-2024-01-01_000000").mkdir()
    (tmp_path / ".staging-2024-01-01_000000" / "x.ipynb").write_text("{}")
    os.symlink("nowhere", tmp_path / ".latest-123")
    (tmp_path / "2024-01-01_000000").mkdir()
    (tmp_path / "failed-2024-01-02_000000").mkdir()
    remove_leftovers(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "2024-01-01_000000",
        "failed-2024-01-02_000000",
    ]
