import pytest

from ..factories import FiledReportFactory


@pytest.fixture
def submitted(center, center_staff, year):
    return FiledReportFactory(center=center, staff=center_staff, year=year, pick=1)
