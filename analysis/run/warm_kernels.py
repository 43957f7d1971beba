"""Warm kernels: each worker process keeps a kernel template and starts its kernels from it.

A worker (:mod:`analysis.run.execution`) that runs warm starts, when it starts, one
:class:`KernelTemplate`: a process with the kernel's interpreter and environment that has
imported the notebooks' libraries (:mod:`analysis.run.kernel_template`). Every notebook of the
worker then runs in a kernel forked from it, so that the imports are paid once per worker and
not once per notebook, and still each notebook has a kernel of its own: what one notebook does
to its interpreter (the matplotlib style, a random state, a warnings filter, the working
folder, the environment, a module it patches) dies with its kernel.

papermill stays the executor: :func:`engine_options` hands it (and nbclient, through
papermill's engine) :class:`ForkingKernelManager`, a jupyter_client kernel manager whose
provisioner (:class:`ForkingProvisioner`) asks the template for the kernel instead of starting
``python -m ipykernel_launcher``; connection files, ports, the kernel's messages, interrupts,
shutdown and the death of a kernel are jupyter_client's and nbclient's as before. The worker is
a child subreaper (:func:`become_subreaper`), so each forked kernel becomes its child: it waits
for it and signals it as for a kernel it started itself (:class:`ForkedKernel`).

When the template cannot serve (it died, it failed, the kernel command is not the launcher it
knows), the kernel is started the ordinary way and the template is started again for the next
notebook; after :data:`MAX_TEMPLATE_FAILURES` failures the worker stops using one. Outside Linux
(no subreaper, no ``prctl``) every kernel starts the ordinary way.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner

from analysis.data import paths
from analysis.run.conventions import KERNEL_NAME

LAUNCHER = ("-m", "ipykernel_launcher")
"""How the kernel spec starts a kernel; the template replaces exactly this part."""

TEMPLATE_MODULE = "analysis.run.kernel_template"
"""The template's entry point."""

READY_TIMEOUT = 180.0
"""Seconds a template may take to import the libraries (a loaded machine is slow)."""

LAUNCH_TIMEOUT = 30.0
"""Seconds a template may take to fork a kernel."""

MAX_TEMPLATE_FAILURES = 3
"""Templates that may fail in one worker before it starts every kernel the ordinary way."""

PR_SET_CHILD_SUBREAPER = 36
"""Linux ``prctl`` option: orphaned descendants are re-parented to this process."""


class TemplateError(RuntimeError):
    """The template could not start a kernel (the kernel is then started the ordinary way)."""


# --- the template, seen from the worker ---------------------------------------------------------


def warm_kernels_supported() -> bool:
    """True where kernels can be forked from a template and handed to the worker (Linux)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def become_subreaper() -> bool:
    """Make this process a child subreaper (Linux): kernels forked by its template become its
    children once their short-lived middle process exits. True when it took effect."""
    if not warm_kernels_supported():
        return False
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0


def kernel_interpreter(argv: list[str]) -> list[str] | None:
    """The part of a kernel spec's ``argv`` before ``-m ipykernel_launcher`` (the interpreter
    and its options), or None when the spec starts its kernel some other way."""
    for at in range(len(argv) - 1):
        if tuple(argv[at : at + 2]) == LAUNCHER:
            return list(argv[:at])
    return None


class KernelTemplate:
    """A running kernel template (:mod:`analysis.run.kernel_template`) and its socket.

    Parameters
    ----------
    interpreter : list of str
        The kernel's interpreter and its options (:func:`kernel_interpreter`).
    environment : dict
        The environment the worker gives its kernels.
    """

    def __init__(self, interpreter: list[str], environment: dict[str, str]) -> None:
        self.interpreter = list(interpreter)
        ours, theirs = socket.socketpair()
        env = {k: v for k, v in environment.items() if k != "PYTHONEXECUTABLE"}
        self.process = subprocess.Popen(
            [*self.interpreter, "-m", TEMPLATE_MODULE, str(theirs.fileno()), str(os.getpid())],
            pass_fds=(theirs.fileno(),),
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=_package_parent(env),
        )
        theirs.close()
        self.channel = ours
        self.reader = ours.makefile("r", encoding="utf-8")
        self.ready = False

    def kernel_arguments(self, cmd: list[str]) -> list[str] | None:
        """The launcher's arguments in the kernel command ``cmd``, or None when ``cmd`` is not
        ``<this interpreter> -m ipykernel_launcher ...``."""
        start = len(self.interpreter)
        if list(cmd[:start]) != self.interpreter or tuple(cmd[start : start + 2]) != LAUNCHER:
            return None
        return list(cmd[start + 2 :])

    def alive(self) -> bool:
        """True while the template process runs."""
        return self.process.poll() is None

    def launch(self, args: list[str], env: dict[str, str], cwd: str) -> int:
        """Fork a kernel (launcher arguments ``args``, environment ``env``, folder ``cwd``) for
        this worker; its process id.

        Raises
        ------
        TemplateError
            The template is gone, failed or did not answer in time.
        """
        if not self.ready:
            self._read(READY_TIMEOUT, "ready")
            self.ready = True
        request = {"args": args, "env": env, "cwd": cwd, "parent": os.getpid()}
        try:
            self.channel.sendall((json.dumps(request) + "\n").encode("utf-8"))
        except OSError as exc:
            raise TemplateError(f"the kernel template is gone: {exc}") from exc
        return int(self._read(LAUNCH_TIMEOUT, "pid"))

    def _read(self, timeout: float, key: str) -> Any:
        self.channel.settimeout(timeout)
        try:
            line = self.reader.readline()
        except OSError as exc:  # a timeout included
            raise TemplateError(f"the kernel template did not answer: {exc!r}") from exc
        if not line:
            raise TemplateError("the kernel template ended")
        message = json.loads(line)
        if key not in message:
            raise TemplateError(f"the kernel template failed: {message.get('error', message)}")
        return message[key]

    def close(self) -> None:
        """Stop the template (its kernels are the worker's and are not touched)."""
        self.channel.close()
        if self.alive():
            self.process.kill()
        self.process.wait()


def _package_parent(environment: dict[str, str]) -> str:
    """Where the kernels find the package: the first folder of their ``PYTHONPATH``
    (:func:`analysis.run.execution.kernel_environment`). The template starts there, so that
    ``python -m`` finds the package where a kernel would."""
    first = environment.get("PYTHONPATH", "").split(os.pathsep)[0]
    return first or str(paths.PACKAGE_DIR.parent)


class _Templates:
    """The worker's template: started once, started again after a failure, up to a limit."""

    def __init__(self) -> None:
        self.current: KernelTemplate | None = None
        self.interpreter: list[str] | None = None
        self.failures = 0

    def start(self) -> None:
        from jupyter_client.kernelspec import KernelSpecManager

        argv = KernelSpecManager().get_kernel_spec(KERNEL_NAME).argv
        self.interpreter = kernel_interpreter(argv)
        if self.interpreter is not None and become_subreaper():
            self.current = KernelTemplate(self.interpreter, dict(os.environ))

    def ready(self) -> KernelTemplate | None:
        """The template to fork the next kernel from, started again if it has died."""
        if self.current is not None and not self.current.alive():
            self.failed(self.current)
        if self.current is None and self.interpreter and self.failures < MAX_TEMPLATE_FAILURES:
            self.current = KernelTemplate(self.interpreter, dict(os.environ))
        return self.current

    def failed(self, template: KernelTemplate) -> None:
        self.failures += 1
        template.close()
        if self.current is template:
            self.current = None


_TEMPLATES: _Templates | None = None
"""This worker's templates; None when the worker runs each kernel the ordinary way."""


def start_template() -> None:
    """Start this worker's kernel template (once, in the worker's main thread: the template
    dies with the thread that started it)."""
    global _TEMPLATES
    if warm_kernels_supported():
        _TEMPLATES = _Templates()
        _TEMPLATES.start()


def engine_options() -> dict[str, Any]:
    """papermill's engine options for this worker: the forking kernel manager when it has a
    template (started again here, in the main thread, if the last one died), else nothing."""
    if _TEMPLATES is None or _TEMPLATES.ready() is None:
        return {}
    return {"kernel_manager_class": ForkingKernelManager}


# --- the kernels, seen from jupyter_client ------------------------------------------------------


class ForkedKernel:
    """A kernel forked by the template and handed to this worker: the part of
    :class:`subprocess.Popen` that jupyter_client's :class:`LocalProvisioner` uses."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        """The exit code once the kernel has ended (and is reaped), else None."""
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:  # not (or no longer) ours to wait for
                self.returncode = 0 if not _exists(self.pid) else None
                return self.returncode
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        """Wait for the kernel to end; its exit code."""
        end = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if end is not None and time.monotonic() > end:
                raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout or 0)
            time.sleep(0.01)
        return self.returncode  # type: ignore[return-value]

    def send_signal(self, signum: int) -> None:
        """Send ``signum`` to the kernel unless it has ended."""
        if self.poll() is None:
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        """SIGTERM."""
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        """SIGKILL."""
        self.send_signal(signal.SIGKILL)


def _exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class ForkingProvisioner(LocalProvisioner):
    """jupyter_client's local provisioner, with kernels forked from the worker's template."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> Any:
        """Fork the kernel from the template; start it the ordinary way when that fails."""
        template = _TEMPLATES.current if _TEMPLATES is not None else None
        args = template.kernel_arguments(cmd) if template is not None else None
        if template is None or args is None:
            return await super().launch_kernel(cmd, **kwargs)
        env = dict(kwargs.get("env") or os.environ)
        env["JPY_PARENT_PID"] = str(os.getpid())  # as jupyter_client's launcher sets it
        cwd = str(kwargs.get("cwd") or os.getcwd())
        try:
            pid = template.launch(args, env, cwd)
        except TemplateError as exc:
            print(f"warm kernels: {exc}; starting this kernel the ordinary way", file=sys.stderr)
            if _TEMPLATES is not None:
                _TEMPLATES.failed(template)
            return await super().launch_kernel(cmd, **kwargs)
        self.process = ForkedKernel(pid)
        self.pid = self.pgid = pid  # the kernel leads a session of its own
        self.cwd = cwd
        return self.connection_info


class ForkingKernelManager(AsyncKernelManager):
    """nbclient's kernel manager, provisioned by :class:`ForkingProvisioner`."""

    async def _async_pre_start_kernel(self, **kw: Any) -> tuple[list[str], dict[str, Any]]:
        if self.provisioner is None:
            self.kernel_id = self.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))
            self.provisioner = ForkingProvisioner(
                kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self
            )
        return await super()._async_pre_start_kernel(**kw)
