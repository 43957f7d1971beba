"""The command line: ``python -m analysis <command>``.

Exit status: 0 success; 1 a run failed (a notebook raised, a kernel died); 2 refused input
(bad data, bad scenario, bad argument) with nothing written; 3 another run holds the lock.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from analysis.errors import InputError, InputErrors

EXIT_OK = 0
EXIT_RUN_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_LOCKED = 3


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors with exit status 2 and our message style."""

    def error(self, message: str) -> None:  # pragma: no cover - argparse exits
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"command line: {message}\n")


def _cmd_check(args: argparse.Namespace) -> int:
    from analysis.data import check_all

    summary = check_all(write=True)
    for line in summary:
        print(line)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command."""
    parser = _Parser(prog="python -m analysis", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = sub.add_parser("check", help="validate data/raw and scenarios; write data/processed")
    check.set_defaults(func=_cmd_check)

    # --- run (report runner) ---
    # --- actuals-template (scorecard) ---
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` and run the command; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (InputError, InputErrors) as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
