// Keyboard use of Material's drawer (the navigation on phones): the menu button opens and
// closes it with Enter or Space, focus moves into the drawer when it opens, and Escape closes
// it and returns focus to the button. Without script the button still works by pointer.
(function () {
  "use strict";
  var toggle = document.getElementById("__drawer");
  var button = document.querySelector("[data-gs-drawer-button]");
  if (!toggle || !button) return;

  function firstDrawerControl() {
    return document.querySelector(".md-sidebar--primary .md-nav--primary a[href], " +
      ".md-sidebar--primary .md-nav--primary label[tabindex]");
  }

  function setOpen(open) {
    if (toggle.checked !== open) toggle.click(); // Material follows the box's change event
  }

  function sync() {
    button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
  }

  button.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    event.stopPropagation(); // Material's own Enter-on-a-label handler would toggle it back
    setOpen(!toggle.checked);
    if (!toggle.checked) return;
    // The drawer is visible (gongshi-keyboard.css) once the box is checked.
    var first = firstDrawerControl();
    if (first) window.requestAnimationFrame(function () { first.focus(); });
  });
  toggle.addEventListener("change", sync);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !toggle.checked) return;
    setOpen(false);
    button.focus();
  });
  sync();
})();
