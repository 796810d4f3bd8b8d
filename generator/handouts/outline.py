"""Lay out courses, cases and trainers' own handouts as blocks (:mod:`generator.handouts.blocks`).

Pure: from the knowledge base (through the :class:`Resolver`) to blocks; no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from ..core.kb import Entry
from ..core.schema.question import KIND_ORDER, answer_text
from ..site import figures
from ..site.render import MARKDOWN_SPECIALS
from ..site.resolver import Link, Resolver
from .blocks import (
    AnswerBlock,
    Block,
    Handout,
    Heading,
    Items,
    Md,
    Para,
    QuestionBlock,
    Table,
    heading_number,
)
from .exam import handout_exam


@dataclass
class Outline:
    """Builds blocks while numbering the headings of each level."""

    site: Resolver
    blocks: list[Block] = field(default_factory=list)
    counters: list[int] = field(default_factory=lambda: [0, 0, 0, 0, 0])
    sources: list[str] = field(default_factory=list)
    headings: int = 0

    def heading(self, level: int, text: str, *, link: Link | None = None, anchor: str = "",
                new_page: bool = False) -> Heading:
        """A numbered heading with an anchor (the contents link to it). A new page asked for right
        under another heading is asked for by the first heading of that run instead, so that no
        page ends with a lone heading."""
        self.counters[level] += 1
        for deeper in range(level + 1, len(self.counters)):
            self.counters[deeper] = 0
        if new_page and self.blocks and isinstance(self.blocks[-1], Heading):
            first = len(self.blocks) - 1
            while first > 0 and isinstance(self.blocks[first - 1], Heading):
                first -= 1
            self.blocks[first] = replace(self.blocks[first], new_page=True)  # type: ignore[arg-type]
            new_page = False
        self.headings += 1
        anchor = anchor or f"s-{self.headings}"
        heading = Heading(level, text, heading_number(level, self.counters[level]), link, anchor, new_page)
        self.blocks.append(heading)
        return heading

    def add(self, *blocks: Block | None) -> None:
        self.blocks.extend(b for b in blocks if b is not None)

    def cite(self, *source_ids: str | None) -> None:
        for source_id in source_ids:
            if source_id and source_id not in self.sources and self.site.visible(source_id):
                self.sources.append(source_id)

    # --- what the library's records look like in a handout ---------------------------------

    def aspect(self, entry: Entry, level: int, *, anchor: str = "") -> None:
        """An aspect in full, on screen, on paper and in Word alike: a handout is read away from
        the site, so it never sends the reader to a link."""
        aspect = entry.record
        self.heading(level, aspect.title, link=self.site.link(entry.id), anchor=anchor)
        self.add(Para(Md(aspect.summary)),
                 Para(aspect.frequency, "频次") if aspect.frequency else None,
                 Items(tuple(Md(r) for r in aspect.requirements), label="工作要求"),
                 Items(tuple(Md(f"**{s.title}**" + (f"：{s.detail}" if s.detail else "")) for s in aspect.procedure),
                       ordered=True, label="操作步骤"),
                 Items(tuple(f"□ {item}" for item in aspect.checklist), label="检查清单"))
        if aspect.forms:
            self.add(Table(("表单", "用途"), tuple((f.name, f.purpose or "—") for f in aspect.forms), "所需表单"))
        self.add(Items(tuple(f"{self.source_title(r.source)}{r.article or ''}：{r.point}" for r in aspect.rules),
                       label="依据的规定"))
        self.cite(*(r.source for r in aspect.rules))
        if aspect.mistakes:
            self.add(Items(tuple(f"容易出错：{m.mistake} 正确做法：{m.fix}" for m in aspect.mistakes), label="常见错误"))

    def case(self, entry: Entry, level: int | None, *, anchor: str = "") -> None:
        """A case; ``level`` None lays it out as a whole document (the case's own handout)."""
        case = entry.record
        region = self.site.link(case.region)
        facts = [("地区", region.title if region else ""), ("发布单位", case.issuer or ""),
                 ("时间", figures.when(case.year, case.period))]
        if level is not None:
            self.heading(level, case.title, link=self.site.link(entry.id), anchor=anchor)
        else:
            self.heading(1, "基本情况")
        self.add(*(Para(value, label) for label, value in facts if value))
        self.add(Para(Md(case.summary)))
        if case.problem:
            self.add(Para(Md(case.problem), "要解决的问题"))
        if level is None:
            self.heading(1, "主要做法")
            for named in case.practices:
                self.heading(2, named.name)
                self.add(Para(Md(named.description)))
                if named.problem:
                    self.add(Para(Md(named.problem), "针对的问题"))
        else:
            self.add(Items(tuple(Md(f"**{n.name}**：{n.description}") for n in case.practices), label="主要做法"))
        if level is None:
            self.heading(1, "工作成效")
        if case.outcomes:
            self.add(Items(tuple(Md(o) for o in case.outcomes), label="成效"))
        if case.metrics:
            self.add(self.sourced_table(("指标", "数值", "时间"),
                                        tuple((m.label, figures.statement(m),
                                               figures.time_frame(m, self.site.source_date(m.source)) or "—")
                                              for m in case.metrics),
                                        tuple(m.source for m in case.metrics), "主要数字（限定词与年份照录来源）"))
        self.cite(*case.sources, *(m.source for m in case.metrics))

    def sourced_table(self, headers: tuple[str, ...], rows: tuple[tuple[str, ...], ...],
                      sources: tuple[str | None, ...], caption: str) -> Table:
        """A table whose rows come from sources, each source cited once in a note under it: with one
        source there is no source column at all; with several, a narrow 出处 column numbers them."""
        distinct = list(dict.fromkeys(s for s in sources if s))
        titles = [self.source_title(s) for s in distinct]
        if len(distinct) <= 1:
            return Table(headers, rows, caption, note=f"出处：{titles[0]}。" if titles else "")
        marks = {source: note_mark(n) for n, source in enumerate(distinct, 1)}
        marked = tuple((*row, marks.get(source or "", "—")) for row, source in zip(rows, sources, strict=True))
        return Table((*headers, "出处"), marked, caption,
                     note="出处：" + "；".join(f"{note_mark(n)}{t}" for n, t in enumerate(titles, 1)) + "。")

    def source_title(self, source_id: str) -> str:
        entry = self.site.kb.get(source_id)
        return f"《{entry.title}》" if entry is not None else source_id

    def quiz(self, aspect_ids: Iterable[str], level: int, per_aspect: int) -> tuple[Block, ...]:
        """Up to ``per_aspect`` questions on each aspect, in the order the aspects were read;
        returns the matching answer key."""
        return self.quiz_of([q for aspect_id in dict.fromkeys(aspect_ids) for q in draw(self.site, aspect_id, per_aspect)],
                            level)

    def quiz_of(self, questions: list[Entry], level: int) -> tuple[Block, ...]:
        """A quiz of these questions, in this order; returns the matching answer key."""
        if not questions:
            return ()
        self.heading(level, "测验", anchor="quiz", new_page=True)
        self.add(Para("答案另附，见本讲义的答案页。"))
        answers: list[Block] = []
        for number, entry in enumerate(questions, 1):
            question = entry.record
            self.add(QuestionBlock(number, entry.id, question.kind, question.stem,
                                   tuple((o.key, o.text) for o in question.options),
                                   3 if question.kind == "简答" else 0))
            basis = question.basis
            answers.append(AnswerBlock(number, entry.id, answer_text(question), question.explanation,
                                       f"{self.source_title(basis.source)}{basis.article or ''}"
                                       + (f"：{basis.point}" if basis.point else "")))
            self.cite(basis.source)
        return tuple(answers)

    def bibliography(self, level: int) -> None:
        if not self.sources:
            return
        self.heading(level, "参考来源", anchor="sources")
        self.add(Items(tuple(citation(self.site.kb.entries[s].record) for s in self.sources), ordered=True))


COURSE_QUIZ_PER_ASPECT = 2
"""A course reads many aspects: two questions each keep its quiz to a class period."""


def draw(site: Resolver, aspect_id: str, limit: int) -> list[Entry]:
    """The aspect's questions taken one kind at a time (单选, 多选, 判断, 简答, then again), so that
    a short quiz still mixes kinds; deterministic (by id within a kind)."""
    by_kind: dict[str, list[Entry]] = {}
    for entry in sorted(site.referrers(aspect_id, "question"), key=lambda e: e.id):
        by_kind.setdefault(entry.record.kind, []).append(entry)
    queues = [by_kind[k] for k in sorted(by_kind, key=lambda k: KIND_ORDER.get(k, 9))]
    drawn: list[Entry] = []
    while len(drawn) < limit and any(queues):
        for queue in queues:
            if queue and len(drawn) < limit:
                drawn.append(queue.pop(0))
    return drawn


CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def note_mark(n: int) -> str:
    """①, ②, … ⑳, then [21]: the mark of a note under a table."""
    return CIRCLED[n - 1] if 1 <= n <= len(CIRCLED) else f"[{n}]"


def literal(text: str) -> str:
    """Plain text (a title) inside a Markdown text the outline writes: Markdown specials escaped."""
    return MARKDOWN_SPECIALS.sub(r"\\\1", text)


def page_ref(text: str, anchor: str) -> str:
    """A reference to another place in the same handout (``[见第二课](#r-…)``): the print view adds
    the printed page (，第 5 页) when it lays out its pages; Word keeps the text."""
    return f"[{literal(text)}](#{anchor})"


def citation(source: object) -> str:
    """《题名》，发布者，文号，日期 — the parts a source has, in the usual order."""
    parts = [f"《{source.title}》", source.publisher, source.doc_number, source.date]  # type: ignore[attr-defined]
    authors = "、".join(source.authors)  # type: ignore[attr-defined]
    return "，".join(str(p) for p in parts if p) + (f"（{authors}）" if authors else "")


# --- the three kinds of handout ------------------------------------------------------------------


def course_handout(entry: Entry, site: Resolver) -> Handout:
    course = entry.record
    out = Outline(site)
    lessons = [(module, lesson) for module in course.modules for lesson in module.lessons]
    total = sum((lesson.hours for _, lesson in lessons), start=0)
    out.heading(1, "课程概况", anchor="overview")
    out.add(Para("、".join(course.audience), "对象"), Para(course.provider, "举办单位") if course.provider else None,
            Para(f"{figures.number(total)} 学时", "总学时") if lessons else None, Para(Md(course.summary)))
    if course.objectives:
        out.add(Items(tuple(course.objectives), ordered=True, label="培训目标"))
    if lessons:
        out.heading(1, "课程安排", anchor="schedule")
        out.add(Table(("模块", "课", "学时", "形式", "必修/选修"),
                      tuple((module.title, lesson.title, figures.number(lesson.hours), lesson.format,
                             "必修" if lesson.required else "选修") for module, lesson in lessons)))
        out.heading(1, "教学内容", anchor="lessons")
        read_in: dict[str, str] = {}
        studies: list[Entry] = []
        for module, lesson in lessons:
            here = out.heading(2, lesson.title, anchor=f"l-{lesson.id}", new_page=True).number
            out.add(Para(f"{module.title}；{figures.number(lesson.hours)} 学时；{lesson.format}；"
                         f"{'必修' if lesson.required else '选修'}", "安排"))
            if lesson.summary:
                out.add(Para(Md(lesson.summary)))
            if lesson.objectives:
                out.add(Items(tuple(lesson.objectives), label="学完能够"))
            again = [a for a in lesson.readings if a in read_in and site.kb.get(a) is not None]
            if again:
                out.add(Items(tuple(Md(f"{literal(site.kb.entries[a].title)}（"
                                       f"{page_ref('见第' + read_in[a].strip('（）') + '课', 'r-' + a)}）")
                                    for a in again), label="复习"))
            for aspect_id in lesson.readings:
                aspect = site.kb.get(aspect_id)
                if aspect is not None and aspect_id not in read_in:
                    read_in[aspect_id] = here
                    out.aspect(aspect, 3, anchor=f"r-{aspect_id}")
            cases = [site.kb.entries[c] for c in lesson.cases if site.visible(c)]
            for case in cases:
                if case not in studies:
                    studies.append(case)
            if cases:
                out.add(Items(tuple(Md(f"{literal(c.title)}（{page_ref(f'见“案例材料”第{studies.index(c) + 1}篇', 'c-' + c.id)}）")
                                    for c in cases), label="案例"))
            visits = site.links(lesson.sites)
            if visits:
                out.add(Items(tuple(link.title for link in visits), label="观摩"))
            if lesson.questions:
                out.add(Items(tuple(lesson.questions), ordered=True, label="讨论题"))
        if studies:
            out.heading(1, "案例材料", anchor="cases", new_page=True)
            for case in studies:
                out.case(case, 2, anchor=f"c-{case.id}")
    if course.levels:
        titles = {lesson.id: lesson.title for _, lesson in lessons}
        out.heading(1, "认证等级", anchor="levels", new_page=True)
        for level in sorted(course.levels, key=lambda v: v.order):
            out.heading(2, level.name)
            out.add(Items(tuple(Md(r) for r in level.requirements), label="要求"))
            prepared = [titles[i] for i in level.lessons if i in titles]
            if prepared:
                out.add(Para("、".join(prepared), "备考课程"))
            if level.renewal:
                out.add(Para(Md(level.renewal), "保持与调整"))
    if course.assessment:
        out.heading(1, "考核", anchor="assessment")
        out.add(Para(Md(course.assessment)))
    answers = out.quiz((a for _, lesson in lessons for a in lesson.readings), 1, COURSE_QUIZ_PER_ASPECT)
    out.cite(*course.sources)
    out.bibliography(1)
    cover = (("对象", "、".join(course.audience)), ("举办单位", course.provider or ""),
             ("总学时", f"{figures.number(total)} 学时" if lessons else ""))
    return Handout(entry.id, "course", course.title, "培训讲义" + (f" · {course.provider}" if course.provider else ""),
                   entry, tuple(out.blocks), answers, tuple((k, v) for k, v in cover if v))


def case_handout(entry: Entry, site: Resolver) -> Handout:
    case = entry.record
    out = Outline(site)
    out.case(entry, None)
    out.bibliography(1)
    return Handout(entry.id, "case", case.title, f"案例材料 · {case.brand}", entry, tuple(out.blocks))


def custom_handout(entry: Entry, site: Resolver) -> Handout:
    handout = entry.record
    out = Outline(site)
    out.add(Para("、".join(handout.audience), "对象"))
    if handout.summary:
        out.add(Para(Md(handout.summary)))
    aspects: list[str] = []
    for section in handout.sections:
        out.heading(1, section.title, new_page=bool(out.counters[1]))
        if section.note:
            out.add(Para(Md(section.note)))
        for item_id in section.include:
            item = site.kb.get(item_id)
            if item is None or not site.visible(item_id):
                continue
            if item.kind == "aspect":
                aspects.append(item_id)
                out.aspect(item, 2)
            else:
                out.case(item, 2)
    if handout.questions:
        answers = out.quiz_of([site.kb.entries[q] for q in handout.questions if q in site.kb.entries], 1)
    else:
        answers = out.quiz(aspects, 1, handout.quiz_per_aspect) if handout.quiz else ()
    out.bibliography(1)
    return Handout(entry.id, "custom", handout.title, handout.subtitle or "培训讲义", entry, tuple(out.blocks), answers,
                   (("对象", "、".join(handout.audience)),), handout_exam(entry, site.kb))


def all_handouts(site: Resolver) -> list[Handout]:
    return ([course_handout(e, site) for e in site.entries("curriculum")]
            + [case_handout(e, site) for e in site.entries("case")]
            + [custom_handout(e, site) for e in site.entries("handout")])
