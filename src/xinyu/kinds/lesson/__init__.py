"""Lesson plans: model (schema), urls (page addresses), kind (load, checks), render (index, browse
pages, lesson page), handout (the printable handout and its PDF), editor (`xinyu new` template)."""

from .editor import EDITOR
from .kind import KIND

KIND.editors = (EDITOR,)  # editor: `xinyu new` template, `xinyu schema` shapes, its scheme

__all__ = ["KIND"]
