/* Tables that scroll sideways can be scrolled from the keyboard (WCAG 2.1.1).
 *
 * Material for MkDocs wraps every table of a page in a box (.md-typeset__scrollwrap) that
 * scrolls sideways when the table is wider than the screen. A box with no link in it cannot
 * be reached with the Tab key, so a keyboard user could not see the hidden columns. Every box
 * that scrolls is made focusable and named after its table's headings; the others are left
 * alone, so they add no stop to the Tab order. A file, not an inline script: the site's
 * Content-Security-Policy runs no inline script it has not hashed (docs/contributing/security.md).
 * Checked by tests/test_a11y.py (axe-core's scrollable-region-focusable rule).
 */
(function () {
  "use strict";
  var MARK = "data-tipkb-scroll";
  var pending = false;

  // "Table under <the heading above it>, scrolls sideways", numbered where two would be the
  // same: each region is a landmark, and landmarks need names of their own.
  function label(box, used) {
    var node = box, heading = "";
    while (node && !heading) {
      node = node.previousElementSibling || node.parentElement;
      if (node && /^H[1-6]$/.test(node.tagName)) {
        heading = node.textContent.replace(/[\u00b6]/g, "").trim();
      }
    }
    var name = "Table" + (heading ? " under " + heading : "") + ", scrolls sideways";
    var n = (used[name] = (used[name] || 0) + 1);
    return n > 1 ? name + " (" + n + ")" : name;
  }

  function update() {
    pending = false;
    var used = {};
    var boxes = document.querySelectorAll(".md-typeset__scrollwrap");
    Array.prototype.forEach.call(boxes, function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && (box.hasAttribute(MARK) || !box.hasAttribute("tabindex"))) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", label(box, used));
        box.setAttribute(MARK, "");
      } else if (!scrolls && box.hasAttribute(MARK)) {
        ["tabindex", "role", "aria-label", MARK].forEach(function (name) {
          box.removeAttribute(name);
        });
      }
    });
  }

  function soon() {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(update);
    }
  }

  // Material adds the boxes after the page is parsed; watch for them, and for new widths.
  new MutationObserver(soon).observe(document.documentElement, { childList: true, subtree: true });
  window.addEventListener("resize", soon);
  document.addEventListener("DOMContentLoaded", soon);
  window.addEventListener("load", soon);
})();
