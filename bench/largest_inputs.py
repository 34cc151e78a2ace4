"""How long the heaviest requests of a logged-in user take on the largest input the
portal accepts (issue 13: no request should cost more than a few seconds of a worker).

A ЦПО and a ЦИПО report at every limit (each narrative section at NARRATIVE_MAX
characters in NARRATIVE_MAX_LINES lines, every ЦИПО comment at COMMENT_MAX in
COMMENT_MAX_LINES lines) are filed; then it times the receipt job (a background
job, not a request) and the pages and API answers that show the whole report.

Run against a throwaway PostgreSQL:
  scripts/with-test-services.sh env SECRET_KEY=bench DEBUG=0 SECURE_SSL_REDIRECT=0 \
      .venv/bin/python bench/largest_inputs.py
It prints figures; it asserts nothing.
"""

import io
import os
import statistics as stats
import sys
import time
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "navet_portal.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from pypdf import PdfReader  # noqa: E402


def timed(function, runs=3):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return stats.median(times), max(times)


def longest_text(limit, lines):
    """`limit` characters in exactly `lines` lines of words (the worst legal shape)."""
    per_line = limit // lines - 1
    line = ("Текст " * (per_line // 6 + 1))[:per_line]
    return "\n".join([line] * lines)


def main():
    from datetime import date

    from accounts.models import Role, User
    from centers.models import Center, Kind, LicenseStatus, LicenseStatusChange
    from selfassessment.content import (
        COMMENT_MAX,
        COMMENT_MAX_LINES,
        NARRATIVE_MAX,
        NARRATIVE_MAX_LINES,
    )
    from selfassessment.deadlines import current_reporting_year
    from selfassessment.kinds import kind_of
    from selfassessment.receipts import receipt_pdf
    from selfassessment.selectors import framework_for
    from selfassessment.transitions import report_create, report_submit, report_update

    setup_test_environment()  # the test client's host, e-mail kept in memory
    if connection.vendor != "postgresql":
        print("warning: not PostgreSQL; run it with scripts/with-test-services.sh")
    call_command("migrate", verbosity=0)
    year = current_reporting_year(date.today())
    agency = User.objects.create_user(
        email="bench-expert@example.org", password="x", role=Role.EXPERT
    )
    narrative_text = longest_text(NARRATIVE_MAX, NARRATIVE_MAX_LINES)
    comment_text = longest_text(COMMENT_MAX, COMMENT_MAX_LINES)
    print(
        f"database: {connection.vendor}; narrative sections {len(narrative_text)} characters "
        f"in {narrative_text.count(chr(10)) + 1} lines, ЦИПО comments {len(comment_text)} "
        f"characters in {comment_text.count(chr(10)) + 1} lines"
    )
    for n, kind in enumerate((Kind.CPO, Kind.CIPO)):
        center = Center.objects.create(
            kind=kind,
            name=f"Бенчмарк {kind}",
            eik="000000000",
            license_number=f"BENCH-{kind}-{os.getpid()}",
            license_date=date(2015, 1, 1),
            region="BG-22",
            municipality="София",
        )
        LicenseStatusChange.objects.create(
            center=center, status=LicenseStatus.ACTIVE, since=date(2015, 1, 1)
        )
        staff = User.objects.create_user(
            email=f"bench-staff-{n}@example.org", password="x", role=Role.CENTER_STAFF
        )
        staff.centers.add(center)
        spec = framework_for(kind, year).spec
        content = {"narrative": dict.fromkeys(spec.section_codes, narrative_text)}
        if kind_of(spec).scored:
            content["scores"] = {c.code: c.levels[-1].raw for c in spec.criteria}
        else:
            content["answers"] = dict.fromkeys(spec.indicator_codes, True)
            content["comments"] = dict.fromkeys(spec.indicator_codes, comment_text)
        report = report_create(center=center, year=year, user=staff)
        report = report_update(report=report, user=staff, version=1, changes=content)
        report = report_submit(report=report, user=staff)
        submission = report.submissions.get(number=1)
        # The same content in a draft of the year before: the form the centre edits.
        draft = report_create(center=center, year=year - 1, user=staff)
        draft = report_update(report=draft, user=staff, version=1, changes=content)

        print(f"\n{kind}: {len(spec.sections)} sections at the limit")
        start = time.perf_counter()
        pdf = receipt_pdf(submission)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        print(
            f"  receipt job (background): {time.perf_counter() - start:6.2f} s, "
            f"{len(pdf) // 1024} KiB, {pages} pages"
        )
        staff_client, agency_client = Client(), Client()
        staff_client.force_login(staff)
        agency_client.force_login(agency)
        for label, client, path in (
            ("report form (centre, draft)", staff_client, f"/reports/{draft.pk}/"),
            ("report page (centre, read-only)", staff_client, f"/reports/{report.pk}/"),
            ("report page (agency)", agency_client, f"/reports/{report.pk}/"),
            ("review page (agency)", agency_client, f"/review/{report.pk}/"),
            ("API report detail", agency_client, f"/api/v1/reports/{report.pk}/"),
            *(
                [
                    (
                        "benchmark PDF (built per request)",
                        staff_client,
                        f"/statistics/benchmark/{center.license_number}/{year}/?format=pdf",
                    )
                ]
                if kind == Kind.CPO
                else []
            ),
        ):
            status = client.get(path).status_code
            median, worst = timed(lambda c=client, p=path: c.get(p))
            print(f"  {label:32} {status}  median {median:6.2f} s  worst {worst:6.2f} s")


if __name__ == "__main__":
    main()
