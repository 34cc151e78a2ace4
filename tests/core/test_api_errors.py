"""The API's error answers: JSON in Bulgarian, and listed in the OpenAPI schema."""


def test_a_path_no_route_matches_is_a_json_404(api_client, db):
    response = api_client.get("/api/v1/reports/1.5/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Обектът не е намерен."}


def test_a_missing_object_does_not_name_the_model(api_client, expert):
    api_client.force_authenticate(expert)

    response = api_client.get("/api/v1/reports/999999/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Обектът не е намерен."}


def test_a_body_that_is_not_json_is_a_400_in_bulgarian(api_client, expert):
    api_client.force_authenticate(expert)

    response = api_client.generic(
        "POST", "/api/v1/analyses/", '{"year": ', content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["detail"].startswith("Тялото на заявката не може да се разчете")


def test_the_schema_lists_the_error_answers(api_client, db):
    schema = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    paths = schema["paths"]

    assert set(paths["/api/v1/reports/{id}/"]["patch"]["responses"]) == {
        "200",
        "400",
        "401",
        "403",
        "404",
        "409",
        "429",
    }
    assert set(paths["/api/v1/me/"]["get"]["responses"]) == {"200", "401", "403", "429"}
    stale = paths["/api/v1/reports/{id}/submit/"]["post"]["responses"]["409"]
    assert stale["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/StaleVersion"
    }
