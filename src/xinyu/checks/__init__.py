"""Checks over the whole site after render; they import no kind.

- ``links``: every link and anchor of every page (Markdown and raw HTML), with suggestions.
- ``site``: ``check_links`` (the entry point: ``links`` page by page, then the site-wide checks:
  nav, theme templates and assets, orphans, one-way related entries, ``http://`` links).
- ``health``: the 内容体检 page (preview builds).
"""
