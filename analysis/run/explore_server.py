"""``make explore``: the what-if explorer served as a page with Voilà, on this computer only.

Voilà runs ``notebooks/explore.ipynb`` in a kernel and serves its widgets as a web page
without the code (``strip_sources``), bound to 127.0.0.1 so that only this computer reaches
it: a planner opens it, or sits with a leader at this screen. Tracebacks stay in the server's
log, never on the page. One kernel is kept started and the notebook run ahead
(``preheat_kernel``), so the first visitor does not wait for a kernel to start.

The page opens on the plan pack named by ``--plan`` (passed to the kernel in
:data:`analysis.report.explorer_widgets.PLAN_VARIABLE`), else the default pack.

``python -m analysis.run.explore_server [--plan ID] [--port N]`` runs it;
:func:`voila_command` is the command line, for the tests and the benchmark.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from analysis.data.paths import NOTEBOOKS_DIR

HOST = "127.0.0.1"
"""The only address the page is served on: this computer."""

DEFAULT_PORT = 8866
"""Voilà's usual port."""

EXPLORER_NOTEBOOK = "explore.ipynb"
"""The notebook served (in ``notebooks/``); the report runner leaves it alone (no number)."""


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
    ]
    if preheat:
        command.append("--VoilaConfiguration.preheat_kernel=True")
    return command


def server_environment(plan: str | None = None) -> dict[str, str]:
    """This process's environment with the plan pack for the kernel
    (:data:`analysis.report.explorer_widgets.PLAN_VARIABLE`)."""
    from analysis.report.explorer_widgets import PLAN_VARIABLE  # the kernel's side of it

    env = dict(os.environ)
    if plan:
        env[PLAN_VARIABLE] = plan
    return env


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
