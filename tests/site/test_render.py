"""Data text is escaped on its way into Markdown: it renders exactly as written and runs nothing."""

from __future__ import annotations

import markdown
import pytest
from jinja2 import Environment

from generator.site.resolver import Link
from generator.site.records import PagePlan
from generator.site.render import environment, escape_text, front_title, join_cjk_lines, markdown_field, relative

EXTENSIONS = ["tables", "attr_list", "admonition", "abbr", "def_list", "footnotes", "md_in_html", "toc",
              "pymdownx.details", "pymdownx.tasklist", "pymdownx.superfences"]


def html_of(markdown_text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(markdown_text)


@pytest.mark.parametrize("text, escaped", [
    ("a<b & c>d", "a&lt;b &amp; c&gt;d"),
    ("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
    ("*强调*", r"\*强调\*"),
    ("_x_ `y` [z](w)", r"\_x\_ \`y\` \[z\]\(w\)"),
    ("| a | b |", r"\| a \| b \|"),
    ("1. 第一", r"1\. 第一"),
    ("# 标题", r"\# 标题"),
    ("{: .x}", r"\{: \.x\}"),
    ("??? note", "&#63;?? note"),
    (": 定义", "&#58; 定义"),
    ("200余名", "200余名"),
])
def test_escape_text(text, escaped):
    assert escape_text(text) == escaped


@pytest.mark.parametrize("text, visible", [
    ("a<b & c>d", "a&lt;b &amp; c&gt;d"),
    ("<b>x</b><script>alert(1)</script>", "&lt;b&gt;x&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("*不是强调* **也不是加粗**", "*不是强调* **也不是加粗**"),
    ("[链接](javascript:alert(1))", "[链接](javascript:alert(1))"),
    ("![图](http://example.com/a.png)", "![图](http://example.com/a.png)"),
    ("- 不是列表", "- 不是列表"),
    ("!!! danger", "!!! danger"),
    ("*[HTML]: 不是缩写", "*[HTML]: 不是缩写"),
    ("[^1] 不是脚注", "[^1] 不是脚注"),
])
def test_escaped_text_renders_as_written(text, visible):
    rendered = html_of(escape_text(text))
    assert rendered == f"<p>{visible}</p>"


@pytest.mark.parametrize("context", ["- {}", "| 列 |\n| --- |\n| {} |", "## {} {{#h}}", "1. **{}**"])
def test_escaped_text_keeps_its_container(context):
    rendered = html_of(context.format(escape_text("a | b <i>c</i> & *d*")))
    assert "a | b &lt;i&gt;c&lt;/i&gt; &amp; *d*" in rendered
    assert "<i>" not in rendered and "<em>" not in rendered


def test_line_breaks_in_plain_text():
    assert escape_text("第一行，\n第二行") == "第一行，第二行"  # a wrapped Chinese sentence
    assert escape_text("abc\n- x\n") == r"abc<br>\- x"


def test_markdown_fields_are_markdown_but_fetch_nothing():
    assert markdown_field("**重点**：[原文](https://example.com)") == "**重点**：[原文](https://example.com)"
    assert "<img" not in html_of(markdown_field("![照片](http://example.com/a.png)"))


def test_wrapped_chinese_lines_are_joined_without_breaking_blocks():
    text = "第一行中文，\n第二行中文。\n\n- 列表一\n- 列表二\n## 标题\n正文\n```\n代码一\n代码二\n```"
    assert join_cjk_lines(text) == "第一行中文，第二行中文。\n\n- 列表一\n- 列表二\n## 标题\n正文\n```\n代码一\n代码二\n```"


def test_front_matter_title_is_escaped_html_in_a_yaml_string():
    assert front_title('A & B <c> "d"') == '"A &amp; B &lt;c&gt; &quot;d&quot;"'


def test_relative_links():
    assert relative("cases/a.md", "sources.md", "src-x") == "../sources.md#src-x"
    assert relative("index.md", "cases/a.md") == "cases/a.md"
    assert relative("courses/c.md", "courses/c.md", "l-1") == "#l-1"
    with pytest.raises(ValueError):
        relative("a.md", "b.md", 'x" onclick="y')


def render_string(source: str, **context) -> str:
    env: Environment = environment()
    page = PagePlan("cases/x.md", "case.md.j2", "标题")
    return env.from_string(source).render(page=page, **context)


def test_every_printed_string_is_escaped_by_default():
    assert render_string("{{ t }}", t="<b>*x*</b>") == r"&lt;b&gt;\*x\*&lt;/b&gt;"
    assert render_string("{{ items | join('、') }}", items=["*a*", "<b>"]) == r"\*a\*、&lt;b&gt;"
    assert render_string("{{ l | link }}", l=Link("A*<b>", "sources.md", "src-a")) == r"[A\*&lt;b&gt;](../sources.md#src-a)"


def test_printing_none_is_a_template_bug():
    with pytest.raises(TypeError):
        render_string("{{ t }}", t=None)


def test_prose_drops_the_spaces_yaml_folding_leaves_between_chinese_words():
    assert markdown_field("须有半数以上委员到会； 重要事项先经支委会讨论。 Word 文档") == \
        "须有半数以上委员到会；重要事项先经支委会讨论。 Word 文档"
    assert render_string("{{ t | prose }}", t="一般 每月召开 *1* 次") == r"一般每月召开 \*1\* 次"
    assert render_string("{{ t }}", t="汶上县： “红色引擎”") == "汶上县： “红色引擎”"  # titles and quotes as written


def test_a_cited_source_id_shows_as_its_linked_title():
    env = environment()
    env.globals["citable"] = {"src-report": Link("某区报道", "sources.md", "src-report")}
    page = PagePlan("handbook/x.md", "index.md.j2", "标题")
    template = env.from_string("{{ text | md }}|{{ text | prose }}")
    markdown, plain = template.render(text="框架取自手册（见来源 src-report）；src-other 不是来源。", page=page).split("|")
    assert markdown == "框架取自手册（见来源《[某区报道](../sources.md#src-report)》）；src-other 不是来源。"
    assert plain.startswith("框架取自手册（见来源《[某区报道](../sources.md#src-report)》）") and "src\\-other" in plain


def test_a_page_never_links_to_itself():
    env = environment()
    template = env.from_string("{{ here | link }} {{ there | link }} {{ anchor | link }}")
    page = PagePlan("regions/a.md", "index.md.j2", "甲")
    out = template.render(page=page, here=Link("甲", "regions/a.md"), there=Link("乙", "regions/b.md"),
                          anchor=Link("本页一节", "regions/a.md", "cases"))
    assert out == "甲 [乙](b.md) [本页一节](#cases)"
