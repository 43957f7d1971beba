"""``python -m analysis``: the command line (see :mod:`analysis.run.cli`)."""

from analysis.run.cli import exit_now, main

exit_now(main())
