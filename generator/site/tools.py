"""What the handbook's working tools read: the rules as data, laid out for a page's tables and, as
JSON, for the scripts that compute with them in the reader's browser.

* an aspect with a ``dues`` table gets the 党费 rate table and calculator;
* an aspect with ``stages`` gets its steps and time rules; its category page gathers every stage
  of its aspects into the 发展党员 planner;
* an aspect with ``meetings`` gets their frequencies; its category page gathers them into the
  组织生活 year planner (calendar table and ``.ics`` download).

The scripts (``overrides/assets/javascripts/tools-*.js``) compute nothing these fields do not say:
every bound, rate, rounding unit, interval, rule and source reaches them from here. Pure.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from markupsafe import Markup

from ..core.kb import Entry
from ..core.schema.dues import ROUNDING, DuesBand, DuesTable, yuan
from ..core.schema.form import docx_path
from ..core.schema.meetings import Meeting
from ..core.schema.process import Stage, Timing
from .resolver import Link, Resolver

QUARTERS = {"第一季度": 1, "第二季度": 2, "第三季度": 3, "第四季度": 4}


def json_script(element_id: str, data: Any) -> Markup:
    """``data`` as a ``<script type="application/json">`` block the page's scripts read; ``<``,
    ``>`` and ``&`` are escaped so that no text in the data can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return Markup(f'<script type="application/json" id="{element_id}">{text}</script>')


def cite(site: Resolver, source: str, article: str | None) -> str:
    """《regulation》 and its article, as pages and messages name a rule."""
    link = site.link(source)
    title = link.title if link else source
    return f"《{title}》{article or ''}"


# --- 党费 --------------------------------------------------------------------------------------


def band_label(bands: tuple[DuesBand, ...], index: int) -> str:
    """The band as the regulation words it: 3000元以下（含3000元）, 3000元以上至5000元（含5000元）, 10000元以上."""
    low, high = (bands[index].above if index > 0 else None), bands[index].up_to
    if high is None:
        return f"{yuan(low or Decimal(0))}元以上"
    if low is None:
        return f"{yuan(high)}元以下（含{yuan(high)}元）"
    return f"{yuan(low)}元以上至{yuan(high)}元（含{yuan(high)}元）"


def bands_data(bands: tuple[DuesBand, ...]) -> list[dict[str, Any]]:
    return [{"above": yuan(b.above) if b.above is not None and i > 0 else None,
             "up_to": yuan(b.up_to) if b.up_to is not None else None,
             "rate": yuan(b.rate), "label": band_label(bands, i)} for i, b in enumerate(bands)]


def dues_context(site: Resolver, table: DuesTable) -> dict[str, Any]:
    """The rate table, the special cases and the examples for the page, and the calculator's JSON."""
    cases = [{"case": c, "bands": bands_data(c.bands), "source": cite(site, c.source, c.article),
              "fixed": yuan(c.fixed) if c.fixed is not None else None} for c in table.cases]
    who = {c.id: c.who for c in table.cases}
    data = {
        "base": table.base, "rule": table.rule, "rounding": table.rounding, "round_to": table.round_to,
        "round_places": len(str(ROUNDING[table.round_to]).split(".")[1]),
        "source": cite(site, table.source, table.article),
        "bands": bands_data(table.bands),
        "cases": [{"id": c["case"].id, "who": c["case"].who, "base": c["case"].base, "bands": c["bands"] or None,
                   "fixed": c["fixed"], "note": c["case"].note, "source": c["source"]} for c in cases],
    }
    return {
        "table": table, "bands": data["bands"], "cases": cases, "source": data["source"],
        "examples": [{"example": e, "who": who.get(e.case or "", ""), "income": yuan(e.income), "amount": f"{e.amount:.2f}"}
                     for e in table.examples],
        "json": json_script("hl-dues-data", data),
    }


# --- 发展党员 ----------------------------------------------------------------------------------


def timing_data(site: Resolver, timing: Timing) -> dict[str, Any]:
    period = timing.at_least or timing.within
    assert period is not None  # the link stage refuses a rule without an interval
    return {"after": timing.after, "kind": "at_least" if timing.at_least else "within", "months": period.months,
            "days": period.days, "text": period.text, "rule": timing.rule, "source": cite(site, timing.source, timing.article)}


def stages_data(site: Resolver, stages: list[tuple[Stage, Link | None]]) -> list[dict[str, Any]]:
    """Stages with their steps and time rules, each stage with a link to the aspect that explains it."""
    return [{"number": stage.number, "title": stage.title,
             "aspect": link.title if link else None,
             "steps": [{"number": step.number, "title": step.title, "note": step.note,
                        "timing": [timing_data(site, t) for t in step.timing]} for step in stage.steps]}
            for stage, link in stages]


def timing_words(step: dict[str, Any], titles: dict[int, str]) -> list[str]:
    """A step's time rules in words for the static table (确定入党积极分子满1年后)."""
    words = []
    for t in step["timing"]:
        start = f"第{t['after']}步“{titles.get(t['after'], '')}”"
        words.append(f"{start}后{t['text']}内" if t["kind"] == "within" else f"{start}满{t['text']}后")
    return words


def step_titles(aspects: list[Any]) -> dict[int, str]:
    """Every step of a category by its number: a rule may count from a step of another aspect."""
    return {step.number: step.title for a in aspects for stage in a.stages for step in stage.steps}


def stages_context(site: Resolver, stages: list[tuple[Stage, Link | None]], titles: dict[int, str],
                   with_json: bool) -> dict[str, Any]:
    data = stages_data(site, stages)
    rows = [{"stage": stage, "link": link, "steps": [dict(step, when=timing_words(step, titles)) for step in stage_data["steps"]]}
            for (stage, link), stage_data in zip(stages, data, strict=True)]
    context: dict[str, Any] = {"stages": rows}
    if with_json:
        context["json"] = json_script("hl-process-data", {"stages": data})
    return context


# --- 组织生活 ----------------------------------------------------------------------------------


def meetings_context(site: Resolver, meetings: list[tuple[Meeting, Link | None]], with_json: bool) -> dict[str, Any]:
    data = [{"id": m.id, "name": m.name, "held_by": m.held_by, "every": m.every,
             "quarter": QUARTERS[m.quarter] if m.quarter else None, "frequency": m.frequency,
             "practice": m.practice, "note": m.note, "source": cite(site, m.source, m.article),
             "aspect": link.title if link else None} for m, link in meetings]
    context: dict[str, Any] = {"meetings": [{"meeting": m, "link": link, "source": d["source"]}
                                            for (m, link), d in zip(meetings, data, strict=True)]}
    if with_json:
        context["json"] = json_script("hl-meetings-data", {"meetings": data})
    return context


# --- what a page gets --------------------------------------------------------------------------


PLANNER_ANCHORS = {"stages": ("发展党员时间推算", "planner"), "meetings": ("组织生活年度计划", "year-plan")}
"""Title and anchor of each planner on the category page."""


def aspect_tools(site: Resolver, aspect: Any, category: Entry | None) -> dict[str, Any]:
    """The tools' part of an aspect page: only what the aspect's own fields hold, with a link to
    the planner on its category's page that gathers them, and the Word file of each form's template."""
    page = site.link(category.id) if category else None
    siblings = list(category.record.aspects) if category else [aspect]

    def planner(kind: str) -> Link | None:
        title, anchor = PLANNER_ANCHORS[kind]
        return Link(title, page.src_uri, anchor) if page else None

    return {
        "dues": dues_context(site, aspect.dues) if aspect.dues is not None else None,
        "stages": dict(stages_context(site, [(s, None) for s in aspect.stages], step_titles(siblings), False),
                       planner=planner("stages")) if aspect.stages else None,
        "meetings": dict(meetings_context(site, [(m, None) for m in aspect.meetings], False), planner=planner("meetings"))
        if aspect.meetings else None,
        "templates": {f.template: docx_path(f.template) for f in aspect.forms if f.template and site.visible(f.template)},
    }


def category_tools(site: Resolver, aspects: list[Any]) -> dict[str, Any]:
    """The planners of a category page, gathered from its aspects in their order."""
    stages = [(stage, site.link(a.id)) for a in aspects for stage in a.stages]
    meetings = [(meeting, site.link(a.id)) for a in aspects for meeting in a.meetings]
    return {
        "stages": stages_context(site, stages, step_titles(aspects), True) if stages else None,
        "meetings": meetings_context(site, meetings, True) if meetings else None,
    }
