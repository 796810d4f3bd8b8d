"""``category``: one of the 9 大项 of the 《红领党务通》 manual, holding its 方面 (aspects)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..problems import Problem
from .dues import DuesTable, check_dues
from .fields import Line, ListOf, Markdown, Ordinal, PlainText, Record, Ref, Slug
from .kind import Held, KindSpec, LinkScope, NestedSpec, Pages
from .meetings import Meeting, check_meetings
from .process import Stage, check_stages


class Step(Record):
    """One numbered step of an aspect's procedure."""

    title: Line
    """What to do, as an imperative (召开支委会研究确定议题)."""

    detail: Markdown | None = None
    """How to do it: who, when, what to prepare, what to record."""


class Form(Record):
    """A form, template or ledger the aspect needs."""

    name: Line
    """Name of the form (e.g. 入党申请人谈话记录)."""

    purpose: PlainText | None = None
    """What it records and who keeps it."""

    template: Ref("form") | None = None
    """The blank 文书模板 of this form, offered as a Word download beside it."""


class RuleCitation(Record):
    """A rule the aspect rests on, cited by the regulation's exact name."""

    source: Ref("source")
    """The regulation, as a ``source`` record of kind 党内法规 or 法律法规."""

    article: Line | None = None
    """Article or chapter, only where certain (e.g. 第十条)."""

    point: PlainText
    """What the rule requires, in the library's own words."""


class Mistake(Record):
    """A common mistake and how to avoid it."""

    mistake: PlainText
    """What new party-affairs workers often get wrong."""

    fix: PlainText
    """What to do instead."""


class Aspect(Record):
    """One of the 26 方面: a unit of practice a new party-affairs worker can follow step by step."""

    id: Slug
    """Global id; cases, lessons and terms cite aspects by it. Page URL: handbook/<id>.html."""

    number: Ordinal
    """Position within the category (1, 2, 3 …)."""

    title: Line
    """Heading of the aspect page."""

    summary: Markdown
    """What this work is and why it matters, in two or three sentences."""

    frequency: Line | None = None
    """How often it is done (每月一次、每季度一次、每年 …)."""

    requirements: ListOf(Markdown, min_length=1)
    """What the rules require, one point per item."""

    procedure: ListOf(Step, min_length=1)
    """Step-by-step procedure, in order."""

    checklist: ListOf(Line, min_length=1)
    """Things to tick off before calling the work done."""

    forms: ListOf(Form) = ()
    """Forms, templates and ledgers needed."""

    rules: ListOf(RuleCitation, min_length=1)
    """Regulations the aspect rests on."""

    mistakes: ListOf(Mistake) = ()
    """Common mistakes and how to avoid them."""

    cases: ListOf(Ref("case")) = ()
    """Cases that show this aspect in practice."""

    see_also: ListOf(Ref("aspect")) = ()
    """Closely related aspects."""

    # --- rules as data: what the page's tools compute from and answers quote -----------------

    dues: DuesTable | None = None
    """The 党费 rates (bands, special cases, worked examples): the 党费收缴 aspect's table and calculator."""

    stages: ListOf(Stage) = ()
    """The stages of the 发展党员 process this aspect covers, with numbered steps and their time
    rules; step numbers run on across the category's aspects (see :mod:`.process`)."""

    meetings: ListOf(Meeting) = ()
    """The meetings this aspect governs and how often each is held (see :mod:`.meetings`)."""


class Category(Record):
    id: Slug
    """Global id; the page URL is handbook/<id>.html."""

    number: Ordinal
    """Position among the categories (1—9)."""

    title: Line
    """Name of the category (e.g. 组织生活)."""

    summary: Markdown
    """What the category covers."""

    aspects: ListOf(Aspect, min_length=1)
    """The aspects of the category, in order."""


def check_numbering(scope: LinkScope, owners: Sequence[Held]) -> None:
    """Aspects are numbered uniquely within their category, categories across the manual."""
    seen_numbers: dict[int, Held] = {}
    for owner in owners:
        scope.unique(owner, "aspects", "number", owner.record.aspects, "方面序号")
        number = owner.record.number
        if number in seen_numbers:
            scope.problem(owner, ("number",), "E-DUP-LOCAL", f"大项序号 {number} 重复。",
                          "九个大项的序号应为 1—9，各不相同。", (scope.location(seen_numbers[number], ("number",)),))
        seen_numbers.setdefault(number, owner)


def check_shape(scope: LinkScope, owners: Sequence[Held]) -> None:
    """The manual has as many categories and aspects as the settings say (9 and 26)."""
    if not owners:
        return
    aspects = sum(len(o.record.aspects) for o in owners)
    want_c, want_a = scope.settings.manual_categories, scope.settings.manual_aspects
    if len(owners) != want_c or aspects != want_a:
        scope.add(Problem(
            "E-MANUAL-SHAPE", f"手册应有 {want_c} 个大项、{want_a} 个方面，现有 {len(owners)} 个大项、{aspects} 个方面。",
            f"{scope.settings.data_dir.name}/{KIND.folder}",
            hint="补齐或合并大项与方面；如果本地手册结构不同，在 mkdocs.yml 的 hongling 插件设置里修改 "
                 "manual_categories / manual_aspects。"))


HANDBOOK: dict[str, Any] = {"folder": "handbook", "index": "handbook/index.md", "index_title": "《红领党务通》党务手册", "in_nav": True}

KIND = KindSpec(
    "category", "manual", Category, "手册大项", "title",
    Pages("党务手册", backlink_rank=6, template="category.md.j2", **HANDBOOK),
    nested=(NestedSpec("aspect", "aspects", "手册方面", "title",
                       Pages("党务手册", backlink_rank=0, template="aspect.md.j2", **HANDBOOK)),),
    checks=(check_numbering, check_shape, check_dues, check_stages, check_meetings), chinese_keys={
        "流程": "procedure", "步骤": "procedure", "清单": "checklist", "表格": "forms", "制度": "rules",
        "依据": "rules", "常见错误": "mistakes", "频次": "frequency", "序号": "number",
        "党费标准": "dues", "交纳标准": "dues", "阶段": "stages", "会议": "meetings", "模板": "template",
    })
