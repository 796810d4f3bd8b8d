"""What a query asks besides its words: the words of a question are dropped, and the words that
say what kind of answer is wanted (流程, 多少, 多久, 什么是 …) become the query's *intents*, which
steer the ranking to the part of a page that holds that kind of answer.

The browser applies the same rules (``hongling-search.js`` reads :data:`FILLERS` and
:data:`INTENTS` from the index's ``meta.js``); :func:`parse` is their reference, and the tests
hold the browser to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .tokens import normalise, runs


@dataclass(frozen=True)
class Intent:
    name: str
    words: tuple[str, ...]
    """Query words that ask for this kind of answer; they are taken out of the words searched for."""
    headings: tuple[str, ...] = ()
    """Words of a page's headings that mark the section holding it (操作步骤 → 步骤)."""
    passages: str = ""
    """A regular expression (JavaScript's and Python's alike) for passages that hold such an answer
    (a number of months, a percentage), preferred for the result's snippet."""
    kinds: tuple[str, ...] = ()
    """Record kinds whose pages are that kind of answer (a glossary entry answers 什么是)."""
    boost: float = 1.0
    """How much more a page with such a section (or of such a kind) weighs for the query."""


INTENTS: tuple[Intent, ...] = (
    Intent("define", ("什么是", "是什么", "什么意思", "啥意思", "是啥", "指的是", "指什么", "含义", "是干什么的",
                      "干什么的", "是做什么的"), kinds=("term",), boost=4.0),
    Intent("steps", ("流程", "步骤", "程序", "手续", "环节", "阶段", "怎么办", "怎么做", "怎么搞", "怎么弄", "咋办",
                     "咋弄", "咋搞", "如何办理", "怎么", "怎样", "如何", "咋"),
           headings=("步骤", "流程", "程序"), boost=1.5),
    Intent("time", ("多长时间", "多久", "多长", "几年", "几个月", "几天", "几次", "期限", "时限", "什么时候", "何时",
                    "频次", "频率"), headings=("要求", "频次", "期限", "时限", "时间"), boost=1.3,
           passages=r"[0-9一二两三四五六七八九十半]+ ?(?:个月|个工作日|年|天|日|周|季度|次)|每(?:月|年|季度|周|届)"),
    Intent("amount", ("多少", "标准", "比例", "数额", "金额", "几个人", "几名", "几个", "人数"),
           headings=("要求", "标准", "比例", "计算"), boost=1.3,
           passages=r"[0-9]+(?:\.[0-9]+)? ?(?:%|元|人|名)"),
)
"""In the order they are looked for; a word belongs to the first intent that lists it. A how
question (怎么, 如何) asks for the steps."""

FILLERS: tuple[str, ...] = ("为什么", "怎么样", "什么", "哪些", "哪个", "哪里", "哪儿", "是否", "能不能", "可不可以",
                            "是不是", "有没有", "要不要", "会不会", "请问", "啥", "吗", "呢", "吧", "啊", "呀", "的")
"""Words of a question, not of its subject: dropped from queries (党费怎么返还 → 党费 返还)."""


def query_words() -> list[tuple[str, str]]:
    """(word, intent name or "") longest first: how a query is scanned, here and in the browser."""
    words = [(word, intent.name) for intent in INTENTS for word in intent.words]
    words += [(word, "") for word in FILLERS]
    seen: dict[str, str] = {}
    for word, name in words:
        seen.setdefault(word, name)
    return sorted(seen.items(), key=lambda item: -len(item[0]))


@dataclass(frozen=True)
class Query:
    text: str
    """The query as it is matched: normalised, question and intent words replaced by a break."""
    intents: tuple[str, ...]


def parse(query: str) -> Query:
    """Take the question and intent words out of ``query``. A query made of nothing else
    (流程, 标准) is searched for as typed, with no intent."""
    normal = normalise(query)
    text = normal
    found: list[str] = []
    for word, intent in query_words():
        if word in text:
            text = text.replace(word, " ")
            if intent and intent not in found:
                found.append(intent)
    if not runs(text):
        return Query(normal, ())
    order = [intent.name for intent in INTENTS]
    return Query(text, tuple(sorted(found, key=order.index)))


def meta() -> dict[str, object]:
    """The rules for ``meta.js``: the scan list, and each intent's boost, heading words and passages."""
    return {"words": [[word, intent] for word, intent in query_words()],
            "intents": {intent.name: [intent.boost, list(intent.headings), intent.passages] for intent in INTENTS}}
