"""Glossary terms are marked in Chinese running text, nowhere they would break the page."""

from generator.site.glossary_marks import Term, TermMarker

MARKER = TermMarker([
    Term("lianxin", ("两新组织", "两新", "新兴领域"), "非公有制经济组织和社会组织的合称。"),
    Term("sanhuiyike", ("三会一课",), "支部党员大会、支委会、党小组会和党课。"),
    Term("erwuyiling", ("2510",), "高新区的“2510”倍增计划：<2支队伍>。"),
])


def test_term_inside_a_chinese_sentence_is_marked_with_its_definition():
    html = MARKER.mark("<p>指导企业落实三会一课制度。</p>")
    assert html == ('<p>指导企业落实<a class="hl-term" href="glossary.html#sanhuiyike" '
                    'title="支部党员大会、支委会、党小组会和党课。" data-term="sanhuiyike">三会一课</a>制度。</p>')


def test_longest_word_wins_and_each_term_is_marked_once():
    html = MARKER.mark("<p>两新组织党建，两新党组织，新兴领域。</p>")
    assert html.count('data-term="lianxin"') == 1
    assert ">两新组织</a>党建" in html


def test_definitions_are_escaped_and_digits_match():
    html = MARKER.mark("<p>实施2510计划</p>")
    assert 'title="高新区的“2510”倍增计划：&lt;2支队伍&gt;。"' in html


def test_no_marks_inside_links_headings_code_or_attributes():
    page = ('<h2 id="x">三会一课</h2><a href="x.html" title="三会一课">三会一课</a>'
            '<code>三会一课</code><img alt="三会一课"><pre>三会一课</pre>')
    assert MARKER.mark(page) == page


def test_relative_root_for_pages_in_folders_and_the_page_subject_skipped():
    html = MARKER.mark("<p>三会一课与两新</p>", relative_root="../", subject="三会一课的程序")
    assert 'href="../glossary.html#lianxin"' in html
    assert "sanhuiyike" not in html


def test_each_term_once_per_section_and_at_most_three_marks_per_paragraph():
    marker = TermMarker([Term(f"t{i}", (word,), "释义。") for i, word in enumerate(["甲方", "乙方", "丙方", "丁方"])])
    page = "<h2>一</h2><p>甲方乙方丙方丁方甲方</p><p>丁方甲方</p><h2>二</h2><ul><li>甲方、丁方</li></ul>"
    html = marker.mark(page)
    first, second = html.split("<h2>二</h2>")
    assert [first.count(f'data-term="t{i}"') for i in range(4)] == [1, 1, 1, 1]
    assert first.index('data-term="t3"') > first.index("</p>"), "丁方 waits for the next paragraph"
    assert second.count('data-term="t0"') == 1 and second.count('data-term="t3"') == 1, "a new section marks again"


def test_terms_inside_book_titles_are_not_marked():
    marker = TermMarker([Term("hongling", ("红领党务",), "党务认证。")])
    assert marker.mark("<p>编印《红领党务通》手册。</p>") == "<p>编印《红领党务通》手册。</p>"
    assert 'data-term="hongling"' in marker.mark("<p>《红领党务通》与红领党务认证</p>")
