"""Lesson plans: kind (schema, checks), render (index, browse pages, lesson page, handout)."""

from .editor import EDITOR
from .kind import KIND

KIND.editors = (EDITOR,)  # editor: `xinyu new` template, `xinyu schema` shapes, its scheme

__all__ = ["KIND"]
