/* xinyu events: move events that have started since the build from 即将举行 to 往期, and mark
   micro-lessons released since the build. The lists are complete without this script (they are
   sorted by the build date); it only corrects them with the reader's own date, taken in
   Asia/Shanghai time. Plain ES5-level code for old school browsers (Chrome 109, in-app browsers). */
(function () {
  "use strict";

  function shanghaiToday() {
    // The date in Asia/Shanghai (UTC+8, no daylight saving) as YYYY-MM-DD.
    return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  }

  function insertSorted(list, item, descending) {
    var key = item.getAttribute("data-start");
    var items = list.querySelectorAll("li.xy-event");
    for (var i = 0; i < items.length; i++) {
      var other = items[i].getAttribute("data-start");
      if (descending ? other < key : other > key) {
        list.insertBefore(item, items[i]);
        return;
      }
    }
    list.appendChild(item);
  }

  function fixEvents(today) {
    var upcoming = document.getElementById("xy-upcoming");
    var past = document.getElementById("xy-past");
    if (!upcoming || !past) return;
    var moved = 0;
    Array.prototype.slice.call(upcoming.querySelectorAll("li.xy-event")).forEach(function (li) {
      if (li.getAttribute("data-date") < today) { insertSorted(past, li, true); moved++; }
    });
    Array.prototype.slice.call(past.querySelectorAll("li.xy-event")).forEach(function (li) {
      if (li.getAttribute("data-date") >= today) { insertSorted(upcoming, li, false); moved++; }
    });
    var empty = document.querySelector('.xy-empty[data-for="xy-upcoming"]');
    if (empty) empty.textContent = upcoming.querySelector("li.xy-event") ? "" : "近期暂无活动。";
    var asof = document.querySelector(".xy-asof");
    if (asof && moved) asof.textContent = "已按今天（" + today + "）更新：已开始的活动移到了往期。";
  }

  function fixReleases(today) {
    var items = document.querySelectorAll("li.xy-release[data-release]");
    for (var i = 0; i < items.length; i++) {
      var badge = items[i].querySelector(".xy-release__state");
      if (!badge) continue;
      var released = items[i].getAttribute("data-release") <= today;
      badge.textContent = badge.getAttribute(released ? "data-released" : "data-upcoming");
      items[i].classList.toggle("xy-release--upcoming", !released);
    }
  }

  function fixEventPage(today) {
    var over = document.querySelectorAll(".xy-event-over[data-after]");
    for (var i = 0; i < over.length; i++) {
      over[i].hidden = !(over[i].getAttribute("data-after") < today);
    }
  }

  function run() {
    var today = shanghaiToday();
    fixEvents(today);
    fixReleases(today);
    fixEventPage(today);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(run);  // Material's instant navigation, when enabled
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
