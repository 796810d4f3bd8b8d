"""The embedded question bank (题库) as a whole: size, coverage of the manual, and answers that fit.

The schema already refuses a single malformed question (tests/test_defects.py pins those codes);
these tests assert what no single file can: that the bank covers every aspect, mixes the four
kinds, cites only regulations, and gives article numbers only from a reviewed list.
"""

from __future__ import annotations

from collections import Counter

import pytest

from generator import Settings, check
from generator.core.schema.question import JUDGEMENTS, OPTION_LETTERS
from generator.site.resolver import Resolver
from tests.support import REPO

ROOT = REPO

CHECKED_ARTICLES = {
    ("reg-dangzhang", "第一条"), ("reg-dangzhang", "第三条"), ("reg-dangzhang", "第五条"),
    ("reg-dangzhang", "第七条"), ("reg-dangzhang", "第八条"), ("reg-dangzhang", "第九条"),
    ("reg-dangzhang", "第三十条"), ("reg-dangzhang", "第三十一条"), ("reg-dangzhang", "第三十三条"),
}
"""Article numbers checked against the text of the regulation. A question may cite an article
only from this list; add to it only after checking the article in the official text."""


@pytest.fixture(scope="module")
def kb():
    kb, report = check(Settings(data_dir=ROOT / "data"))
    assert report.problems == []
    return kb


@pytest.fixture(scope="module")
def questions(kb):
    return [entry.record for entry in kb.of_kind("question")]


def test_the_bank_has_at_least_60_questions_of_all_four_kinds(questions):
    assert len(questions) >= 60
    kinds = Counter(q.kind for q in questions)
    assert set(kinds) == {"单选", "多选", "判断", "简答"}
    assert min(kinds.values()) >= 5


def test_every_aspect_has_at_least_two_questions(kb, questions):
    per_aspect = Counter(q.aspect for q in questions)
    aspects = {entry.id for entry in kb.of_kind("aspect")}
    assert len(aspects) == 26
    assert {a: per_aspect[a] for a in aspects if per_aspect[a] < 2} == {}


def test_every_basis_is_a_regulation_and_articles_are_checked(kb, questions):
    for question in questions:
        source = kb.get(question.basis.source)
        assert source is not None and source.kind == "source", question.id
        assert source.record.kind in ("党内法规", "法律法规"), question.id
        if question.basis.article:
            assert (question.basis.source, question.basis.article) in CHECKED_ARTICLES, question.id


def test_answers_fit_their_kind(questions):
    for q in questions:
        keys = [o.key for o in q.options]
        if q.kind in ("单选", "多选"):
            assert keys == list(OPTION_LETTERS[: len(keys)]) and len(keys) >= 2, q.id
            assert set(q.answer) <= set(keys) and len(set(q.answer)) == len(q.answer), q.id
            assert len(q.answer) == 1 if q.kind == "单选" else len(q.answer) >= 2, q.id
            assert len({o.text for o in q.options}) == len(keys), f"{q.id}: two options say the same"
        elif q.kind == "判断":
            assert not q.options and len(q.answer) == 1 and q.answer[0] in JUDGEMENTS, q.id
        else:
            assert not q.options and q.answer, q.id


def test_answers_are_spread_over_the_letters_and_both_judgements(questions):
    """A bank where the answer is nearly always B teaches guessing, not the rules."""
    single = Counter(q.answer[0] for q in questions if q.kind == "单选")
    assert len(single) == 4 and max(single.values()) <= 0.4 * sum(single.values())
    judged = Counter(q.answer[0] for q in questions if q.kind == "判断")
    assert min(judged[word] for word in JUDGEMENTS) >= 0.3 * sum(judged.values())


def test_ids_name_the_aspect_and_stems_are_distinct(questions):
    for question in questions:
        assert question.id.startswith(f"q-{question.aspect}-"), question.id
    assert len({q.stem for q in questions}) == len(questions)


def test_questions_link_to_their_aspects_self_test_without_backlinks(kb):
    """A question lives in its aspect's 自测题 section; it is not listed again as a backlink."""
    site = Resolver(kb)
    some = kb.of_kind("question")[0]
    link = site.link(some.id)
    assert link is not None
    assert link.src_uri == f"handbook/{some.record.aspect}.md"
    assert link.anchor == some.id
    assert all(label != "题目" for label, _ in site.backlinks(some.record.aspect))
    assert all(label != "题目" for label, _ in site.backlinks(some.record.basis.source))
