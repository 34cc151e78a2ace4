"""The admin's import page explains the file on the page and offers an example that
imports as it is."""

import io

from django.core.management import call_command

from centers.importing import COLUMNS
from centers.models import Center


def test_import_page_explains_the_format(client, administrator):
    client.force_login(administrator)

    page = client.get("/admin/centers/center/import/").content.decode()

    for column in COLUMNS:
        assert f"<code>{column}</code>" in page
    assert "UTF-8" in page
    assert "нищо не се променя" in page
    assert "line N: колона: съобщение" in page
    assert 'href="/admin/centers/center/import/example.csv"' in page
    assert "201212345,CPO," in page  # the example row, shown
    assert "CONTRACT.md" not in page
    assert "README" not in page


def test_example_file_imports_as_it_is(client, administrator, tmp_path):
    client.force_login(administrator)

    response = client.get("/admin/centers/center/import/example.csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    path = tmp_path / "example.csv"
    path.write_bytes(response.content)
    out = io.StringIO()
    call_command("import_centers", str(path), stdout=out)
    assert "created 2" in out.getvalue()
    assert Center.objects.get(license_number="201312346").status == "suspended"


def test_example_is_for_administrators_only(client, center_staff):
    client.force_login(center_staff)

    response = client.get("/admin/centers/center/import/example.csv")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
