"""Questions of the 题库 as the site shows them: on each aspect's page and each course's page as
an on-screen self-test that scores itself, and all together on the 题库 page with filters.

A question's key (``data-answer``) and its kind and aspect are written into the page, so the
browser scores and filters without fetching anything (:file:`overrides/assets/javascripts/quiz.js`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..core.kb import Entry
from ..core.schema.question import KIND_ORDER, answer_key, answer_text
from .resolver import Resolver


def question_item(site: Resolver, entry: Entry) -> dict[str, Any]:
    """What the question templates (``_quiz.md.j2``) print of one question."""
    question = entry.record
    aspect = site.kb.get(question.aspect)
    return {"id": entry.id, "q": question, "answer": answer_text(question), "key": answer_key(question),
            "source": site.link(question.basis.source), "aspect": site.link(question.aspect),
            "aspect_id": question.aspect, "category_id": aspect.parent if aspect is not None else ""}


def in_kind_order(entries: Iterable[Entry]) -> list[Entry]:
    """单选, 多选, 判断, 简答, each by id: the order of a self-test."""
    return sorted(entries, key=lambda e: (KIND_ORDER.get(e.record.kind, 9), e.id))


def aspect_questions(site: Resolver, aspect_id: str) -> list[dict[str, Any]]:
    return [question_item(site, e) for e in in_kind_order(site.referrers(aspect_id, "question"))]
