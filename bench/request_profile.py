"""Where an autosave and a submission spend their time (issue 15, item 3): a centre
user with a session in the session store (as after the log-in form), saves its draft as the form's autosave
does (PATCH with `Prefer: return=minimal`) and then submits, through the whole
middleware stack (Django's test client, the production settings: DEBUG off).

Printed for each request: the SQL statements it ran (with their time), the median
wall and CPU time over RUNS requests, and the functions where the CPU time goes
(cProfile, cumulative, the portal's and the framework's).

Run against a throwaway PostgreSQL and Redis:  make bench-profile
It prints figures; it asserts nothing.
"""

import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "navet_portal.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("EMAIL_URL", "dummymail://")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

RUNS = int(os.environ.get("PROFILE_RUNS", "200"))
LINES = int(os.environ.get("PROFILE_LINES", "30"))  # of the cProfile listing
YEAR = 2025


def prepare(count):
    """`count` centres with last year's report and a draft, one staff user each."""
    from accounts.models import Role, User
    from demo.synthetic import synthetic_reports
    from selfassessment.transitions import report_create

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    centres = synthetic_reports(centers=count, years=[YEAR - 1], prefix="77")
    drafts = []
    for i, centre in enumerate(centres):
        user = User.objects.create_user(email=f"profile{i}@bench.bg", role=Role.CENTER_STAFF)
        user.centers.add(centre)
        drafts.append((user, report_create(center=centre, year=YEAR, user=user)))
    return drafts


def logged_in(user):
    """A session as the log-in form leaves it (without PBKDF2: not what is measured)."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get("/")  # a page first, as the form is opened first: the CSRF cookie is set
    return client


def _csrf(client):
    return client.cookies["csrftoken"].value


def autosave(client, report, version, step):
    spec = report.framework.spec
    criteria = spec.criteria[step % len(spec.criteria) :][:8] or spec.criteria[:8]
    section = spec.sections[step % len(spec.sections)].code
    body = {
        "version": version,
        "scores": {c.code: c.levels[step % len(c.levels)].raw for c in criteria},
        "narrative": {section: f"Редакция {step}. " + "Текст на доклада. " * 60},
    }
    response = client.patch(
        f"/api/v1/reports/{report.pk}/",
        body,
        content_type="application/json",
        headers={"X-CSRFToken": _csrf(client), "Prefer": "return=minimal"},
    )
    assert response.status_code == 200, response.content[:300]
    return response.json()["version"]


def complete(client, report, version):
    """Everything the submission checks, in one save (as the form's last autosave)."""
    from tests.factories import complete_content

    content = complete_content(report.framework.spec)
    response = client.patch(
        f"/api/v1/reports/{report.pk}/",
        {"version": version, **content},
        content_type="application/json",
        headers={"X-CSRFToken": _csrf(client), "Prefer": "return=minimal"},
    )
    assert response.status_code == 200, response.content[:300]
    return response.json()["version"]


def submit(client, report, version):
    response = client.post(
        f"/api/v1/reports/{report.pk}/submit/",
        {"version": version},
        content_type="application/json",
        headers={"X-CSRFToken": _csrf(client)},
    )
    assert response.status_code == 200, response.content[:300]


def measured(label, calls):
    """Median wall and CPU milliseconds of `calls` (a list of zero-argument callables)."""
    walls, cpus = [], []
    for call in calls:
        wall, cpu = time.perf_counter(), time.process_time()
        call()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    print(
        f"{label}: {len(calls)} requests, median {statistics.median(walls):.1f} ms wall, "
        f"{statistics.median(cpus):.1f} ms CPU (p95 wall "
        f"{statistics.quantiles(walls, n=20)[-1]:.1f} ms)"
    )


def queries_of(label, call):
    with CaptureQueriesContext(connection) as captured:
        call()
    print(f"\n{label}: {len(captured.captured_queries)} SQL statements")
    for query in captured.captured_queries:
        print(f"  {float(query['time']) * 1000:6.2f} ms  {query['sql'][:150]}")


def profile_of(label, call, lines=LINES):
    profiler = cProfile.Profile()
    profiler.enable()
    call()
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(lines)
    print(f"\n{label}: where the CPU goes (cProfile, cumulative)")
    print("\n".join(line for line in out.getvalue().splitlines() if line.strip()))


def main():
    setup_test_environment()  # the test client's own needs (outbox, template signals)
    drafts = prepare(RUNS + 2)
    user, report = drafts[0]
    client = logged_in(user)
    version = report.version

    state = {"version": version, "step": 0}

    def one_save():
        state["step"] += 1
        state["version"] = autosave(client, report, state["version"], state["step"])

    one_save()  # warm: URLconf, templates, framework spec
    queries_of("Autosave (PATCH, return=minimal)", one_save)
    measured("Autosave", [one_save] * RUNS)
    profile_of("Autosave", lambda: [one_save() for _ in range(20)])

    submitters = []
    for user, report in drafts[1 : RUNS + 1]:
        client = logged_in(user)
        submitters.append((client, report, complete(client, report, report.version)))
    first, *rest = submitters
    queries_of("Submission (POST submit)", lambda: submit(*first))
    if os.environ.get("PROFILE_ONLY") == "autosave":
        return
    measured("Submission", [lambda s=s: submit(*s) for s in rest[: RUNS // 2]])
    profile_of("Submission", lambda: [submit(*s) for s in rest[RUNS // 2 : RUNS // 2 + 20]])


if __name__ == "__main__":
    main()
