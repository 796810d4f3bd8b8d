/*
 * 站内搜索（hongling-search）：typing slips. A reader who types with a pinyin input method may pick the
 * wrong character of the right sound (党废 for 党费): a pair of characters that (almost) no page
 * holds is replaced by the commonest pair of the same sound among the index's names, from the
 * pinyin tables search/py.js and search/p/<n>.js (generator/search/homophones.py).
 * Part of the browser side of generator/search; loaded after hongling-search.js (window.hlSearch).
 */
(function () {
  "use strict";

  var api = window.hlSearch;
  if (!api) return;
  var load = api.parts.load, queryRuns = api.parts.queryRuns, fnv1a = api.parts.fnv1a, HAN = api.parts.han, named = api.parts.named;
  var RARE = 1;           /* a pair of characters in at most this many documents may be a typing slip */
  var SLIP_GAIN = 10;     /* ... when a pair of the same sound is in this many times more */

  /** ``text`` with each pair of characters that (almost) no page holds replaced by the commonest
   * pair of the same sound, where the characters changed are not needed by a pair that is fine:
   * 党废 → 党费, 三会一刻 → 三会一课. A pair in the name of a page (a title, an alias, an everyday
   * word such as 外卖小哥) is a word of the library, however rare, and is never taken for a slip.
   * Resolves to null when nothing needs or can be put right. */
  function correct(meta, text, found) {
    var df = function (pair) { return found[pair] ? (named(found[pair]) ? Infinity : found[pair][0]) : 0; };
    var suspects = [];
    queryRuns(text).forEach(function (run) {
      if (run.length < 2 || !HAN.test(run)) return;
      for (var i = 0; i + 1 < run.length; i++) {
        if (df(run.slice(i, i + 2)) <= RARE) suspects.push({ run: run, at: i });
      }
    });
    if (!suspects.length) return Promise.resolve(null);
    return load("py.js").then(function (readings) {
      var keys = Object.create(null);
      suspects.forEach(function (s) { s.keys = spellings(readings, s.run.slice(s.at, s.at + 2)); s.keys.forEach(function (k) { keys[k] = true; }); });
      var names = Object.keys(keys);
      var numbers = [];
      names.forEach(function (k) { var n = fnv1a(k) % meta.sounds; if (numbers.indexOf(n) < 0) numbers.push(n); });
      return Promise.all(numbers.map(function (n) { return load("p/" + n + ".js"); })).then(function (shards) {
        var sounds = function (key) { return shards[numbers.indexOf(fnv1a(key) % meta.sounds)][key] || []; };
        var fixed = Object.create(null), changes = [];
        suspects.forEach(function (s) {
          var chars = (fixed[s.run] || s.run).split(""), i = s.at;
          var pair = chars[i] + chars[i + 1];
          if (pair !== s.run.slice(i, i + 2)) return;  /* already changed by the fix of its neighbour */
          var free = [i === 0 || df(s.run.slice(i - 1, i + 1)) <= RARE,
                      i + 2 === chars.length || df(s.run.slice(i + 1, i + 3)) <= RARE];
          var best = null, need = Math.max(2, SLIP_GAIN * df(pair));
          s.keys.forEach(function (key) {
            var list = sounds(key);
            for (var j = 0; j < list.length; j += 2) {
              var other = list[j], count = list[j + 1];
              if (other === pair || count < need || (!free[0] && other[0] !== pair[0]) || (!free[1] && other[1] !== pair[1])) continue;
              if (other[0] !== pair[0] && other[1] !== pair[1]) continue;  /* a slip is one character, not two */
              if (!best || count > best.count) best = { pair: other, count: count };
            }
          });
          if (!best) return;
          chars[i] = best.pair[0];
          chars[i + 1] = best.pair[1];
          fixed[s.run] = chars.join("");
        });
        Object.keys(fixed).forEach(function (run) { changes.push([run, fixed[run]]); });
        if (!changes.length) return null;
        var out = text;
        changes.forEach(function (c) { out = out.split(c[0]).join(c[1]); });
        return { text: out, changes: changes };
      });
    });
  }

  /** Toneless spellings of a pair, every reading of each character (at most 3 × 3). */
  function spellings(readings, pair) {
    var out = [];
    (readings[pair[0]] || []).forEach(function (a) {
      (readings[pair[1]] || []).forEach(function (b) { out.push(a + " " + b); });
    });
    return out;
  }

  api.slips = { correct: correct };
})();
