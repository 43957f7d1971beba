"""The corpus of hostile and broken inputs (tests/corpus/): each refused, nothing written.

Every case of ``tests/corpus/cases.yaml`` is put into a fresh copy of the project (raw data,
scenarios, a fixture notebook, an earlier published run with ``reports/latest``) beside a folder
``outside/`` holding valid files out of the project's reach. ``python -m analysis check`` or
``run`` then runs on the copy in a subprocess and must exit with status 2, name the file (or
argument), the field or line, and the rule on standard error (the case's ``expect``
strings), print no traceback, and leave every file of the copy and of ``outside/`` as it
was: no report, no staging folder, no lock taken, no processed table, and no file made by a
YAML tag.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from project_copies import (
    PACK,
    PLAN,
    PROJECT,
    add_previous_run,
    latest_is_the_old_run,
    make_copy,
    run_cli,
    tree_state,
)

CORPUS = Path(__file__).resolve().parent / "corpus"
CASES = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))


def test_the_corpus_is_large_and_every_file_is_used():
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids))
    assert len(ids) >= 25
    used = {case["file"] for case in CASES if "file" in case}
    on_disk = {p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*.*") if p.parent != CORPUS}
    assert used == on_disk


def test_every_kind_of_input_is_covered():
    targets = {case.get("at", "").split("/")[0] for case in CASES if "at" in case}
    first_words = {case["commands"][0][0] for case in CASES if "commands" in case}
    assert {"data", "scenarios"} <= targets
    assert any("actuals" in case.get("at", "") for case in CASES)
    assert any("link" in case for case in CASES)
    assert {"check", "run"} <= first_words


def _outside(base: Path) -> Path:
    """Valid files out of the project's reach: a scenario, a targets table, a folder."""
    outside = base / "outside"
    (outside / "reports").mkdir(parents=True)
    text = (PROJECT / "scenarios" / PLAN / "target.yaml").read_text(encoding="utf-8")
    (outside / "escape.yaml").write_text(
        text.replace("name: target", "name: escape"), encoding="utf-8"
    )
    shutil.copy(PROJECT / PACK / "targets.csv", outside / "targets.csv")
    return outside


def _install(case: dict, root: Path, base: Path) -> None:
    if "remove" in case:
        (root / case["remove"]).unlink()
    if "file" in case:
        target = root / case["at"]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CORPUS / case["file"], target)
    if "link" in case:
        at = root / case["link"]["at"]
        if at.is_dir() and not at.is_symlink():
            shutil.rmtree(at)
        else:
            at.unlink(missing_ok=True)
        os.symlink(os.path.relpath(base / case["link"]["to"], at.parent), at)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_refused_with_a_clear_message_and_nothing_written(case, tmp_path):
    root = make_copy(tmp_path, fixtures=["01_ok.ipynb"])
    reports = add_previous_run(root)
    _outside(tmp_path)
    _install(case, root, tmp_path)
    before = tree_state(tmp_path)
    for arguments in case.get("commands", [["run"]]):
        done = run_cli(root, *arguments, timeout=300)
        shown = f"{arguments}: exit {done.returncode}\n{done.stderr}"
        assert done.returncode == 2, shown
        assert "Traceback" not in done.stderr, shown
        for words in case["expect"]:
            assert words in done.stderr, (words, shown)
        assert done.stdout == "", shown
        assert tree_state(tmp_path) == before, shown
    assert not (root / "PWNED").exists()
    if not (root / "reports").is_symlink():
        assert latest_is_the_old_run(reports)
