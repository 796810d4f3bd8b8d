"""How text becomes search tokens; ``hongling-search.js`` applies the very same rules to queries.

Chinese has no spaces, and a dictionary would miss every new brand or place name, so each run of
Chinese characters becomes its overlapping character pairs (党费返还 → 党费 费返 返还) and a lone
character stands for itself. Letters and digits stay whole, joined across + - . / so that 1+X,
1+7+N and 2510 are single tokens (their parts of two or more characters are tokens as well).
Quotation marks are dropped first, so “红色‘联’动力” and 红色联动力 give the same pairs.
A page's names (title, aliases, headings) also give each of their characters as a token, so that
a one-character query (党) finds the pages named with it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable

QUOTES = str.maketrans("", "", "\"'“”‘’「」『』〝〞")
TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff〇]+|[a-z0-9]+(?:[+\-./·][a-z0-9]+)*")
PART = re.compile(r"[a-z0-9]{2,}")

def normalise(text: str) -> str:
    """Full-width forms folded (１＋Ｘ → 1+x), lower case, quotation marks removed."""
    return unicodedata.normalize("NFKC", text).lower().translate(QUOTES)


def runs(text: str) -> list[str]:
    """The Chinese runs and letter/digit words of already normalised text."""
    return TOKEN.findall(text)


def run_tokens(run: str) -> list[str]:
    if run[0].isascii():
        parts = PART.findall(run)
        return [run] + [p for p in parts if p != run]
    if len(run) == 1:
        return [run]
    return [run[i:i + 2] for i in range(len(run) - 1)]


def tokens(text: str) -> list[str]:
    """Every token of ``text`` in order, repeats kept (their count weighs the page)."""
    found: list[str] = []
    for run in runs(normalise(text)):
        found.extend(run_tokens(run))
    return found


def name_tokens(text: str) -> list[str]:
    """The tokens of a name: its pairs and words, then each of its Chinese characters."""
    found = tokens(text)
    for run in runs(normalise(text)):
        if len(run) > 1 and not run[0].isascii():
            found.extend(run)
    return found


def name_key(name: str) -> str:
    """A name as queries are matched against it: its words run together (“红色‘联’动力” →
    红色联动力); a query holding it names the page (组织生活会一年开几次 → 组织生活会)."""
    return "".join(runs(normalise(name)))


def first_token(key: str) -> str:
    """The token a name key is filed under: the first token of its first run."""
    found = runs(key)
    return run_tokens(found[0])[0] if found else ""


def fnv1a(token: str) -> int:
    """32-bit FNV-1a over UTF-16 code units, as ``String.charCodeAt`` sees them in the browser:
    the hash that names the shard holding a token."""
    value = 0x811C9DC5
    data = token.encode("utf-16-le")
    for i in range(0, len(data), 2):
        value ^= data[i] | data[i + 1] << 8
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value


def shard(entries: dict[str, list], target: int, size: Callable[[list], int]) -> list[dict[str, list]]:
    """``entries`` split into files of about ``target`` bytes (``size`` estimates an entry's),
    each key in file ``fnv1a(key) % files``: the browser finds a key's file from the key alone."""
    total = sum(len(key) + 8 + size(value) for key, value in entries.items())
    count = max(1, math.ceil(total / target))
    grouped: list[dict[str, list]] = [{} for _ in range(count)]
    for key in sorted(entries):
        grouped[fnv1a(key) % count][key] = entries[key]
    return grouped
