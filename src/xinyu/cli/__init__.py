"""The ``xinyu`` command: `main` parses the arguments (`main.py`) and runs one command module
(`build`, `bundle`, `check`, `lock`, `serve`, `export`, `new`, `schema`; `verify` lives in `publish/`).
`common` holds the exit statuses (0 clean, 1 content errors, 2 usage or environment errors) and
reading mkdocs.yml. Command modules import the pipeline when they run, so `xinyu --help` starts fast.
"""

from __future__ import annotations

from .main import main

__all__ = ["main"]
