"""``python -m analysis``: the command line (see :mod:`analysis.run.cli`)."""

import sys

from analysis.run.cli import main

sys.exit(main())
