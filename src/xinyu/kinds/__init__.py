"""The registry of content kinds: adding a kind is one module and one line here.

Each kind's `EditorSpec`s (``Kind.editors``) give its reference schemes; they are registered into
`xinyu.refs` here, and `pipeline.run` adds those of any other kinds it is given for its run.
"""

from __future__ import annotations

from .. import refs
from . import draft, event, guide, handbook, home, lesson, menu, policy, release, resource, service, story
from .base import Kind
from .editorspec import scheme_titles
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

refs.register_schemes(scheme_titles(KINDS))
