"""The 发展党员 process as data: stages and numbered steps with their time rules (an aspect's ``stages``).

The 25 steps of the 细则 run across the aspects of one category (入党申请 → 积极分子 → 发展对象 →
预备党员 → 转正); each aspect holds its stages, and step numbers run on through the category, so
that a rule in one aspect may count from a step in another ("确定发展对象: 确定入党积极分子满一年后").
A step's ``timing`` says from which earlier step it counts and how long: at least (``at_least``,
the earliest date) or at most (``within``, the deadline). The category page's planner and the
aspects' timelines are built from these fields alone; the link stage (:func:`check_stages`)
reports numbering that skips or repeats, a rule counting from a missing or a later step, and a
rule that states no interval or both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema

from ..textcheck import fail
from .fields import Line, ListOf, Ordinal, PlainText, Record, Ref
from .kind import Held, LinkScope

PERIOD_RE = re.compile(r"^(-?[0-9]+|半)(年|个月|天|日)$")
PERIOD_UNITS = {"年": (12, 0), "个月": (1, 0), "天": (0, 1), "日": (0, 1)}
CHINESE_DIGITS = {"一": "1", "二": "2", "两": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}


@dataclass(frozen=True)
class Period:
    """A span of calendar time: whole months (a year is 12) and days. Adding months keeps the day
    of the month, or the month's last day when it has fewer (1月31日 + 1个月 = 2月28日或29日)."""

    months: int
    days: int
    text: str
    """As the data writes it (1年, 3个月, 半年), for messages and pages."""


def parse_period(value: Any) -> Period:
    """``1年``, ``半年``, ``3个月``, ``30天``; a negative or zero span is refused (E-INTERVAL)."""
    if isinstance(value, Period):
        return value
    if value is None or isinstance(value, (list, dict)) or not str(value).strip():
        raise fail("E-INTERVAL", "时限应当写成一段时间，例如 1年、3个月、30天。", "在冒号后写时间长度。")
    text = str(value).strip().replace(" ", "")
    match = PERIOD_RE.match(text)
    if not match:
        digits = "".join(CHINESE_DIGITS.get(ch, ch) for ch in text)
        if re.fullmatch(r"[0-9]+月", digits):  # 3月 reads as March: a span of months is 3个月
            digits = digits[:-1] + "个月"
        hint = f"写成 {digits}。" if digits != text and PERIOD_RE.match(digits) else "写成 1年、半年、3个月 或 30天。"
        raise fail("E-INTERVAL", f"时限 “{text}” 写法不对。", hint)
    amount, unit = match.groups()
    if amount == "半":
        if unit != "年":
            raise fail("E-INTERVAL", f"时限 “{text}” 写法不对。", "写 半年，或写成 15天、3个月 这样的整数。")
        return Period(6, 0, text)
    count = int(amount)
    if count <= 0:
        raise fail("E-INTERVAL", f"时限 “{text}” 不是正数：间隔只能向后计算。",
                   "写正数（如 1年）；“不早于”用 at_least，“不晚于”用 within。")
    months, days = PERIOD_UNITS[unit]
    return Period(count * months, count * days, text)


PeriodField = Annotated[Period, BeforeValidator(parse_period), WithJsonSchema(
    {"type": "string", "pattern": r"^([0-9]+|半)\s*(年|个月|天|日)$"})]
"""A span such as 1年, 半年, 3个月 or 30天."""


class Timing(Record):
    """A time rule of a step, counted from an earlier step: at least (the earliest date) or
    within (the deadline). Exactly one of ``at_least`` and ``within``."""

    after: Ordinal
    """The number of the earlier step it counts from (3: 确定入党积极分子)."""

    at_least: PeriodField | None = None
    """The step may happen no earlier than this long after that step (一年以上培养考察 → 1年)."""

    within: PeriodField | None = None
    """The step must happen no later than this long after that step (一个月内谈话 → 1个月)."""

    rule: PlainText
    """The rule in the library's words, shown with the dates and in every warning."""

    source: Ref("source")
    """The regulation that sets it."""

    article: Line | None = None
    """Article, only where certain (第十三条)."""


class ProcessStep(Record):
    """One of the numbered steps of the process (第7步 确定发展对象)."""

    number: Ordinal
    """Position in the whole process, 1, 2, 3 … across the category's aspects, without gaps."""

    title: Line
    """What happens (党组织派人谈话)."""

    timing: ListOf(Timing) = ()
    """Its time rules; none when the regulation sets none (it then follows the step before)."""

    note: PlainText | None = None
    """What else the planner shows (培训不少于3天或24学时; 每半年考察一次)."""


class Stage(Record):
    """A stage of the process (申请入党, 入党积极分子的确定和培养教育 …) and its steps in order."""

    number: Ordinal
    """Position in the whole process, 1, 2, 3 … across the category's aspects."""

    title: Line
    """Name of the stage."""

    steps: ListOf(ProcessStep, min_length=1)
    """Its steps, in order."""


# --- the link-stage check --------------------------------------------------------------------


def check_stages(scope: LinkScope, owners: Sequence[Held]) -> None:
    """Within each category, in aspect order: stages and steps numbered 1, 2, 3 … without gaps or
    repeats, and every time rule counting from an earlier step that exists, with one interval."""
    for owner in owners:
        aspects = sorted(enumerate(owner.record.aspects), key=lambda item: item[1].number)
        last_stage = last_step = 0
        steps: dict[int, str] = {}
        rules: list[tuple[tuple[Any, ...], int, Timing]] = []
        for a, aspect in aspects:
            for s, stage in enumerate(aspect.stages):
                path = ("aspects", a, "stages", s)
                if stage.number != last_stage + 1:
                    scope.problem(owner, (*path, "number"), "E-STEP-ORDER",
                                  f"阶段序号应为 {last_stage + 1}，实际是 {stage.number}。",
                                  "阶段按方面的顺序从 1 起连续编号，跨方面接着编。")
                last_stage = stage.number
                for p, step in enumerate(stage.steps):
                    here = (*path, "steps", p)
                    if step.number != last_step + 1:
                        scope.problem(owner, (*here, "number"), "E-STEP-ORDER",
                                      f"步骤序号应为 {last_step + 1}，实际是 {step.number}。",
                                      "步骤从 1 起连续编号，跨阶段、跨方面接着编；插入步骤后，后面的序号和 after 都要顺延。")
                    last_step = step.number
                    steps.setdefault(step.number, step.title)
                    rules += [((*here, "timing", t), step.number, timing) for t, timing in enumerate(step.timing)]
        for path, number, timing in rules:
            if timing.after not in steps:
                scope.local_missing(owner, (*path, "after"), str(timing.after), {str(n) for n in steps}, "步骤")
            elif timing.after >= number:
                scope.problem(owner, (*path, "after"), "E-STEP-ORDER",
                              f"第{number}步的时限从第{timing.after}步（{steps[timing.after]}）算起，但那一步不在它前面。",
                              "时限只能从前面的步骤算起；核对 after 写的步骤序号。")
            if (timing.at_least is None) == (timing.within is None):
                both = timing.at_least is not None
                scope.problem(owner, path, "E-ONE-OF",
                              f"第{number}步的时限{'同时写了' if both else '没有写'} at_least 和 within。",
                              "“满多久之后才能办”写 at_least；“多久之内必须办”写 within；两条规定分成两项写。")
