"""factory_boy factories shared by the whole suite."""

import itertools
from datetime import date

import factory

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
