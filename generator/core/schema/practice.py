"""``practice``: a recurring 做法 that several places run in their own way (e.g. 红领党务认证)."""

from __future__ import annotations

from .fields import Line, ListOf, Markdown, PlainText, Record, Ref, Slug


class Dimension(Record):
    """A row of the side-by-side comparison table (levels, number certified, renewal rules …)."""

    key: Slug
    """Short key that variants use in ``values``."""

    label: Line
    """Row heading shown in the comparison table."""


class DimensionValue(Record):
    """One cell of the comparison: how a variant answers one dimension."""

    key: Slug
    """The dimension this value answers; must be one of the practice's ``dimensions``."""

    value: PlainText
    """The answer, in words (e.g. 特级/高级/中级/初级/助理 五档)."""


class Variant(Record):
    """How one place runs the practice."""

    region: Ref("region")
    """The place; variants are compared region by region."""

    case: Ref("case") | None = None
    """The case describing this variant, when there is one."""

    name: Line
    """The local name of the practice (红领党务认证, “红领党务”认证 …)."""

    description: Markdown
    """How this place runs it, in the library's own words."""

    values: ListOf(DimensionValue) = ()
    """This variant's answers to the comparison dimensions."""

    metrics: ListOf(Slug) = ()
    """Ids of figures in the linked case that measure this variant."""

    source: Ref("source")
    """Where this variant is described."""


class Practice(Record):
    id: Slug
    """Stable id; the page URL is practices/<id>.html."""

    name: Line
    """Generic name of the practice."""

    aliases: ListOf(Line) = ()
    """Other names it goes by, for search and the glossary."""

    summary: Markdown
    """What the practice is and why places adopt it."""

    dimensions: ListOf(Dimension) = ()
    """Rows of the side-by-side comparison of variants."""

    variants: ListOf(Variant, min_length=1)
    """Each place's way of running it."""

    aspects: ListOf(Ref("aspect")) = ()
    """Manual aspects the practice belongs to."""

    related: ListOf(Ref("practice")) = ()
    """Practices often run together with this one."""
