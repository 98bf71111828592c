"""The resource library: model (schema, items), kind (files, checks), render (library pages, download
links), editor (`xinyu new` template and schema shape)."""

from .editor import EDITOR
from .kind import KIND

KIND.editors = (EDITOR,)  # editor: `xinyu new` template, `xinyu schema` shapes, its scheme

__all__ = ["KIND"]
