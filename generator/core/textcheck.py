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
ATTR_LIST_RE = re.compile(r"\{:?[^}\n]*\bon[a-z]+\s*=[^}\n]*\}", re.IGNORECASE)
ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
BROWSER_DROPS = "[\t\n\r]*"
"""Browsers remove tabs and line breaks anywhere in a URL before reading its scheme."""
SCRIPT_WORD_RE = re.compile("(?:" + "|".join(BROWSER_DROPS.join(word) for word in ("javascript", "vbscript"))
                            + f"){BROWSER_DROPS}:", re.IGNORECASE)
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
MD_LINK_OPEN_RE = re.compile(r"\]\(\s*")
MD_REF_DEF_RE = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*<?([^\s>]+)", re.MULTILINE)
AUTOLINK_RE = re.compile(r"<([a-z][a-z0-9+.\-]*:[^>\s]*)>", re.IGNORECASE)
TEMPLATE_RE = re.compile(r"\{\{[^\n]{0,200}?\}\}|\{%[^\n]{0,200}?%\}|\{#[^\n]{0,200}?#\}")


def fail(code: str, message: str, hint: str = "", *, at: tuple = (), also: tuple = (),
         fragment: str = "") -> PydanticCustomError:
    """An error for pydantic to collect.

    ``message`` is kept as written: it travels in the error's context, not as a format template
    (whose braces pydantic would otherwise show doubled). A check across fields runs on the whole
    record (or part), so pydantic places its error there; ``at`` is the path below that place of
    the value to point at (``("answer", 1)``), and ``also`` the path of a second place to name
    (the first of two duplicates). ``fragment`` is the part of the value at fault, as written,
    so that the problem points at its own line and column inside a long or multi-line text.
    """
    context: dict[str, object] = {"hint": hint}
    if at:
        context["at"] = tuple(at)
    if also:
        context["also"] = tuple(also)
    if fragment:
        context["fragment"] = fragment
    context["message"] = message  # last: pydantic substitutes the context in order, nothing into this
    return PydanticCustomError(code, "{message}", context)


def _quote(fragment: str) -> str:
    fragment = fragment.strip()
    return fragment if len(fragment) <= 40 else fragment[:40] + "…"


def decode_entities(text: str) -> tuple[str, list[int]]:
    """``text`` with HTML character references decoded, and for each decoded character the index
    in ``text`` where it was written (so that a finding points at what the editor typed)."""
    decoded: list[str] = []
    origin: list[int] = []
    last = 0
    for match in ENTITY_RE.finditer(text):
        decoded.append(text[last:match.start()])
        origin.extend(range(last, match.start()))
        value = html.unescape(match.group())
        decoded.append(value)
        origin.extend([match.start()] * len(value))
        last = match.end()
    decoded.append(text[last:])
    origin.extend(range(last, len(text)))
    origin.append(len(text))
    return "".join(decoded), origin


def script_scheme(target: str) -> str | None:
    """The script scheme a browser would see in a link target: entities decoded, tabs, line
    breaks and control characters dropped, case ignored."""
    normal = re.sub(r"[\x00-\x20\x7f]+", "", html.unescape(target)).lower()
    return next((scheme for scheme in SCRIPT_SCHEMES if normal.startswith(scheme)), None)


def _disguised_script(text: str) -> str | None:
    """A javascript:/vbscript: anywhere in the text, also when written with entities, tabs or line
    breaks inside (``jav&#x09;ascript:``); returned as written."""
    decoded, origin = decode_entities(text) if "&" in text else (text, [])
    match = SCRIPT_WORD_RE.search(decoded)
    if match is None:
        return None
    return text[origin[match.start()]:origin[match.end()]] if origin else match.group()


def refuse_markup(text: str) -> None:
    """Plain-text fields hold no HTML, also not written as character references: titles and names
    are shown exactly as they are written."""
    match = TAG_RE.search(text)
    if match:
        raise fail("E-MARKUP", f"纯文本字段里不能写 HTML 标记，发现 \"{_quote(match.group())}\"。",
                   "删除尖括号标记；书名用《》，强调不用标记。", fragment=match.group())
    if "&" in text and ENTITY_RE.search(text):
        decoded, origin = decode_entities(text)
        tag = TAG_RE.search(decoded)
        if tag:
            written = text[origin[tag.start()]:origin[tag.end()]]
            raise fail("E-MARKUP", f"纯文本字段里有用字符实体写成的 HTML 标记 \"{_quote(written)}\"（即 {_quote(tag.group())}），"
                       "网页上会原样显示这些 &…; 字符。", "删除这段标记；纯文本字段只写文字。", fragment=written)
        entity = ENTITY_RE.search(text)
        if entity and html.unescape(entity.group()) != entity.group():
            shown = html.unescape(entity.group())
            raise fail("E-MARKUP", f"纯文本字段里不能写字符实体 \"{entity.group()}\"，网页上会原样显示为 {entity.group()}。",
                       f"直接写出它代表的字符（{'空格' if shown.isspace() else shown}）。", fragment=entity.group())
    disguised = _disguised_script(text)
    if disguised:
        raise fail("E-MARKUP", f"纯文本字段里不能写 javascript: 链接，发现 \"{_quote(disguised)}\"。", "删除这段 javascript: 链接。",
                   fragment=disguised)


def link_targets(text: str) -> list[str]:
    """Targets of Markdown links ``[text](target)`` (parentheses balanced, as Markdown reads
    them), reference definitions ``[x]: target`` and autolinks ``<scheme:…>``."""
    targets: list[str] = []
    for match in MD_LINK_OPEN_RE.finditer(text):
        start = match.end()
        if text.startswith("<", start):
            end = text.find(">", start)
            targets.append(text[start + 1:end if end >= 0 else len(text)])
            continue
        depth, index = 0, start
        while index < len(text):
            char = text[index]
            if char == "\\":
                index += 2
                continue
            if char.isspace():  # a destination ends at white space (a Tab inside is caught below)
                break
            if char == "(":
                depth += 1
            elif char == ")":
                if depth == 0:
                    break
                depth -= 1
            index += 1
        targets.append(text[start:index])
    targets.extend(MD_REF_DEF_RE.findall(text))
    targets.extend(AUTOLINK_RE.findall(text))
    return targets


def refuse_unsafe_markdown(text: str) -> None:
    """Markdown fields may format text and link, but nothing in them may run in a browser."""
    attributes = ATTR_LIST_RE.search(text)
    if attributes:
        raise fail("E-UNSAFE", f"Markdown 属性列表里不能写事件属性：\"{_quote(attributes.group())}\"。",
                   "删除 {: … } 中的 onclick 等属性；数据里不需要给元素加属性。", fragment=attributes.group())
    if "](" in text or "]:" in text or "<" in text:
        for target in link_targets(text):
            if script_scheme(target):
                plain = target.lower().lstrip().startswith(SCRIPT_SCHEMES)
                message = (f"Markdown 链接地址是用字符实体、Tab 或换行伪装的脚本链接：\"{_quote(target)}\"。" if not plain
                           else f"Markdown 链接地址不安全：\"{_quote(target)}\"。")
                raise fail("E-UNSAFE", message,
                           "链接只能指向 http(s) 网址或站内页面，不能用 javascript:、data: 或 vbscript:。", fragment=target)
    tag = TAG_RE.search(text)
    if tag:
        fragment = tag.group()
        if EVENT_ATTR_RE.search(fragment):
            message = f"Markdown 文字里不能写带事件属性的 HTML：\"{_quote(fragment)}\"。"
        else:
            message = f"Markdown 文字里不能写 HTML 标记：\"{_quote(fragment)}\"。"
        raise fail("E-UNSAFE", message,
                   "用 Markdown 写格式：**加粗**、[链接文字](网址)、列表用“- ”；不要粘贴网页源码。", fragment=fragment)
    script = _disguised_script(text)
    if script:
        raise fail("E-UNSAFE", f"Markdown 文字里出现了 javascript: 链接：\"{_quote(script)}\"。", "删除这段 javascript: 链接。",
                   fragment=script)


def find_template_syntax(text: str) -> list[tuple[int, str]]:
    """Template tags (``{{ … }}``, ``{% … %}``, ``{# … #}``) copied from web templates: the site
    shows them literally, it never runs them."""
    if "{{" not in text and "{%" not in text and "{#" not in text:
        return []
    return [(match.start(), match.group()) for match in TEMPLATE_RE.finditer(text)]


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


def mask_personal_data(text: str) -> str:
    """``text`` with every resident ID number and mobile number masked, its length kept (so that
    the carets under a quoted line stay in place): 110***********002X, 139****5678."""
    if not any(ch.isdigit() for ch in text):
        return text
    chars = list(text)
    for found in find_personal_data(text):
        digits = [i for i in range(found.offset, found.offset + found.length) if text[i] not in " -+"]
        for index in (digits[3:-4] if found.kind == "居民身份证号" else digits[-11:][3:7]):
            chars[index] = "*"
    return "".join(chars)


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
