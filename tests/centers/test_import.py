import csv
import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from centers.importing import COLUMNS
from centers.models import Center, LicenseStatus, LicenseStatusChange

from ..commands import run_manage

GOOD = {
    "license_number": "200312345",
    "kind": "CPO",
    "name": "ЦПО към „Знание“ ЕООД",
    "eik": "175074752",
    "region": "BG-16",
    "municipality": "Пловдив",
    "address": "ул. „Раковски“ № 5",
    "license_date": "2003-06-12",
    "status": "active",
    "status_since": "",
    "website": "https://znanie.bg",
    "email": "office@znanie.bg",
    "phone": "+359 32 123456",
}
OTHER = {
    **GOOD,
    "license_number": "201812345",
    "kind": "CIPO",
    "name": "ЦИПО към „Кариера“ ООД",
    "eik": "131071587",
    "status": "suspended",
    "status_since": "2024-03-01",
    "website": "",
    "email": "",
    "phone": "",
}


def write_csv(tmp_path, rows, columns=COLUMNS, name="centers.csv"):
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def run_import(path, verbosity=0):
    """(exit status, stdout, stderr); at verbosity 0 stderr holds only the line errors
    (no progress lines)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_centers", str(path), stdout=out, stderr=err, verbosity=verbosity)
    except CommandError as exc:
        return exc.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_valid_file_creates_centres_with_history(tmp_path):
    code, out, _ = run_import(write_csv(tmp_path, [GOOD, OTHER]))

    assert code == 0
    assert "created 2, updated 0" in out
    cipo = Center.objects.get(license_number="201812345")
    assert cipo.kind == "CIPO"
    assert (cipo.status, cipo.status_since) == ("suspended", date(2024, 3, 1))
    assert list(cipo.status_history.values_list("status", "since")) == [
        ("active", date(2003, 6, 12)),
        ("suspended", date(2024, 3, 1)),
    ]


@pytest.mark.django_db
def test_second_identical_import_changes_nothing(tmp_path):
    path = write_csv(tmp_path, [GOOD, OTHER])
    run_import(path)
    before = list(Center.objects.order_by("pk").values())
    history_before = list(LicenseStatusChange.objects.order_by("pk").values())

    code, out, _ = run_import(path)

    assert code == 0
    assert "created 0, updated 0, unchanged 2" in out
    assert list(Center.objects.order_by("pk").values()) == before
    assert list(LicenseStatusChange.objects.order_by("pk").values()) == history_before


@pytest.mark.django_db
def test_changed_row_updates_and_extends_history(tmp_path):
    run_import(write_csv(tmp_path, [GOOD]))
    changed = {
        **GOOD,
        "name": "ЦПО към „Знание плюс“ ЕООД",
        "status": "revoked",
        "status_since": "2025-02-10",
    }

    code, out, _ = run_import(write_csv(tmp_path, [changed], name="b.csv"))

    assert code == 0
    assert "updated 1" in out
    center = Center.objects.get(license_number=GOOD["license_number"])
    assert center.name == "ЦПО към „Знание плюс“ ЕООД"
    assert center.status == LicenseStatus.REVOKED
    assert center.status_history.count() == 2
    assert not center.is_licensed_on(date(2025, 2, 10))
    assert center.is_licensed_on(date(2025, 2, 9))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "VET"}, "kind"),
        ({"region": "BG-29"}, "region"),
        ({"region": "Пловдив"}, "region"),
        ({"eik": "175074751"}, "eik"),
        ({"eik": "12345"}, "eik"),
        ({"license_date": "12.06.2003"}, "license_date"),
        ({"license_date": "2003-02-30"}, "license_date"),
        ({"license_number": ""}, "license_number"),
        ({"status": "closed"}, "status"),
        ({"status": "suspended", "status_since": ""}, "status_since"),
        ({"status_since": "2001-01-01"}, "status_since"),
        ({"email": "not-an-email"}, "email"),
        ({"website": "javascript:alert(1)"}, "website"),
    ],
)
@pytest.mark.django_db
def test_invalid_row_imports_nothing_and_names_line_and_field(tmp_path, change, field):
    rows = [OTHER, {**GOOD, **change}]

    code, out, err = run_import(write_csv(tmp_path, rows))

    assert code == 1
    assert f"line 3: {field}: " in err
    assert "line 2" not in err
    assert Center.objects.count() == 0
    assert out == ""


@pytest.mark.django_db
def test_duplicate_license_number_in_file(tmp_path):
    code, _, err = run_import(write_csv(tmp_path, [GOOD, OTHER, {**OTHER, "eik": "020469788"}]))

    assert code == 1
    assert "line 4: license_number: Повтаря номера от ред 3." in err
    assert Center.objects.count() == 0


@pytest.mark.django_db
def test_every_invalid_row_is_listed(tmp_path):
    rows = [{**GOOD, "kind": "X"}, OTHER, {**GOOD, "license_number": "1", "region": "BG-99"}]

    code, _, err = run_import(write_csv(tmp_path, rows))

    assert code == 1
    assert "line 2: kind: " in err
    assert "line 4: region: " in err


@pytest.mark.django_db
def test_missing_column_and_bad_encoding(tmp_path):
    columns = [c for c in COLUMNS if c != "eik"]
    code, _, err = run_import(write_csv(tmp_path, [GOOD], columns=columns))
    assert code == 1
    assert "line 1: eik: " in err

    path = tmp_path / "latin.csv"
    path.write_bytes(",".join(COLUMNS).encode() + "\nЦПО".encode("cp1251"))
    code, _, err = run_import(path)
    assert code == 1
    assert "line 1: file: " in err
    assert Center.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_command_exit_status_is_one_on_invalid_file(tmp_path):
    result = run_manage("import_centers", str(write_csv(tmp_path, [{**GOOD, "eik": "1"}])))

    assert result.returncode == 1, result.stderr
    assert "line 2: eik: " in result.stderr
    assert not Center.objects.exists()


def test_admin_import_uses_the_same_rules(client, administrator, tmp_path):
    client.force_login(administrator)
    bad = write_csv(tmp_path, [GOOD, {**OTHER, "region": "BG-30"}], name="bad.csv")
    with bad.open("rb") as f:
        page = client.post("/admin/centers/center/import/", {"file": f})

    assert page.status_code == 200
    assert "line 3: region: " in page.content.decode()
    assert Center.objects.count() == 0

    good = write_csv(tmp_path, [GOOD, OTHER], name="good.csv")
    with good.open("rb") as f:
        done = client.post("/admin/centers/center/import/", {"file": f})

    assert done.status_code == 302
    assert Center.objects.count() == 2


def test_centre_staff_cannot_import_from_the_admin(client, center_staff, tmp_path):
    client.force_login(center_staff)
    with write_csv(tmp_path, [GOOD]).open("rb") as f:
        response = client.post("/admin/centers/center/import/", {"file": f})

    assert response.status_code == 302
    assert Center.objects.filter(license_number=GOOD["license_number"]).count() == 0


# --- Bulk writing (issue 15) ---------------------------------------------------------


def numbered(n, **changes):
    """A valid row for licence number 2019000000 + n (an ЕИК with its check digit)."""
    from centers.eik import eik_check_digit_9

    first_eight = f"{10_000_000 + n * 7919}"
    return {
        **GOOD,
        "license_number": f"{2019000000 + n}",
        "name": f"ЦПО „Център {n}“ ООД",
        "eik": first_eight + str(eik_check_digit_9(first_eight)),
        **changes,
    }


@pytest.fixture
def small_batches(monkeypatch):
    from centers import services

    monkeypatch.setattr(services, "IMPORT_BATCH", 4)


def tables():
    return (
        list(Center.objects.order_by("pk").values()),
        list(LicenseStatusChange.objects.order_by("pk").values()),
    )


@pytest.mark.django_db
def test_bulk_import_twice_changes_nothing_the_second_time(tmp_path, small_batches):
    rows = [
        numbered(n, status="suspended", status_since="2021-02-03") if n % 3 == 0 else numbered(n)
        for n in range(10)
    ]
    path = write_csv(tmp_path, rows)

    assert run_import(path)[:2] == (0, "created 10, updated 0, unchanged 0\n")
    suspended = Center.objects.get(license_number="2019000003")
    assert (suspended.status, suspended.status_since) == ("suspended", date(2021, 2, 3))
    assert list(suspended.status_history.order_by("since").values_list("status", "since")) == [
        ("active", date(2003, 6, 12)),
        ("suspended", date(2021, 2, 3)),
    ]
    assert Center.objects.get(license_number="2019000001").status_history.count() == 1
    before = tables()

    code, out, err = run_import(path)

    assert (code, out, err) == (0, "created 0, updated 0, unchanged 10\n", "")
    assert tables() == before


@pytest.mark.django_db
def test_mixed_file_counts_what_it_created_and_updated(tmp_path, small_batches):
    run_import(write_csv(tmp_path, [numbered(n) for n in range(6)], name="first.csv"))
    rows = [
        numbered(0),  # unchanged
        numbered(1),
        numbered(2, name="ЦПО „Ново име“ ООД"),  # renamed
        numbered(3, status="revoked", status_since="2024-05-06"),  # status only
        numbered(4, municipality="Асеновград", status="suspended", status_since="2024-01-02"),
        numbered(6),  # new
        numbered(7, status="terminated", status_since="2023-09-30"),
    ]

    code, out, _ = run_import(write_csv(tmp_path, rows, name="second.csv"))

    assert (code, out) == (0, "created 2, updated 3, unchanged 2\n")
    renamed = Center.objects.get(license_number="2019000002")
    assert renamed.name == "ЦПО „Ново име“ ООД"
    assert Center.objects.search("ново име").get() == renamed  # the search copy follows
    revoked = Center.objects.get(license_number="2019000003")
    assert (revoked.status, revoked.status_since) == ("revoked", date(2024, 5, 6))
    assert revoked.status_history.count() == 2
    moved = Center.objects.get(license_number="2019000004")
    assert (moved.municipality, moved.status) == ("Асеновград", "suspended")
    assert moved.updated_at > moved.created_at
    ended = Center.objects.get(license_number="2019000007")
    assert list(ended.status_history.order_by("since").values_list("status", flat=True)) == [
        "active",
        "terminated",
    ]
    assert Center.objects.get(license_number="2019000005").status_history.count() == 1


@pytest.mark.django_db
def test_progress_lines_go_to_stderr_when_it_is_not_a_terminal(tmp_path, small_batches):
    code, out, err = run_import(write_csv(tmp_path, [numbered(n) for n in range(10)]), verbosity=1)

    assert (code, out) == (0, "created 10, updated 0, unchanged 0\n")
    lines = err.splitlines()
    assert lines[:2] == ["Проверка: 1/10 (10%)", "Проверка: 2/10 (20%)"]
    assert lines[-3:] == ["Запис: 4/10 (40%)", "Запис: 8/10 (80%)", "Запис: 10/10 (100%)"]
