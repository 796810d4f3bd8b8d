"""The search index builder: tokens, queries, documents taken from HTML, weights, shards, the
pinyin tables, and the built site's index."""

from __future__ import annotations

import json
from pathlib import Path

from generator.core.schema import page_kinds
from generator.search import homophones
from generator.search.extract import SearchDoc, documents, plain
from generator.search.index import BOILERPLATE, MAX_POSTINGS, SearchIndex
from generator.search.plugin import EDITORS_LABEL
from generator.search.query import parse
from generator.search.tokens import first_token, fnv1a, name_key, name_tokens, tokens
from generator.search.weights import NAMED, averages, fields, weights
from tests.support import REPO


def test_chinese_runs_become_character_pairs_and_symbols_stay_whole():
    assert tokens("党费返还") == ["党费", "费返", "返还"]
    assert tokens("1+X帮带，１＋７＋Ｎ架构，2510") == ["1+x", "帮带", "1+7+n", "架构", "2510"]
    assert tokens("2023-05") == ["2023-05", "2023", "05"]
    assert tokens("“红色‘联’动力”") == tokens("红色联动力") == ["红色", "色联", "联动", "动力"]
    assert tokens("和") == ["和"]


def test_names_also_give_their_characters_for_one_character_queries():
    assert name_tokens("党费收缴") == ["党费", "费收", "收缴", "党", "费", "收", "缴"]
    assert name_tokens("1+X") == ["1+x"]


def test_a_name_is_filed_under_its_first_token():
    assert name_key("“红色‘联’动力”") == "红色联动力"
    assert first_token(name_key("“1+X”帮带")) == "1+x"
    assert first_token(name_key("三会一课")) == "三会"
    assert name_key("……") == first_token("") == ""


def test_question_words_are_dropped_and_intent_words_become_intents():
    assert parse("党费怎么返还").text.split() == ["党费", "返还"]
    assert parse("党费怎么返还").intents == ("steps",)
    assert parse("入党流程") == parse("入党流程")
    assert (parse("入党流程").text.strip(), parse("入党流程").intents) == ("入党", ("steps",))
    assert parse("党费交多少").intents == ("amount",)
    assert parse("预备期多长时间").intents == ("time",)
    assert parse("什么是两个覆盖").intents == ("define",)
    assert parse("什么是两个覆盖").text.strip() == "两个覆盖"
    assert parse("支委会多长时间开一次").text.split() == ["支委会", "开一次"]


def test_a_query_of_nothing_but_intent_words_is_searched_as_typed():
    assert (parse("流程").text, parse("流程").intents) == ("流程", ())
    assert (parse("标准").text, parse("标准").intents) == ("标准", ())


def test_fnv1a_matches_the_published_test_vectors():
    assert fnv1a("") == 0x811C9DC5
    assert fnv1a("a") == 0xE40C292C
    assert fnv1a("foobar") == 0xBF9CF968


def test_inline_markup_does_not_split_words_and_permalinks_are_dropped():
    html = '<h2 id="x">党建<a class="hl-term" title="定义">指导员</a><a class="headerlink" href="#x">¶</a></h2><p>甲</p><p>乙</p>'
    assert plain(html).split() == ["党建指导员", "甲", "乙"]


def test_passages_keep_their_heading_and_leave_out_what_is_not_the_page_own_text():
    html = ('<h1 id="t">党费收缴</h1><div class="admonition note"><p class="admonition-title">参考版</p>'
            '<p>本站手册为参考版，各地可以替换为本地文本，替换办法见编辑指南。</p></div>'
            '<ul><li><strong>频次：</strong>每月</li></ul><p class="hl-toolbar">本页可直接打印（A4）。</p>'
            '<p>党员按月以税后工资收入为基数、按规定比例向所在党支部交纳党费。</p>'
            '<h2 id="requirements">工作要求</h2><ul><li>比例不是累进的，收入落在哪一档就用这一档。</li></ul>'
            '<details class="note"><summary>答案与解析</summary><p>答案：D</p></details>'
            '<h2 id="others">其他地方怎么做</h2><ul><li><a href="../cases/x.html">某区党建品牌</a>（<a href="r.html">某区</a>）</li>'
            '<li><a href="a.html">党费使用</a>（每年公开）</li></ul>'
            '<h2 id="see-also">另见</h2><ul><li><a href="b.html">主题党日</a></li></ul>'
            '<table><tr><th>表单</th><th>用途</th></tr><tr><td>登记表</td><td>逐月登记</td></tr></table>')
    [doc] = documents("handbook/x.html", "党费收缴", "党务手册", html)
    assert doc.headings == [("requirements", "工作要求"), ("others", "其他地方怎么做"), ("see-also", "另见")]
    texts = [text for _, text in doc.passages]
    assert "党费收缴" not in texts and "本页可直接打印（A4）。" not in texts and "答案：D" not in texts
    assert not any("某区" in text or "党费使用" in text or "主题党日" in text for text in texts)
    assert (0, "比例不是累进的，收入落在哪一档就用这一档。") in doc.passages
    assert (2, "登记表 逐月登记") in doc.passages
    assert doc.passages[doc.lead] == (-1, "党员按月以税后工资收入为基数、按规定比例向所在党支部交纳党费。")


def test_a_split_page_gives_one_document_per_section():
    html = ('<h1 id="t">术语表</h1><p>说明</p><h2 id="_d">D</h2><h3 id="dangfei">党费</h3><p>党员交纳的费用</p>'
            '<h3 id="liangxin">两新组织</h3><p>又称：新兴领域</p>')
    docs = documents("glossary.html", "术语表", "", html, split=3)
    assert [(d.url, d.title) for d in docs] == [("glossary.html", "术语表"), ("glossary.html#dangfei", "党费"),
                                                ("glossary.html#liangxin", "两新组织")]
    assert [t for _, t in docs[2].passages] == ["又称：新兴领域"]
    assert docs[1].crumb == "术语表"


def weight_of(docs: list[SearchDoc], token: str) -> list[int]:
    counted = [fields(doc, [text for _, text in doc.passages]) for doc in docs]
    average = averages(counted)
    return [weights(c, average, doc.boost).get(token, 0) for doc, c in zip(docs, counted, strict=True)]


def test_a_short_page_about_a_word_outweighs_a_long_page_that_mentions_it():
    about = SearchDoc("a.html", "党费收缴", passages=[(-1, "党费按月交纳，党费按比例计算。")])
    mention = SearchDoc("b.html", "培训课程", passages=[(-1, "党费。" + "其他内容很多。" * 300)])
    other = SearchDoc("c.html", "其他", passages=[(-1, "与此无关。")])
    about_weight, mention_weight, _ = weight_of([about, mention, other], "党费")
    assert about_weight >= NAMED and mention_weight < NAMED
    assert about_weight - NAMED > 2 * mention_weight


def test_aliases_count_as_names_and_a_boost_scales_the_weight():
    named = SearchDoc("a.html", "活动阵地建设", aliases=["党员活动室"], passages=[(-1, "阵地要六有。")])
    glossary = SearchDoc("g.html", "阵地", passages=[(-1, "党员活动的场所。")], boost=0.5)
    plain_page = SearchDoc("p.html", "阵地", passages=[(-1, "党员活动的场所。")])
    assert weight_of([named, glossary], "活动")[0] >= NAMED
    assert weight_of([named], "阵地")[0] >= NAMED
    glossary_weight, page_weight = weight_of([glossary, plain_page], "阵地")
    assert glossary_weight - NAMED < page_weight - NAMED


def shard_data(text: str) -> object:
    return json.loads(text[text.index(",") + 1:text.rindex(")")])


def meta_of(files: dict[str, str]) -> dict:
    return json.loads(files["meta.js"][len("__hlSearch.meta("):-3])


def test_each_token_lives_in_the_shard_its_hash_names_and_output_is_stable():
    def build() -> dict[str, str]:
        index = SearchIndex()
        for i in range(300):
            index.add(SearchDoc(f"p{i}.html", f"页面{i}号党建", passages=[(-1, f"第{i}页：党费返还与三会一课，编号{i}。")]))
        index.add_synonyms(["两新", "新兴领域"])
        return index.files()

    files = build()
    assert files == build()
    meta = meta_of(files)
    assert meta["docs"] == 300 and meta["synonyms"] == [["两新", "新兴领域"]]
    assert meta["shards"] > 1 and len([f for f in files if f.startswith("s/")]) == meta["shards"]
    for n in range(meta["shards"]):
        for token in shard_data(files[f"s/{n}.js"]):
            assert fnv1a(token) % meta["shards"] == n
    assert sum(meta["groups"]) == 300 and len(meta["groups"]) == len([f for f in files if f.startswith("d/")])
    second = shard_data(files["d/1.js"])
    assert second[0][:2] == [f"p{meta['groups'][0]}.html", f"页面{meta['groups'][0]}号党建"]


def test_names_are_filed_with_their_first_token_and_intents_are_tokens():
    index = SearchIndex()
    index.add(SearchDoc("a.html", "组织生活会", aliases=["批评与自我批评"], headings=[("procedure", "操作步骤")], kind="aspect"))
    index.add(SearchDoc("g.html#x", "组织生活会", kind="term"))
    files = index.files()
    entries = {token: entry for n in range(meta_of(files)["shards"]) for token, entry in shard_data(files[f"s/{n}.js"]).items()}
    assert entries["组织"][2] == [["组织生活会", [0, 1]]]
    assert entries["批评"][2] == [["批评与自我批评", [0]]]
    assert entries["#steps"][1] == [0, 1] and entries["#define"][1] == [1, 1]


def test_boilerplate_is_neither_weighed_nor_shown():
    index = SearchIndex()
    notice = "本站手册为参考版，各地可以替换。"
    for i in range(BOILERPLATE):
        index.add(SearchDoc(f"p{i}.html", f"页面{i}", passages=[(-1, notice), (-1, f"第{i}页自己的内容。")]))
    files = index.files()
    entries = {token for n in range(meta_of(files)["shards"]) for token in shard_data(files[f"s/{n}.js"])}
    assert "参考" not in entries and "自己" in entries
    rows = shard_data(files["d/0.js"])
    assert rows[0][5] == [-1, "第0页自己的内容。"]


def test_very_common_tokens_keep_their_heaviest_postings_and_true_document_frequency():
    index = SearchIndex()
    for i in range(MAX_POSTINGS + 50):
        index.add(SearchDoc(f"{i}.html", "标题" if i % 1000 == 0 else "页面", passages=[(-1, "党建")]))
    entries = index.shard_entries(index.postings([doc.passages for doc in index.docs])[0])
    df, encoded = entries["党建"][0:2]
    assert df == MAX_POSTINGS + 50
    assert len(encoded) == 2 * MAX_POSTINGS


def test_everyday_words_stand_for_short_titles_only():
    index = SearchIndex()
    index.add_everyday(("入党", "入党流程"), "发展党员")
    index.add_everyday(("活动室",), "活动阵地建设（六有）")
    assert index.everyday == [["入党", "发展党员"], ["入党流程", "发展党员"]]


def test_an_everyday_word_that_names_something_else_is_not_put_into_queries():
    """支委会 is a term of its own and 先锋岗 a practice's other name: a reader who types them
    wants those pages, so the query is not rewritten to 三会一课 or 党员先锋作用."""
    index = SearchIndex()
    for title, aliases in (("三会一课", ["支委会", "党员大会"]), ("支委会", ["支部委员会"]), ("党员先锋作用", ["亮身份"]),
                           ("党员先锋岗", ["先锋岗"])):
        index.add(SearchDoc(f"{title}.html", title, aliases=aliases))
    index.add_synonyms(["支委会", "支部委员会"])
    index.add_synonyms(["党员先锋岗", "先锋岗"])
    index.add_everyday(("支委会", "党员大会"), "三会一课")
    index.add_everyday(("亮身份", "先锋岗"), "党员先锋作用")
    assert index.everyday_words() == [["亮身份", "党员先锋作用"], ["党员大会", "三会一课"]]


# --- pinyin tables for typing slips ----------------------------------------------------------

def test_pairs_are_spelled_as_read_together_and_characters_with_every_reading():
    assert homophones.spelling("银行") == "yin hang"
    assert homophones.spelling("党费") == homophones.spelling("党废") == "dang fei"
    assert "xing" in homophones.readings("行") and "hang" in homophones.readings("行")
    table = homophones.character_table({"𠀀"})
    assert "废" in table["fei"] and "费" in table["fei"] and "党" in table["dang"]
    assert len(homophones.common_characters()) == 6763


def test_pairs_of_one_sound_are_listed_commonest_first():
    shards = homophones.pair_shards({"党费": 12, "当飞": 1, "行业": 3})
    merged = {key: value for shard in shards for key, value in shard.items()}
    assert merged["dang fei"] == ["党费", 12, "当飞", 1]
    assert merged["hang ye"] == ["行业", 3]


# --- the index of the embedded library, as `make site` builds it --------------------------------

def read_docs(site: Path) -> list[list]:
    meta = meta_of({"meta.js": (site / "search" / "meta.js").read_text(encoding="utf-8")})
    rows: list[list] = []
    for n in range(len(meta["groups"])):
        rows += shard_data((site / "search" / "d" / f"{n}.js").read_text(encoding="utf-8"))
    return rows


def built_meta(site: Path) -> dict:
    return meta_of({"meta.js": (site / "search" / "meta.js").read_text(encoding="utf-8")})


def test_built_index_covers_every_page_but_print_views(built_site: Path):
    docs = read_docs(built_site)
    pages = {url.split("#")[0] for url, *_ in docs}
    html = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")}
    assert pages <= html
    assert not any(page.startswith("handouts/") for page in pages)
    repeats = {"questions.html"} | {p for p in html if p.startswith("courses/") and p.endswith("-quiz.html")}
    assert html - pages - {"404.html"} == {p for p in html if p.startswith("handouts/")} | repeats, \
        "print views, and the 题库 and course self-tests (their questions are the aspects'), stay out"
    glossary = [url for url, *_ in docs if url.startswith("glossary.html#")]
    assert len(glossary) == len(list((REPO / "data" / "glossary").glob("*.yml")))
    for url in glossary:
        assert f'id="{url.split("#")[1]}"' in (built_site / "glossary.html").read_text(encoding="utf-8")


def test_built_index_labels_pages_with_the_kind_registry(built_site: Path):
    from generator.core.schema import KINDS

    meta = built_meta(built_site)
    registry = {spec.label for spec in KINDS} | {n.label for spec in KINDS for n in spec.nested}
    sections = {pages.section for _, pages in page_kinds()}
    labels = {url: meta["labels"][row[3]] for url, *_rest in read_docs(built_site) for row in [[url, *_rest]]}
    assert labels["handbook/sanhui-yike.html"] == "手册方面" and labels["glossary.html#lianzu"] == "术语"
    assert labels["cases/index.html"] == "案例库" and labels["practices/yi-jia-x.html"] == "做法"
    assert labels["guide/editing.html"] == labels["guide/codes.html"] == EDITORS_LABEL
    assert set(meta["labels"]) <= registry | sections | {EDITORS_LABEL, ""}


def test_built_index_knows_synonyms_and_everyday_words(built_site: Path):
    meta = built_meta(built_site)
    groups = {group[0]: set(group[1:]) for group in meta["synonyms"]}
    assert groups["两新组织"] == {"两新", "新兴领域"}  # the term first, then its aliases
    assert ["快递员", "新就业群体"] in meta["everyday"] and ["入党", "发展党员"] in meta["everyday"]
    assert ["支委会", "三会一课"] not in meta["everyday"]  # 支委会 is a glossary term of its own
    assert meta["docs"] == len(read_docs(built_site))


def test_built_index_files_everyday_words_as_names_of_their_page(built_site: Path):
    meta = built_meta(built_site)
    entry = shard_data((built_site / "search" / "s" / f"{fnv1a('活动') % meta['shards']}.js").read_text(encoding="utf-8"))["活动"]
    urls = [row[0] for row in read_docs(built_site)]
    named = {name: [urls[doc] for doc in docs] for name, docs in entry[2]}
    assert named["活动室"] == ["handbook/zhendi-jianshe.html"]


def test_split_accepts_a_level_or_a_heading_name():
    from generator.search.plugin import heading_level

    assert [heading_level(v) for v in (3, "h3", "H2", None, "x", 9)] == [3, 3, 2, None, None, None]


def test_a_hand_written_page_with_bad_search_settings_fails_the_build_in_chinese(tmp_path: Path):
    import subprocess
    import sys

    import yaml

    docs = tmp_path / "content"
    docs.mkdir()
    (docs / "index.md").write_text("---\nsearch:\n  boost: 很高\n---\n# 首页\n", encoding="utf-8")
    config = {"site_name": "t", "docs_dir": str(docs), "theme": {"name": "material", "language": "zh"},
              "plugins": ["hongling-search"]}
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tmp_path / "mkdocs.yml"),
                             "-d", str(tmp_path / "site")], cwd=REPO, capture_output=True, text=True, encoding="utf-8")
    assert result.returncode != 0
    assert "index.md 开头的 search 设置中 boost 应为数字（如 0.5），现在是 '很高'" in result.stderr
