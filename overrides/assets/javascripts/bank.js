/* The 题库 page: filters by 大项, 方面 and 题型 over the list of every question. The names of the
   categories and aspects come from the JSON in the page (#hl-bank-data); each question carries
   its category, aspect and kind as data attributes. Without script the whole list shows. */
(function () {
  "use strict";

  function make(tag, className, text) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (text) element.textContent = text;
    return element;
  }

  function option(select, value, text) {
    var item = make("option", "", text);
    item.value = value;
    select.appendChild(item);
  }

  function labelled(text, control) {
    var label = make("label", "hl-bank-filter");
    label.appendChild(document.createTextNode(text + "："));
    label.appendChild(control);
    return label;
  }

  function start() {
    var bar = document.getElementById("hl-bank-filters");
    var source = document.getElementById("hl-bank-data");
    if (!bar || !source || bar.getAttribute("data-ready")) return;
    bar.setAttribute("data-ready", "1");
    var data = JSON.parse(source.textContent);
    var items = document.querySelectorAll(".hl-bank-item");

    var category = make("select", "hl-bank-category");
    option(category, "", "全部大项");
    for (var c = 0; c < data.categories.length; c++) option(category, data.categories[c].id, data.categories[c].title);
    var aspect = make("select", "hl-bank-aspect-filter");
    var kinds = make("fieldset", "hl-bank-kinds");
    kinds.setAttribute("aria-label", "题型");
    kinds.appendChild(make("span", "", "题型："));
    for (var k = 0; k < data.kinds.length; k++) {
      var box = make("label", "hl-choice");
      var input = make("input");
      input.type = "checkbox";
      input.value = data.kinds[k];
      input.checked = true;
      box.appendChild(input);
      box.appendChild(document.createTextNode(data.kinds[k]));
      kinds.appendChild(box);
    }
    var count = make("output", "hl-bank-count");
    count.setAttribute("aria-live", "polite");

    function fillAspects() {
      var chosen = category.value;
      aspect.textContent = "";
      option(aspect, "", "全部方面");
      for (var i = 0; i < data.categories.length; i++) {
        if (chosen && data.categories[i].id !== chosen) continue;
        var aspects = data.categories[i].aspects;
        for (var j = 0; j < aspects.length; j++) option(aspect, aspects[j].id, aspects[j].title);
      }
    }

    function apply() {
      var wanted = {};
      var boxes = kinds.querySelectorAll("input");
      for (var i = 0; i < boxes.length; i++) if (boxes[i].checked) wanted[boxes[i].value] = true;
      var shown = 0;
      for (var n = 0; n < items.length; n++) {
        var item = items[n];
        var visible = (!category.value || item.getAttribute("data-category") === category.value) &&
          (!aspect.value || item.getAttribute("data-aspect") === aspect.value) &&
          wanted[item.getAttribute("data-kind")] === true;
        item.hidden = !visible;
        if (visible) shown += 1;
      }
      count.value = "显示 " + shown + " / " + items.length + " 道题";
      count.textContent = count.value;
      count.setAttribute("data-shown", String(shown));
    }

    category.addEventListener("change", function () { fillAspects(); apply(); });
    aspect.addEventListener("change", apply);
    kinds.addEventListener("change", apply);
    bar.appendChild(labelled("大项", category));
    bar.appendChild(labelled("方面", aspect));
    bar.appendChild(kinds);
    bar.appendChild(count);
    fillAspects();
    apply();
    bar.hidden = false;
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
