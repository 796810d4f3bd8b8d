"""Rules as data, read the one way the site reads them: 党费 by the band an income falls in (the
band's rate on the whole income, exact to the fen), and the time spans of the 发展党员 steps."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.core.schema.dues import DuesTable, dues_for
from generator.core.schema.process import Period, parse_period

TABLE = DuesTable.model_validate({
    "base": "每月工资收入（税后）", "rule": "全部收入适用所在档比例。", "rounding": "四舍五入到分。", "source": "reg",
    "bands": [{"up_to": "3000", "rate": "0.5%"}, {"above": "3000", "up_to": "5000", "rate": "1%"},
              {"above": "5000", "up_to": "10000", "rate": "1.5"}, {"above": "10000", "rate": "2％"}],
    "cases": [{"id": "retired", "who": "离退休党员", "base": "离退休费", "source": "reg",
               "bands": [{"up_to": "5000", "rate": "0.5%"}, {"above": "5000", "rate": "1%"}]},
              {"id": "student", "who": "学生党员", "fixed": "0.2", "source": "reg"}],
})


@pytest.mark.parametrize("income, amount, exact, band", [
    ("0", "0.00", "0", 0),
    ("3000", "15.00", "15", 0),
    ("3000.01", "30.00", "30.0001", 1),
    ("5000", "50.00", "50", 1),
    ("5000.01", "75.00", "75.00015", 2),
    ("6000", "90.00", "90", 2),
    ("10000", "150.00", "150", 2),
    ("10001", "200.02", "200.02", 3),
    ("12345.67", "246.91", "246.9134", 3),
])
def test_the_band_rate_applies_to_the_whole_income(income, amount, exact, band):
    dues = dues_for(TABLE, Decimal(income))
    assert dues is not None
    assert (dues.amount, dues.exact, dues.band) == (Decimal(amount), Decimal(exact), band)
    assert str(dues.amount) == amount  # exact decimals: 200.02, never 200.01999…


def test_half_a_fen_rounds_up():
    assert dues_for(TABLE, Decimal("3001"), None).amount == Decimal("30.01")
    assert dues_for(TABLE, Decimal("3000.50"), None).exact == Decimal("30.0050")
    assert dues_for(TABLE, Decimal("3000.50"), None).amount == Decimal("30.01")  # 30.005 → 30.01


def test_special_cases_use_their_own_bands_or_a_fixed_amount():
    assert dues_for(TABLE, Decimal("5000"), "retired").amount == Decimal("25.00")
    assert dues_for(TABLE, Decimal("5000.01"), "retired").amount == Decimal("50.00")
    assert dues_for(TABLE, Decimal("99999"), "student").amount == Decimal("0.2")
    assert dues_for(TABLE, Decimal("100"), "nobody") is None


@pytest.mark.parametrize("text, months, days", [
    ("1年", 12, 0), ("半年", 6, 0), ("3个月", 3, 0), ("1个月", 1, 0), ("2 年", 24, 0), ("30天", 0, 30), ("15日", 0, 15),
])
def test_periods_are_calendar_months_and_days(text, months, days):
    assert parse_period(text) == Period(months, days, text.replace(" ", ""))


@pytest.mark.parametrize("text, hint", [("0年", "正数"), ("-1个月", "正数"), ("一年", "1年"), ("1周", "3个月"), ("半月", "半年"),
                                        ("3月", "写成 3个月")])
def test_a_period_that_is_not_a_positive_span_is_refused(text, hint):
    with pytest.raises(Exception) as raised:
        parse_period(text)
    assert raised.value.type == "E-INTERVAL"
    assert hint in raised.value.message() + str(raised.value.context)
