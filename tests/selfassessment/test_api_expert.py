"""A centre sees its assigned expert's name, never the e-mail (issue 13, point 10)."""

from rest_framework.test import APIClient

from selfassessment.models import Report

from ..factories import ExpertFactory


def test_centre_sees_the_name_and_agency_the_email(api_client, draft, center_staff, expert):
    expert.full_name = "Мария Петрова"
    expert.save()
    Report.objects.filter(pk=draft.pk).update(assigned_expert=expert)

    api_client.force_authenticate(center_staff)
    body = api_client.get(f"/api/v1/reports/{draft.pk}/").json()
    assert body["assigned_expert"] == "Мария Петрова"
    assert expert.email not in str(body)

    agency = APIClient()
    agency.force_authenticate(ExpertFactory())
    assert agency.get(f"/api/v1/reports/{draft.pk}/").json()["assigned_expert"] == expert.email
