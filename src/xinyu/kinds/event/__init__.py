"""Parent and teacher events: model (schemas, occurrences), load (files → `EventData`), urls (page
addresses), kind (targets, checks), pages, calendar (month grids), data (open data), teachers
(教研与培训), ics (calendar feeds), editor (`xinyu new` templates and schema shapes)."""

from .editor import EDITORS
from .kind import KIND

KIND.editors = EDITORS  # editor: `xinyu new` template, `xinyu schema` shapes, its scheme

__all__ = ["KIND"]
