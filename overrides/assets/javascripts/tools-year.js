/* The 组织生活 year planner on the 组织生活 category page: the branch's shape (with or without a
   支委会, how many 党小组) and a year → every meeting the year requires, as a calendar table to print
   and as an .ics file for Outlook, WPS and phone calendars. Both come from one list of entries,
   built from the page's JSON (#hl-meetings-data, written from the aspects' ``meetings``): who holds
   each meeting, how often, in which quarter, on what authority, and whether the frequency is
   local or customary practice. The reader chooses only the branch's fixed day of the month. */
(function () {
  "use strict";
  var H = window.HonglingTools;
  var WEEKDAYS = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];
  var ORDINALS = ["第一个", "第二个", "第三个", "第四个", "最后一个"];
  var QUARTER_NAMES = ["", "第一季度", "第二季度", "第三季度", "第四季度"];

  /* Every meeting of the year for a branch of the given shape, in date order.
     options: {year, committee: bool, groups: int, nth: 1-5, weekday: 0-6, monthInQuarter: 1-3} */
  function entries(data, options) {
    var out = [];
    function month(m) { return H.date.nth(options.year, m, options.nth, options.weekday); }
    data.meetings.forEach(function (meeting, order) {
      function add(monthNumber, period, holder, index) {
        out.push({ meeting: meeting, order: order, date: month(monthNumber), period: period, holder: holder,
                   uid: options.year + "-" + meeting.id + (holder ? "-" + index : "") + "-" + monthNumber });
      }
      var holders = [null];
      if (meeting.held_by === "支委会" && !options.committee) return;
      if (meeting.held_by === "党小组") {
        holders = [];
        for (var g = 1; g <= options.groups; g++) holders.push("第" + g + "党小组");
      }
      holders.forEach(function (holder, index) {
        var m, q;
        if (meeting.every === "每月") {
          for (m = 1; m <= 12; m++) add(m, m + "月", holder, index + 1);
        } else if (meeting.every === "每季度") {
          for (q = 1; q <= 4; q++) add((q - 1) * 3 + options.monthInQuarter, QUARTER_NAMES[q], holder, index + 1);
        } else if (meeting.every === "每年" && meeting.quarter) {
          add((meeting.quarter - 1) * 3 + options.monthInQuarter, QUARTER_NAMES[meeting.quarter], holder, index + 1);
        }
      });
    });
    return out.sort(function (a, b) { return a.date < b.date ? -1 : a.date > b.date ? 1 : a.order - b.order; });
  }

  /* The calendar entry's title (支部党员大会（第一季度）), and its shorter label in a month's row. */
  function title(entry) { return (entry.holder ? entry.holder + " " : "") + entry.meeting.name + "（" + entry.period + "）"; }
  function label(entry) {
    return (entry.holder ? entry.holder + " " : "") + entry.meeting.name +
      (entry.meeting.every === "每月" ? "" : "（" + entry.period + "）");
  }

  function requirement(meeting) {
    return meeting.frequency + (meeting.practice ? "（地方规定或习惯做法，党内法规未规定次数）" : "");
  }

  function description(meeting) {
    return ["频次：" + requirement(meeting), "依据：" + meeting.source].concat(meeting.note ? [meeting.note] : [])
      .concat(["日期按本支部固定的日子排定，可以调整。"]).join("\n");
  }

  /* --- iCalendar (RFC 5545): CRLF lines folded at 75 octets, text escaped --- */

  function escapeText(text) {
    return String(text).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
  }

  function octets(ch) {
    var code = ch.codePointAt(0);
    return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }

  function fold(line) {
    var out = [], current = "", size = 0;
    Array.from(line).forEach(function (ch) {
      var n = octets(ch);
      if (size + n > 75) {  /* a continuation line starts with a space, which counts */
        out.push(current);
        current = " ";
        size = 1;
      }
      current += ch;
      size += n;
    });
    out.push(current);
    return out.join("\r\n");
  }

  function compact(iso) { return iso.replace(/-/g, ""); }

  function ics(list, calendarName, now) {
    var stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Hongling//ZuzhiShenghuo Year Planner//ZH", "CALSCALE:GREGORIAN",
                 "METHOD:PUBLISH", "X-WR-CALNAME:" + escapeText(calendarName)];
    list.forEach(function (entry) {
      lines.push("BEGIN:VEVENT", "UID:" + entry.uid + "@hongling", "DTSTAMP:" + stamp,
                 "DTSTART;VALUE=DATE:" + compact(entry.date), "DTEND;VALUE=DATE:" + compact(H.date.add(entry.date, 0, 1)),
                 "SUMMARY:" + escapeText(title(entry)), "DESCRIPTION:" + escapeText(description(entry.meeting)),
                 "CATEGORIES:" + escapeText("组织生活"), "TRANSP:TRANSPARENT",
                 "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + escapeText("明天：" + title(entry)), "TRIGGER:-P1D",
                 "END:VALARM", "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  function select(id, options, chosen) {
    return H.el("select", { id: id }, options.map(function (label, index) {
      return H.el("option", { value: String(index), text: label, selected: index === chosen });
    }));
  }

  function start() {
    var root = document.querySelector(".hl-year-planner");
    var data = H.data("hl-meetings-data");
    if (!root || !data || root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");

    var year = H.el("input", { id: "hl-year", type: "number", min: "2000", max: "2100", step: "1",
                               value: String(new Date().getFullYear()) });
    var committee = H.el("input", { id: "hl-year-committee", type: "checkbox", checked: true });
    var groups = H.el("input", { id: "hl-year-groups", type: "number", min: "0", max: "30", step: "1", value: "0" });
    var nth = select("hl-year-nth", ORDINALS, 0);
    var weekday = select("hl-year-weekday", WEEKDAYS, 5);
    var monthInQuarter = select("hl-year-month", ["季度的第一个月", "季度的第二个月", "季度的第三个月"], 2);
    var summary = H.el("p", { "class": "hl-tool-status", role: "status", "aria-live": "polite" });
    var body = H.el("tbody");
    var table = H.el("table", { "class": "hl-year-table" }, [
      H.el("caption", { id: "hl-year-caption" }),
      H.el("thead", {}, [H.el("tr", {}, ["日期", "要开的会", "说明"].map(function (h) {
        return H.el("th", { scope: "col", text: h });
      }))]), body
    ]);
    var legend = H.el("p", { "class": "hl-field-hint" });
    var current = [];

    function entriesOf(meeting) {
      return current.some(function (entry) { return entry.meeting === meeting; });
    }

    function options() {
      var y = parseInt(year.value, 10), g = parseInt(groups.value, 10);
      return { year: y >= 2000 && y <= 2100 ? y : new Date().getFullYear(), committee: committee.checked,
               groups: g >= 0 && g <= 30 ? g : 0, nth: parseInt(nth.value, 10) + 1,
               weekday: parseInt(weekday.value, 10), monthInQuarter: parseInt(monthInQuarter.value, 10) + 1 };
    }

    function calendarName(o) {
      return o.year + "年组织生活计划（" + (o.committee ? "设支委会" : "不设支委会") + "，" +
        (o.groups ? o.groups + "个党小组" : "不设党小组") + "）";
    }

    function update() {
      var o = options();
      current = entries(data, o);
      document.getElementById("hl-year-caption").textContent = calendarName(o);
      body.textContent = "";
      var byDate = [];
      current.forEach(function (entry) {
        var last = byDate[byDate.length - 1];
        if (!last || last.date !== entry.date) byDate.push(last = { date: entry.date, entries: [] });
        last.entries.push(entry);
      });
      byDate.forEach(function (day) {
        var notes = [], seen = {};
        day.entries.forEach(function (entry) {
          if (entry.meeting.every !== "每月" && !seen[entry.meeting.id]) {
            seen[entry.meeting.id] = true;
            notes.push(entry.meeting.name + "：" + requirement(entry.meeting) + (entry.meeting.note ? "。" + entry.meeting.note : ""));
          }
        });
        body.appendChild(H.el("tr", { "data-date": day.date }, [
          H.el("th", { scope: "row", text: H.date.words(day.date) + "（" + WEEKDAYS[H.date.parse(day.date).getUTCDay()] + "）" }),
          H.el("td", {}, [H.el("ul", {}, day.entries.map(function (entry) {
            return H.el("li", { "data-meeting": entry.meeting.id, text: label(entry) + (entry.meeting.practice ? " *" : "") });
          }))]),
          H.el("td", {}, notes.map(function (line) { return H.el("div", { text: line }); }))
        ]));
      });
      var monthly = data.meetings.filter(function (m) { return m.every === "每月" && entriesOf(m); });
      legend.textContent = (monthly.length ? "每月：" + monthly.map(function (m) { return m.name + "（" + requirement(m) + "）"; }).join("；") + "。" : "") +
        (data.meetings.some(function (m) { return m.practice; }) ? "带 * 的频次是地方规定或习惯做法，以上级党组织的要求为准。" : "") +
        "依据见下方“会议频次”。";
      summary.textContent = o.year + "年共 " + current.length + " 次会议和活动。";
    }

    [year, committee, groups, nth, weekday, monthInQuarter].forEach(function (control) {
      control.addEventListener("input", update);
      control.addEventListener("change", update);
    });
    var download = H.el("button", { type: "button", "class": "md-button md-button--primary", id: "hl-year-ics",
      text: "下载日历文件（.ics）", onclick: function () {
        var o = options();
        H.download("组织生活计划-" + o.year + ".ics", ics(current, calendarName(o), new Date()), "text/calendar;charset=utf-8");
      } });
    root.appendChild(H.el("h3", { text: "排出全年计划" }));
    root.appendChild(H.el("div", { "class": "hl-tool-form" }, [
      H.field("年份", year),
      H.el("div", { "class": "hl-field hl-field-check" }, [committee, H.el("label", { "for": "hl-year-committee", text: "设支部委员会" })]),
      H.field("党小组个数", groups, "不设党小组填 0"),
      H.el("fieldset", { "class": "hl-field-group" }, [
        H.el("legend", { text: "每月固定的日子（主题党日）" }), H.field("第几个", nth), H.field("星期几", weekday)
      ]),
      H.field("每季度、每年的会议安排在", monthInQuarter)
    ]));
    root.appendChild(H.el("div", { "class": "hl-tool-actions" }, [download, H.printButton("打印年度计划")]));
    root.appendChild(summary);
    root.appendChild(H.el("div", { "class": "hl-table-scroll" }, [table]));
    root.appendChild(legend);
    update();
  }

  H.ready(start);
})();
