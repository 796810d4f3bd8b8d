"""Chinese labels are sorted by pinyin, not by code point."""

from pypinyin import lazy_pinyin

from generator.site.pinyin import anchors, by_pinyin, initial, slug

PLACES = ["岳麓区", "汶上县", "长清区"]


def test_places_sort_by_pinyin_not_code_point():
    assert sorted(PLACES) == ["岳麓区", "汶上县", "长清区"]  # code point order is backwards
    assert by_pinyin(PLACES) == ["长清区", "汶上县", "岳麓区"]


def test_agrees_with_pypinyin_where_pypinyin_reads_the_name_right():
    labels = ["组织生活", "党费", "发展党员", "阵地与经费保障", "作用发挥", "台账档案与常用文书"]
    assert by_pinyin(labels) == sorted(labels, key=lambda s: lazy_pinyin(s))


def test_place_names_pypinyin_misreads_are_corrected():
    assert lazy_pinyin("长清") == ["zhang", "qing"]  # pypinyin alone files 长清 under Z
    assert initial("长清区") == "C"
    assert by_pinyin(["长清区", "长沙市", "张店区"]) == ["长清区", "长沙市", "张店区"]


def test_quotes_and_digits():
    assert by_pinyin(["“1+X”帮带", "结对共建", "2510"]) == ["“1+X”帮带", "2510", "结对共建"]
    assert initial("2510") == "#"


def test_anchors_are_ascii_and_unique():
    assert slug("红领党务认证") == "hong-ling-dang-wu-ren-zheng"
    assert anchors(["认证", "人证"], "tag-") == {"人证": "tag-ren-zheng", "认证": "tag-ren-zheng-2"}
