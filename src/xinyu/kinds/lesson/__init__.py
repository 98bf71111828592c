"""Lesson plans: kind (schema, checks), render (index, browse pages, lesson page, handout)."""

from .kind import KIND

__all__ = ["KIND"]
