"""Benchmark of the bulk imports (issue 15: ≥ 500 reports/s for 2 000 ЦПО × 7 years
= 14 000 reports on PostgreSQL; the centres register at 10 000 centres).

It writes a centres CSV and a reports JSON Lines file as the agency's migration
scripts would (CONTRACT.md §3, §4), then times `import_centers` and `import_reports`
as the commands run them: the first import (everything created), the same file
again (nothing changes) and a corrected file (one line in ten changed).

Run against a throwaway PostgreSQL:  make bench-import
(or: scripts/with-test-services.sh .venv/bin/python bench/bulk_import.py)
Options: --centres N (10 000), --report-centres N (2 000), --years N (7).
It prints figures; it asserts nothing.
"""

import argparse
import io
import json
import os
import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

# The project, not bench/, first on the path.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "navet_portal.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

FIRST_YEAR = 2018  # the bundled ЦПО framework, CPO-2018
PREFIX = "2010"  # licence numbers 2010000000…: 10 digits, the year first
NARRATIVE_PARTS = ("goal", "environment", "results", "analysis", "achievements")


def centres_csv(count, rng):
    from centers.eik import eik_check_digit_9
    from centers.importing import COLUMNS
    from centers.regions import REGIONS

    regions = list(REGIONS)
    out = io.StringIO()
    out.write(",".join(COLUMNS) + "\n")
    for i in range(count):
        first_eight = f"{rng.randint(10_000_000, 99_999_999)}"
        status = "active" if i % 50 else "suspended"
        row = {
            "license_number": f"{PREFIX}{i:06d}",
            "kind": "CPO",
            "name": f"ЦПО „Център {i}“ ООД",
            "eik": first_eight + str(eik_check_digit_9(first_eight)),
            "region": regions[i % len(regions)],
            "municipality": "Община",
            "address": f"ул. „Първа“ {i}",
            "license_date": "2005-03-01",
            "status": status,
            "status_since": "" if status == "active" else "2020-05-04",
            "website": "",
            "email": f"centre{i}@example.org",
            "phone": "",
        }
        out.write(",".join(row[c] for c in COLUMNS) + "\n")
    return out.getvalue()


def reports_jsonl(centres, years, rng, changed_every=0):
    """One line a report; with `changed_every`, every n-th line scores differently."""
    from selfassessment.models import Framework

    spec = Framework.objects.get(code="CPO-2018").spec
    lines = []
    n = 0
    for year in years:
        deadline = datetime.fromisoformat(f"{year + 1}-01-20T10:00:00+02:00")
        for i in range(centres):
            scores = {c.code: rng.choice(c.levels).raw for c in spec.criteria}
            n += 1
            if changed_every and n % changed_every == 0:
                first = spec.criteria[0]
                scores[first.code] = first.levels[0].raw
                scores[spec.criteria[1].code] = spec.criteria[1].levels[-1].raw
            lines.append(
                json.dumps(
                    {
                        "license_number": f"{PREFIX}{i:06d}",
                        "year": year,
                        "framework": "CPO-2018",
                        "status": "accepted",
                        "submitted_at": (deadline + timedelta(minutes=i)).isoformat(),
                        "scores": scores,
                        "validation": {"procedures": i % 3, "persons": (i % 3) * 7},
                        "narrative": {
                            part: f"Текст за {part}, {year}, център {i}."
                            for part in NARRATIVE_PARTS
                        },
                    },
                    ensure_ascii=False,
                )
            )
    return "\n".join(lines) + "\n"


def timed_import(command, path):
    """(wall seconds, CPU seconds of this process, the command's summary). On a shared
    machine the wall time also holds the waits for a processor: the CPU time says
    what the import itself costs (the database's work is in its own process)."""
    out, err = io.StringIO(), io.StringIO()
    start, cpu = time.perf_counter(), time.process_time()
    call_command(command, str(path), stdout=out, stderr=err, verbosity=0)
    return time.perf_counter() - start, time.process_time() - cpu, out.getvalue().strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--centres", type=int, default=10_000)
    parser.add_argument("--report-centres", type=int, default=2_000)
    parser.add_argument("--years", type=int, default=7)
    args = parser.parse_args()
    if args.report_centres > args.centres:
        parser.error("--report-centres cannot exceed --centres")

    from centers.models import Center
    from selfassessment.models import Report, SubmissionScore

    if connection.vendor != "postgresql":
        print("warning: not PostgreSQL; run `make bench-import` for the figures that count")
    call_command("migrate", verbosity=0)
    if Center.objects.filter(license_number__startswith=PREFIX).exists():
        sys.exit("the database already holds the benchmark's centres: use a fresh one")
    rng = random.Random(15)
    years = range(FIRST_YEAR, FIRST_YEAR + args.years)
    from bench.machine import describe

    print(f"database: {connection.vendor}, {date.today().isoformat()}, {describe()}")

    with tempfile.TemporaryDirectory() as folder:
        centres_path = Path(folder) / "centres.csv"
        centres_path.write_text(centres_csv(args.centres, rng), encoding="utf-8")
        print(f"\nimport_centers, {args.centres} centres")
        for label in ("first import", "same file again"):
            seconds, cpu, summary = timed_import("import_centers", centres_path)
            print(
                f"  {label:<16} {seconds:7.2f} s {args.centres / seconds:7.0f} centres/s"
                f"  (CPU {cpu:6.2f} s)  {summary}"
            )

        reports = args.report_centres * len(years)
        reports_path = Path(folder) / "reports.jsonl"
        reports_path.write_text(
            reports_jsonl(args.report_centres, years, random.Random(16)), encoding="utf-8"
        )
        corrected_path = Path(folder) / "corrected.jsonl"
        corrected_path.write_text(
            reports_jsonl(args.report_centres, years, random.Random(16), changed_every=10),
            encoding="utf-8",
        )
        size = reports_path.stat().st_size / 2**20
        print(
            f"\nimport_reports, {args.report_centres} ЦПО × {len(years)} years = {reports} reports"
            f" ({size:.1f} MiB)"
        )
        for label, path in (
            ("first import", reports_path),
            ("same file again", reports_path),
            ("corrected file", corrected_path),
        ):
            seconds, cpu, summary = timed_import("import_reports", path)
            print(
                f"  {label:<16} {seconds:7.2f} s {reports / seconds:7.0f} reports/s"
                f"  (CPU {cpu:6.2f} s)  {summary}"
            )
    print(
        f"\nstored: {Report.objects.count()} reports, {SubmissionScore.objects.count()} score rows"
    )


if __name__ == "__main__":
    main()
