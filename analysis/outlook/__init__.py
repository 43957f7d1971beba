"""A plan and a scenario composed into the economics' inputs, and the results collected.

Sits above :mod:`analysis.data` and :mod:`analysis.economics` and imports both; the report
and run layers import it.
"""
