"""Shared field kinds: every scalar arrives as a string and is typed here.

The loader never lets YAML guess types (no yes/no booleans, no octal, no dates), so each kind
below parses its own text and raises a :class:`PydanticCustomError` whose type is one of the
stable problem codes of :mod:`generator.problems` and whose message is written for the editor.
The ``hint`` in the error context becomes the 提示 line of the diagnostic.
"""

from __future__ import annotations

import calendar
import re
import time
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, WithJsonSchema
from pydantic_core import PydanticCustomError

from .. import textcheck
from ..textcheck import fail

FIRST_PARTY_YEAR = 1921
"""The founding year of the Party: no figure or event in the library can be older."""

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG = 64
MAX_NUMBER_CHARS = 18
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
"""Ids become file names; Windows cannot create files with these names, whatever the extension."""


def build_year(info: ValidationInfo | None) -> int:
    """The build's year, which validation receives in its context (``Settings.build_year``);
    this year when a model is validated on its own."""
    context = info.context if info is not None else None
    if isinstance(context, dict) and "build_year" in context:
        return int(context["build_year"])
    return time.gmtime().tm_year


class Record(BaseModel):
    """Base of every record kind: closed (unknown keys are errors) and immutable."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
        hide_input_in_errors=True,
    )




@dataclass(frozen=True)
class RefTo:
    """Marks a field as a reference to records of the given kinds; :mod:`link` resolves it."""

    kinds: tuple[str, ...]


# --- text ------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        raise fail("E-EMPTY", "这里不能为空。", "填写内容，或者删除这一行（如果此字段可以省略）。")
    if isinstance(value, (list, dict)):
        found = "列表" if isinstance(value, list) else "键值对（映射）"
        raise fail("E-TYPE", f"这里应当是一段文字，实际写成了{found}。",
                   "去掉多余的缩进或“- ”，把内容写在冒号后面同一行。")
    text = str(value).strip()
    if not text:
        raise fail("E-EMPTY", "这里不能为空。", "填写内容，或者删除这一行（如果此字段可以省略）。")
    return text


def _line(value: Any) -> str:
    text = _text(value)
    if "\n" in text:
        raise fail("E-TYPE", "这里应当是一行文字，不能换行。", "把内容合并成一行。")
    textcheck.refuse_markup(text)
    return text


def _plain(value: Any) -> str:
    text = _text(value)
    textcheck.refuse_markup(text)
    return text


def _markdown(value: Any) -> str:
    text = _text(value)
    textcheck.refuse_unsafe_markdown(text)
    return text


Line = Annotated[str, BeforeValidator(_line)]
"""One line of plain text: titles, names, labels. No markup, no line breaks."""

PlainText = Annotated[str, BeforeValidator(_plain)]
"""Plain text that may span lines (quotes, short descriptions). No markup."""

Markdown = Annotated[str, BeforeValidator(_markdown)]
"""Markdown text; raw HTML, script links and event attributes are refused."""


# --- ids -------------------------------------------------------------------------------------


def slugify_hint(text: str) -> str:
    """A slug close to ``text``, for the hint of a malformed id."""
    ascii_only = re.sub(r"[^a-z0-9]+", "-", text.strip().lower())
    return ascii_only.strip("-")


def check_slug(value: Any) -> str:
    """An id is a lowercase ASCII slug: safe as a file name on Windows and Linux and in a URL."""
    if isinstance(value, (list, dict)) or value is None or str(value) == "":
        return _text(value)
    raw = str(value)
    if raw != raw.strip():
        raise fail("E-ID", f"编号 \"{raw}\" 首尾有空格。", f"改为 \"{raw.strip()}\"。")
    if "/" in raw or "\\" in raw or ".." in raw:
        raise fail("E-ID", f"编号 \"{raw}\" 含有路径符号（/、\\ 或 ..），编号会成为文件名，不能包含路径。",
                   f"只用小写字母、数字和连字符，例如 \"{slugify_hint(raw) or 'case-1'}\"。")
    if len(raw) > MAX_SLUG:
        raise fail("E-ID", f"编号长 {len(raw)} 个字符，最多 {MAX_SLUG} 个。", "用更短的拼音缩写。")
    if raw in WINDOWS_RESERVED:
        raise fail("E-ID", f"编号 \"{raw}\" 是 Windows 保留的设备名，不能用作文件名。",
                   f"换一个编号，例如 \"{raw}-1\" 或用完整拼音。")
    if not SLUG_RE.match(raw):
        if SLUG_RE.match(raw.lower()):
            hint = f"编号只用小写字母：改为 \"{raw.lower()}\"（Windows 不区分大小写，大写编号会与小写编号冲突）。"
        elif re.search(r"[^\x00-\x7f]", raw):
            hint = "编号只能用小写拼音字母、数字和连字符（-），不能用汉字或全角字符；中文名称写在 title/name 字段。"
        else:
            suggestion = slugify_hint(raw)
            hint = f"只用小写字母、数字和单个连字符，例如 \"{suggestion}\"。" if suggestion else \
                "只用小写字母、数字和单个连字符。"
        raise fail("E-ID", f"编号 \"{raw}\" 格式不对。", hint)
    return raw


SLUG_JSON = WithJsonSchema({"type": "string", "pattern": SLUG_RE.pattern, "maxLength": MAX_SLUG})

Slug = Annotated[str, BeforeValidator(check_slug), SLUG_JSON]
"""The id of a record or of an addressable part of one."""


def check_reference(value: Any) -> str:
    """Like an id, except that a Chinese name passes through: the link stage then names the id
    of the record with that name ("写编号 changqing，不要写名称 长清区")."""
    if isinstance(value, str) and value.strip() and re.search(r"[^\x00-\x7f]", value) \
            and not re.search(r"[/\\]|\.\.", value):
        return value.strip()
    return check_slug(value)


def Ref(*kinds: str) -> Any:
    """A reference to another record of one of ``kinds``, resolved by the link stage."""
    return Annotated[str, BeforeValidator(check_reference), RefTo(tuple(kinds)), SLUG_JSON]


# --- numbers, years, dates, booleans ---------------------------------------------------------

NUMBER_RE = re.compile(r"^[0-9]+(?:\.[0-9]+)?$")
CLOCK_RE = re.compile(r"^([0-9]{1,2})\s*[:：]\s*([0-5][0-9])$")
"""1:30 — hours and minutes (or a ratio), which YAML 1.1 would silently read as 90."""
CHINESE_NUMERALS = set("〇零一二三四五六七八九十百千万亿两")


def _scalar_text(value: Any, what: str) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise fail("E-EMPTY", "这里不能为空。", f"填写{what}，或者删除这一行（如果此字段可以省略）。")
    if isinstance(value, (list, dict)):
        raise fail("E-TYPE", f"这里应当是{what}，实际写成了{'列表' if isinstance(value, list) else '映射'}。",
                   f"在冒号后面直接写{what}。")
    return str(value).strip()


def parse_number(value: Any) -> Decimal:
    """A non-negative decimal written with ASCII digits (the exact figure, without its qualifier)."""
    text = _scalar_text(value, "数字")
    normalized = text.replace(",", "").replace("，", "")
    if len(normalized) > MAX_NUMBER_CHARS:
        raise fail("E-NUMBER", f"数字有 {len(text)} 位，过长。", "核对原文中的数字。")
    if normalized.startswith("-") and NUMBER_RE.match(normalized[1:]):
        raise fail("E-RANGE", f"数值不能为负数，实际是 {text}。", "人数、个数、金额都应当是 0 或正数。")
    if not NUMBER_RE.match(normalized):
        half_width = unicodedata.normalize("NFKC", normalized)
        if NUMBER_RE.match(half_width):
            raise fail("E-NUMBER", f"数字用了全角字符：\"{text}\"。", f"改成半角数字：{half_width}。")
        clock = CLOCK_RE.match(normalized)
        if clock:
            hours = (Decimal(clock.group(1)) + Decimal(clock.group(2)) / 60).quantize(Decimal("0.01")).normalize()
            hint = (f"这里只写一个数：如果 “{text}” 是 {int(clock.group(1))} 小时 {int(clock.group(2))} 分钟，写成 {hours}；"
                    "如果是比例，写成百分比或写进文字说明。")
        elif any(ch in CHINESE_NUMERALS for ch in text):
            hint = "用阿拉伯数字书写，例如 200；“余”“近”“超”等写在 qualifier 字段，单位写在 unit 字段。"
        elif re.search(r"[\d.]", text) and re.search(r"[^\d.]", normalized):
            hint = "只写数字本身，例如 “200余名” 写成 value: 200、qualifier: 余、unit: 名。"
        else:
            hint = "用阿拉伯数字书写，例如 200 或 39.43。"
        raise fail("E-NUMBER", f"应当是数字，实际是 \"{text}\"。", hint)
    try:
        return Decimal(normalized)
    except InvalidOperation:  # pragma: no cover - guarded by the regex
        raise fail("E-NUMBER", f"应当是数字，实际是 \"{text}\"。", "用阿拉伯数字书写。") from None


Number = Annotated[Decimal, BeforeValidator(parse_number), WithJsonSchema({"type": "number", "minimum": 0})]


def parse_positive_int(value: Any) -> int:
    number = parse_number(value)
    if number != number.to_integral_value() or number < 1:
        raise fail("E-RANGE", f"应当是正整数，实际是 {number}。", "写 1、2、3 这样的序号。")
    return int(number)


Ordinal = Annotated[int, BeforeValidator(parse_positive_int), WithJsonSchema({"type": "integer", "minimum": 1})]
"""A 1-based position (category and aspect numbers, level order)."""


def parse_year(value: Any, info: ValidationInfo | None = None) -> int:
    text = _scalar_text(value, "年份")
    text = text.removesuffix("年")
    if any(ch in CHINESE_NUMERALS for ch in text):
        raise fail("E-YEAR", f"年份应当用阿拉伯数字书写，实际是 \"{value}\"。", "例如 2022，不要写成 二〇二二。")
    if not re.fullmatch(r"[0-9]{4}", text):
        half_width = unicodedata.normalize("NFKC", text)
        hint = f"改成半角数字：{half_width}。" if re.fullmatch(r"[0-9]{4}", half_width) else "例如 2023。"
        raise fail("E-YEAR", f"年份应当是四位半角数字，实际是 \"{value}\"。", hint)
    year, last = int(text), build_year(info) + 1
    if not FIRST_PARTY_YEAR <= year <= last:
        guess = "2" + text[1:]
        hint = f"是否指 {guess}？" if FIRST_PARTY_YEAR <= int(guess) <= last else "核对原文中的年份。"
        raise fail("E-YEAR", f"年份 {year} 超出范围（{FIRST_PARTY_YEAR}—{last}）。", hint)
    return year


YEAR_JSON = {"type": "integer", "minimum": FIRST_PARTY_YEAR, "maximum": 2100}

Year = Annotated[int, BeforeValidator(parse_year), WithJsonSchema(YEAR_JSON)]

NOT_GIVEN = "不详"
"""What an editor writes when the source does not give a value (``year: 不详``): the site then says
so (年份不详) instead of leaving the reader to guess, and nobody fills the gap from elsewhere."""

NOT_GIVEN_WORDS = {"不详", "未知", "不明", "未注明"}


def parse_year_or_not_given(value: Any, info: ValidationInfo | None = None) -> int | str:
    """A year, or 不详 when the source gives none (checked: not merely left out)."""
    text = _scalar_text(value, "年份")
    if text in NOT_GIVEN_WORDS:
        if text != NOT_GIVEN:
            raise fail("E-YEAR", f"来源没有给出年份时写“{NOT_GIVEN}”，实际写的是“{text}”。", f"改为 {NOT_GIVEN}。")
        return NOT_GIVEN
    try:
        return parse_year(value, info)
    except PydanticCustomError as error:
        context = dict(error.context or {})
        context["hint"] = f"{context.get('hint', '')}来源没有给出年份时写“{NOT_GIVEN}”。"
        raise PydanticCustomError(error.type, error.message_template, context) from None


YearOrNotGiven = Annotated[int | Literal["不详"], BeforeValidator(parse_year_or_not_given),
                           WithJsonSchema({"anyOf": [YEAR_JSON, {"const": NOT_GIVEN}]})]
"""A year, or 不详 (the source does not give it); leaving the field out means nobody has said."""

DATE_RE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
LOOSE_DATE_RE = re.compile(r"^(\d{4})\s*[年/.\-]\s*(\d{1,2})(?:\s*[月/.\-]\s*(\d{1,2})\s*日?)?\s*月?$")


def parse_partial_date(value: Any, info: ValidationInfo | None = None) -> str:
    """A date as precise as the source gives it: ``2023``, ``2023-10`` or ``2023-10-07``."""
    text = _scalar_text(value, "日期")
    match = DATE_RE.match(text)
    if not match:
        loose = LOOSE_DATE_RE.match(text)
        if loose:
            y, m, d = loose.groups()
            fixed = f"{y}-{int(m):02d}" + (f"-{int(d):02d}" if d else "")
            raise fail("E-DATE", f"日期格式不对：\"{text}\"。", f"写成 {fixed}（年-月-日，月和日用两位数字）。")
        raise fail("E-DATE", f"日期格式不对：\"{text}\"。", "写成 2023-05-01、2023-05 或 2023。")
    year_text, month_text, day_text = match.groups()
    parse_year(year_text, info)
    if month_text and not 1 <= int(month_text) <= 12:
        raise fail("E-DATE", f"日期 {text} 中的月份 {int(month_text)} 不存在。", "月份是 01—12。")
    if day_text:
        days = calendar.monthrange(int(year_text), int(month_text))[1]
        if not 1 <= int(day_text) <= days:
            raise fail("E-DATE", f"日期 {text} 不存在：{int(year_text)} 年 {int(month_text)} 月只有 {days} 天。",
                       "核对原文中的日期。")
    return text


DATE_JSON: list[dict[str, Any]] = [{"type": "integer", "minimum": FIRST_PARTY_YEAR},
                                   {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"}]

PartialDate = Annotated[str, BeforeValidator(parse_partial_date), WithJsonSchema({"anyOf": DATE_JSON})]


def parse_partial_date_or_not_given(value: Any, info: ValidationInfo | None = None) -> str:
    """A partial date, or 不详 when the document carries none (checked: not merely left out)."""
    if isinstance(value, str) and value.strip() in NOT_GIVEN_WORDS:
        if value.strip() != NOT_GIVEN:
            raise fail("E-DATE", f"文件没有日期时写“{NOT_GIVEN}”，实际写的是“{value.strip()}”。", f"改为 {NOT_GIVEN}。")
        return NOT_GIVEN
    return parse_partial_date(value, info)


PartialDateOrNotGiven = Annotated[str, BeforeValidator(parse_partial_date_or_not_given),
                                  WithJsonSchema({"anyOf": [*DATE_JSON, {"const": NOT_GIVEN}]})]
"""A partial date, or 不详 (the document carries none)."""

TRUE_WORDS = {"true"}
FALSE_WORDS = {"false"}


def parse_bool(value: Any) -> bool:
    text = _scalar_text(value, "true 或 false")
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    if text.lower() in {"true", "yes", "on", "y", "1"} or text in {"是", "对", "有"}:
        hint = "写 true（是）。"
    elif text.lower() in {"false", "no", "off", "n", "0"} or text in {"否", "不", "无", "不是"}:
        hint = "写 false（否）。"
    else:
        hint = "写 true（是）或 false（否）。"
    raise fail("E-BOOL", f"应当是 true 或 false，实际是 \"{text}\"。", hint)


Bool = Annotated[bool, BeforeValidator(parse_bool)]


def as_list(value: Any) -> Any:
    """A list field given a single string: refuse it with a hint rather than splitting silently."""
    if value is None:
        return ()
    if isinstance(value, str):
        raise fail("E-TYPE", f"这里应当是列表，实际写成了一段文字 \"{value[:30]}\"。",
                   "每一项另起一行，以“- ”开头，例如：\n    - 第一项\n    - 第二项")
    if isinstance(value, dict):
        raise fail("E-TYPE", "这里应当是列表，实际写成了键值对（映射）。", "每一项另起一行，以“- ”开头。")
    return value


def ListOf(item: Any, *, min_length: int = 0) -> Any:
    """A YAML list of ``item``; a bare string is refused instead of being read as one item."""
    return Annotated[tuple[item, ...], BeforeValidator(as_list), Field(min_length=min_length)]
