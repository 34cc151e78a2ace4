"""Licence numbers follow the agency's format: 9 or 10 digits (issue 13, point 4)."""

import json

import pytest
from django.core.exceptions import ValidationError

from centers.models import Center
from centers.validators import validate_license_number
from demo.centers import DEMO_CIPO_LICENSE, DEMO_CPO_LICENSE

from ..factories import CenterFactory
from .test_import import GOOD, OTHER, run_import, write_csv


@pytest.mark.parametrize(
    "number",
    ["200312345", "201812345", "999999999", "2024123456", DEMO_CPO_LICENSE, DEMO_CIPO_LICENSE],
)
def test_the_agency_format_is_accepted(number):
    validate_license_number(number)


@pytest.mark.parametrize(
    "number",
    [
        "",
        "1",
        "20031234",
        "20031234567",
        "2003/12345",
        "2003 12345",
        "200312345\n",
        "\n200312345",
        "2003\x0012345",
        "Л-7",
        "２００３１２３４５",
        "200312345 ",
    ],
)
def test_anything_else_is_refused(number):
    with pytest.raises(ValidationError):
        validate_license_number(number)


@pytest.mark.django_db
def test_the_model_refuses_a_slash():
    center = CenterFactory.build(license_number="2003/12345")
    with pytest.raises(ValidationError) as exc:
        center.full_clean()
    assert "license_number" in exc.value.message_dict


@pytest.mark.django_db
@pytest.mark.parametrize("number", ["2003/12345", '2003"}\\a{x:url(http://evil)}'])
def test_import_refuses_it_naming_line_and_field(tmp_path, number):
    code, _, err = run_import(write_csv(tmp_path, [GOOD, {**OTHER, "license_number": number}]))

    assert code == 1
    assert "line 3: license_number: " in err
    assert Center.objects.count() == 0


@pytest.mark.django_db
def test_admin_form_refuses_it(client, administrator):
    client.force_login(administrator)
    data = {**GOOD, "license_number": "2003/1234", "status": "active"}
    page = client.post("/admin/centers/center/add/", data)
    assert page.status_code == 200
    assert Center.objects.count() == 0
    assert "9 или 10 цифри" in page.content.decode()


@pytest.mark.django_db
def test_a_field_over_the_csv_limit_is_a_line_error(tmp_path):
    code, _, err = run_import(write_csv(tmp_path, [GOOD, {**OTHER, "name": "x" * 140_000}]))

    assert code == 1
    assert "line 3: row: " in err
    assert Center.objects.count() == 0


@pytest.mark.django_db
def test_a_huge_field_in_the_admin_import_is_a_line_error(client, administrator, tmp_path):
    client.force_login(administrator)
    bad = write_csv(tmp_path, [{**GOOD, "address": "y" * 140_000}], name="bad.csv")
    with bad.open("rb") as f:
        page = client.post("/admin/centers/center/import/", {"file": f})

    assert page.status_code == 200
    assert "line 2: row: " in page.content.decode()
    assert Center.objects.count() == 0


def test_json_is_not_affected():
    assert json.loads('"200312345"') == "200312345"


@pytest.mark.django_db
def test_a_legacy_number_with_a_slash_does_not_break_the_register(client, administrator):
    """Numbers stored before the format was enforced still list and open."""
    center = CenterFactory()
    Center.objects.filter(pk=center.pk).update(license_number="2003/12345")
    client.force_login(administrator)

    assert client.get("/centers/").status_code == 200
    page = client.get("/centers/2003/12345/")
    assert page.status_code == 200
    assert center.name in page.content.decode()
