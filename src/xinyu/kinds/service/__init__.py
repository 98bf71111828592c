"""Hotlines and services: model (schema), kind (load, checks, crisis lines), render (pages), data (open
data, JSON-LD), hours (opening hours, holidays), phones (numbers), schoolcal (the 校历)."""

from .editor import EDITOR
from .kind import KIND

KIND.editors = (EDITOR,)  # editor: `xinyu new` template, `xinyu schema` shapes, its scheme

__all__ = ["KIND"]
