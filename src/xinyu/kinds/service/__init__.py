"""Hotlines and services: model (schema), kind (load, checks, crisis lines), render (pages), data (open
data, JSON-LD), hours (opening hours, holidays), phones (numbers), schoolcal (the 校历)."""

from .kind import KIND

__all__ = ["KIND"]
