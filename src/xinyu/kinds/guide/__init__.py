"""Practice guides: source (the guide format and its parser), kind (targets, references, checks),
render (index, contents and question pages)."""

from .editor import EDITOR
from .kind import KIND

KIND.editors = (EDITOR,)  # editor: `xinyu new` template, `xinyu schema` shapes, its scheme

__all__ = ["KIND"]
