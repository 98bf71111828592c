"""Practice guides: source (the guide format and its parser), kind (targets, references, checks),
render (index, contents and question pages)."""

from .kind import KIND

__all__ = ["KIND"]
