"""党费 rates as data: an aspect's ``dues`` table, and the one way to read it (:func:`dues_for`).

The table is what the 党费收缴 page renders, what its calculator runs on (the same fields, passed
to the page as JSON) and what answers about 党费 quote. The bands are contiguous and cover every
income from 0 up; the band an income falls in gives the rate for the **whole** income, not for
the part above the band's lower bound (10001元 × 2% = 200.02元, not 150.02元). The link stage
checks the table (:func:`check_dues`): a gap or an overlap between bands, bands that leave an
income without a rate, and worked examples the table contradicts are reported at their line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, WithJsonSchema

from ..textcheck import fail
from .fields import Line, ListOf, Number, PlainText, Record, Ref, Slug, parse_number
from .kind import Held, LinkScope

HUNDRED = Decimal(100)


def parse_percent(value: Any) -> Decimal:
    """A rate in percent: ``1.5%``, ``1.5％`` or ``1.5`` all mean 1.5 per cent."""
    text = value.strip().rstrip("%％").strip() if isinstance(value, str) else value
    rate = parse_number(text)
    if not 0 < rate <= HUNDRED:
        raise fail("E-RANGE", f"比例应在 0 和 100% 之间，实际是 {rate}%。", "按百分数写，例如 0.5% 写成 0.5% 或 0.5。")
    return rate


Percent = Annotated[Decimal, BeforeValidator(parse_percent), WithJsonSchema(
    {"anyOf": [{"type": "number", "exclusiveMinimum": 0, "maximum": 100},
               {"type": "string", "pattern": r"^[0-9]+(\.[0-9]+)?\s*[%％]?$"}]})]
"""A rate in per cent (1.5 means 1.5%), written with or without the % sign."""

ROUNDING = {"分": Decimal("0.01"), "角": Decimal("0.1")}
"""The unit an amount is rounded to (half up) for each value of :attr:`DuesTable.round_to`."""


class DuesBand(Record):
    """One band of monthly income and the rate that applies to the whole of an income in it."""

    above: Number | None = None
    """Lower bound in 元, **exclusive** (3000 for "3000元以上"); left out on the first band, which starts at 0."""

    up_to: Number | None = None
    """Upper bound in 元, **inclusive** (5000 for "至5000元（含5000元）"); left out on the last band only."""

    rate: Percent
    """Per cent of the whole income (1.5 for 1.5%)."""


class DuesCase(Record):
    """A group of members whose 党费 is worked out differently: another base, bands of its own,
    or a fixed monthly amount. A case with neither ``bands`` nor ``fixed`` uses the main bands on
    its own ``base`` (年薪制: the pay actually received that month)."""

    id: Slug
    """Local id (nianxin, lituixiu); examples and the calculator name the case by it."""

    who: Line
    """Who it applies to (实行年薪制的党员)."""

    base: Line | None = None
    """What the rate is applied to (当月实际领取的薪酬收入); none for a fixed amount."""

    bands: ListOf(DuesBand) = ()
    """Bands of its own (离退休: 5000元以下（含）0.5%, 5000元以上1%), checked like the main ones."""

    fixed: Number | None = None
    """A fixed amount in 元 a month (学生党员 0.2元), whatever the income."""

    source: Ref("source")
    """The regulation that sets this case."""

    article: Line | None = None
    """Article or item, only where certain."""

    note: PlainText | None = None
    """What else the reader must know (who approves a lower amount, which income counts)."""


class DuesExample(Record):
    """A worked example the page shows and the check recomputes from the table."""

    income: Number
    """Monthly income (the base) in 元."""

    amount: Number
    """党费 a month in 元, as the table gives it after rounding (200.02)."""

    case: Slug | None = None
    """The local id of a special case, when the example is one (nianxin); the main bands otherwise."""

    note: PlainText | None = None
    """What the example shows (落在第四档，2% 适用于全部收入)."""


class DuesTable(Record):
    """The 党费 rates of the regulation: bands of monthly income, special cases, worked examples."""

    base: Line
    """What the main bands apply to (每月工资收入（税后）)."""

    rule: PlainText
    """How a band applies, in words the calculator shows with every result: the band's rate
    applies to the whole income, not only to the part above its lower bound."""

    round_to: Literal["分", "角"] = "分"
    """The unit an amount is rounded to, half up (四舍五入)."""

    rounding: PlainText
    """Where the rounding comes from; the regulation does not say, so name it as practice."""

    source: Ref("source")
    """The regulation that sets the bands."""

    article: Line | None = None
    """Article or item, only where certain."""

    bands: ListOf(DuesBand, min_length=1)
    """The bands from 0 up, in order, without gaps or overlaps; the last has no upper bound."""

    cases: ListOf(DuesCase) = ()
    """Members whose 党费 is worked out differently (年薪制, 离退休, 学生 …)."""

    examples: ListOf(DuesExample) = ()
    """Worked examples, best at the bands' edges (3000, 3000.01, 10000, 10001)."""


# --- reading the table -----------------------------------------------------------------------


@dataclass(frozen=True)
class Dues:
    """What a member pays a month, and why."""

    amount: Decimal
    """Rounded to the table's unit (200.02)."""
    exact: Decimal
    """Before rounding (30.0001 for 3000.01元 at 1%)."""
    rate: Decimal | None
    """The band's rate in per cent; ``None`` for a fixed amount."""
    band: int | None
    """Index of the band in the list used; ``None`` for a fixed amount."""


def band_index(bands: Sequence[DuesBand], income: Decimal) -> int | None:
    """The band ``income`` falls in: above its lower bound (or the first band) and up to its upper."""
    for index, band in enumerate(bands):
        low_ok = index == 0 or band.above is None or income > band.above
        if low_ok and (band.up_to is None or income <= band.up_to):
            return index
    return None


def dues_for(table: DuesTable, income: Decimal, case: str | None = None) -> Dues | None:
    """党费 a month on ``income`` by the main bands, or by the special case with local id ``case``;
    ``None`` when no band holds the income (only in a table the check rejects) or no such case."""
    bands: Sequence[DuesBand] = table.bands
    if case is not None:
        found = next((c for c in table.cases if c.id == case), None)
        if found is None:
            return None
        if found.fixed is not None:
            return Dues(found.fixed, found.fixed, None, None)
        bands = found.bands or table.bands
    index = band_index(bands, income)
    if index is None:
        return None
    rate = bands[index].rate
    exact = income * rate / HUNDRED
    return Dues(exact.quantize(ROUNDING[table.round_to], rounding=ROUND_HALF_UP), exact, rate, index)


def yuan(value: Decimal) -> str:
    """An amount or bound as written in the table (3000, 0.2, 200.02)."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- the link-stage check --------------------------------------------------------------------


def check_bands(scope: LinkScope, owner: Held, path: tuple[Any, ...], bands: Sequence[DuesBand]) -> None:
    """Bands run from 0 without a gap or an overlap, and only the last is open above."""
    last = len(bands) - 1
    for index, band in enumerate(bands):
        here = (*path, index)
        if index == 0 and band.above not in (None, Decimal(0)):
            scope.problem(owner, (*here, "above"), "E-BAND-OPEN", f"第1档从 {yuan(band.above)} 元以上起算，0 到 {yuan(band.above)} 元的收入没有比例。",
                          "删除第1档的 above，让它从 0 元起算。")
        if index > 0:
            before = bands[index - 1].up_to
            if band.above is None:
                hint = f"写 above: {yuan(before)}（上一档的上限）。" if before is not None else "写出这一档的下限。"
                scope.problem(owner, here, "E-MISSING", f"第{index + 1}档缺少下限 above。", hint)
            elif before is not None and band.above > before:
                scope.problem(owner, (*here, "above"), "E-BAND-GAP",
                              f"第{index}档到 {yuan(before)} 元为止，第{index + 1}档从 {yuan(band.above)} 元以上起算，中间的收入没有比例。",
                              f"把 above 改为 {yuan(before)}：上一档的上限（含）就是这一档的下限（不含）。",
                              (scope.location(owner, (*path, index - 1, "up_to")),))
            elif before is not None and band.above < before:
                scope.problem(owner, (*here, "above"), "E-BAND-OVERLAP",
                              f"第{index}档到 {yuan(before)} 元为止，第{index + 1}档却从 {yuan(band.above)} 元以上起算，两档重叠。",
                              f"把 above 改为 {yuan(before)}，让每个收入只落在一档。",
                              (scope.location(owner, (*path, index - 1, "up_to")),))
        if band.up_to is not None and band.above is not None and band.up_to <= band.above:
            scope.problem(owner, (*here, "up_to"), "E-BAND-OVERLAP",
                          f"第{index + 1}档的上限 {yuan(band.up_to)} 元不高于下限 {yuan(band.above)} 元。", "核对上下限，上限应当大于下限。")
        if band.up_to is None and index < last:
            scope.problem(owner, here, "E-BAND-OPEN", f"第{index + 1}档没有上限，但后面还有档次。",
                          "只有最后一档不写 up_to；给这一档写出上限（含）。")
        if band.up_to is not None and index == last:
            scope.problem(owner, (*here, "up_to"), "E-BAND-OPEN", f"最后一档到 {yuan(band.up_to)} 元为止，更高的收入没有比例。",
                          f"删除最后一档的 up_to，或再加一档“{yuan(band.up_to)}元以上”。")


def check_table(scope: LinkScope, owner: Held, path: tuple[Any, ...], table: DuesTable) -> None:
    check_bands(scope, owner, (*path, "bands"), table.bands)
    ids: dict[str, int] = {}
    for index, case in enumerate(table.cases):
        here = (*path, "cases", index)
        if case.id in ids:
            scope.problem(owner, (*here, "id"), "E-DUP-LOCAL", f"特殊情形 “{case.id}” 在本表中重复。", "每种情形用不同的 id。",
                          (scope.location(owner, (*path, "cases", ids[case.id], "id")),))
        ids.setdefault(case.id, index)
        if case.fixed is not None and case.bands:
            scope.problem(owner, (*here, "fixed"), "E-ONE-OF", f"特殊情形 “{case.who}” 同时写了固定金额 fixed 和档次 bands。",
                          "固定金额的删除 bands；按比例交纳的删除 fixed。")
        elif case.fixed is None and case.base is None:
            scope.problem(owner, here, "E-MISSING", f"特殊情形 “{case.who}” 没有写计算基数 base，也没有固定金额 fixed。",
                          "按比例交纳的写 base（以什么收入为基数）；按固定金额交纳的写 fixed。")
        if case.bands:
            check_bands(scope, owner, (*here, "bands"), case.bands)
    for index, example in enumerate(table.examples):
        here = (*path, "examples", index)
        if example.case is not None and example.case not in ids:
            scope.local_missing(owner, (*here, "case"), example.case, set(ids), "特殊情形")
            continue
        result = dues_for(table, example.income, example.case)
        if result is None or result.amount == example.amount:
            continue
        if result.rate is None:
            how = f"这一情形每月固定交纳 {yuan(result.amount)} 元。"
        else:
            how = (f"{yuan(example.income)} × {yuan(result.rate)}% = {yuan(result.exact)} 元（比例适用于全部收入），"
                   f"四舍五入到{table.round_to}为 {yuan(result.amount)} 元。")
        scope.problem(owner, (*here, "amount"), "E-DUES-EXAMPLE",
                      f"收入 {yuan(example.income)} 元的党费写作 {yuan(example.amount)} 元，按本表应为 {yuan(result.amount)} 元。",
                      how + "核对示例或档次表。")


def check_dues(scope: LinkScope, owners: Sequence[Held]) -> None:
    """Every aspect's ``dues`` table: contiguous bands, consistent cases, examples that hold."""
    for owner in owners:
        for index, aspect in enumerate(owner.record.aspects):
            if aspect.dues is not None:
                check_table(scope, owner, ("aspects", index, "dues"), aspect.dues)
