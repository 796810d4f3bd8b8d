/* A "打印" button in every .hl-toolbar (course, case, aspect and handout pages).
   Added by script so that pages without JavaScript show no dead button. */
(function () {
  "use strict";
  function addButtons() {
    var bars = document.querySelectorAll(".hl-toolbar");
    for (var i = 0; i < bars.length; i++) {
      if (bars[i].querySelector(".hl-print")) continue;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button hl-print";
      button.textContent = "打印";
      button.addEventListener("click", function () { window.print(); });
      bars[i].insertBefore(button, bars[i].firstChild);
    }
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(addButtons);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addButtons);
  } else {
    addButtons();
  }
})();
