"""Reading source text without rendering it: the layer every kind and check shares.

- ``yamlio``: the one YAML loader (line and column of every value, duplicate keys and tags refused)
  and ``read_text``, the one read-and-decode of a source file.
- ``frontmatter``: a Markdown page's ``---`` block through that loader.
- ``markdown``: the one Markdown scanner (fences, front matter, ATX headings, code spans, links).
- ``anchors``: what a page can be linked to (heading anchors as the toc makes them) and page URLs.
- ``mkdocsyml``: the one reader of ``mkdocs.yml`` as plain data.
"""
