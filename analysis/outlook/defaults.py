"""Defaults the outlook shares with the runner and the command line.

A module of constants only, so that ``python -m analysis --help`` can show them without
loading the Monte Carlo and its libraries.
"""

DEFAULT_SEED = 2024
"""Seed of the Monte Carlo in reports and results (the runner hands it to every notebook)."""
