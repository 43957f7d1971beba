"""The command line: ``python -m analysis <command>``.

Exit status: 0 success; 1 a run failed (a notebook raised, a kernel died); 2 refused input
(bad data, bad scenario, bad actuals, bad argument, a path leading outside the project) with
nothing written; 3 another run holds the lock; 128 + N a run stopped by signal N (130 SIGINT,
129 SIGHUP, 143 SIGTERM), its unfinished folder removed. A run killed by SIGKILL (137) cannot
clean up: the next run removes what it left.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import os
import sys
import threading
from collections.abc import Sequence
from typing import NoReturn

from analysis.errors import InputError, InputErrors
from analysis.run.conventions import DEFAULT_CELL_TIMEOUT, LANGUAGES

EXIT_OK = 0
EXIT_RUN_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_LOCKED = 3


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors with exit status 2 and our message style."""

    def error(self, message: str) -> None:  # pragma: no cover - argparse exits
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"command line: {message}\n")


def _add_plan_option(parser: argparse.ArgumentParser, default_help: str) -> None:
    parser.add_argument(
        "--plan",
        default=None,
        metavar="PLAN_ID",
        help=f"plan pack in data/raw/plans/ ({default_help}; 'python -m analysis plans' "
        "lists them)",
    )


def _cmd_check(args: argparse.Namespace) -> int:
    from analysis.run.check import check_all

    summary = check_all(args.plan, write=True, allow_implausible=args.allow_implausible)
    for line in summary:
        print(line)
    return EXIT_OK


def _cmd_plans(args: argparse.Namespace) -> int:
    from analysis.data.plans import plan_summaries

    for row in plan_summaries():
        mark = "*" if row["default"] else " "
        years = f"{row['base_year']} -> {row['plan_year']}"
        title = row["title_en"] if args.lang == "en" else row["title_vi"]
        print(f"{mark} {row['id']:<20} {years}  {title}")
    print("* the default pack (data/raw/plans/default.yaml)")
    return EXIT_OK


def _cmd_run(args: argparse.Namespace) -> int:
    from analysis.run.kernel_template import run_template

    # The kernel template imports the notebooks' libraries while this process imports the
    # runner's (pandas, pandera, ...).
    with run_template(args.plan, wanted=not args.isolated) as template:
        return _run(args, template)


def _run(args: argparse.Namespace, template: object) -> int:
    from analysis.errors import Interrupted, LockedError, RunError
    from analysis.run.runner import run_reports

    try:
        published = run_reports(
            args.scenarios or None,
            plan=args.plan,
            jobs=args.jobs,
            lang=args.lang,
            notebooks=args.notebooks,
            out_dir=args.out,
            seed=args.seed,
            cell_timeout=args.timeout or None,
            pdf=args.pdf,
            isolated=args.isolated,
            fresh=args.fresh,
            allow_implausible=args.allow_implausible,
            template=template,
        )
    except Interrupted as exc:
        print(
            f"{exc}: the run was stopped and its unfinished folder removed; "
            f"{_latest_shown(args)} is unchanged",
            file=sys.stderr,
        )
        return 128 + exc.signal_number
    except RunError as exc:
        print(f"run failed: {exc}", file=sys.stderr)
        return EXIT_RUN_FAILED
    except LockedError as exc:
        print(f"locked: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    print(published)
    return EXIT_OK


def _latest_shown(args: argparse.Namespace) -> str:
    """The ``latest`` link of the run's reports folder, as the planner would type it."""
    from analysis.data.plan_spec import resolve_plan_id

    folder = args.out or f"reports/{resolve_plan_id(args.plan)}"
    return f"{str(folder).rstrip('/')}/latest"


def _add_allow_implausible_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--allow-implausible",
        action="store_true",
        help="let through figures outside their plausible range (a scenario's growth, deflator, "
        "depreciation or population growth beyond the published record; an actual result far "
        "from its baseline or target): each is listed, recorded in the run's manifest and "
        "noted on the reports that use it",
    )


def _add_run_command(sub: argparse._SubParsersAction) -> None:
    run = sub.add_parser(
        "run",
        help="run every notebook for each scenario of a plan; publish reports/<plan-id>/<run>/",
        description="Validate the plan pack and its scenarios, execute notebooks/NN_*.ipynb for "
        "each with papermill (in parallel processes), export code-free HTML and publish "
        "reports/<plan-id>/<YYYY-MM-DD_HHMMSS>/ and reports/<plan-id>/latest. "
        "Exit 0 published, 1 a notebook failed, 2 refused input, 3 another run holds the lock, "
        "128+N stopped by signal N (143 SIGTERM, 130 SIGINT).",
    )
    run.add_argument(
        "scenarios",
        nargs="*",
        metavar="SCENARIO",
        help="scenario names or YAML files (default: every scenarios/<plan-id>/*.yaml)",
    )
    _add_plan_option(run, "default: the default pack")
    run.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=None,
        help="notebooks executed at once (default: the number of cores)",
    )
    run.add_argument("--lang", choices=LANGUAGES, default="vi", help="report language (default vi)")
    run.add_argument(
        "--out",
        default=None,
        metavar="DIR",
        help="reports folder inside the project, outside its input folders "
        "(default reports/<plan-id>/)",
    )
    run.add_argument(
        "--notebooks",
        nargs="+",
        default=None,
        metavar="NOTEBOOK",
        help="run only these notebooks (name, stem or two-digit number)",
    )
    run.add_argument(
        "--seed",
        type=int,
        default=None,
        help="seed handed to the notebooks (default: the plan's seed, plan.yaml)",
    )
    run.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_CELL_TIMEOUT,
        metavar="SECONDS",
        help=f"limit per cell, 0 for none (default {DEFAULT_CELL_TIMEOUT})",
    )
    run.add_argument(
        "--pdf",
        action="store_true",
        help="also print each HTML report to PDF with headless Chromium (skipped, with a "
        "warning, when Chromium is not installed)",
    )
    run.add_argument(
        "--isolated",
        action="store_true",
        help="start each notebook's kernel from scratch instead of forking it from a warm one "
        "with the libraries already imported (slower; the reports are the same)",
    )
    run.add_argument(
        "--fresh",
        action="store_true",
        help="execute every notebook again, even those whose inputs are unchanged since a "
        "published run (by default these are copied from that run)",
    )
    _add_allow_implausible_option(run)
    run.set_defaults(func=_cmd_run)


def _cmd_actuals_template(args: argparse.Namespace) -> int:
    from analysis.data.actuals import write_actuals_template
    from analysis.data.plans import load_plan

    plan = load_plan(args.plan)
    path = write_actuals_template(args.out, plan.targets, plan=plan, overwrite=args.force)
    print(
        f"wrote {path}: one line per target, period {plan.final_period}; "
        "fill value, kind, as_of and source"
    )
    return EXIT_OK


def _add_actuals_template_command(sub: argparse._SubParsersAction) -> None:
    template = sub.add_parser(
        "actuals-template",
        help="write an empty actuals CSV listing every target, to fill in",
        description="Write a CSV with one line per target of the plan pack's targets.csv "
        "(period the plan year, the target's unit, its Vietnamese name; value, kind, as_of and "
        "source empty). Files in data/raw/plans/<plan-id>/actuals/ are read by the scorecard. "
        "Exit 0 written, 2 refused (the file exists without --force, or the pack is invalid).",
    )
    _add_plan_option(template, "default: the default pack")
    template.add_argument(
        "--out",
        default=None,
        metavar="PATH",
        help="file to write (default data/raw/plans/<plan-id>/actuals/actuals_<year>.csv)",
    )
    template.add_argument("--force", action="store_true", help="overwrite an existing file")
    template.set_defaults(func=_cmd_actuals_template)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command."""
    parser = _Parser(prog="python -m analysis", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = sub.add_parser(
        "check",
        help="validate plan packs and their scenarios; write data/processed/<plan-id>/",
        description="Validate a plan pack (plan.yaml, targets, groups, baselines, assumptions, "
        "actuals, scenarios) and the shared published series; write the processed tables. "
        "Exit 0 valid, 2 refused with the file, the field or line and the rule.",
    )
    _add_plan_option(check, "default: every pack")
    _add_allow_implausible_option(check)
    check.set_defaults(func=_cmd_check)

    plans = sub.add_parser("plans", help="list the plan packs with their years and titles")
    plans.add_argument("--lang", choices=LANGUAGES, default="vi", help="title language")
    plans.set_defaults(func=_cmd_plans)

    # --- run (report runner) ---
    _add_run_command(sub)
    # --- actuals-template (scorecard) ---
    _add_actuals_template_command(sub)
    return parser


def exit_now(code: int) -> NoReturn:
    """End the process with ``code`` once a command is done: the exit functions run and the
    standard streams are flushed as at a normal exit, but the interpreter's teardown of the
    modules (pandas, pandera, ...: 0.2-0.3 s) is skipped. A normal exit when a thread other
    than daemons is still running."""
    if any(
        t.is_alive() and not t.daemon
        for t in threading.enumerate()
        if t is not threading.main_thread()
    ):
        sys.exit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` and run the command; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (InputError, InputErrors) as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
