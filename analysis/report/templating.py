"""The package's HTML templates: one Jinja2 environment over ``analysis/report/templates/``.

Every page or fragment of HTML the package writes is rendered here from a template, never
assembled from strings. Autoescaping is on for every template; values are escaped as
:func:`html.escape` escapes them (``&quot;`` and ``&#x27;`` for quotes, where Jinja's own
escaping writes ``&#34;`` and ``&#39;``): equally safe, and the bytes of the pages stay those
written before the templates. Values marked safe (a macro's output, :class:`markupsafe.Markup`)
pass unchanged. As Jinja does by default, a template's last newline is dropped: fragments
render without one.

The templates nbconvert extends live apart, in ``templates/nbconvert/`` (see
:mod:`analysis.run.export`).
"""

from __future__ import annotations

import html
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

TEMPLATES = ("analysis.report", "templates")
"""Package and folder of the templates."""


def escape_text(value: Any) -> Markup:
    """``value`` escaped as :func:`html.escape` does, as :class:`markupsafe.Markup`.

    Markup (already safe) is returned as it is; anything else is escaped as its ``str``.
    """
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(str(value)))


@cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment of the package's templates (autoescaping, strict undefined)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader(*TEMPLATES),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "html.j2"), default_for_string=True, default=True
        ),
        finalize=escape_text,
        undefined=jinja2.StrictUndefined,
    )


def render(template: str, **context: Any) -> str:
    """Render the template named ``template`` (e.g. ``"run_index.html.j2"``) with ``context``."""
    return environment().get_template(template).render(**context)
