"""Figures as a Chinese reader writes them: the qualifier where it belongs, the time frame kept.

200余名, 近80%, 超40亿元, 30人以上, 2—3家: the qualifier of :mod:`generator.core.schema.case` goes
before the number, between number and unit, or after the unit, and is never dropped.

A figure reads as a statement: how often (每半年1次), and when — its year, a run (2018年以来、
连续5年), or the source's own words. Relative words (今年以来、目前) are dated by the date of the
source that states the figure (2023年以来、截至2023年10月7日); 年份不详 only when neither the figure
nor its source says.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..core.schema.case import QUALIFIER_AFTER_UNIT, QUALIFIER_BEFORE, Metric
from ..core.schema.fields import NOT_GIVEN

RANGE_DASH = "—"
UNKNOWN_YEAR = "年份不详"

RELATIVE_YEAR = {"今年以来": "{year}年以来", "今年": "{year}年", "年内": "{year}年内", "年内累计": "{year}年内累计",
                 "今年累计": "{year}年累计"}
"""Time words that name the year of the report, resolved to it."""

AS_OF = {"目前", "现有", "当前", "截至目前"}
"""Time words that mean "when the source was written"."""

FREQUENCY_RE = re.compile(r"^每")
"""每半年、每季度、每两个月: how often, not when."""


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


def when(year: int | str | None, period: str | None) -> str:
    """A case's time frame: 2023年, 累计, or 2024年以来 (a period naming its year stands alone)."""
    parts = []
    if year == NOT_GIVEN:
        parts.append(UNKNOWN_YEAR)
    elif year is not None and not (period and str(year) in period):
        parts.append(f"{year}年")
    if period:
        parts.append(period)
    return "，".join(parts)


def date_text(date: str | None) -> str:
    """A source's partial date in Chinese: 2023年, 2023年10月, 2023年10月7日."""
    if not date or date == NOT_GIVEN:
        return ""
    parts = date.split("-")
    out = f"{parts[0]}年"
    if len(parts) > 1:
        out += f"{int(parts[1])}月"
    if len(parts) > 2:
        out += f"{int(parts[2])}日"
    return out


def frequency(metric: Metric) -> str:
    """How often the counted thing happens (每半年), when the figure is a frequency."""
    period = (metric.period or "").strip()
    return period if FREQUENCY_RE.match(period) else ""


def time_frame(metric: Metric, source_date: str | None = None) -> str:
    """When the figure holds: its year, its run, or its own time words dated by the source.

    ``source_date`` is the date of the source that states the figure (``2023-10-07``), if known.
    """
    period = "" if frequency(metric) else (metric.period or "").strip()
    named_year = bool(re.search(r"(?:19|20)[0-9]{2}年", period))
    if metric.since is not None:
        frame = f"{metric.since}年以来"
        if metric.over_years:
            frame += f"连续{metric.over_years}年"
        extra = "" if ("以来" in period or named_year) else period
        return "，".join(p for p in (frame, extra) if p)
    if metric.over_years:
        return "，".join(p for p in (f"连续{metric.over_years}年", period) if p)
    if metric.year == NOT_GIVEN:
        return "，".join(p for p in (period, UNKNOWN_YEAR) if p)
    if metric.year is not None:
        return when(metric.year, period or None)
    if named_year:
        return period
    report_date = date_text(source_date)
    report_year = source_date[:4] if report_date and source_date else ""
    if period in RELATIVE_YEAR:
        return RELATIVE_YEAR[period].format(year=report_year) if report_year else f"{period}（{UNKNOWN_YEAR}）"
    if not period or period in AS_OF:
        return f"截至{report_date}" if report_date else UNKNOWN_YEAR
    return f"{period}（截至{report_date}）" if report_date else f"{period}（{UNKNOWN_YEAR}）"


def known_part(frame: str) -> str:
    """A time frame without 年份不详, for a figure quoted inline (the data table says it)."""
    return frame.replace(f"（{UNKNOWN_YEAR}）", "").replace(UNKNOWN_YEAR, "").strip("，")


def statement(metric: Metric) -> str:
    """The figure with how often it happens: 每半年1次, 200余名."""
    return f"{frequency(metric)}{metric_value(metric)}"
