/* xinyu keyboard access for Material's chrome (loaded by main.html on every page):
 * - the menu (drawer) button, a <label> in Material, becomes a real button: Tab reaches it,
 *   Enter/Space open the drawer, Escape closes it and returns focus; aria-expanded follows;
 * - a region that scrolls sideways (a wide table) can be scrolled with the keyboard.
 * The closed drawer's links are taken out of the Tab order by CSS (xinyu.css), without JavaScript. */
(function () {
  "use strict";

  function asButton(label, name) {
    label.setAttribute("role", "button");
    label.setAttribute("tabindex", "0");
    label.setAttribute("aria-label", name);
    label.setAttribute("aria-controls", "__drawer");
    label.addEventListener("keydown", function (e) {
      // stopPropagation: Material's own Enter handler would click the label a second time.
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); e.stopPropagation(); label.click(); }
    });
  }

  function drawer() {
    var toggle = document.getElementById("__drawer");
    var menu = document.querySelector(".md-header label[for='__drawer']");
    if (!toggle || !menu) return;
    asButton(menu, "打开导航菜单");
    var inside = document.querySelector(".md-nav--primary > label.md-nav__title[for='__drawer']");
    if (inside) asButton(inside, "关闭导航菜单");
    function sync() {
      menu.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
      if (toggle.checked) {
        var first = document.querySelector(".md-sidebar--primary a[href], .md-sidebar--primary [tabindex='0']");
        if (first) setTimeout(function () { first.focus(); }, 50);
      }
    }
    toggle.addEventListener("change", sync);
    sync();
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && toggle.checked) { toggle.click(); menu.focus(); }
    });
  }

  function scrollers() {
    var boxes = document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset pre > code, .md-typeset .xy-scroll");
    Array.prototype.forEach.call(boxes, function (el) {
      if (el.scrollWidth > el.clientWidth + 1 && !el.querySelector("a[href], button, input, [tabindex]")) {
        el.setAttribute("tabindex", "0");
        if (!el.hasAttribute("role")) { el.setAttribute("role", "region"); el.setAttribute("aria-label", "可左右滚动的内容"); }
      }
    });
  }

  function init() { drawer(); scrollers(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
