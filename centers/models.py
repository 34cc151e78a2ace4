"""The register of licensed centres: ЦПО (centres for vocational training) and ЦИПО
(centres for information and vocational guidance), with their licence history.
"""

from django.db import models
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel

from .regions import REGION_CHOICES, REGIONS
from .validators import validate_eik, validate_license_number


class Kind(models.TextChoices):
    CPO = "CPO", _("ЦПО")
    CIPO = "CIPO", _("ЦИПО")


class LicenseStatus(models.TextChoices):
    ACTIVE = "active", _("действаща")
    SUSPENDED = "suspended", _("временно отнета")
    REVOKED = "revoked", _("постоянно отнета")
    TERMINATED = "terminated", _("прекратена")


class SearchTextField(models.TextField):
    """A case-folded copy of another field, for case-insensitive search that works
    for Cyrillic on SQLite too (whose LIKE folds ASCII only). Filled on save and
    bulk_create, like auto_now."""

    def __init__(self, *args, source="", **kwargs):
        self.source = source
        kwargs.setdefault("editable", False)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = fold_for_search(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, value)
        return value


def fold_for_search(text):
    return " ".join(text.casefold().split())


class CenterQuerySet(models.QuerySet):
    def with_status_on(self, day):
        """Annotate `status_on`: the licence status in force on `day` (None before any)."""
        status_on = (
            LicenseStatusChange.objects.filter(center=OuterRef("pk"), since__lte=day)
            .order_by("-since", "-pk")
            .values("status")[:1]
        )
        return self.annotate(status_on=Subquery(status_on))

    def search(self, text):
        """Centres whose name contains `text` (any case), or whose ЕИК or licence
        number starts with it."""
        text = text.strip()
        if not text:
            return self
        return self.filter(
            models.Q(search_name__contains=fold_for_search(text))
            | models.Q(eik__startswith=text)
            | models.Q(license_number__startswith=text)
        )

    def licensed_on(self, day):
        """Centres licensed on `day` (CONTRACT.md §2): licence granted on or before
        `day` and the status in force on `day` is `active`."""
        return (
            self.filter(license_date__lte=day)
            .with_status_on(day)
            .filter(status_on=LicenseStatus.ACTIVE)
        )


class Center(TimeStampedModel):
    kind = models.CharField(_("вид"), max_length=4, choices=Kind.choices)
    name = models.CharField(_("наименование"), max_length=300)
    search_name = SearchTextField(source="name")
    eik = models.CharField(_("ЕИК"), max_length=13, validators=[validate_eik], db_index=True)
    license_number = models.CharField(
        _("номер на лицензията"),
        max_length=32,
        unique=True,
        validators=[validate_license_number],
    )
    license_date = models.DateField(_("дата на лицензията"))
    # The status in force today, kept equal to the newest LicenseStatusChange by
    # centers.services so that lists can filter on it without a subquery.
    status = models.CharField(
        _("статус на лицензията"),
        max_length=12,
        choices=LicenseStatus.choices,
        default=LicenseStatus.ACTIVE,
    )
    status_since = models.DateField(_("статус от"), null=True, blank=True)
    region = models.CharField(_("област"), max_length=5, choices=REGION_CHOICES)
    municipality = models.CharField(_("община"), max_length=100)
    address = models.CharField(_("адрес"), max_length=300, blank=True)
    website = models.URLField(_("интернет страница"), max_length=300, blank=True)
    email = models.EmailField(_("е-поща"), blank=True)
    phone = models.CharField(_("телефон"), max_length=50, blank=True)

    objects = CenterQuerySet.as_manager()

    class Meta:
        verbose_name = _("център")
        verbose_name_plural = _("центрове")
        ordering = ["name", "license_number"]
        indexes = [
            models.Index(fields=["kind", "region"]),
            models.Index(fields=["status"]),
        ]

    def __str__(self):
        return f"{self.name} ({self.license_number})"

    def get_absolute_url(self):
        return reverse("centers:detail", args=[self.license_number])

    @property
    def region_name(self):
        return REGIONS.get(self.region, self.region)

    def is_licensed_on(self, day):
        return Center.objects.licensed_on(day).filter(pk=self.pk).exists()


class LicenseStatusChange(models.Model):
    """One entry of a centre's licence history: `status` is in force from `since`
    until the next entry. A licence starts with an `active` entry on its date."""

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="status_history")
    status = models.CharField(_("статус"), max_length=12, choices=LicenseStatus.choices)
    since = models.DateField(_("от дата"))
    recorded_at = models.DateTimeField(_("вписан на"), auto_now_add=True)

    class Meta:
        verbose_name = _("промяна в статуса на лицензията")
        verbose_name_plural = _("история на лицензията")
        ordering = ["center", "since", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["center", "since"], name="one_status_change_a_day")
        ]

    def __str__(self):
        return f"{self.get_status_display()} от {self.since:%d.%m.%Y}"


class LicensedProfession(models.Model):
    """A profession and specialty a ЦПО is licensed to train for (from the List of
    professions for vocational education and training)."""

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="professions")
    profession_code = models.CharField(_("код на професията"), max_length=6)
    profession_name = models.CharField(_("професия"), max_length=200)
    specialty_code = models.CharField(_("код на специалността"), max_length=7)
    specialty_name = models.CharField(_("специалност"), max_length=200)

    class Meta:
        verbose_name = _("професия и специалност")
        verbose_name_plural = _("професии и специалности по лицензията")
        ordering = ["center", "specialty_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["center", "specialty_code"], name="specialty_once_per_center"
            )
        ]

    def __str__(self):
        return f"{self.specialty_code} {self.specialty_name}"


class ValidationScope(models.TextChoices):
    DEGREE_1 = "degree_1", _("първа степен на професионална квалификация")
    DEGREE_2 = "degree_2", _("втора степен на професионална квалификация")
    DEGREE_3 = "degree_3", _("трета степен на професионална квалификация")
    DEGREE_4 = "degree_4", _("четвърта степен на професионална квалификация")
    PART = "part", _("част от професия")


class ValidationStatus(models.TextChoices):
    RUNNING = "running", _("в ход")
    COMPLETED = "completed", _("приключила")
    DISCONTINUED = "discontinued", _("прекратена")


class ValidationProcedure(TimeStampedModel):
    """A procedure for validation (валидиране) of professional knowledge, skills and
    competences acquired through non-formal or informal learning (art. 40 VET Act;
    Ordinance № 2 of 13 November 2014), held by a ЦПО for one of its licensed
    specialties.

    It counts for year Y when it ran in Y, which the portal defines as: completed
    (status `completed`) with its end date in Y. Running and discontinued procedures
    count for no year. Its persons are those who went through it (`applicants`).
    """

    center = models.ForeignKey(
        Center,
        verbose_name=_("център"),
        on_delete=models.PROTECT,
        related_name="validation_procedures",
    )
    # Copied from the licence at entry, so a later change of licence keeps history.
    profession_code = models.CharField(_("код на професията"), max_length=6)
    profession_name = models.CharField(_("професия"), max_length=200)
    specialty_code = models.CharField(_("код на специалността"), max_length=7)
    specialty_name = models.CharField(_("специалност"), max_length=200)
    scope = models.CharField(_("какво се валидира"), max_length=10, choices=ValidationScope.choices)
    start_date = models.DateField(_("начало"))
    end_date = models.DateField(_("край"), null=True, blank=True)
    applicants = models.PositiveIntegerField(_("лица, подали заявление"))
    validated = models.PositiveIntegerField(_("успешно валидирани лица"))
    status = models.CharField(_("статус"), max_length=12, choices=ValidationStatus.choices)
    note = models.TextField(_("бележка"), blank=True, max_length=2000)
    version = models.PositiveIntegerField(_("версия"), default=1)

    class Meta:
        verbose_name = _("процедура по валидиране")
        verbose_name_plural = _("процедури по валидиране")
        ordering = ["-start_date", "-pk"]
        indexes = [models.Index(fields=["status", "end_date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(validated__lte=models.F("applicants")),
                name="validated_at_most_applicants",
            ),
        ]

    def __str__(self):
        return f"{self.specialty_code} {self.specialty_name} ({self.start_date:%d.%m.%Y})"
