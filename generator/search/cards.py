"""Answer cards: the facts the manual holds as structured data, as search shows them above the
results when a query asks for one (党费交多少, 预备期多久, 三会一课多久开一次).

Each card is made from an aspect's fields alone — its ``dues`` table, its ``meetings``, the time
rules of its ``stages`` — never from its prose, and names the regulation and article each fact
rests on and the aspect it comes from. The browser (``hongling-search-cards.js``) decides which
card a query asks for: one whose subject or rows the query names, when the query asks for the
card's kind of fact (an amount, a time).

A card, as ``meta.js`` carries it::

    {"title": …, "aspect": {"url": …, "title": …}, "intents": ["amount"], "subjects": [words …],
     "area": the category's title, "rows": [[label, value, note, source number, [words]], …],
     "sources": [[regulation, article], …],
     "notes": [text …], "dues": {"bands": [[above, up_to, rate], …], "cases": {…}, "unit": 0.01}}
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..core.schema import pages_of
from ..core.schema.dues import ROUNDING, DuesBand, DuesTable, yuan


class Sources:
    """The regulations a card cites, numbered in the order first cited."""

    def __init__(self, kb: Any) -> None:
        self.kb = kb
        self.cited: list[list[str]] = []

    def number(self, source: str, article: str | None) -> int:
        entry = self.kb.get(source)
        cited = [entry.title if entry is not None else source, article or ""]
        if cited not in self.cited:
            self.cited.append(cited)
        return self.cited.index(cited)


def band_label(bands: tuple[DuesBand, ...], index: int) -> str:
    """3000元以下（含3000元）, 3000元以上至5000元（含5000元）, 10000元以上."""
    band = bands[index]
    low = band.above if index > 0 and band.above is not None else Decimal(0)
    if index == 0 and band.up_to is not None:
        return f"{yuan(band.up_to)}元以下（含{yuan(band.up_to)}元）"
    if band.up_to is None:
        return f"{yuan(low)}元以上"
    return f"{yuan(low)}元以上至{yuan(band.up_to)}元（含{yuan(band.up_to)}元）"


def bands_data(bands: tuple[DuesBand, ...]) -> list[list[Any]]:
    """[above, up_to, rate] with numbers as the calculator reads them (None: open)."""
    return [[float(b.above) if b.above is not None and i > 0 else None, float(b.up_to) if b.up_to is not None else None,
             float(b.rate)] for i, b in enumerate(bands)]


def dues_card(table: DuesTable, sources: Sources) -> tuple[str, list[list[Any]], list[str], dict[str, Any]]:
    main = sources.number(table.source, table.article)
    rows: list[list[Any]] = [[band_label(table.bands, i), f"{yuan(b.rate)}%", "", main, []] for i, b in enumerate(table.bands)]
    cases: dict[str, Any] = {}
    for case in table.cases:
        if case.fixed is not None:
            value = f"每月{yuan(case.fixed)}元"
        elif case.bands:
            value = "；".join(f"{band_label(case.bands, i)}{yuan(b.rate)}%" for i, b in enumerate(case.bands))
        else:
            value = "按上面的比例"
        if case.base:
            value += f"（基数：{case.base}）"
        rows.append([case.who, value, case.note or "", sources.number(case.source, case.article), [case.who]])
        cases[case.who] = {"bands": bands_data(case.bands or table.bands), "fixed": float(case.fixed) if case.fixed else None}
    calculator = {"bands": bands_data(table.bands), "cases": cases, "unit": float(ROUNDING[table.round_to]),
                  "base": table.base}
    return f"党费交纳比例（{table.base}）", rows, [table.rule], calculator


def meetings_card(aspect: Any, sources: Sources) -> tuple[str, list[list[Any]], list[str]]:
    rows = []
    for meeting in aspect.meetings:
        value = meeting.frequency + ("（习惯做法，规定未写次数）" if meeting.practice else "")
        rows.append([meeting.name, value, meeting.note or "", sources.number(meeting.source, meeting.article), [meeting.name]])
    return f"{aspect.title}：多久开一次", rows, []


def timing_card(aspect: Any, steps: dict[int, str], sources: Sources) -> tuple[str, list[list[Any]], list[str]]:
    rows = []
    for stage in aspect.stages:
        for step in stage.steps:
            for timing in step.timing:
                period = timing.at_least or timing.within
                after = steps.get(timing.after, f"第{timing.after}步")
                value = f"{after}后" + (f"至少{period.text}" if timing.at_least else f"{period.text}以内")
                rows.append([step.title, value, timing.rule, sources.number(timing.source, timing.article), [step.title, after]])
    return f"{aspect.title}：时限", rows, []


def cards(kb: Any) -> list[dict[str, Any]]:
    """The answer cards of every aspect that holds rules as data, in manual order."""
    if kb is None:
        return []
    pages = pages_of("aspect")
    out = []
    categories = {entry.id: entry for entry in kb.of_kind("category")}
    steps: dict[str | None, dict[int, str]] = {}
    """Step numbers run on through a category's aspects: category → number → title."""
    for entry in kb.of_kind("aspect"):
        for stage in entry.record.stages:
            steps.setdefault(entry.parent, {}).update({step.number: step.title for step in stage.steps})
    for entry in kb.of_kind("aspect"):
        aspect = entry.record
        made: list[tuple[str, list[list[Any]], list[str], list[str], dict[str, Any] | None]] = []
        sources = Sources(kb)
        if aspect.dues is not None:
            title, rows, notes, calculator = dues_card(aspect.dues, sources)
            made.append((title, rows, notes, ["amount"], calculator))
        if aspect.meetings:
            made.append((*meetings_card(aspect, sources), ["time"], None))
        if any(step.timing for stage in aspect.stages for step in stage.steps):
            made.append((*timing_card(aspect, steps.get(entry.parent, {}), sources), ["time"], None))
        for title, rows, notes, intents, worked in made:
            category = categories.get(entry.parent or "")
            card = {"title": title, "aspect": {"url": f"{pages.folder}/{entry.id}.html" if pages else "", "title": aspect.title},
                    "intents": intents, "subjects": list(dict.fromkeys([aspect.title, *aspect.colloquial])),
                    "area": category.record.title if category else "", "rows": rows,
                    "sources": sources.cited, "notes": notes}
            if worked:
                card["dues"] = worked
            out.append(card)
    return out

