"""factory_boy factories shared by the whole suite."""

import itertools
from datetime import date

import factory
from django.test import TestCase
from django.utils import timezone

from accounts.models import Role, User
from centers.eik import eik_check_digit_9
from centers.models import (
    Center,
    Kind,
    LicensedProfession,
    LicenseStatus,
    LicenseStatusChange,
    ValidationProcedure,
    ValidationScope,
    ValidationStatus,
)
from selfassessment.deadlines import current_reporting_year
from selfassessment.kinds import kind_of
from selfassessment.models import Report
from selfassessment.transitions import report_create, report_submit, report_update

_eik_numbers = itertools.count(10_000_000)


def valid_eik():
    first_eight = str(next(_eik_numbers))
    return first_eight + str(eik_check_digit_9(first_eight))


class CenterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Center
        skip_postgeneration_save = True

    kind = Kind.CPO
    name = factory.Sequence(lambda n: f"ЦПО към „Тест {n}“ ЕООД")
    eik = factory.LazyFunction(valid_eik)
    license_number = factory.Sequence(lambda n: f"2010{n:05d}")
    license_date = date(2010, 1, 15)
    status = LicenseStatus.ACTIVE
    status_since = factory.SelfAttribute("license_date")
    region = "BG-22"
    municipality = "Столична"
    address = "ул. „Шипка“ № 1"
    email = factory.Sequence(lambda n: f"office{n}@center.bg")

    @factory.post_generation
    def history(self, create, extracted, **kwargs):
        """`history=[(status, date), ...]` after the initial `active` on the licence date."""
        if not create:
            return
        entries = [(LicenseStatus.ACTIVE, self.license_date), *(extracted or [])]
        for status, since in entries:
            LicenseStatusChange.objects.create(center=self, status=status, since=since)
        self.status, self.status_since = entries[-1]
        Center.objects.filter(pk=self.pk).update(status=self.status, status_since=self.status_since)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.bg")
    full_name = factory.Sequence(lambda n: f"Потребител {n}")
    role = Role.CENTER_STAFF
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def centers(self, create, extracted, **kwargs):
        if create and extracted:
            self.centers.add(*extracted)
        if create:
            self.save()


class ExpertFactory(UserFactory):
    role = Role.EXPERT


class AdministratorFactory(UserFactory):
    role = Role.ADMINISTRATOR


class LicensedProfessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LicensedProfession

    center = factory.SubFactory(CenterFactory)
    profession_code = "481030"
    profession_name = "Приложен програмист"
    specialty_code = factory.Sequence(lambda n: f"48{n:05d}")
    specialty_name = "Приложно програмиране"


class ValidationProcedureFactory(factory.django.DjangoModelFactory):
    """A procedure completed on `end_date` for one of the centre's specialties."""

    class Meta:
        model = ValidationProcedure

    center = factory.SubFactory(CenterFactory)
    profession_code = "481030"
    profession_name = "Приложен програмист"
    specialty_code = factory.LazyAttribute(
        lambda o: LicensedProfessionFactory(center=o.center).specialty_code
    )
    specialty_name = "Приложно програмиране"
    scope = ValidationScope.DEGREE_2
    start_date = date(2024, 3, 1)
    end_date = date(2024, 6, 30)
    applicants = 10
    validated = factory.LazyAttribute(lambda o: min(8, o.applicants))
    status = ValidationStatus.COMPLETED


def complete_content(spec, pick=-1):
    """Content with every part filled: level `pick` of every criterion (ЦПО) or
    "yes" to every indicator (ЦИПО), and every narrative section."""
    content = {"narrative": {s.code: f"Текст за „{s.title}“." for s in spec.sections}}
    if kind_of(spec).scored:
        content["scores"] = {c.code: c.levels[pick].raw for c in spec.criteria}
        content["validation"] = {"procedures": 2, "persons": 17}
    else:
        content["answers"] = dict.fromkeys(spec.indicator_codes, True)
    return content


class DraftReportFactory(factory.Factory):
    """A report opened by its centre's staff through the transitions, as on the site."""

    class Meta:
        model = Report

    center = factory.SubFactory(CenterFactory)
    staff = factory.LazyAttribute(lambda o: UserFactory(centers=[o.center]))
    year = factory.LazyFunction(lambda: current_reporting_year(timezone.localdate()))
    content = None

    @classmethod
    def _create(cls, model_class, *, center, staff, year, content):
        return report_create(center=center, year=year, user=staff, content=content)


class FiledReportFactory(DraftReportFactory):
    """A report filled in completely (level `pick` of every criterion, or `content`)
    and submitted. What the submission announces (checks, e-mails, the statistics
    cache) runs as after a commit, also inside a test's transaction."""

    pick = -1

    @classmethod
    def _create(cls, model_class, *, center, staff, year, content, pick):
        with TestCase.captureOnCommitCallbacks(execute=True):
            report = report_create(center=center, year=year, user=staff)
            report = report_update(
                report=report,
                user=staff,
                version=report.version,
                changes=content or complete_content(report.framework.spec, pick=pick),
            )
            return report_submit(report=report, user=staff)
