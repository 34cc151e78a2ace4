import io

import pytest
from django.core.management import call_command

from accounts.models import Role, User
from centers.eik import is_valid_eik
from centers.models import Center, LicensedProfession, LicenseStatusChange
from centers.regions import REGIONS


def snapshot():
    return (
        list(Center.objects.order_by("pk").values()),
        list(LicenseStatusChange.objects.order_by("pk").values()),
        list(LicensedProfession.objects.order_by("pk").values()),
        list(User.objects.order_by("pk").values("email", "role", "password")),
    )


@pytest.mark.django_db
def test_seed_demo_builds_the_register_and_is_idempotent():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    first = snapshot()

    centers = Center.objects.all()
    assert 840 <= centers.filter(kind="CPO").count() <= 860
    assert centers.filter(kind="CIPO").count() == 36
    assert set(centers.values_list("region", flat=True)) == set(REGIONS)
    assert all(is_valid_eik(eik) for eik in centers.values_list("eik", flat=True))
    assert centers.filter(status="suspended").exists()
    assert centers.filter(status="revoked").exists()
    assert {u.role for u in User.objects.all()} == set(Role.values)
    staff = User.objects.get(email="centre@demo.navet.bg")
    assert staff.centers.filter(kind="CPO").exists()
    assert staff.check_password("navet-demo-2025")
    printed = out.getvalue()
    for email in ("centre@demo.navet.bg", "expert@demo.navet.bg", "admin@demo.navet.bg"):
        assert email in printed

    call_command("seed_demo", stdout=io.StringIO())

    assert snapshot() == first
