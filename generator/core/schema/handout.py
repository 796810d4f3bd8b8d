"""``handout``: a trainer's own handout — chosen manual aspects and cases, in the trainer's order,
a quiz drawn from the question bank or chosen question by question, and an exam (试卷) drawn from
the bank by aspects and counts per kind, reproducible from its seed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from pydantic import model_validator

from .curriculum import Audience
from .fields import Bool, Line, ListOf, Markdown, Ordinal, PlainText, Record, Ref, Slug, fail
from .kind import Held, KindSpec, LinkScope, Pages, SheetHints
from .manual import Aspect, Category
from .question import QuestionKind

DEFAULT_POINTS = {"单选": 2, "多选": 3, "判断": 1, "简答": 10}
"""Points per question of each kind when an exam does not say."""


class HandoutSection(Record):
    """One part of the handout; it prints as 一、二、… with its aspects and cases under it."""

    title: Line
    """Heading of the part (e.g. 发展党员的程序)."""

    note: Markdown | None = None
    """What the trainer wants to say before the material (why it is here, what to look for)."""

    include: ListOf(Ref("aspect", "case"), min_length=1)
    """Manual aspects and cases, by id, in the order they are printed."""


class ExamPart(Record):
    """One part of an exam: how many questions of one kind, and what each is worth."""

    kind: QuestionKind
    """单选, 多选, 判断 or 简答; the parts print in the order written."""

    count: Ordinal
    """How many questions of this kind the exam draws."""

    points: Ordinal | None = None
    """Points per question; 单选 2, 多选 3, 判断 1, 简答 10 when left out."""


class Exam(Record):
    """An exam (试卷) drawn from the question bank, printed as a Word paper with a separate answer
    sheet (答题卡) and a scoring key (参考答案及评分标准)."""

    title: Line | None = None
    """Title of the paper; the handout's title when left out."""

    aspects: ListOf(Ref("aspect", "category")) = ()
    """Manual aspects (or whole categories) the questions are drawn from; the handout's own
    aspects when left out."""

    parts: ListOf(ExamPart, min_length=1)
    """The parts of the paper, one per kind of question."""

    minutes: Ordinal | None = None
    """Time allowed, printed under the title."""

    seed: Ordinal = 1
    """Which draw: the same seed and the same question bank always give the same paper; another
    seed gives another paper."""

    @model_validator(mode="after")
    def _one_part_per_kind(self) -> Exam:
        first: dict[str, int] = {}
        for index, part in enumerate(self.parts):
            if part.kind in first:
                raise fail("E-DUP-LOCAL", f"题型 {part.kind} 在试卷中写了两次。",
                           f"把两部分合成一部分，题数（count）相加；这是第 {index + 1} 部分。",
                           at=("parts", index, "kind"), also=("parts", first[part.kind], "kind"))
            first[part.kind] = index
        return self


class CustomHandout(Record):
    id: Slug
    """Stable id; the print view is handouts/<id>.html and the Word file downloads/<id>.docx."""

    title: Line
    """Title printed at the top of the handout."""

    subtitle: Line | None = None
    """Line under the title (occasion, date, trainer's unit); 培训讲义 when left out."""

    audience: ListOf(Audience, min_length=1)
    """Who the handout is for."""

    summary: Markdown | None = None
    """Opening paragraph: what the session is for."""

    sections: ListOf(HandoutSection, min_length=1)
    """The parts of the handout, in order."""

    quiz: Bool = True
    """Whether to add a quiz drawn from the question bank for the included aspects, with a separate
    answer key."""

    quiz_per_aspect: Ordinal = 3
    """How many questions the quiz takes from each included aspect (kinds mixed)."""

    questions: ListOf(Ref("question")) = ()
    """The quiz's questions, by id, in order, instead of drawing them (the handout builder on the
    site writes this list)."""

    exam: Exam | None = None
    """An exam drawn from the question bank, as Word documents besides the handout."""

    note: PlainText | None = None
    """Editorial note, not printed."""


def exam_aspects(handout: CustomHandout, record: Callable[[str], Any]) -> list[str]:
    """The aspects an exam draws from, in the order given: its own list (a category stands for its
    aspects) or else the aspects the handout includes. ``record`` looks a record up by id."""
    assert handout.exam is not None
    named = handout.exam.aspects or tuple(i for s in handout.sections for i in s.include)
    out: list[str] = []
    for record_id in named:
        found = record(record_id)
        if isinstance(found, Category):
            out += [a.id for a in sorted(found.aspects, key=lambda a: a.number)]
        elif isinstance(found, Aspect):
            out.append(record_id)
    return list(dict.fromkeys(out))


def check_exam(scope: LinkScope, owners: Sequence[Held]) -> None:
    """Each part of an exam finds enough questions of its kind in the exam's aspects."""
    questions = scope.of_kind("question")
    for owner in owners:
        handout = owner.record
        if handout.exam is None:
            continue
        aspects = set(exam_aspects(handout, scope.record))
        for index, part in enumerate(handout.exam.parts):
            have = sum(q.aspect in aspects and q.kind == part.kind for q in questions)
            if have < part.count:
                where = "exam.aspects 所列方面" if handout.exam.aspects else "讲义收入的方面"
                scope.problem(owner, ("exam", "parts", index, "count"), "E-EXAM-SHORT",
                              f"{where}只有 {have} 道{part.kind}题，试卷要 {part.count} 道。",
                              f"把 count 改为 {have} 以下，在 exam.aspects 中增加方面，或先往题库补充{part.kind}题。")


KIND = KindSpec("handout", "handouts", CustomHandout, "讲义", "title",
                Pages("培训课程", backlink_rank=9, folder="handouts"), checks=(check_exam,),
                sheet=SheetHints(headers={"subtitle": "副标题", "sections": "部分", "include": "收录",
                                          "quiz": "测验", "quiz_per_aspect": "每方面题数"}), chinese_keys={
        "试卷": "exam", "考试": "exam", "题数": "count", "数量": "count", "分值": "points", "每题分值": "points",
        "考试时间": "minutes", "种子": "seed", "随机种子": "seed", "部分": "parts", "测验": "quiz",
        "测验题": "questions",
    })
"""A trainer's handout is printed from its laid-out blocks (:mod:`generator.handouts`): no template."""
