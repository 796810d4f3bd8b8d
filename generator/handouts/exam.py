"""Exams (试卷) drawn from the question bank: by aspects and a count per kind of question, the same
paper from the same seed.

An exam is three documents in the official layout of :mod:`generator.handouts.word`: the paper
(试卷: questions by part, 一、单项选择题 …), the answer sheet (答题卡: a numbered grid for the
choices, boxes for the short answers) and the scoring key (参考答案及评分标准: the answers in the
same grid, how each part is scored, the points of each short answer, and every explanation).
A trainer's handout asks for one in its YAML (``exam:``); ``hongling exam`` makes one from the
command line. Pure: from the knowledge base to blocks; no I/O.
"""

from __future__ import annotations

import difflib
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..core.kb import Entry, KnowledgeBase
from ..core.schema.handout import DEFAULT_POINTS, CustomHandout, exam_aspects
from ..core.schema.question import answer_key, answer_text
from .blocks import AnswerBlock, Block, Heading, Items, Para, QuestionBlock, Table, heading_number

PART_NAMES = {"单选": "单项选择题", "多选": "多项选择题", "判断": "判断题", "简答": "简答题"}
SCORING = {
    "单选": "每题只有一个正确选项，选对得分，不选、错选不得分。",
    "多选": "每题有两个以上正确选项，全部选对得分，少选、多选、错选均不得分。",
    "判断": "判断正确得分，判断错误或不答不得分。",
    "简答": "按参考要点给分，意思相符即可，不要求字句一致；要点不全的按答出的要点酌情给分。",
}
GRID = 10
"""Questions per row of the answer grid on the answer sheet and in the key."""
SHORT_ANSWER_LINES = 8
"""Lines left on the answer sheet for each short answer."""
BLANK_LINE = "＿" * 10


@dataclass(frozen=True)
class Part:
    kind: str
    points: int
    questions: tuple[Entry, ...]

    @property
    def name(self) -> str:
        return PART_NAMES[self.kind]


@dataclass(frozen=True)
class ExamPaper:
    id: str
    """File stem of its documents (``<id>.docx``, ``<id>-sheet.docx``, ``<id>-key.docx``)."""
    title: str
    minutes: int | None
    seed: int
    aspects: tuple[str, ...]
    parts: tuple[Part, ...]

    @property
    def total(self) -> int:
        return sum(part.points * len(part.questions) for part in self.parts)

    @property
    def subtitle(self) -> str:
        time = f"考试时间 {self.minutes} 分钟　" if self.minutes else ""
        return f"{time}满分 {self.total} 分"

    def numbered(self) -> Iterator[tuple[int, Part, Entry]]:
        """Every question with its number on the paper (numbered through all parts)."""
        number = 0
        for part in self.parts:
            for entry in part.questions:
                number += 1
                yield number, part, entry


class ExamShort(ValueError):
    """The aspects have fewer questions of a kind than the exam asks for."""

    def __init__(self, kind: str, have: int, want: int) -> None:
        super().__init__(f"所选方面只有 {have} 道{kind}题，试卷要 {want} 道。")
        self.kind, self.have, self.want = kind, have, want


def draw(kb: KnowledgeBase, aspects: Sequence[str], parts: Sequence[tuple[str, int, int | None]],
         seed: int) -> tuple[Part, ...]:
    """For each (kind, count, points), ``count`` questions of that kind from ``aspects``, chosen by
    a random generator seeded with ``seed`` and printed in the order of the aspects."""
    place = {aspect_id: n for n, aspect_id in enumerate(aspects)}
    pool = sorted((e for e in kb.of_kind("question") if e.record.aspect in place),
                  key=lambda e: (place[e.record.aspect], e.id))
    chooser = random.Random(seed)
    drawn: list[Part] = []
    for kind, count, points in parts:
        candidates = [e for e in pool if e.record.kind == kind]
        if len(candidates) < count:
            raise ExamShort(kind, len(candidates), count)
        chosen = set(chooser.sample(range(len(candidates)), count))
        drawn.append(Part(kind, points or DEFAULT_POINTS[kind],
                          tuple(e for n, e in enumerate(candidates) if n in chosen)))
    return tuple(drawn)


class UnknownAspect(ValueError):
    """A word on the command line that names no aspect or category."""

    def __init__(self, word: str, guess: str | None) -> None:
        hint = f"是否指 “{guess}”？" if guess else "用 hongling exam --list 查看全部方面的编号和名称。"
        super().__init__(f"找不到手册方面或大项 “{word}”。{hint}")


def resolve_aspects(kb: KnowledgeBase, words: Sequence[str]) -> list[str]:
    """Aspect ids from what a trainer types: ids or titles of aspects or of whole categories
    (a category stands for its aspects), separated by spaces, commas or 、; none means all."""
    categories = sorted(kb.of_kind("category"), key=lambda e: e.record.number)
    every = [a.id for c in categories for a in sorted(c.record.aspects, key=lambda a: a.number)]
    names: dict[str, list[str]] = {}
    for category in categories:
        ids = [a.id for a in sorted(category.record.aspects, key=lambda a: a.number)]
        names[category.id] = names[category.title] = ids
    for aspect in kb.of_kind("aspect"):
        names[aspect.id] = names[aspect.title] = [aspect.id]
    out: list[str] = []
    for word in (w for text in words for w in re.split(r"[,，、\s]+", text) if w):
        if word not in names:
            raise UnknownAspect(word, next(iter(difflib.get_close_matches(word, list(names), n=1, cutoff=0.5)), None))
        out += names[word]
    return list(dict.fromkeys(out)) or every


def handout_exam(entry: Entry, kb: KnowledgeBase) -> ExamPaper | None:
    """The exam a trainer's handout asks for, if any."""
    handout: CustomHandout = entry.record
    exam = handout.exam
    if exam is None:
        return None
    aspects = exam_aspects(handout, lambda i: kb.entries[i].record if i in kb.entries else None)
    parts = draw(kb, aspects, [(p.kind, p.count, p.points) for p in exam.parts], exam.seed)
    return ExamPaper(f"{entry.id}-exam", exam.title or handout.title, exam.minutes, exam.seed, tuple(aspects), parts)


# --- the three documents as blocks ---------------------------------------------------------------


def _part_heading(n: int, part: Part, scored: bool = True) -> Heading:
    count = len(part.questions)
    scoring = f"（共 {count} 题，每题 {part.points} 分，共 {count * part.points} 分）" if scored else ""
    return Heading(1, part.name + scoring, heading_number(1, n), anchor=f"part-{n}")


def _who() -> Para:
    return Para(f"单位：{BLANK_LINE}　姓名：{BLANK_LINE[:6]}")


def _scores(paper: ExamPaper) -> Table:
    """The marker's table at the head of a paper: 题号 一 二 … 总分 over 得分."""
    numbers = tuple(heading_number(1, n).rstrip("、") for n in range(1, len(paper.parts) + 1))
    return Table(("题号", *numbers, "总分"), (("得分", *[""] * (len(numbers) + 1)),), writing_space=True)


def paper_blocks(paper: ExamPaper) -> tuple[Block, ...]:
    """The paper: who, the marker's table, how to answer, then the questions part by part,
    numbered through."""
    blocks: list[Block] = [_who(), _scores(paper), Para("答案一律写在答题卡上，写在试卷上无效。", "答题说明")]
    numbers = {e.id: n for n, _, e in paper.numbered()}
    for n, part in enumerate(paper.parts, 1):
        blocks.append(_part_heading(n, part))
        for entry in part.questions:
            question = entry.record
            blocks.append(QuestionBlock(numbers[entry.id], entry.id, question.kind, question.stem,
                                        tuple((o.key, o.text) for o in question.options)))
    return tuple(blocks)


def _grid(numbers: Sequence[int], cells: Sequence[str]) -> Iterator[Table]:
    """题号 over 答案, ``GRID`` questions a table; blank cells (the answer sheet) are tall enough to
    write in."""
    for start in range(0, len(numbers), GRID):
        chunk, row = numbers[start:start + GRID], tuple(cells[start:start + GRID])
        yield Table(("题号", *(str(n) for n in chunk)), (("答案", *row),), writing_space=not any(row))


def sheet_blocks(paper: ExamPaper) -> tuple[Block, ...]:
    """The answer sheet: a grid to fill in for each part with choices, a box per short answer."""
    blocks: list[Block] = [_who(), _scores(paper),
                           Para("单选、判断题每题填一个答案（判断题填“√”或“×”），多选题填全部正确选项的字母。", "填写说明")]
    numbered = list(paper.numbered())
    for n, part in enumerate(paper.parts, 1):
        blocks.append(_part_heading(n, part))
        numbers = [number for number, p, _ in numbered if p is part]
        if part.kind == "简答":
            blocks += [Table((f"{number}. 答：",), (("",),) * SHORT_ANSWER_LINES) for number in numbers]
        else:
            blocks += _grid(numbers, [""] * len(numbers))
    return tuple(blocks)


def key_blocks(paper: ExamPaper, source_title: dict[str, str]) -> tuple[Block, ...]:
    """The scoring key: the answers in the sheet's grid, how each part is scored, the points of
    each short answer, then every answer explained. ``source_title``: source id → 《title》."""
    numbered = list(paper.numbered())
    blocks: list[Block] = [Para(f"共 {len(numbered)} 题，满分 {paper.total} 分；抽题种子 {paper.seed}"
                                "（同一种子、同一题库生成同一份试卷）。", "本卷")]
    blocks.append(Heading(1, "参考答案", heading_number(1, 1), anchor="answers"))
    for n, part in enumerate(paper.parts, 1):
        entries = [(number, e) for number, p, e in numbered if p is part]
        blocks.append(Heading(2, part.name, heading_number(2, n)))
        if part.kind == "简答":
            for number, entry in entries:
                blocks.append(Items(tuple(entry.record.answer), ordered=True,
                                    label=f"{number}. 参考要点（{part.points} 分）"))
        else:
            keys = [answer_key(e.record) if e.record.kind != "判断" else ("√" if answer_key(e.record) == "正确" else "×")
                    for _, e in entries]
            blocks += _grid([number for number, _ in entries], keys)
    blocks.append(Heading(1, "评分标准", heading_number(1, 2), anchor="scoring"))
    blocks.append(Items(tuple(f"{part.name}：每题 {part.points} 分，共 {part.points * len(part.questions)} 分。"
                              f"{SCORING[part.kind]}" for part in paper.parts), ordered=True))
    blocks.append(Heading(1, "答案解析", heading_number(1, 3), anchor="explained"))
    for number, _, entry in numbered:
        question = entry.record
        basis = question.basis
        blocks.append(AnswerBlock(number, entry.id, answer_text(question), question.explanation,
                                  f"{source_title.get(basis.source, basis.source)}{basis.article or ''}"
                                  + (f"：{basis.point}" if basis.point else "")))
    return tuple(blocks)


def source_titles(kb: KnowledgeBase) -> dict[str, str]:
    return {e.id: f"《{e.title}》" for e in kb.of_kind("source")}


def exam_documents(paper: ExamPaper, titles: dict[str, str]) -> dict[str, tuple[str, str, tuple[Block, ...]]]:
    """The three documents by the suffix of their file name: (title, subtitle, blocks)."""
    return {"": (paper.title, f"试卷　{paper.subtitle}", paper_blocks(paper)),
            "-sheet": (f"{paper.title} · 答题卡", paper.subtitle, sheet_blocks(paper)),
            "-key": (f"{paper.title} · 参考答案及评分标准", "阅卷用，不随试卷发放", key_blocks(paper, titles))}
