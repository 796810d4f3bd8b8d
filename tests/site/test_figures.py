"""Figures keep their qualifier in the place a Chinese reader expects it."""

from decimal import Decimal

import pytest

from generator.site.figures import amount, number, when


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
