"""The meetings of 组织生活 as data: how often each is held, by whom, on what authority (an
aspect's ``meetings``).

The 组织生活 category page's year planner lays a branch's year out from these fields alone, for
the branch's shape (with or without a 支委会, how many 党小组): the calendar table it prints and
the ``.ics`` file it downloads. A frequency that no regulation sets (党课 每季度: the 支部工作条例
sets none for a branch) is marked ``practice: true`` and said to be local or customary practice
wherever it is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from .fields import Bool, Line, PlainText, Record, Ref, Slug
from .kind import Held, LinkScope

HeldBy = Literal["支部", "支委会", "党小组"]
Every = Literal["每月", "每季度", "每年"]
Quarter = Literal["第一季度", "第二季度", "第三季度", "第四季度"]


class Meeting(Record):
    """A meeting a branch holds on a fixed rhythm (支部党员大会 每季度1次)."""

    id: Slug
    """Local id, unique in the manual (dangyuan-dahui); the planner's rows and calendar entries use it."""

    name: Line
    """Name of the meeting (支部党员大会)."""

    held_by: HeldBy
    """支部: every branch holds it; 支委会: only a branch with a committee; 党小组: each 党小组 holds its own."""

    every: Every
    """The period in which it is held at least once."""

    quarter: Quarter | None = None
    """For a yearly meeting (and only for one), the quarter it is usually held in (组织生活会: 第四季度)."""

    frequency: Line
    """The frequency as the rule or practice words it (一般每季度召开1次; 每年至少召开1次，一般安排在第四季度)."""

    practice: Bool = False
    """``true`` when no regulation sets this frequency and it is local or customary practice."""

    source: Ref("source")
    """The regulation the meeting rests on (for a practice: the one that requires the meeting at all)."""

    article: Line | None = None
    """Article, only where certain."""

    note: PlainText | None = None
    """What the planner and the page add (may be combined with 主题党日; 按上级部署的时间)."""


def check_meetings(scope: LinkScope, owners: Sequence[Held]) -> None:
    """Meeting ids are unique across the manual, and a yearly meeting, and only a yearly one, names
    the quarter it is usually held in."""
    seen: dict[str, tuple[Held, tuple[object, ...]]] = {}
    for owner in owners:
        for a, aspect in enumerate(owner.record.aspects):
            for m, meeting in enumerate(aspect.meetings):
                path = ("aspects", a, "meetings", m)
                if meeting.id in seen:
                    first, where = seen[meeting.id]
                    scope.problem(owner, (*path, "id"), "E-DUP-LOCAL", f"会议编号 “{meeting.id}” 在手册中重复。",
                                  "每种会议用不同的 id，年度计划和日历条目靠它区分。", (scope.location(first, where),))
                else:
                    seen[meeting.id] = (owner, (*path, "id"))
                if meeting.quarter is None and meeting.every == "每年":
                    scope.problem(owner, path, "E-MISSING", f"“{meeting.name}”每年召开，缺少 quarter（一般安排在哪个季度）。",
                                  "写 quarter: 第一季度 … 第四季度；年度计划按它排定日期。")
                if meeting.quarter is not None and meeting.every != "每年":
                    scope.problem(owner, (*path, "quarter"), "E-ONE-OF",
                                  f"“{meeting.name}”{meeting.every}召开，不能再指定在{meeting.quarter}。",
                                  "只有每年召开的会议写 quarter；删除 quarter，或把 every 改为 每年。")
