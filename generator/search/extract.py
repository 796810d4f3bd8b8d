"""A page's HTML → the documents search indexes: title, text and headings, one per page, or one
per heading where the page asks for it (the glossary: one document per term)."""

from __future__ import annotations

import html as entities
import re
from dataclasses import dataclass, field

DROP = re.compile(r"<(script|style|svg)\b.*?</\1>|<a class=\"headerlink\"[^>]*>.*?</a>", re.S | re.I)
BLOCK = re.compile(r"</?(?:p|li|ul|ol|td|th|tr|table|thead|tbody|h[1-6]|div|br|dd|dt|dl|pre|blockquote|section"
                   r"|details|summary|figure|figcaption|hr)\b[^>]*>", re.I)
TAG = re.compile(r"<[^>]+>")
HEADING = re.compile(r"<h([1-6])\b[^>]*?\bid=\"([^\"]*)\"[^>]*>(.*?)</h\1>", re.S | re.I)
SPACE = re.compile(r"\s+")
ASIDE = re.compile(r"<div class=\"admonition\b.*?</div>|<details\b.*?</details>", re.S)
PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
LEAD_MIN = 15
"""Characters a paragraph needs to stand for its page in the result list."""


@dataclass
class SearchDoc:
    url: str
    title: str
    crumb: str
    text: str
    lead: str = ""
    """The page's first real paragraph (not a notice box, fact list or toolbar), for the results."""
    headings: list[tuple[str, str]] = field(default_factory=list)
    """(anchor, text) of the page's headings below the title: they weigh the words in them, and a
    result links to the one that names the query (民主评议 → 组织生活#民主评议党员)."""

    def summary(self, length: int = 80) -> str:
        """The opening words of the lead paragraph (or of the text), for the result list."""
        text = self.lead or self.text.strip()
        if not self.lead and text.startswith(self.title):
            text = text[len(self.title):]
        text = SPACE.sub(" ", text).strip()
        return text if len(text) <= length else text[:length] + "…"


def plain(fragment: str) -> str:
    """Visible text: inline tags vanish (so 党建<a>指导员</a> stays one word), blocks break lines."""
    fragment = DROP.sub("", fragment)
    fragment = BLOCK.sub("\n", fragment)
    return entities.unescape(TAG.sub("", fragment))


def lead(fragment: str) -> str:
    for match in PARAGRAPH.finditer(ASIDE.sub("", fragment)):
        text = SPACE.sub(" ", plain(match.group(1))).strip()
        if len(text) >= LEAD_MIN:
            return text
    return ""


def documents(url: str, title: str, crumb: str, page_html: str, split: int | None = None) -> list[SearchDoc]:
    """The page as one document, or, with ``split`` = n, one more document per <hn> section."""
    headings = [(m.start(), m.end(), int(m.group(1)), m.group(2), plain(m.group(3)).strip())
                for m in HEADING.finditer(page_html)]
    cuts = [h for h in headings if h[2] == split]
    first = cuts[0][0] if cuts else len(page_html)
    docs = [SearchDoc(url, title, crumb, plain(page_html[:first]), lead(page_html[:first]),
                      [(anchor, text) for start, _, level, anchor, text in headings if level > 1 and start < first])]
    section_crumb = f"{crumb} › {title}" if crumb else title
    for i, (_, end, _, anchor, text) in enumerate(cuts):
        stop = cuts[i + 1][0] if i + 1 < len(cuts) else len(page_html)
        section = page_html[end:stop]
        docs.append(SearchDoc(f"{url}#{anchor}", text, section_crumb, plain(section), lead(section)))
    return docs
