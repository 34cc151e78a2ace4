"""The deadline rush, measured (issue: at least 100 draft saves per second sustained
with p95 under 300 ms on a 2-core machine, zero errors, zero mismatches).

The portal runs as in production: gunicorn (4 workers, as docker-compose.yml) with
PostgreSQL, Redis and a Celery worker. 800 centre users log in over HTTP (Django's
full PBKDF2 cost, measured as its own phase), then, all at once, open their forms,
save drafts several times and submit (bench/locustfile.py), while 50 REST clients
poll the statistics and the register. The runner prints throughput and latencies,
then checks that every submitted report stored exactly what its client sent.

Run against a throwaway PostgreSQL and Redis:  make bench-rush
(RUSH_CENTRES, RUSH_CLIENTS, RUSH_SAVES, RUSH_SPAWN_RATE and RUSH_THINK change the shape). It prints figures;
its exit status is 1 on errors or mismatches.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from statistics import quantiles

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "navet_portal.settings")
SERVER_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "bench-only-secret-key",
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "0",
    "SECURE_COOKIES": "0",
    "EMAIL_URL": "dummymail://",
    # The bench's own clients are many users behind one address.
    "API_THROTTLE_ANON": "100000/minute",
}
os.environ.update(SERVER_ENV)

import django  # noqa: E402

django.setup()

import requests  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from bench.cpu import machine_seconds, pid_from_file, tree_seconds  # noqa: E402
from bench.machine import describe  # noqa: E402

CENTRES = int(os.environ.get("RUSH_CENTRES", "800"))
CLIENTS = int(os.environ.get("RUSH_CLIENTS", "50"))
SAVES = int(os.environ.get("RUSH_SAVES", "20"))
SPAWN_RATE = os.environ.get("RUSH_SPAWN_RATE", "10")  # centre users starting per second
YEAR = 2025  # filed in January 2026: the campaign the portal is built for
PASSWORD = "rush-bench-password-2026"
PREFIX = "55"


def prepare():
    """Centres with last year's accepted report and this year's empty draft; one
    staff user each; REST clients with tokens."""
    from rest_framework.authtoken.models import Token

    from accounts.models import Role, User
    from demo.synthetic import synthetic_reports
    from selfassessment.transitions import report_create

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # DEBUG off: the manifest
    centres = synthetic_reports(centers=CENTRES, years=[YEAR - 1], prefix=PREFIX)
    password = make_password(PASSWORD)  # one hash: hashing is the log-in phase's cost
    User.objects.bulk_create(
        User(email=f"centre{i}@rush.bench", role=Role.CENTER_STAFF, password=password)
        for i in range(CENTRES)
    )
    users = {u.email: u for u in User.objects.filter(email__endswith="@rush.bench")}
    through = User.centers.through
    through.objects.bulk_create(
        through(user_id=users[f"centre{i}@rush.bench"].pk, center_id=c.pk)
        for i, c in enumerate(centres)
    )
    plan = []
    for i, centre in enumerate(centres):
        user = users[f"centre{i}@rush.bench"]
        report = report_create(center=centre, year=YEAR, user=user)
        spec = report.framework.spec
        plan.append(
            {
                "email": user.email,
                "report": report.pk,
                "criteria": {c.code: [lv.raw for lv in c.levels] for c in spec.criteria},
                "sections": [s.code for s in spec.sections],
            }
        )
    clients = User.objects.bulk_create(
        User(email=f"client{i}@rush.bench", role=Role.EXPERT, password="!") for i in range(CLIENTS)
    )
    tokens = [Token.objects.create(user=u).key for u in clients]
    return plan, tokens


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(command, log):
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=dict(os.environ),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)


def wait_until_up(base):
    for _ in range(300):
        try:
            requests.get(base + "/api/v1/centers/", timeout=10)
            return
        except requests.RequestException:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


def log_in(base, entry):
    """A real log-in: the form's CSRF token, then the e-mail and password."""
    session = requests.Session()
    started = time.perf_counter()
    session.get(base + "/accounts/login/", timeout=60)
    response = session.post(
        base + "/accounts/login/",
        data={
            "username": entry["email"],
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        allow_redirects=False,
        timeout=60,
    )
    elapsed = (time.perf_counter() - started) * 1000
    ok = response.status_code == 302 and "sessionid" in session.cookies
    return elapsed, ok, {**entry, **session.cookies.get_dict()}


def row(name, times, errors, seconds):
    if len(times) >= 2:
        cuts = quantiles(times, n=100, method="inclusive")
        p50, p95, p99 = cuts[49], cuts[94], cuts[98]
    else:
        p50 = p95 = p99 = times[0] if times else 0
    rate = len(times) / seconds if seconds else 0
    return (
        f"{name:<20} {len(times):>7} {errors:>6} {rate:>8.1f}/s "
        f"{p50:>7.0f} {p95:>7.0f} {p99:>7.0f} ms"
    )


HEADER = f"{'request':<20} {'count':>7} {'errors':>6} {'throughput':>10} {'p50':>7} {'p95':>7} {'p99':>7}"


def report_requests(out):
    rows = [json.loads(line) for line in (out / "requests.jsonl").read_text().splitlines()]
    by_name, errors = {}, 0
    for name, ms, ok, finished in rows:
        by_name.setdefault(name, []).append((ms, ok, finished))
        errors += not ok
    print(HEADER)
    for name, items in sorted(by_name.items()):
        times = [ms for ms, _, _ in items]
        ends = [finished for _, _, finished in items]
        # Throughput over the time this kind of request was being made.
        span = max(ends) - min(ends) if len(ends) > 1 else 0
        print(row(name, times, sum(not ok for _, ok, _ in items), span))
    saves = sorted(finished for name, _, ok, finished in rows if name == "save draft" and ok)
    if saves:
        # Sustained: the middle 80 % of the saves, leaving out ramp-up and tail.
        a, b = saves[len(saves) // 10], saves[len(saves) * 9 // 10]
        sustained = (len(saves) * 8 // 10) / (b - a) if b > a else 0
        print(f"draft saves sustained (middle 80 %): {sustained:.1f}/s")
    return errors


def check_stored(out):
    """Each submitted report's latest snapshot holds exactly what its client sent."""
    from selfassessment.models import Report, ReportStatus

    sent = json.loads((out / "sent.json").read_text(encoding="utf-8"))
    reports = Report.objects.filter(pk__in=[s["report"] for s in sent]).prefetch_related(
        "submissions"
    )
    stored = {r.pk: r for r in reports}
    mismatches = 0
    for item in sent:
        report = stored.get(item["report"])
        latest = max(report.submissions.all(), key=lambda s: s.number) if report else None
        if (
            latest is None
            or report.status != ReportStatus.SUBMITTED
            or latest.content.get("scores") != item["scores"]
            or latest.content.get("narrative") != item["narrative"]
        ):
            mismatches += 1
    print(f"submitted: {len(sent)} of {CENTRES}; stored content mismatches: {mismatches}")
    return mismatches, len(sent)


# The worker's share of the CPU against the web's, as docker-compose.yml gives it
# (cpu_shares 256 of 1024): here the nice of its session's scheduling group, 0–19.
WORKER_NICE = int(os.environ.get("RUSH_WORKER_NICE", "6"))


def lower_priority(process, nice):
    """Give `process`'s session (its own scheduling group: start(…) made it one) the
    `nice`, as a container's CPU weight does; a `nice` of the process itself would
    count only inside its group. Returns the group's weight against a nice-0 group's."""
    try:
        Path(f"/proc/{process.pid}/autogroup").write_text(str(nice))
    except OSError:  # no autogroups: the process alone
        os.setpriority(os.PRIO_PGRP, process.pid, nice)
    return f"{1.25**-nice:.2f}× the web's (nice {nice})"


def _service_roots(server, worker):
    """{name: pid} of the processes whose CPU the rush reports."""
    roots = {"portal (gunicorn)": server.pid, "Celery worker": worker.pid}
    postgres = pid_from_file(Path(os.environ.get("TEST_PGDATA", "/nonexistent")) / "postmaster.pid")
    redis = pid_from_file(
        Path(os.environ.get("TEST_REDIS_CONF", "/nonexistent")).parent / "redis.pid"
    )
    roots.update({"PostgreSQL": postgres, "Redis": redis} if postgres and redis else {})
    return roots


def print_cpu(spent, busy, every, wall):
    """Where the machine's cores went during the rush."""
    cores = every / wall
    print(
        f"CPU during the rush: {wall:.0f} s × {cores:.0f} cores = {every:.0f} CPU-s, {busy / every:.0%} busy"
    )
    for name, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"  {name:<26} {seconds:7.1f} CPU-s  {seconds / wall:4.2f} cores")
    print(f"  {'other processes':<26} {busy - sum(spent.values()):7.1f} CPU-s")


def main():
    from centers.models import Center
    from core.api import Pagination

    if connection.vendor != "postgresql":
        sys.exit("run with PostgreSQL and Redis: make bench-rush")
    started = time.perf_counter()
    plan, tokens = prepare()
    print(
        f"prepared {CENTRES} centres and {CLIENTS} REST clients in {time.perf_counter() - started:.0f} s"
    )
    print(f"machine: {describe()}")
    out = Path(tempfile.mkdtemp(prefix="navet-rush-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    bin_dir = Path(sys.executable).parent
    with open(out / "gunicorn.log", "w") as glog, open(out / "worker.log", "w") as wlog:
        server = start(
            [
                str(bin_dir / "gunicorn"),
                "navet_portal.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "4",
                "--timeout",
                "60",
            ],
            glog,
        )
        worker = start(
            [
                str(bin_dir / "celery"),
                "-A",
                "navet_portal",
                "worker",
                "--concurrency=1",
                "--loglevel=WARNING",
            ],
            wlog,
        )
        try:
            wait_until_up(base)
            print(
                f"gunicorn on {base}: 4 workers; Celery worker: 1 process,"
                f" CPU weight {lower_priority(worker, WORKER_NICE)}"
            )

            begun = time.perf_counter()
            with ThreadPoolExecutor(max_workers=4) as pool:
                logins = list(pool.map(lambda e: log_in(base, e), plan))
            seconds = time.perf_counter() - begun
            print(HEADER)
            print(
                row(
                    "log in",
                    [ms for ms, _, _ in logins],
                    sum(not ok for _, ok, _ in logins),
                    seconds,
                )
            )
            sessions = [entry for _, ok, entry in logins if ok]
            (out / "sessions.json").write_text(json.dumps(sessions))
            (out / "tokens.json").write_text(json.dumps(tokens))

            env = {
                "RUSH_SESSIONS": str(out / "sessions.json"),
                "RUSH_TOKENS": str(out / "tokens.json"),
                "RUSH_OUT": str(out),
                "RUSH_CENTRES": str(len(sessions)),
                "RUSH_CLIENTS": str(CLIENTS),
                "RUSH_SAVES": str(SAVES),
                "RUSH_YEAR": str(YEAR),
                "RUSH_CENTRE_PAGES": str(-(-Center.objects.count() // Pagination.page_size)),
            }
            print(
                f"think time {os.environ.get('RUSH_THINK', '4,10')} s; "
                f"rush: {len(sessions)} centres × ({SAVES} saves + last save + submit), "
                f"{CLIENTS} REST clients"
            )
            roots = _service_roots(server, worker)
            trees_before, machine_before = tree_seconds(roots), machine_seconds()
            generator_before = os.times()
            begun = time.perf_counter()
            subprocess.run(
                [
                    str(bin_dir / "locust"),
                    "-f",
                    str(ROOT / "bench" / "locustfile.py"),
                    "--headless",
                    "--users",
                    str(len(sessions) + CLIENTS),
                    "--spawn-rate",
                    SPAWN_RATE,
                    "--run-time",
                    os.environ.get("RUSH_RUN_TIME", "600s"),
                    "--host",
                    base,
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                    "--stop-timeout",
                    "30",
                ],
                env={**os.environ, **env},
                check=False,
                stdout=subprocess.DEVNULL,
            )
            wall = time.perf_counter() - begun
            print(f"rush finished in {wall:.0f} s")
            generator_after = os.times()
            spent = {
                name: seconds - trees_before[name] for name, seconds in tree_seconds(roots).items()
            }
            # locust has exited and been waited for: its seconds are this process's children's
            spent["load generator (locust)"] = (
                generator_after.children_user
                + generator_after.children_system
                - generator_before.children_user
                - generator_before.children_system
            )
            busy, every = (
                after - before
                for after, before in zip(machine_seconds(), machine_before, strict=True)
            )
            print_cpu(spent, busy, every, wall)
        finally:
            stop(server)
            stop(worker)
    errors = report_requests(out) + sum(not ok for _, ok, _ in logins)
    mismatches, submitted = check_stored(out)
    print(f"errors: {errors}; logs and records in {out}")
    if errors or mismatches or submitted < CENTRES:
        sys.exit(1)


if __name__ == "__main__":
    main()
