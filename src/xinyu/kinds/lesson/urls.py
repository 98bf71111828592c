"""Where the lesson pages live (imports nothing of the kind but its slugs)."""

from __future__ import annotations

from .model import AREA_SLUGS, STAGE_SLUGS


def page_uri(lesson_id: str) -> str:
    """The lesson's page."""
    return f"lessons/{lesson_id}.md"


def handout_uri(lesson_id: str) -> str:
    """The lesson's print handout."""
    return f"lessons/{lesson_id}/print.md"


def stage_uri(stage: str) -> str:
    """The browse page of a 学段."""
    return f"lessons/stage/{STAGE_SLUGS[stage]}.md"


def area_uri(area: str) -> str:
    """The browse page of a 纲要 area."""
    return f"lessons/area/{AREA_SLUGS[area]}.md"
