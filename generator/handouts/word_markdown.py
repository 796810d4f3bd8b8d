"""Markdown fields as Word paragraphs: each block with its runs of plain, bold and italic text.

Python-Markdown parses the text (the same parser the site uses, so a field reads the same in both
places); a last tree processor keeps the finished element tree, which is walked into
:class:`Paragraph` values. Links keep their text only: a printed handout cannot be clicked.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor

from ..site.render import join_cjk_lines

PLACEHOLDER_RE = re.compile("\x02wzxhzdk:(\\d+)\x03")
MARKUP_RE = re.compile(r"[*_\[\]`<>#|\\!~&]|^\s*(?:[-+]|\d+[.)])\s|^ {4}|^=+$|^-+$", re.M)
"""Anything that could make Markdown more than paragraphs of plain text."""


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    prefix: str = ""
    """List marker (1. or •) for list items."""
    depth: int = 0
    """Nesting of list items (0 for ordinary paragraphs)."""


class _KeepTree(Treeprocessor):
    def run(self, root: Element) -> None:
        self.md.kept_tree = root


def _parser() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["tables", "def_list", "sane_lists"])
    md.treeprocessors.register(_KeepTree(md), "keep-tree", -100)
    return md


_MD = _parser()


@functools.lru_cache(maxsize=8192)
def paragraphs(text: str) -> tuple[Paragraph, ...]:
    """The blocks of one Markdown field, in order. Cached: the same reading is inlined in every
    course that assigns it, and under ``mkdocs serve`` most texts are unchanged between saves."""
    return tuple(_paragraphs(text))


def _paragraphs(text: str) -> list[Paragraph]:
    text = join_cjk_lines(text)
    if not MARKUP_RE.search(text):
        return [Paragraph((Run(" ".join(line.strip() for line in block.split("\n"))),))
                for block in re.split(r"\n\s*\n", text.strip()) if block.strip()]
    _MD.reset()
    _MD.convert(text)
    stash = _MD.htmlStash.rawHtmlBlocks

    def restore(value: str) -> str:
        value = value.replace("\n", " ")
        return PLACEHOLDER_RE.sub(lambda m: html.unescape(str(stash[int(m.group(1))]))
                                  if int(m.group(1)) < len(stash) else "", value)

    out: list[Paragraph] = []
    _blocks(_MD.kept_tree, out, restore, 0)
    return out


def _runs(element: Element, restore, bold: bool = False, italic: bool = False) -> list[Run]:
    runs: list[Run] = []
    if element.text:
        runs.append(Run(restore(element.text), bold, italic))
    for child in element:
        if child.tag == "br":
            runs.append(Run("\n", bold, italic))
        elif child.tag not in ("ul", "ol"):
            runs.extend(_runs(child, restore, bold or child.tag in ("strong", "b"), italic or child.tag in ("em", "i")))
        if child.tail:
            runs.append(Run(restore(child.tail), bold, italic))
    return [r for r in runs if r.text]


def _blocks(root: Element, out: list[Paragraph], restore, depth: int) -> None:
    for element in root:
        if element.tag in ("ul", "ol"):
            for number, item in enumerate(element.findall("li"), 1):
                prefix = f"{number}." if element.tag == "ol" else "•"
                inner = [c for c in item if c.tag == "p"]
                if inner:
                    for i, p in enumerate(inner):
                        out.append(Paragraph(tuple(_runs(p, restore)), prefix if i == 0 else "", depth + 1))
                else:
                    out.append(Paragraph(tuple(_runs(item, restore)), prefix, depth + 1))
                for nested in (c for c in item if c.tag in ("ul", "ol")):
                    wrapper = Element("div")
                    wrapper.append(nested)
                    _blocks(wrapper, out, restore, depth + 1)
        elif element.tag in ("blockquote", "div", "dl"):
            _blocks(element, out, restore, depth)
        elif element.tag == "table":
            for row in element.iter("tr"):
                cells = ["".join(r.text for r in _runs(cell, restore)) for cell in row]
                out.append(Paragraph((Run(" | ".join(cells)),), "", depth))
        elif element.tag == "hr":
            continue
        else:
            runs = _runs(element, restore, bold=element.tag in ("h1", "h2", "h3", "h4", "h5", "h6", "dt"))
            if runs:
                out.append(Paragraph(tuple(runs), "", depth))

