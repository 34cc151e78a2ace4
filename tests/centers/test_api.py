from datetime import date

import pytest

from centers.models import LicenseStatus

from ..factories import CenterFactory


@pytest.fixture
def register(db):
    return {
        "plovdiv": CenterFactory(name="ЦПО към „Тракия Консулт“ ЕООД", region="BG-16"),
        "cipo": CenterFactory(kind="CIPO", name="ЦИПО към „Кариера“ ООД", region="BG-22"),
        "suspended": CenterFactory(
            name="ЦПО към „Балкан“ АД",
            region="BG-16",
            history=[(LicenseStatus.SUSPENDED, date(2024, 2, 1))],
        ),
    }


def numbers(response):
    return sorted(c["license_number"] for c in response.json()["results"])


def test_list_is_public_and_paginated(api_client, register):
    response = api_client.get("/api/v1/centers/")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert set(body) >= {"count", "next", "previous", "results"}
    first = body["results"][0]
    assert set(first) >= {"license_number", "kind", "name", "eik", "region", "status"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "CIPO"}, ["cipo"]),
        ({"region": "BG-16"}, ["plovdiv", "suspended"]),
        ({"status": "suspended"}, ["suspended"]),
        ({"region": "BG-16", "status": "active"}, ["plovdiv"]),
        ({"q": "тракия"}, ["plovdiv"]),  # any case, Cyrillic
        ({"q": "ТРАКИЯ консулт"}, ["plovdiv"]),
    ],
)
def test_filters(api_client, register, query, expected):
    response = api_client.get("/api/v1/centers/", query)

    assert response.status_code == 200
    assert numbers(response) == sorted(register[k].license_number for k in expected)


def test_search_by_eik_and_license_number(api_client, register):
    center = register["cipo"]
    by_eik = api_client.get("/api/v1/centers/", {"q": center.eik})
    by_number = api_client.get("/api/v1/centers/", {"q": center.license_number})

    assert numbers(by_eik) == [center.license_number]
    assert numbers(by_number) == [center.license_number]


def test_unknown_filter_value_is_a_field_error(api_client, register):
    response = api_client.get("/api/v1/centers/", {"kind": "VET", "region": "BG-99"})

    assert response.status_code == 400
    assert set(response.json()) == {"kind", "region"}


def test_detail_by_license_number(api_client, register):
    center = register["suspended"]
    response = api_client.get(f"/api/v1/centers/{center.license_number}/")

    assert response.status_code == 200
    body = response.json()
    assert body["name"] == center.name
    assert body["status"] == "suspended"
    assert body["status_history"] == [
        {"status": "active", "since": "2010-01-15"},
        {"status": "suspended", "since": "2024-02-01"},
    ]


def test_unknown_license_number_is_404(api_client, register):
    assert api_client.get("/api/v1/centers/999999999/").status_code == 404


def test_schema_and_docs_are_served(api_client, db):
    schema = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert "/api/v1/centers/{license_number}/" in schema.json()["paths"]
    docs = api_client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower()
