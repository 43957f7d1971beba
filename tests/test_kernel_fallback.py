"""A forked kernel that never answers costs only its start: the notebook runs in an ordinary one.

nbclient raises ``RuntimeError("Kernel didn't respond in 60 seconds")`` when a kernel does not
answer its first request; seen once under heavy load on the warm path. ``execute_job`` then runs
the notebook again with jupyter_client's own kernel manager (no cell had run, and both kernels
give the same report, tests/test_reproducibility.py). Other errors are reported as before.
"""

from __future__ import annotations

from pathlib import Path

import papermill
import pytest

from analysis.run import execution, warm_kernels
from analysis.run.jobs import Job

WARM = {"kernel_manager_class": object}


def _job(tmp_path: Path) -> Job:
    return Job(
        scenario="target",
        notebook=tmp_path / "01_x.ipynb",
        output=tmp_path / "out" / "01_x.ipynb",
        parameters={"results_dir": str(tmp_path / "out")},
        cwd=tmp_path,
        lang="vi",
        title="x",
        cell_timeout=None,
    )


@pytest.fixture
def calls(monkeypatch):
    made: list[dict] = []
    monkeypatch.setattr(warm_kernels, "engine_options", lambda: dict(WARM))
    monkeypatch.setattr(execution, "export_html", lambda *args, **kwargs: None)
    return made


def test_a_warm_kernel_that_never_answers_is_replaced_by_an_ordinary_one(
    tmp_path, monkeypatch, calls
):
    def execute_notebook(notebook, output, **kwargs):
        calls.append(kwargs)
        if "kernel_manager_class" in kwargs:
            raise RuntimeError("Kernel didn't respond in 60 seconds")

    monkeypatch.setattr(papermill, "execute_notebook", execute_notebook)
    outcome = execution.execute_job(_job(tmp_path))
    assert outcome.status == "ok"
    assert ["kernel_manager_class" in c for c in calls] == [True, False]


def test_other_errors_are_not_retried(tmp_path, monkeypatch, calls):
    def execute_notebook(notebook, output, **kwargs):
        calls.append(kwargs)
        raise RuntimeError("something else went wrong")

    monkeypatch.setattr(papermill, "execute_notebook", execute_notebook)
    outcome = execution.execute_job(_job(tmp_path))
    assert outcome.status == "failed"
    assert "something else went wrong" in outcome.detail
    assert len(calls) == 1


def test_an_ordinary_kernel_that_never_answers_is_reported(tmp_path, monkeypatch, calls):
    monkeypatch.setattr(warm_kernels, "engine_options", lambda: {})

    def execute_notebook(notebook, output, **kwargs):
        calls.append(kwargs)
        raise RuntimeError("Kernel didn't respond in 60 seconds")

    monkeypatch.setattr(papermill, "execute_notebook", execute_notebook)
    outcome = execution.execute_job(_job(tmp_path))
    assert outcome.status == "failed"
    assert "Kernel didn't respond" in outcome.detail
    assert len(calls) == 1
