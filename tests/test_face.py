"""The package's face (analysis/__init__.py): every public name, loaded lazily.

``import analysis`` must stay as light as the command line's ``--help``: the public names are
loaded from their modules on first use (PEP 562), so a fresh interpreter that imports the
package has loaded none of the heavy libraries, nor the runner. A behaviour test, not a timing
(the timings are in ``make bench``).
"""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from pathlib import Path

import pytest

import analysis

PACKAGE_PARENT = str(Path(analysis.__file__).resolve().parents[1])

HEAVY = ("pydantic", "pandera", "scipy", "statsmodels", "matplotlib", "ipywidgets", "voila")
"""Libraries neither ``import analysis`` nor ``python -m analysis --help`` may load."""

RUNNER_MODULES = (
    "analysis.run.runner",
    "analysis.run.jobs",
    "analysis.run.execution",
    "analysis.run.export",
    "analysis.run.results_files",
    "analysis.run.manifest",
    "analysis.run.publishing",
    "analysis.run.index_page",
)
"""The runner's modules (none is needed to import the package or build the parser)."""


def _modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``code``."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=PACKAGE_PARENT,
        env={"PYTHONPATH": PACKAGE_PARENT, "PATH": "/usr/bin:/bin"},
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


@pytest.mark.parametrize("name", analysis.__all__)
def test_every_public_name_resolves(name):
    value = getattr(analysis, name)
    assert value is not None
    assert name in dir(analysis)
    if inspect.isfunction(value) or inspect.isclass(value):
        assert value.__name__ == name
        assert value.__module__ == analysis._PUBLIC[name], "the face names the defining module"


def test_from_import_works_for_public_names():
    namespace: dict = {}
    exec("from analysis import load_targets, run_reports, export_html, Scenario", namespace)
    assert callable(namespace["run_reports"])


def test_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'not_a_name'"):
        analysis.not_a_name  # noqa: B018


def test_import_analysis_loads_no_heavy_library_nor_the_runner():
    loaded = _modules_after("import analysis")
    assert not loaded & {*HEAVY, *RUNNER_MODULES}, sorted(loaded & {*HEAVY, *RUNNER_MODULES})
    assert "pandas" not in loaded


def test_command_line_parser_loads_no_heavy_library_nor_the_runner():
    loaded = _modules_after(
        "import contextlib, io\n"
        "from analysis.run.cli import build_parser\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    build_parser().parse_args(['--help'])"
    )
    assert not loaded & {*HEAVY, *RUNNER_MODULES, "pandas"}, sorted(
        loaded & {*HEAVY, *RUNNER_MODULES, "pandas"}
    )


def test_a_public_name_loads_only_its_own_module():
    loaded = _modules_after("from analysis import cumulative_growth")
    assert "analysis.economics.quarters" in loaded
    assert not loaded & {"pydantic", "pandera", "matplotlib", *RUNNER_MODULES}


def test_the_runner_process_loads_no_plotting_library():
    # The notebooks plot in their kernels; the runner itself (its checks, index, workbook)
    # needs neither matplotlib nor IPython's display.
    loaded = _modules_after("import analysis.run.runner, analysis.run.index_page")
    assert not loaded & {"matplotlib", "matplotlib.pyplot", "IPython.display", "seaborn"}


def test_the_explorers_computation_loads_no_widgets():
    loaded = _modules_after("from analysis import explore, save_settings")
    assert "analysis.outlook.explorer" in loaded
    assert not loaded & {"ipywidgets", "voila", "matplotlib", *RUNNER_MODULES}
