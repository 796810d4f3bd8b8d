"""The HTML safety net: whatever Markdown makes of data, nothing can run and nothing is fetched."""

from __future__ import annotations

import markdown
import pytest

from generator.site.render import markdown_field
from generator.site.sanitize import SafeHtmlExtension

EXTENSIONS = ["tables", "attr_list", "admonition", "def_list", "footnotes", "md_in_html", "toc", "pymdownx.details"]


def html_of(text: str, safe: bool = True) -> str:
    return markdown.Markdown(extensions=EXTENSIONS + ([SafeHtmlExtension()] if safe else [])).convert(text)


@pytest.mark.parametrize("text, bad", [
    ('文字\n{: onclick="alert(1)" }', "onclick"),
    ('[链接](http://x.org){: onmouseover="alert(1)" }', "onmouseover"),
    ("[x](java&#115;cript:alert(1))", "cript:"),
    ("[x](&#106;avascript:alert(1))", "avascript:"),
    ("[x]( javascript:alert(1))", "javascript:"),
    ("[x](vbscript:msgbox)", "vbscript:"),
    ("[x](data:text/html;base64,PHNjcmlwdD4=)", "data:"),
    ("![x](https://example.com/a.png)", "example.com"),
    ("![x](//example.com/a.png)", "example.com"),
    ('段落\n{: style="background:url(https://example.com/a.png)" }', "example.com"),
])
def test_unsafe_attributes_are_removed(text, bad):
    assert bad in html_of(text, safe=False)  # what Markdown alone would let through
    assert bad not in html_of(text)


def test_ordinary_links_and_table_alignment_survive():
    assert '<a href="https://example.com/a">原文</a>' in html_of("[原文](https://example.com/a)")
    assert '<a href="../sources.md#src-x">来源</a>' in html_of("[来源](../sources.md#src-x)")
    assert '<a href="mailto:a@b.cn">信箱</a>' in html_of("[信箱](mailto:a@b.cn)")
    assert 'style="text-align: right;"' in html_of("| a |\n| --: |\n| 1 |")


def test_markdown_fields_cannot_set_attributes_even_without_the_safety_net():
    html = html_of(markdown_field('文字\n{: onclick="alert(1)" .x #y }'), safe=False)
    assert "onclick" not in html.split("文字")[0] and 'id="y"' not in html
