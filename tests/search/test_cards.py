"""Answer cards made from the manual's rules as data (the minimal library's 三会一课 aspect holds
a 党费 table, a meeting and a timed step)."""

from __future__ import annotations

import pytest

from generator import Settings, check
from generator.search.cards import cards
from tests.support.library import MINIMAL


@pytest.fixture(scope="module")
def made() -> dict[str, dict]:
    kb, report = check(Settings(data_dir=MINIMAL / "data", manual_categories=1, manual_aspects=1))
    assert not report.failed(True)
    return {card["title"]: card for card in cards(kb)}


def test_the_dues_table_becomes_bands_and_cases_with_the_regulation(made: dict[str, dict]):
    card = made["党费交纳比例（每月工资收入（税后））"]
    assert card["aspect"] == {"url": "handbook/demo-aspect.html", "title": "三会一课"}
    assert card["intents"] == ["amount"]
    assert [row[:2] for row in card["rows"]] == [["3000元以下（含3000元）", "0.5%"], ["3000元以上", "1%"], ["学生党员", "每月0.2元"]]
    assert card["sources"] == [["中国共产党支部工作条例（试行）", ""]]
    assert card["notes"] == ["所在档次的比例适用于全部收入。"]
    assert card["dues"]["bands"] == [[None, 3000.0, 0.5], [3000.0, None, 1.0]] and card["dues"]["unit"] == 0.01


def test_meetings_and_timed_steps_become_cards_of_their_own(made: dict[str, dict]):
    meetings = made["三会一课：多久开一次"]
    assert meetings["intents"] == ["time"]
    assert meetings["rows"] == [["支部党员大会", "一般每季度召开1次", "", 0, ["支部党员大会"]]]
    timing = made["三会一课：时限"]
    assert timing["rows"] == [["党组织派人谈话", "递交入党申请书后1个月以内", "收到入党申请书后一个月内谈话。", 0,
                               ["党组织派人谈话", "递交入党申请书"]]]


def test_a_card_is_named_by_its_aspect_everyday_words_and_category(made: dict[str, dict]):
    for card in made.values():
        assert card["subjects"] == ["三会一课", "支部开会", "党员大会"] and card["area"] == "组织生活"


def test_no_library_no_cards():
    assert cards(None) == []
