/* 字号：标准、大字 125%、大字 150%，点一下换一档，浏览器记住选择（存不了时只在本页有效）。
   The 字号 switch in the header (partials/hl-reading.html): one button steps through the standard
   size, 125 % and 150 % of the theme's base size by setting html[data-hl-size] (see
   assets/stylesheets/a11y.css) and remembers the choice in localStorage when the browser allows it
   (file:// pages and browsers without storage still switch, for the page at hand). Plain script. */
(function () {
  "use strict";
  var KEY = "hongling.size";
  var SIZES = ["100", "125", "150"];
  var NAMES = { "100": "标准", "125": "大字 125%", "150": "大字 150%" };
  var root = document.documentElement;

  function stored() {
    try {
      return window.localStorage ? window.localStorage.getItem(KEY) : null;
    } catch (error) {
      return null;
    }
  }

  function store(size) {
    try {
      if (window.localStorage) window.localStorage.setItem(KEY, size);
    } catch (error) {
      /* storage refused (privacy mode, file:// in some browsers): the size holds for this page */
    }
  }

  function current() {
    var size = root.getAttribute("data-hl-size");
    return SIZES.indexOf(size) >= 0 ? size : "100";
  }

  function apply(size) {
    if (size === "100") root.removeAttribute("data-hl-size");
    else root.setAttribute("data-hl-size", size);
  }

  function label(button, size) {
    var next = SIZES[(SIZES.indexOf(size) + 1) % SIZES.length];
    button.textContent = "字号 " + (size === "100" ? "标准" : size + "%");
    button.setAttribute("aria-label", "字号：" + NAMES[size] + "（点击改为" + NAMES[next] + "）");
    button.setAttribute("title", "字号：" + NAMES[size] + "（点击改为" + NAMES[next] + "）");
  }

  function init() {
    var box = document.querySelector("[data-hl-size-switch]");
    var button = document.querySelector("[data-hl-size-button]");
    if (!box || !button) return;
    /* partials/hl-reading.html applied it before the page painted; again here where a policy
       forbids inline scripts */
    var remembered = stored();
    if (SIZES.indexOf(remembered) >= 0) apply(remembered);
    label(button, current());
    box.hidden = false;
    button.addEventListener("click", function () {
      var size = SIZES[(SIZES.indexOf(current()) + 1) % SIZES.length];
      apply(size);
      store(size);
      label(button, size);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
