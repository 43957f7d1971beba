"""Warm kernels: each notebook in its own kernel, forked from the run's template with the
libraries imported, that looks to the notebook exactly like a kernel started from scratch.

Fixture notebooks: ``08_kernel_facts`` prints what a notebook can see of its kernel (working
folder, module path, environment, warnings filters, signal handlers, threads, pandas and
matplotlib settings, the package's functions, an inline chart) and writes to its results folder
which libraries were already imported when it started; ``09_poisons_kernel`` changes all of
that in its own kernel; ``05_kernel_dies`` kills its kernel.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from project_copies import PROJECT, make_copy

from analysis.run.kernel_template import kernel_arguments
from analysis.run.runner import run_reports
from analysis.run.warm_kernels import ForkedKernel

SCENARIOS = ("low", "target")


def test_the_template_serves_only_its_own_interpreter_and_launcher():
    interpreter = ["/venv/bin/python", "-Xfrozen_modules=off"]
    cmd = [*interpreter, "-m", "ipykernel_launcher", "-f", "k.json", "--x=1"]
    assert kernel_arguments(cmd, interpreter) == ["-f", "k.json", "--x=1"]
    for other in (["/other/python", *cmd[1:]], [*interpreter, "-m", "other", "-f", "k"]):
        with pytest.raises(ValueError, match="is not"):
            kernel_arguments(other, interpreter)


def test_forked_kernel_is_watched_and_signalled_through_a_process_descriptor():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    kernel = ForkedKernel(child.pid)
    assert kernel.poll() is None
    with pytest.raises(subprocess.TimeoutExpired):
        kernel.wait(timeout=0.05)
    kernel.send_signal(signal.SIGTERM)
    assert kernel.wait(timeout=60) == -signal.SIGTERM
    assert kernel.poll() == -signal.SIGTERM
    kernel.kill()  # ended: nothing to signal, no error
    child.wait()


# --- the same kernel, warm or isolated -------------------------------------------------------


@pytest.fixture(scope="module")
def warm_and_isolated(tmp_path_factory):
    root = make_copy(
        tmp_path_factory.mktemp("warm"),
        fixtures=["08_kernel_facts.ipynb", "09_poisons_kernel.ipynb"],
        scenarios=SCENARIOS,
    )
    # One worker runs low/08, low/09 (poisons its kernel), then target/08 and target/09, each
    # in a kernel forked from the one template.
    warm = run_reports(root=root, jobs=1, stream=io.StringIO())
    isolated = run_reports(root=root, jobs=1, isolated=True, fresh=True, stream=io.StringIO())
    return {"warm": warm, "isolated": isolated}


def _facts(run: Path, scenario: str) -> dict:
    return json.loads((run / scenario / "kernel_facts.json").read_text(encoding="utf-8"))


@pytest.mark.notebook
def test_warm_kernels_come_with_the_libraries_imported(warm_and_isolated):
    for scenario in SCENARIOS:
        warm = _facts(warm_and_isolated["warm"], scenario)["preloaded"]
        assert {"numpy", "pandas", "matplotlib", "analysis.report.charts"} <= set(warm)
        assert _facts(warm_and_isolated["isolated"], scenario)["preloaded"] == []
    manifest = json.loads((warm_and_isolated["warm"] / "manifest.json").read_text("utf-8"))
    assert manifest["parameters"]["kernels"] == "warm"


@pytest.mark.notebook
def test_a_notebook_sees_the_same_kernel_warm_or_isolated_even_after_a_poisoned_one(
    warm_and_isolated,
):
    warm, isolated = warm_and_isolated["warm"], warm_and_isolated["isolated"]
    pages = sorted(p.relative_to(warm) for p in warm.rglob("*.html") if p.name != "index.html")
    assert len(pages) == len(SCENARIOS) * 2
    for page in pages:
        assert (warm / page).read_bytes() == (isolated / page).read_bytes(), page
    facts = (warm / "target" / "08_kernel_facts.html").read_text(encoding="utf-8")
    assert "POISONED" not in facts and "/nowhere" not in facts
    assert "backend: module://matplotlib_inline.backend_inline" in facts
    assert "pandas display.max_columns: 20" in facts  # what pandas chooses in a kernel
    assert "package: 1.234,5" in facts and "project root: True" in facts
    assert "data:image/png;base64," in facts  # the inline backend showed the chart


# --- a kernel that dies, a template that dies --------------------------------------------------

DYING_SCRIPT = """
import json, os, sys
from pathlib import Path
import nbformat
from nbformat.v4 import new_code_cell, new_notebook
import papermill as pm
from analysis.run import warm_kernels
from analysis.run.kernel_template import kernel_environment, kernel_template

folder = Path(sys.argv[1])

def notebook(name, *sources):
    nb = new_notebook(cells=[new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, folder / name)
    return folder / name

def run(path):
    try:
        pm.execute_notebook(path, path.with_suffix(".out.ipynb"), kernel_name="python3",
                            progress_bar=False, **warm_kernels.engine_options())
    except Exception as exc:
        return type(exc).__name__
    out = nbformat.read(path.with_suffix(".out.ipynb"), as_version=4)
    return out.cells[-1].outputs[0]["text"].strip()

dies = notebook("dies.ipynb", "import os, signal", "os.kill(os.getpid(), signal.SIGKILL)")
looks = notebook("looks.ipynb", "import os, sys",
                 "print(sorted({'pandas', 'numpy'} & set(sys.modules)), "
                 "os.getppid() == int(os.environ['JPY_PARENT_PID']))")
environment = {**os.environ, **kernel_environment(Path.cwd())}
with kernel_template(environment) as template:
    warm_kernels.use_template(template.address, str(folder / "kernels.log"))
    found = {"died": run(dies), "after": run(looks)}
    found["template_alive"] = template.process.poll() is None
    template.process.kill()
    template.process.wait()
    found["after_template_died"] = run(looks)
    found["template_given_up"] = warm_kernels.engine_options() == {}
print(json.dumps(found))
"""


def run_as_a_worker(script: str, folder: Path) -> dict:
    """Run ``script`` (given ``folder``) in a process of its own, as a worker is, from the
    project root; the JSON object its last line prints."""
    env = dict(os.environ, PYTHONPATH=str(PROJECT), PYTHONHASHSEED="0")
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), str(folder)],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
        env=env,
        cwd=PROJECT,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.notebook
def test_a_dying_kernel_costs_only_itself_and_a_dead_template_leaves_ordinary_kernels(tmp_path):
    found = run_as_a_worker(DYING_SCRIPT, tmp_path)
    assert found["died"] == "DeadKernelError"
    assert found["after"] == "['numpy', 'pandas'] True"  # forked from the template
    assert found["template_alive"]
    assert found["after_template_died"] == "[] True"  # started the ordinary way
    assert found["template_given_up"]


LOADED_PLAN_SCRIPT = """
import json, os, sys
from pathlib import Path
import nbformat
from nbformat.v4 import new_code_cell, new_notebook
import papermill as pm
from analysis.run import warm_kernels
from analysis.run.kernel_template import kernel_environment, kernel_template

folder = Path(sys.argv[1])
nb = new_notebook(cells=[new_code_cell(
    "from analysis.data import tables\\n"
    "print(sorted(Path(key[0]).name for key in tables.VALIDATED))"
)])
nb.cells.insert(0, new_code_cell("from pathlib import Path"))
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
nbformat.write(nb, folder / "seen.ipynb")

def seen():
    pm.execute_notebook(folder / "seen.ipynb", folder / "out.ipynb", kernel_name="python3",
                        progress_bar=False, **warm_kernels.engine_options())
    out = nbformat.read(folder / "out.ipynb", as_version=4)
    return out.cells[-1].outputs[0]["text"].strip()

environment = {**os.environ, **kernel_environment(Path.cwd())}
found = {}
for plan in ("bac-giang-2025", ""):
    with kernel_template(environment, True, plan) as template:
        warm_kernels.use_template(template.address, str(folder / "kernels.log"))
        found[plan] = seen()
print(json.dumps(found))
"""


@pytest.mark.notebook
def test_the_template_loads_the_runs_plan_once_for_every_kernel(tmp_path):
    """Given the run's plan, the template validates its tables before it forks: a kernel finds
    them in analysis.data.tables.VALIDATED (copied when its notebook loads the plan); without
    a plan, nothing is loaded."""
    found = run_as_a_worker(LOADED_PLAN_SCRIPT, tmp_path)
    pack = ["assumptions.csv", "baselines.csv", "published_series.csv", "target_groups.csv"]
    assert found["bac-giang-2025"] == str(sorted([*pack, "targets.csv"]))
    assert found[""] == "[]"


def test_the_template_says_when_it_serves_and_a_dead_one_never_does():
    from analysis.run.kernel_template import kernel_environment, kernel_template

    environment = {**os.environ, **kernel_environment(PROJECT)}
    with kernel_template(environment) as template:
        assert template is not None
        assert template.wait_until_serving(180)  # imports done (a few seconds)
        assert template.wait_until_serving(0)  # said once, known since
    assert not template.wait_until_serving(0)  # stopped
    with kernel_template(environment) as dying:
        dying.process.kill()
        dying.process.wait()
        assert not dying.wait_until_serving(60)  # at once: no process, no byte
