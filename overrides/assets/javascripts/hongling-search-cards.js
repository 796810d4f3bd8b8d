/*
 * 站内搜索（hongling-search）：answer cards. When a query asks for a fact that the handbook holds
 * as structured data (党费交多少, 预备期多久, 三会一课多久开一次 …), the answer is shown above the
 * results with the regulation and article it comes from and a link to the aspect. The cards are
 * made at build time from the manual's fields (generator/search/cards.py) and travel in
 * search/meta.js; this file only decides which of them a query asks for and draws them.
 *
 * A card is asked for when the query names its subject (党费; a meeting's name) and asks for its
 * kind of fact: an intent word of the card's (多少, 多久 …) or one of the card's own words
 * (比例, 预备期, 任期 …).
 */
(function () {
  "use strict";

  var api = window.hlSearch;
  if (!api) return;
  var MAX = 2;

  /** The cards ``found`` (a ranked query, see hlSearch.rank) asks for, best first. */
  function matching(found, query) {
    var cards = found.meta.cards || [];
    var text = api.normalise(query || "") + " " + found.text + " " + found.words.join(" ");
    var out = [];
    cards.forEach(function (card) {
      var subject = card.subjects.filter(function (word) { return text.indexOf(word) >= 0; });
      if (!subject.length) return;
      var asks = card.intents.some(function (name) { return found.intents.indexOf(name) >= 0; }) ||
                 card.words.some(function (word) { return text.indexOf(word) >= 0; });
      if (!asks) return;
      var weight = subject.reduce(function (n, word) { return Math.max(n, word.length); }, 0);
      out.push({ card: card, weight: weight, rows: rows(card, text) });
    });
    out.sort(function (a, b) { return b.weight - a.weight; });
    return out.slice(0, MAX);
  }

  /** The rows a query names (支委会 of the 三会一课 card), or all when it names none. */
  function rows(card, text) {
    var named = card.rows.filter(function (row) {
      return (row[2] || []).some(function (word) { return text.indexOf(word) >= 0; });
    });
    return named.length ? named : card.rows;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function draw(entry) {
    var card = entry.card;
    var box = element("section", "hl-search-card md-typeset");
    box.setAttribute("aria-label", "答案：" + card.title);
    box.appendChild(element("p", "hl-search-card__title", card.title));
    var table = element("table", "hl-search-card__table");
    var body = element("tbody");
    entry.rows.forEach(function (row) {
      var tr = element("tr");
      tr.appendChild(element("th", "", row[0]));
      tr.appendChild(element("td", "", row[1]));
      body.appendChild(tr);
    });
    table.appendChild(body);
    box.appendChild(table);
    (card.notes || []).forEach(function (note) { box.appendChild(element("p", "hl-search-card__note", note)); });
    if (card.source) {
      var basis = element("p", "hl-search-card__source", "依据：《" + card.source.title + "》" + (card.source.article || ""));
      box.appendChild(basis);
    }
    var more = element("a", "hl-search-card__link", "详见手册：" + card.aspect.title);
    more.href = new URL(card.aspect.url, api.root).href;
    box.appendChild(more);
    return box;
  }

  window.hlSearchCards = {
    matching: matching,
    /** Draw the cards ``found`` asks for above the result ``list`` in ``output``. */
    show: function (found, output, list, query) {
      var cards = matching(found, query);
      if (!cards.length) return;
      var holder = element("div", "hl-search-cards");
      cards.forEach(function (entry) { holder.appendChild(draw(entry)); });
      output.insertBefore(holder, list);
    }
  };
})();
