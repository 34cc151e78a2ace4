from decimal import Decimal

import pytest
from django.utils import translation

from core.formatting import bg_number
from core.templatetags.portal import points
from reports.charts import bar_chart


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("77.50"), "77,5"),
        (Decimal("20.00"), "20"),
        (Decimal("0"), "0"),
        (1.5, "1,5"),
        (None, ""),
    ],
)
def test_points_in_bulgarian(value, shown):
    with translation.override("bg"):
        assert points(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"), [(93.55, "93,55"), (1234.5, "1\u00a0234,5"), (100, "100"), (0.9, "0,9")]
)
def test_bg_number(value, shown):
    assert bg_number(value) == shown


def test_chart_is_svg_with_cyrillic_text():
    svg = bar_chart(["Отлично", "Добро"], [64, 645], title="Разпределение по нива")

    assert svg.startswith("<svg")
    assert "Разпределение по нива" in svg
    assert "Отлично" in svg
    assert "645" in svg
