/* Printed pages that read as a document.

   Every printed page of the site carries its number (— 3 —) and the page's title as a running
   header: CSS margin boxes (print.css) give the number; the title is added here as a stylesheet
   built in script (allowed by the intranet's Content-Security-Policy, unlike a <style> element).

   Handout print views (pages with <meta name="hl-paged">) and the handout builder go further: the
   content is laid out here into A4 sheets, one printed page each, with a cover, a contents page
   whose page numbers are those of the sheets, page references (，第 5 页) filled in, headings and
   labels kept with what follows, tables and lists split between rows and items (a table's header
   repeated), and a new part (.hl-new-page) starting a new page only when the page before is at
   least half full (.hl-page-break: always, for an answer page to cut off). Chromium does not implement target-counter(), and nothing else tells a page which
   printed page a heading lands on; laying the sheets out ourselves does, exactly, and prints the
   same in any browser. Without script the page prints as a plain flow with numbered pages.

   window.hlPaginate(flow, into, options) is the layout, also used by the builder (builder.js). */
(function () {
  "use strict";

  var FILL_BEFORE_BREAK = 0.55;
  /* A part asking for a new page starts one only when the current page is at least this full. */

  function make(tag, className, text) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (text) element.textContent = text;
    return element;
  }

  function plainText(element) {
    var copy = element.cloneNode(true);
    var links = copy.querySelectorAll(".headerlink");
    for (var i = 0; i < links.length; i++) links[i].parentNode.removeChild(links[i]);
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  /* --- what may not end a page ----------------------------------------------------------- */

  function isLabel(element) {
    /* A bold lead-in on a line of its own (工作要求：) or a table's caption. */
    if (element.tagName !== "P" || element.children.length !== 1) return false;
    var only = element.children[0];
    return only.tagName === "STRONG" && only.textContent.trim() === element.textContent.trim();
  }

  function keepsWith(element, next) {
    if (/^H[1-6]$/.test(element.tagName) || isLabel(element) || element.classList.contains("hl-key")) return true;
    if (!next || !next.classList) return false;
    if (element.classList.contains("hl-question")) {
      return next.classList.contains("hl-option") || next.classList.contains("hl-answer-space");
    }
    return element.classList.contains("hl-option") && next.classList.contains("hl-option");
  }

  /* --- the sheets ------------------------------------------------------------------------ */

  function Pager(into, title) {
    this.into = into;
    this.title = title;
    this.sheets = [];
    this.body = null;
  }

  Pager.prototype.sheet = function (kind) {
    var sheet = make("div", "hl-sheet" + (kind ? " hl-sheet--" + kind : ""));
    sheet.appendChild(make("div", "hl-sheet-head", kind === "cover" ? "" : this.title));
    this.body = sheet.appendChild(make("div", "hl-sheet-body"));
    sheet.appendChild(make("div", "hl-sheet-foot"));
    this.into.appendChild(sheet);
    this.sheets.push(sheet);
    return sheet;
  };

  Pager.prototype.used = function () {
    var last = this.body.lastElementChild;
    if (!last) return 0;
    return last.getBoundingClientRect().bottom - this.body.getBoundingClientRect().top;
  };

  Pager.prototype.fits = function () {
    return this.used() <= this.body.clientHeight + 0.5;
  };

  Pager.prototype.fill = function () {
    return this.used() / this.body.clientHeight;
  };

  Pager.prototype.onlyKept = function () {
    /* True when everything on the sheet waits for what follows (a heading run at its top). */
    var children = this.body.children;
    for (var i = 0; i < children.length; i++) {
      if (!keepsWith(children[i], children[i + 1] || null)) return false;
    }
    return true;
  };

  Pager.prototype.carried = function (next) {
    /* The blocks at the end of the sheet that must go with ``next`` to the next sheet. */
    var carried = [];
    var element = this.body.lastElementChild;
    while (element && keepsWith(element, next)) {
      carried.unshift(element);
      next = element;
      element = element.previousElementSibling;
    }
    if (carried.length === this.body.children.length) return [];
    for (var i = 0; i < carried.length; i++) this.body.removeChild(carried[i]);
    return carried;
  };

  Pager.prototype.place = function (block) {
    var classes = block.classList;
    if (classes && this.body.children.length && (classes.contains("hl-page-break") ||
        classes.contains("hl-new-page") && this.fill() >= FILL_BEFORE_BREAK)) {
      this.sheet();
    }
    while (block) {
      this.body.appendChild(block);
      if (this.fits()) return;
      var rest = split(block, this);
      if (rest === null) {                       /* nothing of it fits on this sheet */
        this.body.removeChild(block);
        if (!this.body.children.length || this.onlyKept()) {
          this.body.appendChild(block);          /* taller than a page and unsplittable: clipped */
          return;
        }
        var carried = this.carried(block);
        this.sheet();
        for (var i = 0; i < carried.length; i++) this.body.appendChild(carried[i]);
        continue;
      }
      this.sheet();
      block = rest;
    }
  };

  /* --- splitting a block between two sheets ----------------------------------------------- */

  var NO_LINE_START = /[，。、；：？！）》〉」』】”’…—,.;:?!)\]]/;
  /* Punctuation that Chinese typesetting never puts at the start of a line. */

  var BLOCKS = /^(P|UL|OL|LI|TABLE|DIV|BLOCKQUOTE|DL|DD|DT|H[1-6])$/;

  function split(block, pager) {
    /* Leave on the sheet the largest head of ``block`` that fits and return the rest as a new
       element, or null when not even a first piece fits. */
    if (/^H[1-6]$/.test(block.tagName) || block.classList.contains("hl-option")) return null;
    if (block.tagName === "TABLE") return splitTable(block, pager);
    for (var i = 0; i < block.children.length; i++) {
      if (BLOCKS.test(block.children[i].tagName)) return splitChildren(block, pager);
    }
    return splitInline(block, pager);
  }

  function splitTable(table, pager) {
    var body = table.tBodies[0];
    if (!body || body.rows.length < 2) return null;
    var moved = [];
    while (!pager.fits() && body.rows.length) moved.unshift(body.removeChild(body.rows[body.rows.length - 1]));
    if (!body.rows.length) {
      for (var i = 0; i < moved.length; i++) body.appendChild(moved[i]);
      return null;
    }
    var rest = table.cloneNode(false);
    if (table.tHead) rest.appendChild(table.tHead.cloneNode(true));
    var restBody = rest.appendChild(body.cloneNode(false));
    for (var j = 0; j < moved.length; j++) restBody.appendChild(moved[j]);
    rest.setAttribute("data-continued", "");
    return rest;
  }

  function splitChildren(element, pager) {
    /* A list, a list item or a container: whole children move to the copy until the element
       fits; then the first child moved comes back in part, if a part of it fits. */
    var rest = element.cloneNode(false);
    rest.removeAttribute("id");
    while (!pager.fits() && element.lastChild) rest.insertBefore(element.removeChild(element.lastChild), rest.firstChild);
    var first = rest.firstElementChild;
    if (first) {
      while (rest.firstChild !== first) element.appendChild(rest.firstChild);
      element.appendChild(first);
      var tail = split(first, pager);
      if (tail) {
        if (tail.tagName === "LI") tail.classList.add("hl-continued-item");
        rest.insertBefore(tail, rest.firstChild);
      } else {
        rest.insertBefore(element.removeChild(first), rest.firstChild);
      }
    }
    if (!element.textContent.trim()) {             /* nothing of it fits: put it back whole */
      while (rest.firstChild) element.appendChild(rest.firstChild);
      return null;
    }
    if (element.tagName === "UL" || element.tagName === "OL") {
      rest.classList.add("hl-continued");
      if (element.tagName === "OL") {
        var start = parseInt(element.getAttribute("start") || "1", 10);
        var continued = rest.firstElementChild && rest.firstElementChild.classList.contains("hl-continued-item");
        rest.setAttribute("start", String(start + element.children.length - (continued ? 1 : 0)));
      }
    }
    return rest;
  }

  function splitInline(element, pager) {
    /* Move child nodes (and, within the last text node, characters) to a copy until the
       element fits. */
    if (!element.firstChild) return null;
    var rest = element.cloneNode(false);
    rest.removeAttribute("id");
    while (!pager.fits() && element.firstChild) rest.insertBefore(element.removeChild(element.lastChild), rest.firstChild);
    var node = rest.firstChild;
    if (node && node.nodeType === 3) {             /* give back as much of the text as fits */
      var text = node.nodeValue;
      var low = 0, high = text.length;
      var probe = document.createTextNode("");
      element.appendChild(probe);
      while (low < high) {
        var middle = Math.ceil((low + high) / 2);
        probe.nodeValue = text.slice(0, middle);
        if (pager.fits()) low = middle; else high = middle - 1;
      }
      while (low > 0 && NO_LINE_START.test(text.charAt(low))) low -= 1;  /* never open a line with ，。 */
      probe.nodeValue = text.slice(0, low);
      if (low === 0) element.removeChild(probe);
      node.nodeValue = text.slice(low);
      if (!node.nodeValue) rest.removeChild(node);
    }
    if (!element.textContent.trim() || !rest.firstChild) {
      while (rest.firstChild) element.appendChild(rest.firstChild);
      return null;
    }
    return rest;
  }

  /* --- a document: cover, contents, body -------------------------------------------------- */

  function flatten(nodes) {
    /* The blocks to lay out: Material's scrolling wrappers around tables are taken off. */
    var out = [];
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      if (node.nodeType !== 1) continue;
      if (node.classList.contains("md-typeset__scrollwrap") || node.classList.contains("md-typeset__table")) {
        out = out.concat(flatten(node.children));
      } else {
        out.push(node);
      }
    }
    return out;
  }

  var runningSheet = null;
  /* The running header of a page printed without sheets; a page that lays out sheets drops it. */

  function paginate(flow, into, options) {
    /* Lay the children of ``flow`` out into sheets appended to ``into``. ``options.cover``:
       elements for a cover sheet; ``options.contents``: the contents list (links to anchors in
       the flow); ``options.title``: the running header. Returns the sheets. */
    options = options || {};
    var started = window.performance ? performance.now() : 0;
    if (runningSheet) {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter(function (s) { return s !== runningSheet; });
      runningSheet = null;
    }
    var pager = new Pager(into, options.title || "");
    var refs = [];
    var links = flow.querySelectorAll("a[href^='#']:not(.headerlink)");
    for (var i = 0; i < links.length; i++) {
      var ref = make("span", "hl-ref");          /* the link and its page stay on one page */
      links[i].parentNode.insertBefore(ref, links[i]);
      ref.appendChild(links[i]);
      var mark = ref.appendChild(make("span", "hl-pageref", "，第 000 页"));
      refs.push([links[i], mark]);
    }
    var entries = [];
    if (options.contents) {
      var toc = options.contents.querySelectorAll("a[href^='#']");
      for (var t = 0; t < toc.length; t++) entries.push([toc[t], toc[t].appendChild(make("span", "hl-toc-page", "000"))]);
    }
    if (options.cover && options.cover.length) {
      pager.sheet("cover");
      for (var c = 0; c < options.cover.length; c++) pager.body.appendChild(options.cover[c]);
    }
    if (options.contents) {
      pager.sheet("contents");
      pager.place(options.contents);
    }
    pager.sheet();
    var blocks = flatten(flow.childNodes);
    for (var b = 0; b < blocks.length; b++) pager.place(blocks[b]);
    var sheets = pager.sheets;
    if (sheets.length > 1 && !sheets[sheets.length - 1].querySelector(".hl-sheet-body").children.length) {
      into.removeChild(sheets.pop());
    }
    for (var n = 0; n < sheets.length; n++) {
      sheets[n].querySelector(".hl-sheet-foot").textContent = "— " + (n + 1) + " —";
      sheets[n].setAttribute("data-page", String(n + 1));
    }
    var pageOf = function (link) {
      var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      var sheet = target && target.closest ? target.closest(".hl-sheet") : null;
      return sheet ? sheet.getAttribute("data-page") : "";
    };
    for (var e = 0; e < entries.length; e++) entries[e][1].textContent = pageOf(entries[e][0]);
    for (var r = 0; r < refs.length; r++) {
      var page = pageOf(refs[r][0]);
      if (page) refs[r][1].textContent = "，第 " + page + " 页"; else refs[r][1].parentNode.removeChild(refs[r][1]);
    }
    if (started) into.setAttribute("data-layout-ms", String(Math.round(performance.now() - started)));
    return sheets;
  }

  window.hlPaginate = paginate;

  /* --- the print view of a handout ------------------------------------------------------- */

  function printView() {
    var article = document.querySelector("article.md-content__inner");
    if (!article || article.querySelector(".hl-sheets")) return;
    var heading = article.querySelector("h1");
    var title = heading ? plainText(heading) : document.title;
    var cover = [];
    var contents = null;
    var flow = make("div", "hl-flow");
    var nodes = Array.prototype.slice.call(article.childNodes);
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      if (node.nodeType !== 1) continue;
      if (node.classList.contains("hl-toolbar") || node.classList.contains("hl-source") || node.tagName === "A" &&
          node.classList.contains("md-content__button")) continue;
      if (node === heading || node.classList.contains("hl-subtitle") || node.classList.contains("hl-cover")) {
        cover.push(node);
      } else if (node.classList.contains("hl-contents")) {
        contents = node;
      } else {
        flow.appendChild(node);
      }
    }
    if (!article.querySelector(".hl-cover")) {     /* an answer key: its title opens the first page */
      for (var c = cover.length - 1; c >= 0; c--) flow.insertBefore(cover[c], flow.firstChild);
      cover = [];
    }
    var sheets = make("div", "hl-sheets");
    article.appendChild(sheets);
    document.documentElement.classList.add("hl-paged");
    paginate(flow, sheets, {title: title, cover: cover, contents: contents});
    document.documentElement.classList.add("hl-paged-done");
  }

  /* --- the running header of every other printed page ------------------------------------ */

  function runningHeader() {
    if (document.querySelector("meta[name='hl-paged']")) return;
    var heading = document.querySelector("article.md-content__inner h1");
    if (!heading || typeof CSSStyleSheet !== "function" || !("adoptedStyleSheets" in document)) return;
    var text = plainText(heading).replace(/\\/g, "\\\\").replace(/"/g, "\\\"").replace(/[\r\n]+/g, " ");
    try {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync("@media print { @page { @top-center { content: \"" + text + "\"; } } }");
      document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);
      runningSheet = sheet;
    } catch (error) {
      /* an old browser: pages keep their numbers, without the header */
    }
  }

  function start() {
    runningHeader();
    if (document.querySelector("meta[name='hl-paged']")) {
      if (document.fonts && document.fonts.ready) document.fonts.ready.then(printView); else printView();
    }
  }

  window.addEventListener("beforeprint", function () {
    if (document.querySelector("meta[name='hl-paged']")) printView();
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
