"""Search in the built site, in Chromium over http and from ``file://``: the committed query set,
the search box by keyboard, what a result shows (kind, section, the passage that matched), the
count, one-character queries, typing slips, answer cards, and tokens identical to the builder's."""

from __future__ import annotations

from benchmarks.bench_search import hit_rates, load_queries, misses, run_queries
from generator.core.schema import KINDS, page_kinds
from generator.search.query import parse
from generator.search.tokens import fnv1a, name_key, tokens
from tests.support.browser import Visit

RESULT = ".md-search-result__item"


def search(visit: Visit, query: str, path: str = "index.html"):
    page = visit.open(path)
    page.keyboard.press("/")
    page.keyboard.type(query)
    page.locator(RESULT).first.wait_for(state="visible", timeout=45000)
    return page


def retype(page, query: str) -> None:
    """Replace the query in the open search box and wait for its results: emptying the box first
    clears the previous query's list, count and cards, so what is waited for is the new query's."""
    page.fill("input.md-search__input", "")
    page.fill("input.md-search__input", query)
    page.locator(".md-search-result__meta", has_text="找到").wait_for(timeout=10000)


def shown_count(page) -> int:
    text = page.inner_text(".md-search-result__meta")
    return int(text.split("找到 ", 1)[1].split(" 个", 1)[0])


def test_search_finds_chinese_words(visit: Visit):
    page = search(visit, "党费")
    assert "党费" in page.inner_text(".md-search-result")


def test_search_query_set_meets_its_figures(visit: Visit):
    """The committed query set, run in the real site: overall, for a new worker's own words, for
    typing slips, and the answer cards."""
    queries = load_queries()
    assert len(queries) >= 200
    assert sum(q["group"] == "colloquial" for q in queries) >= 80 and sum(q["group"] == "homophone" for q in queries) >= 20
    page = visit.open("index.html")
    results = run_queries(page, queries)
    rates = hit_rates(queries, results)
    report = "\n".join(misses(queries, results))
    assert rates["all"]["hit@3"] >= 96 and rates["all"]["hit@1"] >= 88, f"{rates['all']}\n{report}"
    assert rates["colloquial"]["hit@3"] >= 94 and rates["colloquial"]["hit@1"] >= 82, f"{rates['colloquial']}\n{report}"
    assert rates["homophone"]["hit@3"] >= 95 and rates["homophone"]["hit@1"] >= 90, f"{rates['homophone']}\n{report}"
    assert sum("card" in q for q in queries) >= 10 and rates["card"]["card"] >= 90, f"{rates['card']}\n{report}"


def test_search_box_keyboard_and_highlighting(visit: Visit):
    page = search(visit, "三会一课", "cases/index.html")
    first = page.locator(RESULT).first
    assert "三会一课" in first.locator("mark").first.inner_text()
    assert "个符合条件的结果" in page.inner_text(".md-search-result__meta")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    assert "h=" in page.url
    marks = page.locator("article mark")
    assert marks.count() > 0 and "三会一课" in marks.first.inner_text()
    page.keyboard.press("/")
    page.keyboard.type("火星探测")
    page.locator(".md-search-result__meta", has_text="没有找到").wait_for(timeout=10000)
    assert page.locator(RESULT).count() == 0
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")


def test_search_results_open_the_section_that_names_the_query(visit: Visit):
    """红星工匠 is one of the practices of 长清区's case, under a heading of its own."""
    page = search(visit, "红星工匠")
    sections = page.locator(RESULT, has=page.locator(".hl-search-section mark", has_text="红星工匠"))
    assert sections.count() > 0
    href = sections.first.locator("a").get_attribute("href")
    anchor = href.split("#", 1)[1].split("?")[0]
    with page.expect_navigation():
        sections.first.locator("a").click()
    page.wait_for_load_state("load")
    assert page.locator(f"[id='{anchor}']").count() == 1


def test_a_snippet_is_the_passage_that_matched_with_its_words_marked(visit: Visit):
    """支付宝 is said once, deep in the requirements of 党费收缴: the result shows that passage and
    opens its section, not the page's lead."""
    page = search(visit, "支付宝")
    first = page.locator(RESULT).first
    assert first.locator("h1").inner_text() == "党费收缴"
    snippet = first.locator(".hl-search-snippet")
    assert snippet.locator("mark").first.inner_text() == "支付宝"
    assert "不得由书记或党务人员用个人微信、支付宝、银行卡代收党费" in snippet.inner_text()
    assert first.locator(".hl-search-section").inner_text() == "本页小节：工作要求"
    lead = page.evaluate("""async () => { const f = await hlSearch.rank('支付宝');
        const [row] = await hlSearch.details(f.meta, [f.ranked[0].doc]); return row.lead.text; }""")
    assert "支付宝" not in lead


def test_an_intent_word_opens_the_section_that_answers_it(visit: Visit):
    page = search(visit, "入党流程")
    first = page.locator(RESULT).first
    assert first.locator(".hl-search-kind").inner_text() in {"手册方面", "手册大项"}
    steps = page.locator(RESULT, has=page.locator(".hl-search-section", has_text="操作步骤"))
    assert steps.count() > 0 and "#procedure" in steps.first.locator("a").get_attribute("href")


def test_each_result_says_what_kind_of_page_it_is_in_the_registry_words(visit: Visit):
    page = search(visit, "红旗支部")
    labels = set(page.locator(f"{RESULT} .hl-search-kind").all_inner_texts())
    registry = {spec.label for spec in KINDS} | {n.label for spec in KINDS for n in spec.nested}
    assert labels and labels <= registry | {pages.section for _, pages in page_kinds()}
    assert "做法" in labels


def test_editors_pages_come_after_every_page_for_readers(visit: Visit):
    """The editing guide and the error codes explain 党费, 发展党员 and 三会一课 as data fields; a
    reader searching those words gets every reader page first and the editors' pages last, if at
    all, labelled as what they are. The blank templates page is labelled as such."""
    page = visit.open("index.html")
    shown = page.evaluate("""async (queries) => { const out = [];
        for (const q of queries) out.push(await hlSearch.search(q, 500)); return out; }""",
                          ["党费", "发展党员", "三会一课", "错误代码", "文书模板"])
    for results in shown:
        urls = [r["url"].split("#")[0] for r in results]
        editors = [i for i, url in enumerate(urls) if url.startswith("guide/")]
        readers = [i for i, url in enumerate(urls) if not url.startswith("guide/")]
        assert readers and (not editors or min(editors) > max(readers)), urls
        assert all(results[i]["label"] == "编辑指南" for i in editors)
    assert [r["url"] for r in shown[3]][-1] == "guide/codes.html"  # found by its name, still last
    assert shown[4][0]["url"] == "forms.html" and shown[4][0]["label"] == "文书模板"


def test_the_count_equals_the_results_listed(visit: Visit):
    page = search(visit, "泉通APP")
    assert shown_count(page) == page.locator(RESULT).count()
    retype(page, "党建")
    page.locator(".hl-search-more").wait_for(timeout=10000)
    count = shown_count(page)
    assert count > 10 and page.locator(RESULT).count() == 10
    while page.locator(".hl-search-more").count():
        page.click(".hl-search-more")
        page.wait_for_timeout(100)
    assert page.locator(RESULT).count() == count


def test_a_one_character_query_gives_results(visit: Visit):
    page = search(visit, "党")
    assert shown_count(page) > 0 and page.locator(RESULT).count() > 0
    assert "党" in page.locator(RESULT).first.locator("h1, h2").first.inner_text()


def test_a_homophone_slip_is_put_right_and_said_so(visit: Visit):
    page = search(visit, "党废")
    assert "您是不是要找“党费”" in page.inner_text(".md-search-result__meta")
    assert "党费" in page.locator(RESULT).first.locator("h1, h2").first.inner_text()
    retype(page, "三会一刻")
    assert "您是不是要找“三会一课”" in page.inner_text(".md-search-result__meta")
    page.locator(RESULT).first.wait_for(timeout=10000)
    assert page.locator(RESULT).first.locator("h1").inner_text() == "三会一课"
    retype(page, "三会一课")
    assert "您是不是要找" not in page.inner_text(".md-search-result__meta")
    retype(page, "外卖小哥党员")  # 小哥 is on one page only, but as one of its names: a word, not a slip
    assert "您是不是要找" not in page.inner_text(".md-search-result__meta")


def test_a_query_that_is_a_page_s_whole_name_finds_that_page_first(visit: Visit):
    """新兴领域 is another name of the glossary entry 两新组织; many pages say 两新组织 and weigh
    more than a glossary entry, but the entry is the page that is called what was typed."""
    page = search(visit, "新兴领域")
    href = page.locator(RESULT).first.locator("a").get_attribute("href")
    assert "/glossary.html?" in href and href.endswith("#liangxinzuzhi")


def test_an_answer_card_shows_the_dues_table_with_its_regulation(visit: Visit):
    page = search(visit, "党费交多少")
    card = page.locator(".hl-search-card")
    assert card.count() == 1 and card.locator("details").count() == 0  # no sum asked: the table open
    rows = [[cell.strip() for cell in row.split("\t")] for row in card.locator("tr").all_inner_texts()]
    assert ["3000元以下（含3000元）", "0.5%"] in rows and ["10000元以上", "2%"] in rows
    assert ["5000元以上至10000元（含10000元）", "1.5%"] in rows
    assert "依据：《关于中国共产党党费收缴、使用和管理的规定》" in card.inner_text()
    assert card.locator("a").get_attribute("href").endswith("handbook/dangfei-shoujiao.html")
    assert page.locator(".hl-search-cards + .md-search-result__list").count() == 1  # above the results
    retype(page, "工资10001元交多少党费")
    assert "每月交 200.02 元（10001 × 2%）" in page.inner_text(".hl-search-card__answer")
    folded = page.locator(".hl-search-card details.hl-search-card__more")
    assert folded.count() == 1 and not folded.evaluate("d => d.open")  # the sum first, the table a tap away
    assert not page.locator(".hl-search-card tr").first.is_visible()
    assert "依据：《关于中国共产党党费收缴、使用和管理的规定》" in page.inner_text(".hl-search-card")
    folded.locator("summary").click()
    assert page.locator(".hl-search-card tr").first.is_visible() and page.locator(".hl-search-card").count() == 1
    retype(page, "党费收缴")
    assert page.locator(".hl-search-card").count() == 0  # a name is not a question


def test_on_a_phone_the_search_and_its_card_fit_the_screen(browser, root: str):
    """At 390 px the open search, its answer card and its results are as wide as the screen: a
    phone does not zoom them out to fit something wider."""
    from tests.support.browser import PHONE

    phone = Visit(browser, root, **PHONE)
    try:
        page = search(phone, "党费交多少")
        page.locator(".hl-search-card").wait_for(timeout=10000)
        widths = page.evaluate("""() => [window.innerWidth, document.documentElement.scrollWidth,
            Math.round(document.querySelector('.hl-search-card').getBoundingClientRect().right)]""")
        assert widths[0] == 390 and widths[1] <= 390 and widths[2] <= 390, widths
    finally:
        phone.close()


def test_the_card_works_out_dues_as_the_manual_examples_say(visit: Visit):
    """Every worked example in the manual's 党费 table, recomputed in the browser from the card."""
    from generator import Settings, check
    from tests.support import REPO

    kb, _ = check(Settings(data_dir=REPO / "data"))
    table = next(entry.record.dues for entry in kb.of_kind("aspect") if entry.record.dues is not None)
    who = {case.id: case.who for case in table.cases}
    examples = [[float(e.income), float(e.amount), who.get(e.case or "")] for e in table.examples]
    page = visit.open("index.html")
    worked = page.evaluate("""async (examples) => { const meta = await hlSearch.meta();
        const card = meta.cards.find(c => c.dues);
        return examples.map(([income, , who]) => {
          const bands = who ? card.dues.cases[who].bands : card.dues.bands;
          return hlSearchCards.dues(bands, income, card.dues.unit).amount; }); }""", examples)
    assert len(examples) >= 6 and worked == [amount for _, amount, _ in examples]


TOKEN_SAMPLES = ["党费怎么返还", "“红色‘联’动力”与1+X、１＋７＋Ｎ和2510，2023-05 三对一 A", "济南高新区党建“三专”服务体系",
                 "党组织书记“领头雁”工程 2+2+7+N 模式", "入党积极分子培养多长时间？", "ＡＢＣ－12／x·y 〇", "流程", "什么是六有",
                 "党费交多少钱", "怎么办"]


def test_browser_and_builder_tokenise_and_read_queries_alike(visit: Visit):
    """The client must cut a query exactly as the builder cut the pages, and hash it alike."""
    texts = TOKEN_SAMPLES + [q["q"] for q in load_queries()]
    page = visit.open("index.html")
    seen = page.evaluate("""async (texts) => { const out = [];
        for (const t of texts) { const q = await hlSearch.rules.parse(t);
          out.push([hlSearch.rules.tokens(t), q.text, q.intents, hlSearch.rules.nameKey(t), hlSearch.rules.tokens(t).map(hlSearch.rules.hash)]); }
        return out; }""", texts)
    expected = [[tokens(t), parse(t).text, list(parse(t).intents), name_key(t), [fnv1a(x) for x in tokens(t)]] for t in texts]
    assert seen == expected
