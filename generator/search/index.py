"""The search index: token postings sharded by hash, and documents in small groups.

A reader's browser loads ``meta.js`` first (counts, the query rules, synonyms, answer cards), then
only the shards holding the query's tokens and the groups holding the first results, each through
a ``<script>`` element so that the same files work over http and from ``file://``. What a query
costs therefore depends on the query, not on the size of the library.

Files (under ``search/`` in the site):

- ``meta.js``   ``__hlSearch.meta({...})``: document count, shard count,
                the size of each document group, page-kind labels, query rules, synonyms,
                everyday words, answer cards;
- ``s/<n>.js``  ``__hlSearch.shard(n, {token: [df, [doc, weight, doc, weight, …]]})`` with
                document numbers delta-encoded; tokens go to shard ``fnv1a(token) % shards``;
- ``d/<n>.js``  ``__hlSearch.docs(n, [[url, title, crumb, label, headings, passages, lead], …])``:
                what a result shows, its passages as ``[heading number, text, …]`` for the
                snippet, and which of them stands for the page when none matches;
- ``py.js``, ``p/<n>.js``: the pinyin tables of :mod:`homophones`, for the pairs of characters
                in the index's names (titles, aliases, headings): the words a reader looks for,
                where the pairs of running text also hold the seams between words (一次|支部).

Weights are BM25F (:mod:`weights`). Besides the words, postings hold one token per intent
(``#steps`` …) for the documents that hold that kind of answer (:mod:`query`), and a token's
entry lists the names (titles and aliases, words run together) that begin with it and the
documents they name, ``[df, postings, [[name, [doc, …]], …]]``: a query that holds a page's name
(组织生活会一年开几次 → 组织生活会) is asking about that page.
"""

from __future__ import annotations

import json
from array import array
from collections import Counter

from . import homophones, query
from .extract import SearchDoc
from .tokens import first_token, name_key, normalise, shard
from .weights import Fields, averages, fields, weights

GROUP_BYTES = 12_000
"""Target size of one document group: a first page of results touches at most a few small files."""
SHARD_BYTES = 40_000
"""Target size of one postings shard."""
MAX_POSTINGS = 3000
"""Postings kept for a token found in more documents: those where it weighs most."""
MAX_HEADINGS = 60
HEADING_CHARS = 40
"""Headings kept per document (and characters of each) for opening a result at its section."""
MAX_TEXT = 12_000
"""Characters of a document's passages kept for snippets."""
EVERYDAY_TITLE = 6
"""Characters of the longest title that everyday words are replaced by in queries."""
BOILERPLATE = 5
"""A passage found word for word on this many pages is boilerplate (notices, table headers),
not what any of them is about: it is neither weighed nor shown."""


def dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def is_pair(token: str) -> bool:
    return len(token) == 2 and not token[0].isascii() and not token[1].isascii()


def intent_tokens(doc: SearchDoc) -> list[str]:
    """``#name`` for each intent whose answer the document holds: a section headed with one of
    its words (操作步骤 → #steps), or being a record of one of its kinds (a term → #define)."""
    found = []
    for intent in query.INTENTS:
        named = any(word in heading for _, heading in doc.headings for word in intent.headings)
        if named or doc.kind in intent.kinds:
            found.append("#" + intent.name)
    return found


class SearchIndex:
    """Documents added one by one, in site order; :meth:`files` weighs them and writes the index."""

    def __init__(self) -> None:
        self.docs: list[SearchDoc] = []
        self.synonyms: list[list[str]] = []
        self.everyday: list[list[str]] = []
        self.cards: list[dict] = []

    def add(self, doc: SearchDoc) -> None:
        self.docs.append(doc)

    def add_synonyms(self, group: list[str]) -> None:
        """A name and the other names a reader may type for it (a glossary term, then its
        aliases). A query naming the term also tries each alias, and one naming an alias also
        tries the term — but not the other aliases, which may be parts of it (三张清单: 需求清单,
        资源清单, 任务清单)."""
        words = list(dict.fromkeys(normalise(word).strip() for word in group if word.strip()))
        if len(words) > 1 and words not in self.synonyms:
            self.synonyms.append(words)

    def add_everyday(self, words: tuple[str, ...] | list[str], title: str) -> None:
        """Everyday words for a thing whose title is one word (入党 → 发展党员, 快递员 → 新就业群体):
        a query with such a word also tries the title. A longer title (活动阵地建设（六有）) is no
        word to put into a query; its page is found by the words themselves, as its aliases."""
        key = name_key(title)
        if len(key) <= EVERYDAY_TITLE:
            for word in words:
                entry = [normalise(word).strip(), normalise(title).strip()]
                if entry[0] != entry[1] and entry not in self.everyday:
                    self.everyday.append(entry)

    def everyday_words(self) -> list[list[str]]:
        """The everyday words a query tries in place of their title, without those that are the
        name of something else in the library (支委会 is a term of its own, though readers may say it
        for 三会一课; 先锋岗 is a practice's name): the reader who types such a name is looking for that
        thing, and its page must not compete with a query rewritten to another. The word still
        names its own page (it is one of its aliases)."""
        owners: dict[str, set[str]] = {}
        for group in self.synonyms:
            for word in group:
                owners.setdefault(name_key(word), set()).add(name_key(group[0]))
        for doc in self.docs:
            owners.setdefault(name_key(doc.title), set()).add(name_key(doc.title))
        return sorted(entry for entry in self.everyday
                      if owners.get(name_key(entry[0]), set()) <= {name_key(entry[1])})

    def boilerplate(self) -> set[str]:
        seen: Counter[str] = Counter()
        for doc in self.docs:
            seen.update({text for _, text in doc.passages})
        return {text for text, count in seen.items() if count >= BOILERPLATE}

    def names(self) -> dict[str, dict[str, list[int]]]:
        """First token → name key → the documents so named."""
        out: dict[str, dict[str, list[int]]] = {}
        for number, doc in enumerate(self.docs):
            for key in dict.fromkeys(name_key(name) for name in [doc.title, *doc.aliases]):
                token = first_token(key)
                if token:
                    out.setdefault(token, {}).setdefault(key, []).append(number)
        return out

    def postings(self, kept: list[list[tuple[int, str]]]) -> tuple[dict[str, array], set[str]]:
        """Token → [doc, weight, doc, weight, …], and the pairs of characters found in names
        (titles, aliases, headings)."""
        counted: list[Fields] = [fields(doc, [text for _, text in passages]) for doc, passages in zip(self.docs, kept, strict=True)]
        average = averages(counted)
        out: dict[str, array] = {}
        named = {token for counts in counted for field in ("title", "alias", "heading")
                 for token in counts.counts[field] if is_pair(token)}

        def post(token: str, number: int, weight: int) -> None:
            posting = out.get(token)
            if posting is None:
                posting = out[token] = array("i")
            posting.append(number)
            posting.append(weight)

        for number, (doc, counts) in enumerate(zip(self.docs, counted, strict=True)):
            for token, weight in weights(counts, average, doc.boost).items():
                post(token, number, weight)
            for token in intent_tokens(doc):
                post(token, number, 1)
        return out, named

    def shard_entries(self, postings: dict[str, array]) -> dict[str, list]:
        names = self.names()
        entries = {}
        for token, flat in postings.items():
            pairs = list(zip(flat[0::2], flat[1::2], strict=True))
            if len(pairs) > MAX_POSTINGS:
                pairs = sorted(sorted(pairs, key=lambda p: -p[1])[:MAX_POSTINGS])
            encoded: list[int] = []
            previous = 0
            for number, weight in pairs:
                encoded += (number - previous, weight)
                previous = number
            entries[token] = [len(flat) // 2, encoded]
            if token in names:
                entries[token].append(sorted([key, docs] for key, docs in names[token].items()))
        return entries

    def groups(self, kept: list[list[tuple[int, str]]], labels: list[str]) -> list[list]:
        """Document rows in groups of about GROUP_BYTES, in document order."""
        grouped: list[list] = []
        size = GROUP_BYTES
        for doc, passages in zip(self.docs, kept, strict=True):
            text: list[object] = []
            length = 0
            wanted = doc.passages[doc.lead] if doc.lead >= 0 else None
            lead = -1
            for heading, passage in passages:
                if length >= MAX_TEXT:
                    break
                if (heading, passage) == wanted:
                    lead = len(text) // 2
                text += (heading, passage)
                length += len(passage)
            headings = [[anchor, heading[:HEADING_CHARS]] for anchor, heading in doc.headings[:MAX_HEADINGS]]
            row = [doc.url, doc.title, doc.crumb, labels.index(doc.label), headings, text, lead]
            row_size = 3 * (len(doc.url) + len(doc.title) + len(doc.crumb) + length + sum(len(h) for _, h in headings)) \
                + 12 * (len(headings) + len(text))
            if size + row_size > GROUP_BYTES and (not grouped or grouped[-1]):
                grouped.append([])
                size = 0
            grouped[-1].append(row)
            size += row_size
        return grouped

    def files(self) -> dict[str, str]:
        """Relative path under ``search/`` → JavaScript text, identical for identical input."""
        boilerplate = self.boilerplate()
        kept = [[(h, text) for h, text in doc.passages if text not in boilerplate] for doc in self.docs]
        postings, named = self.postings(kept)
        out = {}
        shards = shard(self.shard_entries(postings), SHARD_BYTES, lambda entry: 4 * len(entry[1]) + (len(dump(entry[2])) if len(entry) > 2 else 0))
        out.update({f"s/{n}.js": f"__hlSearch.shard({n},{dump(group)});\n" for n, group in enumerate(shards)})
        labels = sorted({doc.label for doc in self.docs})
        grouped = self.groups(kept, labels)
        out.update({f"d/{n}.js": f"__hlSearch.docs({n},{dump(rows)});\n" for n, rows in enumerate(grouped)})
        pairs = {token: len(postings[token]) // 2 for token in named}
        sounds = homophones.pair_shards(pairs)
        out.update({f"p/{n}.js": f"__hlSearch.sounds({n},{dump(group)});\n" for n, group in enumerate(sounds)})
        chars = {char for pair in pairs for char in pair}
        out["py.js"] = f"__hlSearch.pinyin({dump(homophones.character_table(chars))});\n"
        meta = {"docs": len(self.docs), "shards": len(shards), "sounds": len(sounds),
                "groups": [len(rows) for rows in grouped], "labels": labels,
                "synonyms": sorted(self.synonyms), "everyday": self.everyday_words(), "cards": self.cards, **query.meta()}
        out["meta.js"] = f"__hlSearch.meta({dump(meta)});\n"
        return out
