"""What makes a kernel forked from the template look like a fresh one to its notebook.

The template (:mod:`analysis.run.kernel_template`) imports the kernel's own modules and the
notebooks' libraries once (:func:`preload`); each kernel it forks starts from that state. So that
a notebook cannot tell such a kernel from one started with ``python -m ipykernel_launcher``
once it has imported its libraries (``tests/fixtures/notebooks/08_kernel_facts.ipynb`` prints
what a notebook can see):

- the environment jupyter_client and ipykernel give a kernel (``JPY_PARENT_PID``,
  ``MPLBACKEND``) is set before anything is imported (:func:`prepare_environment`), since
  ipykernel and matplotlib read it at import; each kernel then gets the environment of its
  request, plus what the imports set (:data:`IMPORTED_ENVIRONMENT`);
- while the libraries are imported, ``get_ipython()`` answers a shell with a kernel and the
  standard streams describe themselves as a kernel's do (:func:`looking_like_a_kernel`):
  pandas chooses its display options (20 columns, UTF-8) from them;
- the warnings filters the libraries install come before those of the kernel
  (:func:`put_library_filters_first`), as in a fresh kernel after the imports;
- the inline matplotlib backend is never imported in the template (it hooks itself into the
  IPython shell that imports it, so the kernel imports it);
- numpy's legacy global generator is reseeded from the operating system in each kernel
  (:func:`reseed_generators`), as a fresh interpreter seeds it (Python's ``random`` reseeds
  itself after a fork).

What a notebook does to its kernel (matplotlib's style and open figures, random states, warnings
filters, the working folder, the environment, signal handlers, patched modules) dies with that
kernel: no kernel runs two notebooks, and the template runs none.
"""

from __future__ import annotations

import builtins
import contextlib
import importlib
import os
import pkgutil
import sys
import warnings
from collections.abc import Iterator
from typing import Any

INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
"""The matplotlib backend ipykernel gives its kernels (``MPLBACKEND``)."""

KERNEL_MODULES = (
    "IPython.display",
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.debugger",
)
"""The kernel's own modules, imported first (a fresh kernel imports them when it starts, before
any notebook code runs; the debugger alone takes a third of a second)."""

PRELOADED = (
    "numpy",
    "pandas",
    "scipy.optimize",
    "scipy.stats",
    "matplotlib",
    "matplotlib.pyplot",
    "matplotlib.ticker",
    "seaborn",
)
"""Libraries imported before the first fork, after :data:`KERNEL_MODULES`; then every module of
:data:`PRELOADED_LAYERS`."""

PRELOADED_LAYERS = ("analysis.economics", "analysis.data", "analysis.outlook", "analysis.report")
"""The package's layers the notebooks call, imported module by module (none changes any global
state when imported: styles and caches are set up by the functions that need them)."""

NEVER_PRELOADED = ("matplotlib_inline.backend_inline",)
"""Modules that must be imported inside the kernel: the inline backend connects itself to the
IPython shell that imports it (which the template does not have)."""

LIBRARY_FILTERS: list[Any] = []
"""The warnings filters the preloaded libraries installed, in their order (see
:func:`put_library_filters_first`)."""

IMPORTED_ENVIRONMENT: dict[str, str] = {}
"""Environment variables the preloaded modules set when imported (the debugger sets
``PYDEVD_USE_FRAME_EVAL``); each kernel sets them again over the environment it is given."""


class KernelShellStandIn:
    """What ``get_ipython()`` answers while the template imports: a shell with a kernel.

    Libraries that look at their surroundings when imported then configure themselves for a
    kernel, as they do when a notebook imports them: pandas, for one, shows at most 20 columns
    in a kernel (``display.max_columns``) but fits them to the terminal elsewhere.
    """

    kernel = None


class KernelStreamStandIn:
    """``sys.stdout`` and ``sys.stderr`` while the template imports: the real stream, as a
    kernel's output stream describes itself (its encoding, not a terminal). pandas, for one,
    takes its ``display.encoding`` from ``sys.stdout`` when imported."""

    def __init__(self, stream: Any, encoding: str) -> None:
        self.stream = stream
        self.encoding = encoding

    def write(self, text: str) -> int:
        """Write to the real stream."""
        return self.stream.write(text)

    def flush(self) -> None:
        """Flush the real stream."""
        self.stream.flush()

    def isatty(self) -> bool:
        """A kernel's output is never a terminal."""
        return False

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def preload(
    modules: tuple[str, ...] = PRELOADED, layers: tuple[str, ...] = PRELOADED_LAYERS
) -> list[str]:
    """Import ``modules`` and every module of ``layers``; return those that failed to import.

    A module that fails is left to the kernel (which then reports the error in its notebook).
    """
    failed: list[str] = []
    environment = dict(os.environ)
    _import_all(list(KERNEL_MODULES), (), failed)
    before = list(warnings.filters)
    with looking_like_a_kernel():
        _import_all(list(modules), layers, failed)
    LIBRARY_FILTERS[:] = [f for f in warnings.filters if f not in before]
    IMPORTED_ENVIRONMENT.update({k: v for k, v in os.environ.items() if environment.get(k) != v})
    for name in NEVER_PRELOADED:
        sys.modules.pop(name, None)
    return failed


def load_run_plan(plan_id: str | None) -> bool:
    """Load and validate the run's plan pack once (None: the default one), in the template:
    every kernel forked after finds its validated tables in
    :data:`analysis.data.tables.VALIDATED` (copied when a notebook loads the plan, and read
    again if a file's bytes changed meanwhile). False when loading fails; each notebook then
    loads the plan itself and reports what is wrong."""
    from analysis.data.plans import load_plan

    try:
        load_plan(plan_id)
    except Exception:  # the notebooks report it
        return False
    return True


@contextlib.contextmanager
def looking_like_a_kernel() -> Iterator[None]:
    """While the block runs, ``get_ipython()`` answers a shell with a kernel and the standard
    streams describe themselves as a kernel's do (:class:`KernelShellStandIn`,
    :class:`KernelStreamStandIn`)."""
    from ipykernel.iostream import OutStream

    streams = sys.stdout, sys.stderr
    builtins.get_ipython = KernelShellStandIn  # type: ignore[attr-defined]
    sys.stdout, sys.stderr = (KernelStreamStandIn(s, OutStream.encoding) for s in streams)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = streams
        del builtins.get_ipython  # type: ignore[attr-defined]


def _import_all(names: list[str], layers: tuple[str, ...], failed: list[str]) -> None:
    for layer in layers:
        try:
            package = importlib.import_module(layer)
        except Exception:
            failed.append(layer)
            continue
        names += [info.name for info in pkgutil.walk_packages(package.__path__, f"{layer}.")]
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:
            failed.append(name)


def put_library_filters_first() -> None:
    """Order the warnings filters as in a fresh kernel once its notebook has imported the
    libraries: theirs first, then those the kernel installed when it started (each filter only
    concerns its own warnings; the order is kept the same all the same)."""
    rest = [f for f in warnings.filters if f not in LIBRARY_FILTERS]
    warnings.filters[:] = [*LIBRARY_FILTERS, *rest]
    warnings._filters_mutated()  # type: ignore[attr-defined]


def reseed_generators() -> None:
    """Seed numpy's legacy global generator from the operating system, as a fresh interpreter
    does (notebooks that want repeatable draws seed their own)."""
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed()


def prepare_environment() -> None:
    """The environment jupyter_client and ipykernel give a kernel of this process (its parent),
    set before anything reads it at import."""
    os.environ["JPY_PARENT_PID"] = str(os.getpid())
    if not os.environ.get("MPLBACKEND"):
        os.environ["MPLBACKEND"] = INLINE_BACKEND
