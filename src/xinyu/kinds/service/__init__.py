"""Hotlines and services: model (schema), entries (what pages and other kinds read: entries, status,
crisis lines), kind (load, checks), render (pages), data (open data, JSON-LD), hours (opening hours,
holidays), phones (numbers), schoolcal (the 校历), editor (`xinyu new` template, schema shapes)."""

from .editor import EDITOR
from .kind import KIND

KIND.editors = (EDITOR,)  # editor: `xinyu new` template, `xinyu schema` shapes, its scheme

__all__ = ["KIND"]
