/*
 * 站内搜索（hongling-search）：the search box, the result list and the answer cards, in Material's
 * markup (overrides/partials/hl-search.html); finding and ranking are in hongling-search.js
 * (window.hlSearch), loaded before this file. Also marks the searched words on the page a result
 * opens (?h=…).
 */
(function () {
  "use strict";

  var api = window.hlSearch;
  if (!api) return;
  var PAGE = 10;

  function appendMarked(parent, text, regexp) {
    var last = 0;
    if (regexp) {
      regexp.lastIndex = 0;
      text.replace(regexp, function (match, offset) {
        if (offset > last) parent.appendChild(document.createTextNode(text.slice(last, offset)));
        var mark = document.createElement("mark");
        mark.textContent = match;
        parent.appendChild(mark);
        last = offset + match.length;
        return match;
      });
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /* --- the words searched for, marked on the page a result opens --------------------------- */

  function markPage(words) {
    var regexp = api.pattern(words);
    var content = document.querySelector(".md-content article");
    if (!regexp || !content) return;
    var walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var parent = node.parentNode;
        if (/^(SCRIPT|STYLE|MARK)$/.test(parent.nodeName) || parent.closest(".headerlink")) return NodeFilter.FILTER_REJECT;
        regexp.lastIndex = 0;
        return regexp.test(node.nodeValue) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var fragment = document.createDocumentFragment();
      appendMarked(fragment, node.nodeValue, regexp);
      node.parentNode.replaceChild(fragment, node);
    });
  }

  var highlight = new URLSearchParams(location.search).get("h");
  if (highlight) markPage(highlight.split(/\s+/));

  /* --- the search box ---------------------------------------------------------------------- */

  var toggle = document.getElementById("__search");
  var input = document.querySelector("[data-hl-search-query]");
  var form = document.querySelector("[data-hl-search-form]");
  var output = document.querySelector("[data-hl-search-result]");
  if (!toggle || !input || !form || !output) return;
  var meta = output.querySelector(".md-search-result__meta");
  var list = output.querySelector(".md-search-result__list");
  var hint = meta.textContent;
  var current = 0;
  var shown = null;

  function link(url, words) {
    var target = new URL(url, api.root);
    if (words.length) target.search = "?h=" + encodeURIComponent(words.join(" "));
    return target.href;
  }

  function item(result, words, regexp) {
    var li = element("li", "md-search-result__item");
    var a = element("a", "md-search-result__link");
    a.href = link(result.url, words);
    var article = element("article", "md-search-result__article md-typeset");
    article.appendChild(element("div", "md-search-result__icon md-icon"));
    var title = element(result.page.indexOf("#") < 0 ? "h1" : "h2");
    appendMarked(title, result.title, regexp);
    article.appendChild(title);
    var place = element("p", "hl-search-crumb");
    if (result.label) place.appendChild(element("span", "hl-search-kind", result.label));
    if (result.crumb) place.appendChild(document.createTextNode(result.crumb));
    if (place.childNodes.length) article.appendChild(place);
    if (result.section) {
      var part = element("p", "hl-search-section", "本页小节：");
      appendMarked(part, result.section, regexp);
      article.appendChild(part);
    }
    if (result.snippet) {
      var snippet = element("p", "hl-search-snippet");
      appendMarked(snippet, result.snippet, regexp);
      article.appendChild(snippet);
    }
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  function showMore() {
    var start = list.children.length;
    var slice = shown.ranked.slice(start, start + PAGE);
    var run = current;
    return api.details(shown.meta, slice.map(function (r) { return r.doc; })).then(function (rows) {
      if (run !== current) return;
      var regexp = api.pattern(shown.words);
      rows.forEach(function (row) { list.appendChild(item(api.present(row, shown), shown.words, regexp)); });
      var more = output.querySelector(".hl-search-more");
      if (more) more.remove();
      var left = shown.ranked.length - list.children.length;
      if (left > 0) {
        var button = element("button", "md-button hl-search-more", "显示其余 " + left + " 个结果");
        button.type = "button";
        button.addEventListener("click", function () { showMore(); });
        output.appendChild(button);
      }
    });
  }

  function clear(text) {
    shown = null;
    list.textContent = "";
    var more = output.querySelector(".hl-search-more");
    if (more) more.remove();
    var cards = output.querySelector(".hl-search-cards");
    if (cards) cards.remove();
    meta.textContent = text;
  }

  function run() {
    var query = input.value.trim();
    var mine = ++current;
    if (!query) { clear(hint); return; }
    api.rank(query).then(function (found) {
      if (mine !== current) return;
      clear("");
      if (found.corrected) {
        meta.appendChild(document.createTextNode("您是不是要找“"));
        meta.appendChild(element("strong", "hl-search-fix", found.corrected));
        meta.appendChild(document.createTextNode("”？以下是按“" + found.corrected + "”找到的结果。"));
        meta.appendChild(element("br"));
      }
      if (window.hlSearchCards) window.hlSearchCards.show(found, output, list, query);
      meta.appendChild(document.createTextNode(found.ranked.length
        ? "找到 " + found.ranked.length + " 个符合条件的结果"
        : "没有找到符合条件的结果"));
      if (!found.ranked.length) return;
      shown = found;
      return showMore();
    }).catch(function (error) {
      if (mine === current) clear(error.message);
    });
  }

  var composing = false;
  input.addEventListener("compositionstart", function () { composing = true; });
  input.addEventListener("compositionend", function () { composing = false; run(); });
  input.addEventListener("input", function () { if (!composing) run(); });
  input.addEventListener("focus", function () { if (!toggle.checked) { toggle.checked = true; } });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(function () { clear(hint); input.focus(); }, 0); });
  toggle.addEventListener("change", function () {
    if (toggle.checked) setTimeout(function () { input.focus(); }, 50);
    else input.blur();
  });

  /* Tabbing on past the box and its results closes the search, as Escape does (the dimmed page
     would otherwise hide where the keyboard went). */
  var dialog = document.querySelector("[data-hl-search]");
  if (dialog) {
    dialog.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (toggle.checked && next && !dialog.contains(next)) toggle.checked = false;
    });
  }

  function links() {
    return Array.prototype.slice.call(output.querySelectorAll(".hl-search-card a, .md-search-result__link"));
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    var typing = target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (!toggle.checked) {
      if (!typing && (event.key === "/" || event.key === "s" || event.key === "f")) {
        event.preventDefault();
        toggle.checked = true;
        input.focus();
      }
      return;
    }
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (event.key === "Escape") {
      toggle.checked = false;
      input.blur();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!all.length) return;
      event.preventDefault();
      var next = event.key === "ArrowDown" ? at + 1 : (at < 0 ? all.length - 1 : at - 1);
      if (next < 0 || next >= all.length) input.focus();
      else all[next].focus();
    } else if (event.key === "Enter" && target === input && all.length) {
      event.preventDefault();
      var first = list.querySelector(".md-search-result__link") || all[0];
      first.click();
    } else if (target !== input && at >= 0 && event.key.length === 1 && !event.isComposing) {
      input.focus();
    }
  });
})();
