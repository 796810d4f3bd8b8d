"""The last line of defence, in the HTML tree of every page: nothing can run, nothing is fetched.

The schema refuses HTML and ``javascript:`` links in Markdown fields, and :mod:`render` escapes
plain text and neutralises attribute lists and images in Markdown fields. Markdown can still
smuggle what a text check does not see: a link to ``java&#115;cript:…`` (the browser decodes the
entity), or an attribute set through ``attr_list``. This treeprocessor runs after every inline
and attribute processor on every page and removes

* event-handler attributes (``on…``) and ``srcdoc``;
* URLs whose scheme, once entities and blanks are removed, is not http(s), mailto or tel;
* URLs that would make the browser fetch from another host (``src="https://…"``);
* inline styles that load or run anything (``url(``, ``@import``, ``expression(``).

Page structure written by the generator's own templates never needs any of these.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "data", "background",
                  "cite", "longdesc", "manifest", "icon"}
FETCH_ATTRIBUTES = {"src", "srcset", "poster", "data", "background", "icon", "manifest", "longdesc"}
"""Attributes whose URL the browser loads by itself, without a click."""

SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.\-]*):")
BLANKS_RE = re.compile(r"[\x00-\x20\x7f]+")
UNSAFE_STYLE_RE = re.compile(r"url\s*\(|@import|expression\s*\(|behavior\s*:|-moz-binding", re.IGNORECASE)


def decoded(value: str) -> str:
    """The URL as the browser reads it: entities decoded, blanks and control characters removed."""
    text = html.unescape(value.replace(AMP_SUBSTITUTE, "&"))
    return BLANKS_RE.sub("", text).lower()


def unsafe(name: str, value: str) -> bool:
    name = name.lower()
    if name.startswith("on") or name == "srcdoc":
        return True
    if name == "style":
        return bool(UNSAFE_STYLE_RE.search(html.unescape(value.replace(AMP_SUBSTITUTE, "&"))))
    if name not in URL_ATTRIBUTES:
        return False
    url = decoded(value)
    scheme = SCHEME_RE.match(url)
    if scheme and scheme.group(1) not in SAFE_SCHEMES:
        return True
    return name in FETCH_ATTRIBUTES and (bool(scheme) or url.startswith("//"))


class SafeHtmlTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for name in [n for n, v in element.attrib.items() if unsafe(n, v)]:
                del element.attrib[name]
            # A link without its target, an image without its source: plain text instead
            # (MkDocs expects every <a> to have an href and every <img> a src).
            if element.tag == "a" and "href" not in element.attrib:
                element.tag = "span"
            elif element.tag == "img" and "src" not in element.attrib:
                alt = element.get("alt", "")
                element.attrib.clear()
                element.tag, element.text = "span", alt


class SafeHtmlExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After inline patterns (20), attr_list (8) and toc (5); before MkDocs rewrites links (0).
        md.treeprocessors.register(SafeHtmlTreeprocessor(md), "hongling_safe_html", 2)


def makeExtension(**kwargs: object) -> SafeHtmlExtension:
    return SafeHtmlExtension(**kwargs)
