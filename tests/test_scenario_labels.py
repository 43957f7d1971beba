"""Two scenarios of one run may not share a label: refused by load, ``check`` and ``run``.

A copy of ``target.yaml`` made as the README says (new file name and ``name:``) keeps the
target's label; in the comparison its bar would be indistinguishable from the target's. The
copy is refused before anything runs, with both files named.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from project_copies import PLAN, make_copy, reports_of, run_cli

from analysis.data.scenarios import load_scenarios
from analysis.errors import InputError, InputErrors

PROJECT = Path(__file__).resolve().parents[1]
TARGET = PROJECT / "scenarios" / PLAN / "target.yaml"


def copy_of_target(folder: Path, name: str, **changes) -> Path:
    """``target.yaml`` copied as the README says: a new file and ``name:``, all else kept."""
    data = yaml.safe_load(TARGET.read_text(encoding="utf-8"))
    data.update(name=name, **changes)
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def messages(exc: InputError | InputErrors) -> list[str]:
    return [str(e) for e in (exc.errors if isinstance(exc, InputErrors) else [exc])]


def test_a_copy_keeping_the_label_is_refused_with_both_files_named(tmp_path):
    target = copy_of_target(tmp_path, "target")
    copy = copy_of_target(tmp_path, "my-scenario")
    with pytest.raises((InputError, InputErrors)) as caught:
        load_scenarios(None, tmp_path)
    (message,) = messages(caught.value)
    # files are read in name order: the copy (my-scenario) first, the target second
    assert message.startswith(f"{target}: label.vi: 'Kịch bản mục tiêu Nghị quyết' is also ")
    assert f"the label of scenario 'my-scenario' ({copy})" in message


def test_labels_differing_only_in_case_and_spaces_are_the_same(tmp_path):
    copy_of_target(tmp_path, "target")
    copy_of_target(
        tmp_path,
        "shouting",
        label={"vi": "  KỊCH BẢN   mục tiêu nghị quyết ", "en": "Something else"},
    )
    with pytest.raises((InputError, InputErrors)):
        load_scenarios(None, tmp_path)


def test_the_english_label_alone_is_enough_to_refuse(tmp_path):
    english = yaml.safe_load(TARGET.read_text(encoding="utf-8"))["label"]["en"]
    copy_of_target(tmp_path, "target")
    copy_of_target(tmp_path, "other", label={"vi": "Kịch bản khác", "en": english})
    with pytest.raises((InputError, InputErrors)) as caught:
        load_scenarios(None, tmp_path)
    assert ": label.en: " in messages(caught.value)[0]


def test_distinct_labels_load(tmp_path):
    copy_of_target(tmp_path, "target")
    copy_of_target(tmp_path, "mine", label={"vi": "Kịch bản của tôi", "en": "My scenario"})
    assert [s.name for s in load_scenarios(None, tmp_path)] == ["mine", "target"]


@pytest.mark.parametrize("command", [("check",), ("run", "--jobs", "1")])
def test_check_and_run_refuse_the_copy_before_anything_runs(tmp_path, command):
    root = make_copy(tmp_path, fixtures=["01_ok.ipynb"], scenarios=["target", "low"])
    folder = root / "scenarios" / PLAN
    copy_of_target(folder, "my-scenario")
    done = run_cli(root, *command)
    assert done.returncode == 2, done.stderr
    said = done.stderr.replace(str(root) + "/", "")
    assert f"scenarios/{PLAN}/target.yaml: label.vi: " in said
    assert f"(scenarios/{PLAN}/my-scenario.yaml)" in said
    assert not list(reports_of(root).glob("20*")), "nothing was run"
