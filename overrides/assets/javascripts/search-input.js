/* Material for MkDocs reads the search box only on keyup, on focus and when the search worker
 * reports ready. Text that arrives without a keyup (pasted or dropped with the mouse, filled in
 * by the browser's autofill, committed by some input methods, or typed by a test driver) is not
 * searched until the next key press. Over http the worker is usually still building the index
 * when the first word is in the box, so the "ready" read hides this; from file:// the worker
 * shim (iframe-worker) runs on the page's own thread and is ready before the reader has typed,
 * so the word is never searched. This hands every change of the search box to Material as a
 * keyup on the box itself (not bubbling, so no other listener sees it); Material ignores a
 * value it has already searched. */
(function () {
  "use strict";
  document.addEventListener("input", function (event) {
    var target = event.target;
    if (target && target.getAttribute && target.getAttribute("data-md-component") === "search-query") {
      target.dispatchEvent(new Event("keyup"));
    }
  });
})();
