/* The 发展党员 planner on the 发展党员 category page: the date of the 入党申请 (and any later dates
   actually reached) → the earliest and latest date of every later step, and a warning for a date
   that breaks a rule. Steps, intervals, rules and sources come from the page's JSON
   (#hl-process-data, written from the aspects' ``stages``); the only rule added here is the order
   of the steps: a step is never earlier than the one before it. */
(function () {
  "use strict";
  var H = window.HonglingTools;

  function steps(data) {
    var out = [];
    data.stages.forEach(function (stage) {
      stage.steps.forEach(function (step) { out.push({ stage: stage, step: step }); });
    });
    return out;
  }

  function later(a, b) { return !a ? b : !b ? a : (a > b ? a : b); }

  /* For every step: earliest, latest and the date used for the steps after it (the actual date
     when one is given), with the warnings a given date earns. ``actual`` maps step number → date. */
  function plan(data, actual) {
    var used = {}, rows = [], previous = null;
    steps(data).forEach(function (item) {
      var step = item.step, earliest = previous, latest = null, why = { earliest: null, latest: null };
      step.timing.forEach(function (t) {
        var from = used[t.after];
        if (!from) return;
        var date = H.date.add(from, t.months, t.days);
        if (t.kind === "at_least" && date >= (earliest || "")) { earliest = date; why.earliest = t; }
        if (t.kind === "within" && (!latest || date < latest)) { latest = date; why.latest = t; }
      });
      var given = actual[step.number] || null, warnings = [];
      if (given && earliest && given < earliest) {
        warnings.push(why.earliest
          ? "早于 " + H.date.words(earliest) + "：" + why.earliest.rule + "（" + why.earliest.source + "）"
          : "早于上一步的日期 " + H.date.words(earliest) + "：各步骤按顺序进行。");
      }
      if (given && latest && given > latest) {
        warnings.push("晚于 " + H.date.words(latest) + "：" + why.latest.rule + "（" + why.latest.source + "）");
      }
      if (!given && earliest && latest && earliest > latest) {
        warnings.push("按前面的日期，已经无法在 " + H.date.words(latest) + " 之前完成。");
      }
      used[step.number] = given || earliest;
      previous = later(previous, used[step.number]);
      rows.push({ stage: item.stage, step: step, earliest: earliest, latest: latest, given: given,
                  warnings: warnings });
    });
    return rows;
  }

  function rules(step) {
    return step.timing.map(function (t) {
      return (t.kind === "within" ? "第" + t.after + "步后" + t.text + "内" : "第" + t.after + "步满" + t.text + "后") +
        "：" + t.rule + "（" + t.source + "）";
    }).concat(step.note ? [step.note] : []);
  }

  function start() {
    var root = document.querySelector(".hl-process-planner");
    var data = H.data("hl-process-data");
    if (!root || !data || root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    var all = steps(data), first = all[0].step;

    var startInput = H.el("input", { id: "hl-plan-start", type: "date", required: true });
    var inputs = {}, cells = {};
    var body = H.el("tbody");
    var lastStage = null;
    all.forEach(function (item) {
      var step = item.step;
      if (item.stage !== lastStage) {
        lastStage = item.stage;
        body.appendChild(H.el("tr", { "class": "hl-plan-stage" }, [
          H.el("th", { colspan: "5", scope: "rowgroup",
                       text: "第" + item.stage.number + "阶段：" + item.stage.title + (item.stage.aspect ? "（" + item.stage.aspect + "）" : "") })
        ]));
      }
      var input = step.number === first.number ? null : H.el("input", {
        type: "date", id: "hl-plan-step-" + step.number, "aria-label": "第" + step.number + "步 " + step.title + " 的实际日期" });
      if (input) inputs[step.number] = input;
      cells[step.number] = {
        earliest: H.el("td", { "class": "hl-plan-earliest", "data-label": "最早可以" }),
        latest: H.el("td", { "class": "hl-plan-latest", "data-label": "最迟应当" }),
        notes: H.el("td", { "class": "hl-plan-notes" })
      };
      body.appendChild(H.el("tr", { id: "hl-plan-row-" + step.number, "data-step": String(step.number) }, [
        H.el("th", { scope: "row", text: step.number + ". " + step.title }),
        cells[step.number].earliest, cells[step.number].latest,
        H.el("td", { "class": "hl-plan-actual", "data-label": "实际日期" }, [input || H.el("span", { text: "见上方" })]),
        cells[step.number].notes
      ]));
    });
    var table = H.el("table", { "class": "hl-plan-table" }, [
      H.el("caption", { text: "发展党员各步骤的日期" }),
      H.el("thead", {}, [H.el("tr", {}, ["步骤", "最早可以", "最迟应当", "实际日期（选填）", "时限依据和提示"].map(function (h) {
        return H.el("th", { scope: "col", text: h });
      }))]), body
    ]);
    var status = H.el("p", { "class": "hl-tool-status", role: "status", "aria-live": "polite" });

    function update() {
      var actual = {}, bad = [];
      if (H.date.valid(startInput.value)) actual[first.number] = startInput.value;
      Object.keys(inputs).forEach(function (n) {
        var value = inputs[n].value;
        if (value && H.date.valid(value)) actual[n] = value;
      });
      var rows = actual[first.number] ? plan(data, actual) : [];
      rows.forEach(function (row) {
        var cell = cells[row.step.number];
        cell.earliest.textContent = row.step.number === first.number ? H.date.words(row.given) : (row.earliest ? H.date.words(row.earliest) : "");
        cell.latest.textContent = row.latest ? H.date.words(row.latest) : "—";
        cell.notes.textContent = "";
        rules(row.step).forEach(function (line) { cell.notes.appendChild(H.el("div", { text: line })); });
        row.warnings.forEach(function (line) {
          cell.notes.appendChild(H.el("div", { "class": "hl-warning", text: "⚠ " + line }));
          bad.push("第" + row.step.number + "步");
        });
        var tr = document.getElementById("hl-plan-row-" + row.step.number);
        tr.className = row.warnings.length ? "hl-plan-warn" : (row.given ? "hl-plan-done" : "");
      });
      if (!rows.length) {
        Object.keys(cells).forEach(function (n) {
          cells[n].earliest.textContent = cells[n].latest.textContent = "";
          cells[n].notes.textContent = "";
          rules(all.filter(function (i) { return String(i.step.number) === String(n); })[0].step).forEach(function (line) {
            cells[n].notes.appendChild(H.el("div", { text: line }));
          });
        });
      }
      status.textContent = !rows.length ? "先填写递交入党申请书的日期。"
        : bad.length ? "有 " + bad.length + " 处日期不符合时限：" + bad.join("、") + "。"
        : "已按时限推算；各日期均符合规定。";
      status.className = "hl-tool-status" + (bad.length ? " hl-warning" : "");
    }

    startInput.addEventListener("input", update);
    Object.keys(inputs).forEach(function (n) { inputs[n].addEventListener("input", update); });
    root.appendChild(H.el("h3", { text: "推算" }));
    root.appendChild(H.el("div", { "class": "hl-tool-form" }, [
      H.field("第" + first.number + "步 " + first.title + " 的日期", startInput),
      H.printButton("打印推算结果")
    ]));
    root.appendChild(status);
    root.appendChild(H.el("div", { "class": "hl-table-scroll" }, [table]));
    update();
  }

  H.ready(start);
})();
