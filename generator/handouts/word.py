"""Handouts as Word documents laid out after the conventions of Chinese official material.

A4 with the margins of GB/T 9704 (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm); the title in
宋体 二号 centred; headings numbered 一、（一）1.（1） in 黑体, 楷体, bold 仿宋 and 仿宋; body text
仿宋 三号 on a fixed 28 pt line; tables in 仿宋 小四 with a repeated header row; page numbers
“— 1 —” centred in the footer. Fonts are named in the styles (Word's built-in “Title”,
“Heading 1–4”, “Normal”, plus 表格文字 and 题目选项), so a trainer restyles the whole document by
editing a style, and Word's navigation pane lists the headings. Numbers are plain text, not Word
list numbering, so they read the same in Word, WPS and LibreOffice.

The file is reproducible: fixed document properties and zip entries dated from the build's date.
"""

from __future__ import annotations

import functools
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from .blocks import PRINT, AnswerBlock, Blanks, Block, Handout, Heading, Items, Md, Para, QuestionBlock, Table, Text
from .word_markdown import Paragraph, Run, paragraphs

BODY_FONT = "仿宋"
HEADING_FONTS = {1: ("黑体", False), 2: ("楷体", False), 3: ("仿宋", True), 4: ("仿宋", False)}
TITLE_FONT = "宋体"
SIZE_TITLE = Pt(22)   # 二号
SIZE_BODY = Pt(16)    # 三号
SIZE_TABLE = Pt(12)   # 小四
LINE = Pt(28)
TABLE_STYLE = "表格文字"
OPTION_STYLE = "题目选项"


ZIP_EPOCH = 315532800
"""1980-01-01, the zip format's first day: the date of every part when the build has no date."""


def build_date(epoch: int | None) -> datetime:
    """The documents' date: the build's (``Settings.source_date_epoch``), or 1980-01-01 without one,
    so that the same data always gives the same bytes."""
    return datetime.fromtimestamp(max(epoch if epoch is not None else ZIP_EPOCH, ZIP_EPOCH), tz=UTC)


def _font(style_or_run, name: str, size: Pt | None = None, bold: bool | None = None) -> None:
    font = style_or_run.font
    font.name = name
    if size is not None:
        font.size = size
    if bold is not None:
        font.bold = bold
    font.color.rgb = RGBColor(0, 0, 0)
    r_pr = style_or_run.element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.append(fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _styles(document: DocxDocument) -> None:
    styles = document.styles
    normal = styles["Normal"]
    _font(normal, BODY_FONT, SIZE_BODY)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = LINE
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.first_line_indent = Pt(32)
    title = styles["Title"]
    _font(title, TITLE_FONT, SIZE_TITLE, False)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.space_after = Pt(12)
    title.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if title.element.pPr is not None:
        title.element.pPr.remove_all("w:pBdr")
    subtitle = styles["Subtitle"]
    _font(subtitle, "楷体", SIZE_BODY, False)
    subtitle.font.italic = False
    subtitle.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle.paragraph_format.first_line_indent = Pt(0)
    subtitle.paragraph_format.space_after = Pt(16)
    for level, (name, bold) in HEADING_FONTS.items():
        heading = styles[f"Heading {level}"]
        _font(heading, name, SIZE_BODY, bold)
        heading.font.italic = False
        heading.paragraph_format.first_line_indent = Pt(32)
        heading.paragraph_format.space_before = Pt(6)
        heading.paragraph_format.space_after = Pt(0)
        heading.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        heading.paragraph_format.line_spacing = LINE
        heading.paragraph_format.keep_with_next = True
    table_text = styles.add_style(TABLE_STYLE, 1)
    table_text.base_style = normal
    _font(table_text, BODY_FONT, SIZE_TABLE)
    table_text.paragraph_format.first_line_indent = Pt(0)
    table_text.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    option = styles.add_style(OPTION_STYLE, 1)
    option.base_style = normal
    option.paragraph_format.first_line_indent = Pt(0)
    option.paragraph_format.left_indent = Pt(64)


def _page(document: DocxDocument, landscape: bool = False) -> None:
    section = document.sections[0]
    if landscape:  # wide forms: the portrait margins turned with the page
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Mm(28), Mm(26)
        section.left_margin, section.right_margin = Mm(37), Mm(35)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.paragraph_format.first_line_indent = Pt(0)
    footer._p.append(parse_xml(f'<w:r xmlns:w="{W_NS}"><w:t xml:space="preserve">— </w:t></w:r>'))
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    number = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    number.append(text)
    field.append(number)
    footer._p.append(field)
    footer._p.append(parse_xml(f'<w:r xmlns:w="{W_NS}"><w:t xml:space="preserve"> —</w:t></w:r>'))


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TEXT_WIDTH_TWIPS = 8844  # 156 mm between the margins
LANDSCAPE_WIDTH_TWIPS = 12756  # 225 mm between the margins of a landscape page
BLANK_LINE_TWIPS = 454  # 8 mm of writing space per line of a blank form
SHORT_BLANK = 3
"""A blank of up to this many lines is kept on one page; a taller one may run on to the next."""
INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _text(text: str) -> str:
    return escape(INVALID_XML.sub("", text))


def run_xml(text: str, bold: bool = False, italic: bool = False) -> str:
    properties = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    lines = "<w:br/>".join(f'<w:t xml:space="preserve">{_text(line)}</w:t>' for line in text.split("\n"))
    return f"<w:r>{f'<w:rPr>{properties}</w:rPr>' if properties else ''}{lines}</w:r>"


ALIGNMENTS = {"right": '<w:ind w:firstLine="0"/><w:jc w:val="right"/>', "flush": '<w:ind w:firstLine="0"/>'}
"""Paragraph properties of :attr:`Para.align`: a signature set right, an addressee flush left."""


def paragraph_xml(runs: str, style: str | None = None, *, keep_next: bool = False, indent_pt: int = 0,
                  align: str = "") -> str:
    """A paragraph; ``keep_next`` keeps it on the page of the next one (a label with its list, a
    caption with its table, a question with its options)."""
    properties = (f'<w:pStyle w:val="{style}"/>' if style else "") + ("<w:keepNext/>" if keep_next else "") + (
        f'<w:ind w:left="{indent_pt * 20}"/>' if indent_pt else "") + ALIGNMENTS.get(align, "")
    return f"<w:p>{f'<w:pPr>{properties}</w:pPr>' if properties else ''}{runs}</w:p>"


def display_width(text: str) -> int:
    """Width in half-width characters: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


HALF_CHAR_TWIPS = 120
"""A half-width character of 小四 (12 pt) table text."""
CELL_PADDING_TWIPS = 260
"""Word's cell margins (108 twips a side) and a little air."""


def column_widths(headers: tuple[str, ...], rows: tuple[tuple[str, ...], ...], total: int = TEXT_WIDTH_TWIPS) -> list[int]:
    """Column widths (twips) from what the columns hold, filling ``total``: a column gets the width
    of its longest cell when the table has room for all; otherwise narrow columns (学时, 形式) keep
    their full width and the wide ones (课程, 说明) share the rest by how much they hold, none
    narrower than its header."""
    columns = list(zip(headers, *rows, strict=True)) if rows else [(h,) for h in headers]
    need = [max(display_width(t) for t in column) * HALF_CHAR_TWIPS + CELL_PADDING_TWIPS for column in columns]
    floor = [display_width(h) * HALF_CHAR_TWIPS + CELL_PADDING_TWIPS for h in headers]
    if sum(need) <= total:
        widths = [n * total // sum(need) for n in need]
    else:
        fixed: dict[int, int] = {}
        while True:
            free = [i for i in range(len(need)) if i not in fixed]
            share = (total - sum(fixed.values())) // max(len(free), 1)
            narrow = [i for i in free if need[i] <= share]
            if not narrow or len(narrow) == len(free):
                for i in narrow:
                    fixed[i] = need[i]
                break
            for i in narrow:
                fixed[i] = need[i]
        free = [i for i in range(len(need)) if i not in fixed]
        left = total - sum(fixed.values())
        wide = sum(need[i] for i in free) or 1
        widths = [fixed[i] if i in fixed else max(floor[i], need[i] * left // wide) for i in range(len(need))]
    if sum(widths) > total:  # headers alone wider than the page: shrink every column alike
        widths = [w * total // sum(widths) for w in widths]
    widths[-1] += total - sum(widths)  # rounding: the table always spans the text width exactly
    return widths


def _text_paragraphs(text: Text) -> tuple[Paragraph, ...]:
    return paragraphs(text.text) if isinstance(text, Md) else (Paragraph((Run(text),)),)


def _item_runs(item: Paragraph) -> str:
    return "".join(run_xml(r.text, r.bold, r.italic) for r in item.runs)


TITLE_MARK, SUBJECT_MARK = "HONGLING-TITLE-MARK", "HONGLING-SUBJECT-MARK"


@dataclass(frozen=True)
class Template:
    """A styled, empty document made once with python-docx, kept as the parts of its package.

    Writing a handout then only splices the body into ``word/document.xml`` and the title into
    ``docProps/core.xml``: building and saving a python-docx document per handout cost ~90 ms
    before any content, a minute and a half for a library of a thousand cases.
    """

    parts: tuple[tuple[str, bytes], ...]
    style_ids: dict[str, str]
    date: datetime

    def package(self, title: str, subject: str, body: str) -> bytes:
        stamp = self.date.timetuple()[:6]
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
            for name, data in self.parts:
                if name == "word/document.xml":
                    text = data.decode("utf-8")
                    at = text.index("<w:sectPr")
                    data = (text[:at] + body + text[at:]).encode("utf-8")
                elif name == "docProps/core.xml":
                    data = data.decode("utf-8").replace(TITLE_MARK, _text(title)).replace(
                        SUBJECT_MARK, _text(subject)).encode("utf-8")
                entry = zipfile.ZipInfo(name, date_time=stamp)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o644 << 16
                target.writestr(entry, data)
        return out.getvalue()


@functools.lru_cache(maxsize=4)
def template(epoch: int | None, landscape: bool = False) -> Template:
    """The template for one build date (``epoch``: seconds, part of the cache key) and orientation."""
    document = Document()
    _styles(document)
    _page(document, landscape)
    body = document.element.body
    for element in list(body)[:-1]:
        body.remove(element)
    properties = document.core_properties
    date = build_date(epoch)
    when = date.replace(tzinfo=None)
    properties.title, properties.subject, properties.author = TITLE_MARK, SUBJECT_MARK, "红领 · 两新组织党建手册与案例库"
    properties.last_modified_by, properties.comments, properties.keywords = "", "", ""
    properties.created, properties.modified, properties.revision = when, when, 1
    names = ["Title", "Subtitle", "Table Grid", TABLE_STYLE, OPTION_STYLE, *(f"Heading {n}" for n in HEADING_FONTS)]
    style_ids = {name: document.styles[name].style_id for name in names}
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        parts = tuple((info.filename, package.read(info.filename)) for info in package.infolist())
    return Template(parts, style_ids, date)


class Writer:
    """Writes the body as WordprocessingML text: python-docx's object layer builds XML one element
    (and one character of text) at a time, which took seconds for one course handout."""

    def __init__(self, title: str, subtitle: str, epoch: int | None, landscape: bool = False) -> None:
        self.title, self.subtitle = title, subtitle
        self.template = template(epoch, landscape)
        self.width = LANDSCAPE_WIDTH_TWIPS if landscape else TEXT_WIDTH_TWIPS
        self.style_ids = self.template.style_ids
        self.parts: list[str] = []
        self.paragraph(run_xml(title), "Title")
        if subtitle:
            self.paragraph(run_xml(subtitle), "Subtitle")

    def paragraph(self, runs: str, style: str | None = None, **layout: object) -> None:
        self.parts.append(paragraph_xml(runs, self.style_ids[style] if style else None, **layout))  # type: ignore[arg-type]

    def heading(self, block: Heading) -> None:
        self.paragraph(run_xml(f"{block.number}{block.text}"), f"Heading {block.level}")

    def lines(self, text: Text, lead: str = "") -> None:
        """A text as paragraphs; ``lead`` (a bold label or a list number) opens the first one."""
        items = _text_paragraphs(text) or (Paragraph(()),)
        for i, item in enumerate(items):
            opening = lead if i == 0 else ""
            marker = (f"{item.prefix} " if item.prefix == "•" else item.prefix) if item.prefix else ""
            label = (i + 1 < len(items) and bool(item.runs) and all(r.bold for r in item.runs)
                     and item.runs[-1].text.rstrip().endswith("："))  # a bold lead-in of what follows
            self.paragraph(opening + run_xml(marker) + _item_runs(item) if marker else opening + _item_runs(item),
                           indent_pt=32 * item.depth, keep_next=label)

    def para(self, block: Para) -> None:
        if block.align:
            self.paragraph(run_xml(str(block.text)), align=block.align)
            return
        self.lines(block.text, run_xml(f"{block.label}：", bold=True) if block.label else "")

    def items(self, block: Items) -> None:
        if block.label:
            self.paragraph(run_xml(f"{block.label}：", bold=True), keep_next=True)
        for number, text in enumerate(block.items, 1):
            self.lines(text, run_xml(f"{number}." if block.ordered else "• "))

    def table(self, block: Table) -> None:
        """A table as wide as the text, its columns as wide as their content needs; the header row
        repeats on every page, no row splits across pages, and the caption stays with the table."""
        if block.caption:
            self.paragraph(run_xml(block.caption, bold=True), keep_next=True)
        if len(block.widths) == len(block.headers):
            widths = [self.width * w // max(sum(block.widths), 1) for w in block.widths]
        else:
            widths = column_widths(block.headers, block.rows, self.width)
        height = f'<w:trHeight w:val="{BLANK_LINE_TWIPS}" w:hRule="atLeast"/>' if block.writing_space else ""
        table_style = self.style_ids[TABLE_STYLE]

        def row(cells: tuple[str, ...], header: bool) -> str:
            properties = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else height)
            return (f"<w:tr><w:trPr>{properties}</w:trPr>" + "".join(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
                + paragraph_xml(run_xml(cell, bold=header), table_style) + "</w:tc>"
                for cell, width in zip(cells, widths, strict=True)) + "</w:tr>")

        self.parts.append(
            f'<w:tbl><w:tblPr><w:tblStyle w:val="{self.style_ids["Table Grid"]}"/>'
            f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>'
            + "".join(f'<w:gridCol w:w="{width}"/>' for width in widths) + "</w:tblGrid>"
            + row(block.headers, True) + "".join(row(r, False) for r in block.rows) + "</w:tbl>")
        self.paragraph(run_xml(block.note) if block.note else "", table_style if block.note else None)

    def blanks(self, block: Blanks) -> None:
        """A two-column grid: the label, then the space to write in (as tall as its lines)."""
        label_width = self.width // 5
        table_style = self.style_ids[TABLE_STYLE]

        def cell(width: int, text: str, bold: bool = False) -> str:
            return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
                    + paragraph_xml(run_xml(text, bold=bold) if text else "", table_style) + "</w:tc>")

        rows = "".join(
            f'<w:tr><w:trPr><w:trHeight w:val="{BLANK_LINE_TWIPS * lines}" w:hRule="atLeast"/>'
            + ("<w:cantSplit/>" if lines <= SHORT_BLANK else "") + "</w:trPr>"
            + cell(label_width, label, bold=True) + cell(self.width - label_width, text) + "</w:tr>"
            for label, text, lines in block.blanks)
        self.parts.append(
            f'<w:tbl><w:tblPr><w:tblStyle w:val="{self.style_ids["Table Grid"]}"/><w:tblW w:w="{self.width}" w:type="dxa"/>'
            f'<w:jc w:val="center"/><w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid><w:gridCol w:w="{label_width}"/>'
            f'<w:gridCol w:w="{self.width - label_width}"/></w:tblGrid>{rows}</w:tbl>')
        self.paragraph("")

    def question(self, block: QuestionBlock) -> None:
        """A question kept on one page with its options."""
        self.paragraph(run_xml(f"{block.number}.（{block.kind}题）", bold=True)
                       + run_xml(block.stem + ("（    ）" if block.kind != "简答" else "")), keep_next=bool(block.options))
        for n, (key, text) in enumerate(block.options, 1):
            self.paragraph(run_xml(f"{key}. {text}"), OPTION_STYLE, keep_next=n < len(block.options))
        for _ in range(block.points):
            self.paragraph("")

    def answer(self, block: AnswerBlock) -> None:
        """An answer with its explanation and basis, kept on one page."""
        self.paragraph(run_xml(f"{block.number}. 答案：", bold=True) + run_xml(block.answer), keep_next=True)
        for label, text in (("解析", block.explanation), ("依据", block.basis)):
            self.paragraph(run_xml(f"{label}：", bold=True) + run_xml(text), keep_next=label == "解析")

    def write(self, blocks: tuple[Block, ...]) -> None:
        for block in blocks:
            if block.medium == PRINT:
                continue
            if isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, Para):
                self.para(block)
            elif isinstance(block, Items):
                self.items(block)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Blanks):
                self.blanks(block)
            elif isinstance(block, QuestionBlock):
                self.question(block)
            elif isinstance(block, AnswerBlock):
                self.answer(block)

    def save(self) -> bytes:
        return self.template.package(self.title, self.subtitle, "".join(self.parts))


def blocks_docx(title: str, subtitle: str, blocks: tuple[Block, ...], epoch: int | None = None) -> bytes:
    """Any blocks as a Word document under a title (an exam's paper, answer sheet and key)."""
    writer = Writer(title, subtitle, epoch)
    writer.write(blocks)
    return writer.save()


def handout_docx(handout: Handout, epoch: int | None = None) -> bytes:
    return blocks_docx(handout.title, handout.subtitle, handout.blocks, epoch)


def answers_title(handout: Handout) -> tuple[str, str]:
    return f"{handout.title} · 测验答案", "答案页：请与测验分开印发"
