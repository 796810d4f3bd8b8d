"""``practice``: a recurring 做法 that several places run in their own way (e.g. 红领党务认证)."""

from __future__ import annotations

from collections.abc import Sequence

from .fields import Line, ListOf, Markdown, PlainText, Record, Ref, Slug
from .kind import Held, KindSpec, LinkScope, Pages


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


def check_comparison(scope: LinkScope, owners: Sequence[Held]) -> None:
    """Dimension keys are unique and every variant's values name one; a variant's figures are
    metric ids of its own case."""
    for owner in owners:
        record = owner.record
        keys = scope.unique(owner, "dimensions", "key", record.dimensions, "比较维度")
        for v_index, variant in enumerate(record.variants):
            for d_index, value in enumerate(variant.values):
                if value.key not in keys:
                    scope.local_missing(owner, ("variants", v_index, "values", d_index, "key"), value.key, keys, "比较维度")
            if variant.metrics and variant.case is None:
                scope.problem(owner, ("variants", v_index, "metrics"), "E-LOCAL-REF",
                              "列出了指标编号，但没有写 case（指标属于哪个案例）。", "补上 case 字段。")
                continue
            case = scope.record(variant.case)
            if case is None or not hasattr(case, "metrics"):
                continue  # a missing or wrong case is reported as E-REF / E-REF-KIND
            known = {m.id for m in case.metrics if m.id}
            for m_index, metric_id in enumerate(variant.metrics):
                if metric_id not in known:
                    scope.local_missing(owner, ("variants", v_index, "metrics", m_index), metric_id, known, "指标")


KIND = KindSpec("practice", "practices", Practice, "做法", "name",
                Pages("做法比较", backlink_rank=5, folder="practices", template="practice.md.j2",
                      index="practices/index.md", index_title="做法比较"),
                checks=(check_comparison,), chinese_keys={
        "维度": "dimensions", "变体": "variants",
    })
