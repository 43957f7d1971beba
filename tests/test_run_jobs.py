"""Planning a run (analysis.run.jobs): the notebooks picked up and the arguments checked."""

from __future__ import annotations

import pytest

from analysis.errors import InputError
from analysis.run.jobs import check_run_arguments, find_notebooks


@pytest.mark.parametrize(
    ("jobs", "lang", "timeout", "where"),
    [
        (0, "vi", 10, "--jobs"),
        (True, "vi", 10, "--jobs"),
        (1, "fr", 10, "--lang"),
        (1, "en", 0, "--timeout"),
    ],
)
def test_bad_arguments_refused(jobs, lang, timeout, where):
    with pytest.raises(InputError) as info:
        check_run_arguments(jobs, lang, timeout)
    assert info.value.where == where


def test_find_notebooks_takes_numbered_notebooks_in_order(tmp_path):
    for name in ("02_b.ipynb", "01_a.ipynb", "scratch.ipynb", "1_x.ipynb", "01_a.py"):
        (tmp_path / name).write_text("{}")
    assert [p.name for p in find_notebooks(tmp_path)] == ["01_a.ipynb", "02_b.ipynb"]
    assert [p.name for p in find_notebooks(tmp_path, ["02"])] == ["02_b.ipynb"]
    assert [p.name for p in find_notebooks(tmp_path, ["01_a"])] == ["01_a.ipynb"]


def test_find_notebooks_in_an_empty_folder_refused(tmp_path):
    with pytest.raises(InputError, match="holds no notebooks"):
        find_notebooks(tmp_path)
