"""The plugin's options (the ``xinyu`` entry under ``plugins:`` in mkdocs.yml) and the core's
`Project` made from them with the rest of MkDocs' config: MkDocs' config in, plain data out.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from .project import Project, Settings, build_date


class XinyuConfig(base.Config):
    """Options of the ``xinyu`` entry under ``plugins:`` in mkdocs.yml."""

    preview = c.Type(bool, default=False)
    today = c.Optional(c.Type(str))
    guides_dir = c.Type(str, default="guides")
    maintainer_email = c.Type(str, default="")
    review_days = c.Type(int, default=180)
    strict_related = c.Type(bool, default=False)
    search = c.Type(bool, default=True)  # the portal's search index (search/)
    resource_max_mb = c.Type((int, float), default=20)  # largest resource file (资源库)
    series_max_years = c.Type(int, default=3)  # a recurring series spanning more is an error
    series_max_sessions = c.Type(int, default=200)  # … and so is one giving more sessions
    bundle_warn_mb = c.Type((int, float), default=200)  # offline bundle size that draws a warning


def project_from_config(config: MkDocsConfig, options: XinyuConfig) -> Project:
    """Build the core's `Project` from MkDocs' config and the plugin's options."""
    root = Path(config.config_file_path).resolve().parent
    site_info = dict(config.extra.get("site_info") or {})
    settings = Settings(
        guides_dir=options.guides_dir,
        maintainer_email=options.maintainer_email,
        review_days=options.review_days,
        strict_related=options.strict_related,
        resource_max_mb=float(options.resource_max_mb),
        series_max_years=options.series_max_years,
        series_max_sessions=options.series_max_sessions,
        bundle_warn_mb=float(options.bundle_warn_mb),
        directory_urls=bool(config.use_directory_urls),
        config_file=Path(config.config_file_path).name,
        site_url=config.site_url or "",
        site_info={k: str(v) for k, v in site_info.items() if v is not None},
    )
    try:
        today = build_date(options.today)
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    return Project(root, Path(config.docs_dir).resolve(), settings, options.preview, today)
