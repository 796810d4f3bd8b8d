"""Numbers as Chinese text writes them: 一 … 九十九 for headings, and the forms a source may use
for a figure (152, 1,000, 五, 二十, 2万), so that a quote can be checked for its number."""

from __future__ import annotations

from decimal import Decimal

CHINESE_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """0 → 零, 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (up to 99)."""
    if n < 10:
        return CHINESE_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CHINESE_DIGITS[tens]) + "十" + (CHINESE_DIGITS[ones] if ones else "")


def number_forms(value: Decimal) -> set[str]:
    """Ways a source may write ``value``: 152, 1,000, 五, 二十, 两, 百, 万 for 10000, 2万 for 20000."""
    whole = value == value.to_integral_value()
    text = format(value.normalize(), "f") if whole else format(value, "f")
    forms = {text, f"{int(value):,}" if whole else text}
    if whole:
        number = int(value)
        if 0 <= number < 100:
            forms.add(chinese_number(number))
            if number == 2:
                forms.add("两")
        if number == 100:
            forms.add("百")
        if number == 1000:
            forms.add("千")
        if number >= 10000 and number % 10000 == 0:
            forms.add(f"{number // 10000}万" if number > 10000 else "万")
    return forms
