"""The seed corrections of issue 14 stay made: no statement goes beyond what the seed says.

Each test reads the embedded library through the project's loader and pins one correction: a slogan
is not a count, a figure belongs to the action that states it, a year or a definition the seed does
not give is not supplied, and the seed content the review asked for is carried.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import Settings, check
from generator.core.schema.fields import NOT_GIVEN
from generator.site.figures import time_frame

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def kb():
    kb, report = check(Settings(data_dir=ROOT / "data"))
    assert report.problems == []
    return kb


def record(kb, record_id):
    return kb.get(record_id).record


def metric(kb, case_id, metric_id):
    return next(m for m in record(kb, case_id).metrics if m.id == metric_id)


def named(kb, case_id, name):
    return next(p for p in record(kb, case_id).practices if p.name == name)


def variant(kb, practice_id, region):
    return next(v for v in record(kb, practice_id).variants if v.region == region)


def value_of(var, key):
    return next((v.value for v in var.values if v.key == key), "")


def all_metrics(kb):
    for entry in kb.of_kind("case"):
        for m in entry.record.metrics:
            yield entry.id, m


def case_text(case):
    return "\n".join([case.summary, case.problem or "",
                      *(f"{p.name}\n{p.description}\n{p.problem or ''}" for p in case.practices), *case.outcomes])


def sentences(text):
    return [s for s in re.split(r"[。；\n]", text) if s.strip()]


# --- 济南高新区 -----------------------------------------------------------------------------------


def test_the_region_does_not_tie_1_7_n_to_the_2018_transfer(kb):
    summary = record(kb, "jinan-gaoxin").summary
    assert "1+7+N" in summary and "2018" in summary
    assert [s for s in sentences(summary) if "1+7+N" in s and "2018" in s] == []


def test_the_baijia_slogan_is_not_a_count(kb):
    case = record(kb, "gaoxin-sanzhuan")
    assert all(m.id != "baijia-shifan-mubiao" for m in case.metrics)
    assert [m.label for m in case.metrics if m.value == 100 and m.unit == "家"] == []
    assert [m.label for m in case.metrics if "百家" in m.quote or "百家" in m.label] == []
    assert {m.value for m in case.metrics if m.practice == "“红领赋能、全域提升”行动"} == {139, 81}


def test_the_two_teams_of_2510_are_not_named_where_the_seed_does_not_name_them(kb):
    description = named(kb, "gaoxin-sanzhuan", "“2510”倍增计划").description
    assert "2支队伍结合（" not in description
    assert "没有说明是哪两支队伍" in description


def test_the_live_streaming_alliance_is_not_a_party_building_alliance(kb):
    site = record(kb, "gaoxin-zhibo-chanye-lianmeng")
    assert site.kind != "党建联盟"
    assert "党建联盟" not in site.name
    term = record(kb, "dangjianlianmeng")
    assert "直播产业联盟" not in f"{term.definition}{term.origin}"


def test_the_academy_claims_no_most_trained_course(kb):
    course = record(kb, "gaoxin-xueyuan")
    texts = [lesson.summary or "" for module in course.modules for lesson in module.lessons]
    assert [t for t in texts if "最多" in t] == []


def test_a_run_since_2018_is_not_a_2018_figure(kb):
    run = metric(kb, "gaoxin-qiangji-guben", "dangyuan-fazhan-lianxu")
    assert run.year is None and run.since == 2018 and "2018" in (run.period or "")
    assert time_frame(run) == "2018年以来"
    since = metric(kb, "wenshang-hongse-yinqing", "wenti-suqiu")
    assert since.year is None and since.since == 2024 and since.period == "2024年以来"


# --- 长清区 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("practice_id", ["xianfeng-gang", "dangfei-fanhuan"])
def test_red_pay_figures_belong_to_their_own_action(kb, practice_id):
    changqing = variant(kb, practice_id, "changqing")
    assert not {"hongse-xinchou-zuzhi", "hongse-xinchou-dangyuan"} & set(changqing.metrics)
    cells = " ".join(v.value for v in changqing.values)
    assert "56家" not in cells and "1359" not in cells
    case = record(kb, "changqing-hongse-ningjuli")
    assert {m.practice for m in case.metrics if m.id.startswith("hongse-xinchou")} == {"红色薪酬激励"}


def test_party_funds_come_from_the_three_sources_the_seed_names(kb):
    changqing = variant(kb, "dangfei-fanhuan", "changqing")
    assert all(word in changqing.description for word in ("上级扶持", "党费补助", "财政列支"))
    assert "红色薪酬" not in value_of(changqing, "sources")


def test_the_red_heart_mentors_who_are_secretaries_are_five(kb):
    faculty = value_of(variant(kb, "dangwu-peixun", "changqing"), "faculty")
    assert "5位党组织书记" in faculty
    assert "其中5位" not in faculty and "来自山东大学" not in faculty
    term = record(kb, "hongxindaoshi")
    assert "从高校专家教授和党组织书记中选聘" not in term.definition
    assert "所在的企业" not in (term.origin or "")


def test_the_craftsman_criteria_are_left_ambiguous_as_in_the_seed(kb):
    texts = [record(kb, "hongxinggongjiang").definition,
             variant(kb, "xingji-dangyuan", "changqing").description,
             named(kb, "changqing-hongse-ningjuli", "红星工匠评选").description]
    for text in texts:
        assert "优异或" not in text and "优异并" not in text
        assert "看不出" in text


def test_shuangzhong_and_1_1_1_are_not_defined_beyond_the_seed(kb):
    shuangzhong = named(kb, "changqing-hongse-ningjuli", "“双重”激励").description
    assert "没有说明“双重”指哪两重" in shuangzhong
    for text in (named(kb, "changqing-hongse-ningjuli", "“1+1+1”组团培带").description,
                 record(kb, "yijiayijiayi").definition):
        assert "一名党员" not in text and "党员带积极分子" not in text
        assert "没有" in text



# --- 汶上县 ---------------------------------------------------------------------------------------


def test_xinfengguang_honours_say_the_seed_gives_no_year(kb):
    honours = record(kb, "wenshang-xinfengguang-dianzi").honours
    assert honours and all(h.year == NOT_GIVEN for h in honours)


def test_the_wenshang_refund_rules_are_not_a_general_rule(kb):
    term = record(kb, "dangfeifanhuan")
    for text in sentences(term.definition):
        if "专账" in text or "只能用于" in text:
            assert "汶上" in text, text


def test_huali_is_not_called_a_place_to_visit_and_the_points_shop_has_no_invented_purpose(kb):
    assert "参观点" not in record(kb, "wenshang-huali-jidian-shifandian").summary
    assert "示范品牌" not in variant(kb, "xingji-dangyuan", "wenshang").description
    assert "分散在个体工商户" not in record(kb, "wenshang-geti-minqi-jifen-chaoshi").summary


def test_this_years_wenshang_figures_carry_the_year_the_seed_implies(kb):
    dated = [(m.id, m.year if m.period == "目前" else m.since) for _, m in all_metrics(kb)
             if m.source == "src-wenshang-yinqing" and m.period in ("今年以来", "目前")]
    assert dated and all(year == 2024 for _, year in dated)  # 今年以来: a run since 2024


# --- every case -----------------------------------------------------------------------------------


def test_filler_entries_are_not_metrics(kb):
    filler = [(case_id, m.label) for case_id, m in all_metrics(kb)
              if "分制" in m.unit or "分制" in m.label
              or re.match(r"^“(三对一|四个一|五个一)”", m.label)
              or (m.unit == "年" and m.value >= 1921)]
    assert filler == []
    ids = {m.id for _, m in all_metrics(kb)}
    assert not ids & {"sigeyi-lingdao-ganbu", "sigeyi-dangwu-gongzuozhe", "sanduiyi-zhidaoyuan",
                      "wugeyi-diyi-shuji", "guanli-tixi-tiaozheng", "zhendi-leibie"}


def test_a_year_the_seed_states_stays_with_the_figure(kb):
    """Wherever the site shows a figure it shows its time frame (figures.time_frame): 返还党费
    39.43万元 must not lose its 2023年."""
    lost = [(case_id, m.label) for case_id, m in all_metrics(kb)
            for year in re.findall(r"((?:19|20)\d\d)年", m.quote)
            if year not in m.label and year not in time_frame(m, kb.get(m.source).record.date)]
    assert lost == []


# --- regions --------------------------------------------------------------------------------------


def region_chain(kb, region_id):
    chain = []
    while region_id:
        chain.append(region_id)
        region_id = record(kb, region_id).parent
    return chain


def test_linggang_is_placed_only_as_far_as_the_seed_supports(kb):
    linggang = record(kb, "linggang")
    assert linggang.parent != "jinan-gaoxin"
    assert "没有说明临港街道属于哪个区县" in linggang.summary


def test_dongfanghong_sits_in_the_xiangjiang_new_area(kb):
    assert region_chain(kb, "dongfanghong") == ["dongfanghong", "yuelu", "xiangjiang-xinqu", "changsha", "hunan"]
    assert record(kb, "xiangjiang-xinqu").name == "湖南湘江新区"


# --- seed content carried -------------------------------------------------------------------------


@pytest.mark.parametrize("case_id, words", [
    ("changqing-hongse-ningjuli", ["明白人", "内行人", "贴心人", "引、育、管、用",
                                   "抓工作规范", "抓制度完善", "抓作用发挥", "抓示范带动"]),
    ("dongfanghong-lian-dongli", ["三高四新", "强省会", "工作要求"]),
    ("gaoxin-qiangji-guben", ["世界一流高科技园区"]),
    ("wenshang-hongse-yinqing", ["党政企金共同体"]),
])
def test_seed_content_is_carried(kb, case_id, words):
    text = case_text(record(kb, case_id))
    assert [w for w in words if w not in text] == []


def test_the_notice_date_dates_the_groups(kb):
    assert metric(kb, "dongfanghong-lian-dongli", "liangxin-dangzuzhi").year == 2023
    assert metric(kb, "gaoxin-qiangji-guben", "yicun-yiming-daxuesheng").year == 2023
