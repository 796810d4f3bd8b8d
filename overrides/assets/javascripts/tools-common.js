/* Shared by the handbook's working tools (tools-*.js, checklists.js): the page's JSON data,
   labelled controls, exact decimal arithmetic, calendar dates and file downloads.
   Plain ES2017 loaded with <script src>: works over http and from file://, requests nothing. */
(function () {
  "use strict";
  var H = window.HonglingTools = window.HonglingTools || {};

  /* The JSON block the generator wrote into the page (<script type="application/json" id=…>). */
  H.data = function (id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  };

  /* An element with attributes and children (strings become text, never HTML). */
  H.el = function (tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name.slice(0, 2) === "on") node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  };

  /* A labelled control: <label for=id>text</label> followed by the control, in one .hl-field. */
  H.field = function (label, control, hint) {
    return H.el("div", { "class": "hl-field" }, [
      H.el("label", { "for": control.id, text: label }), control,
      hint ? H.el("span", { "class": "hl-field-hint", id: control.id + "-hint", text: hint }) : null
    ]);
  };

  /* Run once the page is there (Material's document$ when it offers one). */
  H.ready = function (start) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(start);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start);
    } else {
      start();
    }
  };

  /* --- exact decimals: {n: integer, s: digits after the point}; no floating point anywhere --- */

  var FULL_WIDTH = /[\uff10-\uff19\uff0e]/g;

  H.dec = {
    /* "10,001", "１００００．５", "6000元" → {n, s}; null when it is not a plain amount. */
    parse: function (text) {
      var clean = String(text).replace(FULL_WIDTH, function (ch) {
        return ch === "\uff0e" ? "." : String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
      }).replace(/[,，\s]/g, "").replace(/元$/, "");
      var match = /^(\d+)(?:\.(\d+))?$/.exec(clean);
      if (!match || clean.length > 15) return null;
      var fraction = match[2] || "";
      return { n: parseInt(match[1] + fraction, 10), s: fraction.length };
    },
    scaled: function (a, s) { return a.n * Math.pow(10, s - a.s); },
    cmp: function (a, b) {
      var s = Math.max(a.s, b.s), x = H.dec.scaled(a, s), y = H.dec.scaled(b, s);
      return x < y ? -1 : x > y ? 1 : 0;
    },
    mul: function (a, b) { return { n: a.n * b.n, s: a.s + b.s }; },
    /* a divided by 10^k (a per cent is k = 2). */
    shift: function (a, k) { return { n: a.n, s: a.s + k }; },
    /* Rounded half up to ``places`` digits (amounts are never negative). */
    round: function (a, places) {
      if (a.s <= places) return { n: H.dec.scaled(a, places), s: places };
      var unit = Math.pow(10, a.s - places);
      return { n: Math.floor((a.n + unit / 2) / unit), s: places };
    },
    /* As text: with exactly ``places`` digits, or with trailing zeros dropped. */
    format: function (a, places) {
      var digits = String(a.n), s = a.s;
      while (digits.length <= s) digits = "0" + digits;
      var whole = digits.slice(0, digits.length - s), fraction = digits.slice(digits.length - s);
      if (places === undefined) fraction = fraction.replace(/0+$/, "");
      else while (fraction.length < places) fraction += "0";
      return fraction ? whole + "." + fraction : whole;
    }
  };

  /* --- calendar dates as "YYYY-MM-DD" (what <input type=date> gives) --- */

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  H.date = {
    valid: function (iso) { return /^\d{4}-\d{2}-\d{2}$/.test(iso || "") && H.date.format(H.date.parse(iso)) === iso; },
    parse: function (iso) { var p = iso.split("-"); return new Date(Date.UTC(+p[0], +p[1] - 1, +p[2])); },
    format: function (d) { return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()); },
    of: function (year, month, day) { return H.date.format(new Date(Date.UTC(year, month - 1, day))); },
    daysIn: function (year, month) { return new Date(Date.UTC(year, month, 0)).getUTCDate(); },
    /* Calendar addition: months keep the day of the month, or the month's last day when it is
       shorter (01-31 + 1个月 = 02-28 or 02-29); then days. */
    add: function (iso, months, days) {
      var d = H.date.parse(iso), total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
      var year = Math.floor(total / 12), month = total % 12 + 1;
      var day = Math.min(d.getUTCDate(), H.date.daysIn(year, month));
      return H.date.format(new Date(Date.UTC(year, month - 1, day + days)));
    },
    /* The n-th (1-4, or 5 for the last) weekday (0 Sunday … 6 Saturday) of a month. */
    nth: function (year, month, n, weekday) {
      if (n === 5) {
        var last = H.date.daysIn(year, month), lastDay = new Date(Date.UTC(year, month - 1, last)).getUTCDay();
        return H.date.of(year, month, last - ((lastDay - weekday + 7) % 7));
      }
      var first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
      return H.date.of(year, month, 1 + ((weekday - first + 7) % 7) + (n - 1) * 7);
    },
    words: function (iso) { var p = iso.split("-"); return +p[0] + "年" + +p[1] + "月" + +p[2] + "日"; }
  };

  /* A file made in the page and saved by the browser (a Blob URL: works from file:// too). */
  H.download = function (name, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = H.el("a", { href: url, download: name, "class": "hl-hidden" });
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(url); link.remove(); }, 1000);
  };

  /* A print button for a tool (the page's own print styles keep only what prints well). */
  H.printButton = function (label) {
    return H.el("button", { type: "button", "class": "md-button hl-tool-print", text: label || "打印",
                            onclick: function () { window.print(); } });
  };
})();
