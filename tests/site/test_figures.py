"""Figures keep their qualifier in the place a Chinese reader expects it."""

from decimal import Decimal

import pytest

from generator.core.schema.case import Metric
from generator.site.figures import amount, known_part, number, statement, time_frame, when


@pytest.mark.parametrize("value, unit, qualifier, value_to, expected", [
    ("200", "名", "余", None, "200余名"),
    ("80", "%", "近", None, "近80%"),
    ("40", "亿元", "超", None, "超40亿元"),
    ("30", "人", "以上", None, "30人以上"),
    ("10", "次", "多", None, "10多次"),
    ("1", "次", "至少", None, "至少1次"),
    ("2", "家", None, "3", "2—3家"),
    ("39.430", "万元", None, None, "39.43万元"),
    ("152", "人", None, None, "152人"),
])
def test_amount(value, unit, qualifier, value_to, expected):
    assert amount(Decimal(value), unit, qualifier, Decimal(value_to) if value_to else None) == expected


def test_number_never_uses_exponents():
    assert number(Decimal("1E+3")) == "1000"
    assert number(Decimal("2.50")) == "2.5"


@pytest.mark.parametrize("year, period, expected", [
    (2023, None, "2023年"), (None, "累计", "累计"), (2024, "2024年以来", "2024年以来"),
    (2023, "年内", "2023年，年内"), (None, None, ""),
])
def test_when(year, period, expected):
    assert when(year, period) == expected


def metric(**fields):
    base = {"label": "数", "value": "1", "unit": "次", "source": "src-x", "quote": "1次"}
    return Metric.model_validate({**base, **{k: str(v) for k, v in fields.items()}}, context={"build_year": 2025})


@pytest.mark.parametrize("fields, source_date, expected", [
    ({"year": 2023}, None, "2023年"),
    ({"year": "不详"}, "2023-10-07", "年份不详"),
    ({"since": 2018}, None, "2018年以来"),
    ({"since": 2018, "period": "自2018年以来"}, None, "2018年以来"),
    ({"since": 2018, "over_years": 5}, None, "2018年以来连续5年"),
    ({"over_years": 3, "period": "累计"}, None, "连续3年，累计"),
    ({"period": "今年以来"}, "2023-10-07", "2023年以来"),
    ({"period": "年内累计"}, "2024", "2024年内累计"),
    ({"period": "目前"}, "2023-10-07", "截至2023年10月7日"),
    ({"period": "累计"}, "2023-10", "累计（截至2023年10月）"),
    ({}, "2023-10-07", "截至2023年10月7日"),
    ({"period": "今年以来"}, None, "今年以来（年份不详）"),
    ({"period": "今年以来"}, "不详", "今年以来（年份不详）"),
    ({}, "不详", "年份不详"),
    ({}, None, "年份不详"),
    ({"period": "2024年以来"}, None, "2024年以来"),
    ({"period": "每半年"}, "2024", "截至2024年"),
])
def test_time_frame_resolves_relative_words_by_the_source_date(fields, source_date, expected):
    assert time_frame(metric(**fields), source_date) == expected


def test_a_frequency_reads_with_its_figure():
    assert statement(metric(period="每半年")) == "每半年1次"
    assert statement(metric(period="每季度", qualifier="至少")) == "每季度至少1次"
    assert statement(metric(period="累计")) == "1次"
    assert known_part("累计（年份不详）") == "累计" and known_part("年份不详") == ""
