/*
 * 站内搜索（hongling-search）：the browser side of generator/search — finding and ranking.
 * Typing slips are put right in hongling-search-slips.js, the passage a result shows is chosen in
 * hongling-search-snippet.js, answer cards are in hongling-search-cards.js, and the search box and
 * result list in hongling-search-ui.js; they are loaded after this file and use window.hlSearch.
 *
 * The index is split at build time (see generator/search/index.py): search/meta.js (counts, query
 * rules, synonyms, answer cards), search/s/<n>.js (postings of the tokens whose hash falls in
 * shard n), search/d/<n>.js (title, place, headings and passages of a group of documents), and
 * the pinyin tables search/py.js and search/p/<n>.js. Each file is loaded through a <script>
 * element the first time a query needs it, so that search works over http and from file://
 * alike, and a query fetches only the few files it touches, whatever the size of the library.
 *
 * Tokens follow generator/search/tokens.py exactly, and queries generator/search/query.py: pairs
 * of Chinese characters, whole letter and digit words (1+x, 2510), quotation marks dropped,
 * question words ignored, intent words (流程, 多少, 多久, 什么是 …) taken out and used to steer.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var root = new URL("../../", script.src);
  var indexBase = new URL("search/", root);

  var QUOTES = /["'“”‘’「」『』〝〞]/g;
  var TOKEN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff〇]+|[a-z0-9]+(?:[+\-./·][a-z0-9]+)*/g;
  var PART = /[a-z0-9]{2,}/g;
  var HAN = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff〇]/;
  var SCALE = 100;        /* stored weights are the saturated BM25F weight × 100 (weights.py) ... */
  var NAMED = 128;        /* ... plus 128 when the token is in the document's title or aliases */
  var NAME = 1;           /* a page whose name holds all of the query's words weighs 1 + NAME times more */
  var WORDING = 0.3;      /* weight of a query word that names nothing in the library (谁来, 准备 …) */
  var HELD = 1;           /* a page whose name the query holds, 1 + HELD × the name's share of the query */
  var EXACT = 1;          /* ... and EXACT more when the query is that whole name (两新, 红帆领航): a page is
                             what its name says, even one that weighs less (a glossary entry, a course) */
  var SEAM = 0.1;         /* a pair this much rarer than the pairs beside it spans two words (党费|交) */
  var SYNONYM = 0.9;      /* the query with another name of its thing put in */
  var AS_TYPED = 0.8;     /* the query as typed, when a typing slip was corrected */
  var CUT = 0.12;         /* results scoring under this share of the first are left out */

  function normalise(text) {
    return text.normalize("NFKC").toLowerCase().replace(QUOTES, "");
  }

  function runs(text) {
    return text.match(TOKEN) || [];
  }

  function runTokens(run) {
    if (/^[a-z0-9]/.test(run)) {
      var parts = run.match(PART) || [];
      return [run].concat(parts.filter(function (p) { return p !== run; }));
    }
    if (run.length === 1) return [run];
    var pairs = [];
    for (var i = 0; i + 1 < run.length; i++) pairs.push(run.slice(i, i + 2));
    return pairs;
  }

  /** The runs a query searches for: a lone character left between question words (从哪里来 → 来)
   * is dropped when longer runs remain. */
  function queryRuns(text) {
    var all = runs(text);
    var longer = all.filter(function (run) { return run.length > 1; });
    return longer.length ? longer : all;
  }

  function distinctTokens(text) {
    var seen = Object.create(null), out = [];
    queryRuns(text).forEach(function (run) {
      runTokens(run).forEach(function (token) {
        if (!seen[token]) { seen[token] = true; out.push(token); }
      });
    });
    return out;
  }

  /** Mirrors tokens.name_key: the words run together. */
  function nameKey(text) {
    return runs(text).join("");
  }

  function fnv1a(token) {
    var value = 0x811c9dc5;
    for (var i = 0; i < token.length; i++) {
      value ^= token.charCodeAt(i);
      value = Math.imul(value, 0x01000193) >>> 0;
    }
    return value >>> 0;
  }

  /** Mirrors query.parse: question and intent words out, the intents kept. */
  function parse(meta, query) {
    var normal = normalise(query), text = normal, found = [];
    meta.words.forEach(function (entry) {
      if (text.indexOf(entry[0]) < 0) return;
      text = text.split(entry[0]).join(" ");
      if (entry[1] && found.indexOf(entry[1]) < 0) found.push(entry[1]);
    });
    if (!runs(text).length) return { text: normal, intents: [] };
    var order = Object.keys(meta.intents);
    found.sort(function (a, b) { return order.indexOf(a) - order.indexOf(b); });
    return { text: text, intents: found };
  }

  /* --- loading index files through <script> ------------------------------------------------ */

  var pending = Object.create(null);

  function load(name) {
    if (pending[name]) return pending[name].promise;
    var entry = {};
    entry.promise = new Promise(function (resolve, reject) { entry.resolve = resolve; entry.reject = reject; });
    pending[name] = entry;
    var element = document.createElement("script");
    element.src = new URL(name, indexBase).href;
    element.async = true;
    element.onerror = function () {
      delete pending[name];
      entry.reject(new Error("搜索索引文件无法读取：search/" + name));
    };
    document.head.appendChild(element);
    return entry.promise;
  }

  function settle(name, value) {
    if (pending[name]) pending[name].resolve(value);
  }

  window.__hlSearch = {
    meta: function (meta) {
      var starts = [], at = 0;
      meta.groups.forEach(function (size) { starts.push(at); at += size; });
      meta.starts = starts;
      settle("meta.js", meta);
    },
    shard: function (n, postings) { settle("s/" + n + ".js", postings); },
    docs: function (n, rows) { settle("d/" + n + ".js", rows); },
    sounds: function (n, pairs) { settle("p/" + n + ".js", pairs); },
    pinyin: function (table) {
      var readings = Object.create(null);
      Object.keys(table).forEach(function (reading) {
        var chars = table[reading];
        for (var i = 0; i < chars.length; i++) (readings[chars[i]] = readings[chars[i]] || []).push(reading);
      });
      settle("py.js", readings);
    }
  };

  /** The postings of ``tokens``: {token: [df, postings]}, loading the shards not loaded yet. */
  function postings(meta, tokens) {
    var numbers = [];
    tokens.forEach(function (token) {
      var n = fnv1a(token) % meta.shards;
      if (numbers.indexOf(n) < 0) numbers.push(n);
    });
    return Promise.all(numbers.map(function (n) { return load("s/" + n + ".js"); })).then(function (shards) {
      var found = Object.create(null);
      tokens.forEach(function (token) {
        var entry = shards[numbers.indexOf(fnv1a(token) % meta.shards)][token];
        if (entry) found[token] = entry;
      });
      return found;
    });
  }

  /* --- ranking ----------------------------------------------------------------------------- */

  /** The query, and the query with a name put for another name of its thing: a glossary term for
   * its alias and back, a title for a reader's everyday word (入党 → 发展党员). */
  function variants(meta, text, factor) {
    var out = [{ text: text, factor: factor }];
    function add(word, other) {
      if (text.indexOf(word) >= 0 && text.indexOf(other) < 0 && out.length < 6) {
        out.push({ text: text.split(word).join(" " + other + " "), factor: factor * SYNONYM, synonym: other });
      }
    }
    meta.synonyms.forEach(function (group) {
      var term = group[0];
      group.slice(1).forEach(function (alias) { add(term, alias); add(alias, term); });
    });
    meta.everyday.forEach(function (pair) { add(pair[0], pair[1]); });
    return out;
  }

  /** The distinct tokens of ``text`` that the index holds, without the pairs that span the seam
   * between two words. A seam is where a name the index knows (a title or alias) begins or ends
   * in the query (组织生活会|一年: 会一 is no word here), or a pair in no name and far rarer than the
   * pairs beside it (党费|交: 费交 is found only where the two words happen to meet, and would
   * outweigh both; in a name, 交党费 or 党费交纳, it is a word). */
  function keptTokens(text, found) {
    var seen = Object.create(null), out = [];
    var df = function (token) { return found[token] ? found[token][0] : 0; };
    queryRuns(text).forEach(function (run) {
      var tokens = runTokens(run), han = HAN.test(run), seams = han ? nameSeams(run, found) : {};
      tokens.forEach(function (token, i) {
        if (seen[token] || !df(token) || seams[i + 1]) return;
        var beside = han ? [tokens[i - 1], tokens[i + 1]].filter(function (t) { return t && df(t); }) : [];
        if (beside.length && !names(found[token]) && df(token) < SEAM * Math.min.apply(null, beside.map(df))) return;
        seen[token] = true;
        out.push(token);
      });
    });
    return out;
  }

  /** Positions in a run of Chinese characters where a known name begins or ends, the longest
   * names taken first: {position: true}. */
  function nameSeams(run, found) {
    var spans = [];
    for (var i = 0; i + 1 < run.length; i++) {
      var entry = found[run.slice(i, i + 2)];
      (entry && entry[2] || []).forEach(function (name) {
        if (name[0].length > 2 && run.substr(i, name[0].length) === name[0]) spans.push([i, i + name[0].length]);
      });
    }
    spans.sort(function (a, b) { return (b[1] - b[0]) - (a[1] - a[0]) || a[0] - b[0]; });
    var taken = [], seams = Object.create(null);
    spans.forEach(function (span) {
      if (taken.some(function (t) { return span[0] < t[1] && t[0] < span[1]; })) return;
      taken.push(span);
      if (span[0] > 0) seams[span[0]] = true;
      if (span[1] < run.length) seams[span[1]] = true;
    });
    return seams;
  }

  /** Typed arrays over every document, reused by each variant of a query: a query touches
   * thousands of postings at 11,000 pages, and plain objects keyed by number are slow for that. */
  function Board(count) {
    this.best = new Float64Array(count);
    this.sum = new Float64Array(count);
    this.covered = new Float64Array(count);
    this.named = new Float64Array(count);
    this.touched = [];
    this.mark = new Uint8Array(count);
    this.hits = [];
    this.hit = new Uint8Array(count);
  }

  /** Absolute document numbers of a posting list (decoded once per loaded entry). */
  function decoded(entry) {
    if (!entry.docs) {
      var list = entry[1], docs = new Int32Array(list.length / 2), at = 0;
      for (var i = 0; i < list.length; i += 2) { at += list[i]; docs[i / 2] = at; }
      entry.docs = docs;
    }
    return entry.docs;
  }

  function score(meta, found, variant, board, idf) {
    var tokens = keptTokens(variant.text, found);
    var known = [];
    var total = 0;
    tokens.forEach(function (token) {
      var entry = found[token];
      if (!entry) return;
      var weight = Math.log(1 + meta.docs / entry[0]) * (names(entry) ? 1 : WORDING);
      idf[token] = weight;
      known.push({ idf: weight, entry: entry });
      total += weight;
    });
    if (!known.length) return;
    var held = heldNames(found, variant);
    var sum = board.sum, covered = board.covered, named = board.named, touched = board.touched;
    known.forEach(function (token) {
      var docs = decoded(token.entry), list = token.entry[1], weight = token.idf;
      for (var i = 0; i < docs.length; i++) {
        var doc = docs[i], stored = list[2 * i + 1];
        if (!board.mark[doc]) { board.mark[doc] = 1; touched.push(doc); }
        if (stored >= NAMED) { stored -= NAMED; named[doc] += weight; }
        sum[doc] += weight * stored / SCALE;
        covered[doc] += weight;
      }
    });
    for (var t = 0; t < touched.length; t++) {
      var doc = touched[t];
      var coverage = covered[doc] / total, naming = named[doc] / total;
      var value = sum[doc] / total * coverage * variant.factor *
                  (1 + NAME * naming * naming + HELD * (held[doc] || 0) + (held[doc] === 1 ? EXACT : 0));
      if (value > board.best[doc]) {
        if (!board.hit[doc]) { board.hit[doc] = 1; board.hits.push(doc); }
        board.best[doc] = value;
      }
      sum[doc] = covered[doc] = named[doc] = 0;
      board.mark[doc] = 0;
    }
    touched.length = 0;
  }

  /** Documents whose name (title or alias) the query holds → the name's share of what was typed:
   * 组织生活会一年开几次 holds 组织生活会, half of it. Names are filed under their first token. */
  function heldNames(found, variant) {
    var words = variant.words || nameKey(variant.text), held = Object.create(null);
    distinctTokens(variant.text).forEach(function (token) {
      var entry = found[token];
      if (!entry || !entry[2]) return;
      entry[2].forEach(function (name) {
        if (words.indexOf(name[0]) < 0) return;
        var share = Math.min(1, name[0].length / variant.typed);
        name[1].forEach(function (doc) { held[doc] = Math.max(held[doc] || 0, share); });
      });
    });
    return held;
  }

  /** Whether a token is in the name (title or aliases) of any document: a word of the library's
   * subjects, not of the question's wording. A library is about its own words, so they are common
   * in it and weigh little by rarity alone (党费 is on most handbook pages, 谁来 on two). */
  function names(entry) {
    if (entry.named === undefined) {
      entry.named = false;
      for (var i = 1; i < entry[1].length; i += 2) if (entry[1][i] >= NAMED) { entry.named = true; break; }
    }
    return entry.named;
  }

  function needed(list) {
    var tokens = [];
    list.forEach(function (variant) {
      distinctTokens(variant.text).forEach(function (token) {
        if (token && tokens.indexOf(token) < 0) tokens.push(token);
      });
    });
    return tokens;
  }

  /**
   * Ranked results of ``query``: {ranked: [{doc, score}], words to highlight, the query's intents,
   * the corrected query if a typing slip was put right, the weight of each token, the texts of the
   * query's variants}.
   */
  function rank(query) {
    return load("meta.js").then(function (meta) {
      var parsed = parse(meta, query);
      return postings(meta, needed([parsed])).then(function (found) {
        var slips = window.hlSearch.slips;
        return (slips ? slips.correct(meta, parsed.text, found) : Promise.resolve(null)).then(function (fix) {
          var typed = normalise(query), text = parsed.text;
          if (fix) {
            fix.changes.forEach(function (c) { typed = typed.split(c[0]).join(c[1]); });
            text = fix.text;
          }
          var all = variants(meta, text, 1).concat(fix ? variants(meta, parsed.text, AS_TYPED) : []);
          var words = nameKey(typed);
          all.forEach(function (variant) { variant.typed = Math.max(1, words.length); });
          all[0].words = words;  /* a name may hold the question's words (入党流程) */
          var tokens = needed(all).concat(parsed.intents.map(function (name) { return "#" + name; }));
          return postings(meta, tokens).then(function (found) {
            var board = new Board(meta.docs), idf = Object.create(null);
            all.forEach(function (variant) { score(meta, found, variant, board, idf); });
            parsed.intents.forEach(function (name) {
              var entry = found["#" + name], boost = meta.intents[name][0];
              if (!entry) return;
              var docs = decoded(entry);
              for (var i = 0; i < docs.length; i++) board.best[docs[i]] *= boost;
            });
            var ranked = board.hits.map(function (doc) { return { doc: doc, score: board.best[doc] }; });
            ranked.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
            if (ranked.length) {
              var floor = ranked[0].score * CUT;
              ranked = ranked.filter(function (r) { return r.score >= floor; });
            }
            var marked = queryRuns(text);
            all.forEach(function (v) { if (v.synonym && marked.indexOf(v.synonym) < 0) marked.push(v.synonym); });
            return { meta: meta, ranked: ranked, words: marked, intents: parsed.intents, corrected: fix ? typed : null,
                     idf: idf, text: text, variants: all.map(function (v) { return v.text; }) };
          });
        });
      });
    });
  }

  function group(meta, doc) {
    var low = 0, high = meta.starts.length - 1;
    while (low < high) {
      var mid = (low + high + 1) >> 1;
      if (meta.starts[mid] <= doc) low = mid; else high = mid - 1;
    }
    return low;
  }

  /** What the result list shows of ``docs``: [{url, title, crumb, label, headings, passages}]. */
  function details(meta, docs) {
    var numbers = [];
    docs.forEach(function (doc) { var n = group(meta, doc); if (numbers.indexOf(n) < 0) numbers.push(n); });
    return Promise.all(numbers.map(function (n) { return load("d/" + n + ".js"); })).then(function (groups) {
      return docs.map(function (doc) {
        var n = group(meta, doc);
        var row = groups[numbers.indexOf(n)][doc - meta.starts[n]];
        var passages = [];
        for (var i = 0; i < row[5].length; i += 2) passages.push({ heading: row[5][i], text: row[5][i + 1] });
        return { doc: doc, url: row[0], title: row[1], crumb: row[2], label: meta.labels[row[3]],
                 headings: row[4], passages: passages, lead: passages[row[6]] || null };
      });
    });
  }

  /** The first ``limit`` results of ``query`` as the list shows them: the API tests and benchmarks use. */
  function search(query, limit) {
    return rank(query).then(function (found) {
      var top = found.ranked.slice(0, limit || 10);
      return details(found.meta, top.map(function (r) { return r.doc; })).then(function (rows) {
        return rows.map(function (row, i) { var out = window.hlSearch.present(row, found); out.score = top[i].score; return out; });
      });
    });
  }

  /** The indexing rules, exposed so that tests can hold them to generator/search. */
  function indexTokens(text) {
    var out = [];
    runs(normalise(text)).forEach(function (run) { out = out.concat(runTokens(run)); });
    return out;
  }

  window.hlSearch = {
    root: root,
    search: search,
    rank: rank,
    details: details,
    normalise: normalise,
    meta: function () { return load("meta.js"); },
    /* for the other parts of the search (hongling-search-slips.js, -snippet.js): */
    parts: { load: load, queryRuns: queryRuns, distinctTokens: distinctTokens, fnv1a: fnv1a, han: HAN, named: names },
    rules: {
      tokens: indexTokens,
      parse: function (query) { return load("meta.js").then(function (meta) { return parse(meta, query); }); },
      nameKey: function (t) { return nameKey(normalise(t)); },
      hash: fnv1a
    }
  };
})();
