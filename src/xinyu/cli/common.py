"""What every command shares: exit statuses, usage errors, reading mkdocs.yml into a `Project`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..project import Project, build_date
from ..publish.site import normalize_base_url
from .log import CONTEXT
from .mkdocs_msgs import context_of

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def mkdocs_config(args: argparse.Namespace, **overrides: object):  # type: ignore[no-untyped-def]
    from mkdocs.config import load_config  # lazy: startup, `xinyu --help` does not load MkDocs or the kinds

    cfg = load_config(config_file=args.config_file, **overrides)  # type: ignore[arg-type]
    if "xinyu" not in cfg.plugins:
        raise SystemExit(usage(f"{args.config_file} 的 plugins 中没有 xinyu，无法生成门户内容"))
    plugin = cfg.plugins["xinyu"]
    CONTEXT[0] = context_of(cfg)
    if getattr(args, "preview", None) is not None:
        plugin.config["preview"] = bool(args.preview)
    if getattr(args, "today", None):
        plugin.config["today"] = args.today
    return cfg


def load_project(args: argparse.Namespace) -> tuple[Any, Project] | int:
    """mkdocs.yml and the core's `Project` made from it, or the exit status of a usage error."""
    from mkdocs.exceptions import ConfigurationError, PluginError  # lazy: startup, no MkDocs for --help

    from ..options import project_from_config  # lazy: startup, options.py imports MkDocs' config


    try:
        cfg = mkdocs_config(args)
        return cfg, project_from_config(cfg, cfg.plugins["xinyu"].config)
    except ConfigurationError as exc:
        return usage(f"配置文件有误：{exc}")
    except PluginError as exc:
        return usage(str(exc))


def usage(message: str) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return EXIT_USAGE


def base_url_override(args: argparse.Namespace) -> dict[str, object]:
    """``site_url`` from ``--base-url`` (normalised, trailing slash), or nothing."""
    return {"site_url": normalize_base_url(args.base_url)} if getattr(args, "base_url", None) else {}


def date_arg(value: str) -> str:
    """An argparse type: a YYYY-MM-DD date, kept as text (argparse reports the error and exits 2)."""
    try:
        build_date(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return value
