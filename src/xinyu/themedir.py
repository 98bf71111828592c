"""The portal theme that ships inside the package (``xinyu/theme``), wired into MkDocs' theme.

A site's ``mkdocs.yml`` needs only ``theme: {name: material, language: zh}`` and ``plugins: [xinyu]``:
the plugin puts the package's templates after the site's own ``custom_dir`` (the site's files win)
and before Material's, so MkDocs renders and copies them like any theme's files, and it lists the
theme's stylesheets and scripts when the site lists none of them.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

THEME_DIR = Path(__file__).resolve().parent / "theme"

# In the order every page loads them (handout.css is loaded by handout.html alone, xinyu-a11y.js by main.html).
THEME_CSS = (
    "assets/stylesheets/xinyu.css",
    "assets/stylesheets/search.css",
    "assets/stylesheets/crisis-card.css",
    "assets/stylesheets/services.css",
    "assets/stylesheets/events.css",
    "assets/stylesheets/portal.css",
)
THEME_JS = (
    "assets/javascripts/xinyu-search.js",
    "assets/javascripts/open-now.js",
    "assets/javascripts/events.js",
    "assets/javascripts/home.js",
)


def _listed(entries: Sequence[object]) -> set[str]:
    """The paths an ``extra_css`` / ``extra_javascript`` list names (strings or MkDocs' script values)."""
    return {str(e.get("path") if isinstance(e, dict) else getattr(e, "path", e)) for e in entries}


def add_theme(config: MkDocsConfig) -> None:
    """Put the package theme on the template path and its assets in the page head (idempotent)."""
    dirs: list[str] = config.theme.dirs
    theme = str(THEME_DIR)
    if theme not in dirs:
        custom = getattr(config.theme, "custom_dir", None)
        dirs.insert(1 if custom and dirs and dirs[0] == custom else 0, theme)
    if not _listed(config.extra_css) & set(THEME_CSS):
        config.extra_css.extend(THEME_CSS)
    if not _listed(config.extra_javascript) & set(THEME_JS):
        config.extra_javascript.extend(THEME_JS)


def theme_folders(root: Path, custom: object) -> list[Path]:
    """The folders the site's theme files come from, the winning one first: the site's own
    ``custom_dir`` (when it exists), then the package theme."""
    own = root / str(custom) if custom else None
    return ([own] if own is not None and own.is_dir() else []) + [THEME_DIR]


def template_label(template: Path, folder: Path, root: Path) -> str:
    """How a diagnostic names a theme template: relative to the site, or ``xinyu/theme/…`` in the package."""
    if folder == THEME_DIR:
        return "xinyu/theme/" + template.relative_to(THEME_DIR).as_posix()
    return template.relative_to(root).as_posix()


def export_theme(out: Path, custom: str | None, data: dict[str, Any]) -> None:
    """For an export built without the plugin: the package theme plus the site's ``custom_dir`` on top,
    in ``out/overrides`` (``custom_dir`` of the exported config), and the theme's assets listed."""
    dest = out / "overrides"
    shutil.copytree(THEME_DIR, dest, dirs_exist_ok=True)
    if custom and Path(custom).is_dir():
        shutil.copytree(custom, dest, dirs_exist_ok=True)
    theme = data.get("theme")
    data["theme"] = {**(theme if isinstance(theme, dict) else {"name": theme or "material"}), "custom_dir": "overrides"}
    for key, names in (("extra_css", THEME_CSS), ("extra_javascript", THEME_JS)):
        listed = data.get(key) or []
        if not _listed(listed) & set(names):
            data[key] = [*listed, *names]
