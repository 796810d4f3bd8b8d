"""The search index builder: tokens, documents taken from HTML, shards, and the built site's index."""

from __future__ import annotations

import json
from pathlib import Path

from generator.search.extract import SearchDoc, documents, plain
from generator.search.index import MAX_POSTINGS, SearchIndex, fnv1a
from generator.search.tokens import query_text, title_key, tokens
from tests.support import REPO


def test_chinese_runs_become_character_pairs_and_symbols_stay_whole():
    assert tokens("党费返还") == ["党费", "费返", "返还"]
    assert tokens("1+X帮带，１＋７＋Ｎ架构，2510") == ["1+x", "帮带", "1+7+n", "架构", "2510"]
    assert tokens("2023-05") == ["2023-05", "2023", "05"]
    assert tokens("“红色‘联’动力”") == tokens("红色联动力") == ["红色", "色联", "联动", "动力"]
    assert tokens("和") == ["和"]


def test_question_words_are_not_searched_for():
    assert tokens(query_text("党费怎么返还")) == ["党费", "返还"]
    assert tokens(query_text("党建经费从哪里来")) == ["党建", "建经", "经费", "费从", "来"]
    assert title_key("“红色‘联’动力”") == "=红色联动力"
    assert title_key("……") == ""


def test_fnv1a_matches_the_published_test_vectors():
    assert fnv1a("") == 0x811C9DC5
    assert fnv1a("a") == 0xE40C292C
    assert fnv1a("foobar") == 0xBF9CF968


def test_inline_markup_does_not_split_words_and_permalinks_are_dropped():
    html = '<h2 id="x">党建<a class="hl-term" title="定义">指导员</a><a class="headerlink" href="#x">¶</a></h2><p>甲</p><p>乙</p>'
    assert plain(html).split() == ["党建指导员", "甲", "乙"]


def test_a_split_page_gives_one_document_per_section():
    html = ('<h1 id="t">术语表</h1><p>说明</p><h2 id="_d">D</h2><h3 id="dangfei">党费</h3><p>党员交纳的费用</p>'
            '<h3 id="liangxin">两新组织</h3><p>又称：新兴领域</p>')
    docs = documents("glossary.html", "术语表", "", html, split=3)
    assert [(d.url, d.title) for d in docs] == [("glossary.html", "术语表"), ("glossary.html#dangfei", "党费"),
                                                ("glossary.html#liangxin", "两新组织")]
    assert "新兴领域" in docs[2].text and "党员交纳" not in docs[2].text
    assert docs[1].crumb == "术语表"


def shard_data(text: str) -> object:
    return json.loads(text[text.index(",") + 1:text.rindex(")")])


def test_each_token_lives_in_the_shard_its_hash_names_and_output_is_stable():
    def build() -> dict[str, str]:
        index = SearchIndex()
        for i in range(300):
            index.add(SearchDoc(f"p{i}.html", f"页面{i}号党建", "", f"第{i}页：党费返还与三会一课，编号{i}。"))
        index.add_synonyms(["两新", "新兴领域"])
        return index.files()

    files = build()
    assert files == build()
    meta = json.loads(files["meta.js"][len("__hlSearch.meta("):-3])
    assert meta["docs"] == 300 and meta["synonyms"] == [["两新", "新兴领域"]]
    assert meta["shards"] > 1 and len([f for f in files if f.startswith("s/")]) == meta["shards"]
    for n in range(meta["shards"]):
        for token in shard_data(files[f"s/{n}.js"]):
            assert fnv1a(token) % meta["shards"] == n
    rows = shard_data(files["d/1.js"])
    assert rows[0][:2] == ["p40.html", "页面40号党建"]


def test_titles_outweigh_mentions_and_shorter_titles_weigh_more():
    index = SearchIndex()
    index.add(SearchDoc("a.html", "党费", "", "党费 " * 30))
    index.add(SearchDoc("b.html", "党费收缴使用和管理", "", "党费"))
    index.add(SearchDoc("c.html", "其他", "", "党费 " * 30))
    flat = index.postings["党费"]
    weight = dict(zip(flat[0::2], flat[1::2], strict=True))
    assert weight[0] > weight[1] > weight[2]
    assert index.postings["=党费"].tolist() == [0, 1]


def test_very_common_tokens_keep_their_heaviest_postings_and_true_document_frequency():
    index = SearchIndex()
    for i in range(MAX_POSTINGS + 50):
        index.add(SearchDoc(f"{i}.html", "标题" if i % 1000 == 0 else "页面", "", "党建"))
    df, encoded = index.shard_entries()["党建"][0:2]
    assert df == MAX_POSTINGS + 50
    assert len(encoded) == 2 * MAX_POSTINGS


# --- the index of the embedded library, as `make site` builds it --------------------------------

def read_docs(site: Path) -> list[list[str]]:
    rows: list[list[str]] = []
    for n in range(len(list((site / "search" / "d").glob("*.js")))):
        rows += shard_data((site / "search" / "d" / f"{n}.js").read_text(encoding="utf-8"))
    return rows


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


def test_built_index_knows_the_glossary_synonyms(built_site: Path):
    meta = json.loads((built_site / "search" / "meta.js").read_text(encoding="utf-8")[len("__hlSearch.meta("):-3])
    groups = {group[0]: set(group[1:]) for group in meta["synonyms"]}
    assert groups["两新组织"] == {"两新", "新兴领域"}  # the term first, then its aliases
    assert meta["docs"] == len(read_docs(built_site))


def test_split_accepts_a_level_or_a_heading_name():
    from generator.search.plugin import heading_level

    assert [heading_level(v) for v in (3, "h3", "H2", None, "x", 9)] == [3, 3, 2, None, None, None]


def test_a_hand_written_page_with_bad_search_settings_fails_the_build_in_chinese(tmp_path: Path):
    import subprocess
    import sys

    import yaml

    repo = REPO
    docs = tmp_path / "content"
    docs.mkdir()
    (docs / "index.md").write_text("---\nsearch:\n  boost: 很高\n---\n# 首页\n", encoding="utf-8")
    config = {"site_name": "t", "docs_dir": str(docs), "theme": {"name": "material", "language": "zh"},
              "plugins": ["hongling-search"]}
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tmp_path / "mkdocs.yml"),
                             "-d", str(tmp_path / "site")], cwd=repo, capture_output=True, text=True, encoding="utf-8")
    assert result.returncode != 0
    assert "index.md 开头的 search 设置中 boost 应为数字（如 0.5），现在是 '很高'" in result.stderr


def test_results_show_the_first_real_paragraph_and_know_the_headings():
    html = ('<h1 id="t">民主评议党员</h1><div class="admonition note"><p class="admonition-title">参考版</p>'
            '<p>本站手册为参考版，各地可替换为本地文本。</p></div><ul><li>频次：每年1次</li></ul>'
            '<p class="hl-toolbar">本页可直接打印（A4）。</p><p>短句。</p>'
            '<p>民主评议党员是党支部每年组织党员对照标准进行自评互评的制度。</p>'
            '<h2 id="steps">操作步骤</h2><p>第一步</p>')
    [doc] = documents("handbook/pingyi.html", "民主评议党员", "党务手册", html)
    assert doc.summary().startswith("民主评议党员是党支部每年组织")
    assert doc.headings == [("steps", "操作步骤")]
    index = SearchIndex()
    index.add(doc)
    rows = shard_data(index.files()["d/0.js"])
    assert rows[0][4] == [["steps", "操作步骤"]]
