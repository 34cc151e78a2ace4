"""Benchmark of the national analysis PDF on the agency's 2024 figures (issue 11:
the combined document, ЦПО and ЦИПО, in under 10 s on this machine, fonts and charts
included).

It writes the data set of bench/agency_2024.py (the reference's 2020–2024 figures),
imports it with `import_centers` and `import_reports` as an operator would, then
times `generate_analysis 2024 --kind ALL` (or `--kind CPO` and `--kind CIPO` where the
combined document does not exist) as the command runs it: the first build in the
process (fonts loaded, charts drawn) and the best of the next ones.

Run against a throwaway PostgreSQL:  make bench-analysis
(or: scripts/with-test-services.sh .venv/bin/python bench/analysis_pdf.py [KEEP_DIR];
with KEEP_DIR, the last PDF of each kind is kept there to look at).
It prints figures; it asserts nothing.
"""

import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

# The project, not bench/, first on the path; bench/ after it for agency_2024.
HERE = Path(__file__).resolve().parent
sys.path[0] = str(HERE.parent)
sys.path.append(str(HERE))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "navet_portal.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

import agency_2024  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from pypdf import PdfReader  # noqa: E402

YEAR = 2024
RUNS = 3


def kinds_to_time():
    """["ALL"] once the combined document exists, else the two kinds."""
    try:
        from reports.models import AnalysisKind
    except ImportError:
        return ["CPO", "CIPO"]
    return ["ALL"] if "ALL" in AnalysisKind.values else ["CPO", "CIPO"]


def timed(label, function):
    """Wall time (what a user waits) and this process's CPU time (less dependent on
    what else the shared machine runs; the database's own work is not in it)."""
    start, cpu = time.perf_counter(), time.process_time()
    result = function()
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"  {label:<34} {elapsed:7.2f} s wall {cpu:7.2f} s CPU")
    return elapsed, result


def load():
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main(argv):
    from bench.machine import describe

    keep = Path(argv[1]).resolve() if len(argv) > 1 else None
    if connection.vendor != "postgresql":
        print("warning: not PostgreSQL; run `make bench-analysis` for the figures that count")
    call_command("migrate", verbosity=0)
    with tempfile.TemporaryDirectory(prefix="agency-2024-") as tmp:
        directory = Path(tmp)
        print(
            f"database: {connection.vendor}; data set: bench/agency_2024.py (seed {agency_2024.SEED})"
        )
        print(f"load average (1, 5, 15 min) on {os.cpu_count()} cores: {load()}")
        print(f"machine: {describe()}")
        _, (centres, reports) = timed(
            "data set written", lambda: agency_2024.write_data_set(directory / "data")
        )
        count = sum(1 for _ in reports.open(encoding="utf-8"))
        out = io.StringIO()
        timed(
            "import_centers",
            lambda: call_command("import_centers", str(centres), stdout=out, stderr=out),
        )
        elapsed, _ = timed(
            f"import_reports ({count} reports)",
            lambda: call_command("import_reports", str(reports), stdout=out, stderr=out),
        )
        print(f"  {'':<34} {count / elapsed:7.0f} reports/s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

        for kind in kinds_to_time():
            print(f"\ngenerate_analysis {YEAR} --kind {kind}")
            times = []
            for run in range(RUNS):
                target = directory / f"analysis-{kind}-{run}.pdf"
                label = "first build (cold)" if run == 0 else f"build {run + 1}"
                elapsed, _ = timed(
                    label,
                    lambda target=target, kind=kind: call_command(
                        "generate_analysis",
                        str(YEAR),
                        "--kind",
                        kind,
                        "--output",
                        str(target),
                        stdout=io.StringIO(),
                    ),
                )
                times.append(elapsed)
            pdf = PdfReader(str(target))
            size = target.stat().st_size // 1024
            print(
                f"  → first {times[0]:.2f} s, best of the next {min(times[1:]):.2f} s "
                f"(target < 10 s); {len(pdf.pages)} pages, {size} KiB"
            )
            print(f"  load average now: {load()}")
            if keep:
                keep.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(target, keep / f"analysis-{YEAR}-{kind}.pdf")
                print(f"  kept: {keep / f'analysis-{YEAR}-{kind}.pdf'}")


if __name__ == "__main__":
    main(sys.argv)
