import csv
import io

import pytest
from django.core.management import call_command

from centers.models import Center

from ..factories import CenterFactory


@pytest.fixture
def centers(db):
    return [
        CenterFactory(name="ЦПО към „Витоша“ ЕООД", region="BG-22"),
        CenterFactory(name="ЦПО към „Пирин“ ООД", region="BG-01", phone="+359 73 123456"),
        CenterFactory(kind="CIPO", name='=HYPERLINK("http://evil")', region="BG-01"),
        CenterFactory(
            name='ЦПО "Изток"; =HYPERLINK("http://evil");-1', address="ул. 1,@x", region="BG-05"
        ),
    ]


def test_register_lists_and_searches(client, centers):
    page = client.get("/centers/", {"q": "витоша"})

    assert page.status_code == 200
    content = page.content.decode()
    assert "ЦПО към „Витоша“ ЕООД" in content
    assert "Пирин" not in content


def test_register_filters_by_kind_and_region(client, centers):
    content = client.get("/centers/", {"kind": "CPO", "region": "BG-01"}).content.decode()

    assert "Пирин" in content
    assert "Витоша" not in content
    assert "HYPERLINK" not in content


def test_register_paginates(client, db):
    CenterFactory.create_batch(30)

    first = client.get("/centers/").content.decode()
    second = client.get("/centers/", {"page": 2}).content.decode()

    assert "Страница 1 от 2" in first
    assert "Страница 2 от 2" in second


def test_invalid_filter_shows_field_error_not_500(client, centers):
    page = client.get("/centers/", {"region": "BG-99"})

    assert page.status_code == 200
    assert "field-invalid" in page.content.decode()


def test_centre_page(client, centers):
    center = centers[1]
    page = client.get(f"/centers/{center.license_number}/")

    assert page.status_code == 200
    assert center.name in page.content.decode()
    assert client.get("/centers/000000000/").status_code == 404


def test_csv_export_neutralises_formulas_and_imports_back(client, centers, tmp_path):
    response = client.get("/centers/export.csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    # A byte-order mark first, so that Excel reads the Cyrillic as UTF-8.
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 4
    by_name = {r["license_number"]: r for r in rows}
    assert by_name[centers[2].license_number]["name"].startswith("'=")
    assert by_name[centers[1].license_number]["phone"] == "'+359 73 123456"
    # Bulgarian Excel splits at ";": no piece may start like a formula there either.
    assert by_name[centers[3].license_number]["name"] == (
        'ЦПО "Изток";\' =HYPERLINK("http://evil");\'-1'
    )
    assert by_name[centers[3].license_number]["address"] == "ул. 1,'@x"

    before = list(Center.objects.order_by("pk").values())
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("import_centers", str(path), stdout=out)
    assert "unchanged 4" in out.getvalue()
    assert list(Center.objects.order_by("pk").values()) == before
