"""How text becomes search tokens; ``hongling-search.js`` applies the very same rules to queries.

Chinese has no spaces, and a dictionary would miss every new brand or place name, so each run of
Chinese characters becomes its overlapping character pairs (党费返还 → 党费 费返 返还) and a lone
character stands for itself. Letters and digits stay whole, joined across + - . / so that 1+X,
1+7+N and 2510 are single tokens (their parts of two or more characters are tokens as well).
Quotation marks are dropped first, so “红色‘联’动力” and 红色联动力 give the same pairs.
"""

from __future__ import annotations

import re
import unicodedata

QUOTES = str.maketrans("", "", "\"'“”‘’「」『』〝〞")
TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff〇]+|[a-z0-9]+(?:[+\-./·][a-z0-9]+)*")
PART = re.compile(r"[a-z0-9]{2,}")

QUESTION_WORDS = ("为什么", "怎么样", "怎么", "怎样", "如何", "什么", "哪些", "哪个", "哪里", "哪儿", "是否", "多长",
                  "多久", "多少")
"""Words of a question, not of its subject: dropped from queries (党费怎么返还 → 党费 返还)."""


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


def title_key(title: str) -> str:
    """The token that marks a document whose whole title is the query: ``=`` and the title's
    words run together (“红色‘联’动力” → =红色联动力)."""
    words = "".join(runs(normalise(title)))
    return "=" + words if words else ""


def query_text(query: str) -> str:
    """A query as it is matched: normalised, with question words replaced by a break."""
    text = normalise(query)
    for word in QUESTION_WORDS:
        text = text.replace(word, " ")
    return text
