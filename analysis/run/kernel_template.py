"""The kernel template: one process per run with the notebooks' libraries imported, which forks
a fresh kernel for each notebook.

A fresh ``python -m ipykernel_launcher`` spends about two seconds importing pandas, numpy,
scipy, matplotlib, seaborn, pandera, IPython and the package before a notebook's first cell
runs. The template pays that once per run: the runner starts it
(:class:`analysis.run.warm_kernels.KernelTemplate`) with the kernels' interpreter and
environment, it imports the kernel's modules and the notebooks' libraries
(:func:`analysis.run.kernel_preload.preload`), and then serves the worker processes on a
Unix socket (:data:`SOCKET_PREFIX`). For each notebook a worker sends one request: the kernel
command jupyter_client built, the environment and the working folder. The template forks, and
the child becomes the kernel as ``ipykernel_launcher`` would start it: a session of its own,
the request's environment and folder, standard input from ``/dev/null``, ipykernel's kernel
application with the command's arguments. The template never runs notebook code, and no kernel
runs two notebooks.

The kernels are the template's children: the template ignores ``SIGCHLD``, so that the
operating system collects them as they end, and a kernel dies with the template
(:func:`analysis.run.safeguards.die_with_parent`) as the template dies with the runner. The
worker that asked for a kernel watches and signals it through a process file descriptor
(:class:`analysis.run.warm_kernels.ForkedKernel`).

Protocol, one JSON object per line on each connection: a request ``{"cmd": [...], "env":
{...}, "cwd": "...", "stderr": "..."}`` (``stderr``: the file the kernel writes its standard
error to, as its worker's ordinary kernels do); the answer ``{"pid": pid}``, written by the new
kernel itself, or ``{"error": "..."}`` (then the worker starts that kernel the ordinary way).
Only processes of the same user may connect. The template answers after its imports, and ends
when the runner stops it or dies.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import secrets
import select
import selectors
import signal
import socket
import struct
import subprocess
import sys
import threading
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from analysis.data import paths
from analysis.run.conventions import KERNEL_HASH_SEED

LAUNCHER = ("-m", "ipykernel_launcher")
"""How a kernel command starts the kernel; the template stands for exactly this part."""

TEMPLATE_MODULE = "analysis.run.kernel_template"
"""The template's entry point."""

TEMPLATE_INTERPRETER_OPTIONS = ("-Xfrozen_modules=off",)
"""Options of the template's interpreter: those ``ipykernel install`` gives kernels (the
template forks kernels only for a kernel command that starts with the same interpreter and
options)."""

DEFAULT_PLAN = ":default"
"""The template's plan argument for the project's default plan (no plan id has a colon)."""

SOCKET_PREFIX = "bacgiang-kernel-template-"
"""The start of the template's socket name, in Linux's abstract namespace (nothing on disk, gone
with the template, even after a SIGKILL); the rest is random, and the template answers only
processes of its own user."""


# --- serving the workers ---------------------------------------------------------------------


def send(channel: socket.socket, message: dict[str, Any]) -> None:
    """Write one JSON line on ``channel``."""
    channel.sendall((json.dumps(message) + "\n").encode("utf-8"))


def same_user(connection: socket.socket) -> bool:
    """True when the process at the other end of ``connection`` runs as this user."""
    credentials = connection.getsockopt(
        socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i")
    )
    _, uid, _ = struct.unpack("3i", credentials)
    return uid == os.getuid()


class Server:
    """The template's connections: the listening socket and one per worker."""

    def __init__(self, listener: socket.socket, interpreter: list[str]) -> None:
        self.listener = listener
        self.interpreter = interpreter
        self.selector = selectors.DefaultSelector()
        self.selector.register(listener, selectors.EVENT_READ)
        self.pending: dict[socket.socket, bytes] = {}

    def serve(self) -> None:
        """Answer requests until the runner stops the template."""
        while True:
            for key, _ in self.selector.select():
                if key.fileobj is self.listener:
                    self.accept()
                else:
                    self.read(key.fileobj)  # type: ignore[arg-type]

    def accept(self) -> None:
        """Take a worker's connection (a process of another user is turned away)."""
        connection, _ = self.listener.accept()
        if not same_user(connection):
            connection.close()
            return
        self.pending[connection] = b""
        self.selector.register(connection, selectors.EVENT_READ)

    def read(self, connection: socket.socket) -> None:
        """Read from a worker; fork a kernel for each complete request."""
        data = connection.recv(1 << 16)
        if not data:
            self.selector.unregister(connection)
            del self.pending[connection]
            connection.close()
            return
        buffer = self.pending[connection] + data
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            self.answer(json.loads(line), connection)
        self.pending[connection] = buffer

    def answer(self, request: dict[str, Any], connection: socket.socket) -> None:
        """Fork the kernel of ``request``, or say why not."""
        try:
            args = kernel_arguments(request["cmd"], self.interpreter)
            if threading.active_count() > 1:
                raise RuntimeError("the template runs threads and cannot fork safely")
            if os.fork() == 0:
                self.become_kernel(request, args, connection)
        except Exception as exc:  # the worker starts this kernel the ordinary way
            send(connection, {"error": f"{type(exc).__name__}: {exc}"})

    def become_kernel(
        self, request: dict[str, Any], args: list[str], connection: socket.socket
    ) -> None:
        """In the forked child: leave the template's sockets, run the kernel, exit."""
        code = 1
        try:
            for other in [self.listener, *self.pending]:
                if other is not connection:
                    other.close()
            self.selector.close()
            code = become_kernel(request, args, connection)
        except BaseException:
            traceback.print_exc()
            with contextlib.suppress(OSError):
                send(connection, {"error": traceback.format_exc(limit=3)})
        finally:
            os._exit(code)


def kernel_arguments(cmd: list[str], interpreter: list[str]) -> list[str]:
    """The launcher's arguments in the kernel command ``cmd``.

    Raises
    ------
    ValueError
        ``cmd`` is not ``<the template's interpreter> -m ipykernel_launcher ...``.
    """
    start = len(interpreter)
    if list(cmd[:start]) != interpreter or tuple(cmd[start : start + 2]) != LAUNCHER:
        raise ValueError(f"the kernel command {cmd[: start + 2]} is not {interpreter} -m ...")
    return list(cmd[start + 2 :])


# --- the kernel ---------------------------------------------------------------------------------


def become_kernel(request: dict[str, Any], args: list[str], connection: socket.socket) -> int:
    """Turn this forked process into the kernel of ``request`` and run it; its exit code."""
    from analysis.run.kernel_preload import IMPORTED_ENVIRONMENT, reseed_generators
    from analysis.run.safeguards import die_with_parent

    gc.enable()  # as in a fresh interpreter (the template imports with it disabled)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the kernel waits for its own children
    os.setsid()  # as jupyter_client starts kernels: a session (and process group) of its own
    die_with_parent(os.getppid())
    send(connection, {"pid": os.getpid()})
    connection.close()
    _redirect(0, os.devnull, os.O_RDONLY)
    if request.get("stderr"):  # where an ordinary kernel of that worker writes
        _redirect(2, request["stderr"], os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    os.chdir(request["cwd"])
    environment = {**request["env"], **IMPORTED_ENVIRONMENT}
    environment["JPY_PARENT_PID"] = str(os.getppid())  # read by ipykernel at import
    os.environ.clear()
    os.environ.update(environment)
    reseed_generators()
    return run_kernel(args)


def _redirect(target: int, path: str, flags: int) -> None:
    """Point file descriptor ``target`` at ``path``."""
    fd = os.open(path, flags, 0o644)
    os.dup2(fd, target)
    os.close(fd)


def run_kernel(args: list[str]) -> int:
    """Run ipykernel with ``args`` as ``python -m ipykernel_launcher`` would; the exit code."""
    import atexit

    import ipykernel_launcher
    from ipykernel import kernelapp

    from analysis.run.kernel_preload import put_library_filters_first

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


# --- the template, seen from the runner ---------------------------------------------------------


class KernelTemplate:
    """The run's kernel template process and the socket its workers connect to.

    Parameters
    ----------
    environment : dict
        The environment the kernels get (:func:`kernel_environment`).
    plan : str, optional
        The run's plan pack, loaded once by the template after its imports
        (:func:`analysis.run.kernel_preload.load_run_plan`); :data:`DEFAULT_PLAN` for the
        default one, empty for none.
    """

    def __init__(self, environment: dict[str, str], plan: str = "") -> None:
        self.address = f"\0{SOCKET_PREFIX}{secrets.token_hex(16)}"
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(self.address)
        listener.listen()
        env = {k: v for k, v in environment.items() if k != "PYTHONEXECUTABLE"}
        command = [sys.executable, *TEMPLATE_INTERPRETER_OPTIONS, "-m", TEMPLATE_MODULE]
        self.ready, ready = os.pipe()  # the template writes a byte once it serves
        self.process = subprocess.Popen(
            [*command, str(listener.fileno()), str(os.getpid()), str(ready), plan],
            pass_fds=(listener.fileno(), ready),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,  # each kernel writes where its worker's kernels write
            stderr=subprocess.DEVNULL,
            env=env,
            cwd=_package_parent(env),
        )
        listener.close()
        os.close(ready)
        self.serving = False

    def wait_until_serving(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for the template to have imported its libraries and
        loaded the plan; whether it serves (False: not yet, stopped or dead)."""
        if self.process.poll() is not None:
            return False
        if not self.serving and self.ready >= 0:
            watch = select.poll()
            watch.register(self.ready, select.POLLIN)
            readable = watch.poll(timeout * 1000)  # also on end of file: the template died
            self.serving = bool(readable) and os.read(self.ready, 1) == b"1"
        return self.serving

    def close(self) -> None:
        """Stop the template (a kernel still running dies with it, and its socket with it);
        nothing when already stopped."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        if self.ready >= 0:
            os.close(self.ready)
            self.ready = -1


def kernel_environment(root: Path) -> dict[str, str]:
    """Environment for the worker processes and the kernels they start.

    The kernels see the same project root and import the same ``analysis`` package.
    """
    package_parent = str(paths.PACKAGE_DIR.parent)
    pythonpath = [package_parent, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {
        "BACGIANG_PLAN_ROOT": str(root),
        "PYTHONPATH": os.pathsep.join(dict.fromkeys(pythonpath)),
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        "JUPYTER_PLATFORM_DIRS": "1",
        "PYTHONHASHSEED": KERNEL_HASH_SEED,
    }


@contextlib.contextmanager
def kernel_template(
    environment: dict[str, str], wanted: bool = True, plan: str = ""
) -> Iterator[KernelTemplate | None]:
    """A running kernel template for the block (None when not ``wanted`` or not supported),
    stopped when the block ends; ``plan``: the run's plan pack, loaded once by the template."""
    template = KernelTemplate(environment, plan) if wanted and warm_kernels_supported() else None
    try:
        yield template
    finally:
        if template is not None:
            template.close()


@contextlib.contextmanager
def run_template(
    plan: str | None, wanted: bool = True, root: str | Path | None = None
) -> Iterator[KernelTemplate | None]:
    """The kernel template of a run of ``plan`` (as the command line names it; empty: the
    default plan), for the command line to start first of all: the template's imports overlap
    the runner's own. None when not ``wanted`` or not supported. The template resolves and
    loads the plan itself; one it cannot load is left to the runner to refuse."""
    base = Path(root).resolve() if root else paths.ROOT
    environment = {**os.environ, **kernel_environment(base)}
    with kernel_template(environment, wanted, plan or DEFAULT_PLAN) as template:
        yield template


def _package_parent(environment: dict[str, str]) -> str:
    """Where the kernels find the package: the first folder of their ``PYTHONPATH``. The
    template starts there, so that ``python -m`` finds the package where a kernel would."""
    first = environment.get("PYTHONPATH", "").split(os.pathsep)[0]
    return first or str(paths.PACKAGE_DIR.parent)


def warm_kernels_supported() -> bool:
    """True where kernels can be forked from a template (Linux: process file descriptors and
    the parent-death signal)."""
    return sys.platform.startswith("linux") and hasattr(os, "pidfd_open")


# --- the template process ------------------------------------------------------------------------


def interpreter_of_this_process() -> list[str]:
    """This interpreter and its options, as the command line gave them (before ``-m``)."""
    argv = list(sys.orig_argv)
    return argv[: argv.index("-m")] if "-m" in argv else argv[:1]


def main(argv: list[str] | None = None) -> int:
    """``python -m analysis.run.kernel_template FD PARENT READY [PLAN]``: serve kernels on the
    listening socket ``FD`` for the runner ``PARENT``, with the plan pack ``PLAN`` loaded; say
    so by writing ``1`` to the pipe ``READY`` first."""
    gc.disable()  # while importing (a fifth faster); each kernel enables it (become_kernel)
    args = list(argv if argv is not None else sys.argv[1:])
    fd, parent, ready = int(args[0]), int(args[1]), int(args[2])
    plan = args[3] if len(args) > 3 else ""
    from analysis.run.kernel_preload import load_run_plan, preload, prepare_environment
    from analysis.run.safeguards import die_with_parent

    die_with_parent(parent)
    if sys.path and sys.path[0] in ("", os.getcwd()):
        del sys.path[0]  # as ipykernel_launcher does; ipykernel puts '' back in the kernel
    prepare_environment()
    listener = socket.socket(fileno=fd)
    preload()
    if plan:
        load_run_plan(None if plan == DEFAULT_PLAN else plan)
    gc.freeze()  # the imported modules live on in every kernel: no collection need visit them
    # (the pattern of the gc module's documentation: disabled early in the parent, frozen
    # before fork, enabled early in the child)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # ended kernels are collected at once
    os.write(ready, b"1")
    os.close(ready)  # before any fork: no kernel holds it
    Server(listener, interpreter_of_this_process()).serve()
    return 0


if __name__ == "__main__":
    sys.exit(main())
