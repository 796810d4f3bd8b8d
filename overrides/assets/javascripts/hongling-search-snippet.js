/*
 * 站内搜索（hongling-search）：what a result shows: the passage that best matches the query, cut around
 * its first matching word, the section it sits under (where the result opens), and the pattern that
 * marks the query's words.
 * Part of the browser side of generator/search; loaded after hongling-search.js (window.hlSearch).
 */
(function () {
  "use strict";

  var api = window.hlSearch;
  if (!api) return;
  var normalise = api.normalise;

  var SNIPPET = 110;    /* characters shown of a long passage, around its first matching word */
  var TERSE = 15;       /* a passage shorter than this (a step's title, a table header) says less */

  /** The passage of ``row`` that best matches the query: most of its words by weight, holding the
   * kind of answer the query asks for (a number of months), under a heading of the query's intent
   * or one that names its words. A page named by the query and asked
   * nothing more of is shown by its first real paragraph, as is a page no passage of which matches. */
  function passage(row, found) {
    var meta = found.meta, best = null, most = 0;
    var title = normalise(row.title);
    var named = found.words.every(function (word) { return title.indexOf(word) >= 0; });
    if (named && !found.intents.length && row.lead) return row.lead;
    var steer = [], kinds = [];
    found.intents.forEach(function (name) {
      steer = steer.concat(meta.intents[name][1]);
      if (meta.intents[name][2]) kinds.push(new RegExp(meta.intents[name][2]));
    });
    row.passages.forEach(function (p) {
      var text = normalise(p.text), value = 0;
      Object.keys(found.idf).forEach(function (token) { if (text.indexOf(token) >= 0) value += found.idf[token]; });
      if (!value) return;
      if (p.text.length < TERSE) value *= 0.6;
      if (kinds.some(function (kind) { return kind.test(p.text); })) value *= 1.5;
      var heading = p.heading >= 0 && row.headings[p.heading] ? normalise(row.headings[p.heading][1]) : "";
      if (heading && steer.some(function (word) { return heading.indexOf(word) >= 0; })) value *= 1.5;
      if (heading && found.words.some(function (word) { return heading.indexOf(word) >= 0; })) value *= 1.3;
      if (value > most) { best = p; most = value; }
    });
    return best || row.lead || row.passages[0] || null;
  }

  /** ``text`` cut to about SNIPPET characters around the first place ``regexp`` matches. */
  function excerpt(text, regexp) {
    if (text.length <= SNIPPET) return text;
    var at = 0;
    if (regexp) {
      regexp.lastIndex = 0;
      var match = regexp.exec(text);
      if (match) at = Math.max(0, match.index - 30);
    }
    var end = Math.min(text.length, at + SNIPPET);
    at = Math.max(0, end - SNIPPET);
    return (at > 0 ? "…" : "") + text.slice(at, end) + (end < text.length ? "…" : "");
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /** A pattern for ``words`` in text that still has its quotation marks (红色“联”动力). */
  function pattern(words) {
    var parts = [];
    words.forEach(function (word) {
      if (!word) return;
      parts.push(word.split("").map(escapeRegExp).join("[\"'“”‘’「」『』]?"));
    });
    if (!parts.length) return null;
    parts.sort(function (a, b) { return b.length - a.length; });
    return new RegExp(parts.join("|"), "gi");
  }

  /** A result as the list shows it: where it opens, the section, the snippet. */
  function present(row, found) {
    var best = passage(row, found);
    var heading = best && best.heading >= 0 ? row.headings[best.heading] : null;
    var title = normalise(row.title);
    var named = found.words.every(function (word) { return title.indexOf(word) >= 0; });
    var open = row.url.indexOf("#") < 0 && heading && (!named || found.intents.length) ? heading : null;
    return { url: open ? row.url + "#" + open[0] : row.url, page: row.url, title: row.title, crumb: row.crumb,
             label: row.label, section: open ? open[1] : "", snippet: best ? excerpt(best.text, pattern(found.words)) : "" };
  }

  api.present = present;
  api.pattern = pattern;
})();
