/* xinyu home page: the on-page search form opens the site's search dialog with the query, and
   "本月" is corrected with the reader's own date (Asia/Shanghai), as events.js does for the events
   list. Without this script the form leads to the list of sections and "本月" shows the picks of
   the build date. Plain ES5-level code for old school browsers and in-app browsers. */
(function () {
  "use strict";

  function shanghaiToday() {
    return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  }

  function openSearch(query) {
    var api = window.xinyuSearch;
    if (api && typeof api.open === "function") { api.open(query); return true; }
    var button = document.querySelector(".xy-search-button");
    var input = document.querySelector(".xy-search__input");
    if (!button || !input) return false;
    button.click();
    input.value = query;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    return true;
  }

  function setupSearch() {
    var forms = document.querySelectorAll("form[data-xy-home-search]");
    for (var i = 0; i < forms.length; i++) {
      forms[i].addEventListener("submit", function (e) {
        var input = this.querySelector("input[name=q]");
        if (openSearch(input ? input.value : "")) e.preventDefault();
      });
    }
  }

  function fixEvents(today) {
    var list = document.querySelector(".xy-home-events");
    if (!list) return;
    var show = parseInt(list.getAttribute("data-show"), 10) || 3;
    var items = list.querySelectorAll("li[data-date]");
    var shown = 0;
    for (var i = 0; i < items.length; i++) {
      var keep = items[i].getAttribute("data-date") >= today && shown < show;
      items[i].hidden = !keep;
      if (keep) shown++;
    }
    var empty = document.querySelector(".xy-home-empty");
    if (empty) empty.textContent = shown ? "" : "近期暂无活动，请看全部活动。";
  }

  function fixRelease(today) {
    var items = document.querySelectorAll(".xy-home-weike li[data-release]");
    var pick = items.length ? items[0] : null;
    for (var i = 0; i < items.length; i++) {
      if (items[i].getAttribute("data-release") <= today) pick = items[i];
    }
    for (var j = 0; j < items.length; j++) items[j].hidden = items[j] !== pick;
  }

  function run() {
    var today = shanghaiToday();
    fixEvents(today);
    fixRelease(today);
  }

  function start() { setupSearch(); run(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
