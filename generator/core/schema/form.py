"""``form``: a blank 文书模板 (会议记录, 请示, 党费收缴登记表 …), written out as a Word document at build.

A template is a list of parts, each one thing on the page: a heading, a fixed sentence, the
addressee of a 请示, a grid of labelled blanks, a table with blank rows, the signature lines.
The documents stage lays the parts out in the official layout (:mod:`generator.handouts.forms`);
the 文书模板 page lists every template with its download, and an aspect's 所需表单 links the
template of each form that names one (``forms[].template``).
"""

from __future__ import annotations

from collections.abc import Sequence

from .fields import Bool, Line, ListOf, Ordinal, PlainText, Record, Slug
from .kind import Held, KindSpec, LinkScope, Pages

PART_KEYS = ("heading", "text", "to", "fields", "table", "sign")
"""The keys of a part, one of which each part writes."""


class Blank(Record):
    """A labelled blank of a grid (时间 ______), optionally pre-printed (□党员大会 □支委会)."""

    label: Line
    """What goes in it (时间, 主持人, 缺席人员及原因)."""

    lines: Ordinal = 1
    """How many lines of writing space (会议内容: 12)."""

    text: Line | None = None
    """Pre-printed text in the blank: tick boxes or units (□党员大会 □支委会; ____人)."""


class BlankTable(Record):
    """A table with a header row and rows to fill in."""

    columns: ListOf(Line, min_length=1)
    """Column headings (序号, 姓名, 交纳基数（元）…)."""

    rows: Ordinal = 10
    """How many blank rows (when ``items`` is empty)."""

    items: ListOf(Line) = ()
    """Pre-printed first cells, one row each (a 材料目录 lists the materials; the rest stays blank)."""

    numbered: Bool = True
    """Whether the first column numbers the rows (序号 1, 2, 3 …)."""


class Part(Record):
    """One thing on the page; exactly one of its keys is written."""

    heading: Line | None = None
    """A heading (一、会议议题)."""

    text: PlainText | None = None
    """A fixed paragraph or a bracketed prompt (（写明请示的缘由……）; 妥否，请批示。)."""

    to: Line | None = None
    """The addressee of a 请示 or 报告, flush left (中共××党委（党工委）：)."""

    fields: ListOf(Blank) = ()
    """A grid of labelled blanks."""

    table: BlankTable | None = None
    """A table with blank rows."""

    sign: ListOf(Line) = ()
    """Signature lines set to the right (中共××支部委员会; ××××年××月××日)."""


class FormTemplate(Record):
    id: Slug
    """Stable id: the anchor on the 文书模板 page and the Word file's name (downloads/forms/<id>.docx)."""

    title: Line
    """The document's title as printed (党支部会议记录)."""

    purpose: PlainText
    """What the document is for and who keeps it."""

    landscape: Bool = False
    """Print across the page (wide tables such as the 党费收缴登记表)."""

    parts: ListOf(Part, min_length=1)
    """What the page holds, top to bottom."""


def docx_path(form_id: str) -> str:
    """Where the template's Word document is in the site (the documents stage writes it there)."""
    return f"downloads/forms/{form_id}.docx"


def check_parts(scope: LinkScope, owners: Sequence[Held]) -> None:
    """Each part writes exactly one thing (a heading, a text, a grid …)."""
    for owner in owners:
        for index, part in enumerate(owner.record.parts):
            written = [key for key in PART_KEYS if getattr(part, key) not in (None, ())]
            if len(written) != 1:
                found = "、".join(written) if written else "什么也没写"
                scope.problem(owner, ("parts", index), "E-ONE-OF", f"第{index + 1}部分应当只写一项内容，实际：{found}。",
                              "每部分只写 " + "、".join(PART_KEYS) + " 中的一项；要写几项就分成几个部分（每个以“- ”开头）。")
            table = part.table
            if table is not None and table.items and len(table.columns) < 1 + table.numbered:
                scope.problem(owner, ("parts", index, "table", "columns"), "E-TOO-FEW",
                              f"表格有序号和预先印好的项目，至少要 {1 + table.numbered} 列，实际 {len(table.columns)} 列。",
                              "加一列放项目名称，或写 numbered: false 不要序号列。")


KIND = KindSpec("form", "forms", FormTemplate, "文书模板", "title",
                Pages("文书模板", backlink_rank=11, shared="forms.md", index="forms.md", index_title="文书模板"),
                checks=(check_parts,), chinese_keys={
        "用途": "purpose", "横向": "landscape", "部分": "parts", "栏目": "fields", "表": "table",
        "列": "columns", "行数": "rows", "落款": "sign", "主送": "to", "小标题": "heading",
    })
