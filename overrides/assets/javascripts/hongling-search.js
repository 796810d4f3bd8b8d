/*
 * 站内搜索（hongling-search）：the browser side of generator/search.
 *
 * The index is split at build time: search/meta.js (counts and synonyms), search/s/<n>.js
 * (postings of the tokens whose hash falls in shard n) and search/d/<n>.js (title, place and
 * summary of a run of documents). Each file is loaded through a <script> element the first time a
 * query needs it, so that search works over http and from file:// alike, and a query fetches only
 * the few files it touches, whatever the size of the library.
 *
 * Tokens follow generator/search/tokens.py exactly: pairs of Chinese characters, whole letter and
 * digit words (1+x, 2510), quotation marks dropped, question words (怎么, 如何 …) ignored.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var root = new URL("../../", script.src);
  var indexBase = new URL("search/", root);

  var QUOTES = /["'“”‘’「」『』〝〞]/g;
  var TOKEN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff〇]+|[a-z0-9]+(?:[+\-./·][a-z0-9]+)*/g;
  var PART = /[a-z0-9]{2,}/g;
  var QUESTION_WORDS = ["为什么", "怎么样", "怎么", "怎样", "如何", "什么", "哪些", "哪个", "哪里", "哪儿", "是否", "多长", "多久", "多少"];
  var PAGE = 10;
  var EXACT = 1.5;  /* a document whose whole title is the query ranks above those that mention it */

  function normalise(text) {
    return text.normalize("NFKC").toLowerCase().replace(QUOTES, "");
  }

  function queryText(query) {
    var text = normalise(query);
    QUESTION_WORDS.forEach(function (word) { text = text.split(word).join(" "); });
    return text;
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

  /** Mirrors tokens.title_key: the query's words run together, after "=". */
  function titleKey(text) {
    var words = runs(text).join("");
    return words ? "=" + words : "";
  }

  function fnv1a(token) {
    var value = 0x811c9dc5;
    for (var i = 0; i < token.length; i++) {
      value ^= token.charCodeAt(i);
      value = Math.imul(value, 0x01000193) >>> 0;
    }
    return value >>> 0;
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
    meta: function (meta) { settle("meta.js", meta); },
    shard: function (n, postings) { settle("s/" + n + ".js", postings); },
    docs: function (n, rows) { settle("d/" + n + ".js", rows); }
  };

  /* --- ranking ----------------------------------------------------------------------------- */

  /** The query, and the query with a glossary term put for its alias or an alias for its term. */
  function variants(meta, text) {
    var out = [{ text: text, factor: 1 }];
    function add(word, other) {
      if (text.indexOf(word) >= 0 && text.indexOf(other) < 0 && out.length < 6) {
        out.push({ text: text.split(word).join(" " + other + " "), factor: 0.9, synonym: other });
      }
    }
    meta.synonyms.forEach(function (group) {
      var term = group[0];
      group.slice(1).forEach(function (alias) { add(term, alias); add(alias, term); });
    });
    return out;
  }

  function score(meta, shards, variant, scores) {
    var tokens = distinctTokens(variant.text);
    var known = [];
    var total = 0;
    tokens.forEach(function (token) {
      var entry = shards[fnv1a(token) % meta.shards][token];
      if (!entry) return;
      var idf = Math.log(1 + meta.docs / entry[0]);
      known.push({ idf: idf, postings: entry[1] });
      total += idf;
    });
    if (!known.length) return;
    var exact = Object.create(null);
    var key = titleKey(variant.text);
    var keyed = key && shards[fnv1a(key) % meta.shards][key];
    if (keyed) {
      for (var i = 0, at = 0; i < keyed[1].length; i += 2) { at += keyed[1][i]; exact[at] = true; }
    }
    var sum = Object.create(null), covered = Object.create(null);
    known.forEach(function (token) {
      var postings = token.postings, doc = 0;
      for (var i = 0; i < postings.length; i += 2) {
        doc += postings[i];
        sum[doc] = (sum[doc] || 0) + token.idf * Math.sqrt(postings[i + 1]);
        covered[doc] = (covered[doc] || 0) + token.idf;
      }
    });
    for (var doc in sum) {
      var coverage = covered[doc] / total;
      var value = sum[doc] / total * coverage * coverage * variant.factor * (exact[doc] ? EXACT : 1);
      var previous = scores[doc];
      var complete = coverage > 0.999 || Boolean(previous && previous.complete);
      if (!previous || previous.score < value) scores[doc] = { doc: +doc, score: value, complete: complete };
      else previous.complete = complete;
    }
  }

  /**
   * Ranked results of ``query``: [{doc, score, complete}], best first, and the words to highlight.
   */
  function rank(query) {
    var text = queryText(query);
    return load("meta.js").then(function (meta) {
      var all = variants(meta, text);
      var needed = Object.create(null);
      all.forEach(function (variant) {
        distinctTokens(variant.text).concat([titleKey(variant.text)]).forEach(function (token) {
          if (token) needed[fnv1a(token) % meta.shards] = true;
        });
      });
      var numbers = Object.keys(needed);
      return Promise.all(numbers.map(function (n) { return load("s/" + n + ".js"); })).then(function (loaded) {
        var shards = {};
        numbers.forEach(function (n, i) { shards[n] = loaded[i]; });
        var scores = Object.create(null);
        all.forEach(function (variant) { score(meta, shards, variant, scores); });
        var ranked = Object.keys(scores).map(function (doc) { return scores[doc]; });
        ranked.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
        var words = queryRuns(text).concat(all.slice(1).map(function (v) { return v.synonym; }));
        return { meta: meta, ranked: ranked, words: words };
      });
    });
  }

  function details(meta, docs) {
    var chunks = Object.create(null);
    docs.forEach(function (doc) { chunks[Math.floor(doc / meta.chunk)] = true; });
    var numbers = Object.keys(chunks);
    return Promise.all(numbers.map(function (n) { return load("d/" + n + ".js"); })).then(function (rows) {
      var byChunk = {};
      numbers.forEach(function (n, i) { byChunk[n] = rows[i]; });
      return docs.map(function (doc) {
        var row = byChunk[Math.floor(doc / meta.chunk)][doc % meta.chunk];
        return { url: row[0], title: row[1], crumb: row[2], summary: row[3], headings: row[4] || [] };
      });
    });
  }

  /** The first ``limit`` results of ``query`` with their details: the API tests and benchmarks use. */
  function search(query, limit) {
    return rank(query).then(function (found) {
      var top = found.ranked.slice(0, limit || PAGE);
      return details(found.meta, top.map(function (r) { return r.doc; })).then(function (rows) {
        return rows.map(function (row, i) { row.score = top[i].score; return row; });
      });
    });
  }

  /** The indexing rules, exposed so that tests can hold them to generator/search/tokens.py. */
  function indexTokens(text) {
    var out = [];
    runs(normalise(text)).forEach(function (run) { out = out.concat(runTokens(run)); });
    return out;
  }

  window.hlSearch = {
    search: search,
    rules: { tokens: indexTokens, queryText: queryText, titleKey: function (t) { return titleKey(normalise(t)); }, hash: fnv1a }
  };

  /* --- highlighting ------------------------------------------------------------------------ */

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

  function appendMarked(parent, text, regexp) {
    var last = 0;
    if (regexp) {
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

  function markPage(words) {
    var regexp = pattern(words);
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
      regexp.lastIndex = 0;
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

  /** The heading of a result page that names most of the query, to open the page there; none
   * when the page's title already names all of it. */
  function section(row, words) {
    var title = normalise(row.title);
    if (row.url.indexOf("#") >= 0 || words.every(function (word) { return title.indexOf(word) >= 0; })) return null;
    var best = null, most = 0;
    row.headings.forEach(function (heading) {
      var text = normalise(heading[1]), found = 0;
      words.forEach(function (word) { if (word && text.indexOf(word) >= 0) found += word.length; });
      if (found > most) { best = heading; most = found; }
    });
    return best;
  }

  function link(url, words) {
    var target = new URL(url, root);
    if (words.length) target.search = "?h=" + encodeURIComponent(words.join(" "));
    return target.href;
  }

  function item(row, words, regexp) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    var heading = section(row, words);
    a.href = link(heading ? row.url + "#" + heading[0] : row.url, words);
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    var title = document.createElement(row.url.indexOf("#") < 0 ? "h1" : "h2");
    appendMarked(title, row.title, regexp);
    article.appendChild(icon);
    article.appendChild(title);
    if (row.crumb) {
      var crumb = document.createElement("p");
      crumb.className = "hl-search-crumb";
      crumb.textContent = row.crumb;
      article.appendChild(crumb);
    }
    if (heading) {
      var part = document.createElement("p");
      part.className = "hl-search-section";
      part.appendChild(document.createTextNode("本页小节："));
      appendMarked(part, heading[1], regexp);
      article.appendChild(part);
    }
    if (row.summary) {
      var summary = document.createElement("p");
      appendMarked(summary, row.summary, regexp);
      article.appendChild(summary);
    }
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  function showMore() {
    var start = list.children.length;
    var slice = shown.ranked.slice(start, start + PAGE);
    var run = current;
    return details(shown.meta, slice.map(function (r) { return r.doc; })).then(function (rows) {
      if (run !== current) return;
      var regexp = pattern(shown.words);
      rows.forEach(function (row) { list.appendChild(item(row, shown.words, regexp)); });
      var more = output.querySelector(".hl-search-more");
      if (more) more.remove();
      if (list.children.length < shown.ranked.length) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "md-button hl-search-more";
        button.textContent = "显示更多结果";
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
    meta.textContent = text;
  }

  function run() {
    var query = input.value.trim();
    var mine = ++current;
    if (!query) { clear(hint); return; }
    rank(query).then(function (found) {
      if (mine !== current) return;
      clear("");
      if (!found.ranked.length) { meta.textContent = "没有找到符合条件的结果"; return; }
      var complete = found.ranked.filter(function (r) { return r.complete; }).length;
      meta.textContent = complete
        ? "找到 " + complete + " 个符合条件的结果"
        : "没有完全符合的结果，以下 " + found.ranked.length + " 个结果包含部分词语";
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
    return Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link"));
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
      all[0].click();
    } else if (target !== input && at >= 0 && event.key.length === 1 && !event.isComposing) {
      input.focus();
    }
  });
})();
