"""The runner's fixed names and defaults: the kernel, the limits, what a run folder holds.

Constants only, importing nothing heavy: the command line builds its ``--help`` from them
without loading the runner, pandas or the notebooks' libraries.

A published run, ``reports/<YYYY-MM-DD_HHMMSS>/``, holds :data:`INDEX_FILE`,
:data:`MANIFEST_FILE`, :data:`WORKBOOK_FILE`, the once-per-run reports and one folder per
scenario with its :data:`RESULTS_FILE` and reports. Beside the runs, ``reports/`` holds
:data:`LATEST` (a link to the last published run), :data:`LOCK_FILE`, and for a moment the
``.staging-<stamp>`` folder being built; a failed run leaves ``failed-<stamp>``.
"""

from analysis.outlook.defaults import DEFAULT_SEED

__all__ = [
    "DEFAULT_CELL_TIMEOUT",
    "DEFAULT_SEED",
    "FAILED_PREFIX",
    "INDEX_FILE",
    "KERNEL_HASH_SEED",
    "KERNEL_LOG",
    "KERNEL_NAME",
    "LANGUAGES",
    "LATEST",
    "LOCK_FILE",
    "MANIFEST_FILE",
    "MAX_SEED",
    "RESULTS_FILE",
    "STAGING_PREFIX",
    "SUMMARY_FILE",
    "WORKBOOK_FILE",
]

KERNEL_NAME = "python3"
"""Every notebook runs on this kernel, whatever its metadata says."""

KERNEL_HASH_SEED = "0"
"""``PYTHONHASHSEED`` of the kernels: set and dict orders, hence outputs, repeat run to run."""

LANGUAGES = ("vi", "en")
"""Languages a run's reports can be written in."""

MAX_SEED = 2**32 - 1
"""Largest seed: every numpy generator (legacy ``np.random.seed`` included) accepts 0..2**32-1."""

DEFAULT_CELL_TIMEOUT = 900
"""Seconds a single cell may run before the notebook counts as failed."""

RESULTS_FILE = "results.csv"
WORKBOOK_FILE = "results.xlsx"
MANIFEST_FILE = "manifest.json"
INDEX_FILE = "index.html"
SUMMARY_FILE = "summary.md"
"""The summary's lines (Markdown), written by report 00 beside the index, which shows them."""
KERNEL_LOG = "kernels.log"
LATEST = "latest"
LOCK_FILE = ".lock"
STAGING_PREFIX = ".staging-"
FAILED_PREFIX = "failed-"
