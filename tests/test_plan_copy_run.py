"""A plan pack copied under another id, with its scenarios, runs with the same numbers.

The acceptance of the plan packs: a planner starts next year's pack by copying this year's. The
copy (``data/raw/plans/my-copy`` with ``id: my-copy`` and ``scenarios/my-copy``) must check,
run, publish under ``reports/my-copy/`` and give exactly the figures of the original: the same
results tables byte for byte and the same scorecard text (its pack's folder aside), with its
own id in the manifest.
"""

from __future__ import annotations

import io
import json
import shutil

import nbformat
import pytest
from project_copies import PLAN, make_copy

from analysis.run.runner import run_reports

pytestmark = pytest.mark.notebook

COPY = "my-copy"
SCENARIOS = ("low", "target")


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    root = make_copy(
        tmp_path_factory.mktemp("plan-copy"),
        notebooks=["01_grdp_trajectory.ipynb", "06_scorecard.ipynb"],
        scenarios=SCENARIOS,
    )
    plans = root / "data" / "raw" / "plans"
    shutil.copytree(plans / PLAN, plans / COPY)
    spec = plans / COPY / "plan.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace(f"id: {PLAN}", f"id: {COPY}"), "utf-8")
    shutil.copytree(root / "scenarios" / PLAN, root / "scenarios" / COPY)
    original = run_reports(root=root, jobs=2, plan=PLAN, stream=io.StringIO())
    copied = run_reports(root=root, jobs=2, plan=COPY, stream=io.StringIO())
    return original, copied


def _text_outputs(notebook, plan):
    """The text a reader sees, with the pack's own folder name set aside."""
    nb = nbformat.read(notebook, as_version=4)
    texts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if "text" in output:
                texts.append(output.text)
            texts.append(output.get("data", {}).get("text/markdown", ""))
    return [text.replace(f"plans/{plan}/", "plans/<pack>/") for text in texts]


def test_the_copy_publishes_under_its_own_id(runs):
    original, copied = runs
    assert original.parent.name == PLAN
    assert copied.parent.name == COPY
    assert json.loads((copied / "manifest.json").read_text())["plan"]["id"] == COPY


def test_the_copy_gives_the_same_results_tables(runs):
    original, copied = runs
    for scenario in SCENARIOS:
        first = (original / scenario / "results.csv").read_bytes()
        assert first, scenario
        assert (copied / scenario / "results.csv").read_bytes() == first


def test_the_copy_gives_the_same_scorecard(runs):
    original, copied = runs
    first = _text_outputs(original / "06_scorecard.ipynb", PLAN)
    # The real 2024 outturn is in the scorecard of both (growth 13.85 % against 14.5 %).
    assert any("13,85" in text for text in first)
    assert _text_outputs(copied / "06_scorecard.ipynb", COPY) == first
