/*
 * 站内搜索（hongling-search）：answer cards. When a query asks for a fact that the handbook holds
 * as structured data (党费交多少, 预备期多久, 三会一课多久开一次 …), the answer is shown above the
 * results with the regulation and article it comes from and a link to the aspect. The cards are
 * made at build time from the manual's fields (generator/search/cards.py) and travel in
 * search/meta.js; this file decides which card a query asks for and draws it.
 *
 * A card is asked for when the query asks for its kind of fact (an intent of the card's: 多少,
 * 多久 …) and names its subject or one of its rows: the query's words, weighed as the ranking
 * weighs them, found in the card's subject names (党费收缴, 交党费, 党费) or in a row (支部委员会会议,
 * 推荐和确定入党积极分子后至少1年 …). A card whose subject the query holds whole comes first. The rows the query names are shown, or all rows when it names
 * none. A 党费 question with an amount in it (工资5000交多少党费) also gets the sum worked out.
 */
(function () {
  "use strict";

  var api = window.hlSearch;
  if (!api) return;
  var distinctTokens = api.parts.distinctTokens;
  var ENOUGH = 0.6;    /* share of the query's weight a card must hold to be shown */
  var NAMES_ROW = 0.5; /* a card a row of which the query names beyond its subject is the more specific */
  var HELD = 0.5;      /* and so is a card whose subject the query holds whole (预备期多久) */
  var SECOND = 0.85;   /* a second card is shown when the query names it nearly as well as the first */
  var INCOME = /([0-9]+(?:\.[0-9]+)?)\s*(万|千)?\s*元?/;

  /** The weight of those of ``tokens`` found in ``text`` (and not in ``except``). */
  function weigh(found, tokens, text, except) {
    var held = 0;
    tokens.forEach(function (token) {
      if (text.indexOf(token) >= 0 && !(except && except.indexOf(token) >= 0)) held += found.idf[token];
    });
    return held;
  }

  /** The cards ``found`` (a ranked query, see hlSearch.rank) asks for, best first:
   * [{card, rows, score, income}]. Numbers are amounts asked about, not names. */
  function matching(found, query) {
    var cards = found.meta.cards || [];
    var out = [];
    cards.forEach(function (card) {
      if (!card.intents.some(function (name) { return found.intents.indexOf(name) >= 0; })) return;
      var subject = api.normalise(card.title + " " + card.subjects.join(" ") + " " + card.area);
      var best = null;
      found.variants.forEach(function (text) {
        var tokens = distinctTokens(text).filter(function (token) { return found.idf[token] && !/^[0-9.]+$/.test(token); });
        var total = tokens.reduce(function (sum, token) { return sum + found.idf[token]; }, 0);
        if (!total) return;
        var texts = card.rows.map(function (row) { return api.normalise(row[0] + " " + row[1] + " " + row[4].join(" ")); });
        var held = Math.max.apply(null, texts.map(function (row) { return weigh(found, tokens, subject + " " + row); }).concat([0]));
        /* rows the query names beyond the card's subject (离退休党员, 支部委员会会议, 入党积极分子) */
        var beyond = tokens.filter(function (token) { return subject.indexOf(token) < 0; });
        var extra = card.rows.map(function (row) { return weigh(found, beyond, api.normalise(row[0] + " " + row[4].join(" "))); });
        var share = held / total + NAMES_ROW * Math.max.apply(null, extra.concat([0])) / total;
        if (!best || share > best.share) best = { share: share, extra: extra };
      });
      if (!best || best.share < ENOUGH) return;
      var most = Math.max.apply(null, best.extra);
      var rows = most > 0 ? card.rows.filter(function (row, i) { return best.extra[i] >= most * 0.5; }) : card.rows;
      var typed = api.normalise(query || found.text).replace(/[^\u3400-\u9fffa-z0-9]/g, "");
      var whole = card.subjects.reduce(function (n, word) {
        word = api.normalise(word);
        return typed.indexOf(word) >= 0 ? Math.max(n, word.length) : n;
      }, 0);
      var entry = { card: card, rows: rows, score: best.share + HELD * whole / Math.max(1, typed.length) };
      if (card.dues) entry.income = income(query);
      out.push(entry);
    });
    out.sort(function (a, b) { return b.score - a.score; });
    return out.filter(function (entry, i) { return i < 2 && entry.score >= out[0].score * SECOND; });
  }

  /** The amount of money a query names (5000, 8千, 1.2万), or null. */
  function income(query) {
    var match = INCOME.exec(api.normalise(query || ""));
    if (!match) return null;
    return parseFloat(match[1]) * (match[2] === "万" ? 10000 : match[2] === "千" ? 1000 : 1);
  }

  /** 党费 a month on ``amount`` by ``bands`` ([above, up_to, rate %]): the rate of the band the
   * amount falls in, applied to the whole amount, rounded half up to ``unit`` (0.01: 分). Mirrors
   * generator/core/schema/dues.py dues_for. */
  function dues(bands, amount, unit) {
    var rate = null;
    bands.forEach(function (band, i) {
      if ((i === 0 || amount > band[0]) && (band[1] === null || amount <= band[1]) && rate === null) rate = band[2];
    });
    if (rate === null) return null;
    var cents = Math.round(amount * 100) * Math.round(rate * 100);   /* 分 × 万分之一 */
    var step = Math.round(unit * 100);
    return { rate: rate, amount: Math.round(cents / 10000 / step) * step / 100 };
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function yuan(value) {
    return String(Math.round(value * 100) / 100);
  }

  function draw(entry) {
    var card = entry.card;
    var box = element("section", "hl-search-card md-typeset");
    box.setAttribute("aria-label", "答案：" + card.title);
    box.appendChild(element("p", "hl-search-card__title", card.title));
    var worked = null;
    if (entry.income !== null && entry.income !== undefined && card.dues) {
      worked = dues(card.dues.bands, entry.income, card.dues.unit);
      if (worked) {
        box.appendChild(element("p", "hl-search-card__answer", card.dues.base + " " + yuan(entry.income) + " 元：每月交 " +
          yuan(worked.amount) + " 元（" + yuan(entry.income) + " × " + worked.rate + "%）"));
      }
    }
    /* With the sum worked out, the whole table folds away behind a tap, so that on a phone the
       results are not a screen or two below the answer. */
    var rest = box;
    if (worked) {
      rest = element("details", "hl-search-card__more");
      rest.appendChild(element("summary", "", "全部比例和特殊情况（" + entry.rows.length + " 行）"));
      box.appendChild(rest);
    }
    var table = element("table", "hl-search-card__table");
    var body = element("tbody");
    var cited = [];
    entry.rows.forEach(function (row) {
      var tr = element("tr");
      tr.appendChild(element("th", "", row[0]));
      var cell = element("td", "", row[1]);
      if (row[2]) cell.appendChild(element("span", "hl-search-card__note", row[2]));
      tr.appendChild(cell);
      body.appendChild(tr);
      if (cited.indexOf(row[3]) < 0) cited.push(row[3]);
    });
    table.appendChild(body);
    rest.appendChild(table);
    card.notes.forEach(function (note) { rest.appendChild(element("p", "hl-search-card__note", note)); });
    var basis = cited.map(function (n) { var s = card.sources[n]; return "《" + s[0] + "》" + s[1]; });
    box.appendChild(element("p", "hl-search-card__source", "依据：" + basis.filter(function (b, i) { return basis.indexOf(b) === i; }).join("；")));
    var more = element("a", "hl-search-card__link", "详见手册：" + card.aspect.title + " →");
    more.href = new URL(card.aspect.url, api.root).href;
    box.appendChild(more);
    return box;
  }

  window.hlSearchCards = {
    matching: matching,
    dues: dues,
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
