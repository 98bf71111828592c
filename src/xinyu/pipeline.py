"""The pipeline: load → register → resolve → validate → unsafe → render → checks, over plain data.

Nothing here imports MkDocs. `run()` returns generated pages and every diagnostic found in
one pass; the MkDocs plugin and the CLI are thin adapters around it.
"""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .checks.health import health_page
from .checks.site import check_links
from .diagnostics import Diagnostic, Diagnostics, Level, Loc
from .htmlpolicy import check_markdown
from .kinds import KINDS
from .kinds.base import Kind
from .kinds.editorspec import scheme_titles
from .mdtext import rewrite_links, typed_refs
from .project import HandPage, Page, Project, Result, Site
from .refs import Registry, Target, is_typed_ref, schemes_scope
from .safefs import check_tree
from .search import VOCAB_DIR
from .search.vocab import SYNONYMS  # the one YAML file read by something other than a kind
from .text.anchors import anchors as page_anchors
from .text.frontmatter import split_markdown
from .text.yamlio import read_text


def scan_pages(project: Project, claimed: set[str], diags: Diagnostics) -> list[HandPage]:
    """Read the hand-written Markdown pages of the docs dir (not kinds' sources)."""
    pages = []
    for path in sorted(project.docs_dir.rglob("*.md")):
        uri = project.docs_uri(path)
        if uri in claimed or any(part.startswith(".") for part in Path(uri).parts):
            continue
        rel = project.rel(path)
        text = read_text(path, rel, diags)  # a symlink, a folder named x.md, unreadable: an error
        if text is None:
            continue
        md = split_markdown(text, rel, diags)  # front matter through our YAML loader: errors at their line
        if md is not None:
            check_markdown(md.body, Loc(rel, md.body_line, 1), diags)  # raw HTML only from the allow-list
        pages.append(HandPage(uri, rel, text, typed_refs(text, Loc(rel, 1, 1)), page_anchors(text)))
    return pages


def rewrite_refs(text: str, src_uri: str, registry: Registry) -> str:
    """Turn typed references in Markdown `text` on page `src_uri` into relative links."""
    return rewrite_links(text, lambda target: _ref_href(target, src_uri, registry))


def _ref_href(target: str, src_uri: str, registry: Registry) -> str | None:
    """The relative link a typed reference on page `src_uri` becomes (None: not a typed reference, or unknown)."""
    return registry.href(target, src_uri) if is_typed_ref(target) else None


def run(project: Project, *, render: bool = True, kinds: Iterable[Kind[Any]] | None = None) -> Result:
    """Load, validate and resolve all content; render pages unless `render` is False.

    Kinds other than `KINDS` may be given: their reference schemes are known for this run only.
    """
    if kinds is None:
        return _run(project, render, None)
    kinds = list(kinds)
    with schemes_scope(scheme_titles(kinds)):
        return _run(project, render, kinds)


def _run(project: Project, render: bool, kinds: list[Kind[Any]] | None) -> Result:
    # a run over some kinds only cannot tell which files nobody reads
    whole = kinds is None or all(k in kinds for k in KINDS)
    kinds = list(KINDS if kinds is None else kinds)
    site = Site(project)
    diags = site.diags
    for folder in (project.docs_dir, project.guides_dir):  # symlinks and other file-system oddities
        check_tree(folder, project.root, diags)
    claimed: set[str] = set()
    for kind in kinds:
        for path in kind.sources(project):
            claimed.add(project.docs_uri(path))
        site.entries[kind.name] = kind.open(site)
        site.views[kind.name] = list(kind.views(site.entries[kind.name]))
    if whole:
        unread_yaml(project, claimed, diags)
    for kind in kinds:
        for target in kind.targets(site.entries[kind.name], project):
            site.registry.add(target, diags)
    site.pages = scan_pages(project, claimed, diags)
    for page in site.pages:
        site.registry.add_anchors(page.src_uri, page.anchors)
    for kind in kinds:
        site.refs += kind.references(site.entries[kind.name])
    for ref in site.refs:
        site.registry.resolve(ref.ref, diags, ref.scheme)
    for page in site.pages:
        for reference in page.refs:
            site.registry.resolve(reference, diags)
    for kind in kinds:
        kind.validate(site)
    for kind in kinds:
        for problem in kind.unsafe(site.entries[kind.name], project):
            level = Level.INFO if project.preview else Level.ERROR
            diags.add(Diagnostic(problem.loc, level, problem.code, problem.message, problem.hint))
    extra: dict[str, Any] = {"preview": project.preview, "today": project.today.isoformat()}
    pages: list[Page] = []
    if render:
        for kind in kinds:
            extra.update(kind.extra(site))
            for made in kind.render(site):
                if made.src_uri.endswith(".md") and isinstance(made.content, str):
                    made.content = rewrite_refs(made.content, made.src_uri, site.registry)
                    made.link_locs = {_ref_href(t, made.src_uri, site.registry) or t: loc
                                      for t, loc in made.link_locs.items()}
                pages.append(made)
    links = None
    if render:  # the link check needs the generated Markdown, never HTML
        links = check_links(site, pages, claimed)
        if project.preview and not project.checking:
            pages.append(health_page(site, links))
    return Result(site, pages, extra, claimed, links)


def tree_failure(project: Project) -> Result | None:
    """The whole run's result when the content folders hold a symlink or another file-system error.

    Adapters call this before anything walks the folders (MkDocs' file walk follows symlinked
    folders, and loops); None when the folders are fine.
    """
    diags = Diagnostics()
    for folder in (project.docs_dir, project.guides_dir):
        check_tree(folder, project.root, diags)
    return run(project) if diags.errors else None


def unpublished(src_uri: str, claimed: set[str]) -> bool:
    """Whether a docs-dir file is build input, never published: a kind's source, any YAML, the search vocabulary."""
    return src_uri in claimed or src_uri.endswith((".yml", ".yaml")) or src_uri.startswith(VOCAB_DIR)


def edit_uri(project: Project, page: Page) -> str | None:
    """A generated page's edit link: its YAML or Markdown source, relative to the docs dir (None: no source)."""
    return posixpath.relpath(page.source, project.rel(project.docs_dir)) if page.source else None


def unread_yaml(project: Project, claimed: set[str], diags: Diagnostics) -> None:
    """Warn about YAML files in the docs dir that nothing reads: their content would silently vanish.

    (YAML is never published as it is, so a misnamed ``evnets-2027.yml`` would show nowhere.)
    """
    known = claimed | {SYNONYMS}
    yaml_like = sorted(k for k in known if k.endswith((".yml", ".yaml")))  # candidates for the hint
    for path in sorted([*project.docs_dir.rglob("*.yml"), *project.docs_dir.rglob("*.yaml")]):
        uri = project.docs_uri(path)
        if uri in known or any(part.startswith(".") for part in uri.split("/")) or not path.is_file() \
                or path.is_symlink():  # symlinks and folders are errors already (safefs)
            continue
        close = difflib.get_close_matches(uri, yaml_like, n=1, cutoff=0.6)
        hint = (f"文件名或位置与 {project.rel(project.docs_dir / close[0])} 相近：是不是放错了目录或写错了文件名？"
                if close else "各栏目读取哪些文件见 content/editors/index.md；不需要的文件请删除")
        diags.warning(Loc(project.rel(path), 1, 1), "file.unread",
                      "没有哪个栏目读取这个 YAML 文件：其中的内容不会出现在网站上", hint)


def target(key: str, src_uri: str, title: str, loc: Loc | None, anchor: str | None = None,
           summary: str | None = None) -> Target:
    """Shorthand for building a `Target`."""
    return Target(key, src_uri, title, anchor, loc, summary)
