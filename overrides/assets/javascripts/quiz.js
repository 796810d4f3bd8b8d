/* The self-test of an aspect's and a course's page: the reader ticks options, 交卷评分 scores the
   answers in the page and shows which are right, and the answers section (folded until then)
   opens. The key of each question is in the page (data-answer on .hl-question), so this works
   from disk and never sends anything anywhere. Without script the questions and the answers
   below them read as a printed self-test. */
(function () {
  "use strict";

  var JUDGEMENTS = ["正确", "错误"];

  function make(tag, className, text) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (text) element.textContent = text;
    return element;
  }

  function optionsOf(question) {
    var options = [];
    var next = question.nextElementSibling;
    while (next && next.classList.contains("hl-option")) {
      options.push(next);
      next = next.nextElementSibling;
    }
    return options;
  }

  function choice(type, name, value, label) {
    var wrap = make("label", "hl-choice");
    var input = make("input");
    input.type = type;
    input.name = name;
    input.value = value;
    wrap.appendChild(input);
    if (typeof label === "string") {
      wrap.appendChild(document.createTextNode(label));
    } else {
      while (label.firstChild) wrap.appendChild(label.firstChild);
    }
    return wrap;
  }

  function prepare(question, index) {
    var kind = question.getAttribute("data-kind");
    var name = "hl-q-" + (question.id || index);
    var last = question;
    if (kind === "单选" || kind === "多选") {
      var options = optionsOf(question);
      for (var i = 0; i < options.length; i++) {
        var key = options[i].getAttribute("data-key");
        options[i].appendChild(choice(kind === "单选" ? "radio" : "checkbox", name, key, options[i]));
        last = options[i];
      }
    } else if (kind === "判断") {
      var line = make("p", "hl-option hl-judge");
      for (var j = 0; j < JUDGEMENTS.length; j++) line.appendChild(choice("radio", name, JUDGEMENTS[j], JUDGEMENTS[j]));
      question.parentNode.insertBefore(line, question.nextSibling);
      last = line;
    } else {
      var area = make("textarea", "hl-short");
      area.rows = 3;
      area.setAttribute("aria-label", "写下你的答案");
      var box = make("p", "hl-option hl-short-box");
      box.appendChild(area);
      box.appendChild(make("span", "hl-short-note", "简答题不计分：交卷后对照答案要点自查。"));
      question.parentNode.insertBefore(box, question.nextSibling);
      last = box;
    }
    var verdict = make("p", "hl-verdict");
    verdict.setAttribute("aria-live", "polite");
    last.parentNode.insertBefore(verdict, last.nextSibling);
    return {element: question, kind: kind, key: question.getAttribute("data-answer") || "", name: name, verdict: verdict};
  }

  function chosen(root, item) {
    var inputs = root.querySelectorAll("input[name='" + item.name + "']");
    var values = [];
    for (var i = 0; i < inputs.length; i++) if (inputs[i].checked) values.push(inputs[i].value);
    return values.sort().join("");
  }

  function answersOf(quiz) {
    /* The answers section that follows the quiz, with its heading. */
    var next = quiz.nextElementSibling;
    var parts = [];
    while (next && !next.classList.contains("hl-quiz")) {
      if (next.classList.contains("hl-quiz-answers")) {
        var heading = next.previousElementSibling;
        if (heading && /^H[2-4]$/.test(heading.tagName)) parts.push(heading);
        parts.push(next);
        break;
      }
      next = next.nextElementSibling;
    }
    return parts;
  }

  function setup(quiz) {
    if (quiz.getAttribute("data-ready")) return;
    quiz.setAttribute("data-ready", "1");
    var items = [];
    var questions = quiz.querySelectorAll(".hl-question");
    for (var i = 0; i < questions.length; i++) items.push(prepare(questions[i], i));
    var answers = answersOf(quiz);
    var fold = function (folded) {
      for (var a = 0; a < answers.length; a++) answers[a].classList.toggle("hl-folded", folded);
      toggle.textContent = folded ? "显示答案" : "收起答案";
    };
    var controls = make("p", "hl-quiz-controls");
    var submit = controls.appendChild(make("button", "md-button md-button--primary hl-quiz-submit", "交卷评分"));
    var reset = controls.appendChild(make("button", "md-button hl-quiz-reset", "重做"));
    var toggle = controls.appendChild(make("button", "md-button hl-quiz-toggle", "显示答案"));
    var score = controls.appendChild(make("output", "hl-score"));
    score.setAttribute("aria-live", "polite");
    submit.type = reset.type = toggle.type = "button";
    quiz.appendChild(controls);
    if (answers.length) fold(true); else toggle.hidden = true;

    submit.addEventListener("click", function () {
      var right = 0, scored = 0, open = 0;
      for (var q = 0; q < items.length; q++) {
        var item = items[q];
        item.element.classList.remove("hl-right", "hl-wrong");
        if (!item.key) {
          open += 1;
          item.verdict.textContent = "简答题：对照答案要点自查。";
          continue;
        }
        scored += 1;
        var given = chosen(quiz, item);
        var expected = item.key.split("").sort().join("");
        if (item.kind === "判断") expected = item.key;
        var ok = given === expected;
        if (ok) right += 1;
        item.element.classList.add(ok ? "hl-right" : "hl-wrong");
        item.verdict.className = "hl-verdict " + (ok ? "hl-verdict--right" : "hl-verdict--wrong");
        item.verdict.textContent = ok ? "✓ 答对了" : (given ? "✗ 答错了" : "✗ 未作答") + "，正确答案：" + item.key;
      }
      score.setAttribute("data-right", String(right));
      score.setAttribute("data-total", String(scored));
      score.textContent = "得分：" + right + " / " + scored + (open ? "（另有简答题 " + open + " 道，对照要点自查）" : "");
      if (answers.length) fold(false);
    });

    reset.addEventListener("click", function () {
      var inputs = quiz.querySelectorAll("input, textarea");
      for (var i = 0; i < inputs.length; i++) {
        if (inputs[i].type === "radio" || inputs[i].type === "checkbox") inputs[i].checked = false; else inputs[i].value = "";
      }
      for (var q = 0; q < items.length; q++) {
        items[q].element.classList.remove("hl-right", "hl-wrong");
        items[q].verdict.textContent = "";
      }
      score.textContent = "";
      score.removeAttribute("data-right");
      score.removeAttribute("data-total");
      if (answers.length) fold(true);
    });

    toggle.addEventListener("click", function () {
      fold(!answers[0].classList.contains("hl-folded"));
    });
  }

  function start() {
    var quizzes = document.querySelectorAll(".hl-quiz");
    for (var i = 0; i < quizzes.length; i++) setup(quizzes[i]);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
