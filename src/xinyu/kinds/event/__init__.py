"""Parent and teacher events: model (schemas, occurrences), load (files → `EventData`), kind (targets,
checks), pages, calendar (month grids), data (open data), teachers (教研与培训), ics (calendar feeds)."""

from .kind import KIND

__all__ = ["KIND"]
