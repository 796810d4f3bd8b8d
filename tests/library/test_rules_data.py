"""The rules as data in the embedded manual: the 党费 table of the 规定, the 25 steps of the 细则
with their time rules, the meeting frequencies of 组织生活 with customary practice marked, and a
blank template for the forms the issue names."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator import Settings, check
from generator.core.schema.dues import dues_for
from tests.support import REPO


@pytest.fixture(scope="module")
def kb():
    kb, report = check(Settings(data_dir=REPO / "data"))
    assert report.problems == []
    return kb


def dues(kb):
    return kb.get("dangfei-shoujiao").record.dues


@pytest.mark.parametrize("income, amount", [("3000", "15"), ("3000.01", "30"), ("5000", "50"), ("5000.01", "75"),
                                            ("10000", "150"), ("10001", "200.02")])
def test_the_dues_bands_are_the_regulations(kb, income, amount):
    assert dues_for(dues(kb), Decimal(income)).amount == Decimal(amount)


def test_the_dues_special_cases_are_the_regulations(kb):
    table = dues(kb)
    cases = {c.id: c for c in table.cases}
    assert "年薪制" in cases["nianxin"].who and "当月实际领取" in cases["nianxin"].base and not cases["nianxin"].bands
    assert dues_for(table, Decimal("18000"), "nianxin").amount == Decimal("360")
    assert dues_for(table, Decimal("5000"), "lituixiu").amount == Decimal("25")
    assert dues_for(table, Decimal("5000.01"), "lituixiu").amount == Decimal("50")
    assert cases["shenghuo-kunnan"].fixed == Decimal("0.2") and "学生" in cases["shenghuo-kunnan"].who
    assert "全部" in table.rule and "通行做法" in table.rounding  # the rounding is named as practice


def steps(kb):
    stages = [s for a in ("rudang-shenqing", "fazhan-duixiang", "yubei-zhuanzheng") for s in kb.get(a).record.stages]
    return stages, {step.number: step for stage in stages for step in stage.steps}


def test_the_process_has_five_stages_and_twenty_five_steps(kb):
    stages, by_number = steps(kb)
    assert [s.number for s in stages] == [1, 2, 3, 4, 5]
    assert sorted(by_number) == list(range(1, 26))
    assert by_number[1].title == "递交入党申请书" and by_number[25].title == "材料归档"


@pytest.mark.parametrize("step, after, kind, months, source, article", [
    (2, 1, "within", 1, "reg-fazhan-xize", "第七条"),       # 一个月内谈话
    (7, 3, "at_least", 12, "reg-fazhan-xize", "第十三条"),  # 培养教育考察一年以上
    (17, 15, "within", 3, "reg-fazhan-xize", None),        # 三个月内审批
    (23, 15, "at_least", 12, "reg-dangzhang", "第七条"),    # 预备期一年
    (24, 23, "within", 3, "reg-fazhan-xize", None),        # 转正三个月内审批
])
def test_the_time_rules_are_the_regulations(kb, step, after, kind, months, source, article):
    _, by_number = steps(kb)
    rules = by_number[step].timing
    assert len(rules) == 1
    rule = rules[0]
    period = rule.at_least if kind == "at_least" else rule.within
    assert (rule.after, period.months, period.days, rule.source, rule.article) == (after, months, 0, source, article)


def test_only_those_steps_carry_time_rules(kb):
    _, by_number = steps(kb)
    assert sorted(n for n, s in by_number.items() if s.timing) == [2, 7, 17, 23, 24]


def meetings(kb):
    return {m.id: m for e in kb.of_kind("aspect") for m in e.record.meetings}


def test_meeting_frequencies_mark_customary_practice(kb):
    found = meetings(kb)
    assert found["dangke"].practice and found["dangke"].every == "每季度"
    assert [m for m in found.values() if m.practice] == [found["dangke"]]
    assert (found["dangyuan-dahui"].every, found["zhiweihui"].held_by, found["dangxiaozu-hui"].held_by) == ("每季度", "支委会", "党小组")
    life = found["zuzhi-shenghuohui"]
    assert (life.every, life.quarter) == ("每年", "第四季度") and "至少" in life.frequency


def test_the_forms_the_issue_names_have_templates_used_by_their_aspects(kb):
    titles = {e.record.title for e in kb.of_kind("form")}
    for name in ("会议记录", "请示", "报告", "党费收缴登记表", "发展党员材料目录", "组织生活会记录"):
        assert any(name in title for title in titles), name
    used = {f.template for e in kb.of_kind("aspect") for f in e.record.forms if f.template}
    assert used == {e.id for e in kb.of_kind("form")}
    wenshu = {f.template for f in kb.get("changyong-wenshu").record.forms}
    assert {"qingshi", "baogao", "huiyi-jilu"} <= wenshu
