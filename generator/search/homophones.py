"""Pinyin tables for typing slips: a reader who types with a pinyin input method may pick the
wrong character of the right sound (党废 for 党费). The browser, seeing a pair of characters that
no page contains, looks up the pairs of the index that sound the same and tries the commonest.

Two tables are written at build time:

- ``py.js``: every common character (GB 2312) and every character of the index, grouped by its
  toneless readings (``{"dang": "当党挡档…", …}``), so that the browser can spell a query;
- ``p/<n>.js``: the index's character pairs grouped by their toneless spelling
  (``{"dang fei": ["党费", 12, …]}``, commonest first, with the number of documents holding each),
  sharded by the hash of the spelling like the postings.
"""

from __future__ import annotations

import functools
from collections import defaultdict

from pypinyin import Style, lazy_pinyin, pinyin

from .tokens import shard

CANDIDATES = 6
"""Pairs kept per spelling: the commonest are the likely intended words."""
SHARD_BYTES = 40_000
MAX_READINGS = 3
"""Readings kept per character (行: xing hang heng)."""


@functools.cache
def readings(char: str) -> tuple[str, ...]:
    """Toneless readings of one character, commonest first; empty for non-Chinese characters."""
    found = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
    if not found:
        return ()
    return tuple(dict.fromkeys(r for r in found[0] if r.isalpha()))[:MAX_READINGS]


def spelling(pair: str) -> str:
    """The toneless spelling of a pair of characters as read together (银行 → yin hang)."""
    if all(len(readings(char)) == 1 for char in pair):
        return " ".join(readings(char)[0] for char in pair)
    return " ".join(lazy_pinyin(pair, style=Style.NORMAL))


def common_characters() -> str:
    """The 6,763 characters of GB 2312: what a pinyin input method offers first."""
    chars = []
    for code in range(0x4E00, 0xA000):
        char = chr(code)
        try:
            char.encode("gb2312")
        except UnicodeEncodeError:
            continue
        chars.append(char)
    return "".join(chars)


def character_table(extra: set[str]) -> dict[str, str]:
    """Reading → the characters that have it, for the common characters and ``extra``."""
    table: dict[str, list[str]] = defaultdict(list)
    for char in sorted(set(common_characters()) | extra):
        for reading in readings(char):
            table[reading].append(char)
    return {reading: "".join(chars) for reading, chars in sorted(table.items())}


def pair_shards(pairs: dict[str, int]) -> list[dict[str, list]]:
    """Pairs of characters with their document counts → shards of spelling → [pair, count, …]."""
    by_spelling: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for pair, count in pairs.items():
        key = spelling(pair)
        if len(key.split()) == 2:
            by_spelling[key].append((-count, pair))
    entries = {}
    for key, found in by_spelling.items():
        entries[key] = [x for count, pair in sorted(found)[:CANDIDATES] for x in (pair, -count)]
    return shard(entries, SHARD_BYTES, lambda entry: 6 * len(entry))
