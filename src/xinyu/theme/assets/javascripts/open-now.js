/* "现在是否开放": computed in the reader's browser, in Asia/Shanghai time, from the hours data the
 * page embeds (<script type="application/json" class="xy-hours-data">). Without JavaScript the
 * hours stay on the page as plain text. ES5 only: school PCs run Chrome 109 and older browsers. */
(function () {
  "use strict";

  var formatter = null;

  function shanghaiNow() {
    if (!formatter) {
      formatter = new Intl.DateTimeFormat("en-US", {
        timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit",
        hour: "2-digit", minute: "2-digit", hourCycle: "h23"
      });
    }
    var parts = {};
    formatter.formatToParts(new Date()).forEach(function (p) { parts[p.type] = p.value; });
    var y = +parts.year, m = +parts.month, d = +parts.day;
    var dow = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; /* Monday = 0 */
    return {
      date: parts.year + "-" + parts.month + "-" + parts.day,
      minute: (+parts.hour % 24) * 60 + (+parts.minute),
      weekday: dow,
      year: parts.year
    };
  }

  function hhmm(min) {
    var h = Math.floor(min / 60), m = min % 60;
    return (h < 10 ? "0" : "") + h + ":" + (m < 10 ? "0" : "") + m;
  }

  function inRanges(date, ranges) {
    for (var i = 0; i < (ranges || []).length; i++) {
      if (ranges[i][0] <= date && date <= ranges[i][1]) { return true; }
    }
    return false;
  }

  /* {state: "always" | "open" | "closed", note, closes} or null when the hours are not structured. */
  function statusOf(line, now) {
    var data = line && line.open;
    if (!data || data.always === undefined) { return null; }
    if (data.always) { return { state: "always", note: "" }; }
    var entry = data.dates && data.dates[now.date];
    var intervals = entry ? entry.i : data.week[now.weekday];
    var note = entry ? entry.n : "";
    if (now.date < data.from || now.date > data.to || inRanges(now.date, data.unknown)) {
      note = now.year + " 年的节假日或校历安排未收录，按平日时间推算";
    }
    for (var i = 0; i < intervals.length; i++) {
      if (intervals[i][0] <= now.minute && now.minute < intervals[i][1]) {
        return { state: "open", note: note, closes: intervals[i][1] };
      }
    }
    return { state: "closed", note: note };
  }

  function text(tag, cls, value) {
    var el = document.createElement(tag);
    if (cls) { el.className = cls; }
    el.textContent = value;
    return el;
  }

  /* The key of the first crisis line open now (or around the clock), or null. */
  function openAlternative(lines, fallback, self, now) {
    for (var i = 0; i < fallback.length; i++) {
      var key = fallback[i];
      if (key === self || !lines[key]) { continue; }
      var st = statusOf(lines[key], now);
      if (st && (st.state === "always" || st.state === "open")) { return key; }
    }
    return null;
  }

  /* The key of the first crisis line whose hours are set locally (以当地公布为准): worth trying, never "open". */
  function localAlternative(lines, fallback, self) {
    for (var i = 0; i < fallback.length; i++) {
      var line = lines[fallback[i]];
      if (fallback[i] !== self && line && line.local) { return fallback[i]; }
    }
    return null;
  }

  /* A crisis line's number as the page wrote it: the crisis bar's <template data-xy-number="key">,
   * rendered by the theme's one number macro (partials/xinyu-number.html); never built here. */
  function number(key, line) {
    var tpls = document.querySelectorAll("template[data-xy-number]");
    for (var i = 0; i < tpls.length; i++) {
      if (tpls[i].getAttribute("data-xy-number") === key && tpls[i].content) {
        return document.importNode(tpls[i].content, true);
      }
    }
    return document.createTextNode(line.display);
  }

  function render(el, lines, fallback, now) {
    var key = el.getAttribute("data-xy-open");
    var st = statusOf(lines[key], now);
    while (el.firstChild) { el.removeChild(el.firstChild); }
    if (!st) { return; }
    var labels = { always: "24小时", open: "开放中", closed: "已关闭" };
    el.setAttribute("data-state", st.state);
    el.appendChild(text("span", "xy-open__state xy-open__state--" + st.state, labels[st.state]));
    if (st.state === "open" && st.closes < 1440) {
      el.appendChild(text("span", "xy-open__until", "（" + hhmm(st.closes) + " 结束）"));
    }
    if (st.note) { el.appendChild(text("span", "xy-open__note", "（" + st.note + "）")); }
    if (st.state === "closed") {
      var alt = openAlternative(lines, fallback, key, now);
      var maybe = localAlternative(lines, fallback, key);
      if (alt || maybe) {
        var box = text("span", "xy-open__alt", "");
        if (alt) {
          box.appendChild(document.createTextNode("现在可拨打：" + lines[alt].name + " "));
          box.appendChild(number(alt, lines[alt]));
        }
        if (maybe) {
          box.appendChild(document.createTextNode((alt ? "；也可试拨：" : "可试拨：") + lines[maybe].name + " "));
          box.appendChild(number(maybe, lines[maybe]));
          box.appendChild(document.createTextNode("（时间以当地公布为准）"));
        }
        el.appendChild(box);
      }
    }
  }

  function run() {
    var lines = {}, fallback = [];
    var blocks = document.querySelectorAll("script.xy-hours-data");
    for (var i = 0; i < blocks.length; i++) {
      try {
        var data = JSON.parse(blocks[i].textContent);
        for (var k in data.lines) {
          if (Object.prototype.hasOwnProperty.call(data.lines, k)) { lines[k] = data.lines[k]; }
        }
        if (!fallback.length && data.fallback) { fallback = data.fallback; }
      } catch (e) { /* a broken block leaves the plain-text hours */ }
    }
    var now = shanghaiNow();
    var spots = document.querySelectorAll("[data-xy-open]");
    for (var j = 0; j < spots.length; j++) { render(spots[j], lines, fallback, now); }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(run);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
  window.setInterval(run, 60000);
})();
