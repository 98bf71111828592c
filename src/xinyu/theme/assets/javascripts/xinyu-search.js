/* xinyu portal search: a small client for the sharded index in search/ (built by xinyu.search).
 * Index files are JS files that call xinyuSearch.load(name, data), loaded by <script> tags, so
 * search works on any static host, under a sub-path, and in the offline bundle opened from file://.
 * Tokenisation mirrors src/xinyu/search/tokens.py: NFKC, lower case, CJK characters and bigrams,
 * ASCII letter/digit runs, dictionary words. Runs on Chrome 109 (no modules, no build step). */
(function () {
  "use strict";

  var RUNS = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+/g;
  var MAX_RESULTS = 10;
  var SYNONYM_FACTOR = 0.75;  // a page found through a synonym ranks below one with the words typed
  var store = {};
  var pending = {};
  var manifest = null;
  var script = document.currentScript;
  var base = script ? script.src.replace(/assets\/javascripts\/xinyu-search\.js(\?.*)?$/, "") : "";

  window.xinyuSearch = {
    load: function (name, data) { store[name] = data; }
  };

  /* ---------- loading index files ---------- */

  function loadFile(name) {
    if (store[name] !== undefined) return Promise.resolve(store[name]);
    if (pending[name]) return pending[name];
    pending[name] = new Promise(function (resolve, reject) {
      var el = document.createElement("script");
      el.src = base + "search/" + name + ".js" + (manifest ? "?v=" + manifest.v : "");
      el.async = true;
      el.onload = function () {
        el.remove();
        if (store[name] === undefined) reject(new Error(name)); else resolve(store[name]);
      };
      el.onerror = function () { el.remove(); delete pending[name]; reject(new Error(name)); };
      document.head.appendChild(el);
    });
    return pending[name];
  }

  function loadManifest() {
    return loadFile("manifest").then(function (m) { manifest = m; return m; });
  }

  /* ---------- tokens (mirror of tokens.py) ---------- */

  function normalize(text) { return text.normalize("NFKC").toLowerCase(); }
  function isCjk(run) { return !/^[a-z0-9]/.test(run); }

  function fnv1a(term) {
    var h = 0x811c9dc5;
    for (var i = 0; i < term.length; i++) {
      h ^= term.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h;
  }

  /* A query becomes units: each must match for full coverage. A CJK run gives its bigrams (a single
   * character gives itself); an ASCII run gives itself. Dictionary words are bonus terms. */
  function queryUnits(q) {
    var units = [];
    var runs = q.match(RUNS) || [];
    var pos = 0;
    runs.forEach(function (run) {
      if (!isCjk(run) || run.length === 1) {
        units.push({ terms: [run], pos: [[pos]], factor: 1, grams: null });
        pos += 1;
        return;
      }
      for (var i = 0; i < run.length - 1; i++) {
        units.push({ terms: [run.substr(i, 2)], pos: [[pos + i, pos + i + 1]], factor: 1,
          grams: [run.charAt(i), run.charAt(i + 1)], gramPos: [[pos + i], [pos + i + 1]] });
      }
      pos += run.length;
    });
    var bonus = (manifest.dict || []).filter(function (w) { return q.indexOf(w) >= 0; })
      .map(function (w) { return "w:" + w; });
    /* A number typed in groups (0574-6300 0004) also matches the page whose number it is. */
    (q.match(/\d+(?:[-\s]+\d+)+/g) || []).forEach(function (groups) {
      var digits = groups.replace(/\D/g, "");
      if (digits.length >= 8) bonus.push(digits, digits.slice(-8));
    });
    return { units: units, bonus: bonus, runs: runs, width: pos };
  }

  function variants(q) {
    var out = [q];
    (manifest.syn || []).forEach(function (group) {
      group.forEach(function (w) {
        if (q.indexOf(w) < 0) return;
        group.forEach(function (other) {
          if (other !== w && out.length < 8) out.push(q.split(w).join(other));
        });
      });
    });
    return out;
  }

  function shardOf(term) { return "t" + (fnv1a(term) % manifest.k); }

  function postings(term) {
    var shard = store[shardOf(term)];
    return (shard && shard[term]) || null;
  }

  function loadTerms(termList) {
    var names = {};
    termList.forEach(function (t) { names[shardOf(t)] = true; });
    return Promise.all(Object.keys(names).map(loadFile));
  }

  /* Weights are integers: BM25 * 4, times 2, plus 1 when the term is in the page title. */
  function addPostings(term, factor, into) {
    var p = postings(term);
    if (!p) return false;
    var doc = 0;
    for (var i = 0; i < p.length; i += 2) {
      doc += p[i];
      var v = p[i + 1];
      var w = (v >> 1) * factor;
      var cur = into[doc];
      if (!cur || cur.w < w) into[doc] = { w: w, title: v & 1 };
    }
    return true;
  }

  /* A page's score: the sum of its term weights, times the square of the share of the query's
   * characters it covers (words that run together in the query leave boundary bigrams no page
   * has), times up to 2 for the share of those characters found in its title. */
  function scoreVariant(parsed) {
    var docs = {};
    var width = parsed.width;
    parsed.units.forEach(function (unit) {
      unit.terms.forEach(function (t, k) {
        var hits = {};
        addPostings(t, unit.factor, hits);
        Object.keys(hits).forEach(function (d) {
          var s = docs[d] || (docs[d] = { sum: 0, cover: new Array(width), title: new Array(width), exact: false });
          s.sum += hits[d].w;
          if (!unit.relaxed) s.exact = true;
          unit.pos[k].forEach(function (p) {
            s.cover[p] = true;
            if (hits[d].title) s.title[p] = true;
          });
        });
      });
    });
    parsed.bonus.forEach(function (t) {
      var hits = {};
      addPostings(t, 1, hits);
      Object.keys(hits).forEach(function (d) { if (docs[d]) docs[d].sum += hits[d].w; });
    });
    var anyExact = parsed.units.some(function (u) { return !u.relaxed; });
    var out = {};
    Object.keys(docs).forEach(function (d) {
      var s = docs[d];
      if (anyExact && !s.exact) return;  // matched only through single characters of a typo
      var covered = 0, inTitle = 0;
      for (var p = 0; p < width; p++) {
        if (s.cover[p]) covered++;
        if (s.title[p]) inTitle++;
      }
      var coverage = covered / width;
      if (coverage < 0.5) return;
      out[d] = { score: s.sum * coverage * coverage * (1 + inTitle / width), cover: coverage };
    });
    return out;
  }

  /* Bigrams that occur nowhere (a typo, or two words run together) fall back to their characters. */
  function relaxUnits(parsed) {
    var relaxed = false;
    parsed.units.forEach(function (unit) {
      if (unit.grams && !postings(unit.terms[0])) {
        unit.terms = unit.grams;
        unit.pos = unit.gramPos;
        unit.relaxed = true;
        unit.factor = 0.5;
        relaxed = true;
      }
    });
    return relaxed;
  }

  function search(query) {
    return loadManifest().then(function () {
      var q = normalize(query).trim();
      var parsedList = variants(q).map(queryUnits).filter(function (p) { return p.units.length > 0; });
      if (!parsedList.length) return [];
      var all = [];
      parsedList.forEach(function (p) {
        p.units.forEach(function (u) { all = all.concat(u.terms); });
        all = all.concat(p.bonus);
      });
      return loadTerms(all).then(function () {
        var more = [];
        parsedList.forEach(function (p) {
          if (relaxUnits(p)) p.units.forEach(function (u) { more = more.concat(u.terms); });
        });
        return more.length ? loadTerms(more) : null;
      }).then(function () {
        var best = {};
        var cover = {};
        parsedList.forEach(function (p, i) {
          var scores = scoreVariant(p);
          var factor = i === 0 ? 1 : SYNONYM_FACTOR;
          Object.keys(scores).forEach(function (d) {
            var s = scores[d].score * factor;
            if (!best[d] || best[d] < s) { best[d] = s; cover[d] = scores[d].cover; }
          });
        });
        var ranked = Object.keys(best).map(Number).sort(function (a, b) {
          return best[b] - best[a] || a - b;
        }).slice(0, MAX_RESULTS);
        var chunks = {};
        ranked.forEach(function (d) { chunks["d" + Math.floor(d / manifest.c)] = true; });
        return Promise.all(Object.keys(chunks).map(loadFile)).then(function () {
          return ranked.map(function (d) {
            var row = store["d" + Math.floor(d / manifest.c)][d % manifest.c];
            return { url: row[0], title: row[1], kind: row[2], summary: row[3], tels: row[4], score: best[d],
              cover: cover[d] };
          });
        });
      });
    });
  }

  /* ---------- user interface ---------- */

  var ICON = '<svg viewBox="0 0 24 24" aria-hidden="true" width="20" height="20"><path fill="currentColor" ' +
    'd="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 ' +
    '6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 ' +
    '5 9.5 5Z"/></svg>';

  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* Marks the query's runs (and their bigrams) in a text, on the escaped output. */
  function highlight(text, runs) {
    var parts = [];
    runs.forEach(function (r) {
      if (!isCjk(r) || r.length <= 2) parts.push(r);
      else { parts.push(r); for (var i = 0; i < r.length - 1; i++) parts.push(r.substr(i, 2)); }
    });
    parts = parts.filter(function (p) { return p.length > 1 || isCjk(p); });
    if (!parts.length) return esc(text);
    parts.sort(function (a, b) { return b.length - a.length; });
    var re = new RegExp("(" + parts.map(function (p) {
      return p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }).join("|") + ")", "gi");
    return String(text).split(re).map(function (piece, i) {
      return i % 2 ? "<mark>" + esc(piece) + "</mark>" : esc(piece);
    }).join("");
  }

  function digitsOf(text) { return String(text).replace(/\D/g, ""); }

  function telsToShow(result, query) {
    var qd = digitsOf(normalize(query));
    return (result.tels || []).filter(function (t) {
      if (result.kind === "热线") return true;
      var d = digitsOf(t[0] || t[1]);
      return qd.length >= 3 && (d.indexOf(qd) >= 0 || qd.indexOf(d.slice(-8)) >= 0);
    }).slice(0, 2);
  }

  function renderResults(ui, query, results) {
    var runs = normalize(query).match(RUNS) || [];
    if (!results.length) ui.meta.textContent = "没有找到“" + query + "”，试试换个说法或更短的词";
    else if (results[0].cover < 1) ui.meta.textContent = "没有完全符合“" + query + "”的页面，下面的结果只含其中部分字词";
    else ui.meta.textContent = "找到 " + results.length + " 个结果" +
      (results.length >= MAX_RESULTS ? "（只显示前 " + MAX_RESULTS + " 个）" : "");
    crisisCard(ui, query);
    ui.list.setAttribute("data-query", query);
    ui.list.innerHTML = results.map(function (r) {
      var tels = telsToShow(r, query).map(function (t) {
        var shown = "☎ " + highlight(t[1] || t[0].slice(4), runs);
        // A number the page shows without a tel: link (a preview's example number) stays plain text.
        return t[0] ? '<a class="xy-search__tel" href="' + esc(t[0]) + '">' + shown + "</a>"
          : '<span class="xy-search__tel xy-search__tel--text">' + shown + "</span>";
      }).join("");
      return '<li class="xy-search__item">' +
        '<a class="xy-search__link" href="' + esc(base + r.url) + '">' +
        '<span class="xy-search__kind" data-kind="' + esc(r.kind) + '">' + esc(r.kind) + "</span>" +
        '<span class="xy-search__title">' + highlight(r.title, runs) + "</span>" +
        (r.summary ? '<span class="xy-search__summary">' + highlight(r.summary, runs) + "</span>" : "") +
        "</a>" + (tels ? '<span class="xy-search__tels">' + tels + "</span>" : "") + "</li>";
    }).join("");
  }

  /* ---------- crisis card (issue 20): a query showing someone may be at risk gets the crisis lines first ---------- */

  /* The crisis words come from content/vocab/risk.yml (manifest.risk); the lines from the page's own crisis
   * bar, so the card shows exactly the numbers of the directory, with or without the index. */
  function crisisCard(ui, query) {
    var card = ui.root.querySelector(".xy-crisis-card");
    var q = normalize(query || "");
    var words = (manifest && manifest.risk) || [];
    var hit = q.trim() && words.some(function (w) { return q.indexOf(w) >= 0; });
    if (!hit) { if (card) card.hidden = true; return; }
    if (!card) {
      card = document.createElement("section");
      card.className = "xy-crisis-card";
      card.setAttribute("aria-label", "心理危机求助热线");
      ui.list.parentNode.insertBefore(card, ui.list);
    }
    var lines = Array.prototype.slice.call(document.querySelectorAll(".xy-crisis .xy-crisis__line"));
    var items = lines.map(function (li) {
      var name = li.querySelector(".xy-crisis__name");
      var tel = li.querySelector("a.xy-crisis__tel");
      var text = li.querySelector(".xy-crisis__tel");
      var label = name ? esc(name.textContent.trim()) : "";
      var number = tel ? '<a class="xy-crisis-card__tel" href="' + esc(tel.getAttribute("href")) + '">' +
        esc(tel.textContent.trim()) + "</a>" : text ? "<span>" + esc(text.textContent.trim()) + "</span>" : "";
      return number ? '<li><span class="xy-crisis-card__name">' + label + "</span>" + number + "</li>" : "";
    }).join("");
    card.innerHTML = '<p class="xy-crisis-card__lead">如果你或身边的人正处在危险中，现在就打电话，有人在听：</p>' +
      '<ul class="xy-crisis-card__lines">' + (items || "<li>有生命危险请立即拨打 " +
      '<a class="xy-crisis-card__tel" href="tel:110">110</a> 或 <a class="xy-crisis-card__tel" href="tel:120">120</a></li>') +
      "</ul>";
    card.hidden = false;
  }

  function buildUi() {
    var header = document.querySelector(".md-header__inner");
    if (!header) return null;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-header__button xy-search-button";
    button.setAttribute("aria-label", "搜索");
    button.innerHTML = ICON + '<span class="xy-search-button__label">搜索</span>';
    var source = header.querySelector(".md-header__source");
    header.insertBefore(button, source);

    var root = document.createElement("div");
    root.className = "xy-search";
    root.hidden = true;
    root.innerHTML =
      '<div class="xy-search__backdrop"></div>' +
      '<div class="xy-search__dialog" role="dialog" aria-modal="true" aria-label="全站搜索">' +
      '<form class="xy-search__form" role="search">' + ICON +
      '<input class="xy-search__input" type="search" name="q" autocomplete="off" spellcheck="false" ' +
      'placeholder="搜索问答、教案、活动、热线" aria-label="搜索内容">' +
      '<button type="button" class="xy-search__close" aria-label="关闭搜索">关闭</button></form>' +
      '<p class="xy-search__meta" aria-live="polite">输入词语开始搜索，如：焦虑、家长沙龙、12356</p>' +
      '<ol class="xy-search__results"></ol>' +
      '<p class="xy-search__keys"><span>随时按 <kbd>Ctrl</kbd>+<kbd>K</kbd>（苹果电脑 <kbd>⌘</kbd>+<kbd>K</kbd>）打开搜索</span>' +
      '<label><input type="checkbox" class="xy-search__single"> 也用单键 <kbd>/</kbd> 或 <kbd>S</kbd> 打开</label></p>' +
      '</div>';
    document.body.appendChild(root);
    return {
      button: button, root: root, input: root.querySelector(".xy-search__input"),
      meta: root.querySelector(".xy-search__meta"), list: root.querySelector(".xy-search__results"),
      dialog: root.querySelector(".xy-search__dialog"), single: root.querySelector(".xy-search__single")
    };
  }

  /* ---------- the dialog as a modal: inert page, focus trap, shortcuts ---------- */

  var SINGLE_KEY = "xinyu.search.singleKey";  // single-key shortcuts are off unless the reader turns them on (WCAG 2.1.4)

  function stored(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }
  function store_(key, value) { try { localStorage.setItem(key, value); } catch (e) { /* private mode */ } }

  /* The page behind the dialog is inert, except the crisis line, which stays in sight and tappable. */
  function setInert(ui, on) {
    Array.prototype.forEach.call(document.body.children, function (el) {
      if (el === ui.root || el.matches("script, .xy-crisis, .xy-preview")) return;
      if (on && !el.inert) { el.inert = true; el.setAttribute("data-xy-inert", ""); }
      else if (!on && el.hasAttribute("data-xy-inert")) { el.inert = false; el.removeAttribute("data-xy-inert"); }
    });
  }

  function focusables(ui) {
    return Array.prototype.filter.call(
      ui.dialog.querySelectorAll("a[href], button, input, [tabindex]:not([tabindex='-1'])"),
      function (el) { return !el.disabled && el.getClientRects().length > 0; });
  }

  /* On phones the dialog starts below the crisis line (scrolled into view), never over it. */
  function placeBelowCrisis(ui) {
    var bar = document.querySelector(".xy-crisis");
    ui.root.style.top = "";
    if (!bar || !matchMedia("(max-width: 44.984375em)").matches) return;
    window.scrollTo(0, 0);
    ui.root.style.top = Math.max(0, Math.round(bar.getBoundingClientRect().bottom)) + "px";
  }

  function init() {
    var ui = buildUi();
    if (!ui) return;
    var timer = null;
    var seq = 0;
    var opener = null;

    var scrollY = 0;
    function open() {
      if (!ui.root.hidden) return;
      opener = document.activeElement;
      scrollY = window.scrollY;
      ui.root.hidden = false;
      placeBelowCrisis(ui);
      setInert(ui, true);
      document.documentElement.classList.add("xy-search-open");
      ui.input.focus();
      ui.input.select();
      loadManifest().catch(function () { ui.meta.textContent = "搜索索引没有加载成功，请刷新页面后再试"; });
    }
    function close() {
      if (ui.root.hidden) return;
      ui.root.hidden = true;
      setInert(ui, false);
      document.documentElement.classList.remove("xy-search-open");
      if (ui.root.style.top) window.scrollTo(0, scrollY);
      if (opener && opener.focus && document.contains(opener)) opener.focus();
      // The opener may not take focus (the page body, for Ctrl+K): never leave it inside the hidden dialog.
      if (!opener || ui.root.contains(document.activeElement)) ui.button.focus();
    }
    function run() {
      var query = ui.input.value;
      var mine = ++seq;
      if (!query.trim()) { ui.list.innerHTML = ""; crisisCard(ui, ""); ui.meta.textContent = "输入词语开始搜索"; return; }
      search(query).then(function (results) {
        if (mine === seq) renderResults(ui, query, results);
      }, function () {
        if (mine === seq) ui.meta.textContent = "搜索索引没有加载成功，请刷新页面后再试";
      });
    }

    ui.button.addEventListener("click", open);
    ui.root.querySelector(".xy-search__close").addEventListener("click", close);
    ui.root.querySelector(".xy-search__backdrop").addEventListener("click", close);
    ui.input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 80);
    });
    ui.root.querySelector("form").addEventListener("submit", function (e) {
      e.preventDefault();
      var first = ui.list.querySelector(".xy-search__link");
      if (first) location.href = first.href;
    });
    ui.root.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { e.preventDefault(); close(); return; }
      if (e.key === "Tab") {  // focus stays in the dialog: Tab and Shift+Tab cycle
        var all = focusables(ui);
        var at = all.indexOf(document.activeElement);
        if (!all.length) return;
        if (e.shiftKey && at <= 0) { e.preventDefault(); all[all.length - 1].focus(); }
        else if (!e.shiftKey && (at < 0 || at === all.length - 1)) { e.preventDefault(); all[0].focus(); }
        return;
      }
      if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
      var links = Array.prototype.slice.call(ui.list.querySelectorAll(".xy-search__link"));
      if (!links.length) return;
      e.preventDefault();
      var i = links.indexOf(document.activeElement);
      if (e.key === "ArrowDown") (i < 0 ? links[0] : links[Math.min(i + 1, links.length - 1)]).focus();
      else if (i <= 0) ui.input.focus(); else links[i - 1].focus();
    });
    /* Focus that leaves the dialog some other way (a click on the crisis line keeps its own). */
    document.addEventListener("focusin", function (e) {
      if (!ui.root.hidden && !ui.root.contains(e.target) && !e.target.closest(".xy-crisis")) ui.input.focus();
    });
    ui.single.checked = stored(SINGLE_KEY) === "on";
    ui.single.addEventListener("change", function () { store_(SINGLE_KEY, ui.single.checked ? "on" : "off"); });
    document.addEventListener("keydown", function (e) {
      if (!ui.root.hidden) return;
      if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === "k" || e.key === "K")) {
        e.preventDefault();
        open();
        return;
      }
      var t = e.target;
      var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if (typing || e.ctrlKey || e.metaKey || e.altKey || stored(SINGLE_KEY) !== "on") return;
      if (e.key === "/" || e.key === "s" || e.key === "S") {
        e.preventDefault();
        open();
      }
    });
  }

  window.xinyuSearch.search = function (query) { return search(query); };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
