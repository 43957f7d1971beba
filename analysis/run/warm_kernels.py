"""Warm kernels: one kernel template per run, from which every notebook's kernel is forked.

The runner starts a kernel template (:class:`analysis.run.kernel_template.KernelTemplate`) as
soon as it knows its project, before it validates the inputs, so that the template imports while
the runner checks: a process with the kernels' interpreter and environment that imports the
notebooks' libraries once. Each worker process (:mod:`analysis.run.execution`)
connects to it (:func:`use_template`), and every notebook runs in a kernel forked from it: the
imports are paid once per run instead of once per notebook, and still each notebook has a
kernel of its own, so that what one notebook does to its interpreter dies with its kernel.

papermill stays the executor: :func:`engine_options` hands it (and nbclient, through
papermill's engine) :class:`ForkingKernelManager`, a jupyter_client kernel manager whose
provisioner (:class:`ForkingProvisioner`) asks the template for the kernel instead of starting
``python -m ipykernel_launcher``; connection files, ports, the kernel's messages, interrupts,
shutdown and the death of a kernel are jupyter_client's and nbclient's as before. The worker
watches and signals its kernel, a child of the template, through a process file descriptor
(:class:`ForkedKernel`).

When the template cannot serve (it died, it failed, the kernel spec starts kernels with another
interpreter than the template's), the kernel is started the ordinary way, and that worker does
not ask the template again. Outside Linux (no process file descriptors, no parent-death signal)
every kernel starts the ordinary way.
"""

from __future__ import annotations

import asyncio
import json
import os
import select
import signal
import socket
import subprocess
import sys
import time
import uuid
from queue import Empty
from typing import Any

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner
from traitlets import DottedObjectName, Type

from analysis.run.kernel_template import warm_kernels_supported

FIRST_ANSWER_TIMEOUT = 180.0
"""Seconds a worker waits for the template's first answer (it answers after its imports)."""

ANSWER_TIMEOUT = 30.0
"""Seconds a worker waits for any later answer."""


class TemplateError(RuntimeError):
    """The template could not start a kernel (the kernel is then started the ordinary way)."""


# --- the template, seen from a worker ----------------------------------------------------------


class TemplateClient:
    """A worker's connection to the run's template, made on the first request."""

    def __init__(self, address: str, stderr: str | None = None) -> None:
        self.address = address
        self.stderr = stderr
        self.channel: socket.socket | None = None
        self.reader: Any = None
        self.broken = False

    def launch(self, cmd: list[str], env: dict[str, str], cwd: str) -> int:
        """Have the template fork the kernel of ``cmd`` with ``env`` in ``cwd``; its pid.

        Raises
        ------
        TemplateError
            The template is gone, refused or did not answer in time (it is not asked again).
        """
        try:
            timeout = ANSWER_TIMEOUT if self.channel else FIRST_ANSWER_TIMEOUT
            channel = self._connected()
            request = {"cmd": cmd, "env": env, "cwd": cwd, "stderr": self.stderr}
            channel.sendall((json.dumps(request) + "\n").encode("utf-8"))
            channel.settimeout(timeout)
            line = self.reader.readline()
        except OSError as exc:  # a timeout included
            self.broken = True
            raise TemplateError(f"the kernel template did not answer: {exc!r}") from exc
        message = json.loads(line) if line else {"error": "the kernel template ended"}
        if "pid" not in message:
            self.broken = True
            raise TemplateError(f"the kernel template failed: {message.get('error', message)}")
        return int(message["pid"])

    def _connected(self) -> socket.socket:
        if self.channel is None:
            channel = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            channel.connect(self.address)
            self.channel, self.reader = channel, channel.makefile("r", encoding="utf-8")
        return self.channel


_CLIENT: TemplateClient | None = None
"""This worker's connection to the run's template; None when it starts kernels the ordinary
way."""


def use_template(address: str | None, stderr: str | None = None) -> None:
    """Have this worker fork its kernels from the template listening at ``address`` (None:
    start them the ordinary way), their standard error going to ``stderr``."""
    global _CLIENT
    _CLIENT = TemplateClient(address, stderr) if address and warm_kernels_supported() else None


def engine_options() -> dict[str, Any]:
    """papermill's engine options in this worker: the forking kernel manager while the
    template serves, else nothing (jupyter_client's own)."""
    if _CLIENT is None or _CLIENT.broken:
        return {}
    return {"kernel_manager_class": ForkingKernelManager}


# --- the kernels, seen from jupyter_client -------------------------------------------------------


class ForkedKernel:
    """A kernel forked by the template, watched through a process file descriptor: the part of
    :class:`subprocess.Popen` that jupyter_client's :class:`LocalProvisioner` uses.

    The template collects its ended kernels itself, so the exit code is not known here:
    ``returncode`` is ``-signal`` when this worker killed or stopped the kernel, else
    :data:`ENDED`.
    """

    ENDED = -1
    """``returncode`` of a kernel that ended without a signal from this worker."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None
        self.signalled: int | None = None
        try:
            self.pidfd = os.pidfd_open(pid)
        except ProcessLookupError:  # ended already
            self.pidfd = -1
            self.returncode = self.ENDED

    def poll(self) -> int | None:
        """None while the kernel runs, else its :attr:`returncode`."""
        if self.returncode is None and self._ended(0):
            self.returncode = -self.signalled if self.signalled else self.ENDED
            os.close(self.pidfd)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        """Wait for the kernel to end; its :attr:`returncode`."""
        if self.returncode is None and not self._ended(timeout):
            raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout or 0)
        return self.poll()  # type: ignore[return-value]

    def _ended(self, timeout: float | None) -> bool:
        """Whether the kernel has ended, waiting up to ``timeout`` seconds (None: for ever)."""
        watch = select.poll()
        watch.register(self.pidfd, select.POLLIN)
        return bool(watch.poll(None if timeout is None else timeout * 1000))

    def send_signal(self, signum: int) -> None:
        """Send ``signum`` to the kernel unless it has ended."""
        if self.poll() is None:
            signal.pidfd_send_signal(self.pidfd, signum)
            if signum in (signal.SIGKILL, signal.SIGTERM):
                self.signalled = signum

    def terminate(self) -> None:
        """SIGTERM."""
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        """SIGKILL."""
        self.send_signal(signal.SIGKILL)


class ForkingProvisioner(LocalProvisioner):
    """jupyter_client's local provisioner, with kernels forked from the run's template."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> Any:
        """Fork the kernel from the template; start it the ordinary way when that fails."""
        if _CLIENT is None or _CLIENT.broken:
            return await super().launch_kernel(cmd, **kwargs)
        env = dict(kwargs.get("env") or os.environ)
        cwd = str(kwargs.get("cwd") or os.getcwd())
        try:
            pid = _CLIENT.launch(list(cmd), env, cwd)
        except TemplateError as exc:
            print(f"warm kernels: {exc}; starting kernels the ordinary way", file=sys.stderr)
            return await super().launch_kernel(cmd, **kwargs)
        self.process = ForkedKernel(pid)
        self.pid = self.pgid = pid  # the kernel leads a session of its own
        self.cwd = cwd
        return self.connection_info

    async def wait(self) -> int | None:
        """Wait for the kernel to end (checked every hundredth of a second)."""
        while self.process is not None and await self.poll() is None:
            await asyncio.sleep(0.01)
        return await super().wait()


IOPUB_SILENCE = 0.02
"""Seconds without a message that end the IOPub flush once a kernel has answered (jupyter_client
waits 0.2 s, a fifth of a small notebook's whole time)."""


class ForkedKernelClient(AsyncKernelClient):
    """jupyter_client's client, with a shorter wait for the end of the kernel's first messages.

    Once a kernel has answered ``kernel_info`` on the shell channel and sent a message on IOPub,
    jupyter_client drains IOPub until 0.2 s pass without a message; this client until
    :data:`IOPUB_SILENCE` pass. What could come later is a status of that request, which
    nbclient never mistakes for a cell's (it reads only the messages whose parent is the
    cell's request). Otherwise as jupyter_client 8's ``wait_for_ready``.
    """

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        """Wait until the kernel answers, then drain IOPub; RuntimeError as jupyter_client's
        when it dies first or does not answer within ``timeout`` seconds."""
        deadline = time.time() + (float("inf") if timeout is None else timeout)
        while True:
            self.kernel_info()
            try:
                msg = await self.shell_channel.get_msg(timeout=1)
            except Empty:
                pass
            else:
                if msg["msg_type"] == "kernel_info_reply":
                    try:  # IOPub connected? If not, ask again
                        await self.iopub_channel.get_msg(timeout=0.2)
                    except Empty:
                        pass
                    else:
                        self._handle_kernel_info_reply(msg)
                        break
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.time() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")
        await self.drain_iopub()

    async def drain_iopub(self) -> None:
        """Read IOPub until :data:`IOPUB_SILENCE` seconds pass without a message."""
        while True:
            try:
                await self.iopub_channel.get_msg(timeout=IOPUB_SILENCE)
            except Empty:
                return


class ForkingKernelManager(AsyncKernelManager):
    """nbclient's kernel manager, provisioned by the forking provisioner, its clients
    :class:`ForkedKernelClient`."""

    client_class = DottedObjectName("analysis.run.warm_kernels.ForkedKernelClient")
    client_factory = Type(default_value=ForkedKernelClient, klass=ForkedKernelClient)

    async def _async_pre_start_kernel(self, **kw: Any) -> tuple[list[str], dict[str, Any]]:
        if self.provisioner is None:
            self.kernel_id = self.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))
            self.provisioner = ForkingProvisioner(
                kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self
            )
        return await super()._async_pre_start_kernel(**kw)

    async def _async_finish_shutdown(
        self, waittime: float | None = None, pollinterval: float = 0.01, restart: bool = False
    ) -> None:
        """As jupyter_client's, but checking every hundredth of a second whether the kernel
        has ended (a tenth of a second is a tenth of most notebooks' whole overhead)."""
        await super()._async_finish_shutdown(waittime, pollinterval, restart)

    async def _async_wait(self, pollinterval: float = 0.01) -> None:
        """As jupyter_client's (after a kernel is stopped), checking every hundredth of a
        second."""
        await super()._async_wait(pollinterval)
