"""``question``: one question of the 题库 (question bank), testing one aspect of the manual.

A course draws its quiz from the aspects of its lessons, so every question names the aspect it
tests and the rule (a regulation in ``data/sources``) that makes its answer right. The checks
across fields (options against the kind of question, answers against the options) run here, so
that a wrong answer key stops the build like any other error, at the line of the wrong key.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, WithJsonSchema, model_validator

from .fields import Line, ListOf, PlainText, Record, Ref, Slug, fail
from .kind import KindSpec, Letters, Pages, SheetHints, Spread

QuestionKind = Literal["单选", "多选", "判断", "简答"]

OPTION_LETTERS = "ABCDEF"
"""Option keys, in order: a question has at most six options."""

JUDGEMENTS = ("正确", "错误")
"""The two answers of a 判断 (true/false) question, as stored."""

JUDGEMENT_SYNONYMS = {
    "对": "正确", "是": "正确", "√": "正确", "✓": "正确", "true": "正确", "t": "正确", "yes": "正确", "正确的": "正确",
    "错": "错误", "否": "错误", "×": "错误", "✗": "错误", "x": "错误", "false": "错误", "f": "错误", "no": "错误",
    "错误的": "错误", "不正确": "错误",
}
"""What editors type for 正确 / 错误, so that the hint names the stored word."""

KIND_ORDER = {"单选": 0, "多选": 1, "判断": 2, "简答": 3}
"""The order in which lists and quizzes show the kinds of question."""

WITH_OPTIONS = ("单选", "多选")
MIN_OPTIONS = 2


def _letter_hint(text: str) -> str | None:
    """The option letter an editor most likely meant (a, Ａ, “A.” → A), if any."""
    bare = unicodedata.normalize("NFKC", text).strip().strip(".．、)）(（:：").upper()
    return bare if len(bare) == 1 and bare in OPTION_LETTERS else None


def check_option_key(value: Any) -> str:
    """An option key is one capital ASCII letter A–F."""
    if value is None or isinstance(value, (list, dict)) or not str(value).strip():
        raise fail("E-OPTION-KEY", "选项字母不能为空，应当是 A—F 中的一个大写字母。", "按顺序写 A、B、C……")
    text = str(value)
    if len(text) == 1 and text in OPTION_LETTERS:
        return text
    guess = _letter_hint(text)
    hint = f"改为 {guess}（半角大写字母，不带标点）。" if guess else "选项字母只能是 A、B、C、D、E、F 中的一个。"
    raise fail("E-OPTION-KEY", f"选项字母 “{text}” 不对，应当是 A—F 中的一个大写字母。", hint)


OptionKey = Annotated[str, BeforeValidator(check_option_key),
                      WithJsonSchema({"type": "string", "enum": list(OPTION_LETTERS)})]


class Option(Record):
    """One option of a 单选 or 多选 question."""

    key: OptionKey
    """The option's letter, A–F in order; answers name options by it."""

    text: Line
    """What the option says, without its letter (the page prints “A.” itself)."""


class Basis(Record):
    """The rule a question tests, so that a reader can look it up and an editor can check it."""

    source: Ref("source")
    """The regulation that makes the answer right, as a ``source`` record (党内法规 or 法律法规)."""

    article: Line | None = None
    """Article number (e.g. 第七条), only where certain; left out rather than guessed."""

    point: PlainText | None = None
    """What the rule says, in the library's own words; shown with the answer."""


class Question(Record):
    id: Slug
    """Stable id; quizzes and answer keys cite questions by it, and it names the file."""

    aspect: Ref("aspect")
    """The manual aspect the question tests; a course draws its quiz from its lessons' aspects."""

    kind: QuestionKind
    """单选 (one right option), 多选 (two or more), 判断 (true or false) or 简答 (short answer)."""

    stem: PlainText
    """The question itself (题干), in full sentences; for 判断 a statement to judge."""

    options: ListOf(Option) = ()
    """The options of a 单选 or 多选 question, keyed A, B, C … in order; none for 判断 and 简答."""

    answer: ListOf(Line, min_length=1)
    """单选: one option key; 多选: two or more keys; 判断: 正确 or 错误; 简答: the points a full
    answer must contain (要点), one per item."""

    explanation: PlainText
    """Why the answer is right (解析), shown in the answer key."""

    basis: Basis
    """The rule the question tests."""

    @model_validator(mode="after")
    def _answer_fits_kind(self) -> Question:
        check_options(self)
        check_answer(self)
        return self


def check_options(question: Question) -> None:
    """Options exist exactly for the kinds that need them, lettered A, B, C … without repeats."""
    if question.kind in WITH_OPTIONS and len(question.options) < MIN_OPTIONS:
        found = "没有写选项" if not question.options else f"只有 {len(question.options)} 个选项"
        raise fail("E-OPTIONS", f"{question.kind}题至少要有 {MIN_OPTIONS} 个选项（options），{found}。",
                   "在 options 下逐项写出选项，例如：\n  - key: A\n    text: 第一个选项\n  - key: B\n    text: 第二个选项",
                   at=("kind",))
    if question.kind not in WITH_OPTIONS and question.options:
        raise fail("E-OPTIONS", f"{question.kind}题不设选项，却写了 {len(question.options)} 个选项（options）。",
                   "删除 options；如果这道题需要选项，把 kind 改为 单选 或 多选。", at=("options",))
    first: dict[str, int] = {}
    for index, option in enumerate(question.options):
        if option.key in first:
            raise fail("E-OPTION-DUP", f"选项字母 {option.key} 重复，第 {first[option.key] + 1} 个选项已经用了它。",
                       f"这是第 {index + 1} 个选项，字母应为 {OPTION_LETTERS[index]}。",
                       at=("options", index, "key"), also=("options", first[option.key], "key"))
        first[option.key] = index
    for index, option in enumerate(question.options):
        if option.key != OPTION_LETTERS[index]:
            raise fail("E-OPTION-KEY", f"第 {index + 1} 个选项的字母应为 {OPTION_LETTERS[index]}，实际是 {option.key}。",
                       "选项按 A、B、C……的顺序排列，不跳字母；调整选项顺序时同时改答案。",
                       at=("options", index, "key"))


def check_answer(question: Question) -> None:
    """The answer matches the kind: option keys that exist, 正确/错误, or at least one point."""
    answer = question.answer
    if question.kind in WITH_OPTIONS:
        keys = [o.key for o in question.options]
        shown = "、".join(keys)
        seen: set[str] = set()
        for index, item in enumerate(answer):
            if item in keys and item not in seen:
                seen.add(item)
                continue
            if item in seen:
                raise fail("E-ANSWER-KEY", f"答案 {item} 重复。", "每个选项字母在答案里只写一次。", at=("answer", index))
            letters = [_letter_hint(ch) for ch in item if not ch.isspace() and ch not in "、，,."]
            if len(item) > 1 and len(letters) > 1 and all(letters):
                hint = "每个答案字母单独一行，例如：\n  - " + "\n  - ".join(str(letter) for letter in letters)
            elif (guess := _letter_hint(item)) and guess in keys:
                hint = f"改为 {guess}（半角大写字母，不带标点）。"
            else:
                hint = f"答案只能写本题已有选项的字母：{shown}。"
            raise fail("E-ANSWER-KEY", f"答案 “{item}” 不是本题的选项字母（本题选项：{shown}）。", hint,
                       at=("answer", index))
        if question.kind == "单选" and len(answer) != 1:
            raise fail("E-ANSWER-COUNT", f"单选题只能有 1 个答案，实际写了 {len(answer)} 个。",
                       "只保留正确的那个选项；有几个正确选项的，把 kind 改为 多选。", at=("answer", 1))
        if question.kind == "多选" and len(answer) < 2:
            raise fail("E-ANSWER-COUNT", "多选题至少要有 2 个答案，实际只写了 1 个。",
                       "补全所有正确选项；只有一个正确选项的，把 kind 改为 单选。", at=("answer", 0))
    elif question.kind == "判断":
        for index, item in enumerate(answer):
            if item not in JUDGEMENTS:
                meant = JUDGEMENT_SYNONYMS.get(item.strip().lower())
                hint = f"改为 {meant}。" if meant else "判断题的答案写 正确 或 错误。"
                raise fail("E-ANSWER-KEY", f"判断题的答案应当是 正确 或 错误，实际是 “{item}”。", hint, at=("answer", index))
        if len(answer) != 1:
            raise fail("E-ANSWER-COUNT", f"判断题只能有 1 个答案（正确 或 错误），实际写了 {len(answer)} 个。",
                       "只保留一个答案。", at=("answer", 1))
    else:  # 简答: every item is a point of a full answer; letters alone are a sign of a wrong kind
        for index, item in enumerate(answer):
            if _letter_hint(item) and len(item.strip()) <= 2:
                raise fail("E-ANSWER-KEY", f"简答题的答案应当写答题要点，实际是选项字母 “{item}”。",
                           "逐条写出完整答案应包含的要点；如果这是选择题，把 kind 改为 单选 或 多选 并写出 options。",
                           at=("answer", index))


def answer_text(question: Question) -> str:
    """The answer as a key prints it: letters (AC), 正确/错误, or 要点：… for 简答."""
    answer = list(question.answer)
    if question.kind == "简答":
        return "要点：" + "；".join(answer)
    return "".join(answer) if question.kind in WITH_OPTIONS else answer[0]


def answer_key(question: Question) -> str:
    """What a self-test compares the reader's choice with: the letters (AC) or 正确/错误; ""
    for 简答, which the reader checks against the points."""
    if question.kind == "简答":
        return ""
    return "".join(question.answer) if question.kind in WITH_OPTIONS else question.answer[0]


KIND = KindSpec("question", "questions", Question, "题目", "stem",
                Pages("党务手册", backlink_rank=10, parent=("aspect", "aspect"), backlinked=False, index="questions.md",
                      index_title="题库"), chinese_keys={
        "题干": "stem", "试题": "stem", "选项": "options", "答案": "answer", "正确答案": "answer",
        "参考答案": "answer", "解析": "explanation", "答案解析": "explanation", "出题依据": "basis",
        "选项内容": "text", "内容": "text",
    },
    sheet=SheetHints(default=True, headers={
        "kind": "题型", "aspect": "考查方面", "basis.source": "依据法规", "basis.article": "依据条款",
        "basis.point": "依据要点",
    }, spread={"options": Spread("key", "text", tuple(OPTION_LETTERS), "选项{}")},
        letters={"answer": Letters("kind", WITH_OPTIONS)}))
"""A question is shown in the 自测题 section of the aspect it tests. In a workbook its options are
the columns 选项A … 选项F and the answer of a 单选 or 多选 is one word of letters (AC)."""
