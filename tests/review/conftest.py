import pytest

from selfassessment.services import report_create, report_submit

from ..selfassessment.conftest import complete_content


def file_report(center, staff, year, pick=-1, content=None):
    spec_content = content
    report = report_create(center=center, year=year, user=staff)
    from selfassessment.services import report_update

    report = report_update(
        report=report,
        user=staff,
        version=report.version,
        changes=spec_content or complete_content(report.framework.spec, pick=pick),
    )
    return report_submit(report=report, user=staff)


@pytest.fixture
def submitted(center, center_staff, year):
    return file_report(center, center_staff, year, pick=1)
