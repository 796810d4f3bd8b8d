/* The 党费 calculator on the 党费收缴 page: monthly income → band, rate and amount, with the rule
   applied in words. Every bound, rate, case and the rounding unit come from the page's JSON
   (#hl-dues-data, written from the aspect's ``dues`` table); arithmetic is exact (H.dec). */
(function () {
  "use strict";
  var H = window.HonglingTools;

  /* The band an income falls in: above its lower bound (none for the first) and up to its upper. */
  function bandOf(bands, income) {
    for (var i = 0; i < bands.length; i++) {
      var b = bands[i];
      var lowOk = i === 0 || b.above === null || H.dec.cmp(income, H.dec.parse(b.above)) > 0;
      var highOk = b.up_to === null || H.dec.cmp(income, H.dec.parse(b.up_to)) <= 0;
      if (lowOk && highOk) return i;
    }
    return -1;
  }

  /* {lines: [sentences], amount: "200.02"} or {error: "…"}. */
  function compute(data, text, caseId) {
    var found = data.cases.filter(function (c) { return c.id === caseId; })[0] || null;
    var places = data.round_places;
    if (found && found.fixed !== null) {
      var fixed = H.dec.round(H.dec.parse(found.fixed), places);
      return { amount: H.dec.format(fixed, places),
               lines: [found.who + "：每月交纳 " + H.dec.format(fixed, places) + " 元，与收入多少无关。"] };
    }
    var income = H.dec.parse(text);
    if (!String(text).trim()) return { error: "请输入每月收入（元），例如 6000 或 6000.50。" };
    if (!income) return { error: "“" + text + "”不是金额：只写数字，例如 6000 或 6000.50。" };
    if (income.s > 2) return { error: "金额精确到分即可（小数点后最多两位）。" };
    var bands = found && found.bands ? found.bands : data.bands;
    var index = bandOf(bands, income);
    if (index < 0) return { error: "这个收入不在任何一档中。" };
    var band = bands[index], rate = H.dec.parse(band.rate);
    var exact = H.dec.shift(H.dec.mul(income, rate), 2);
    var amount = H.dec.round(exact, places);
    var shown = H.dec.format(income), exactText = H.dec.format(exact), amountText = H.dec.format(amount, places);
    var base = found ? found.base : data.base;
    var lines = [
      (found ? found.who + "，以" + base : "以" + base) + "为计算基数：" + shown + " 元落在第" + (index + 1) + "档（" +
        band.label + "），比例 " + band.rate + "%。",
      data.rule,
      shown + " × " + band.rate + "% = " + exactText + " 元" +
        (exactText === H.dec.format(amount) ? "。" : "，四舍五入到" + data.round_to + "为 " + amountText + " 元。")
    ];
    if (exactText !== H.dec.format(amount)) lines.push(data.rounding);
    return { amount: amountText, lines: lines };
  }

  function start() {
    var root = document.querySelector(".hl-dues-calculator");
    var data = H.data("hl-dues-data");
    if (!root || !data || root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");

    var income = H.el("input", { id: "hl-dues-income", type: "text", inputmode: "decimal", autocomplete: "off",
                                  "aria-describedby": "hl-dues-income-hint" });
    var who = H.el("select", { id: "hl-dues-case" }, [H.el("option", { value: "", text: "按月领取工资的党员" })].concat(
      data.cases.map(function (c) { return H.el("option", { value: c.id, text: c.who }); })));
    var amount = H.el("p", { "class": "hl-dues-amount" });
    var steps = H.el("ol", { "class": "hl-dues-steps" });
    var result = H.el("div", { "class": "hl-tool-result", id: "hl-dues-result", role: "status", "aria-live": "polite" },
                      [amount, steps]);

    function update() {
      var out = compute(data, income.value, who.value);
      steps.textContent = "";
      if (out.error) {
        amount.textContent = out.error;
        amount.className = "hl-dues-amount hl-warning";
        return;
      }
      amount.className = "hl-dues-amount";
      amount.textContent = "每月交纳党费 " + out.amount + " 元";
      out.lines.forEach(function (line) { steps.appendChild(H.el("li", { text: line })); });
    }

    function caseChanged() {
      var found = data.cases.filter(function (c) { return c.id === who.value; })[0];
      income.disabled = !!(found && found.fixed !== null);
      document.getElementById("hl-dues-income-hint").textContent =
        found ? (found.fixed !== null ? "固定金额，不用填收入" : "填" + found.base) : "填" + data.base;
      update();
    }

    var form = H.el("form", { "class": "hl-tool-form", onsubmit: function (e) { e.preventDefault(); update(); } }, [
      H.field("党员情况", who),
      H.field("每月收入（元）", income, "填" + data.base),
      H.el("button", { type: "submit", "class": "md-button md-button--primary", text: "计算" })
    ]);
    income.addEventListener("input", update);
    who.addEventListener("change", caseChanged);
    root.appendChild(H.el("h3", { text: "党费计算器" }));
    root.appendChild(form);
    root.appendChild(result);
    amount.textContent = "输入每月收入，即时算出应交党费。";
  }

  H.ready(start);
})();
