"""``make explore``: the what-if explorer served as a page with Voilà, on this computer only.

Voilà runs ``notebooks/explore.ipynb`` in a kernel and serves its widgets as a web page
without the code (``strip_sources``), bound to 127.0.0.1 so that only this computer reaches
it: a planner opens it, or sits with a leader at this screen. Tracebacks stay in the server's
log, never on the page. One kernel is kept started and the notebook run ahead
(``preheat_kernel``), so the first visitor does not wait for a kernel to start.

The page opens on the plan pack named by ``--plan`` (passed to the kernel in
:data:`analysis.report.explorer_widgets.PLAN_VARIABLE`), else the default pack.

``python -m analysis.run.explore_server [--plan ID] [--port N]`` runs it;
:func:`voila_command` is the command line, :func:`start_server` and :func:`wait_until_serving`
start it in the background for the browser test and the benchmark.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import IO

from analysis.data.paths import NOTEBOOKS_DIR

HOST = "127.0.0.1"
"""The only address the page is served on: this computer."""

DEFAULT_PORT = 8866
"""Voilà's usual port."""

EXPLORER_NOTEBOOK = "explore.ipynb"
"""The notebook served (in ``notebooks/``); the report runner leaves it alone (no number)."""


PAGE_LANGUAGE = "vi"
"""The language the page declares (``<html lang>``): the explorer opens in Vietnamese; its title
is the notebook's ``title`` metadata."""


def voila_command(
    notebook: str | Path | None = None, *, port: int = DEFAULT_PORT, preheat: bool = True
) -> list[str]:
    """The Voilà command line serving ``notebook`` on 127.0.0.1:``port``.

    Parameters
    ----------
    notebook : path-like, optional
        Default ``notebooks/explore.ipynb`` of this project.
    port : int
        The port (taken or not, Voilà tries no other: ``port_retries=0``).
    preheat : bool, default True
        Keep a kernel started with the notebook run ahead of the first visitor.
    """
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise ValueError(f"port: must be a whole number within 1..65535, got {port!r}")
    path = Path(notebook) if notebook is not None else NOTEBOOKS_DIR / EXPLORER_NOTEBOOK
    command = [
        sys.executable,
        "-m",
        "voila",
        str(path),
        "--no-browser",
        f"--Voila.ip={HOST}",
        f"--Voila.port={port}",
        "--Voila.port_retries=0",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        f"--HTMLExporter.language_code={PAGE_LANGUAGE}",  # <html lang>: the page opens in it
    ]
    if preheat:
        command.append("--VoilaConfiguration.preheat_kernel=True")
    return command


def server_environment(plan: str | None = None) -> dict[str, str]:
    """This process's environment with the plan pack for the kernel
    (:data:`analysis.report.explorer_widgets.PLAN_VARIABLE`) and this checkout first on
    ``PYTHONPATH`` (the kernel runs in ``notebooks/``)."""
    from analysis.report.explorer_widgets import PLAN_VARIABLE  # the kernel's side of it

    env = dict(os.environ)
    # the kernel imports this checkout's package, whatever the interpreter has installed
    package_root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(
        [package_root, *(p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p)]
    )
    if plan:
        env[PLAN_VARIABLE] = plan
    return env


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now (for a server started next)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def start_server(
    plan: str | None = None, *, port: int, log: IO[str] | None = None, preheat: bool = True
) -> subprocess.Popen:
    """Start Voilà serving the explorer in the background, in a process group of its own.

    The caller stops it with ``os.killpg(process.pid, signal.SIGTERM)`` (Voilà and its
    kernels), then ``process.wait()``. ``log`` receives Voilà's output (default: discarded).
    """
    return subprocess.Popen(
        voila_command(port=port, preheat=preheat),
        env=server_environment(plan),
        stdout=log if log is not None else subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def wait_until_serving(
    port: int, process: subprocess.Popen | None = None, *, deadline: float = 300
) -> float:
    """Wait until the page answers on 127.0.0.1:``port``; the seconds waited.

    Raises
    ------
    RuntimeError
        The server stopped, or did not answer within ``deadline`` seconds.
    """
    started = time.monotonic()
    url = f"http://{HOST}:{port}/"
    while time.monotonic() - started < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the explorer's server stopped (exit {process.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=deadline) as answer:
                answer.read()
            return time.monotonic() - started
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"{url}: no answer within {deadline:g} s")


def main(argv: list[str] | None = None) -> int:
    """Serve the explorer until interrupted (Ctrl-C)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plan", default="", help="plan pack (default: the default pack)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="port on 127.0.0.1")
    args = parser.parse_args(argv)
    command = voila_command(port=args.port)
    print(f"explorer: http://{HOST}:{args.port}/ (Ctrl-C stops it)", flush=True)
    try:
        return subprocess.call(command, env=server_environment(args.plan))
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
