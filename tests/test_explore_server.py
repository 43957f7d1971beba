"""``make explore``'s command line: Voilà on 127.0.0.1 only, code stripped, the plan passed on.

The page itself is opened in a browser by ``test_explorer_browser.py``.
"""

from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path

import pytest

from analysis.report.explorer_widgets import PLAN_VARIABLE
from analysis.run import explore_server
from analysis.run.explore_server import (
    HOST,
    free_port,
    main,
    server_environment,
    voila_command,
)

ROOT = Path(__file__).resolve().parents[1]


def test_served_on_127_0_0_1_without_code_or_tracebacks():
    command = voila_command(port=8900)
    assert command[1:3] == ["-m", "voila"]
    assert command[3] == str(ROOT / "notebooks" / "explore.ipynb")
    assert "--Voila.ip=127.0.0.1" in command and HOST == "127.0.0.1"
    assert "--Voila.port=8900" in command and "--Voila.port_retries=0" in command
    assert "--VoilaConfiguration.strip_sources=True" in command
    assert "--VoilaConfiguration.show_tracebacks=False" in command
    assert "--no-browser" in command
    assert "--VoilaConfiguration.preheat_kernel=True" in command
    assert "--VoilaConfiguration.preheat_kernel=True" not in voila_command(preheat=False)


@pytest.mark.parametrize("port", [0, 70000, "8866", True, 8866.0])
def test_a_port_that_is_no_port_is_refused(port):
    with pytest.raises(ValueError, match="port"):
        voila_command(port=port)


def test_the_kernel_gets_the_plan_and_this_checkout(monkeypatch):
    monkeypatch.setenv("PYTHONPATH", "elsewhere")
    env = server_environment("bac-giang-2025")
    assert env[PLAN_VARIABLE] == "bac-giang-2025"
    assert env["PYTHONPATH"].split(os.pathsep) == [str(ROOT), "elsewhere"]
    monkeypatch.delenv(PLAN_VARIABLE, raising=False)
    assert PLAN_VARIABLE not in server_environment(None)


def test_free_port_is_free():
    port = free_port()
    with socket.socket() as probe:
        probe.bind((HOST, port))


def test_main_serves_the_explorer_on_the_port(monkeypatch, capsys):
    calls = []

    def call(command, env):
        calls.append((command, env))
        return 0

    monkeypatch.setattr(subprocess, "call", call)
    assert main(["--plan", "bac-giang-2025", "--port", "8901"]) == 0
    command, env = calls[0]
    assert command == voila_command(port=8901)
    assert env[PLAN_VARIABLE] == "bac-giang-2025"
    assert "http://127.0.0.1:8901/" in capsys.readouterr().out


def test_makefile_serves_it():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "-m analysis.run.explore_server $(PLAN_ARG) --port $(EXPLORE_PORT)" in makefile
    assert explore_server.EXPLORER_NOTEBOOK == "explore.ipynb"
