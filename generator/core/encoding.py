"""Bytes → text: UTF-8 (with or without BOM) is read; anything else is named for what it is.

Editors' Windows machines save GBK by default, Notepad offers "Unicode" (UTF-16), and a copy cut
short leaves half a character at the end of a file. Each gets its own message, at the line and
character column where it shows, and :mod:`fix` knows which ones it may re-encode.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from .problems import Problem

SAVE_HINT = "用记事本打开后“另存为”，编码选择 UTF-8；或在 WPS/VS Code 中选择“以 UTF-8 编码保存”。"
FIX_HINT = "也可以运行 hongling check --fix 自动转成 UTF-8。"
BOMS = ((codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
        (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"))


@dataclass
class Decoded:
    """What a file's bytes hold: ``text`` when they are UTF-8, otherwise the problem."""

    text: str | None
    problems: list[Problem] = field(default_factory=list)
    shown: str = ""
    """The text as best it can be read, to quote lines under the problems (never parsed)."""
    source_encoding: str | None = None
    """A codec that reads the whole file when it is not UTF-8 (gb18030, utf-16 …): :mod:`fix`
    re-encodes such files to UTF-8."""


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _position(raw: bytes, offset: int, codec: str = "utf-8") -> tuple[int, int]:
    """1-based line and character column of byte ``offset``, lines counted as the parser counts
    them (CR LF, CR and LF each end one)."""
    before = raw[:offset].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    line_start = before.rfind(b"\n") + 1
    return before.count(b"\n") + 1, len(before[line_start:].decode(codec, "replace")) + 1


def _utf16_without_bom(raw: bytes) -> str | None:
    """Notepad's "Unicode" without its BOM: every other byte of ASCII text is NUL."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    for codec, zeros in (("utf-16-le", raw[1::2]), ("utf-16-be", raw[0::2])):
        if zeros.count(0) * 4 > len(zeros):
            try:
                raw.decode(codec)
            except UnicodeDecodeError:
                continue
            return codec
    return None


def _is_gbk(raw: bytes) -> bool:
    """GBK/GB18030 rather than UTF-8 with a few broken bytes: the file reads as GB18030, and the
    UTF-8 characters it would otherwise hold are fewer than the broken places."""
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    lossy = raw.decode("utf-8", "replace")
    broken = lossy.count("\ufffd")
    return sum(1 for ch in lossy if ord(ch) > 0x7F) - broken < broken


def decode(raw: bytes, rel: str) -> Decoded:
    """UTF-8 with or without BOM; anything else is named so the editor knows how to re-save it."""
    for bom, codec, name in BOMS:
        if raw.startswith(bom):
            try:
                shown = normalize_newlines(raw.decode(codec))
            except UnicodeDecodeError:
                return Decoded(None, [Problem("E-ENCODING", f"文件是 {name} 编码，需要 UTF-8。", rel, hint=SAVE_HINT)])
            return Decoded(None, [Problem("E-ENCODING", f"文件是 {name} 编码，需要 UTF-8。", rel,
                                          hint=f"{SAVE_HINT}{FIX_HINT}", fixable=True)], shown, codec)
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    nul = raw.find(b"\x00")
    if nul >= 0:
        utf16 = _utf16_without_bom(raw)
        if utf16 is not None:
            return Decoded(None, [Problem("E-ENCODING", "文件是 UTF-16 编码（没有 BOM），需要 UTF-8。", rel,
                                          hint=f"{SAVE_HINT}{FIX_HINT}", fixable=True)],
                           normalize_newlines(raw.decode(utf16)), utf16)
        line, column = _position(raw, nul)
        return Decoded(None, [Problem(
            "E-NUL", "这里有一个 NUL 空字节（U+0000），纯文本文件里不会有它"
            "（可能是二进制文件、Word 文档或损坏的文件）。", rel, line, column,
            hint="如果文件是从 Word 或其他程序里导出的，请复制文字到记事本重新保存为 UTF-8；"
            "否则删除这个字符（VS Code 中显示为 NUL）。")], normalize_newlines(raw.decode("utf-8", "replace")))
    try:
        return Decoded(normalize_newlines(raw.decode("utf-8")))
    except UnicodeDecodeError as error:
        lossy = normalize_newlines(raw.decode("utf-8", "replace"))
        if _is_gbk(raw):
            first = next(i for i, byte in enumerate(raw) if byte > 0x7F)
            line, column = _position(raw, first, "gb18030")
            return Decoded(None, [Problem("E-ENCODING", "文件不是 UTF-8 编码，看起来是 GBK/GB18030（Windows 中文默认编码）。",
                                          rel, line, column, hint=f"{SAVE_HINT}{FIX_HINT}", fixable=True)],
                           normalize_newlines(raw.decode("gb18030")), "gb18030")
        line, column = _position(raw, error.start)
        broken = " ".join(f"{byte:02X}" for byte in raw[error.start:error.end])
        if error.reason == "unexpected end of data" and error.end == len(raw):
            message = f"文件末尾的最后一个字符不完整（UTF-8 字节 {broken} 被截断），文件可能没有保存完整或复制时被截断。"
            hint = "在文件末尾删除这个残缺的字符并重新输入；再核对末尾的内容是否完整。"
        else:
            message = f"第 {line} 行第 {column} 个字符不是有效的 UTF-8（字节 {broken}），文件其余部分是 UTF-8。"
            hint = "删除这个显示为乱码（�）的字符并重新输入；它可能来自拼接或截断的文件。"
        return Decoded(None, [Problem("E-ENCODING", message, rel, line, column, hint=hint)], lossy)
