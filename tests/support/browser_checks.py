"""What a reader's browser must show on every page: used by the browser tests."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

# Runs in the page: is every number of the crisis line inside the viewport, visible, and the topmost
# element at its own centre (so no header, drawer, overlay or filter covers it)?
CRISIS_ON_SCREEN = """() => {
  const bar = document.querySelector('aside.xy-crisis');
  if (!bar) return ['no crisis line (aside.xy-crisis)'];
  const tels = [...bar.querySelectorAll('.xy-crisis__tel')];
  if (!tels.length) return ['crisis line without numbers'];
  const problems = [];
  for (const el of tels) {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    const name = el.textContent.trim();
    if (r.width < 1 || r.height < 1 || s.visibility !== 'visible' || parseFloat(s.opacity) < 0.5) {
      problems.push(name + ': not rendered'); continue;
    }
    if (r.left < 0 || r.top < 0 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5) {
      problems.push(name + ': outside the viewport ' + JSON.stringify([r.left, r.top, r.right, r.bottom]));
      continue;
    }
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (!hit || !(hit === el || el.contains(hit))) {
      problems.push(name + ': covered by ' + (hit ? hit.tagName + '.' + hit.className : 'nothing'));
    }
    if (el.tagName === 'A' && !el.getAttribute('href').startsWith('tel:')) problems.push(name + ': not a tel: link');
  }
  return problems;
}"""

MAIN_CONTENT = """() => {
  const article = document.querySelector('article.md-content__inner');
  if (!article) return 'no article';
  const h1 = article.querySelector('h1');
  const r = article.getBoundingClientRect();
  if (r.width < 1 || r.height < 1) return 'article not rendered';
  if (!h1 || !h1.textContent.trim()) return 'no title';
  return '';
}"""


def site_pages(site: Path) -> list[str]:
    """URL paths of every HTML page of a built site (``about/`` for ``about/index.html``)."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        head = html.read_bytes()[:3000]
        if b"<head" not in head or b'http-equiv="refresh"' in head:
            continue  # fragments and redirect stubs are not pages a reader reads
        rel = html.relative_to(site).as_posix()
        paths.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return paths


def offsite(url: str, base: str) -> bool:
    """Whether a request for `url` leaves the host that serves the site at `base`."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome-error"):
        return False
    return parts.netloc != urlsplit(base).netloc
