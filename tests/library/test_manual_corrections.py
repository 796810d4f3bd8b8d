"""The corrections of issue 13 to the 《红领党务通》 manual, held against the data as the loader reads it.

An expert review found errors a party-affairs worker would act on: a 支部 elected before its members
had moved their 组织关系 in, 党费 computed as if the bands were progressive, an election without its
4/5 quorum, a 党课 frequency presented as a rule, and more. Each test here pins one correction (in
the manual aspect and in every question, source note or glossary entry that repeated the error),
and each failed on the text before the fix.
"""

from __future__ import annotations

import re

import pytest

from generator import Settings, check
from tests.support import REPO

ROOT = REPO
SENTENCE_END = re.compile(r"[。；;\n]")


@pytest.fixture(scope="module")
def kb():
    kb, report = check(Settings(data_dir=ROOT / "data"))
    assert report.problems == []
    return kb


def strings(value) -> list[str]:
    """Every string inside a dumped record, depth first."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings(item)]
    if isinstance(value, (list, tuple)):
        return [s for item in value for s in strings(item)]
    return []


def text(record) -> str:
    return "\n".join(strings(record.model_dump()))


def aspect(kb, aspect_id: str):
    entry = kb.get(aspect_id)
    assert entry is not None and entry.kind == "aspect", aspect_id
    return entry.record


def requirements(kb, aspect_id: str) -> str:
    return "\n".join(aspect(kb, aspect_id).requirements)


def claims(question) -> str:
    """What a question asserts: a 判断 stem judged 错误 and the options not in the answer are false on
    purpose, so they are left out."""
    stated = [] if question.kind == "判断" and question.answer[0] == "错误" else [question.stem]
    stated += [o.text for o in question.options if o.key in question.answer]
    if question.kind == "简答":
        stated += list(question.answer)
    return "\n".join([*stated, question.explanation, question.basis.point or ""])


def every_text(kb) -> dict[str, str]:
    """What the library states as true: every manual aspect (less the mistakes it warns of), category
    summary, question, source and glossary entry."""
    found = {e.id: text(e.record) for kind in ("source", "term") for e in kb.of_kind(kind)}
    found.update({e.id: claims(e.record) for e in kb.of_kind("question")})
    for entry in kb.of_kind("aspect"):
        dumped = entry.record.model_dump()
        dumped["mistakes"] = [m["fix"] for m in dumped["mistakes"]]
        found[entry.id] = "\n".join(strings(dumped))
    found.update({e.id: e.record.summary for e in kb.of_kind("category")})
    return found


def sentences(kb):
    for record_id, body in every_text(kb).items():
        for sentence in SENTENCE_END.split(body):
            yield record_id, sentence


def citations(kb):
    """(where, source, article, point) for every rule of the manual and every question's basis."""
    for entry in kb.of_kind("aspect"):
        for rule in entry.record.rules:
            yield entry.id, rule.source, rule.article, rule.point
    for entry in kb.of_kind("question"):
        basis = entry.record.basis
        yield entry.id, basis.source, basis.article, basis.point or ""


def first(steps: list[str], *words: str) -> int:
    return next(i for i, step in enumerate(steps) if all(w in step for w in words))


def test_a_new_branch_moves_the_members_in_before_it_elects(kb):
    """A member votes only where their 组织关系 is: 请示 → 批复 → 转入 → 选举 → 备案/批准."""
    titles = [step.title for step in aspect(kb, "zuzhi-zujian").procedure]
    request, approval = first(titles, "请示"), first(titles, "批复")
    transfer, election = first(titles, "组织关系"), first(titles, "选举")
    assert request < approval < transfer < election, titles
    after = "\n".join(f"{s.title}\n{s.detail or ''}" for s in aspect(kb, "zuzhi-zujian").procedure[election:])
    assert "备案" in after and re.search(r"书记、副书记[^。]*批准", after)


def test_the_branch_setup_question_lists_the_transfer_before_the_election(kb):
    points = list(kb.get("q-zuzhi-zujian-05").record.answer)
    transfer = first(points, "组织关系", "转入")
    election = first(points, "选举")
    assert transfer < election, points
    assert any("备案" in p for p in points[election:])


def test_committee_size_is_usually_at_most_seven_and_joint_branches_are_required(kb):
    bodies = every_text(kb)
    assert [i for i, body in bodies.items() if "最多不超过7人" in body] == []
    assert "一般不超过7人" in requirements(kb, "zuzhi-zujian")
    optional = [(i, s) for i, s in sentences(kb) if re.search(r"不足3人.*可以.*联合", s)]
    assert optional == []
    joint = [r for r in aspect(kb, "zuzhi-zujian").requirements if "不足3人" in r]
    assert joint and all("应当" in r for r in joint)


def test_party_dues_rate_applies_to_the_whole_income(kb):
    question = kb.get("q-dangfei-shoujiao-02").record
    assert "10001" in question.stem
    right = {o.key: o.text for o in question.options}[question.answer[0]]
    assert "200.02" in right
    assert "部分" not in question.explanation
    assert "200.02" in requirements(kb, "dangfei-shoujiao")
    progressive = [(i, s) for i, s in sentences(kb) if re.search(r"超过.{0,8}的部分.{0,6}(适用|按)", s)]
    assert progressive == []


def test_election_states_quorum_filing_by_election_and_appointment(kb):
    rules = requirements(kb, "huanjie-xuanju")
    assert "4/5" in rules or "五分之四" in rules
    assert any("委员" in r and "备案" in r for r in aspect(kb, "huanjie-xuanju").requirements)
    for word in ("另行选举", "补选", "指派"):
        assert word in rules, word


def test_the_unverified_article_for_the_20_percent_rule_is_gone(kb):
    cited = [(where, article) for where, source, article, point in citations(kb)
             if source == "reg-xuanju-tiaoli" and "20%" in point and article]
    assert cited == []
    assert [(i, s) for i, s in sentences(kb) if "第十三条" in s and "差额" in s] == []


CUSTOM = ("习惯", "惯例", "地方", "各地", "本地")


def test_party_lecture_frequency_is_labelled_as_local_practice(kb):
    unlabelled = [(i, s) for i, s in sentences(kb)
                  if re.search(r"党课.*每季度|每季度.*党课", s) and not any(w in s for w in CUSTOM)]
    assert unlabelled == []
    frequency = aspect(kb, "sanhui-yike").frequency
    assert "党课" in frequency and any(w in frequency for w in CUSTOM)
    assert "党委（党组）书记每年至少" in text(aspect(kb, "sanhui-yike"))


def test_organisational_life_meeting_is_at_least_yearly_and_owners_are_not_leading_cadres(kb):
    meeting = aspect(kb, "zuzhi-shenghuohui")
    assert "至少" in meeting.frequency and "第四季度" in meeting.frequency
    assert "至少" in kb.get("q-zuzhi-shenghuohui-01").record.explanation
    owners = [s for i, s in sentences(kb) if "党员领导干部" in s and "出资人" in s]
    assert owners and all("不属于" in s or "不是" in s for s in owners), owners


def test_development_files_go_to_the_personnel_file_with_no_general_branch(kb):
    assert [(i, s) for i, s in sentences(kb) if "档案" in s and "党总支" in s] == []
    body = text(aspect(kb, "dangyuan-xinxi"))
    assert "人事档案" in body and "县级党委组织部门" in body
    assert "人事档案" in kb.get("q-dangyuan-xinxi-01").record.explanation


def test_probation_is_extended_by_half_a_year_to_a_year(kb):
    rules = requirements(kb, "yubei-zhuanzheng")
    assert "不少于半年" in rules and re.search(r"最长不超过(1|一)年", rules)
    assert "半年" in kb.get("q-yubei-zhuanzheng-03").record.explanation


def test_members_away_six_months_at_a_fixed_place_transfer(kb):
    rules = requirements(kb, "liudong-dangyuan")
    assert re.search(r"6个月以上[^。]*地点相对固定", rules) and "《流动党员活动证》" in rules
    assert "6个月" in kb.get("liudongdangyuan").record.definition


def test_training_follows_the_2024_2028_plan(kb):
    titles = [kb.get(rule.source).record.title for rule in aspect(kb, "dangyuan-jiaoyu").rules]
    assert any("2024—2028" in t for t in titles)
    assert not any("2019—2023" in t for t in titles)


def test_serving_the_people_is_article_2_of_the_constitution(kb):
    wrong = [(where, article) for where, source, article, point in citations(kb)
             if source == "reg-dangzhang" and "全心全意为人民服务" in point and article not in (None, "第二条")]
    assert wrong == []


def test_opinions_and_plans_are_normative_documents_not_regulations(kb):
    for source_id in ("reg-feigong-yijian", "reg-shehui-zuzhi-yijian", "reg-jiaoyu-peixun-guihua",
                      "reg-jiaoyu-peixun-guihua-2024", "reg-liudong-yijian"):
        entry = kb.get(source_id)
        assert entry is not None, source_id
        assert entry.record.kind != "党内法规", source_id
        assert "规范性文件" in (entry.record.note or ""), source_id
    for source_id in ("reg-jilv-chufen-tiaoli", "reg-quanli-baozhang-tiaoli"):
        assert kb.get(source_id).record.kind == "党内法规", source_id


def test_two_new_party_building_answers_to_the_social_work_department(kb):
    bodies = every_text(kb)
    assert [i for i, body in bodies.items() if "当地组织部门" in body] == []
    summary = kb.get("zuzhi-shezhi").record.summary
    assert "参考版" in summary and "社会工作部" in summary
    setup = requirements(kb, "zuzhi-zujian")
    for word in ("属地", "街道", "园区", "行业党委", "社会工作部"):
        assert word in setup, word
    assert "县级党委组织部门" in text(aspect(kb, "dangyuan-xinxi"))


NEW_TOPICS = {
    "guanxi-zhuanjie": ("全国党员管理信息系统", "有效期", "回执", "停止党籍"),
    "fazhan-duixiang": ("审批", "出资人", "人才服务机构", "年度发展党员计划"),
    "dangwu-duiwu": ("述职评议",),
    "xingji-chuangjian": ("软弱涣散",),
    "minzhu-pingyi": ("限期改正", "留党察看", "申诉"),
    "dangfei-shoujiao": ("累进", "出资人", "线上"),
    "dangyuan-xinxi": ("党内统计", "12月31日"),
    "changyong-wenshu": ("党组织名称", "印章"),
    "sanhui-yike": ("网络", "选举"),
    "liudong-dangyuan": ("新就业群体",),
}


@pytest.mark.parametrize("aspect_id", sorted(NEW_TOPICS))
def test_thin_topics_are_added_to_the_requirements_of_their_aspect(kb, aspect_id):
    counts = kb.counts()
    assert counts["category"] == 9 and counts["aspect"] == 26
    rules = requirements(kb, aspect_id)
    assert [w for w in NEW_TOPICS[aspect_id] if w not in rules] == []


NEW_QUESTIONS = {
    "huanjie-xuanju": ("4/5",),
    "yubei-zhuanzheng": ("不少于半年",),
    "guanxi-zhuanjie": ("停止党籍",),
    "liudong-dangyuan": ("6个月", "《流动党员活动证》"),
    "zuzhi-zujian": ("社会工作部",),
    "minzhu-pingyi": ("留党察看",),
    "sanhui-yike": ("网络",),
    "dangfei-shoujiao": ("出资人",),
    "fazhan-duixiang": ("审批", "权限"),
}


@pytest.mark.parametrize("aspect_id", sorted(NEW_QUESTIONS))
def test_the_question_bank_asks_about_the_corrections(kb, aspect_id):
    asked = [text(e.record) for e in kb.of_kind("question") if e.record.aspect == aspect_id]
    assert any(all(w in body for w in NEW_QUESTIONS[aspect_id]) for body in asked)
