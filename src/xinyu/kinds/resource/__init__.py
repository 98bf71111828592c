"""The resource library: kind (schema, files, checks), render (library pages, download links)."""

from .kind import KIND

__all__ = ["KIND"]
