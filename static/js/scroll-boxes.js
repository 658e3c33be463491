/* A table or box that scrolls sideways on a narrow screen can be reached with the keyboard
   (Tab, then the arrow keys), as WCAG 2.1.1 asks: it gets tabindex="0" while it overflows, and
   loses it when the window is wide enough. Reinserción, AGPL-3.0-or-later. */
(function () {
  "use strict";
  var SELECTOR = ".table, .table-container, .table-wrap, .table-scroll";
  function update() {
    document.querySelectorAll(SELECTOR).forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1 &&
        /(auto|scroll)/.test(getComputedStyle(box).overflowX);
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-scroll-box", "");
      } else if (!scrolls && box.hasAttribute("data-scroll-box")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-scroll-box");
      }
    });
  }
  var pending = null;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(update, 100);
  });
  update();
})();
