# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% tags=["parameters"]
# The what-if explorer: `make explore` serves this notebook as a page with Voilà (no code
# shown); in JupyterLab it runs as is. Every figure is computed by analysis.outlook.explorer
# (the report notebooks' own calls); this notebook only shows the page.
plan: str = ""  # plan pack in data/raw/plans/; empty: $BACGIANG_EXPLORE_PLAN, else the default
scenario: str = ""  # the scenario the page starts from; empty: the plan's own
lang: str = "vi"  # the page's language at first: vi or en (a toggle on the page changes it)

# %%
from IPython.display import display

from analysis.report.explorer_widgets import open_explorer

explorer = open_explorer(plan, scenario, lang)
display(explorer.view)
