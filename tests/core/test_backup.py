"""make backup / make restore: a round trip into an empty database gives the same rows
and the same media files."""

import os
import subprocess

import psycopg2
import pytest
from django.conf import settings
from django.db import connection

from ..factories import CenterFactory, FiledReportFactory, UserFactory

TABLES = [
    "centers_center",
    "centers_licensestatuschange",
    "selfassessment_report",
    "selfassessment_reportsubmission",
    "selfassessment_submissionscore",
    "core_auditentry",
]


def rows(dsn):
    with psycopg2.connect(**dsn) as conn, conn.cursor() as cursor:
        result = {}
        for table in TABLES:
            cursor.execute(f"SELECT * FROM {table} ORDER BY id")
            result[table] = cursor.fetchall()
        return result


def dsn(name):
    db = settings.DATABASES["default"]
    return {
        "dbname": name,
        "user": db["USER"],
        "host": db["HOST"],
        "port": db["PORT"],
        "password": db["PASSWORD"],
    }


def url(name):
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}"


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip(tmp_path, year):
    if connection.vendor != "postgresql":
        pytest.skip("the backup scripts are for PostgreSQL (make test)")
    center = CenterFactory()
    FiledReportFactory(center=center, staff=UserFactory(centers=[center]), year=year)
    media = tmp_path / "media"
    (media / "analyses").mkdir(parents=True)
    (media / "analyses" / "analysis.pdf").write_bytes(b"%PDF-1.7 test")
    source = settings.DATABASES["default"]["NAME"]
    env = {
        **os.environ,
        "DATABASE_URL": url(source),
        "MEDIA_ROOT": str(media),
        "BACKUP_DIR": str(tmp_path / "b"),
    }

    made = subprocess.run(
        ["scripts/backup.sh"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    db_file, media_file = made.stdout.split()

    target = "restore_round_trip"
    admin = psycopg2.connect(**dsn(source))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {target}")
        cursor.execute(f"CREATE DATABASE {target}")
    try:
        restored_media = tmp_path / "restored-media"
        env = {**env, "DATABASE_URL": url(target), "MEDIA_ROOT": str(restored_media)}
        done = subprocess.run(
            ["scripts/restore.sh", db_file, media_file],
            env=env,
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr

        before, after = rows(dsn(source)), rows(dsn(target))
        assert after == before
        assert sum(len(v) for v in after.values()) > 0
        assert (restored_media / "analyses" / "analysis.pdf").read_bytes() == b"%PDF-1.7 test"
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {target} WITH (FORCE)")
        admin.close()
