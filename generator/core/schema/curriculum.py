"""``curriculum``: a training programme, course menu or certification ladder."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from .fields import Bool, Line, ListOf, Markdown, Number, Ordinal, PlainText, Record, Ref, Slug
from .kind import Held, KindSpec, LinkScope, Pages

CurriculumKind = Literal["培训项目", "认证阶梯", "课程菜单"]
Audience = Literal[
    "党组织书记", "党务工作者", "党员", "入党积极分子", "发展对象", "党建指导员", "红心导师",
    "企业出资人", "企业管理人员", "驻企干部",
]
LessonFormat = Literal["集中授课", "实地观摩", "经验交流", "线上", "研讨", "实训", "考核"]


class Lesson(Record):
    """One lesson: what is taught, how long, in what form, with which readings and cases."""

    id: Slug
    """Id unique within the curriculum; levels cite lessons by it."""

    title: Line
    """Title of the lesson."""

    hours: Number
    """Length in class hours (学时)."""

    format: LessonFormat
    """How it is taught (集中授课、实地观摩、经验交流、线上 …)."""

    required: Bool = True
    """Whether the lesson is compulsory (必修) or elective (选修)."""

    summary: Markdown | None = None
    """What the lesson covers."""

    objectives: ListOf(Line) = ()
    """What a participant can do afterwards."""

    readings: ListOf(Ref("aspect")) = ()
    """Manual aspects to read; they are inlined in handouts."""

    cases: ListOf(Ref("case")) = ()
    """Case studies discussed in the lesson."""

    sites: ListOf(Ref("site")) = ()
    """Sites visited (for 实地观摩)."""

    questions: ListOf(PlainText) = ()
    """Discussion questions."""


class Module(Record):
    """A module groups lessons on one theme."""

    id: Slug
    """Id unique within the curriculum."""

    title: Line
    """Title of the module."""

    summary: Markdown | None = None
    """What the module is for."""

    lessons: ListOf(Lesson, min_length=1)
    """Lessons in teaching order."""


class Level(Record):
    """A rung of a certification ladder (e.g. 红领党务认证 初级)."""

    id: Slug
    """Id unique within the curriculum."""

    name: Line
    """Name of the level as the source gives it."""

    order: Ordinal
    """1 for the entry level, increasing upwards."""

    requirements: ListOf(Markdown, min_length=1)
    """What a candidate must show to reach this level."""

    lessons: ListOf(Slug) = ()
    """Ids of this curriculum's lessons that prepare for the level."""

    renewal: Markdown | None = None
    """How the level is kept, raised, lowered or withdrawn."""


class Curriculum(Record):
    id: Slug
    """Stable id; the page URL is courses/<id>.html."""

    title: Line
    """Title of the programme."""

    kind: CurriculumKind
    """Training programme, certification ladder or on-demand course menu."""

    provider: Line | None = None
    """Who runs it (e.g. 济南高新区两新组织党建学院)."""

    region: Ref("region") | None = None
    """Where it is run, when it belongs to one place."""

    audience: ListOf(Audience, min_length=1)
    """Who it is for."""

    summary: Markdown
    """What the programme is and how it runs."""

    objectives: ListOf(Line) = ()
    """What participants can do at the end."""

    prerequisites: ListOf(Ref("curriculum")) = ()
    """Curricula to complete first."""

    modules: ListOf(Module) = ()
    """Modules in order."""

    levels: ListOf(Level) = ()
    """Certification levels, for ladders."""

    assessment: Markdown | None = None
    """How participants are assessed."""

    practice: Ref("practice") | None = None
    """The recurring practice this curriculum implements (e.g. 红领党务认证)."""

    cases: ListOf(Ref("case")) = ()
    """Cases the curriculum is grounded in."""

    sources: ListOf(Ref("source")) = ()
    """Where the programme is described."""

    note: PlainText | None = None
    """Editorial note, e.g. which parts are the library's own design rather than from a source."""


def check_structure(scope: LinkScope, owners: Sequence[Held]) -> None:
    """Module, lesson and level ids are unique within a course, and levels name its lessons."""
    for owner in owners:
        record = owner.record
        modules = scope.unique(owner, "modules", "id", record.modules, "模块编号")
        lessons: set[str] = set()
        for m_index, module in enumerate(record.modules):
            for l_index, lesson in enumerate(module.lessons):
                if lesson.id in lessons or lesson.id in modules:
                    scope.problem(owner, ("modules", m_index, "lessons", l_index, "id"), "E-DUP-LOCAL",
                                  f"课时编号 “{lesson.id}” 在本课程中重复。", "同一课程内的课时编号必须唯一。")
                lessons.add(lesson.id)
        scope.unique(owner, "levels", "id", record.levels, "等级编号")
        scope.unique(owner, "levels", "order", record.levels, "等级顺序")
        for v_index, level in enumerate(record.levels):
            for i, lesson_id in enumerate(level.lessons):
                if lesson_id not in lessons:
                    scope.local_missing(owner, ("levels", v_index, "lessons", i), lesson_id, lessons, "课时")


KIND = KindSpec("curriculum", "curricula", Curriculum, "课程", "title",
                Pages("培训课程", backlink_rank=7, folder="courses", template="curriculum.md.j2",
                      index="courses/index.md", index_title="培训课程"),
                acyclic=("prerequisites",), checks=(check_structure,), chinese_keys={
        "学时": "hours", "课时": "lessons", "形式": "format", "目标": "objectives", "阅读": "readings",
        "讨论题": "questions", "模块": "modules", "等级": "levels", "考核": "assessment",
        "前置课程": "prerequisites", "必修": "required",
    })
