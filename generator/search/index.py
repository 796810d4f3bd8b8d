"""The search index: token postings sharded by hash, and document details in small chunks.

A reader's browser loads ``meta.js`` first (a few hundred bytes plus the synonyms), then only the
shards holding the query's tokens and the chunks holding the first results, each through a
``<script>`` element so that the same files work over http and from ``file://``. What a query
costs therefore depends on the query, not on the size of the library.

Files (under ``search/`` in the site):

- ``meta.js``      ``__hlSearch.meta({...})``: document count, shard count, chunk size, synonyms;
- ``s/<n>.js``     ``__hlSearch.shard(n, {token: [df, [doc, weight, doc, weight, …]]})`` with
                   document numbers delta-encoded; tokens go to shard ``fnv1a(token) % shards``;
- ``d/<n>.js``     ``__hlSearch.docs(n, [[url, title, crumb, summary, [[anchor, heading], …]?], …])``.

A token's weight in a document adds its count in the text (capped), three per heading it is in,
and a title bonus that is larger for shorter titles, so that the page *about* a term (the glossary
entry 两新, the aspect 党费收缴使用) outranks pages that only mention it. A document whose whole
title is the query (or a synonym of it) is found through its title key (:func:`tokens.title_key`)
and ranked higher still.
"""

from __future__ import annotations

import json
import math
from array import array
from collections import Counter

from .extract import SearchDoc
from .tokens import normalise, title_key, tokens

CHUNK = 40
"""Documents per details file: a first page of results touches at most a few small files."""
SHARD_BYTES = 40_000
"""Target size of one postings shard before compression."""
MAX_POSTINGS = 3000
"""Postings kept for a token found in more documents: those where it weighs most."""
MAX_HEADINGS = 40
HEADING_CHARS = 40
"""Headings kept per document (and characters of each) for linking a result to its section."""
TEXT_CAP = 20
HEADING_WEIGHT = 3
TITLE_WEIGHT = 60


def fnv1a(token: str) -> int:
    """32-bit FNV-1a over UTF-16 code units, as ``String.charCodeAt`` sees them in the browser."""
    value = 0x811C9DC5
    data = token.encode("utf-16-le")
    for i in range(0, len(data), 2):
        value ^= data[i] | data[i + 1] << 8
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value


def title_bonus(title_tokens: set[str]) -> int:
    return round(TITLE_WEIGHT / math.sqrt(len(title_tokens))) if title_tokens else 0


def dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class SearchIndex:
    """Documents added one by one, in site order; :meth:`files` writes the index out."""

    def __init__(self) -> None:
        self.docs: list[list] = []
        self.postings: dict[str, array] = {}
        self.synonyms: list[list[str]] = []

    def add(self, doc: SearchDoc, boost: float = 1.0) -> None:
        """Index ``doc``; ``boost`` scales its weights (below 1: ranked after the pages it shares
        words with, as glossary entries are after the handbook and practice pages they define)."""
        number = len(self.docs)
        row: list = [doc.url, doc.title, doc.crumb, doc.summary()]
        if doc.headings:
            row.append([[anchor, text[:HEADING_CHARS]] for anchor, text in doc.headings[:MAX_HEADINGS]])
        self.docs.append(row)
        title = set(tokens(doc.title))
        bonus = title_bonus(title)
        weights = Counter(tokens(doc.text))
        for _, heading in doc.headings:
            for token in set(tokens(heading)):
                weights[token] += HEADING_WEIGHT
        for token in title:
            weights[token] = min(weights[token], TEXT_CAP) + bonus
        key = title_key(doc.title)
        if key:
            weights[key] = 1
            title.add(key)
        for token, weight in weights.items():
            if token not in title:
                weight = min(weight, TEXT_CAP)
            posting = self.postings.get(token)
            if posting is None:
                posting = self.postings[token] = array("i")
            posting.append(number)
            posting.append(max(1, round(weight * boost)))

    def add_synonyms(self, group: list[str]) -> None:
        """A term and the other names a reader may type for it (a glossary term, then its
        aliases). A query naming the term also tries each alias, and one naming an alias also
        tries the term — but not the other aliases, which may be parts of it (三张清单: 需求清单,
        资源清单, 任务清单)."""
        words = list(dict.fromkeys(normalise(word) for word in group if word.strip()))
        if len(words) > 1 and words not in self.synonyms:
            self.synonyms.append(words)

    def shard_entries(self) -> dict[str, list]:
        entries = {}
        for token, flat in self.postings.items():
            pairs = list(zip(flat[0::2], flat[1::2], strict=True))
            if len(pairs) > MAX_POSTINGS:
                pairs = sorted(sorted(pairs, key=lambda p: -p[1])[:MAX_POSTINGS])
            encoded: list[int] = []
            previous = 0
            for number, weight in pairs:
                encoded += (number - previous, weight)
                previous = number
            entries[token] = [len(flat) // 2, encoded]
        return entries

    def files(self) -> dict[str, str]:
        """Relative path under ``search/`` → JavaScript text, identical for identical input."""
        entries = self.shard_entries()
        size = sum(len(token) + 8 + 4 * len(entry[1]) for token, entry in entries.items())
        shards = max(1, math.ceil(size / SHARD_BYTES))
        grouped: list[dict[str, list]] = [{} for _ in range(shards)]
        for token in sorted(entries):
            grouped[fnv1a(token) % shards][token] = entries[token]
        out = {f"s/{n}.js": f"__hlSearch.shard({n},{dump(group)});\n" for n, group in enumerate(grouped)}
        for start in range(0, len(self.docs), CHUNK):
            n = start // CHUNK
            out[f"d/{n}.js"] = f"__hlSearch.docs({n},{dump(self.docs[start:start + CHUNK])});\n"
        meta = {"docs": len(self.docs), "shards": shards, "chunk": CHUNK, "synonyms": sorted(self.synonyms)}
        out["meta.js"] = f"__hlSearch.meta({dump(meta)});\n"
        return out
