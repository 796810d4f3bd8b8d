"""The shared field kinds type every scalar themselves and explain their errors in Chinese."""

from decimal import Decimal

import pytest
from pydantic import ValidationError

from generator.core.schema.case import Metric

BASE = {"label": "认证人数", "value": "152", "unit": "人", "source": "changqing-report", "quote": "认证152人"}


def errors_of(**changes):
    with pytest.raises(ValidationError) as caught:
        Metric.model_validate({**BASE, **changes})
    return {(e["loc"], e["type"]): e for e in caught.value.errors()}


def test_valid_metric_keeps_qualifier_and_exact_value():
    metric = Metric.model_validate({**BASE, "value": "200", "qualifier": "余"})
    assert metric.value == Decimal("200") and metric.qualifier == "余"


@pytest.mark.parametrize("text, code", [("二〇二二", "E-YEAR"), ("3023", "E-YEAR"), ("23", "E-YEAR")])
def test_bad_years(text, code):
    assert (("year",), code) in errors_of(year=text)


def test_year_3023_suggests_2023():
    error = errors_of(year="3023")[(("year",), "E-YEAR")]
    assert "2023" in error["ctx"]["hint"]


def test_percentage_over_100_is_a_range_error():
    assert ((), "E-RANGE") in errors_of(unit="%", value="120")


def test_negative_count_is_a_range_error():
    assert (("value",), "E-RANGE") in errors_of(value="-3")
