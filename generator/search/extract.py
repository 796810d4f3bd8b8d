"""A page's HTML → the documents search indexes: one per page, or one per heading where the page
asks for it (the glossary: one document per term).

A document keeps its title, its headings, and its text as *passages* (paragraphs, list items,
table rows), each with the heading it sits under, so that a result can show and open the
passage that matched. What is not the page's own content is left out: scripts, permalinks,
print toolbars, collapsed answers (``<details>``), and lists of links to other pages (另见,
引用本页的记录, 上一篇与下一篇), whose words belong to the pages they name.
"""

from __future__ import annotations

import html as entities
import re
from dataclasses import dataclass, field

DROP = re.compile(r"<(script|style|svg|details)\b.*?</\1>|<a class=\"headerlink\"[^>]*>.*?</a>"
                  r"|<p class=\"hl-toolbar\".*?</p>|<small class=\"hl-source\".*?</small>", re.S | re.I)
BLOCK = re.compile(r"(</?(?:p|li|ul|ol|tr|table|thead|tbody|h[1-6]|div|br|dd|dt|dl|pre|blockquote|section"
                   r"|summary|figure|figcaption|hr)\b[^>]*>)", re.I)
PARAGRAPH = re.compile(r"<p>", re.I)
ASIDE = re.compile(r"<div class=\"admonition\b.*?</div>", re.S)
LEAD_MIN = 30
"""Characters a paragraph needs to stand for its page in the result list."""
CELL = re.compile(r"</t[dh]>", re.I)
TAG = re.compile(r"<[^>]+>")
TITLE = re.compile(r"<h1\b.*?</h1>", re.S | re.I)
HEADING = re.compile(r"<h([1-6])\b[^>]*?\bid=\"([^\"]*)\"[^>]*>(.*?)</h\1>", re.S | re.I)
LINK = re.compile(r"<a\b(?![^>]*class=\"hl-term\")[^>]*>(.*?)</a>", re.S | re.I)
"""A link to another page; glossary marks (``hl-term``) are the page's own words."""
SPACE = re.compile(r"\s+")
LINKED_SHARE = 0.4
"""A block whose text is at least this share link text is a list of other pages, not content."""
LEADING_LINK = re.compile(r"\s*(?:<(?:strong|b|em)>\s*)?<a\b(?![^>]*class=\"hl-term\")", re.I)
"""A block that opens with a link to another page is an entry about that page (a list of the
aspects of a category with what each is about), not the page's own content."""


@dataclass
class SearchDoc:
    url: str
    title: str
    crumb: str = ""
    passages: list[tuple[int, str]] = field(default_factory=list)
    """(heading number, text) of each paragraph, list item or table row; -1 before the first heading."""
    headings: list[tuple[str, str]] = field(default_factory=list)
    """(anchor, text) of the page's headings below the title: they weigh the words in them, and a
    result opens the one its passage sits under (民主评议 → 组织生活#民主评议党员)."""
    lead: int = -1
    """The passage that stands for the page when no passage matches a query: its first real
    paragraph (not a notice box, a fact list or a toolbar)."""
    aliases: list[str] = field(default_factory=list)
    """Other names of the thing the page is about: a term's aliases, everyday words for an aspect."""
    label: str = ""
    """What kind of page it is, for the result list (手册方面, 案例, 术语 …)."""
    kind: str = ""
    """The record kind the page shows, if any (``term``, ``aspect`` …)."""
    boost: float = 1.0

    def add(self, heading: int, found: list[tuple[bool, str]]) -> None:
        """Passages found under heading number ``heading`` (-1: before the first heading)."""
        for paragraph, text in found:
            if self.lead < 0 and heading == -1 and paragraph and len(text) >= LEAD_MIN:
                self.lead = len(self.passages)
            self.passages.append((heading, text))



def clean(fragment: str) -> str:
    return SPACE.sub(" ", entities.unescape(TAG.sub("", fragment))).strip()


def plain(fragment: str) -> str:
    """Visible text: inline tags vanish (so 党建<a>指导员</a> stays one word), blocks break lines."""
    fragment = DROP.sub("", fragment)
    fragment = BLOCK.sub("\n", CELL.sub(" ", fragment))
    return entities.unescape(TAG.sub("", fragment))


def blocks(fragment: str) -> list[tuple[bool, str]]:
    """Each block of ``fragment`` that is the page's own content: (whether it is a paragraph of
    the page itself, its text)."""
    out = []
    marked = ASIDE.sub(lambda m: m.group(0).replace("<p>", "<p class>"), fragment)  # a notice's paragraphs are not the page's
    parts = BLOCK.split(CELL.sub(" ", DROP.sub("", marked)))
    for opened, part in zip([""] + parts[1::2], parts[0::2], strict=True):
        text = clean(part)
        if not text:
            continue
        linked = sum(len(clean(m.group(1))) for m in LINK.finditer(part))
        if linked < LINKED_SHARE * len(text) and not LEADING_LINK.match(part):
            out.append((bool(PARAGRAPH.fullmatch(opened)), text))
    return out


def documents(url: str, title: str, crumb: str, page_html: str, split: int | None = None) -> list[SearchDoc]:
    """The page as one document, or, with ``split`` = n, one more document per <hn> section."""
    found = [(m.start(), m.end(), int(m.group(1)), m.group(2), plain(m.group(3)).strip())
             for m in HEADING.finditer(page_html)]
    headings = [h for h in found if h[2] > 1]
    cuts = [h for h in headings if h[2] == split]
    first = cuts[0][0] if cuts else len(page_html)
    own = [h for h in headings if h[0] < first]
    doc = SearchDoc(url, title, crumb, headings=[(anchor, text) for _, _, _, anchor, text in own])
    bounds = [(-1, 0)] + [(n, h[1]) for n, h in enumerate(own)]
    for n, (number, start) in enumerate(bounds):
        stop = own[n][0] if n < len(own) else first
        doc.add(number, blocks(TITLE.sub("", page_html[start:stop])))
    docs = [doc]
    section_crumb = f"{crumb} › {title}" if crumb else title
    for i, (_, end, _, anchor, text) in enumerate(cuts):
        stop = cuts[i + 1][0] if i + 1 < len(cuts) else len(page_html)
        section = HEADING.sub("", page_html[end:stop])
        part = SearchDoc(f"{url}#{anchor}", text, section_crumb)
        part.add(-1, blocks(section))
        docs.append(part)
    return docs
