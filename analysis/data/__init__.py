"""Everything read from disk and validated: path constants, raw tables, scenarios, actuals.

Imports only :mod:`analysis.errors` and the economics core below it.
"""
