"""Figures as a Chinese reader writes them: the qualifier where it belongs, the time frame kept.

200余名, 近80%, 超40亿元, 30人以上, 2—3家: the qualifier of :mod:`generator.schema.case` goes
before the number, between number and unit, or after the unit, and is never dropped.
"""

from __future__ import annotations

from decimal import Decimal

from ..core.schema.case import QUALIFIER_AFTER_UNIT, QUALIFIER_BEFORE, Metric

RANGE_DASH = "—"


def number(value: Decimal) -> str:
    """The number as written in the source: no exponent, no trailing zeros after the point."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def amount(value: Decimal, unit: str, qualifier: str | None = None, value_to: Decimal | None = None) -> str:
    """``value`` with its qualifier and unit in reading order (近80%, 200余名, 30人以上)."""
    figure = number(value) if value_to is None else f"{number(value)}{RANGE_DASH}{number(value_to)}"
    unit = unit.strip()
    if not qualifier:
        return f"{figure}{unit}"
    if qualifier in QUALIFIER_BEFORE:
        return f"{qualifier}{figure}{unit}"
    if qualifier in QUALIFIER_AFTER_UNIT:
        return f"{figure}{unit}{qualifier}"
    return f"{figure}{qualifier}{unit}"


def metric_value(metric: Metric) -> str:
    return amount(metric.value, metric.unit, metric.qualifier, metric.value_to)


def when(year: int | None, period: str | None) -> str:
    """The figure's time frame: 2023年, 累计, or 2024年以来 (a period naming its year stands alone)."""
    parts = []
    if year is not None and not (period and str(year) in period):
        parts.append(f"{year}年")
    if period:
        parts.append(period)
    return "，".join(parts)
