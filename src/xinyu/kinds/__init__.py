"""The registry of content kinds: adding a kind is one module and one line here."""

from __future__ import annotations

from . import draft, event, guide, handbook, home, lesson, menu, policy, release, resource, service, story
from .base import Kind
from .safety import kind as safety

KINDS: tuple[Kind, ...] = (
    service.KIND,
    policy.KIND,
    guide.KIND,
    lesson.KIND,
    event.KIND,
    menu.KIND,
    release.KIND,
    story.KIND,
    resource.KIND,
    handbook.KIND,
    draft.KIND,
    home.KIND,
    safety.KIND,  # last: reads every other kind's texts
)
