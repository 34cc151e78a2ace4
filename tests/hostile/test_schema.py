"""Schemathesis against the portal's own OpenAPI schema (/api/schema/): every
operation, anonymous and as each role, with valid and invalid input (positive and
negative generation, writes included), on a database with real centres and reports.
No answer may be a 5xx, and every answer must be one the schema describes: a
documented status code, its content type and its body."""

import logging
import zlib

import pytest
import schemathesis
from django.core.files.base import ContentFile
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import override_settings
from django.utils import timezone
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from centers.models import Kind, ValidationProcedure
from navet_portal.wsgi import application
from reports.models import Analysis, AnalysisStatus
from reports.publication import statistics_publish
from selfassessment.deadlines import current_reporting_year
from selfassessment.models import Framework, Report
from selfassessment.transitions import report_accept, report_create, report_return

from ..factories import (
    AdministratorFactory,
    CenterFactory,
    ExpertFactory,
    FiledReportFactory,
    LicensedProfessionFactory,
    UserFactory,
    ValidationProcedureFactory,
)

# Loaded at collection through the WSGI application: the very schema clients read.
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)

# Not among them: `positive_data_acceptance`, because a request the schema allows is
# rightly refused by the rules it cannot express (a centre that is not the user's, the
# framework of another year, a second report for a year: 400 with the field named);
# and `negative_data_rejection`, because the pagination is lenient on purpose, as
# DRF's is (an invalid `page_size` falls back to the default, one over 500 is cut to
# 500: CONTRACT.md §5 "page_size up to 500"), which that check reads as accepting bad input.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
ROLES = ["anonymous", "center_staff", "expert", "administrator"]
SPECIALTY = "4810301"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module, in a transaction rolled back at its end; each test
    runs in a savepoint inside it (pytest-django's `db`), so every operation starts
    from the same data: a ЦПО and a ЦИПО with one member of staff, reports in every
    state, validation procedures, another centre with its report, experts, and
    analyses done (with its PDF), failed and queued."""
    year = current_reporting_year(timezone.localdate())
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
        transaction.atomic(),
    ):
        cpo = CenterFactory(kind=Kind.CPO)
        cipo = CenterFactory(kind=Kind.CIPO, name="ЦИПО „Тест“")
        other = CenterFactory(kind=Kind.CPO)
        staff = UserFactory(centers=[cpo, cipo])
        other_staff = UserFactory(centers=[other])
        expert = ExpertFactory()
        administrator = AdministratorFactory()
        users = {"center_staff": staff, "expert": expert, "administrator": administrator}

        LicensedProfessionFactory(center=cpo, specialty_code=SPECIALTY)
        ValidationProcedureFactory(center=cpo)
        ValidationProcedureFactory(center=cpo, status="running", end_date=None)
        ValidationProcedureFactory(center=other)

        report_create(center=cpo, year=year, user=staff)
        report_create(center=cipo, year=year, user=staff)
        FiledReportFactory(center=cpo, staff=staff, year=year - 1, pick=1)
        FiledReportFactory(center=cipo, staff=staff, year=year - 1)
        FiledReportFactory(center=other, staff=other_staff, year=year)
        report_return(
            report=FiledReportFactory(center=cpo, staff=staff, year=year - 2, pick=0),
            expert=expert,
            reason="Непълен.",
        )
        report_accept(
            report=FiledReportFactory(center=cpo, staff=staff, year=year - 3), expert=expert
        )

        # A published year: the public's snapshot (regions under 5 reports suppressed).
        statistics_publish(year=year - 1, kind=Kind.CPO, user=administrator)
        done = Analysis.objects.create(year=year - 1, kind=Kind.CPO, status=AnalysisStatus.DONE)
        done.pdf.save("analysis.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
        Analysis.objects.create(year=year - 1, kind=Kind.CIPO, status=AnalysisStatus.FAILED)
        Analysis.objects.create(year=year, kind=Kind.CPO, status=AnalysisStatus.QUEUED)

        cpo_spec = Framework.objects.get(code="CPO-2018").spec
        cipo_spec = Framework.objects.get(code="CIPO-2022").spec
        yield {
            "year": year,
            "tokens": {role: Token.objects.create(user=user).key for role, user in users.items()},
            "report_ids": list(Report.objects.order_by("pk").values_list("pk", flat=True)),
            "procedure_ids": list(ValidationProcedure.objects.values_list("pk", flat=True)),
            "analysis_ids": list(Analysis.objects.values_list("pk", flat=True)),
            "license_numbers": [cpo.license_number, cipo.license_number, other.license_number],
            "own_license_numbers": [cpo.license_number, cipo.license_number],
            "experts": [expert.email, administrator.email],
            "frameworks": [cpo_spec.code, cipo_spec.code],
            "criteria": [c.code for c in cpo_spec.criteria],
            "indicators": list(cipo_spec.indicator_codes),
            "sections": sorted({s.code for s in (*cpo_spec.sections, *cipo_spec.sections)}),
        }
        transaction.set_rollback(True)


@pytest.fixture
def _in_process_requests(monkeypatch):
    """In-process WSGI calls share the test's connection and its transaction. Django's
    handler closes "old" connections when a request starts and ends, which would end
    that transaction; its own test client switches this off in the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    # The fuzzer sends hundreds of requests a minute. DRF binds the rates to the
    # throttle class when it is imported: overriding the settings would not reach them.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": None, "user": None})
    # Every 4xx is a warning of django.request: thousands of lines that hide a 5xx.
    request_log = logging.getLogger("django.request")
    level = request_log.level
    request_log.setLevel(logging.ERROR)
    yield
    request_log.setLevel(level)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(params=ROLES)
def auth_headers(request, world):
    token = world["tokens"].get(request.param)
    return {"Authorization": f"Token {token}"} if token else {}


def _steered(value, choices):
    """One of `choices` in place of a generated value, chosen by the value itself (so
    that Hypothesis can replay and shrink the case), for three values in four; the
    others are kept and still probe the 404s and 400s."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        return value
    digest = zlib.crc32(repr(value).encode())
    return value if digest % 4 == 0 else choices[digest // 4 % len(choices)]


def _with_codes(part, codes):
    """A generated content part (scores, answers, …) with the framework's codes as
    keys, so that its values reach the rules of each criterion, not only the
    "unknown code" error."""
    if not isinstance(part, dict) or not part:
        return part
    return {codes[i % len(codes)]: value for i, value in enumerate(part.values())}


def _steer(case, world):
    """Point a valid generated request at the data of the world: real ids, licence
    numbers, codes, experts, and the current version of the object it changes."""
    path = case.path
    parameters = dict(case.path_parameters or {})
    if "id" in parameters:
        if path.startswith("/api/v1/reports/"):
            ids = world["report_ids"]
        elif path.startswith("/api/v1/validation-procedures/"):
            ids = world["procedure_ids"]
        else:
            ids = world["analysis_ids"]
        parameters["id"] = _steered(parameters["id"], ids)
    if "license_number" in parameters:
        parameters["license_number"] = _steered(
            parameters["license_number"], world["license_numbers"]
        )
    if parameters:
        case.path_parameters = parameters
    if isinstance(case.query, dict) and "center" in case.query:
        case.query = {
            **case.query,
            "center": _steered(case.query["center"], world["license_numbers"]),
        }

    body = case.body
    if not isinstance(body, dict):
        return
    body = dict(body)
    if "center" in body:
        body["center"] = _steered(body["center"], world["own_license_numbers"])
    if "expert" in body:
        body["expert"] = _steered(body["expert"], world["experts"])
    if "framework" in body:
        body["framework"] = _steered(body["framework"], world["frameworks"])
    if "specialty_code" in body:
        body["specialty_code"] = _steered(body["specialty_code"], [SPECIALTY])
    if path == "/api/v1/reports/" and "year" in body:
        # Years with a framework and an open period, some with a report already.
        body["year"] = _steered(body["year"], [world["year"] - n for n in range(6)])
    for part, codes in (
        ("scores", world["criteria"]),
        ("answers", world["indicators"]),
        ("comments", world["indicators"]),
        ("narrative", world["sections"]),
    ):
        if part in body:
            body[part] = _with_codes(body[part], codes)
    if isinstance(body.get("remarks"), list):
        body["remarks"] = [
            {**remark, "field": _steered(remark["field"], world["criteria"] + world["sections"])}
            if isinstance(remark, dict) and "field" in remark
            else remark
            for remark in body["remarks"]
        ]
    if "version" in body and str(parameters.get("id")).isdigit():
        model = Report if path.startswith("/api/v1/reports/") else ValidationProcedure
        versions = list(model.objects.filter(pk=parameters["id"]).values_list("version", flat=True))
        if versions:
            body["version"] = _steered(body["version"], versions)
    case.body = body


@pytest.mark.usefixtures("_in_process_requests", "db")
@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_api_answers_as_its_schema_says(case, world, auth_headers):
    if case.meta is None or case.meta.generation.mode.is_positive:
        _steer(case, world)
    case.call_and_validate(headers=auth_headers, checks=CHECKS)
