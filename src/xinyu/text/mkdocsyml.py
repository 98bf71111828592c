"""The one reader of ``mkdocs.yml`` outside MkDocs (the link check's nav and assets, ``xinyu export``).

MkDocs' own loader needs its config machinery; these readers only want the plain data. Its tags
become plain values: ``!ENV [NAME, default]`` is the default (what MkDocs uses when the variable is
unset), ``!!python/name:…`` and any other tag are ``None``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class _AnyTag(yaml.SafeLoader):
    """A SafeLoader that reads MkDocs' tags as plain values instead of failing on them."""


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode) and suffix == "ENV":
        values = loader.construct_sequence(node)
        return values[-1] if values else None
    return None


_AnyTag.add_multi_constructor("!", _tagged)
_AnyTag.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_mkdocs_yml(path: Path) -> tuple[dict[str, Any], str | None]:
    """`path` (a ``mkdocs.yml``) as plain data and its text; ``({}, None)`` when it cannot be read.

    A file whose top level is not a mapping reads as ``{}`` with its text.
    """
    try:
        text = path.read_text("utf-8")
        data = yaml.load(text, Loader=_AnyTag)  # noqa: S506 - a SafeLoader subclass
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return {}, None
    return (data if isinstance(data, dict) else {}), text
