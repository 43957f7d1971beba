"""The kernel template: one process per worker with the notebooks' libraries imported, which
forks a fresh kernel for each notebook.

A fresh ``python -m ipykernel_launcher`` spends about two seconds importing pandas, numpy,
scipy, matplotlib, seaborn, pandera, IPython and the package before a notebook's first cell
runs. The template pays that once: it is started by a worker process
(:mod:`analysis.run.warm_kernels`) with the kernel's interpreter and environment, imports
:data:`PRELOADED` and then waits on a socket. For each notebook the worker sends one request
(the kernel's arguments, environment and working directory); the template forks, and the child
becomes the kernel exactly as ``ipykernel_launcher`` would start it: its own session, the
request's environment and folder, standard input from ``/dev/null``, then
ipykernel's kernel application.

Nothing a notebook does reaches the template or the next notebook: each runs in its own forked
process, which starts from the template's state, and the template itself never runs notebook
code. So no state has to be put back between notebooks (matplotlib's style and open figures,
random states, warnings filters, the working folder, the environment, signal handlers, patched
modules all die with the kernel). What the template prepares is chosen so that a forked kernel
looks to its notebook as a fresh one does once the notebook has imported its libraries
(``tests/fixtures/notebooks/08_kernel_facts.ipynb`` prints what a notebook can see):

- the environment jupyter_client and ipykernel give a kernel (``JPY_PARENT_PID``,
  ``MPLBACKEND``) is set before anything is imported, since ipykernel and matplotlib read it
  at import; each kernel then gets the environment of its request, plus what the imports
  set (:data:`IMPORTED_ENVIRONMENT`);
- while the libraries are imported, ``get_ipython()`` answers a shell with a kernel and the
  standard streams describe themselves as a kernel's do (:func:`looking_like_a_kernel`):
  pandas chooses its display options (20 columns, UTF-8) from them;
- the warnings filters the libraries install come before those of the kernel
  (:func:`put_library_filters_first`), as in a fresh kernel after the imports;
- the inline matplotlib backend is never imported in the template (it hooks itself into the
  IPython shell that imports it, so the kernel imports it);
- numpy's legacy global generator is reseeded from the operating system in each kernel, as a
  fresh interpreter seeds it (Python's ``random`` reseeds itself after a fork).

The child forks once more and the middle process exits at once, so that the kernel is handed to
the worker (a child subreaper, :func:`analysis.run.warm_kernels.become_subreaper`): the worker
can wait for it, signal it and see it die as it does a kernel it started itself, and the kernel
dies with the worker (:func:`analysis.run.safeguards.die_with_parent`).

Protocol (one JSON object per line on the socket): the template says ``{"ready": pid}`` once
its imports are done; a request is ``{"args": [...], "env": {...}, "cwd": "...", "parent":
pid}``; the answer, written by the new kernel itself, is ``{"pid": pid}``, or ``{"error":
"..."}`` from whichever process failed. The template ends when the socket closes or its worker
dies.
"""

from __future__ import annotations

import atexit
import builtins
import contextlib
import gc
import importlib
import json
import os
import pkgutil
import socket
import sys
import threading
import time
import traceback
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

PARENT_WAIT = 10.0
"""Seconds a new kernel waits to be handed over to its worker before giving up."""

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


def send(channel: socket.socket, message: dict[str, Any]) -> None:
    """Write one JSON line on ``channel``."""
    channel.sendall((json.dumps(message) + "\n").encode("utf-8"))


def serve(channel: socket.socket) -> None:
    """Answer requests for kernels until ``channel`` closes."""
    reader = channel.makefile("r", encoding="utf-8")
    send(channel, {"ready": os.getpid()})
    for line in reader:
        try:
            fork_kernel(json.loads(line), channel)
        except Exception as exc:  # the template stays up; the worker starts the kernel itself
            send(channel, {"error": f"{type(exc).__name__}: {exc}"})


def fork_kernel(request: dict[str, Any], channel: socket.socket) -> None:
    """Fork a kernel for ``request``; return once the middle process has exited."""
    if threading.active_count() > 1:
        raise RuntimeError("the template runs threads and cannot fork safely")
    middle = os.fork()
    if middle == 0:
        code = 1
        try:
            code = become_kernel(request, channel) if os.fork() == 0 else 0
        except BaseException:
            traceback.print_exc()
            _answer_error(channel)
        finally:
            os._exit(code)
    os.waitpid(middle, 0)


def _answer_error(channel: socket.socket) -> None:
    with contextlib.suppress(OSError):
        send(channel, {"error": traceback.format_exc(limit=3)})


def become_kernel(request: dict[str, Any], channel: socket.socket) -> int:
    """Turn this forked process into the kernel of ``request`` and run it; its exit code."""
    from analysis.run.safeguards import die_with_parent

    os.setsid()  # as jupyter_client starts kernels: a session (and process group) of its own
    wait_for_parent(int(request["parent"]))
    die_with_parent(int(request["parent"]))
    send(channel, {"pid": os.getpid()})
    channel.close()
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    os.environ.update(IMPORTED_ENVIRONMENT)
    reseed_generators()
    return run_kernel(request["args"])


def wait_for_parent(parent: int, deadline: float = PARENT_WAIT) -> None:
    """Wait until this process has been handed over to ``parent`` (its worker)."""
    end = time.monotonic() + deadline
    while os.getppid() != parent:
        if time.monotonic() > end:
            raise RuntimeError(f"the kernel was not handed over to its worker {parent}")
        time.sleep(0.001)


def reseed_generators() -> None:
    """Seed numpy's legacy global generator from the operating system, as a fresh interpreter
    does (notebooks that want repeatable draws seed their own)."""
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed()


def run_kernel(args: list[str]) -> int:
    """Run ipykernel with ``args`` as ``python -m ipykernel_launcher`` would; the exit code."""
    import ipykernel_launcher
    from ipykernel import kernelapp

    sys.argv = [ipykernel_launcher.__file__, *args]
    code = 0
    try:
        app = kernelapp.IPKernelApp.instance()
        app.initialize(args)
        put_library_filters_first()
        app.start()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    except BaseException:
        traceback.print_exc()
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        with contextlib.suppress(Exception):
            stream.flush()
    return code


def prepare_environment(parent: int) -> None:
    """The environment a kernel of ``parent`` gets from jupyter_client and ipykernel, set
    before anything reads it at import."""
    os.environ["JPY_PARENT_PID"] = str(parent)
    if not os.environ.get("MPLBACKEND"):
        os.environ["MPLBACKEND"] = INLINE_BACKEND


def main(argv: list[str] | None = None) -> int:
    """``python -m analysis.run.kernel_template FD PARENT``: serve kernels on socket ``FD``."""
    fd, parent = (int(a) for a in (argv if argv is not None else sys.argv[1:]))
    from analysis.run.safeguards import die_with_parent

    die_with_parent(parent)
    if sys.path and sys.path[0] in ("", os.getcwd()):
        del sys.path[0]  # as ipykernel_launcher does; ipykernel puts '' back in the kernel
    prepare_environment(parent)
    channel = socket.socket(fileno=fd)
    preload()
    gc.freeze()  # the imported modules live on in every kernel: no collection need visit them
    serve(channel)
    return 0


if __name__ == "__main__":
    sys.exit(main())
