"""A handout as a list of blocks: headings numbered the way Chinese official material numbers them
(一、 （一） 1. （1）), paragraphs, lists, tables, questions and answers.

One layout feeds two writers: the print view (Markdown, through ``handout.md.j2``) and the Word
document (:mod:`generator.handouts.word`), so the page on screen, the page on paper and the .docx
say the same thing in the same order. Plain data: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.kb import Entry
from ..core.numerals import chinese_number
from ..site.resolver import Link, page_name

if TYPE_CHECKING:
    from .exam import ExamPaper


def heading_number(level: int, n: int) -> str:
    """The numbering of official material: 一、 （一） 1. （1）."""
    return {1: f"{chinese_number(n)}、", 2: f"（{chinese_number(n)}）", 3: f"{n}.", 4: f"（{n}）"}[level]


@dataclass(frozen=True)
class Md:
    """Text written in Markdown (a Markdown field of the data); plain ``str`` is plain text."""

    text: str


Text = str | Md

WORD, PRINT = "word", "print"
"""Values of a block's ``medium``: only in the Word document, or only in the print view ("" for both)."""


@dataclass(frozen=True)
class Heading:
    level: int
    """1–4; the document title is not a heading block."""
    text: str
    number: str = ""
    link: Link | None = None
    anchor: str = ""
    new_page: bool = False
    """Start a new printed page in the print view (lessons, parts, the quiz), unless the page
    before would be left more than half empty; Word documents flow without forced breaks, so
    that no page holds a lone heading or a short tail."""
    medium: str = ""


@dataclass(frozen=True)
class Para:
    text: Text
    label: str = ""
    """A bold lead-in such as 对象、学时."""
    medium: str = ""
    align: str = ""
    """"" (body text, first line indented), ``flush`` (flush left: the addressee of a 请示) or
    ``right`` (a signature or a date)."""


@dataclass(frozen=True)
class Items:
    items: tuple[Text, ...]
    ordered: bool = False
    label: str = ""
    medium: str = ""


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    medium: str = ""
    note: str = ""
    """Printed once under the table: where its figures come from (出处：①《…》；②《…》), instead
    of the same title in every row."""
    writing_space: bool = False
    """Rows are filled in by hand (a blank form): each row tall enough to write in."""
    widths: tuple[int, ...] = ()
    """Relative column widths (a narrow 序号 column); equal columns when empty."""


@dataclass(frozen=True)
class Blanks:
    """A grid of labelled blanks to fill in by hand (a blank form's 时间 ____, 会议内容 ____)."""

    blanks: tuple[tuple[str, str, int], ...]
    """(label, pre-printed text, lines of writing space) per row."""
    medium: str = WORD


@dataclass(frozen=True)
class QuestionBlock:
    number: int
    id: str
    kind: str
    stem: str
    options: tuple[tuple[str, str], ...]
    points: int = 0
    """For 简答: how many lines to leave for the answer."""
    medium: str = ""


@dataclass(frozen=True)
class AnswerBlock:
    number: int
    id: str
    answer: str
    explanation: str
    basis: str
    medium: str = ""


Block = Heading | Para | Items | Table | Blanks | QuestionBlock | AnswerBlock

EXAM_FILES = (("下载 Word 试卷", ""), ("答题卡", "-sheet"), ("参考答案及评分标准", "-key"))
"""An exam's documents: label and the suffix of the file name."""


@dataclass(frozen=True)
class Handout:
    id: str
    """File stem of the print view and the Word document (``handouts/<id>.md``, ``downloads/<id>.docx``)."""
    kind: str
    """course, case or custom."""
    title: str
    subtitle: str
    origin: Entry
    blocks: tuple[Block, ...]
    answers: tuple[Block, ...] = ()
    """The answer key, printed and exported separately from the quiz."""
    cover: tuple[tuple[str, str], ...] = ()
    """(label, value) facts on the print view's cover under the title: 对象, 总学时 …"""
    exam: ExamPaper | None = None
    """An exam drawn from the question bank (:mod:`generator.handouts.exam`), as three more Word
    documents: ``downloads/<exam id>.docx``, ``-sheet.docx`` and ``-key.docx``."""

    @property
    def page(self) -> str | None:
        """The print view's page; cases print their own page instead."""
        return None if self.kind == "case" else f"handouts/{page_name(self.id)}.md"

    @property
    def answers_page(self) -> str | None:
        return f"handouts/{page_name(self.id)}-answers.md" if self.answers and self.page else None

    @property
    def quiz_page(self) -> str | None:
        """A course's self-test on screen (its quiz, scored in the page)."""
        return f"courses/{page_name(self.id)}-quiz.md" if self.kind == "course" and self.question_ids else None

    @property
    def docx(self) -> str:
        return f"downloads/{self.id}.docx"

    @property
    def answers_docx(self) -> str | None:
        return f"downloads/{self.id}-answers.docx" if self.answers else None

    @property
    def downloads(self) -> tuple[tuple[str, str], ...]:
        """(label, path) of the Word documents besides the handout and its answer key: an exam's."""
        if self.exam is None:
            return ()
        return tuple((label, f"downloads/{self.exam.id}{suffix}.docx") for label, suffix in EXAM_FILES)

    @property
    def question_ids(self) -> tuple[str, ...]:
        """The questions of the handout's quiz, in order."""
        return tuple(block.id for block in self.blocks if isinstance(block, QuestionBlock))
