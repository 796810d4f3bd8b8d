/* 术语释义：手机上轻点正文里标注的术语（虚线下划线），就在原处显示释义，不跳到术语表。
   Glossary marks on a phone: a tap shows the term's definition in place, with a link to the
   glossary entry; a second tap, a tap elsewhere, "关闭" or Esc closes it. On a desktop the mouse
   shows Material's tooltip and a click opens the glossary. Plain script: works from file://. */
(function () {
  "use strict";
  var phone = window.matchMedia("(hover: none), (max-width: 44.9375em)");
  var open = null;

  /* Material's tooltips take the title attribute over on hover: keep each definition first. */
  function remember() {
    var terms = document.querySelectorAll("a.hl-term");
    for (var i = 0; i < terms.length; i++) {
      if (!terms[i].hasAttribute("data-definition")) {
        terms[i].setAttribute("data-definition", terms[i].getAttribute("title") || "");
      }
    }
  }

  function close() {
    if (!open) return;
    open.term.setAttribute("aria-expanded", "false");
    open.box.parentNode.removeChild(open.box);
    open = null;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function show(term) {
    var box = element("div", "hl-term-pop");
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-label", "术语释义：" + term.textContent);
    box.appendChild(element("p", "hl-term-pop__term", term.textContent));
    box.appendChild(element("p", "hl-term-pop__text", term.getAttribute("data-definition")));
    var actions = element("p", "hl-term-pop__actions");
    var more = element("a", "", "在术语表中查看");
    more.href = term.href;
    var shut = element("button", "hl-term-pop__close", "关闭");
    shut.type = "button";
    shut.addEventListener("click", function () { close(); term.focus(); });
    actions.appendChild(more);
    actions.appendChild(shut);
    box.appendChild(actions);
    document.body.appendChild(box);
    var rects = term.getClientRects();  /* a term wrapped over two lines: under its last line */
    var rect = rects.length ? rects[rects.length - 1] : term.getBoundingClientRect();
    var below = rect.bottom + 6;
    var height = box.offsetHeight;
    var top = below + height <= window.innerHeight || rect.top - 6 - height < 0 ? below : rect.top - 6 - height;
    box.style.top = (top + window.pageYOffset) + "px";
    if (box.getBoundingClientRect().bottom > window.innerHeight) {
      box.scrollIntoView({ block: "nearest" });
    }
    term.setAttribute("aria-expanded", "true");
    open = { term: term, box: box };
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    if (open && open.box.contains(target)) return;
    var term = target.closest("a.hl-term");
    var again = open && open.term === term;
    close();
    if (!term || !phone.matches) return;
    event.preventDefault();
    if (!again) show(term);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && open) {
      var term = open.term;
      close();
      term.focus();
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", remember);
  } else {
    remember();
  }
})();
