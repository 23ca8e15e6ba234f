// One-click copy of a feed or calendar address (订阅 page). The address is also shown as text,
// so without JavaScript or clipboard access it can still be selected and copied by hand.
(function () {
  "use strict";
  function fallbackCopy(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.opacity = "0";
    document.body.appendChild(field);
    field.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (e) { done = false; }
    document.body.removeChild(field);
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }
  function confirm(button) {
    var label = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", label);
    button.textContent = button.getAttribute("data-copied") || label;
    button.classList.add("gs-copy--done");
    window.setTimeout(function () {
      button.textContent = label;
      button.classList.remove("gs-copy--done");
    }, 2000);
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".gs-copy") : null;
    if (!button) return;
    copy(button.getAttribute("data-copy")).then(function () { confirm(button); }, function () {
      var text = button.parentNode.querySelector(".gs-url__text");
      if (text && window.getSelection) window.getSelection().selectAllChildren(text);
    });
  });
})();
