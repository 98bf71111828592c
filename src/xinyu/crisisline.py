"""How a phone number is written on generated pages: the theme's own macro, rendered here.

``theme/partials/xinyu-number.html`` is the one definition of a number (a ``tel:`` call button, or
a sample marked 示例号码 without one); the crisis bar and the printed line ``{% import %}`` it, and
the kinds' pages (service tables, a guide's crisis box, a lesson's help list) call `number_html`,
which renders that same macro with jinja2 (installed with MkDocs).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .mdtext import attr, esc

THEME = Path(__file__).parent / "theme"
MACROS = "partials/xinyu-number.html"


@functools.cache
def _macros() -> Any:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(THEME), autoescape=False, auto_reload=False)
    return env.get_template(MACROS).module


def number_html(display: str, tel: str | None, *, example: bool = False, cls: str = "xy-tel",
                example_cls: str = "xy-example-number") -> str:
    """`display` as a call button to `tel`, or marked as a sample (示例号码) when `example` or no `tel`.

    The values are escaped for generated Markdown (`mdtext.esc`, `mdtext.attr`) before the macro sees them.
    """
    line = {"display": Markup(esc(display)), "tel": Markup(attr(tel)) if tel else None, "example": example}
    return str(_macros().number(line, cls, example_cls))
