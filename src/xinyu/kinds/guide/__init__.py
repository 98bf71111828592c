"""Practice guides: source (the guide format and its parser), names (page addresses, question
numbers), kind (targets, references, checks), render (index, contents and question pages), booklet
(the PDF handbook), editor (`xinyu new` template and schema shapes)."""

from .editor import EDITOR
from .kind import KIND

KIND.editors = (EDITOR,)  # editor: `xinyu new` template, `xinyu schema` shapes, its scheme

__all__ = ["KIND"]
