"""Checks on free text: markup that could run in a reader's browser, and personal data.

Markup checks run inside the schema's field kinds (they depend on whether a field is plain text
or Markdown). Personal-data checks run over every scalar of every file, whatever its field, so
that a phone number pasted into any corner of the data is caught.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from pydantic_core import PydanticCustomError

TAG_RE = re.compile(r"<\s*/?\s*[A-Za-z!?][^>]*>?")
EVENT_ATTR_RE = re.compile(r"\bon[a-z]+\s*=", re.IGNORECASE)
SCRIPT_URL_RE = re.compile(r"(?:javascript|vbscript|data)\s*:", re.IGNORECASE)
MD_LINK_TARGET_RE = re.compile(r"\]\(\s*<?([^)\s>]*)")
MD_REF_DEF_RE = re.compile(r"^\s*\[[^\]]+\]:\s*<?(\S+)", re.MULTILINE)
AUTOLINK_RE = re.compile(r"<([a-z][a-z0-9+.-]*:[^>\s]*)>", re.IGNORECASE)


def fail(code: str, message: str, hint: str = "", *, at: tuple = (), also: tuple = ()) -> PydanticCustomError:
    """An error for pydantic to collect; ``message`` is never used as a format template.

    A check across fields runs on the whole record (or part), so pydantic places its error there;
    ``at`` is the path below that place of the value to point at (``("answer", 1)``), and ``also``
    the path of a second place to name (the first of two duplicates).
    """
    context: dict[str, object] = {"hint": hint}
    if at:
        context["at"] = tuple(at)
    if also:
        context["also"] = tuple(also)
    return PydanticCustomError(code, message.replace("{", "{{").replace("}", "}}"), context)


def _quote(fragment: str) -> str:
    fragment = fragment.strip()
    return fragment if len(fragment) <= 40 else fragment[:40] + "…"


def refuse_markup(text: str) -> None:
    """Plain-text fields hold no HTML: titles and names are shown as they are written."""
    match = TAG_RE.search(text)
    if match:
        raise fail("E-MARKUP", f"纯文本字段里不能写 HTML 标记，发现 \"{_quote(match.group())}\"。",
                    "删除尖括号标记；书名用《》，强调不用标记。")
    if SCRIPT_URL_RE.search(text) and re.search(r"(?:javascript|vbscript):", text, re.IGNORECASE):
        raise fail("E-MARKUP", "纯文本字段里不能写 javascript: 链接。", "删除这段链接。")


ATTR_LIST_RE = re.compile(r"\{:?[^}\n]*\bon[a-z]+\s*=[^}\n]*\}", re.IGNORECASE)
ENTITY_RE = re.compile(r"&#x?[0-9a-f]+;?|&[a-z]+;", re.IGNORECASE)


def refuse_unsafe_markdown(text: str) -> None:
    """Markdown fields may format text and link, but nothing in them may run in a browser."""
    attributes = ATTR_LIST_RE.search(text)
    if attributes:
        raise fail("E-UNSAFE", f"Markdown 属性列表里不能写事件属性：\"{_quote(attributes.group())}\"。",
                    "删除 {: … } 中的 onclick 等属性；数据里不需要给元素加属性。")
    decoded = html.unescape(text) if ENTITY_RE.search(text) else text
    if decoded is not text and SCRIPT_URL_RE.search(decoded) and not SCRIPT_URL_RE.search(text):
        raise fail("E-UNSAFE", "Markdown 文字里有用字符实体伪装的 javascript:/data: 链接。",
                    "删除这段链接；链接只能指向 http(s) 网址或站内页面。")
    for pattern in (MD_LINK_TARGET_RE, MD_REF_DEF_RE, AUTOLINK_RE):
        for target in pattern.findall(text):
            if SCRIPT_URL_RE.match(target.strip()):
                raise fail("E-UNSAFE", f"Markdown 链接地址不安全：\"{_quote(target)}\"。",
                            "链接只能指向 http(s) 网址或站内页面，不能用 javascript:、data: 或 vbscript:。")
    tag = TAG_RE.search(text)
    if tag:
        fragment = tag.group()
        if EVENT_ATTR_RE.search(fragment):
            message = f"Markdown 文字里不能写带事件属性的 HTML：\"{_quote(fragment)}\"。"
        else:
            message = f"Markdown 文字里不能写 HTML 标记：\"{_quote(fragment)}\"。"
        raise fail("E-UNSAFE", message,
                    "用 Markdown 写格式：**加粗**、[链接文字](网址)、列表用“- ”；不要粘贴网页源码。")
    if SCRIPT_URL_RE.search(text) and re.search(r"(?:javascript|vbscript):", text, re.IGNORECASE):
        raise fail("E-UNSAFE", "Markdown 文字里出现了 javascript: 链接。", "删除这段链接。")


# --- personal data ----------------------------------------------------------------------------

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
ID_RE = re.compile(r"(?<![0-9A-Za-z])([1-9]\d{5})(\d{4})(\d{2})(\d{2})(\d{3})([0-9Xx])(?![0-9A-Za-z])")
MOBILE_RE = re.compile(r"(?<![0-9])(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?![0-9])")


@dataclass(frozen=True)
class PersonalData:
    """A match of personal data inside one scalar: where it starts and how to show it masked."""

    offset: int
    length: int
    kind: str
    masked: str


def resident_id_is_valid(number: str) -> bool:
    """GB 11643-1999: the 18th character is a checksum over the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(number[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11] == number[17].upper()


def _plausible_birth(year: str, month: str, day: str) -> bool:
    return 1900 <= int(year) <= 2100 and 1 <= int(month) <= 12 and 1 <= int(day) <= 31


def find_personal_data(text: str) -> list[PersonalData]:
    """Resident ID numbers with a valid checksum and birth date, and mainland mobile numbers."""
    found: list[PersonalData] = []
    for match in ID_RE.finditer(text):
        number = match.group(0)
        if _plausible_birth(match.group(2), match.group(3), match.group(4)) and resident_id_is_valid(number):
            found.append(PersonalData(match.start(), len(number), "居民身份证号",
                                      number[:3] + "*" * 11 + number[-4:]))
    taken = [(p.offset, p.offset + p.length) for p in found]
    for match in MOBILE_RE.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        digits = "".join(match.group(i) for i in (1, 2, 3))
        found.append(PersonalData(match.start(), len(match.group(0)), "手机号码",
                                  digits[:3] + "****" + digits[-4:]))
    return sorted(found, key=lambda p: p.offset)
