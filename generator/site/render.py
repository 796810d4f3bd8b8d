"""Render page plans to Markdown with Jinja templates; data text is escaped on the way in.

Escaping is the default, not a habit: every ``{{ value }}`` of a plain string passes through
:func:`escape_text` (HTML specials become entities, Markdown specials are backslash-escaped, line
breaks become ``<br>``), so plain-text fields from the data can neither inject HTML nor change the
page's structure. What may go in unescaped is marked :class:`~markupsafe.Markup` by a filter:

* ``md`` / ``md_indent``: Markdown fields, already sanitised by the schema (no HTML, no script
  links); images are turned into plain links so that no data can make the browser fetch anything,
  and ``{`` is escaped so that attr_list cannot set attributes from data (:mod:`sanitize` strips
  what might still get through from the HTML of every page);
* ``prose``: plain-text prose, escaped, without the spaces YAML folding leaves between words;
* in both, the id of a source cited in running text (见来源 src-…) becomes its linked title:
  readers never see ids;
* ``link`` / ``href`` / ``anchor``: links and ids the generator builds itself;
* ``front_title``: the page title for the front matter, HTML-escaped because MkDocs and Material
  print page titles into the HTML as they are.

Never join data with ``~`` in a template: the join escapes HTML but not Markdown. The ``join``
filter is replaced by one that escapes each item. Jinja comments are ``{%# … #%}`` because
``{#id}`` is attr_list's heading-anchor syntax.
"""

from __future__ import annotations

import html
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Mapping

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from .records import PagePlan
from .resolver import Link

TEMPLATES = Path(__file__).parent / "templates"

MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
"""ASCII punctuation Python-Markdown (with tables, attr_list, footnotes, abbr) may interpret."""

LINE_START = {"?": "&#63;", ":": "&#58;", "=": "&#61;"}
"""Block markers that cannot be backslash-escaped (details ``???``, definitions ``:``, setext ``=``)."""

ANCHOR_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_\-]*$")
IMAGE_RE = re.compile(r"!(?=\[)")

CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2018-\u201d\u2014\u2026\u00b7"
CJK_BREAK = re.compile(f"(?<=[{CJK}])\n(?=[{CJK}])")
"""A line break between two Chinese characters: browsers would show it as a space."""
CJK_SPACE = re.compile(f"(?<=[{CJK}]) +(?=[{CJK}])")
"""Spaces between Chinese characters: what YAML's folded scalars (``>``) leave of a wrapped line."""


def escape_text(text: str) -> str:
    """Plain data text as inline Markdown that renders exactly as written, on one line.

    Line breaks become ``<br>``, except inside a Chinese sentence wrapped across lines.
    """
    lines = [line.strip() for line in str(text).strip().replace("\r\n", "\n").replace("\t", " ").split("\n")]
    out = []
    for line in lines:
        line = html.escape(line, quote=False)
        line = MARKDOWN_SPECIALS.sub(r"\\\1", line)
        out.append(line)
    joined = out[0] if out else ""
    for before, line in zip(lines, out[1:], strict=False):  # out has one line fewer: each follows its line
        wrapped = CJK_BREAK.search(before[-1:] + "\n" + line[:1])  # a sentence wrapped in YAML
        joined += ("" if wrapped else "<br>") + line
    if joined[:1] in LINE_START:
        joined = LINE_START[joined[0]] + joined[1:]
    return joined


def join_cjk_lines(text: str) -> str:
    """Join lines wrapped inside Chinese sentences; block structure, headings and code are kept.

    A line starting with a Chinese character cannot open a Markdown block (every block marker is
    ASCII), so joining it to a previous line ending in one changes nothing but the stray space.
    """
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        previous = out[-1] if out else ""
        if (not fenced and out and CJK_BREAK.search(previous[-1:] + "\n" + line.lstrip()[:1])
                and not previous.lstrip().startswith("#")):
            out[-1] = previous + line.lstrip()  # also an indented continuation of a list item
        else:
            out.append(line)
    return "\n".join(out)


def unfold(text: str) -> str:
    """Prose written by the library's editors, without the spaces folding left inside sentences."""
    return CJK_SPACE.sub("", str(text))


CODE_SPAN_RE = re.compile(r"(`+)(?:.+?)\1")


def no_attribute_lists(text: str) -> str:
    """Escape ``{`` outside code, so that attr_list cannot set attributes (``{: onclick=…}``)."""
    out, fenced = [], False
    for line in text.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced:
            parts, last = [], 0
            for code in CODE_SPAN_RE.finditer(line):
                parts += [line[last:code.start()].replace("{", "\\{"), code.group(0)]
                last = code.end()
            line = "".join(parts) + line[last:].replace("{", "\\{")
        out.append(line)
    return "\n".join(out)


ID_TOKEN_RE = re.compile(r"(?<![A-Za-z0-9_\-])[a-z0-9]+(?:-[a-z0-9]+)+(?![A-Za-z0-9_\-])")
"""A record id written in running text (见来源 src-changqing-ningjuli)."""


def cited(context: Context, text: str, escape: Any) -> str:
    """``text`` with ``escape`` applied, and every id of a citable record (a source) in it shown as
    that record's title, linked: readers never see ids."""
    citable: Mapping[str, Link] = context.get("citable") or {}
    out, last = [], 0
    for match in ID_TOKEN_RE.finditer(text):
        target = citable.get(match.group(0))
        if target is not None:  # 《title》 needs none of the spaces an id needed (见来源 src-x）
            out += [escape(text[last:match.start()].rstrip(" ")), f"《{link(context, target)}》"]
            last = match.end() + len(text[match.end():]) - len(text[match.end():].lstrip(" "))
    return "".join(out) + escape(text[last:]) if out else escape(text)


def markdown_field(text: str) -> Markup:
    """A Markdown field as Markdown: images become links (nothing from data is fetched) and
    attribute lists are escaped (nothing from data sets an attribute)."""
    return Markup(no_attribute_lists(unfold(join_cjk_lines(IMAGE_RE.sub("", str(text).strip())))))


def prose(text: str) -> Markup:
    """A plain-text field of the library's own prose: escaped, and unfolded like Markdown fields.
    Titles and verbatim quotes are printed as written (plain ``{{ }}``), spaces and all."""
    return Markup(escape_text(unfold(text)))


@pass_context
def cited_markdown(context: Context, text: str) -> Markup:
    """The ``md`` filter: :func:`markdown_field`, with cited ids shown as linked titles."""
    return Markup(cited(context, markdown_field(text), str))


@pass_context
def cited_prose(context: Context, text: str) -> Markup:
    """The ``prose`` filter: :func:`prose`, with cited ids shown as linked titles."""
    return Markup(cited(context, unfold(text), escape_text))


@pass_context
def markdown_indented(context: Context, text: str, width: int = 4) -> Markup:
    """A Markdown field inside a list item: continuation lines indented under the item."""
    return Markup(cited_markdown(context, text).replace("\n", "\n" + " " * width))


def front_title(text: str) -> Markup:
    """A YAML double-quoted scalar holding the HTML-escaped title."""
    return Markup(json.dumps(html.escape(str(text)), ensure_ascii=False))


def anchor(value: str) -> Markup:
    if not ANCHOR_RE.match(str(value)):
        raise ValueError(f"not a safe anchor: {value!r}")
    return Markup(value)


def relative(current: str, target: str, fragment: str = "") -> str:
    """Path from page ``current`` to page ``target`` (both docs-relative .md paths)."""
    if not target or target == current:
        path = ""
    else:  # posixpath.relpath, without its calls to os.getcwd (thousands of links per build)
        here, there = current.split("/")[:-1], target.split("/")
        common = 0
        while common < min(len(here), len(there) - 1) and here[common] == there[common]:
            common += 1
        path = "/".join([".."] * (len(here) - common) + there[common:])
    return path + (f"#{anchor(fragment)}" if fragment else "")


@pass_context
def href(context: Context, target: Link | str, fragment: str = "") -> Markup:
    page: PagePlan = context["page"]
    if isinstance(target, Link):
        return Markup(relative(page.src_uri, target.src_uri, target.anchor))
    return Markup(relative(page.src_uri, target, fragment))


@pass_context
def link(context: Context, target: Link, text: str | None = None) -> Markup:
    """``[title](relative/path.md#anchor)`` with the title escaped; just the title on the page it
    would link to (a page never links to itself)."""
    label = escape_text(target.title if text is None else text)
    if target.src_uri == context["page"].src_uri and not target.anchor:
        return Markup(label)
    return Markup(f"[{label}]({href(context, target)})")


def attr(value: Any) -> Markup:
    """A value for an HTML attribute that the generator writes (``data-label="…"``)."""
    return Markup(html.escape(str(value), quote=True))


def join(items: Any, separator: str = "") -> Markup:
    """Jinja's ``join`` with Markdown escaping of every item that is not already Markup."""
    parts = [item if isinstance(item, Markup) else escape_text(str(item)) for item in items]
    return Markup(escape_text(separator).join(parts))


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if value is None or isinstance(value, bool):
        raise TypeError(f"template printed {value!r}: test for it with {{% if %}} instead")
    if isinstance(value, (int, Decimal)):
        return Markup(escape_text(str(value)))
    if isinstance(value, str):
        return Markup(escape_text(value))
    raise TypeError(f"template printed a {type(value).__name__}; print one of its fields")


def environment(bytecode_cache: BytecodeCache | None = None) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        bytecode_cache=bytecode_cache,
        undefined=StrictUndefined,
        autoescape=True,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        comment_start_string="{%#",
        comment_end_string="#%}",
    )
    env.filters.update(md=cited_markdown, md_indent=markdown_indented, front_title=front_title,
                       anchor=anchor, href=href, link=link, join=join, prose=cited_prose, attr=attr)
    return env


def render(plan: PagePlan, env: Environment | None = None) -> str:
    """The Markdown of one planned page."""
    env = env or environment()
    text = env.get_template(plan.template).render(plan.context, page=plan)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def render_all(plans: list[PagePlan], env: Environment | None = None,
               citable: Mapping[str, Link] | None = None) -> dict[str, str]:
    """The Markdown of every page; ``citable``: the records whose ids text may cite (sources)."""
    env = env or environment()
    env.globals["citable"] = dict(citable or {})
    return {plan.src_uri: render(plan, env) for plan in plans}
