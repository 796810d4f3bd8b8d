/* Checklists (检查清单) that tick on screen: every task list on a page becomes a list of real
   checkboxes whose ticks are kept in the browser's local storage, per page and per item text (an
   item reworded in the data starts unticked). Printing shows empty boxes (tools.css), so a
   printed list is a fresh one. Without scripts the list shows plain boxes, as it always did. */
(function () {
  "use strict";
  var H = window.HonglingTools;
  var PREFIX = "hongling:checklist:";

  function load(key) {
    try { return JSON.parse(window.localStorage.getItem(key) || "{}") || {}; } catch (e) { return {}; }
  }

  function save(key, ticks) {
    try { window.localStorage.setItem(key, JSON.stringify(ticks)); } catch (e) { /* storage off: ticks last the visit */ }
  }

  function setUp(list, index) {
    var key = PREFIX + window.location.pathname + ":" + index;
    var ticks = load(key);
    var items = Array.prototype.filter.call(list.children, function (li) { return li.querySelector("input[type=checkbox]"); });
    items.forEach(function (li) {
      var box = li.querySelector("input[type=checkbox]");
      var text = li.textContent.trim();
      if (!box.parentNode || box.parentNode.tagName !== "LABEL") {
        var label = H.el("label", { "class": "hl-check" });
        while (li.firstChild) label.appendChild(li.firstChild);
        li.appendChild(label);
      }
      box.disabled = false;
      box.removeAttribute("disabled");
      box.checked = !!ticks[text];
      box.addEventListener("change", function () {
        if (box.checked) ticks[text] = true; else delete ticks[text];
        save(key, ticks);
      });
    });
    list.classList.add("hl-checklist");
    list.parentNode.insertBefore(H.el("p", { "class": "hl-checklist-actions" }, [
      H.el("button", { type: "button", "class": "md-button hl-checklist-clear", text: "清除勾选", onclick: function () {
        ticks = {};
        save(key, ticks);
        items.forEach(function (li) { li.querySelector("input[type=checkbox]").checked = false; });
      } }),
      H.el("span", { "class": "hl-field-hint", text: "勾选只保存在这台电脑的浏览器里；打印出来是空白方框。" })
    ]), list.nextSibling);
  }

  H.ready(function () {
    var lists = document.querySelectorAll(".md-content ul.task-list");
    Array.prototype.forEach.call(lists, function (list, index) {
      if (list.getAttribute("data-ready")) return;
      list.setAttribute("data-ready", "1");
      setUp(list, index);
    });
  });
})();
