"""Chinese labels in reading order: sort keys by pinyin (not by code point) and ASCII anchors.

Readers look for 长清区 under C, so every list of Chinese labels on the site is sorted by its
pinyin, syllable by syllable, with the tone and then the label itself breaking ties. pypinyin
guesses the reading of a polyphonic character from its phrase dictionary; place names it gets
wrong are corrected in :data:`READINGS`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

from pypinyin import Style, lazy_pinyin

T = TypeVar("T")

READINGS: dict[str, tuple[str, ...]] = {
    "长清": ("chang2", "qing1"),
    "长兴": ("chang2", "xing1"),
    "单县": ("shan4", "xian4"),
    "六安": ("lu4", "an1"),
}
"""Readings pypinyin gets wrong for names in this field (it reads 长清 as zhǎng qīng)."""

_IGNORED = re.compile(r"[\s\"'“”‘’「」『』《》〈〉（）()【】\[\]·•、，。：；！？!?,.:;]+")
_TONE = re.compile(r"^([a-zü]+?)([1-5]?)$")


def _syllables(text: str) -> list[str]:
    """Tone-numbered syllables of Chinese characters; other runs are kept, lower-cased."""
    out: list[str] = []
    longest = max((len(k) for k in READINGS), default=0)
    index, run = 0, list[str]()
    while index < len(text):
        for size in range(min(longest, len(text) - index), 1, -1):
            reading = READINGS.get(text[index:index + size])
            if reading:
                break
        else:
            reading, size = None, 1
        if reading:
            if run:
                out.extend(lazy_pinyin("".join(run), style=Style.TONE3, neutral_tone_with_five=True))
                run = []
            out.extend(reading)
            index += size
        else:
            run.append(text[index])
            index += 1
    if run:
        out.extend(lazy_pinyin("".join(run), style=Style.TONE3, neutral_tone_with_five=True))
    return [s.lower() for s in out if s.strip()]


@functools.lru_cache(maxsize=65536)
def sort_key(label: str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """Pinyin syllables without tones, then the tones, then the label: 长清 < 汶上 < 岳麓."""
    text = unicodedata.normalize("NFKC", _IGNORED.sub("", label)) or label
    bare, tones = [], []
    for syllable in _syllables(text):
        match = _TONE.match(syllable)
        if match:
            bare.append(match.group(1))
            tones.append(match.group(2) or "5")
        else:
            bare.append(syllable)
            tones.append("")
    return tuple(bare), tuple(tones), label


def by_pinyin(items: Iterable[T], label: Callable[[T], str] = str) -> list[T]:
    """``items`` sorted by the pinyin of ``label(item)``."""
    return sorted(items, key=lambda item: sort_key(label(item)))


def initial(label: str) -> str:
    """The letter a glossary groups ``label`` under (A–Z), or ``#`` for digits and symbols."""
    bare = sort_key(label)[0]
    first = bare[0][:1].upper() if bare else ""
    return first if "A" <= first <= "Z" else "#"


def slug(label: str) -> str:
    """An ASCII anchor for a Chinese label (红领党务认证 → hong-ling-dang-wu-ren-zheng)."""
    text = "-".join(sort_key(label)[0])
    text = re.sub(r"[^a-z0-9]+", "-", text.replace("ü", "v")).strip("-")
    return text or "x"


def anchors(labels: Iterable[str], prefix: str = "") -> dict[str, str]:
    """Unique anchors for distinct labels, stable for a given set (pinyin order decides suffixes)."""
    taken: set[str] = set()
    result: dict[str, str] = {}
    for label in by_pinyin(set(labels)):
        base = prefix + slug(label)
        anchor, n = base, 2
        while anchor in taken:
            anchor, n = f"{base}-{n}", n + 1
        taken.add(anchor)
        result[label] = anchor
    return result
