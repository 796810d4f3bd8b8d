/* The handout builder (自选讲义): tick aspects, cases and questions; 排版预览 lays them out below as
   A4 sheets (cover, contents, numbered pages: paged.js); 打印 prints the sheets; the handout YAML
   for the Word version is written alongside, to copy or save. The form is built from the JSON in
   the page (#hl-builder-data), the content is cloned from the hidden library (.hl-library) that
   the site laid out exactly as a handout lays it out. Nothing is fetched. */
(function () {
  "use strict";

  var DIGITS = "零一二三四五六七八九";
  var SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

  function chinese(n) {
    /* 1–99 in Chinese numerals, as official numbering writes them (十一, 二十, 二十六). */
    if (n < 10) return DIGITS.charAt(n);
    var tens = Math.floor(n / 10), ones = n % 10;
    return (tens > 1 ? DIGITS.charAt(tens) : "") + "十" + (ones ? DIGITS.charAt(ones) : "");
  }

  function make(tag, className, text) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (text) element.textContent = text;
    return element;
  }

  function checkbox(name, value, text, checked) {
    var label = make("label", "hl-choice");
    var input = make("input");
    input.type = "checkbox";
    input.name = name;
    input.value = value;
    input.checked = !!checked;
    label.appendChild(input);
    label.appendChild(document.createTextNode(text));
    return label;
  }

  function field(text, control) {
    var label = make("label", "hl-builder-field");
    label.appendChild(make("span", "", text));
    label.appendChild(control);
    return label;
  }

  function textInput(value, name) {
    var input = make("input");
    input.type = "text";
    input.name = name;
    input.value = value;
    return input;
  }

  function ticked(root, name) {
    var boxes = root.querySelectorAll("input[name='" + name + "']:checked");
    var out = [];
    for (var i = 0; i < boxes.length; i++) out.push(boxes[i].value);
    return out;
  }

  function quoted(text) {
    return JSON.stringify(text);  /* a JSON string is a valid YAML double-quoted scalar */
  }

  /* --- the form ----------------------------------------------------------------------------- */

  function form(root, data) {
    var head = root.appendChild(make("fieldset", "hl-builder-head"));
    head.appendChild(make("legend", "", "讲义"));
    head.appendChild(field("标题", textInput("培训讲义", "title")));
    head.appendChild(field("副标题", textInput("", "subtitle")));
    head.appendChild(field("编号（文件名，小写拼音和连字符）", textInput("zixuan-jiangyi", "id")));
    var audience = head.appendChild(make("div", "hl-builder-audience"));
    audience.appendChild(make("span", "", "对象："));
    for (var a = 0; a < data.audiences.length; a++) {
      audience.appendChild(checkbox("audience", data.audiences[a], data.audiences[a], data.audiences[a] === "党务工作者"));
    }

    var aspects = root.appendChild(make("fieldset", "hl-builder-group"));
    aspects.appendChild(make("legend", "", "手册方面"));
    for (var c = 0; c < data.categories.length; c++) {
      var category = data.categories[c];
      if (!category.aspects.length) continue;
      var box = aspects.appendChild(make("div", "hl-builder-category"));
      box.appendChild(make("p", "hl-builder-category-title", category.title));
      for (var i = 0; i < category.aspects.length; i++) {
        var aspect = category.aspects[i];
        box.appendChild(checkbox("aspect", aspect.id, aspect.title + "（" + aspect.questions.length + " 题）"));
      }
    }

    var cases = root.appendChild(make("fieldset", "hl-builder-group"));
    cases.appendChild(make("legend", "", "案例"));
    var caseList = cases.appendChild(make("div", "hl-builder-category"));
    for (var k = 0; k < data.cases.length; k++) {
      caseList.appendChild(checkbox("case", data.cases[k].id, data.cases[k].title + (data.cases[k].group ? "（" + data.cases[k].group + "）" : "")));
    }

    var quiz = root.appendChild(make("fieldset", "hl-builder-group"));
    quiz.appendChild(make("legend", "", "测验题"));
    var options = quiz.appendChild(make("p", "hl-builder-options"));
    options.appendChild(checkbox("only-chosen", "1", "只列出已勾选方面的题目", true));
    options.appendChild(checkbox("answers", "1", "讲义末尾附答案页（另起一页）", true));
    var pick = options.appendChild(make("button", "md-button hl-builder-pick", "每个已选方面各选 2 题"));
    pick.type = "button";
    var questions = quiz.appendChild(make("div", "hl-builder-questions"));
    for (var g = 0; g < data.categories.length; g++) {
      for (var j = 0; j < data.categories[g].aspects.length; j++) {
        var item = data.categories[g].aspects[j];
        if (!item.questions.length) continue;
        var group = questions.appendChild(make("div", "hl-builder-category hl-builder-qgroup"));
        group.setAttribute("data-aspect", item.id);
        group.appendChild(make("p", "hl-builder-category-title", item.title));
        for (var n = 0; n < item.questions.length; n++) {
          var question = item.questions[n];
          var line = group.appendChild(checkbox("question", question.id, "【" + question.kind + "】" + question.stem));
          line.className += " hl-builder-question";
        }
      }
    }

    var actions = root.appendChild(make("p", "hl-builder-actions"));
    var preview = actions.appendChild(make("button", "md-button md-button--primary hl-builder-preview", "排版预览"));
    var print = actions.appendChild(make("button", "md-button hl-builder-print", "打印"));
    var copy = actions.appendChild(make("button", "md-button hl-builder-copy", "复制讲义数据"));
    var save = actions.appendChild(make("a", "md-button hl-builder-save", "保存讲义数据文件"));
    preview.type = print.type = copy.type = "button";
    var status = actions.appendChild(make("output", "hl-builder-status"));
    status.setAttribute("aria-live", "polite");
    var yamlBox = root.appendChild(make("fieldset", "hl-builder-yaml"));
    yamlBox.appendChild(make("legend", "", "讲义数据（交给站点编辑存入资料库，生成 Word 版）"));
    var text = yamlBox.appendChild(make("textarea", "hl-builder-yaml-text"));
    text.readOnly = true;
    text.rows = 14;
    text.setAttribute("aria-label", "讲义数据");
    return {preview: preview, print: print, copy: copy, save: save, status: status, yaml: text, pick: pick};
  }

  /* --- what is chosen ---------------------------------------------------------------------- */

  function choice(root, data) {
    var value = function (name) { return root.querySelector("input[name='" + name + "']").value.trim(); };
    var aspects = ticked(root, "aspect");
    var sections = [];
    for (var c = 0; c < data.categories.length; c++) {
      var include = [];
      for (var i = 0; i < data.categories[c].aspects.length; i++) {
        if (aspects.indexOf(data.categories[c].aspects[i].id) >= 0) include.push(data.categories[c].aspects[i].id);
      }
      if (include.length) sections.push({title: data.categories[c].title, include: include});
    }
    var cases = ticked(root, "case");
    if (cases.length) sections.push({title: "案例材料", include: cases});
    return {
      id: value("id"), title: value("title") || "培训讲义", subtitle: value("subtitle"),
      audience: ticked(root, "audience"), sections: sections, questions: ticked(root, "question"),
      answers: ticked(root, "answers").length > 0
    };
  }

  function problem(chosen) {
    if (!chosen.sections.length) return "请至少勾选一个手册方面或案例。";
    if (!chosen.audience.length) return "请至少勾选一种对象。";
    if (!SLUG.test(chosen.id)) return "编号只能用小写拼音字母、数字和单个连字符，例如 zuzhi-shenghuo-jiangyi。";
    return "";
  }

  function yaml(chosen) {
    var lines = ["# yaml-language-server: $schema=../../jsonschema/handout.schema.json",
                 "# 由站点的“自选讲义”生成；存为 data/handouts/" + chosen.id + ".yml",
                 "id: " + chosen.id, "title: " + quoted(chosen.title)];
    if (chosen.subtitle) lines.push("subtitle: " + quoted(chosen.subtitle));
    lines.push("audience:");
    for (var a = 0; a < chosen.audience.length; a++) lines.push("  - " + chosen.audience[a]);
    lines.push("sections:");
    for (var s = 0; s < chosen.sections.length; s++) {
      lines.push("  - title: " + quoted(chosen.sections[s].title), "    include:");
      for (var i = 0; i < chosen.sections[s].include.length; i++) lines.push("      - " + chosen.sections[s].include[i]);
    }
    if (chosen.questions.length) {
      lines.push("quiz: true", "questions:");
      for (var q = 0; q < chosen.questions.length; q++) lines.push("  - " + chosen.questions[q]);
    } else {
      lines.push("quiz: false");
    }
    return lines.join("\n") + "\n";
  }

  /* --- the document ------------------------------------------------------------------------- */

  function piece(library, kind, id) {
    return library.querySelector(".hl-piece[data-kind='" + kind + "'][data-id='" + id + "']");
  }

  function copyOf(element) {
    /* A copy whose ids do not clash with the hidden library's. */
    var copy = element.cloneNode(true);
    var anchors = copy.querySelectorAll(".headerlink");
    for (var a = 0; a < anchors.length; a++) anchors[a].parentNode.removeChild(anchors[a]);
    var marked = copy.querySelectorAll("[id]");
    for (var i = 0; i < marked.length; i++) marked[i].id = "v-" + marked[i].id;
    if (copy.id) copy.id = "v-" + copy.id;
    return copy;
  }

  function heading(level, number, text, id, breaks) {
    var element = make("h" + level, breaks || "", number + text);
    element.id = id;
    return element;
  }

  function renumber(element, pattern, replacement) {
    var strong = element.querySelector("strong");
    if (strong) strong.textContent = strong.textContent.replace(pattern, replacement);
  }

  function assemble(chosen, library) {
    var flow = make("div", "hl-flow");
    var contents = make("div", "hl-contents");
    contents.appendChild(make("p", "hl-contents-title", "目录"));
    var toc = contents.appendChild(make("ul"));
    var part = 0;
    var entry = function (element, level) {
      var link = make("a", "", element.textContent);
      link.href = "#" + element.id;
      var li = make("li");
      li.appendChild(link);
      if (level === 1 || !toc.lastElementChild) {
        toc.appendChild(li);
      } else {
        var sub = toc.lastElementChild.querySelector("ul") || toc.lastElementChild.appendChild(make("ul"));
        sub.appendChild(li);
      }
    };
    var section = function (title, breaks) {
      part += 1;
      var h = heading(2, chinese(part) + "、", title, "v-part-" + part, part > 1 ? breaks : "");
      flow.appendChild(h);
      entry(h, 1);
    };
    for (var s = 0; s < chosen.sections.length; s++) {
      section(chosen.sections[s].title, "hl-new-page");
      var include = chosen.sections[s].include;
      for (var i = 0; i < include.length; i++) {
        var found = piece(library, "aspect", include[i]) || piece(library, "case", include[i]);
        if (!found) continue;
        var copy = copyOf(found);
        var top = copy.querySelector("h3");
        if (top) {
          top.insertBefore(document.createTextNode("（" + chinese(i + 1) + "）"), top.firstChild);
          entry(top, 2);
        }
        while (copy.firstChild) flow.appendChild(copy.firstChild);
      }
    }
    if (chosen.questions.length) {
      section("测验", "hl-new-page");
      flow.appendChild(make("p", "", chosen.answers ? "答案见本讲义末尾的答案页，可裁下分开印发。" : "答案不随讲义印发。"));
      for (var q = 0; q < chosen.questions.length; q++) {
        var question = piece(library, "question", chosen.questions[q]);
        if (!question) continue;
        var body = copyOf(question);
        var answer = body.querySelector(".hl-piece-answer");
        if (answer) answer.parentNode.removeChild(answer);
        renumber(body, /^\d+\./, (q + 1) + ".");
        while (body.firstChild) flow.appendChild(body.firstChild);
      }
      if (chosen.answers) {
        section("测验答案", "hl-page-break");
        for (var n = 0; n < chosen.questions.length; n++) {
          var key = piece(library, "question", chosen.questions[n]);
          var answerCopy = key && key.querySelector(".hl-piece-answer") ? copyOf(key.querySelector(".hl-piece-answer")) : null;
          if (!answerCopy) continue;
          renumber(answerCopy, /^\d+\./, (n + 1) + ".");
          while (answerCopy.firstChild) flow.appendChild(answerCopy.firstChild);
        }
      }
    }
    return {flow: flow, contents: contents};
  }

  function cover(chosen) {
    var title = make("h1", "", chosen.title);
    var parts = [title];
    if (chosen.subtitle) parts.push(make("p", "hl-subtitle", chosen.subtitle));
    var facts = make("div", "hl-cover");
    var audience = make("p");
    audience.appendChild(make("strong", "", "对象："));
    audience.appendChild(document.createTextNode(chosen.audience.join("、")));
    facts.appendChild(audience);
    parts.push(facts);
    return parts;
  }

  /* --- wiring ------------------------------------------------------------------------------- */

  function start() {
    var root = document.getElementById("hl-builder");
    var source = document.getElementById("hl-builder-data");
    var library = document.querySelector(".hl-library");
    var article = document.querySelector("article.md-content__inner");
    if (!root || !source || !library || !article || root.getAttribute("data-ready") || !window.hlPaginate) return;
    root.setAttribute("data-ready", "1");
    var data = JSON.parse(source.textContent);
    var ui = form(root, data);
    root.hidden = false;
    var notice = document.querySelector(".hl-builder-noscript");
    if (notice) notice.hidden = true;

    var filterQuestions = function () {
      var only = ticked(root, "only-chosen").length > 0;
      var aspects = ticked(root, "aspect");
      var groups = root.querySelectorAll(".hl-builder-qgroup");
      for (var i = 0; i < groups.length; i++) {
        groups[i].hidden = only && aspects.indexOf(groups[i].getAttribute("data-aspect")) < 0;
      }
    };

    var refresh = function () {
      var chosen = choice(root, data);
      var wrong = problem(chosen);
      ui.yaml.value = wrong ? "" : yaml(chosen);
      ui.status.textContent = wrong || ("已选 " + chosen.sections.reduce(function (n, s) { return n + s.include.length; }, 0) +
        " 项内容、" + chosen.questions.length + " 道题");
      if (ui.save.href) URL.revokeObjectURL(ui.save.href);
      if (wrong) {
        ui.save.removeAttribute("href");
      } else {
        ui.save.href = URL.createObjectURL(new Blob([ui.yaml.value], {type: "text/yaml"}));
        ui.save.setAttribute("download", chosen.id + ".yml");
      }
      filterQuestions();
      return wrong ? null : chosen;
    };

    var build = function () {
      var chosen = refresh();
      if (!chosen) return false;
      var old = article.querySelector(".hl-sheets");
      if (old) old.parentNode.removeChild(old);
      var parts = assemble(chosen, library);
      var sheets = article.appendChild(make("div", "hl-sheets"));
      document.documentElement.classList.add("hl-paged");
      window.hlPaginate(parts.flow, sheets, {title: chosen.title, cover: cover(chosen), contents: parts.contents});
      document.documentElement.classList.add("hl-paged-done");
      ui.status.textContent = "已排成 " + sheets.children.length + " 页，可以打印。";
      return true;
    };

    root.addEventListener("change", refresh);
    root.addEventListener("input", refresh);
    ui.pick.addEventListener("click", function () {
      var aspects = ticked(root, "aspect");
      for (var c = 0; c < data.categories.length; c++) {
        for (var i = 0; i < data.categories[c].aspects.length; i++) {
          var aspect = data.categories[c].aspects[i];
          if (aspects.indexOf(aspect.id) < 0) continue;
          for (var n = 0; n < aspect.questions.length && n < 2; n++) {
            root.querySelector("input[name='question'][value='" + aspect.questions[n].id + "']").checked = true;
          }
        }
      }
      refresh();
    });
    ui.preview.addEventListener("click", function () {
      if (build()) article.querySelector(".hl-sheets").scrollIntoView();
    });
    ui.print.addEventListener("click", function () {
      if (build()) window.print();
    });
    ui.copy.addEventListener("click", function () {
      if (!refresh()) return;
      var done = function () { ui.status.textContent = "讲义数据已复制。交给站点编辑，存为 data/handouts/" + choice(root, data).id + ".yml"; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(ui.yaml.value).then(done, function () {
          ui.yaml.select();
          if (document.execCommand("copy")) done();
        });
      } else {
        ui.yaml.select();
        if (document.execCommand("copy")) done();
      }
    });
    refresh();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
